/**
 * Accounting entries in the layout of the French « fichier des écritures comptables » (FEC,
 * article A47 A-1 of the Livre des procédures fiscales): the 18 fields in their order, dates
 * `AAAAMMJJ`, amounts with a decimal comma and no thousands separator, fields separated by a
 * tab or `|`, the field names on the first line.
 *
 * Three journals:
 * - sales (`VE`): an invoice debits the client (411, the client code as auxiliary account) with
 *   its total incl. VAT and credits revenue excl. VAT per account (706…) and the VAT collected
 *   per rate (44571…); a credit note is the same entry reversed;
 * - purchases (`AC`): a self-billed invoice or a provider's invoice received debits the expense
 *   (604 or 6226…) and the deductible VAT (44566), and credits the provider (401, the provider
 *   code as auxiliary account);
 * - bank (`BQ`): a payment received debits the bank (512) and credits the client; a payment made
 *   debits the provider and credits the bank.
 *
 * Every entry balances (checked when it is built: an unbalanced one is refused, never written).
 * Entry numbers are unique in the whole file (journal code + sequence: the DGFiP's test tool
 * groups lines by `EcritureNum` alone) and continuous per journal, in date order; the same
 * documents always give the same numbers and the same file.
 */
import { msg, t, type Message } from '../texts';
import { compareDates, type CalendarDate } from '../domain/dates';
import type { Language } from '../domain/language';
import { Money } from '../domain/money';

export const FEC_FIELDS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

export type JournalCode = 'VE' | 'AC' | 'BQ';

/** An account: its number (three leading digits of the French chart) and its label. */
export interface Account {
  number: string;
  label: string;
}

/** The accounts the entries use; `defaultChart` gives the usual ones, settings may change each. */
export interface Chart {
  journals: Readonly<Record<JournalCode, string>>;
  clients: Account;
  providers: Account;
  bank: Account;
  /** Revenue per kind of line; `default` for any kind not listed. */
  revenue: Readonly<Record<string, Account>> & { default: Account };
  /** Expenses per kind of payable; `default` for any kind not listed. */
  expenses: Readonly<Record<string, Account>> & { default: Account };
  /** VAT collected per rate in percent (`'20'`, `'5.5'`); `default` for any other rate. */
  vatCollected: Readonly<Record<string, Account>> & { default: Account };
  vatDeductible: Account;
}

/** The usual accounts, labelled in `lang` (French unless asked: the FEC is a French file). */
export function defaultChart(lang: Language = 'fr'): Chart {
  return {
    journals: {
      VE: t(lang, 'ledger.journal.VE'),
      AC: t(lang, 'ledger.journal.AC'),
      BQ: t(lang, 'ledger.journal.BQ'),
    },
    clients: { number: '411000', label: t(lang, 'ledger.account.clients') },
    providers: { number: '401000', label: t(lang, 'ledger.account.providers') },
    bank: { number: '512000', label: t(lang, 'ledger.account.bank') },
    revenue: {
      default: { number: '706000', label: t(lang, 'ledger.account.services') },
      training: { number: '706100', label: t(lang, 'ledger.account.training') },
    },
    expenses: {
      default: { number: '604000', label: t(lang, 'ledger.account.purchases') },
      fees: { number: '622600', label: t(lang, 'ledger.account.fees') },
    },
    vatCollected: { default: { number: '445710', label: t(lang, 'ledger.account.vat-collected') } },
    vatDeductible: { number: '445660', label: t(lang, 'ledger.account.vat-deductible') },
  };
}

/** A sale or a purchase document as the register holds it. */
export interface LedgerDocument {
  /** The document's number (`FA-2026-00012`), or the provider's reference for a bill. */
  number: string;
  journal: 'VE' | 'AC';
  /** Credit note (or a provider's credit): the entry is reversed. */
  credit: boolean;
  date: CalendarDate;
  party: { code: string; name: string };
  /** Amounts excl. VAT per revenue or expense kind (keys of the chart's maps). */
  nets: readonly { kind: string; amount: Money }[];
  /** VAT per rate in percent, as the totals' breakdown writes it (`'20'`, `'5.5'`). */
  vat: readonly { rate: string; amount: Money }[];
  /** Total incl. VAT: the sum of nets and VAT, checked. */
  total: Money;
  label: string;
}

