/**
 * The e-invoice of an issued document: its CII XML in the French frame, what would make it
 * rejected, and its Factur-X PDF made from the PDF the Doc exports.
 */
import { DOCUMENT_TITLES, type InvoiceDocument } from '../domain/invoice';
import { msg, type Message } from '../texts';
import { ciiXml, electronicAddress } from './cii';
import { frenchFrame } from './french-frame';
import { facturXPdf, UnsupportedPdf } from './pdf-update';
import { srgbIccProfile } from './srgb-icc';

export { UnsupportedPdf };

export const XML_MIME = 'application/xml';

/** The CII XML of an issued document. */
export function eInvoiceXml(doc: InvoiceDocument): string {
  return ciiXml(doc, frenchFrame(doc));
}

/**
 * What the French rules would reject in the e-invoice, that the mandatory mentions of a paper
 * invoice do not already require: each party's electronic address (BR-FR-12, BR-FR-13).
 */
export function eInvoiceGaps(doc: InvoiceDocument): Message[] {
  const gaps: Message[] = [];
  // BR-FR-01/02: at most 35 characters, letters, digits and + - _ / only (a number pattern of
  // the settings may hold others: a dot, a space).
  const number = doc.number ?? '';
  if (!/^[A-Za-z0-9+\-_/]{1,35}$/.test(number)) {
    gaps.push(msg('einvoice.number-characters', { number }));
  }
  if (!electronicAddress(doc.seller)) {
    gaps.push(msg('einvoice.seller-address', { name: doc.seller.name }));
  }
  if (!electronicAddress(doc.buyer)) {
    gaps.push(msg('einvoice.buyer-address', { name: doc.buyer.name }));
  }
  return gaps;
}

/** The Factur-X PDF of `doc`: the exported PDF with its XML and PDF/A-3 metadata. */
export function eInvoicePdf(
  pdf: Uint8Array,
  doc: InvoiceDocument,
  xml: string,
  now: Date,
): Uint8Array {
  const title = `${DOCUMENT_TITLES[doc.kind][doc.language]} ${doc.number ?? ''}`;
  return facturXPdf(pdf, xml, {
    number: doc.number ?? '',
    title,
    author: doc.seller.name,
    subject: `${title} — ${doc.buyer.name}`,
    producer: 'Facturier',
    now,
    conformanceLevel: 'EN 16931',
    iccProfile: srgbIccProfile(),
  });
}
