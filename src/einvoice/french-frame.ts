/**
 * The French frame of an e-invoice (French CTC rules BR-FR, "Flux 2"): what a document alone does
 * not say and the rules ask for.
 *
 * - BT-23, the "cadre de facturation" (BR-FR-08): a letter for what is supplied (S services,
 *   B goods, M both) and a digit for the case: 1 an invoice deposited for payment, 4 the final
 *   invoice after a deposit (BR-FR-CO-08 forbids it on a deposit invoice). Self-billed documents
 *   are S1 too: the x9 frame needs line kinds the EN 16931 profile does not have.
 * - The notes BR-FR-05 requires on every document, credit notes included: PMT (the 40 € recovery
 *   indemnity), PMD (late penalties), AAB (no early-payment discount); and BAR, the kind of
 *   exchange (BR-FR-20 lists its values).
 * - BAR. The e-invoicing obligation (CGI art. 289 bis) covers supplies between taxable persons
 *   established in France, exempt supplies of CGI art. 261 to 261 E excepted: the DGFiP's FAQ on
 *   the reform says that only operations "qui ne sont pas exonérées en application des articles
 *   261 à 261 E du CGI relèvent de l'obligation de recours à la facturation électronique" (as
 *   quoted at https://facturevolution.fr/?p=712). Hence:
 *   - a document whose every line is vocational training exempt under art. 261-4-4° a is
 *     `OUTOFSCOPE` (still exchanged, outside the obligation);
 *   - a private person is `B2C` (`B2CINT` abroad), a business abroad `B2BINT`;
 *   - everything else `B2B`, franchise en base included (art. 293 B is not an exemption of
 *     art. 261 to 261 E: its supplies are within the obligation from 2027).
 */
import { isSelfBilled, type InvoiceDocument } from '../domain/invoice';
import {
  DEFAULT_LATE_PENALTY_TEXT,
  NO_EARLY_PAYMENT_DISCOUNT_TEXT,
  RECOVERY_INDEMNITY_TEXT,
} from '../domain/legal-texts';
import { Money } from '../domain/money';
import { invoiceTotals } from '../domain/totals';
import type { CiiContext } from './cii';

export type Exchange = 'B2B' | 'B2BINT' | 'B2C' | 'B2CINT' | 'OUTOFSCOPE';

/** The BAR note's value for a document (see the file comment for the sources). */
export function exchangeOf(doc: InvoiceDocument): Exchange {
  // On a self-billed invoice the buyer is the organisation: the provider is who supplies.
  const customer = doc.buyer;
  const supplies = [
    ...doc.lines.map((l) => l.vat),
    ...(doc.allowancesCharges ?? []).map((a) => a.vat),
  ];
  if (supplies.length > 0 && supplies.every((v) => v.exemption === 'formation'))
    return 'OUTOFSCOPE';
  const abroad =
    customer.country !== 'FR' || (isSelfBilled(doc.kind) && doc.seller.country !== 'FR');
  if (customer.kind === 'individual') return abroad ? 'B2CINT' : 'B2C';
  return abroad ? 'B2BINT' : 'B2B';
}

/** BT-23 for a document (BR-FR-08, BR-FR-CO-08). */
export function businessProcessOf(doc: InvoiceDocument): string {
  const letter =
    doc.operationCategory === 'goods' ? 'B' : doc.operationCategory === 'mixed' ? 'M' : 'S';
  // A final invoice deducting deposits: what it deducts beyond the client credits applied.
  const credits = Money.sum((doc.appliedCredits ?? []).map((c) => Money.of(c.amount)));
  const deposits = invoiceTotals(doc).prepaidAmount.minus(credits);
  const final = doc.kind === 'facture' && deposits.isPositive();
  return `${letter}${final ? '4' : '1'}`;
}

/** The frame the CII of `doc` is written in. */
export function frenchFrame(doc: InvoiceDocument): CiiContext {
  const lang = doc.language;
  return {
    businessProcess: businessProcessOf(doc),
    notes: [
      ...(doc.notes ?? []).map((text) => ({ code: 'AAI', text })),
      { code: 'PMT', text: RECOVERY_INDEMNITY_TEXT[lang] },
      { code: 'PMD', text: doc.latePenaltyText ?? DEFAULT_LATE_PENALTY_TEXT[lang] },
      { code: 'AAB', text: NO_EARLY_PAYMENT_DISCOUNT_TEXT[lang] },
      { code: 'BAR', text: exchangeOf(doc) },
    ],
  };
}
