/**
 * Providers' invoices received (SPEC §3.2): a provider answers a billing call with its own
 * invoice, more and more as Factur-X (a PDF carrying its XML) or a bare CII XML. Given to the
 * add-on through the menu's import dialog, each file is read, its totals recomputed from its lines
 * by the EN 16931 rules and compared with those it states, its seller matched to a provider by
 * SIREN, SIRET or VAT number, and the invoice to that provider's open billing call of its month
 * and amount. A match sets the call's "invoice received on" date, from which its payment falls due;
 * anything else is reported with both amounts. Every file gets a row in the _Factures reçues_ tab,
 * and is kept in the Drive folder of the same name.
 *
 * Why an import dialog and not a folder the add-on watches: the add-on's only Drive scope,
 * drive.file, reaches the files the add-on made or was given, not those a user drops into a
 * folder (Drive API scopes: "Create new Drive files, or modify existing files, that you open with
 * an app"); reading every file of the user's Drive would take drive.readonly, a restricted scope.
 *
 * Nothing is read twice: a file whose bytes, or whose seller and number, are already in the tab is
 * recorded as a duplicate without being matched again. The row is written before the file is
 * stored; a run stopped in between leaves a row without its link, completed by the next import.
 */
import { msg, perLanguage, render, t, type LocalizedText, type Message } from '../texts';
import { compareTotals, readReceivedInvoice, type ReceivedInvoice } from '../einvoice/receive';
import { contentId } from '../einvoice/pdf-update';
import { formatDate, formatMoney } from '../domain/format';
import { Money } from '../domain/money';
import { toCalendarDate } from '../domain/time-zone';
import { normalizeName } from '../sheets/normalize';
import { columnLetter } from '../sheets/problems';
import { dateCell } from './issue';
import { moneyCell, providersByCode } from './drafts';
import { refreshDueDates } from './payables';
import {
  dateText,
  loadOutput,
  saveOutput,
  text,
  type OutputTab,
  type RegisterRow,
} from './register';
import type { RunContext } from './run-context';
import { ROOT_FOLDER } from './setup';

/** The Drive folder the received files are kept in, under the add-on's root folder. */
export const RECEIVED_FOLDER = t('fr', 'tab.received');

export interface ReceivedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ReceiveOutcome {
  files: number;
  matched: number;
  /** Read, but not matched (no provider, no call, another amount, totals that do not add up). */
  unmatched: number;
  unreadable: number;
  duplicates: number;
}

const digits = (s: string): string => s.replace(/\D/g, '');

const INVOICED_MODES = new Set(['appel', 'part agence', "apport d'affaires"]);

/** The provider the invoice is from: by SIRET, then SIREN, then VAT number. */
function providerOf(ctx: RunContext, inv: ReceivedInvoice): string | null {
  const s = inv.seller;
  const siren = s.siren ?? s.siret?.slice(0, 9);
  const vat = (s.vatNumber ?? '').toUpperCase().replace(/\s/g, '');
  const rows = [...providersByCode(ctx)];
  const find = (test: (v: Record<string, unknown>) => boolean) =>
    rows.find(([, r]) => test(r.values))?.[0] ?? null;
  return (
    (s.siret ? find((v) => digits(text(v['siret'] as string)) === s.siret) : null) ??
    (siren ? find((v) => digits(text(v['siret'] as string)).slice(0, 9) === siren) : null) ??
    (vat
      ? find(
          (v) =>
            text(v['vatNumber'] as string)
              .toUpperCase()
              .replace(/\s/g, '') === vat,
        )
      : null)
  );
}

/** The month an invoice bills: its period's, else its delivery date's, else its issue date's. */
function monthOf(inv: ReceivedInvoice): string {
  return (inv.period?.start ?? inv.period?.end ?? inv.deliveryDate ?? inv.issueDate).slice(0, 7);
}

interface Decision {
  call: RegisterRow | null;
  outcome: Message;
  level: 'info' | 'warning';
}

