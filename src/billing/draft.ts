/** A draft: an invoice document before its number, with where each line comes from. */
import type { CalendarDate } from '../domain/dates';
import type { DecimalString } from '../domain/decimal';
import type { InvoiceDocument } from '../domain/invoice';
import type { TabKey } from '../sheets/tabs';
import type { TrainingBlock } from './training-block';

/**
 * The part of a source row a line bills, when one row is billed on several invoices: a training
 * enrolment split between its financer and its sponsor, or the agency fee computed from a
 * project's provider lines (the fee line points at the first of them).
 */
export type ItemPart = 'financer' | 'sponsor' | 'agency-fee';

export interface LineOrigin {
  tab: TabKey;
  id: string;
  /** 1-based row of the source, for messages. */
  row: number;
  /** Absent when the line bills the whole row. */
  part?: ItemPart;
}

/** A deposit invoice already issued, deducted from a balance invoice (SPEC §3.4). */
export interface IssuedDeposit {
  number: string;
  issueDate: CalendarDate;
  buyerCode: string;
  /** The project of the deposit rows, as typed (matched without regard to case and accents). */
  project: string;
  /** Total with VAT of the deposit invoice, 2 decimals. */
  amountTTC: DecimalString;
  /** Its VAT, 2 decimals (the balance invoice shows the deposit "with its VAT"). */
  vat?: DecimalString;
}

export interface Draft {
  /** Grouping key (`extra-lines:LUMEN`), stable across runs for the same sources. */
  key: string;
  /** The buyer's client code; '' on self-billed invoices, whose buyer is the organisation. */
  buyerCode: string;
  invoice: InvoiceDocument;
  /** One per invoice line, same order. */
  origins: readonly LineOrigin[];
  recipients: readonly string[];
  /** `payable` for self-billed invoices (the organisation buys); receivable when absent. */
  direction?: 'receivable' | 'payable';
  /** Self-billed invoices: the provider whose own series numbers it (`{PROVIDER}`). */
  providerCode?: string;
  /**
   * Payment terms in days from the issue date, when the rule fixes them (self-billing: 30 days
   * per the mentors' contract); otherwise the client's terms or the default setting apply.
   */
  termsDays?: number;
  /** The financer billed (training), for the register's financer column. */
  financerCode?: string;
  /** The sponsors whose learners the invoice covers (training). */
  sponsorCodes?: readonly string[];
  /** Project reference of extra lines (agency, deposit and balance invoices). */
  project?: string;
  /** The deposit invoices deducted by a balance invoice (their TTC sum is `prepaidAmount`). */
  deposits?: readonly IssuedDeposit[];
  /** What a training invoice shows besides its lines (SPEC §3.3). */
  training?: TrainingBlock;
}
