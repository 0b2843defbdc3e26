/**
 * The legal texts an invoice prints, in its language (SPEC §3.5):
 * - VAT exemption texts (CGI annexe II art. 242 nonies A, I-9°) and the NDA of a training
 *   organisation (Code du travail L6352-12);
 * - "Autofacturation" on self-billed invoices (art. 242 nonies A, I-13°);
 * - no discount for early payment, the late-penalty rate, and the 40 € fixed recovery indemnity
 *   due by business buyers (Code de commerce L441-9, L441-10 and D441-5);
 * - the operation category (goods / services), required since the e-invoicing reform;
 * - for a credit or debit note, the invoice it corrects (art. 242 nonies A, I-8°).
 * The French wording is the reference; English invoices carry an English rendering with the same
 * legal references (and keep the word "Autofacturation").
 */
import { both, t } from '../texts';
import type { PrecedingInvoiceRef, InvoiceDocument, OperationCategory } from './invoice';
import { formatDate } from './format';
import type { Language, LocalizedText } from './language';
import { VAT_EXEMPTIONS, type VatExemption } from './vat';
import { isCorrection, isCreditNote, isSelfBilled } from './invoice';

export const SELF_BILLING_TEXT: LocalizedText = both('legal.self-billing');

export const NO_EARLY_PAYMENT_DISCOUNT_TEXT: LocalizedText = both(
  'legal.no-early-payment-discount',
);

export const RECOVERY_INDEMNITY_TEXT: LocalizedText = both('legal.recovery-indemnity');

/** A default for the late-penalty setting: the legal rate (ECB rate + 10 points). */
export const DEFAULT_LATE_PENALTY_TEXT: LocalizedText = both('legal.default-late-penalty');

export const OPERATION_CATEGORY_TEXTS: Readonly<Record<OperationCategory, LocalizedText>> = {
  services: both('legal.category.services'),
  goods: both('legal.category.goods'),
  mixed: both('legal.category.mixed'),
};

export type MentionKey =
  | `vat-exemption:${VatExemption}`
  | 'nda'
  | 'self-billing'
  | 'preceding-invoice'
  | 'operation-category'
  | 'no-early-payment-discount'
  | 'late-penalty'
  | 'recovery-indemnity';

export interface LegalMention {
  readonly key: MentionKey;
  readonly text: string;
}

/** The operation category line, e.g. `Catégorie de l'opération : Prestation de services`. */
export function operationCategoryText(category: OperationCategory, language: Language): string {
  return t(language, 'legal.operation-category', {
    category: OPERATION_CATEGORY_TEXTS[category][language],
  });
}

export function precedingInvoiceText(
  kind: 'credit' | 'debit',
  ref: PrecedingInvoiceRef,
  language: Language,
): string {
  return t(language, kind === 'credit' ? 'legal.credit-note-for' : 'legal.debit-note-for', {
    number: ref.number,
    date: formatDate(ref.issueDate, language),
  });
}

/** True when the buyer is a business (B2B late-payment mentions apply). */
export function isBusinessBuyer(invoice: InvoiceDocument): boolean {
  return invoice.buyer.kind === 'organisation';
}

/**
 * The legal mentions to print on `invoice`, in its language and in a stable order. Values that
 * are missing (no NDA, no penalty text) are left out here and reported by `missingMentions`.
 */
export function legalMentions(invoice: InvoiceDocument): LegalMention[] {
  const language = invoice.language;
  const mentions: LegalMention[] = [];
  if (isSelfBilled(invoice.kind))
    mentions.push({ key: 'self-billing', text: SELF_BILLING_TEXT[language] });
  if (isCorrection(invoice.kind) && invoice.precedingInvoice !== undefined) {
    mentions.push({
      key: 'preceding-invoice',
      text: precedingInvoiceText(
        invoice.kind === 'note-de-debit' ? 'debit' : 'credit',
        invoice.precedingInvoice,
        language,
      ),
    });
  }
  const exemptions: VatExemption[] = [];
  for (const item of [...invoice.lines, ...(invoice.allowancesCharges ?? [])]) {
    const exemption = item.vat.exemption;
    if (exemption !== undefined && !exemptions.includes(exemption)) exemptions.push(exemption);
  }
  for (const exemption of exemptions) {
    mentions.push({
      key: `vat-exemption:${exemption}`,
      text: VAT_EXEMPTIONS[exemption].text[language],
    });
  }
  const nda = invoice.seller.nda?.trim();
  if (exemptions.includes('formation') && nda !== undefined && nda !== '') {
    mentions.push({ key: 'nda', text: t(language, 'legal.nda', { nda }) });
  }
  mentions.push({
    key: 'operation-category',
    text: operationCategoryText(invoice.operationCategory, language),
  });
  // Payment conditions concern documents that are paid, not credit notes.
  if (isCreditNote(invoice.kind)) return mentions;
  mentions.push({
    key: 'no-early-payment-discount',
    text: NO_EARLY_PAYMENT_DISCOUNT_TEXT[language],
  });
  const penalty = invoice.latePenaltyText?.trim();
  if (penalty !== undefined && penalty !== '') {
    mentions.push({ key: 'late-penalty', text: penalty });
  }
  if (isBusinessBuyer(invoice)) {
    mentions.push({ key: 'recovery-indemnity', text: RECOVERY_INDEMNITY_TEXT[language] });
  }
  return mentions;
}
