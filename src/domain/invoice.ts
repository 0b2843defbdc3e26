/**
 * The invoice document: what an invoice, credit note, debit note or self-billed invoice says,
 * as plain JSON-compatible data (decimals as `DecimalString`, days as `CalendarDate`), so that a
 * draft can be stored, fingerprinted and resumed. Amounts are computed from it by `totals.ts`.
 *
 * Field names follow EN 16931 where there is one (BT numbers in the comments).
 */
import { both } from '../texts';
import type { CalendarDate } from './dates';
import type { DecimalString } from './decimal';
import type { Language, LocalizedText } from './language';
import type { SourceRef, TabKey } from './problem';
import type { LineVat, VatRegime } from './vat';

/**
 * The kinds of documents (with their UNTDID 1001 type code, BT-3):
 * - `facture` 380 commercial invoice; `acompte` 386 deposit (prepayment) invoice;
 * - `avoir` 381 credit note; `note-de-debit` 383 debit note (a supplement to an invoice);
 * - `autofacture` 389 self-billed invoice (issued by the buyer in the seller's name, CGI
 *   art. 289 I-2); `autofacture-avoir` 261 self-billed credit note.
 */
export type InvoiceKind =
  'facture' | 'acompte' | 'avoir' | 'note-de-debit' | 'autofacture' | 'autofacture-avoir';

export const INVOICE_TYPE_CODES: Readonly<Record<InvoiceKind, string>> = {
  facture: '380',
  acompte: '386',
  avoir: '381',
  'note-de-debit': '383',
  autofacture: '389',
  'autofacture-avoir': '261',
};

export const DOCUMENT_TITLES: Readonly<Record<InvoiceKind, LocalizedText>> = {
  facture: both('doc-title.facture'),
  acompte: both('doc-title.acompte'),
  avoir: both('doc-title.avoir'),
  'note-de-debit': both('doc-title.note-de-debit'),
  autofacture: both('doc-title.autofacture'),
  'autofacture-avoir': both('doc-title.autofacture-avoir'),
};

/** Credit notes carry negative amounts and reference the invoice they reduce. */
export function isCreditNote(kind: InvoiceKind): boolean {
  return kind === 'avoir' || kind === 'autofacture-avoir';
}

export function isSelfBilled(kind: InvoiceKind): boolean {
  return kind === 'autofacture' || kind === 'autofacture-avoir';
}

/** Documents that must name the invoice they correct (BG-3). */
export function isCorrection(kind: InvoiceKind): boolean {
  return kind === 'avoir' || kind === 'autofacture-avoir' || kind === 'note-de-debit';
}

/**
 * The numbering series a kind belongs to (SPEC §3.5): invoices (with deposits and debit notes,
 * which are invoices), credit notes, and each provider's self-billing series (which also holds
 * the self-billed credit notes, issued under the same mandate).
 */
export type SeriesKind = 'invoice' | 'credit-note' | 'self-billing';

export function seriesKindOf(kind: InvoiceKind): SeriesKind {
  if (isSelfBilled(kind)) return 'self-billing';
  return kind === 'avoir' ? 'credit-note' : 'invoice';
}

/** Where a party's data is kept: the settings (the organisation) or a client or provider row. */
export type PartySource =
  { readonly tab: 'settings' } | { readonly tab: 'clients' | 'providers'; readonly code: string };

/** A seller (BG-4) or buyer (BG-7). Optional fields may legitimately be absent (see mentions). */
export interface Party {
  readonly source: PartySource;
  /** `individual` for a private person (no SIREN, no B2B late-payment mentions). */
  readonly kind: 'organisation' | 'individual';
  /** Legal name (BT-27 / BT-44); for an "entrepreneur individuel", with "EI". */
  readonly name: string;
  readonly addressLines: readonly string[];
  readonly postcode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2 (`FR`). */
  readonly country: string;
  readonly siren?: string;
  readonly siret?: string;
  /** Intra-community VAT number (BT-31 / BT-48). */
  readonly vatNumber?: string;
  /** Training organisation declaration number (numéro de déclaration d'activité). */
  readonly nda?: string;
  readonly legalForm?: string;
  readonly shareCapital?: string;
  /** The city of the trade and companies register (RCS) the organisation is registered at. */
  readonly rcsCity?: string;
  readonly vatRegime?: VatRegime;
  /** The seller's bank account the buyer pays to (BT-84 / BT-86). */
  readonly iban?: string;
  readonly bic?: string;
  readonly email?: string;
  /** Buyer: the purchase-order reference kept on its client row, to be repeated on invoices. */
  readonly purchaseOrderReference?: string;
  /**
   * Buyer: the reference it asks invoices to carry (BT-10); for a public buyer invoiced through
   * Chorus Pro, its service code.
   */
  readonly buyerReference?: string;
  /**
   * Its electronic invoicing address (BT-34 / BT-49, scheme 0225 of the French directory);
   * absent: its SIREN.
   */
  readonly electronicAddress?: string;
  /** Self-billing seller: the day the self-billing mandate was signed (empty = no mandate). */
  readonly selfBillingMandateSignedOn?: CalendarDate;
}

