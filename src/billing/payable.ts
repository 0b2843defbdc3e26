/**
 * Payables: what the organisation owes its providers (SPEC §3.1, §3.2, §3.4), with the rule
 * that fixes their due date. Amounts are decimal strings with 2 decimals, computed like an
 * invoice's (line nets rounded once per line, VAT per rate on the sum of the nets at that rate).
 */
import { addDays, type CalendarDate, type MonthKey } from '../domain/dates';
import type { DecimalString } from '../domain/decimal';
import type { InvoiceLine, ServicePeriod } from '../domain/invoice';
import { lineNet } from '../domain/line-amounts';
import { Money } from '../domain/money';
import { computeTotals } from '../domain/totals';
import type { LineOrigin } from './draft';

/**
 * - `autofacture`: a self-billed invoice the provider approves (mentoring with a mandate);
 * - `appel`: a billing call, paid on the provider's own invoice (mentoring without mandate);
 * - `payout`: a freelancer's CRA payout, per its payment option;
 * - `agency-share`: a provider's own lines on an agency-team client invoice.
 */
export type PayableKind = 'autofacture' | 'appel' | 'payout' | 'agency-share' | 'introducer';

/**
 * When a payable falls due:
 * - `approval`: `days` after the provider approves the self-billed invoice (nothing is due while
 *   it is contested);
 * - `receipt`: `days` after the provider's invoice is received;
 * - `validation`: `days` after the CRA's validation, known now (`dueDate`).
 */
export type PayableDue =
  | { readonly from: 'approval'; readonly days: number }
  | { readonly from: 'receipt'; readonly days: number }
  | {
      readonly from: 'validation';
      readonly date: CalendarDate;
      readonly days: number;
      readonly dueDate: CalendarDate;
      /** The payment option's name (`Express`). */
      readonly option: string;
    };

/** The session particulars a billing call lists (SPEC §3.1). */
export interface SessionDetail {
  readonly student: string;
  readonly type: 'mentorat' | 'soutenance';
  readonly level: number;
  readonly status: 'done' | 'no-show';
  /** Share of the rate billed, in percent (100, or the no-show share). */
  readonly sharePercent: DecimalString;
}

export interface PayableLine {
  readonly origin: LineOrigin;
  readonly date: CalendarDate;
  readonly description: string;
  readonly quantity: DecimalString;
  readonly unitPrice: DecimalString;
  /** Net HT of the line, 2 decimals. */
  readonly net: DecimalString;
  readonly session?: SessionDetail;
}

export interface Payable {
  /** Stable across runs for the same sources (`payout:<CRA row ID>`). */
  readonly key: string;
  readonly kind: PayableKind;
  readonly providerCode: string;
  readonly providerName: string;
  readonly month?: MonthKey;
  readonly period?: ServicePeriod;
  /** What the provider bills: HT, VAT under the provider's regime, TTC. */
  readonly amountHT: DecimalString;
  readonly vat: DecimalString;
  readonly amountTTC: DecimalString;
  /** Fee kept by the organisation for an early payout ('0.00' when none), deducted from TTC. */
  readonly fee: DecimalString;
  /** What is paid: TTC − fee. */
  readonly net: DecimalString;
  readonly due: PayableDue;
  readonly sourceIds: readonly string[];
  readonly lines: readonly PayableLine[];
  /** The draft it goes with: the self-billed invoice, or the client invoice (CRA, agency). */
  readonly draftKey?: string;
}

/** Days to pay mentors after approval or receipt (mentor contract, art. 8 in the seed). */
export const MENTOR_PAYMENT_DAYS = 30;

export interface LineTotals {
  ht: Money;
  vat: Money;
  ttc: Money;
}

/** HT, VAT (per rate on the sum of nets) and TTC of some lines. */
export function linesTotals(lines: readonly InvoiceLine[]): LineTotals {
  const totals = computeTotals({ lines: lines.map((l) => ({ net: lineNet(l), vat: l.vat })) });
  return { ht: totals.taxBasisTotal, vat: totals.taxTotal, ttc: totals.grandTotal };
}

/** The payable's due date once its starting event is known; undefined while it is not. */
export function payableDueDate(
  payable: Pick<Payable, 'due'>,
  events: {
    readonly approvedOn?: CalendarDate;
    readonly receivedOn?: CalendarDate;
    /** A contested self-billed invoice is not due until corrected. */
    readonly contested?: boolean;
  } = {},
): CalendarDate | undefined {
  const due = payable.due;
  switch (due.from) {
    case 'validation':
      return due.dueDate;
    case 'approval':
      return events.contested === true || events.approvedOn === undefined
        ? undefined
        : addDays(events.approvedOn, due.days);
    case 'receipt':
      return events.receivedOn === undefined ? undefined : addDays(events.receivedOn, due.days);
  }
}
