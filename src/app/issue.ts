/**
 * Issue and send: drafts → numbers (one allocation for the batch, under the run's lock) →
 * register and lines rows (one write each) → Doc and PDF per invoice → email per invoice.
 *
 * Each stage works from the register, so a run stopped anywhere is finished by the next one:
 * a numbered invoice without its documents gets them, a file left by an interrupted run is found
 * by name, and an email marked as being sent but not recorded is flagged, never sent twice.
 */
import { msg, perLanguage, render, type Message } from '../texts';
import { tabDef } from '../sheets/tabs';
import type { Payable } from '../billing/payable';
import { owedEntry, sessionRows } from './payables';
import { checkTemplateOf } from './template';
import { numberKey } from '../billing/payment-book';
import {
  contactNameOf,
  fileIdFromUrl,
  mailGate,
  markerState,
  recipientsOf,
  sendMarked,
  sweepMarkers,
} from './mailing';
import { isExecutionEnd, quotaOf } from './time-budget';
import { addDays, calendarDate, type CalendarDate } from '../domain/dates';
import { isSelfBilled, type InvoiceDocument, type InvoiceLine } from '../domain/invoice';
import { allocateNumbers, type CounterState, type NumberRequest } from '../domain/numbering';
import { parseInvoiceNumber, parseNumberPattern } from '../domain/number-pattern';
import { invoiceTotals } from '../domain/totals';
import { vatKey } from '../domain/vat';
import {
  amountLine,
  buildCreditNote,
  buildDebitNote,
  creditNoteProblems,
  remainingOfInvoice,
} from '../domain/credit-notes';
import { lineAmounts } from '../domain/line-amounts';
import { toCalendarDate } from '../domain/time-zone';
import { computeDueDate } from '../domain/due-dates';
import { missingMentions } from '../domain/mentions';
import { formatDate, formatMoney } from '../domain/format';
import { Money } from '../domain/money';
import {
  clientsByCode,
  computeDrafts,
  DRAFT_PREFIX,
  providersByCode,
  type DraftSet,
} from './drafts';
import { recordPayables } from './payables';
import { billedKey } from '../billing/billed';
import type { Draft, LineOrigin } from '../billing/draft';
import { changesAfterIssue, sourceFingerprints } from './changes';
import { invoiceDocumentModel, type RenderedInvoice } from '../render/invoice-document';
import { eInvoiceGaps, eInvoicePdf, eInvoiceXml, UnsupportedPdf } from '../einvoice';
import { trainingNotes } from '../render/training-notes';
import { invoiceEmail, selfBillingEmail } from '../render/emails';
import type { CellValue } from '../sheets/cells';
import { columnLetter, problem } from '../sheets/problems';
import {
  loadOutput,
  saveCells,
  saveOutput,
  text,
  dateText,
  snapshotOf,
  type OutputTab,
  type RegisterRow,
} from './register';
import type { RunContext } from './run-context';
import type { RenderJob, RenderResult } from './ports';

export { snapshotOf };
import { ROOT_FOLDER } from './setup';

export interface IssueOutcome {
  issued: number;
  documents: number;
  emailed: number;
  pendingMail: number;
  payables: number;
  /** Billing-call emails among `emailed`. */
  billingCalls: number;
}

export const STATUS = {
  draft: 'brouillon',
  issued: 'émise',
  sent: 'envoyée',
  check: 'à vérifier',
  cancelled: 'annulée par avoir',
} as const;

/** A calendar date as a sheet cell: noon UTC of that day shows that day in any zone of ±11 h. */
export function dateCell(d: string): CellValue {
  const [y, m, day] = d.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1, 12));
}

/**
 * `issueNew` false: only finish what earlier runs issued (documents, emails) — what the
 * trigger does between two monthly jobs.
 */
export function issueAndSend(
  ctx: RunContext,
  issueNew = true,
  sendCalls = issueNew,
  only: (draft: Draft) => boolean = () => true,
): IssueOutcome {
  const today = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
  const register = loadOutput(ctx, 'invoices');
  const lines = loadOutput(ctx, 'invoice-lines');
  if (repairLines(register, lines) > 0) saveOutput(ctx, lines);
  const set = computeDrafts(ctx, lines, register, loadOutput(ctx, 'billingCalls'));
  changesAfterIssue(ctx, register, lines);
  // IDs first: the register and lines written next refer to them, and a run stopped after
  // those writes must find the same IDs in the source tabs.
  ctx.flushIds();
  const chosen = { ...set, drafts: set.drafts.filter(only) };
  const issued = issueNew ? issueDrafts(ctx, today, register, lines, chosen) : 0;
  let emailed = 0;
  let pending = 0;
  const tally = {
    done: 0,
    total: register.rows.filter(
      (r) => text(r['number']) && !text(r['emailedAt']) && text(r['status']) === STATUS.issued,
    ).length,
  };
  // Each wave's emails leave as soon as its documents are recorded.
  const send = (): void => {
    const r = sendInvoices(ctx, register, tally);
    emailed += r.emailed;
    pending = r.pending;
  };
  const documents = renderDocuments(ctx, register, send);
  send();
  const payables = recordPayables(ctx, set, register, sendCalls);
  return {
    issued,
    documents,
    emailed: emailed + payables.emailed,
    pendingMail: pending + payables.pending,
    payables: payables.recorded,
    billingCalls: payables.emailed,
  };
}

/**
 * A draft as it is issued today, before its number: the training session's notes added (and
 * its sessions and shares, which the document lays out as tables), its due date from its own
 * terms, else the client's (`defaultTerms`).
 */