/** A payment received (`VE` party, a client) or made (`AC` party, a provider). */
export interface LedgerPayment {
  reference: string;
  date: CalendarDate;
  direction: 'received' | 'made';
  party: { code: string; name: string };
  amount: Money;
  label: string;
}

export interface FecLine {
  account: Account;
  aux?: { code: string; name: string };
  debit: Money;
  credit: Money;
}

export interface FecEntry {
  journal: JournalCode;
  /** Unique in the file: the journal's code and a sequence (`VE000001`). */
  number: string;
  date: CalendarDate;
  pieceRef: string;
  pieceDate: CalendarDate;
  label: string;
  lines: FecLine[];
}

/** A document or payment that could not be written, and why (rendered in the reader's language). */
export interface LedgerProblem {
  reference: string;
  message: Message;
}

const ZERO = Money.zero();

/** Debit when the amount is positive, credit when negative (zero lines are left out). */
function line(account: Account, signed: Money, aux?: { code: string; name: string }): FecLine[] {
  if (signed.isZero()) return [];
  const positive = signed.isPositive();
  return [
    {
      account,
      ...(aux === undefined ? {} : { aux }),
      debit: positive ? signed : ZERO,
      credit: positive ? ZERO : signed.negated(),
    },
  ];
}

function pick(map: Readonly<Record<string, Account>> & { default: Account }, key: string): Account {
  return map[key] ?? map.default;
}

/** The lines of a document's entry, debit positive; null when they do not balance. */
function documentLines(doc: LedgerDocument, chart: Chart): FecLine[] | null {
  const sign = (m: Money): Money => (doc.credit ? m.negated() : m);
  const nets = Money.sum(doc.nets.map((n) => n.amount));
  const vat = Money.sum(doc.vat.map((v) => v.amount));
  if (!nets.plus(vat).equals(doc.total)) return null;
  const lines: FecLine[] = [];
  // Amounts grouped per account, in the order accounts first appear.
  const grouped = (
    items: readonly { account: Account; amount: Money }[],
  ): { account: Account; amount: Money }[] => {
    const out = new Map<string, { account: Account; amount: Money }>();
    for (const i of items) {
      const g = out.get(i.account.number);
      out.set(i.account.number, {
        account: g?.account ?? i.account,
        amount: (g?.amount ?? ZERO).plus(i.amount),
      });
    }
    return [...out.values()];
  };
  if (doc.journal === 'VE') {
    lines.push(...line(chart.clients, sign(doc.total), doc.party));
    for (const g of grouped(
      doc.nets.map((n) => ({ account: pick(chart.revenue, n.kind), amount: n.amount })),
    ))
      lines.push(...line(g.account, sign(g.amount).negated()));
    for (const g of grouped(
      doc.vat.map((v) => ({
        account: pick(chart.vatCollected, v.rate),
        amount: v.amount,
      })),
    ))
      lines.push(...line(g.account, sign(g.amount).negated()));
  } else {
    for (const g of grouped(
      doc.nets.map((n) => ({ account: pick(chart.expenses, n.kind), amount: n.amount })),
    ))
      lines.push(...line(g.account, sign(g.amount)));
    lines.push(...line(chart.vatDeductible, sign(vat)));
    lines.push(...line(chart.providers, sign(doc.total).negated(), doc.party));
  }
  return lines;
}

function paymentLines(p: LedgerPayment, chart: Chart): FecLine[] {
  if (p.direction === 'received')
    return [...line(chart.bank, p.amount), ...line(chart.clients, p.amount.negated(), p.party)];
  return [...line(chart.providers, p.amount, p.party), ...line(chart.bank, p.amount.negated())];
}

/** Σ debit = Σ credit, and no line both or neither. */
export function balances(entry: FecEntry): boolean {
  let debit = ZERO;
  let credit = ZERO;
  for (const l of entry.lines) {
    if (l.debit.isZero() === l.credit.isZero()) return false;
    if (l.debit.isNegative() || l.credit.isNegative()) return false;
    debit = debit.plus(l.debit);
    credit = credit.plus(l.credit);
  }
  return entry.lines.length >= 2 && debit.equals(credit);
}

/** The lines as text: the last tie-break, so that two payments alike but for their amount sort
 * the same way whatever order they came in. */
function linesKey(lines: readonly FecLine[]): string {
  return lines
    .map(
      (l) =>
        `${l.account.number}/${l.aux?.code ?? ''}/${l.debit.toFixed(2)}/${l.credit.toFixed(2)}`,
    )
    .join(';');
}

