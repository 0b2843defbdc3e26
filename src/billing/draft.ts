/** A draft: an invoice document before its number, with where each line comes from. */
import type { InvoiceDocument } from '../domain/invoice';
import type { TabKey } from '../sheets/tabs';

export interface LineOrigin {
  tab: TabKey;
  id: string;
  /** 1-based row of the source, for messages. */
  row: number;
}

export interface Draft {
  /** Grouping key (`extras:LUMEN`), stable across runs for the same sources. */
  key: string;
  buyerCode: string;
  invoice: InvoiceDocument;
  /** One per invoice line, same order. */
  origins: readonly LineOrigin[];
  recipients: readonly string[];
}
