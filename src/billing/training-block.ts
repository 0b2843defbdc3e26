/**
 * What a training invoice shows besides its lines (SPEC §3.3, after the Digiforma consolidated
 * invoice): for each line, the sponsor's figures and the financer's share; for each session and
 * sponsor on the invoice, the session's particulars and its learners. Amounts are decimal
 * strings with 2 decimals.
 */
import type { CalendarDate } from '../domain/dates';
import type { DecimalString } from '../domain/decimal';

/** Billing unit codes of the Inscriptions tab. */
export type TrainingUnit = 'learner' | 'day' | 'hour' | 'flat';

/** One per invoice line, same order as the lines. */
export interface TrainingLineDetail {
  sessionRef: string;
  productRef: string;
  /** Product designation (the training's label). */
  productLabel: string;
  sponsorCode: string;
  sponsorName: string;
  learner: string;
  /** Number of learners of the enrolment row: its quantity when billed per learner, else 1. */
  learnersCount: DecimalString;
  unit: TrainingUnit;
  /** The unit as printed, in the invoice's language. */
  unitLabel: string;
  /** As enrolled: quantity, unit price HT and discount % of the row. */
  quantity: DecimalString;
  unitPrice: DecimalString;
  discountPercent: DecimalString;
  /** The whole row's cost for the sponsor: net HT, and with VAT at the line's rate. */
  sponsorTotalHT: DecimalString;
  sponsorTotalTTC: DecimalString;
  /** What the financer covers of it ('0.00' when the sponsor pays alone). */
  financerShareHT: DecimalString;
  financerShareTTC: DecimalString;
  /** Which part of the row this line bills. */
  billed: 'whole' | 'financer' | 'sponsor';
  /** Hours attended when fewer than the training's duration. */
  hoursAttended?: DecimalString;
}

/** One per (session, sponsor) on the invoice. */
export interface TrainingSessionBlock {
  sessionRef: string;
  productRef: string;
  productLabel: string;
  hours: DecimalString;
  start: CalendarDate;
  end: CalendarDate;
  location: string;
  trainer: string;
  sponsorCode: string;
  sponsorName: string;
  learners: readonly string[];
  learnersCount: DecimalString;
  /** Billing units as printed, in order of appearance. */
  unitLabels: readonly string[];
  /**
   * The session's total for the sponsor: every enrolment on the invoice, whole, before the
   * financer's share (what the session costs, whoever pays it).
   */
  totalHT: DecimalString;
  /** Sum of this invoice's line nets for the session and sponsor. */
  billedHT: DecimalString;
}

export interface TrainingBlock {
  sessions: readonly TrainingSessionBlock[];
  lines: readonly TrainingLineDetail[];
}