export function issuedForm(
  draft: Draft,
  today: CalendarDate,
  defaultTerms: number,
): RenderedInvoice {
  const training = draft.training
    ? trainingNotes(draft.training, draft.invoice.language, draft.invoice.currency)
    : [];
  const days = draft.termsDays ?? defaultTerms;
  return {
    ...draft.invoice,
    ...(training.length > 0 ? { notes: [...(draft.invoice.notes ?? []), ...training] } : {}),
    ...(draft.training ? { training: draft.training } : {}),
    issueDate: today,
    dueDate: computeDueDate(today, { days }, { periodic: draft.invoice.periodic === true }).dueDate,
  };
}

/** The counters of every series, read back from the register (the source of truth). */
export function counterState(ctx: RunContext, register: OutputTab): CounterState {
  const state: Record<string, { last: number; lastDate: CalendarDate }> = {};
  const { invoicePattern, creditPattern, selfBillingPattern } = ctx.settings;
  const patterns = [selfBillingPattern, creditPattern, invoicePattern].flatMap((p) => {
    const parsed = parseNumberPattern(p);
    return parsed.ok ? [parsed.pattern] : [];
  });
  for (const row of register.rows) {
    const number = text(row['number']);
    if (!number) continue;
    const parsed = patterns.map((p) => parseInvoiceNumber(p, number)).find((x) => x !== undefined);
    if (!parsed) continue;
    const date = dateText(row['issueDate'], ctx.timeZone) as CalendarDate;
    const cur = state[parsed.seriesKey];
    if (!cur || cur.last < parsed.seq)
      state[parsed.seriesKey] = { last: parsed.seq, lastDate: date };
  }
  return state;
}

function issueDrafts(
  ctx: RunContext,
  today: CalendarDate,
  register: OutputTab,
  lines: OutputTab,
  set: DraftSet,
): number {
  const clients = clientsByCode(ctx);
  const fingerprints = sourceFingerprints(ctx);
  // Numbering restarts from the register: a register that lost rows or was replaced stops here.
  if (!registerComplete(ctx, register)) return 0;
  const { drafts } = set;
  const calls = new Map(set.billingCalls.map((c) => [c.payableKey, c]));
  const payablesOf = (d: Draft): readonly OwedEntry[] =>
    set.payables.filter((p) => p.draftKey === d.key).map((p) => owedEntry(p, calls));
  removeDrafts(register, lines);
  const ready: { draft: Draft; invoice: InvoiceDocument }[] = [];
  for (const draft of drafts) {
    const clientTerms = clients.get(draft.buyerCode)?.values['paymentTerms'];
    const invoice = issuedForm(
      draft,
      today,
      typeof clientTerms === 'number' ? clientTerms : ctx.settings.paymentTerms,
    );
    // Checked before allocating, so that a refused invoice never uses up a number.
    const missing = missingMentions(invoice, { expectNumber: false });
    if (missing.length > 0) {
      appendDraft(register, lines, draft);
      for (const m of missing) {
        // At the cell to fix (a provider's IBAN, a client's address), else on the register.
        const at = m.source ? ctx.cellOf(m.source) : null;
        ctx.report(
          problem(
            'missing-mention',
            at?.tab ?? register.name,
            at?.cell ?? '',
            m.value ?? '',
            msg('issue.missing-mention', { client: draft.buyerCode, reason: m.message }),
          ),
        );
      }
      continue;
    }
    ready.push({ draft, invoice });
  }
  if (ready.length === 0) {
    saveOutput(ctx, register);
    saveOutput(ctx, lines);
    return 0;
  }
  const allocation = allocateNumbers(
    counterState(ctx, register),
    ready.map(({ draft }) => numberRequest(ctx, draft, today)),
  );
  let count = 0;
  ready.forEach(({ draft, invoice }, i) => {
    const outcome = allocation.outcomes[i];
    if (!outcome || !outcome.ok) {
      for (const p of outcome && !outcome.ok ? outcome.problems : []) {
        ctx.report(problem('numbering', register.name, '', p.value ?? '', p.message));
      }
      return;
    }
    const numbered: InvoiceDocument = {
      ...invoice,
      number: outcome.number,
      paymentReference: `${partyCode(draft)} ${outcome.number}`,
    };
    appendInvoice(register, lines, draft, numbered, STATUS.issued, fingerprints, payablesOf);
    count++;
  });
  saveOutput(ctx, register);
  saveOutput(ctx, lines);
  noteIssued(ctx, register);
  return count;
}

const ISSUED_KEY = 'register:issued';

/**
 * The register is where numbering restarts from: a register tab renamed, deleted or cut short
 * would number again from 1. The count of numbered documents is kept beside it; with fewer
 * found, nothing is issued and the Journal says why.
 */
function registerComplete(ctx: RunContext, register: OutputTab): boolean {
  if (register.unresolved.length > 0) {
    // Its item keys may be among what is missing: rows would be billed a second time.
    const overflow = { fr: tabDef('overflow').fr, en: tabDef('overflow').en };
    ctx.report(
      problem(
        'overflow-missing',
        register.name,
        register.unresolved[0] ?? '',
        register.unresolved.join(' '),
        msg('issue.overflow-missing', { count: register.unresolved.length, tab: overflow }),
      ),
    );
    return false;
  }
  const expected = Number(ctx.ports.store.get(ISSUED_KEY) ?? '0') || 0;
  const found = register.rows.filter((r) => text(r['number'])).length;
  if (found >= expected) return true;
  ctx.report(
    problem(
      'register-missing',
      register.name,
      'A1',
      `${found}/${expected}`,
      msg('issue.register-missing', { expected, found, tab: register.name }),
    ),
  );
  return false;
}

function noteIssued(ctx: RunContext, register: OutputTab): void {
  const found = register.rows.filter((r) => text(r['number'])).length;
  const known = Number(ctx.ports.store.get(ISSUED_KEY) ?? '0') || 0;
  if (found !== known) ctx.ports.store.set(ISSUED_KEY, String(found));
}

