/**
 * For the accountant and the annual report, from what the tabs already hold:
 * - the accounting entries of a period (sales, purchases, bank), written to the Écritures tab and
 *   to a file in the FEC layout in Drive;
 * - the SEPA credit-transfer file that pays the providers' payables due by a date, each payable
 *   marked with the file's message id first, so that none is ever paid twice;
 * - the BPF figures of a year (cadres C and F-1) in the BPF tab.
 * Each reads the tabs, computes with the pure modules of src/accounting, and writes in as few
 * calls as it can; each can be run again: the same tabs give the same entries, the same file and
 * the same figures.
 */
import {
  defaultChart,
  fecFile,
  fecRows,
  ledgerEntries,
  type Account,
  type Chart,
  type FecEntry,
} from '../accounting/fec';
import {
  bpfFigures,
  type BpfCLine,
  type BpfF1Line,
  type BpfLearner,
  type BpfRevenue,
} from '../accounting/bpf';
import {
  checkBatch,
  compactCode,
  controlSum,
  MAX_ID,
  pain001,
  sepaId,
  type Transfer,
  type TransferBatch,
} from '../accounting/sepa';
import { numberKey, type BookLine } from '../billing/payment-book';
import {
  compareDates,
  firstDayOfMonth,
  lastDayOfMonth,
  type CalendarDate,
  type MonthKey,
} from '../domain/dates';
import { isValidIban } from '../domain/identifiers';
import { Money } from '../domain/money';
import { invoiceTotals } from '../domain/totals';
import { localDateTime, toCalendarDate } from '../domain/time-zone';
import { settingLabel } from '../sheets/settings';
import { a1 } from '../sheets/problems';
import { msg, perLanguage, render, t, type Message, type PlainTextKey } from '../texts';
import { dateCell } from './issue';
import { ISSUED, ledgerInput } from './ledger';
import { computeBook } from './payment-status';
import type { FileRef } from './ports';
import { dateText, loadOutput, saveOutput, snapshotOf, text, type RegisterRow } from './register';
import type { RunContext } from './run-context';
import { ROOT_FOLDER } from './setup';

/** The Drive folder, under the add-on's, that receives the FEC and credit-transfer files. */
function accountingFolder(ctx: RunContext): FileRef {
  return ctx.ports.drive.ensureFolder([ROOT_FOLDER, t(ctx.lang, 'accounting.folder')]);
}

// ---------------------------------------------------------------------------------------------
// Chart of accounts

/** Settings that name an account, and the chart's place each one fills. */
export const ACCOUNT_SETTINGS = {
  accountClients: 'clients',
  accountProviders: 'providers',
  accountBank: 'bank',
  accountSales: 'sales',
  accountTraining: 'training',
  accountPurchases: 'purchases',
  accountFees: 'fees',
  accountVatCollected: 'vatCollected',
  accountVatDeductible: 'vatDeductible',
} as const;

/**
 * The chart the entries use: the default accounts with their labels in the workbook's language,
 * each number replaced by its setting when given.
 */
export function chartOf(ctx: RunContext): Chart {
  const d = defaultChart(ctx.lang);
  const s = ctx.settings;
  const account = (number: string, fallback: Account): Account => ({
    number: number.trim() === '' ? fallback.number : number.trim(),
    label: fallback.label,
  });
  return {
    journals: d.journals,
    clients: account(s.accountClients, d.clients),
    providers: account(s.accountProviders, d.providers),
    bank: account(s.accountBank, d.bank),
    revenue: {
      default: account(s.accountSales, d.revenue.default),
      training: account(s.accountTraining, d.revenue['training'] ?? d.revenue.default),
    },
    expenses: {
      default: account(s.accountPurchases, d.expenses.default),
      fees: account(s.accountFees, d.expenses['fees'] ?? d.expenses.default),
    },
    vatCollected: { default: account(s.accountVatCollected, d.vatCollected.default) },
    vatDeductible: account(s.accountVatDeductible, d.vatDeductible),
  };
}

// ---------------------------------------------------------------------------------------------
// Accounting entries

export interface EntriesOutcome {
  from: CalendarDate;
  to: CalendarDate;
  entries: number;
  lines: number;
  /** Documents or payments left out, each reported in the Journal. */
  skipped: number;
  file: FileRef;
  fileName: string;
}

/**
 * The FEC file's name: for a whole calendar year, the one the law gives (SirenFECAAAAMMJJ,
 * article A47 A-1 of the Livre des procédures fiscales, IX); for any other period, its dates.
 */