function decide(
  ctx: RunContext,
  inv: ReceivedInvoice,
  calls: OutputTab,
  code: string | null,
): Decision {
  const cur = inv.currency || 'EUR';
  const m = (x: Money): LocalizedText => perLanguage((lang) => formatMoney(x, lang, cur));
  const today = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
  const check = compareTotals(inv);
  if (!check.ok) {
    const d = check.differences[0];
    return {
      call: null,
      level: 'warning',
      outcome: msg(
        check.differences.length > 1 ? 'received.totals-differ-more' : 'received.totals-differ',
        {
          field: d?.field ?? '',
          stated: d ? m(d.stated) : '',
          recomputed: d ? m(d.recomputed) : '',
          more: check.differences.length - 1,
        },
      ),
    };
  }
  if (code === null) {
    const id = inv.seller.siret ?? inv.seller.siren ?? inv.seller.vatNumber ?? '';
    return {
      call: null,
      level: 'warning',
      outcome: msg('received.unknown-supplier', { name: inv.seller.name ?? '', id }),
    };
  }
  const month = monthOf(inv);
  const open = calls.rows.filter(
    (r) =>
      text(r['providerCode']).toUpperCase() === code.toUpperCase() &&
      text(r['receivedOn']) === '' &&
      // What waits for the provider's invoice: a billing call, an agency or introducer's share
      // (a self-billed month is invoiced by the organisation, a CRA payout by nobody).
      INVOICED_MODES.has(text(r['mode'])),
  );
  const ttc = inv.stated.grandTotal;
  const ht = inv.stated.taxBasisTotal;
  const sameAmount = (r: RegisterRow) =>
    moneyCell(r['ttc']).equals(ttc) || moneyCell(r['amountHT']).equals(ht);
  const sameMonth = open.filter((r) => text(r['month']).slice(0, 7) === month);
  const match =
    sameMonth.find(sameAmount) ?? (sameMonth.length === 0 ? open.find(sameAmount) : undefined);
  if (match) {
    return {
      call: match,
      level: 'info',
      outcome: msg('received.matched', {
        call: text(match['reference']),
        date: perLanguage((lang) => formatDate(today, lang)),
      }),
    };
  }
  const near = sameMonth[0];
  if (near) {
    return {
      call: null,
      level: 'warning',
      outcome: msg('received.amount-differs', {
        call: text(near['reference']),
        ttc: m(ttc),
        ht: m(ht),
        callTtc: m(moneyCell(near['ttc'])),
        callHt: m(moneyCell(near['amountHT'])),
      }),
    };
  }
  return {
    call: null,
    level: 'warning',
    outcome: msg('received.no-open-call', { code, month }),
  };
}

/**
 * Reads, matches and records the files given. The rows are written first, then the calls they
 * matched, then the files kept: a run stopped after the rows is completed by the next import of
 * the same files (a call its row names but that is not marked received is marked; a row without
 * its file gets it), so nothing is lost and nothing is read twice.
 */