/**
 * What the register keeps of an issued document, written in the same cell as the document
 * itself so that a run stopped after the register write loses nothing:
 * - each line's source tab and, for a training invoice, its financer share, to rebuild its
 *   Lignes rows whole;
 * - what the organisation owes providers because of it (CRA payout, agency share, self-billed
 *   month), to record in Appels à facturation if the run stopped before that write.
 */
export interface OwedEntry {
  /** Its reference in Appels à facturation (the billing call's key, else the payable's). */
  ref: string;
  sessions: number | '';
  payable: Payable;
}

export type Snapshot = InvoiceDocument & {
  financerShares?: [string, string][];
  sourceTabs?: string[];
  payables?: OwedEntry[];
};

function snapshotFor(inv: InvoiceDocument, draft: Draft, payables: readonly OwedEntry[]): Snapshot {
  const shares = draft.training?.lines;
  return {
    ...inv,
    sourceTabs: inv.lines.map((_, i) => draft.origins[i]?.tab ?? ''),
    ...(shares && shares.length > 0
      ? {
          financerShares: inv.lines.map((_, i): [string, string] => {
            const d = shares[i];
            return [d ? String(d.financerShareHT) : '', d ? String(d.financerShareTTC) : ''];
          }),
        }
      : {}),
    ...(payables.length > 0 ? { payables: [...payables] } : {}),
  };
}

/**
 * The register is written before the Lignes tab: an issued invoice whose lines were not written
 * (a run stopped between the two writes) gets them back from its snapshot and item keys.
 */
export function repairLines(register: OutputTab, lines: OutputTab): number {
  const present = new Set(lines.rows.map((r) => text(r['invoice'])));
  let repaired = 0;
  for (const row of register.rows) {
    const number = text(row['number']);
    if (!number || present.has(number)) continue;
    const inv = snapshotOf(row) as Snapshot | null;
    if (!inv) continue;
    const keys = text(row['sourceRows']).split(' ');
    const totals = invoiceTotals(inv);
    inv.lines.forEach((line, i) => {
      const rebuilt = lineRow(
        number,
        i + 1,
        line,
        inv.sourceTabs?.[i] ?? line.source?.tab ?? '',
        keys[i] ?? '',
        totals.lineVat[i] ?? Money.zero(),
      );
      const share = inv.financerShares?.[i];
      if (share && share[0] !== '') {
        rebuilt['financerHT'] = Number(share[0]);
        rebuilt['financerTTC'] = Number(share[1]);
      }
      lines.rows.push(rebuilt);
    });
    repaired++;
  }
  return repaired;
}

/** The series a draft is numbered in: invoices, credit notes, or the provider's self-billing. */
function numberRequest(ctx: RunContext, draft: Draft, issueDate: CalendarDate): NumberRequest {
  const kind = draft.invoice.kind;
  if (isSelfBilled(kind)) {
    return {
      pattern: ctx.settings.selfBillingPattern,
      issueDate,
      provider: draft.providerCode ?? '',
    };
  }
  return {
    pattern: kind === 'avoir' ? ctx.settings.creditPattern : ctx.settings.invoicePattern,
    issueDate,
  };
}

/** The counterparty's code: the client, or the provider of a self-billed invoice. */
export function partyCode(draft: Draft): string {
  return draft.buyerCode || draft.providerCode || '';
}

/** Drafts can be redone freely: every run replaces the previous ones. */
export function removeDrafts(register: OutputTab, lines: OutputTab): void {
  register.rows = register.rows.filter((r) => text(r['status']) !== STATUS.draft);
  lines.rows = lines.rows.filter((r) => !text(r['invoice']).startsWith(DRAFT_PREFIX));
}

export function appendDraft(register: OutputTab, lines: OutputTab, draft: Draft): void {
  appendInvoice(register, lines, draft, draft.invoice, STATUS.draft);
}

function appendInvoice(
  register: OutputTab,
  lines: OutputTab,
  draft: Draft,
  inv: InvoiceDocument,
  status: string = STATUS.issued,
  sourceFingerprint: (origin: LineOrigin) => string = () => '',
  payablesOf: (draft: Draft) => readonly OwedEntry[] = () => [],
): void {
  const totals = invoiceTotals(inv);
  const id = inv.number ?? `${DRAFT_PREFIX}${draft.key}`;
  const period = inv.servicePeriod
    ? `${inv.servicePeriod.start}..${inv.servicePeriod.end}`
    : (inv.serviceDate ?? '');
  const row: RegisterRow = {
    number: inv.number ?? '',
    draftId: draft.key,
    kind: inv.kind,
    direction: draft.direction === 'payable' ? 'à payer' : 'à encaisser',
    status,
    seller: inv.seller.name,
    buyer: inv.buyer.name,
    buyerCode: partyCode(draft),
    financer: draft.financerCode ?? '',
    sponsor: (draft.sponsorCodes ?? []).join(' '),
    period: (inv.servicePeriod?.start ?? inv.serviceDate ?? '').slice(0, 7),
    issueDate: inv.issueDate ? dateCell(inv.issueDate) : '',
    serviceDates: period,
    totalHT: totals.taxBasisTotal.toNumber(),
    vatByRate: totals.vatBreakdown.map((b) => `${b.key}=${b.taxAmount.toFixed(2)}`).join('; '),
    totalTTC: totals.grandTotal.toNumber(),
    dueDate: inv.dueDate ? dateCell(inv.dueDate) : '',
    docLink: '',
    pdfLink: '',
    emailedAt: '',
    creditTarget: '',
    // One item key per line, in line order: with the snapshot, enough to rebuild the Lignes rows
    // of an invoice whose run stopped between the two writes.
    sourceRows: draft.origins.map((o) => billedKey(o)).join(' '),
    // One fingerprint of the source row per line (same order as the item keys): a source row
    // changed or deleted after issue is reported by `changesAfterIssue`.
    fingerprint: draft.origins.map((o) => sourceFingerprint(o)).join(' '),
    snapshot:
      status === STATUS.draft ? '' : JSON.stringify(snapshotFor(inv, draft, payablesOf(draft))),
  };
  register.rows.push(row);
  inv.lines.forEach((line, i) => {
    const origin = draft.origins[i];
    const row = lineRow(
      id,
      i + 1,
      line,
      origin?.tab ?? '',
      origin ? billedKey(origin) : '',
      totals.lineVat[i] ?? Money.zero(),
    );
    const detail = draft.training?.lines[i];
    if (detail) {
      row['financerHT'] = Number(detail.financerShareHT);
      row['financerTTC'] = Number(detail.financerShareTTC);
    }
    lines.rows.push(row);
  });
}

