/**
 * The payment book (SPEC §4): payments matched to what is owed, one status per receivable and
 * per open payable, the totals the finance team reads first, and which reminder step is due.
 * Pure: the app layer reads the tabs into these shapes and writes the result in one batch.
 */
import { msg, perLanguage, t, type PlainTextKey } from '../texts';
import { addDays, compareDates, endOfMonth, type CalendarDate } from '../domain/dates';
import { formatMoney } from '../domain/format';
import type { Language } from '../domain/language';
import { Money } from '../domain/money';
import { paymentStatus, type DatedAmount, type PaymentStatus } from '../domain/payment-status';
import { problem, type Problem } from '../sheets/problems';

/** An issued invoice the organisation is to be paid for (or a self-billed one it is to pay). */
export interface BookInvoice {
  number: string;
  counterparty: string;
  /** The buyer's client code, for payment references "code + number". */
  code: string;
  /** What the invoice asks to be paid: TTC, less deposits already invoiced. */
  total: Money;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  writtenOff: boolean;
  language: Language;
  /** Emailed to its recipient: reminders only follow an invoice that was sent. */
  sent: boolean;
  /** Its client credit deducted from later invoices, dated their issue (SPEC §3.5). */
  applied?: readonly DatedAmount[];
  /** Its client credit asked to be deducted from the next invoice and not deducted yet. */
  creditAsked?: Money;
}

export interface BookCreditNote {
  number: string;
  /** The number of the invoice it credits. */
  target: string;
  total: Money;
  issueDate: CalendarDate;
}

/** Something the organisation owes a provider: a billing call, self-billed month, payout, share. */
export interface BookPayable {
  /** The Billing calls row's reference (`2026-11:CLEMENT`, `payout:…`). */
  reference: string;
  /** The self-billed invoice's number when there is one; payments may name either. */
  number: string;
  counterparty: string;
  total: Money;
  /** Null while it waits for an approval or the provider's invoice. */
  dueDate: CalendarDate | null;
  waiting: 'approval' | 'invoice' | 'client' | 'contested' | null;
  language: Language;
}

export interface BookPayment {
  date: CalendarDate;
  /** As typed in the invoice-number column; may be empty. */
  invoice: string;
  amount: Money;
  reference: string;
  /** A1 cells of the row, for the Journal. */
  cells: { invoice: string; amount: string; reference: string };
}

export interface BookInput {
  tab: string;
  asOf: CalendarDate;
  currency: string;
  invoices: readonly BookInvoice[];
  creditNotes: readonly BookCreditNote[];
  payables: readonly BookPayable[];
  payments: readonly BookPayment[];
  /**
   * The language of the status tab's labels: the workbook's (its readers are the finance
   * team), whatever each counterparty's. Absent: each line's own language.
   */
  labelLanguage?: Language;
}

export interface BookLine {
  /** The invoice number, or the payable's reference when it has no number. */
  number: string;
  counterparty: string;
  direction: 'receivable' | 'payable';
  total: Money;
  paid: Money;
  balance: Money;
  dueDate: CalendarDate | null;
  status: PaymentStatus | 'en attente';
  label: string;
  color: string;
  overdue: boolean;
  /** For the reminder step: the receivable it describes. */
  invoice?: BookInvoice;
  /** A receivable paid in full: the day of the payment that completed it. */
  paidOn?: CalendarDate;
  payable?: BookPayable;
}

export interface BookTotals {
  /** Receivables still to be collected (not written off, not cancelled). */
  outstanding: Money;
  overdue: Money;
  /** Payables due by the end of the current month (overdue ones included), still unpaid. */
  payablesDueThisMonth: Money;
}

export interface Book {
  lines: BookLine[];
  totals: BookTotals;
  /** Paid payables (they leave the list), with what was paid and when fully. */
  paidPayables: { payable: BookPayable; paid: Money; paidOn: CalendarDate }[];
  problems: Problem[];
}