export function entriesFileName(siren: string, from: CalendarDate, to: CalendarDate): string {
  const digits = siren.replace(/\D/g, '');
  const year = from.slice(0, 4);
  if (from === `${year}-01-01` && to === `${year}-12-31` && digits.length === 9)
    return `${digits}FEC${to.replace(/-/g, '')}.txt`;
  const period =
    from.slice(0, 7) === to.slice(0, 7) &&
    from === firstDayOfMonth(from.slice(0, 7) as MonthKey) &&
    to === lastDayOfMonth(to.slice(0, 7) as MonthKey)
      ? from.slice(0, 7)
      : `${from}_${to}`;
  return `${digits === '' ? '' : digits}FEC_${period}.txt`;
}

/** The month's bounds: `2026-11` → 1 and 30 November. */
export function monthPeriod(month: MonthKey): { from: CalendarDate; to: CalendarDate } {
  return { from: firstDayOfMonth(month), to: lastDayOfMonth(month) };
}

/**
 * The period's entries, in the Écritures tab (the tab then holds this period only) and in a FEC
 * file (tab-separated, decimal comma) that replaces the period's earlier one in Drive. Entries
 * are numbered per journal from 1 in the period, without gaps; each balances.
 */
export function exportEntries(
  ctx: RunContext,
  from: CalendarDate,
  to: CalendarDate,
): EntriesOutcome {
  const register = loadOutput(ctx, 'invoices', false);
  const calls = loadOutput(ctx, 'billingCalls', false);
  const { inputs } = computeBook(ctx);
  const input = ledgerInput(
    register.rows,
    calls.rows,
    inputs.payments,
    ctx.timeZone,
    from,
    to,
    ctx.lang,
  );
  const chart = chartOf(ctx);
  const { entries, problems } = ledgerEntries(input.documents, input.payments, chart);
  const registerTab = ctx.sheetName('invoices') ?? '';
  // Each problem at its cell: the payment's row in Paiements, else the document's in Factures
  // (or the payable's in Appels à facturation).
  const paymentsTab = ctx.tab('payments')?.sheetName ?? '';
  const numberCell = (tab: typeof register, key: string, value: string): string => {
    const row = tab.rows.find((r) => text(r[key]) === value);
    const at = row === undefined ? undefined : tab.at?.get(row);
    const col = tab.columns.get(key);
    return at === undefined || col === undefined ? '' : a1(at, col);
  };
  for (const p of [...input.problems, ...problems]) {
    const payment = inputs.payments.find(
      (x) => p.reference !== '' && (x.invoice === p.reference || x.reference === p.reference),
    );
    const inRegister = numberCell(register, 'number', p.reference);
    const [tab, cell] = payment
      ? [paymentsTab, payment.cells.invoice]
      : inRegister !== ''
        ? [registerTab, inRegister]
        : [calls.name, numberCell(calls, 'reference', p.reference)];
    ctx.warn(
      'entry-skipped',
      tab,
      cell,
      p.reference,
      msg('accounting.entry-skipped', { reference: p.reference, why: p.message }),
    );
  }
  const rows = fecRows(entries, chart, to);
  const tab = loadOutput(ctx, 'entries');
  tab.rows = entryRows(entries, chart, to);
  saveOutput(ctx, tab);
  const fileName = entriesFileName(ctx.settings.siren, from, to);
  const file = ctx.ports.drive.replaceTextFile(
    accountingFolder(ctx).id,
    fileName,
    'text/plain',
    fecFile(rows),
  );
  return {
    from,
    to,
    entries: entries.length,
    lines: rows.length - 1,
    skipped: input.problems.length + problems.length,
    file,
    fileName,
  };
}