function lineRow(
  number: string,
  index: number,
  line: InvoiceLine,
  tab: string,
  id: string,
  vat: Money,
): RegisterRow {
  const net = lineAmounts(line).net;
  return {
    invoice: number,
    line: index,
    sourceTab: tab,
    sourceId: id,
    description: line.description,
    quantity: Number(line.quantity),
    unit: line.unit ?? '',
    unitPrice: Number(line.unitPrice),
    discount: line.discountPercent ? Number(line.discountPercent) : '',
    netHT: net.toNumber(),
    vatRate: line.vat.category === 'S' ? Number(line.vat.ratePercent) : 0,
    vat: vat.toNumber(),
    ttc: net.plus(vat).toNumber(),
    financerHT: '',
    financerTTC: '',
  };
}

/** What a register row's document asks to be paid: TTC less deposits already invoiced. */
function askedOf(row: RegisterRow): Money {
  const snap = snapshotOf(row);
  return snap
    ? invoiceTotals(snap).duePayableAmount
    : Money.fromNumberExact(Number(row['totalTTC']));
}

export function documentName(number: string, buyer: string): string {
  return `${number} - ${buyer}`.replace(/[\\/]/g, '-');
}

/** What each issued document owes providers, as its register snapshot keeps it. */
export function owedByIssued(register: OutputTab): { number: string; owed: OwedEntry }[] {
  return register.rows.flatMap((r) => {
    const number = text(r['number']);
    if (!number) return [];
    return ((snapshotOf(r) as Snapshot | null)?.payables ?? []).map((owed) => ({ number, owed }));
  });
}

/** Documents made at once in one wave of concurrent requests (fetchAll). */
export const DOCUMENT_WAVE = 10;

/**
 * Numbers whose documents a wave has started and not yet recorded in the register. Written
 * before the wave's first request: only their names are looked up (and their leftovers put in
 * the trash) by the next run; a document no run started is never looked for.
 */
const STARTED_KEY = 'documents:started';