/** Invoice numbers compare without case, spaces or dashes: "fa 2026-00001" is FA-2026-00001. */
export function numberKey(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const WAITING_LABELS: Readonly<Record<NonNullable<BookPayable['waiting']>, PlainTextKey>> = {
  approval: 'payable.waiting.approval',
  invoice: 'payable.waiting.invoice',
  contested: 'payable.waiting.contested',
  client: 'payable.waiting.client',
};

const WAITING_COLOR = '#f9ab00';

/**
 * Finds what a payment pays: the invoice-number column when filled; otherwise a payment
 * reference holding "client code + invoice number", or an invoice number on its own.
 */
function matcher(input: BookInput): (p: BookPayment) => string | undefined {
  const byKey = new Map<string, string>();
  for (const i of input.invoices) byKey.set(numberKey(i.number), i.number);
  for (const p of input.payables) {
    byKey.set(numberKey(p.reference), p.reference);
    if (p.number) byKey.set(numberKey(p.number), p.reference);
  }
  const withCode = input.invoices.map((i) => ({
    key: numberKey(`${i.code}${i.number}`),
    number: i.number,
  }));
  const alone = [...byKey.entries()].sort((a, b) => b[0].length - a[0].length);
  return (p) => {
    if (p.invoice.trim() !== '') return byKey.get(numberKey(p.invoice));
    const ref = numberKey(p.reference);
    if (ref === '') return undefined;
    const coded = withCode.filter((c) => c.key !== '' && ref.includes(c.key));
    if (coded.length === 1) return coded[0]?.number;
    const found = alone.filter(([k]) => k !== '' && ref.includes(k));
    return found.length === 1 ? found[0]?.[1] : undefined;
  };
}

export function paymentBook(input: BookInput): Book {
  const problems: Problem[] = [];
  const match = matcher(input);
  const paymentsOf = new Map<string, BookPayment[]>();
  for (const p of input.payments) {
    const target = match(p);
    if (target === undefined) {
      problems.push(
        p.invoice.trim() !== ''
          ? problem(
              'unknown-invoice',
              input.tab,
              p.cells.invoice,
              p.invoice,
              msg('payment.unknown-invoice', { invoice: p.invoice }),
              'warning',
            )
          : problem(
              'payment-without-invoice',
              input.tab,
              p.cells.reference,
              p.reference,
              msg('payment.without-invoice'),
              'warning',
            ),
      );
      continue;
    }
    const list = paymentsOf.get(target) ?? [];
    list.push(p);
    paymentsOf.set(target, list);
  }
  const creditsOf = new Map<string, BookCreditNote[]>();
  for (const c of input.creditNotes) {
    const key = numberKey(c.target);
    creditsOf.set(key, [...(creditsOf.get(key) ?? []), c]);
  }
  const dated = (list: readonly { date: CalendarDate; amount: Money }[]): DatedAmount[] =>
    list.map((x) => ({ date: x.date, amount: x.amount }));

  const lines: BookLine[] = [];
  let outstanding = Money.zero();
  let overdue = Money.zero();
  for (const inv of input.invoices) {
    const payments = paymentsOf.get(inv.number) ?? [];
    const credits = (creditsOf.get(numberKey(inv.number)) ?? []).map((c) => ({
      date: c.issueDate,
      amount: c.total,
    }));
    const s = paymentStatus({
      total: inv.total,
      dueDate: inv.dueDate,
      payments: dated(payments),
      creditNotes: credits,
      ...(inv.applied ? { applied: inv.applied } : {}),
      writtenOff: inv.writtenOff,
      asOf: input.asOf,
      language: input.labelLanguage ?? inv.language,
      currency: input.currency,
    });
    let paidOn: CalendarDate | undefined;
    if (s.status === 'payée') {
      const counted = payments.filter((p) => compareDates(p.date, input.asOf) <= 0);
      reportOverpayment(input, inv.number, s.balance, counted, problems);
      for (const p of counted) if (!paidOn || compareDates(p.date, paidOn) > 0) paidOn = p.date;
      // Nothing to pay from the start (a client credit covered it all): settled when issued.
      if (!paidOn && !inv.total.isPositive()) paidOn = inv.issueDate;
    }
    if (s.status === 'à payer' || s.status === 'impayée' || s.status === 'partielle') {
      outstanding = outstanding.plus(s.balance);
      if (s.overdue) overdue = overdue.plus(s.balance);
    }
    lines.push({
      number: inv.number,
      counterparty: inv.counterparty,
      direction: 'receivable',
      total: inv.total,
      paid: s.paid,
      balance: s.balance,
      dueDate: inv.dueDate,
      status: s.status,
      label: s.label,
      color: s.color,
      overdue: s.overdue,
      invoice: inv,
      ...(paidOn === undefined ? {} : { paidOn }),
    });
  }

  const monthEnd = endOfMonth(input.asOf);
  let payablesDue = Money.zero();
  const paidPayables: Book['paidPayables'] = [];
  for (const pay of input.payables) {
    const payments = paymentsOf.get(pay.reference) ?? [];
    const counted = payments.filter((p) => compareDates(p.date, input.asOf) <= 0);
    const paid = Money.sum(counted.map((p) => p.amount.abs()));
    const balance = pay.total.minus(paid);
    const shown = pay.number || pay.reference;
    if (!balance.isPositive()) {
      reportOverpayment(input, shown, balance, counted, problems);
      const last = counted.reduce<CalendarDate | null>(
        (d, p) => (d === null || compareDates(p.date, d) > 0 ? p.date : d),
        null,
      );
      if (last) paidPayables.push({ payable: pay, paid, paidOn: last });
      continue;
    }
    if (pay.dueDate === null) {
      const waiting = pay.waiting ?? 'approval';
      lines.push({
        number: shown,
        counterparty: pay.counterparty,
        direction: 'payable',
        total: pay.total,
        paid,
        balance,
        dueDate: null,
        status: 'en attente',
        label: t(input.labelLanguage ?? pay.language, WAITING_LABELS[waiting]),
        color: WAITING_COLOR,
        overdue: false,
        payable: pay,
      });
      continue;
    }
    const s = paymentStatus({
      total: pay.total,
      dueDate: pay.dueDate,
      payments: dated(counted),
      creditNotes: [],
      asOf: input.asOf,
      language: input.labelLanguage ?? pay.language,
      currency: input.currency,
    });
    if (compareDates(pay.dueDate, monthEnd) <= 0) payablesDue = payablesDue.plus(s.balance);
    lines.push({
      number: shown,
      counterparty: pay.counterparty,
      direction: 'payable',
      total: pay.total,
      paid: s.paid,
      balance: s.balance,
      dueDate: pay.dueDate,
      status: s.status,
      label: s.label,
      color: s.color,
      overdue: s.overdue,
      payable: pay,
    });
  }
  return {
    lines,
    totals: { outstanding, overdue, payablesDueThisMonth: payablesDue },
    paidPayables,
    problems,
  };
}

function reportOverpayment(
  input: BookInput,
  number: string,
  balance: Money,
  counted: readonly BookPayment[],
  out: Problem[],
): void {
  // A credit already asked for the client's next invoice is being dealt with.
  const asked = input.invoices.find((i) => i.number === number)?.creditAsked ?? Money.zero();
  if (!balance.plus(asked).isNegative()) return;
  const last = counted[counted.length - 1];
  if (!last) return;
  const amount = perLanguage((lang) =>
    formatMoney(balance.plus(asked).abs(), lang, input.currency),
  );
  out.push(
    problem(
      'overpayment',
      input.tab,
      last.cells.amount,
      last.amount.toFixed(2),
      msg('payment.overpaid', { number, amount, menu: msg('menu.menuApplyCredit') }),
      'warning',
    ),
  );
}

/**
 * The reminder schedule as sorted day offsets from the due date: "J-3, J+7, J+15, J+30" (or
 * "D-3, D+7…" in English; a bare "-3,7,15,30" typed in Sheets would be read as a formula).
 */
export function parseReminderSchedule(text: string): number[] | null {
  const parts = text
    .split(/[;,\s]+/)
    .map((s) => s.trim().replace(/^[JD](?=[+-]?\d)/i, ''))
    .filter((s) => s !== '');
  const days = parts.map((s) => (/^[+-]?\d{1,3}$/.test(s) ? Number(s) : NaN));
  if (days.some((d) => Number.isNaN(d))) return null;
  return [...new Set(days)].sort((a, b) => a - b);
}

export interface ReminderState {
  /** Steps already sent (day offsets). */
  sent: readonly number[];
}

export interface ReminderDecision {
  /** The step to send today, if any: the latest step reached and not yet sent. */
  step: number | null;
  /** The steps it stands for: earlier ones missed are not sent late (they stay unrecorded). */
  covers: number[];
  /** The next step's date after today's, if any. */
  next: CalendarDate | null;
}

const REMINDED: ReadonlySet<string> = new Set(['à payer', 'impayée', 'partielle']);

/**
 * Which reminder is due for a book line today. Only receivables that were sent and are still
 * owed get one (never a paid, cancelled or written-off invoice), and a step is never sent twice.
 * A step that falls on or before the issue date is skipped (no reminder with the invoice itself).
 */
export function reminderDue(
  line: BookLine,
  schedule: readonly number[],
  state: ReminderState,
  today: CalendarDate,
): ReminderDecision {
  const inv = line.invoice;
  const none: ReminderDecision = { step: null, covers: [], next: null };
  if (!inv || !inv.sent || line.direction !== 'receivable' || !REMINDED.has(line.status)) {
    return none;
  }
  // Steps up to the latest one sent are behind: one missed is never sent late.
  const latest = state.sent.reduce((m, s) => Math.max(m, s), -Infinity);
  const steps = schedule.filter((s) => compareDates(addDays(inv.dueDate, s), inv.issueDate) > 0);
  const reached = steps.filter((s) => compareDates(addDays(inv.dueDate, s), today) <= 0);
  const open = reached.filter((s) => s > latest);
  const step = open.length > 0 ? (open[open.length - 1] ?? null) : null;
  const future = steps.filter((s) => compareDates(addDays(inv.dueDate, s), today) > 0);
  const next = future.length > 0 ? addDays(inv.dueDate, future[0] ?? 0) : null;
  return { step, covers: step === null ? [] : open, next };
}