/** The entries as the Écritures tab shows them: dates as dates, amounts as numbers. */
function entryRows(
  entries: readonly FecEntry[],
  chart: Chart,
  validDate: CalendarDate,
): RegisterRow[] {
  const out: RegisterRow[] = [];
  for (const e of entries) {
    for (const l of e.lines) {
      out.push({
        JournalCode: e.journal,
        JournalLib: chart.journals[e.journal],
        EcritureNum: e.number,
        EcritureDate: dateCell(e.date),
        CompteNum: l.account.number,
        CompteLib: l.account.label,
        CompAuxNum: l.aux?.code ?? '',
        CompAuxLib: l.aux?.name ?? '',
        PieceRef: e.pieceRef,
        PieceDate: dateCell(e.pieceDate),
        EcritureLib: e.label,
        Debit: l.debit.toNumber(),
        Credit: l.credit.toNumber(),
        EcritureLet: '',
        DateLet: '',
        ValidDate: dateCell(validDate),
        Montantdevise: '',
        Idevise: '',
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SEPA credit transfers

/** A batch marked in Billing calls whose file is not written yet (a run stopped between). */
const PENDING_TRANSFER_KEY = 'sepa:pending';

interface PendingBatch {
  messageId: string;
  createdAt: string;
  executionDate: CalendarDate;
}

export interface TransfersOutcome {
  /** Null when nothing was due (or nothing could be paid). */
  file: FileRef | null;
  fileName: string;
  messageId: string;
  transfers: number;
  total: Money;
  /** Payables due but left out (a provider's IBAN missing…), each reported in the Journal. */
  skipped: number;
  /** Files of earlier batches written by this run (a run stopped after marking them). */
  resumed: number;
}

/** A settings problem that stops the whole file (the organisation's own bank details). */
export class TransferRefused extends Error {
  constructor(readonly why: Message) {
    super(why.key);
  }
}

/**
 * The credit-transfer file paying every provider's payable due by `upTo` that no earlier file
 * pays: self-billed months approved, billing calls whose invoice was received, CRA payouts,
 * agency and introducers' shares, each for what remains to be paid. Payables go in the file
 * as one transfer each, the invoice number (or the payable's reference) as the remittance
 * information.
 *
 * Order of the writes: the batch is saved in the document properties, the payables are marked
 * with its message id (one write of Billing calls), then the file is written and the saved
 * batch removed. A run stopped anywhere leaves either nothing marked (the next run starts over)
 * or marked payables whose file the next run writes from the marks, identical: a payable is
 * never in two files.
 */
export function exportTransfers(
  ctx: RunContext,
  upTo: CalendarDate,
  executionDate: CalendarDate,
): TransfersOutcome {
  const resumed = resumeTransfers(ctx);
  const s = ctx.settings;
  const settingsTab = ctx.sheetName('settings') ?? '';
  const settingCell = (key: 'iban' | 'bic' | 'orgName'): string => {
    const row = ctx.settingsInfo.rows.get(key);
    return row === undefined ? '' : a1(row, ctx.settingsInfo.valueColumn);
  };
  if (s.orgName.trim() === '') {
    throw new TransferRefused(
      msg('transfers.no-debtor-name', {
        setting: { fr: settingLabel('orgName', 'fr'), en: settingLabel('orgName', 'en') },
        tab: settingsTab,
        cell: settingCell('orgName'),
      }),
    );
  }
  if (!isValidIban(s.iban)) {
    throw new TransferRefused(
      msg('transfers.bad-debtor-iban', {
        setting: { fr: settingLabel('iban', 'fr'), en: settingLabel('iban', 'en') },
        tab: settingsTab,
        cell: settingCell('iban'),
      }),
    );
  }
  const { book, calls } = computeBook(ctx);
  const callRow = new Map(calls.rows.map((r) => [text(r['reference']), r]));
  const providers = providersByCode(ctx);
  const codeCells = providerCodeCells(ctx);
  const transfers: Transfer[] = [];
  const marked: RegisterRow[] = [];
  let skipped = 0;
  const callsTab = calls.name;
  const cellOf = (row: RegisterRow, key: string): string => {
    const r = calls.at?.get(row);
    const c = calls.columns.get(key);
    return r === undefined || c === undefined ? '' : a1(r, c);
  };
  for (const line of book.lines) {
    const p = line.payable;
    if (line.direction !== 'payable' || p === undefined || p.waiting !== null) continue;
    if (line.dueDate === null || compareDates(line.dueDate, upTo) > 0) continue;
    if (!line.balance.isPositive() || line.status === 'payée' || line.status === 'annulée')
      continue;
    const row = callRow.get(p.reference);
    if (row === undefined || text(row['transfer']) !== '') continue;
    const code = text(row['providerCode']);
    const provider = providers.get(normalize(code));
    if (provider === 'ambiguous') {
      // Two providers share the code: paying either could pay the wrong person.
      skipped += 1;
      ctx.warn(
        'transfer-ambiguous',
        ctx.tab('providers')?.sheetName ?? '',
        codeCells.get(normalize(code))?.join(', ') ?? '',
        code,
        msg('transfers.ambiguous-provider', {
          code,
          reference: p.reference,
          provider: line.counterparty || code,
        }),
      );
      continue;
    }
    const iban = provider?.iban ?? '';
    if (!provider || !isValidIban(iban)) {
      skipped += 1;
      ctx.warn(
        'transfer-no-iban',
        provider?.tab ?? callsTab,
        provider?.ibanCell ?? cellOf(row, 'providerCode'),
        '',
        msg('transfers.bad-provider-iban', {
          provider: line.counterparty || code,
          reference: p.reference,
        }),
      );
      continue;
    }
    transfers.push(transferOf(line, provider, row, transfers.length, ctx));
    marked.push(row);
  }
  const empty: TransfersOutcome = {
    file: null,
    fileName: '',
    messageId: '',
    transfers: 0,
    total: Money.zero(),
    skipped,
    resumed,
  };
  if (transfers.length === 0) return empty;
  const now = ctx.ports.clock.now();
  const pending: PendingBatch = {
    messageId: messageIdAt(now, ctx.timeZone),
    createdAt: localDateTime(now, ctx.timeZone),
    executionDate,
  };
  const batch = batchOf(ctx, pending, transfers);
  const problems = checkBatch(batch);
  if (problems.length > 0) {
    // Every field was checked above; what remains is the debtor's BIC.
    throw new TransferRefused(
      msg('transfers.refused', {
        why: perLanguage((lang) =>
          problems.map((p) => `${p.transfer + 1}: ${render(p.message, lang)}`).join('; '),
        ),
        tab: settingsTab,
        cell: settingCell('bic'),
      }),
    );
  }
  ctx.ports.store.set(PENDING_TRANSFER_KEY, JSON.stringify(pending));
  for (const row of marked) row['transfer'] = pending.messageId;
  saveOutput(ctx, calls);
  const { file, fileName } = writeBatchFile(ctx, batch);
  ctx.ports.store.remove(PENDING_TRANSFER_KEY);
  return {
    file,
    fileName,
    messageId: pending.messageId,
    transfers: transfers.length,
    total: controlSum(transfers),
    skipped,
    resumed,
  };
}

/**
 * A batch saved and marked by a run that stopped before its file was written: the file, from
 * the payables marked with its id (what remains to pay on each, as when it was made: nothing
 * else ran in between, the runs hold the document lock). Returns the number of files written.
 */
export function resumeTransfers(ctx: RunContext): number {
  const raw = ctx.ports.store.get(PENDING_TRANSFER_KEY);
  if (raw === null) return 0;
  let pending: PendingBatch;
  try {
    pending = JSON.parse(raw) as PendingBatch;
  } catch {
    ctx.ports.store.remove(PENDING_TRANSFER_KEY);
    return 0;
  }
  const { book, calls } = computeBook(ctx);
  const mine = new Set(
    calls.rows
      .filter((r) => text(r['transfer']) === pending.messageId)
      .map((r) => text(r['reference'])),
  );
  if (mine.size === 0) {
    // Stopped before the marks were written: nothing is promised, the run starts over.
    ctx.ports.store.remove(PENDING_TRANSFER_KEY);
    return 0;
  }
  const providers = providersByCode(ctx);
  const callRow = new Map(calls.rows.map((r) => [text(r['reference']), r]));
  const transfers: Transfer[] = [];
  for (const line of book.lines) {
    const p = line.payable;
    if (p === undefined || !mine.has(p.reference)) continue;
    const row = callRow.get(p.reference);
    const provider = providers.get(normalize(text(row?.['providerCode'])));
    if (!provider || provider === 'ambiguous') continue;
    transfers.push(transferOf(line, provider, row, transfers.length, ctx));
  }
  const batch = batchOf(ctx, pending, transfers);
  if (transfers.length > 0 && checkBatch(batch).length === 0) writeBatchFile(ctx, batch);
  ctx.ports.store.remove(PENDING_TRANSFER_KEY);
  return 1;
}

function batchOf(ctx: RunContext, pending: PendingBatch, transfers: Transfer[]): TransferBatch {
  const s = ctx.settings;
  return {
    messageId: pending.messageId,
    createdAt: pending.createdAt,
    executionDate: pending.executionDate,
    debtor: { name: s.orgName, iban: s.iban, bic: s.bic.trim() === '' ? undefined : s.bic },
    transfers,
  };
}

function writeBatchFile(
  ctx: RunContext,
  batch: TransferBatch,
): { file: FileRef; fileName: string } {
  const fileName = `${batch.messageId}.xml`;
  // A file of this name is this batch's (its name is its message id): kept if there.
  const file = ctx.ports.drive.createTextFile(
    accountingFolder(ctx).id,
    fileName,
    'application/xml',
    pain001(batch),
  );
  return { file, fileName };
}

/** `VIR-20261205-093012`: the batch's message id, from the time it was made (one a second). */
function messageIdAt(now: Date, timeZone: string): string {
  const local = localDateTime(now, timeZone);
  return `VIR-${local.slice(0, 10).replace(/-/g, '')}-${local.slice(11, 19).replace(/:/g, '')}`;
}

/** The transfer paying what remains of a payable's line, the `index`-th of its file. */
function transferOf(
  line: BookLine,
  provider: ProviderBank,
  row: RegisterRow | undefined,
  index: number,
  ctx: RunContext,
): Transfer {
  const p = line.payable;
  return {
    endToEndId: transferId(p?.number || p?.reference || '', index),
    amount: line.balance,
    creditor: {
      name: provider.name || line.counterparty,
      iban: provider.iban,
      bic: provider.bic || undefined,
    },
    remittance: remittanceOf(p?.number ?? '', row, ctx),
  };
}

/** The transfer's own id: the invoice number in the EPC's characters, unique in the file. */
function transferId(number: string, index: number): string {
  const base = sepaId(number).slice(0, MAX_ID - 5);
  return `${base || 'PAY'}-${String(index + 1).padStart(4, '0')}`.slice(0, MAX_ID);
}

/** Billing-call modes (as Appels à facturation keeps them) → what a transfer pays. */
const PAID_FOR: Readonly<Record<string, PlainTextKey>> = {
  appel: 'transfers.paid-for.call',
  'versement CRA': 'transfers.paid-for.payout',
  'part agence': 'transfers.paid-for.agency-share',
  "apport d'affaires": 'transfers.paid-for.introducer',
};

/**
 * What the provider reads on the bank statement: the self-billed invoice's number, else what is
 * paid and its month (`Versement CRA 2026-11`), then the organisation's name.
 */
function remittanceOf(number: string, row: RegisterRow | undefined, ctx: RunContext): string {
  const key = PAID_FOR[text(row?.['mode'])];
  const month = dateText(row?.['month'], ctx.timeZone).slice(0, 7);
  const what =
    number !== '' ? number : key ? `${t(ctx.lang, key)} ${month}`.trim() : text(row?.['reference']);
  return t(ctx.lang, 'transfers.remittance', { number: what, org: ctx.settings.orgName });
}

function normalize(code: string): string {
  return numberKey(code);
}

interface ProviderBank {
  name: string;
  iban: string;
  bic: string;
  tab: string;
  ibanCell: string;
}

/** The cells of each provider code in Intervenants (two or more for a code on several rows). */
function providerCodeCells(ctx: RunContext): Map<string, string[]> {
  const read = ctx.tab('providers');
  const out = new Map<string, string[]>();
  const col = read?.columns.get('code');
  for (const rec of read?.records ?? []) {
    const key = normalize(String(rec.values['code'] ?? ''));
    out.set(key, [...(out.get(key) ?? []), col === undefined ? '' : a1(rec.row, col)]);
  }
  return out;
}

/** Providers' bank details by code; a code on two rows is `ambiguous`. */
function providersByCode(ctx: RunContext): Map<string, ProviderBank | 'ambiguous'> {
  const read = ctx.tab('providers');
  const out = new Map<string, ProviderBank | 'ambiguous'>();
  if (!read) return out;
  const ibanColumn = read.columns.get('iban');
  for (const rec of read.records) {
    const v = rec.values;
    const str = (k: string): string => (typeof v[k] === 'string' ? (v[k] as string) : '');
    const key = normalize(str('code'));
    if (out.has(key)) {
      out.set(key, 'ambiguous');
      continue;
    }
    out.set(key, {
      name: str('company') || str('name'),
      iban: compactCode(str('iban')),
      bic: compactCode(str('bic')),
      tab: read.sheetName,
      ibanCell: ibanColumn === undefined ? '' : a1(rec.row, ibanColumn),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// BPF

export interface BpfOutcome {
  year: number;
  /** Cadre C's total (training revenue excl. VAT, credit notes deducted). */
  total: Money;
  learners: number;
  hours: Money;
}

/** Cadre C's line of a client without a _BPF line_ cell, from its kind. */
const LINE_OF_KIND: Readonly<Record<string, BpfCLine>> = {
  company: '1',
  sponsor: '1',
  financer: '2h',
  individual: '9',
};

/**
 * The year's BPF figures in the BPF tab: training revenue excl. VAT of the invoices and credit
 * notes dated in the year, per line of cadre C (the buyer's _BPF line_, else from its kind),
 * and the learners of the sessions that ended in the year with their hours, per line of F-1.
 */
export function writeBpf(ctx: RunContext, year: number): BpfOutcome {
  const clients = new Map<string, { kind: string; line: string }>();
  for (const rec of ctx.tab('clients')?.records ?? []) {
    const v = rec.values;
    clients.set(normalize(String(v['code'] ?? '')), {
      kind: typeof v['kind'] === 'string' ? v['kind'] : '',
      line: typeof v['bpfLine'] === 'string' ? v['bpfLine'] : '',
    });
  }
  const lineOf = (code: string): BpfCLine => {
    const c = clients.get(normalize(code));
    if (c?.line) return c.line as BpfCLine;
    return LINE_OF_KIND[c?.kind ?? ''] ?? '1';
  };
  const register = loadOutput(ctx, 'invoices', false);
  const revenue: BpfRevenue[] = [];
  for (const row of register.rows) {
    const number = text(row['number']);
    if (number === '' || !ISSUED.has(text(row['status']))) continue;
    if (text(row['direction']) === 'à payer') continue;
    const date = dateText(row['issueDate'], ctx.timeZone);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !date.startsWith(`${year}-`)) continue;
    const inv = snapshotOf(row) as
      (ReturnType<typeof snapshotOf> & { sourceTabs?: string[] }) | null;
    if (inv === null) continue;
    const nets = invoiceTotals(inv).lineNets;
    const line = lineOf(text(row['buyerCode']));
    nets.forEach((net, i) => {
      if (inv.sourceTabs?.[i] !== 'enrolments') return;
      // Credit notes carry negative quantities: their nets are already negative.
      revenue.push({ document: number, date: date as CalendarDate, credit: false, line, net });
    });
  }
  const trainings = new Map<string, { end: string; hours: string; cancelled: boolean }>();
  for (const rec of ctx.tab('trainings')?.records ?? []) {
    const v = rec.values;
    trainings.set(normalize(String(v['session'] ?? '')), {
      end: typeof v['end'] === 'string' ? v['end'] : '',
      hours: v['hours'] === null || v['hours'] === undefined ? '0' : String(v['hours']),
      cancelled: v['status'] === 'cancelled',
    });
  }
  const learners: BpfLearner[] = [];
  for (const rec of ctx.tab('enrolments')?.records ?? []) {
    const v = rec.values;
    const session = String(v['session'] ?? '');
    const training = trainings.get(normalize(session));
    if (!training || training.cancelled || !/^\d{4}-\d{2}-\d{2}$/.test(training.end)) continue;
    const sponsorKind = clients.get(normalize(String(v['sponsor'] ?? '')))?.kind ?? '';
    const type =
      typeof v['learnerType'] === 'string' && v['learnerType'] !== ''
        ? (v['learnerType'] as BpfF1Line)
        : sponsorKind === 'individual'
          ? 'd'
          : 'a';
    const attended = v['hoursAttended'];
    learners.push({
      session,
      end: training.end as CalendarDate,
      line: type,
      hours: Money.of(
        attended === null || attended === undefined || attended === ''
          ? training.hours
          : String(attended),
      ),
    });
  }
  const figures = bpfFigures(year, revenue, learners);
  const tab = loadOutput(ctx, 'bpf');
  tab.rows = [
    ...figures.c.map((l) => ({
      year,
      frame: 'C',
      line: l.code === 'total' ? t(ctx.lang, 'bpf.total') : l.code,
      label: l.label,
      amount: l.amount.toNumber(),
      learners: '',
      hours: '',
    })),
    ...figures.f1.map((l) => ({
      year,
      frame: 'F-1',
      line: l.code === 'total' ? t(ctx.lang, 'bpf.total') : l.code,
      label: l.label,
      amount: '',
      learners: l.learners,
      hours: l.hours.toNumber(),
    })),
  ];
  saveOutput(ctx, tab);
  const total = figures.c.find((l) => l.code === 'total')?.amount ?? Money.zero();
  const f1Total = figures.f1.find((l) => l.code === 'total');
  return {
    year,
    total,
    learners: f1Total?.learners ?? 0,
    hours: f1Total?.hours ?? Money.zero(),
  };
}

/** Today in the workbook's time zone. */
export function todayOf(ctx: RunContext): CalendarDate {
  return toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
}