function readStarted(ctx: RunContext): Set<string> {
  try {
    const v = JSON.parse(ctx.ports.store.get(STARTED_KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(v) ? v.map(String) : []);
  } catch {
    return new Set();
  }
}

function writeStarted(ctx: RunContext, started: ReadonlySet<string>): void {
  if (started.size === 0) ctx.ports.store.remove(STARTED_KEY);
  else ctx.ports.store.set(STARTED_KEY, JSON.stringify([...started]));
}

/**
 * Docs, PDFs and e-invoice XMLs of the issued documents that have none, a wave of
 * `DOCUMENT_WAVE` at a time; `afterWave` runs once each wave is recorded (the monthly job sends
 * its emails there, so the first one leaves with the first wave).
 */
function renderDocuments(
  ctx: RunContext,
  register: OutputTab,
  afterWave: () => void = () => undefined,
): number {
  const todo = register.rows.filter(
    (r) => text(r['number']) && (!text(r['docLink']) || !text(r['pdfLink'])),
  );
  const started = readStarted(ctx);
  // Numbers a run recorded in the register just before it stopped are done.
  const waiting = new Set(todo.map((r) => text(r['number'])));
  const before = started.size;
  for (const n of [...started]) if (!waiting.has(n)) started.delete(n);
  if (started.size !== before) writeStarted(ctx, started);
  if (todo.length === 0) return 0;
  const templateId = ctx.settings.templateId;
  // No template yet (the day's Docs quota stopped its making): the documents wait for it.
  if (!templateId) return 0;
  // Numbers stay issued; the documents wait until the template has its required placeholders.
  const check = checkTemplateOf(ctx);
  if (check && check.missing.length > 0) return 0;
  const docsQuota = readDocsQuota(ctx);
  if (docsQuota.full) {
    ctx.budget.quota('docs-quota', 'documents');
    return 0;
  }
  const cellOf = (row: RegisterRow): string =>
    `${columnLetter(register.columns.get('number') ?? 1)}${register.rows.indexOf(row) + 2}`;
  let done = 0;
  let created = 0;
  let stopped = false;
  for (let w = 0; w < todo.length && !stopped; w += DOCUMENT_WAVE) {
    if (!ctx.budget.allows('documents-wave', 'documents')) break;
    const wave: { row: RegisterRow; job: RenderJob }[] = [];
    for (const row of todo.slice(w, w + DOCUMENT_WAVE)) {
      const inv = snapshotOf(row);
      const number = text(row['number']);
      if (!inv || !inv.issueDate) {
        ctx.report(
          problem(
            'no-snapshot',
            register.name,
            '',
            number,
            msg('issue.no-snapshot', { number, column: msg('column.invoices.snapshot') }),
          ),
        );
        continue;
      }
      const [yyyy, mm] = inv.issueDate.split('-');
      const folder = ctx.ports.drive.ensureFolder([ROOT_FOLDER, yyyy ?? '', mm ?? '']);
      const name = documentName(inv.number ?? '', inv.buyer.name);
      const xml = ctx.settings.eInvoicing ? eInvoiceXml(inv) : null;
      // A Doc recorded without its PDF (a run of an earlier version stopped between the two).
      const docId = text(row['docLink']) ? fileIdFromUrl(text(row['docLink'])) : null;
      wave.push({
        row,
        job: {
          templateId,
          folderId: folder.id,
          name,
          model: invoiceDocumentModel(inv, {
            buyerCode: text(row['buyerCode']),
            totals: invoiceTotals(inv),
          }),
          docId,
          leftovers: started.has(number) || docId !== null,
          xml,
          ...(xml === null
            ? {}
            : {
                transform: (bytes: Uint8Array) => facturX(ctx, register, row, bytes, inv, xml),
              }),
        },
      });
    }
    if (wave.length === 0) continue;
    for (const { row } of wave) started.add(text(row['number']));
    writeStarted(ctx, started);
    const results = ctx.budget.unit('documents-wave', (): RenderResult[] => {
      try {
        return ctx.ports.docs.renderBatch(wave.map((x) => x.job));
      } catch (e) {
        // A service error outside the requests themselves (the template read, a quota of
        // UrlFetchApp): the whole wave waits for the next run.
        if (isExecutionEnd(e)) throw e;
        const error = e instanceof Error ? e.message : String(e);
        const q = quotaOf(e);
        return wave.map(() => ({
          ok: false as const,
          error,
          quota: q === null ? null : q === 'docs' ? ('docs' as const) : ('other' as const),
        }));
      }
    });
    let failed = 0;
    let quotaError: { quota: 'docs' | 'other'; why: string } | null = null;
    results.forEach((result, k) => {
      const row = wave[k]?.row as RegisterRow;
      const number = text(row['number']);
      if (result.ok) {
        row['docLink'] = result.doc.url;
        row['pdfLink'] = result.pdf.url;
        if (result.xml) row['xmlLink'] = result.xml.url;
        if (result.created) created++;
        started.delete(number);
        done++;
        return;
      }
      if (result.quota !== null) {
        quotaError ??= { quota: result.quota, why: result.error };
        return;
      }
      // This invoice's document failed (a document the service refuses): reported at its
      // register row, retried by the next run; the others go on.
      failed++;
      ctx.budget.quota('service-limit', 'documents');
      ctx.report(
        problem(
          'document-failed',
          register.name,
          cellOf(row),
          result.error,
          msg('issue.document-failed', { number }),
          'warning',
        ),
      );
    });
    saveCells(
      ctx,
      register,
      wave.map((x) => x.row),
      ['docLink', 'pdfLink', 'xmlLink'],
    );
    writeStarted(ctx, started);
    if (created > 0) writeDocsQuota(ctx, { ...docsQuota, created: docsQuota.created + created });
    ctx.progress(done, todo.length, 'progress.laid-out');
    // A wave that failed whole: the service is down for now, the rest waits too.
    if (failed === wave.length) stopped = true;
    const limit = quotaError as { quota: 'docs' | 'other'; why: string } | null;
    if (limit) {
      stopped = true;
      const waiting = todo.length - done;
      if (limit.quota === 'docs') {
        ctx.budget.quota('docs-quota', 'documents');
        docsQuota.full = true;
        writeDocsQuota(ctx, { ...docsQuota, created: docsQuota.created + created });
        ctx.warn(
          'docs-quota',
          register.name,
          '',
          limit.why,
          msg('issue.docs-quota', { created: docsQuota.created + created, waiting }),
        );
      } else {
        ctx.budget.quota('service-limit', 'documents');
        ctx.warn(
          'service-limit',
          register.name,
          '',
          limit.why,
          msg('issue.service-limit', { waiting }),
        );
      }
    }
    afterWave();
  }
  return done;
}

/**
 * For an attachment exported again from its Doc (the PDF was made by an earlier run): what makes
 * it the Factur-X PDF it was, when the row's document has its e-invoice.
 */
export function eInvoiceTransform(
  ctx: RunContext,
  row: RegisterRow,
): { transform?: (pdf: Uint8Array) => Uint8Array } {
  const inv = snapshotOf(row);
  if (!inv || text(row['xmlLink']) === '') return {};
  return {
    transform: (bytes) => {
      try {
        return eInvoicePdf(bytes, inv, eInvoiceXml(inv), ctx.ports.clock.now());
      } catch (e) {
        if (e instanceof UnsupportedPdf) return bytes;
        throw e;
      }
    },
  };
}

/**
 * The Factur-X PDF of a register row's document, from the bytes its Doc exports. What the French
 * rules would reject is reported at the row (the PDF and XML are still made: the data is the
 * user's to complete); a PDF the update cannot read keeps its exported bytes, reported too.
 */
function facturX(
  ctx: RunContext,
  register: OutputTab,
  row: RegisterRow,
  bytes: Uint8Array,
  inv: InvoiceDocument,
  xml: string,
): Uint8Array {
  const number = text(row['number']);
  const cell = `${columnLetter(register.columns.get('number') ?? 1)}${register.rows.indexOf(row) + 2}`;
  for (const gap of eInvoiceGaps(inv)) {
    ctx.warn(
      'einvoice-gap',
      register.name,
      cell,
      number,
      msg('issue.einvoice-gap', { number, gap }),
    );
  }
  try {
    return eInvoicePdf(bytes, inv, xml, ctx.ports.clock.now());
  } catch (e) {
    if (!(e instanceof UnsupportedPdf)) throw e;
    ctx.warn(
      'facturx-pdf',
      register.name,
      cell,
      render(e.reason, ctx.lang),
      msg('issue.facturx-pdf', { number, error: e.reason }),
    );
    return bytes;
  }
}

/**
 * Google Docs created today, counted by the runs themselves (Apps Script tells the remaining
 * mail quota, not the Docs one), and whether the service already refused one today.
 */
const DOCS_QUOTA_KEY = 'quota:docs';

interface DocsQuota {
  day: string;
  created: number;
  full: boolean;
}

function readDocsQuota(ctx: RunContext): DocsQuota {
  const day = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
  try {
    const v = JSON.parse(ctx.ports.store.get(DOCS_QUOTA_KEY) ?? 'null') as DocsQuota | null;
    if (v && v.day === day) return { day, created: Number(v.created) || 0, full: v.full === true };
  } catch {
    // An unreadable count starts again from zero.
  }
  return { day, created: 0, full: false };
}

function writeDocsQuota(ctx: RunContext, q: DocsQuota): void {
  ctx.ports.store.set(DOCS_QUOTA_KEY, JSON.stringify(q));
}

/** Docs created today by this add-on in this workbook, for the run's outcome. */
export function docsCreatedToday(ctx: RunContext): number {
  return readDocsQuota(ctx).created;
}

/**
 * Emails of the issued documents that have their PDF. `tally` counts across the calls of one
 * run (the monthly job sends after each wave of documents), for its "n / total" progress.
 */
function sendInvoices(
  ctx: RunContext,
  register: OutputTab,
  tally: { done: number; total: number } | null = null,
): { emailed: number; pending: number } {
  const clients = clientsByCode(ctx);
  const providers = providersByCode(ctx);
  const { store } = ctx.ports;
  let emailed = 0;
  let pending = 0;
  const sent: string[] = [];
  const emailedNumbers = new Set(
    register.rows.filter((r) => text(r['emailedAt'])).map((r) => text(r['number'])),
  );
  sweepMarkers(ctx, 'mail:', (number) => emailedNumbers.has(number));
  const todo = register.rows.filter(
    (row) =>
      text(row['number']) &&
      !text(row['emailedAt']) &&
      text(row['pdfLink']) &&
      text(row['status']) === STATUS.issued,
  );
  for (const row of todo) {
    const number = text(row['number']);
    const marker = `mail:${number}`;
    const left = markerState(ctx, marker);
    if (left.state === 'sent') {
      row['emailedAt'] = left.at;
      row['status'] = STATUS.sent;
      sent.push(marker);
      continue;
    }
    if (left.state === 'sending') {
      row['status'] = STATUS.check;
      ctx.warn(
        'mail-unconfirmed',
        register.name,
        '',
        number,
        msg('issue.mail-unconfirmed', { number }),
      );
      continue;
    }
    // A self-billed invoice goes to its provider (the seller) for approval; others to the client.
    const payable = text(row['direction']) === 'à payer';
    const party = (payable ? providers : clients).get(text(row['buyerCode']));
    const emails = recipientsOf(party?.values[payable ? 'email' : 'emails']);
    if (emails.length === 0) {
      ctx.report(
        problem(
          'no-recipient',
          register.name,
          '',
          text(row['buyerCode']),
          msg('issue.no-recipient', { number, client: text(row['buyerCode']) }),
        ),
      );
      continue;
    }
    if (mailGate(ctx, emails.length, 'send') !== 'send') {
      pending++;
      continue;
    }
    const lang =
      party?.values['language'] === 'en' || party?.values['language'] === 'fr'
        ? (party.values['language'] as 'en' | 'fr')
        : ctx.lang;
    const due = dateText(row['dueDate'], ctx.timeZone);
    const contestDays = Number(party?.values['contestDays'] ?? 0) || 15;
    const issued = dateText(row['issueDate'], ctx.timeZone);
    const selfCredit = payable && text(row['kind']) === 'autofacture-avoir';
    const message = selfCredit
      ? invoiceEmail({
          lang,
          number,
          buyerName: text(party?.values['name'] as string | undefined) || text(row['seller']),
          contactName: contactNameOf(party, 'provider'),
          sellerName: ctx.settings.orgName,
          total: formatMoney(askedOf(row).abs(), lang, ctx.settings.currency || 'EUR'),
          dueDate: '',
          paymentReference: '',
          docUrl: text(row['docLink']),
          creditOf: text(row['creditTarget']),
          selfBilled: true,
        })
      : payable
        ? selfBillingEmail({
            lang,
            number,
            providerName: text(party?.values['name'] as string | undefined) || text(row['seller']),
            contactName: contactNameOf(party, 'provider'),
            buyerName: ctx.settings.orgName,
            total: formatMoney(
              Money.fromNumberExact(Number(row['totalTTC'])),
              lang,
              ctx.settings.currency || 'EUR',
            ),
            contestBy: issued ? formatDate(addDays(calendarDate(issued), contestDays), lang) : '',
            docUrl: text(row['docLink']),
            // The month's sessions, as the billing call lists them.
            sessions: sessionRows(
              ((snapshotOf(row) as Snapshot | null)?.payables ?? []).flatMap(
                (o) => o.payable.lines,
              ),
              lang,
              ctx.settings.currency || 'EUR',
            ),
          })
        : invoiceEmail({
            lang,
            number,
            buyerName: text(row['buyer']),
            contactName: contactNameOf(party, 'client'),
            sellerName: ctx.settings.orgName,
            // What is asked: a balance invoice less its deposits; a credit note without its sign.
            total: formatMoney(askedOf(row).abs(), lang, ctx.settings.currency || 'EUR'),
            dueDate: due ? formatDate(calendarDate(due), lang) : '',
            paymentReference: `${text(row['buyerCode'])} ${number}`,
            docUrl: text(row['docLink']),
            ...(text(row['kind']) === 'avoir' ? { creditOf: text(row['creditTarget']) } : {}),
          });
    if (payable) ctx.ports.docs.shareWith(fileIdFromUrl(text(row['docLink'])), emails, 'comment');
    const ok = sendMarked(ctx, marker, emails, message, [
      {
        fileId: fileIdFromUrl(text(row['pdfLink'])),
        docId: fileIdFromUrl(text(row['docLink'])),
        name: `${documentName(number, text(row['buyer']))}.pdf`,
        ...eInvoiceTransform(ctx, row),
      },
    ]);
    if (!ok) {
      pending++;
      continue;
    }
    row['emailedAt'] = ctx.ports.clock.now();
    row['status'] = STATUS.sent;
    sent.push(marker);
    emailed++;
    ctx.progress((tally?.done ?? 0) + emailed, tally?.total ?? todo.length, 'progress.sent');
  }
  if (tally) tally.done += emailed;
  // Only the rows this call changed: a register of 1,500 rows is not written again per wave.
  saveCells(ctx, register, todo, ['emailedAt', 'status']);
  store.remove(...sent);
  return { emailed, pending };
}

export interface CreditRequest {
  /** The invoice credited. */
  number: string;
  /** Amount with VAT to credit; null credits all that remains. */
  amountTTC: Money | null;
  reason: string;
}

export type CreditOutcome =
  | { ok: true; number: string; total: Money; cancelled: boolean }
  | { ok: false; field: 'invoice' | 'amount' | 'reason'; why: Message };

/**
 * Issue a credit note against an issued invoice (SPEC §3.5): all that remains of it, or an
 * amount with VAT on an invoice at a single VAT rate. Numbered in the credit-note series,
 * linked to the original, then laid out and emailed like an invoice. An invoice credited in
 * full becomes `annulée par avoir`.
 */
export function issueCreditNote(ctx: RunContext, req: CreditRequest): CreditOutcome {
  const today = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
  const register = loadOutput(ctx, 'invoices');
  const lines = loadOutput(ctx, 'invoice-lines');
  const row = issuedRow(register, req.number);
  if (isRefusal(row)) return row;
  const number = text(row['number']);
  const original = snapshotOf(row);
  // A self-billed invoice is corrected by the organisation too, which issues under the mandate:
  // its credit note goes in the provider's own series, to the provider.
  const selfBilled = original?.kind === 'autofacture';
  if (!original || (original.kind !== 'facture' && original.kind !== 'acompte' && !selfBilled)) {
    return refuse('invoice', msg('refusal.not-an-invoice-for-credit', { number }));
  }
  if (text(row['status']) === STATUS.cancelled) {
    return refuse('invoice', msg('refusal.already-cancelled', { number }));
  }
  if (req.reason.trim() === '') {
    return refuse('reason', msg('refusal.credit-reason'));
  }
  const related = register.rows
    .filter((r) => text(r['creditTarget']) === number)
    .map(snapshotOf)
    .filter((x): x is InvoiceDocument => x !== null);
  const remaining = remainingOfInvoice(original, related);
  let credit: InvoiceDocument;
  if (req.amountTTC === null) {
    credit = buildCreditNote(original, { issueDate: today, reason: req.reason });
    if (related.length > 0) {
      // Credit what remains: one line per VAT rate left.
      credit = {
        ...credit,
        lines: [...remaining.byVat.entries()]
          .filter(([, ht]) => ht.isPositive())
          .map(([key, ht]) => {
            const vat = (original.lines.find((l) => vatKey(l.vat) === key) ?? original.lines[0])!
              .vat;
            return { ...amountLine(req.reason, ht, vat), quantity: '-1' };
          }),
      };
    }
  } else {
    const rates = [...remaining.byVat.keys()];
    if (rates.length !== 1) {
      return refuse('amount', msg('refusal.partial-credit-rates', { number }));
    }
    const vat = original.lines[0]!.vat;
    const rate = vat.category === 'S' ? Money.of(vat.ratePercent).dividedBy('100') : Money.zero();
    const ht = req.amountTTC.dividedBy(Money.of('1').plus(rate).toString()).roundHalfUp();
    credit = {
      ...buildCreditNote(original, { issueDate: today, reason: req.reason }),
      lines: [{ ...amountLine(req.reason, ht, vat), quantity: '-1' }],
    };
  }
  const problems = creditNoteProblems(original, related, credit);
  if (problems.length > 0) {
    const cur = ctx.settings.currency || 'EUR';
    return refuse(
      'amount',
      msg('refusal.credit-refused', {
        remaining: perLanguage((lang) => formatMoney(remaining.grandTotal, lang, cur)),
        number,
        reason: problems[0]?.message ?? '',
      }),
    );
  }
  const providerCode = selfBilled ? text(row['buyerCode']) : '';
  const total = invoiceTotals(credit).grandTotal.abs();
  const cancelled = !remaining.grandTotal.minus(total).isPositive();
  const issued = issueCorrection(ctx, register, lines, row, {
    doc: credit,
    blocked: msg('refusal.blocked-credit'),
    request: selfBilled
      ? { pattern: ctx.settings.selfBillingPattern, issueDate: today, provider: providerCode }
      : { pattern: ctx.settings.creditPattern, issueDate: today },
    key: `credit:${number}`,
    // Issued under the mandate, to the provider: it follows the self-billed invoice.
    party: selfBilled
      ? { buyerCode: '', providerCode, direction: 'payable' }
      : { buyerCode: text(row['buyerCode']) },
    onRecorded: () => {
      if (cancelled) row['status'] = STATUS.cancelled;
    },
  });
  if (isRefusal(issued)) return issued;
  return { ok: true, number: issued.number, total, cancelled };
}

export interface DebitRequest {
  /** The invoice supplemented. */
  number: string;
  /** The supplement, with VAT (positive). */
  amountTTC: Money;
  reason: string;
}

/**
 * Issue a debit note (SPEC §3.5, UNTDID 1001 type 383): a supplement to an issued client
 * invoice at a single VAT rate, numbered in the invoice series, naming the invoice it adds to,
 * due like an invoice (the client's terms from its issue date), then laid out and emailed like
 * one. The payment status counts it as an invoice of its own.
 */
export function issueDebitNote(
  ctx: RunContext,
  req: DebitRequest,
): { ok: true; number: string; total: Money } | Extract<CreditOutcome, { ok: false }> {
  const today = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
  const register = loadOutput(ctx, 'invoices');
  const lines = loadOutput(ctx, 'invoice-lines');
  const row = issuedRow(register, req.number);
  if (isRefusal(row)) return row;
  const number = text(row['number']);
  const original = snapshotOf(row);
  if (!original || (original.kind !== 'facture' && original.kind !== 'acompte')) {
    return refuse('invoice', msg('refusal.not-an-invoice-for-debit', { number }));
  }
  if (text(row['status']) === STATUS.cancelled) {
    return refuse('invoice', msg('refusal.cancelled-issue-new', { number }));
  }
  if (req.reason.trim() === '') {
    return refuse('reason', msg('refusal.reason'));
  }
  const rates = [...new Set(original.lines.map((l) => vatKey(l.vat)))];
  if (rates.length !== 1) {
    return refuse('amount', msg('refusal.supplement-rates', { number }));
  }
  const vat = original.lines[0]!.vat;
  const rate = vat.category === 'S' ? Money.of(vat.ratePercent).dividedBy('100') : Money.zero();
  const ht = req.amountTTC.dividedBy(Money.of('1').plus(rate).toString()).roundHalfUp();
  if (!ht.isPositive()) {
    return refuse('amount', msg('refusal.amount-too-small'));
  }
  const clients = clientsByCode(ctx);
  const clientTerms = clients.get(text(row['buyerCode']))?.values['paymentTerms'];
  const terms = typeof clientTerms === 'number' ? clientTerms : ctx.settings.paymentTerms;
  const debit: InvoiceDocument = {
    ...buildDebitNote(original, {
      issueDate: today,
      reason: req.reason,
      lines: [amountLine(req.reason, ht, vat)],
    }),
    dueDate: computeDueDate(today, { days: terms }).dueDate,
  };
  const missing = missingMentions(debit, { expectNumber: false });
  if (missing.length > 0) {
    return refuse(
      'invoice',
      msg('refusal.debit-not-issued', { reason: missing[0]?.message ?? '' }),
    );
  }
  const issued = issueCorrection(ctx, register, lines, row, {
    doc: debit,
    blocked: msg('refusal.blocked-debit'),
    request: { pattern: ctx.settings.invoicePattern, issueDate: today },
    key: `debit:${number}`,
    party: { buyerCode: text(row['buyerCode']) },
  });
  if (isRefusal(issued)) return issued;
  return { ok: true, number: issued.number, total: invoiceTotals(debit).grandTotal };
}

export type Refusal = Extract<CreditOutcome, { ok: false }>;

export function isRefusal(x: object): x is Refusal {
  return (x as Partial<Refusal>).ok === false;
}

export function refuse(field: Refusal['field'], why: Message): Refusal {
  return { ok: false, field, why };
}

/** The register row of the issued invoice a form names, or why there is none. */
export function issuedRow(register: OutputTab, wanted: string): RegisterRow | Refusal {
  const key = numberKey(wanted);
  const row = register.rows.find((r) => key !== '' && numberKey(text(r['number'])) === key);
  return row ?? refuse('invoice', msg('refusal.unknown-invoice', { number: wanted }));
}

/**
 * A correction of the invoice in `row` (credit or debit note), numbered in its series, recorded
 * in the register with the invoice it names (`onRecorded` changes the invoice's row in the same
 * write), then laid out and emailed like an invoice.
 */
function issueCorrection(
  ctx: RunContext,
  register: OutputTab,
  lines: OutputTab,
  row: RegisterRow,
  c: {
    doc: InvoiceDocument;
    /** What the register's state prevents, for the refusal. */
    blocked: Message;
    request: NumberRequest;
    key: string;
    party: Pick<Draft, 'buyerCode' | 'providerCode' | 'direction'>;
    onRecorded?: () => void;
  },
): { number: string } | Refusal {
  if (!registerComplete(ctx, register)) {
    return refuse('invoice', msg('refusal.register-incomplete', { blocked: c.blocked }));
  }
  const outcome = allocateNumbers(counterState(ctx, register), [c.request]).outcomes[0];
  if (!outcome || !outcome.ok) {
    const p = outcome && !outcome.ok ? outcome.problems[0] : undefined;
    return refuse('invoice', p?.message ?? msg('refusal.numbering-failed'));
  }
  const numbered: InvoiceDocument = {
    ...c.doc,
    number: outcome.number,
    paymentReference: `${text(row['buyerCode'])} ${outcome.number}`,
  };
  const draft: Draft = { ...c.party, key: c.key, invoice: numbered, origins: [], recipients: [] };
  appendInvoice(register, lines, draft, numbered, STATUS.issued);
  const added = register.rows[register.rows.length - 1];
  if (added) added['creditTarget'] = text(row['number']);
  c.onRecorded?.();
  saveOutput(ctx, register);
  saveOutput(ctx, lines);
  noteIssued(ctx, register);
  renderDocuments(ctx, register);
  sendInvoices(ctx, register);
  return { number: outcome.number };
}