export function receiveFiles(ctx: RunContext, files: readonly ReceivedFile[]): ReceiveOutcome {
  const tab = loadOutput(ctx, 'received');
  const calls = loadOutput(ctx, 'billingCalls');
  const outcome: ReceiveOutcome = {
    files: 0,
    matched: 0,
    unmatched: 0,
    unreadable: 0,
    duplicates: 0,
  };
  const now = ctx.ports.clock.now();
  const today = toCalendarDate(now, ctx.timeZone);
  const cellOf = (row: RegisterRow, key: string) => {
    const col = tab.columns.get(key) ?? 1;
    return `${columnLetter(col)}${tab.rows.indexOf(row) + 2}`;
  };
  // Calls a row matched that a stopped run did not mark received (such a run's rows have no file
  // yet: the files are kept last). A complete row's call is the user's to change.
  let callsChanged = false;
  for (const row of tab.rows) {
    const ref = text(row['fileLink']) === '' ? text(row['call']) : '';
    const call = ref ? calls.rows.find((c) => text(c['reference']) === ref) : undefined;
    if (call && text(call['receivedOn']) === '') {
      call['receivedOn'] = dateCell(dateText(row['readOn'], ctx.timeZone) || today);
      callsChanged = true;
    }
  }
  const toStore: { row: RegisterRow; file: ReceivedFile }[] = [];
  for (const file of files) {
    outcome.files++;
    const fingerprint = contentId(file.bytes, 'received');
    const earlier = tab.rows.find((r) => text(r['fingerprint']) === fingerprint);
    if (earlier) {
      outcome.duplicates++;
      // The same file again: its row stands; a row whose file was not kept gets it now.
      if (text(earlier['fileLink']) === '') toStore.push({ row: earlier, file });
      continue;
    }
    const row: RegisterRow = { readOn: now, file: file.name, fileLink: '', fingerprint };
    tab.rows.push(row);
    toStore.push({ row, file });
    const read = readReceivedInvoice(file.bytes);
    if ('error' in read) {
      outcome.unreadable++;
      row['outcome'] = t(ctx.lang, 'received.unreadable-outcome', { error: read.error });
      ctx.warn(
        'received-unreadable',
        tab.name,
        cellOf(row, 'outcome'),
        file.name,
        msg('received.unreadable', { file: file.name, error: read.error }),
      );
      continue;
    }
    const inv = read.invoice;
    const seller = inv.seller;
    Object.assign(row, {
      seller: seller.name ?? '',
      sellerId: seller.siret ?? seller.siren ?? seller.vatNumber ?? '',
      number: inv.number,
      issueDate: dateCell(inv.issueDate),
      currency: inv.currency,
      statedHT: inv.stated.taxBasisTotal.toNumber(),
      statedVAT: inv.stated.taxTotal.toNumber(),
      statedTTC: inv.stated.grandTotal.toNumber(),
      recomputedHT: inv.recomputed.taxBasisTotal.toNumber(),
      recomputedVAT: inv.recomputed.taxTotal.toNumber(),
      recomputedTTC: inv.recomputed.grandTotal.toNumber(),
    });
    // The same invoice in another file (a PDF and its XML): read once.
    const same = tab.rows.find(
      (r) =>
        r !== row &&
        text(r['number']) === inv.number &&
        normalizeName(text(r['sellerId'])) === normalizeName(text(row['sellerId'])),
    );
    if (same) {
      outcome.duplicates++;
      row['outcome'] = t(ctx.lang, 'received.already-read', { file: text(same['file']) });
      continue;
    }
    const code = providerOf(ctx, inv);
    const d = decide(ctx, inv, calls, code);
    row['outcome'] = render(d.outcome, ctx.lang);
    if (d.call) {
      row['call'] = text(d.call['reference']);
      d.call['receivedOn'] = dateCell(today);
      callsChanged = true;
      outcome.matched++;
    } else {
      outcome.unmatched++;
      ctx.warn(
        'received-unmatched',
        tab.name,
        cellOf(row, 'outcome'),
        inv.number,
        msg('received.unmatched', { number: inv.number, file: file.name, outcome: d.outcome }),
      );
    }
  }
  saveOutput(ctx, tab);
  if (callsChanged) {
    // What is owed falls due from the day its invoice was received.
    refreshDueDates(ctx, calls);
    saveOutput(ctx, calls);
  }
  storeFiles(ctx, tab, toStore);
  return outcome;
}

/** Keeps each file in the Drive folder and links it from its row. */
function storeFiles(
  ctx: RunContext,
  tab: OutputTab,
  files: readonly { row: RegisterRow; file: ReceivedFile }[],
): void {
  if (files.length === 0) return;
  const folder = ctx.ports.drive.ensureFolder([ROOT_FOLDER, RECEIVED_FOLDER]);
  for (const { row, file } of files) {
    const stored = ctx.ports.drive.createBinaryFile(
      folder.id,
      `${text(row['fingerprint']).slice(0, 8)} ${file.name}`,
      /\.xml$/i.test(file.name) ? 'application/xml' : 'application/pdf',
      file.bytes,
    );
    row['fileLink'] = stored.url;
  }
  saveOutput(ctx, tab);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Bytes of a base64 text (as a browser's FileReader writes it), without Node or Apps Script. */
export function base64Bytes(b64: string): Uint8Array {
  const clean = b64.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const c of clean) {
    value = (value << 6) | B64.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** The files a dialog posted: JSON `[{ name, base64 }]`; null when it is not that. */
export function postedFiles(json: string): ReceivedFile[] | null {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return null;
    const files: ReceivedFile[] = [];
    for (const f of v as unknown[]) {
      const o = f as { name?: unknown; base64?: unknown };
      if (typeof o.name !== 'string' || typeof o.base64 !== 'string') return null;
      files.push({ name: o.name, bytes: base64Bytes(o.base64) });
    }
    return files;
  } catch {
    return null;
  }
}
