/**
 * Payment status of an invoice on a given day (SPEC §4), from its total, its due date, the
 * payments received and the credit notes issued against it:
 *
 *   owed    = total with VAT − credit notes          (a credit note reduces what is owed)
 *   paid    = payments − credit applied elsewhere    (a client credit deducted from a later
 *                                                     invoice leaves this one)
 *   balance = owed − paid
 *
 * In this order:
 * - `annulée` (grey): credit notes cover the whole total;
 * - `payée` (green): nothing left to pay (balance ≤ 0; an overpayment shows as a negative balance);
 * - `mise en perte` (black): written off by a user decision (or sent to legal);
 * - `partielle` (red): something was paid — "Payé {X} sur un total de {Y}", Y being what is owed;
 * - `impayée` (red): nothing paid and the due date has passed — "Impayée (date limite : {date})";
 * - `à payer` (red): nothing paid, not yet due (the due date itself included) —
 *   "À payer d'ici le {date}".
 * Payments and credit notes dated after the day are not counted yet.
 */
import { compareDates, daysBetween, type CalendarDate } from './dates';
import { formatDate, formatMoney } from './format';
import { t, type TextKey } from '../texts';
import type { Language } from './language';
import { Money } from './money';

export type PaymentStatus =
  'payée' | 'à payer' | 'impayée' | 'partielle' | 'mise en perte' | 'annulée';

export const STATUS_COLORS: Readonly<Record<PaymentStatus, string>> = {
  payée: '#188038', // green
  'à payer': '#d93025', // red
  impayée: '#d93025',
  partielle: '#d93025',
  'mise en perte': '#000000', // black
  annulée: '#80868b', // grey
};

/** The label of each status (the keys `payée`… are codes, written as such in the tab). */
export const STATUS_LABELS = {
  payée: 'status.paid',
  'à payer': 'status.to-pay',
  impayée: 'status.unpaid',
  partielle: 'status.partial',
  'mise en perte': 'status.written-off',
  annulée: 'status.cancelled',
} as const satisfies Readonly<Record<PaymentStatus, TextKey>>;

export interface DatedAmount {
  readonly date: CalendarDate;
  /** Positive amount received, or the credit note's total (its sign is ignored). */
  readonly amount: Money;
}

export interface PaymentStatusInput {
  /** The invoice's total with VAT (BT-112), or its amount due (BT-115) after a deposit. */
  readonly total: Money;
  readonly dueDate: CalendarDate;
  readonly payments: readonly DatedAmount[];
  readonly creditNotes: readonly DatedAmount[];
  /**
   * Client credit held on this invoice (an overpayment, or a credit note after payment) and
   * deducted from later invoices, dated their issue: no longer counted as paid here.
   */
  readonly applied?: readonly DatedAmount[];
  /** Written off by a user decision. */
  readonly writtenOff?: boolean;
  /** The day the status is computed for (today in the workbook's time zone). */
  readonly asOf: CalendarDate;
  readonly language: Language;
  readonly currency?: string;
}

export interface PaymentStatusResult {
  readonly status: PaymentStatus;
  readonly label: string;
  readonly color: string;
  readonly paid: Money;
  readonly credited: Money;
  /** What is owed after credit notes. */
  readonly owed: Money;
  /** owed − paid; negative when overpaid. */
  readonly balance: Money;
  /** Something is still to pay and the due date has passed. */
  readonly overdue: boolean;
  /** Days past the due date (0 when not overdue). */
  readonly daysOverdue: number;
}

export function paymentStatus(input: PaymentStatusInput): PaymentStatusResult {
  const counted = (list: readonly DatedAmount[]): Money =>
    Money.sum(list.filter((p) => compareDates(p.date, input.asOf) <= 0).map((p) => p.amount.abs()));
  const paid = counted(input.payments).minus(counted(input.applied ?? []));
  const credited = counted(input.creditNotes);
  const owed = input.total.minus(credited);
  const balance = owed.minus(paid);
  const pastDue = compareDates(input.asOf, input.dueDate) > 0;
  const overdue = pastDue && balance.isPositive();

  let status: PaymentStatus;
  if (credited.isPositive() && !owed.isPositive()) status = 'annulée';
  else if (!balance.isPositive()) status = 'payée';
  else if (input.writtenOff === true) status = 'mise en perte';
  else if (paid.isPositive()) status = 'partielle';
  else status = pastDue ? 'impayée' : 'à payer';

  const language = input.language;
  const currency = input.currency ?? 'EUR';
  const label = t(language, STATUS_LABELS[status], {
    date: formatDate(input.dueDate, language),
    paid: formatMoney(paid, language, currency),
    total: formatMoney(owed, language, currency),
  });
  return {
    status,
    label,
    color: STATUS_COLORS[status],
    paid,
    credited,
    owed,
    balance,
    overdue,
    daysOverdue: overdue ? daysBetween(input.dueDate, input.asOf) : 0,
  };
}
