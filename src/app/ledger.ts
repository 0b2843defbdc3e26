/**
 * What the accounting entries are made of, read from the register, the Billing calls tab and
 * the Payments tab (pure over their rows: the action that writes the entries reads the tabs):
 * - every issued invoice, credit note and self-billed invoice dated in the period, its amounts
 *   recomputed from the document the register keeps (its snapshot), so that the entry is what
 *   the document says to the cent: revenue per kind of source line, VAT per rate;
 * - every provider's own invoice received in the period (billing calls answered by an invoice,
 *   CRA payouts, agency shares): its amounts as the Billing calls tab holds them;
 * - every payment dated in the period, received from a client or made to a provider, found by
 *   the invoice number or payable reference it names.
 * Drafts and documents still to check are not accounting documents and are left out.
 */
import { msg, t } from '../texts';
import type { LedgerDocument, LedgerPayment, LedgerProblem } from '../accounting/fec';
import { compareDates, type CalendarDate } from '../domain/dates';
import type { Language } from '../domain/language';
import { Money } from '../domain/money';
import { invoiceTotals } from '../domain/totals';
import { numberKey } from '../billing/payment-book';
import type { CellValue } from '../sheets/cells';
import { STATUS } from './issue';
import { dateText, snapshotOf, text, type RegisterRow } from './register';

/** Register statuses of documents that were issued (the others are drafts or to be checked). */
export const ISSUED = new Set<string>([STATUS.issued, STATUS.sent, STATUS.cancelled]);

/** Billing-call modes whose provider invoice is its own document (not a self-billed one). */
const PROVIDER_BILLS = new Set(['appel', 'versement CRA', 'part agence', "apport d'affaires"]);

/** The chart's revenue kinds per source tab of a line (Chart.revenue keys). */
const REVENUE_KIND: Readonly<Record<string, string>> = {
  enrolments: 'training',
  sessions: 'mentoring',
  timesheets: 'timesheets',
  'extra-lines': 'extra',
};

/** The chart's expense kinds per billing-call mode (Chart.expenses keys). */
const EXPENSE_KIND: Readonly<Record<string, string>> = {
  autofacturation: 'mentoring',
  appel: 'mentoring',
  'versement CRA': 'timesheets',
  'part agence': 'subcontracting',
  "apport d'affaires": 'fees',
};

function within(date: string, from: CalendarDate, to: CalendarDate): date is CalendarDate {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    compareDates(date as CalendarDate, from) >= 0 &&
    compareDates(date as CalendarDate, to) <= 0
  );
}

function moneyCell(v: CellValue | undefined): Money | null {
  if (typeof v === 'number')
    return Number.isFinite(v) ? Money.fromNumberExact(v).roundHalfUp(2) : null;
  const t = text(v)
    .replace(',', '.')
    .replace(/[\s\u00a0\u202f€]/g, '');
  return /^-?\d+(\.\d+)?$/.test(t) ? Money.of(t).roundHalfUp(2) : null;
}

export interface LedgerInput {
  documents: LedgerDocument[];
  payments: LedgerPayment[];
  problems: LedgerProblem[];
}

export interface PaymentRow {
  date: CalendarDate;
  invoice: string;
  amount: Money;
  reference: string;
}

/**
 * The period's documents and payments, from the rows of the three tabs; the entries' labels in
 * `lang` (French unless asked, as the FEC is).
 */
