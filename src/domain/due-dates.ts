/**
 * Payment terms and due dates, on calendar dates (days in the workbook's time zone).
 *
 * Legal limits (Code de commerce art. L441-10, I): payment within 60 days of the invoice's issue
 * date, or, if the contract says so, 45 days end of month; for a periodic invoice (CGI art. 289,
 * I-3) within 45 days of its issue date. Longer terms are cut to the limit, and the result says
 * so, so that the shell can log it.
 */
import { addDays, endOfMonth, minDate, type CalendarDate } from './dates';

/** Legal maximum, in days from the issue date. */
export const MAX_TERMS_DAYS = 60;
/** Legal maximum for periodic invoices, in days from the issue date. */
export const MAX_PERIODIC_TERMS_DAYS = 45;
/** The "45 days end of month" alternative limit. */
export const MAX_END_OF_MONTH_TERMS_DAYS = 45;

export interface PaymentTerms {
  /** Days after the issue date (0 = payable on receipt). */
  readonly days: number;
  /**
   * "X jours fin de mois": the due date is the last day of the month in which issue date + X days
   * falls (the usual French reading of the clause).
   */
  readonly endOfMonth?: boolean;
}

export interface DueDateOptions {
  /** A periodic invoice: capped at 45 days. */
  readonly periodic?: boolean;
}

export interface DueDateResult {
  readonly dueDate: CalendarDate;
  /** The latest due date the law allows for this invoice. */
  readonly legalLimit: CalendarDate;
  /** True when the terms went past the limit and the due date was cut to it. */
  readonly capped: boolean;
}

/** True when `days` is a whole number of days between 0 and 365. */
export function isValidTermsDays(days: number): boolean {
  return Number.isInteger(days) && days >= 0 && days <= 365;
}

/** The latest due date allowed for an invoice issued on `issueDate` with such terms. */
export function legalDueDateLimit(
  issueDate: CalendarDate,
  terms: Pick<PaymentTerms, 'endOfMonth'> = {},
  options: DueDateOptions = {},
): CalendarDate {
  if (options.periodic === true) return addDays(issueDate, MAX_PERIODIC_TERMS_DAYS);
  if (terms.endOfMonth === true) return endOfMonth(addDays(issueDate, MAX_END_OF_MONTH_TERMS_DAYS));
  return addDays(issueDate, MAX_TERMS_DAYS);
}

/** Due date = issue date + terms (end of month if so agreed), capped at the legal limit. */
export function computeDueDate(
  issueDate: CalendarDate,
  terms: PaymentTerms,
  options: DueDateOptions = {},
): DueDateResult {
  if (!isValidTermsDays(terms.days)) {
    throw new RangeError(`Payment terms must be 0 to 365 whole days, not ${terms.days}`);
  }
  const raw = addDays(issueDate, terms.days);
  const wanted = terms.endOfMonth === true ? endOfMonth(raw) : raw;
  const legalLimit = legalDueDateLimit(issueDate, terms, options);
  const dueDate = minDate(wanted, legalLimit);
  return { dueDate, legalLimit, capped: dueDate !== wanted };
}

/** The terms that apply: the client's override when set, else the default setting (SPEC §2.1). */
export function effectiveTermsDays(clientDays: number | undefined, defaultDays: number): number {
  return clientDays ?? defaultDays;
}