const JOURNAL_ORDER: Readonly<Record<JournalCode, number>> = { VE: 0, AC: 1, BQ: 2 };

/**
 * The entries of a period's documents and payments: sorted by date, then journal, then
 * reference (so the same input always gives the same file), numbered per journal from 1.
 */
export function ledgerEntries(
  documents: readonly LedgerDocument[],
  payments: readonly LedgerPayment[],
  chart: Chart = defaultChart(),
): { entries: FecEntry[]; problems: LedgerProblem[] } {
  const problems: LedgerProblem[] = [];
  const drafts: Omit<FecEntry, 'number'>[] = [];
  for (const doc of documents) {
    const lines = documentLines(doc, chart);
    if (lines === null || lines.length < 2) {
      problems.push({ reference: doc.number, message: msg('ledger.unbalanced') });
      continue;
    }
    drafts.push({
      journal: doc.journal,
      date: doc.date,
      pieceRef: doc.number,
      pieceDate: doc.date,
      label: doc.label,
      lines,
    });
  }
  for (const p of payments) {
    if (!p.amount.isRoundedTo(2) || p.amount.isZero()) {
      problems.push({ reference: p.reference, message: msg('ledger.payment-amount') });
      continue;
    }
    drafts.push({
      journal: 'BQ',
      date: p.date,
      pieceRef: p.reference,
      pieceDate: p.date,
      label: p.label,
      lines: paymentLines(p, chart),
    });
  }
  drafts.sort(
    (a, b) =>
      compareDates(a.date, b.date) ||
      JOURNAL_ORDER[a.journal] - JOURNAL_ORDER[b.journal] ||
      (a.pieceRef < b.pieceRef ? -1 : a.pieceRef > b.pieceRef ? 1 : 0) ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
      (linesKey(a.lines) < linesKey(b.lines) ? -1 : linesKey(a.lines) > linesKey(b.lines) ? 1 : 0),
  );
  const seq: Record<JournalCode, number> = { VE: 0, AC: 0, BQ: 0 };
  const entries: FecEntry[] = [];
  for (const d of drafts) {
    seq[d.journal] += 1;
    const entry: FecEntry = {
      ...d,
      number: `${d.journal}${String(seq[d.journal]).padStart(6, '0')}`,
    };
    if (!balances(entry)) {
      // Cannot happen with the lines built above; kept as the last guard of the file.
      throw new Error(`entry ${entry.number} (${entry.pieceRef}) does not balance`);
    }
    entries.push(entry);
  }
  return { entries, problems };
}

/** `AAAAMMJJ`. */
export function fecDate(date: CalendarDate): string {
  return date.replace(/-/g, '');
}

/** `1234,50`: decimal comma, two decimals, no thousands separator. */
export function fecAmount(amount: Money): string {
  return amount.toFixed(2).replace('.', ',');
}

/** A text field: no separator, tab or line break inside, trimmed. */
function fecText(text: string): string {
  return text.replace(/[\t|\r\n]+/g, ' ').trim();
}

/** The rows of the file (field names first), each an array of the 18 fields. */
export function fecRows(
  entries: readonly FecEntry[],
  chart: Chart,
  validDate: CalendarDate,
): string[][] {
  const rows: string[][] = [[...FEC_FIELDS]];
  for (const e of entries) {
    for (const l of e.lines) {
      rows.push([
        e.journal,
        fecText(chart.journals[e.journal]),
        e.number,
        fecDate(e.date),
        l.account.number,
        fecText(l.account.label),
        l.aux ? fecText(l.aux.code) : '',
        l.aux ? fecText(l.aux.name) : '',
        fecText(e.pieceRef),
        fecDate(e.pieceDate),
        fecText(e.label),
        fecAmount(l.debit),
        fecAmount(l.credit),
        '',
        '',
        fecDate(validDate),
        '',
        '',
      ]);
    }
  }
  return rows;
}

/** The file's text: rows joined by the separator, CRLF line ends. */
export function fecFile(
  rows: readonly (readonly string[])[],
  separator: '\t' | '|' = '\t',
): string {
  return rows.map((r) => r.join(separator)).join('\r\n') + '\r\n';
}

/** `SirenFECAAAAMMJJ.txt`, the closing date of the period. */
export function fecFileName(siren: string, closing: CalendarDate): string {
  return `${siren.replace(/\D/g, '')}FEC${fecDate(closing)}.txt`;
}