/** Where a line comes from (a source row), to name it in problems. */
export interface LineSource {
  readonly tab: TabKey;
  readonly rowId: string;
}

/** An invoice line (BG-25). */
export interface InvoiceLine {
  readonly source?: LineSource;
  /** Item name / designation (BT-153). */
  readonly description: string;
  /** Invoiced quantity (BT-129); negative on credit notes. */
  readonly quantity: DecimalString;
  /** Unit of measure as printed (`jour`, `heure`, `apprenant`, `forfait`…). */
  readonly unit?: string;
  /** Net unit price excluding VAT (BT-146); may carry more than 2 decimals. */
  readonly unitPrice: DecimalString;
  /** Item price base quantity (BT-149): the price is for this many units (default 1). */
  readonly priceBaseQuantity?: DecimalString;
  /** Discount in percent of quantity × price (a line allowance, BT-138); default 0. */
  readonly discountPercent?: DecimalString;
  readonly vat: LineVat;
  readonly serviceDate?: CalendarDate;
}

/** A document-level allowance (BG-20) or charge (BG-21), amount excluding VAT, in cents. */
export interface DocumentAllowanceCharge {
  readonly charge: boolean;
  /** Amount excluding VAT (BT-92 / BT-99), at most 2 decimals; negative on credit notes. */
  readonly amount: DecimalString;
  readonly reason: string;
  readonly vat: LineVat;
}

/** The invoice a credit or debit note corrects (BG-3). */
export interface PrecedingInvoiceRef {
  readonly number: string;
  readonly issueDate: CalendarDate;
}

export interface ServicePeriod {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

/** The operation category printed since the 2024 reform: goods, services, or both. */
export type OperationCategory = 'services' | 'goods' | 'mixed';

/** A client credit deducted from an invoice (see `InvoiceDocument.appliedCredits`). */
export interface AppliedCredit {
  /** The overpaid invoice the credit comes from. */
  readonly invoice: string;
  /** The credit notes issued against it, when the credit comes from them. */
  readonly creditNotes: readonly string[];
  /** Amount with VAT deducted here, positive, 2 decimals. */
  readonly amount: DecimalString;
}

export interface InvoiceDocument {
  readonly kind: InvoiceKind;
  /** Invoice number (BT-1); absent until the invoice is issued. */
  readonly number?: string;
  /** Issue date (BT-2); set when the invoice is issued. */
  readonly issueDate?: CalendarDate;
  readonly language: Language;
  /** ISO 4217 code (BT-5), `EUR`. */
  readonly currency: string;
  readonly seller: Party;
  readonly buyer: Party;
  /** Delivery date (BT-72) or invoicing period (BG-14): one of them is required. */
  readonly serviceDate?: CalendarDate;
  readonly servicePeriod?: ServicePeriod;
  /** Payment due date (BT-9). */
  readonly dueDate?: CalendarDate;
  /** A periodic invoice (CGI art. 289 I-3): payment terms are capped at 45 days. */
  readonly periodic?: boolean;
  readonly lines: readonly InvoiceLine[];
  readonly allowancesCharges?: readonly DocumentAllowanceCharge[];
  /**
   * Amount already paid or invoiced (BT-113): the deposit invoices a balance invoice deducts,
   * plus the client credits applied to this invoice (`appliedCredits`).
   */
  readonly prepaidAmount?: DecimalString;
  /**
   * Client credits applied to this invoice on request: a credit note on an invoice already paid,
   * or an overpayment, deducted here instead of refunded. Included in `prepaidAmount`.
   */
  readonly appliedCredits?: readonly AppliedCredit[];
  /** Purchase-order reference (BT-13). */
  readonly purchaseOrderReference?: string;
  readonly precedingInvoice?: PrecedingInvoiceRef;
  /** Remittance information for the transfer (BT-83): client code + invoice number. */
  readonly paymentReference?: string;
  /** The late-penalty conditions from the settings (Code de commerce L441-9 and L441-10). */
  readonly latePenaltyText?: string;
  readonly operationCategory: OperationCategory;
  /** Free notes (BT-22), e.g. the reason of a credit note. */
  readonly notes?: readonly string[];
}

/** The remittance reference a payer should quote: the buyer's code then the invoice number. */
export function paymentReferenceFor(buyerCode: string, invoiceNumber: string): string {
  return `${buyerCode} ${invoiceNumber}`.trim();
}

/** Where a party field comes from, for problems: `Paramètres: SIREN`, `Clients: ACME: adresse`. */
export function partyFieldSource(party: Party, field: LocalizedText): SourceRef {
  return party.source.tab === 'settings'
    ? { tab: 'settings', field }
    : { tab: party.source.tab, record: party.source.code, field };
}