export function ledgerInput(
  registerRows: readonly RegisterRow[],
  callRows: readonly RegisterRow[],
  payments: readonly PaymentRow[],
  timeZone: string,
  from: CalendarDate,
  to: CalendarDate,
  lang: Language = 'fr',
): LedgerInput {
  const documents: LedgerDocument[] = [];
  const problems: LedgerProblem[] = [];
  // Who each number or reference is with, for the payments.
  const parties = new Map<string, { direction: 'received' | 'made'; code: string; name: string }>();

  for (const row of registerRows) {
    const number = text(row['number']);
    if (number === '' || !ISSUED.has(text(row['status']))) continue;
    const payable = text(row['direction']) === 'à payer';
    const code = text(row['buyerCode']);
    const name = text(row[payable ? 'seller' : 'buyer']);
    parties.set(numberKey(number), { direction: payable ? 'made' : 'received', code, name });
    const date = dateText(row['issueDate'], timeZone);
    if (!within(date, from, to)) continue;
    const inv = snapshotOf(row) as
      (ReturnType<typeof snapshotOf> & { sourceTabs?: string[] }) | null;
    if (inv === null) {
      problems.push({ reference: number, message: msg('ledger.unreadable-invoice') });
      continue;
    }
    const totals = invoiceTotals(inv);
    const nets = totals.lineNets.map((amount, i) => ({
      kind: payable ? 'mentoring' : (REVENUE_KIND[inv.sourceTabs?.[i] ?? ''] ?? 'default'),
      amount,
    }));
    // Document-level allowances and charges: on the first line's account.
    const rest = totals.taxBasisTotal.minus(Money.sum(totals.lineNets));
    if (!rest.isZero()) nets.push({ kind: nets[0]?.kind ?? 'default', amount: rest });
    const credit = inv.kind === 'avoir' || inv.kind === 'autofacture-avoir';
    documents.push({
      number,
      journal: payable ? 'AC' : 'VE',
      // Credit notes carry negative quantities: their amounts are already signed.
      credit: false,
      date,
      party: { code, name },
      nets,
      vat: totals.vatBreakdown.map((b) => ({ rate: b.ratePercent, amount: b.taxAmount })),
      total: totals.grandTotal,
      label: t(
        lang,
        credit
          ? 'ledger.label.credit-note'
          : payable
            ? 'ledger.label.self-billed'
            : 'ledger.label.invoice',
        { number, party: name },
      ).trim(),
    });
  }

  for (const row of callRows) {
    const reference = text(row['reference']);
    const mode = text(row['mode']);
    const code = text(row['providerCode']);
    const name = text(row['provider']);
    if (reference !== '') parties.set(numberKey(reference), { direction: 'made', code, name });
    if (!PROVIDER_BILLS.has(mode)) continue;
    const date = dateText(row['receivedOn'], timeZone);
    if (!within(date, from, to)) continue;
    const ht = moneyCell(row['amountHT']);
    const vat = moneyCell(row['vat']) ?? Money.zero();
    const ttc = moneyCell(row['ttc']);
    if (ht === null || ttc === null || !ht.plus(vat).equals(ttc)) {
      problems.push({ reference, message: msg('ledger.amounts-differ') });
      continue;
    }
    documents.push({
      number: reference,
      journal: 'AC',
      credit: false,
      date,
      party: { code, name },
      nets: [{ kind: EXPENSE_KIND[mode] ?? 'default', amount: ht }],
      vat: vat.isZero() ? [] : [{ rate: 'deductible', amount: vat }],
      total: ttc,
      label: t(lang, 'ledger.label.received-invoice', { number: reference, party: name }).trim(),
    });
  }

  const out: LedgerPayment[] = [];
  for (const p of payments) {
    if (!within(p.date, from, to)) continue;
    const key = numberKey(p.invoice);
    const party = key === '' ? undefined : parties.get(key);
    if (party === undefined) {
      problems.push({
        reference: p.invoice || p.reference,
        message: msg('ledger.unknown-payment'),
      });
      continue;
    }
    // A refund (negative amount) goes the other way.
    out.push({
      reference: p.invoice,
      date: p.date,
      direction: party.direction,
      party: { code: party.code, name: party.name },
      amount: p.amount,
      label: `${t(
        lang,
        party.direction === 'received'
          ? 'ledger.label.payment-received'
          : 'ledger.label.payment-made',
        { number: p.invoice, party: party.name },
      )}${p.reference ? ` ${p.reference}` : ''}`.trim(),
    });
  }
  return { documents, payments: out, problems };
}
