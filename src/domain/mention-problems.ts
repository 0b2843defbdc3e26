/**
 * The vocabulary of mandatory-mention problems: the names of the fields as the workbook shows
 * them, and the two kinds of problem (a value missing, a value unusable), each naming the field
 * and where to fill it in.
 */
import { both, msg, type Message, type Param } from '../texts';
import { formatSource, type Problem, type SourceRef } from './problem';
import type { InvoiceDocument } from './invoice';
import type { LocalizedText } from './language';
import type { LineVat } from './vat';

/** Column (or settings key) names, as the problems cite them. */
export const FIELDS = {
  name: both('field.name'),
  address: both('field.address'),
  postcode: both('field.postcode'),
  city: both('field.city'),
  country: both('field.country'),
  siren: both('field.siren'),
  sirenOrSiret: both('field.sirenOrSiret'),
  siret: both('field.siret'),
  vatNumber: both('field.vatNumber'),
  nda: both('field.nda'),
  iban: both('field.iban'),
  bic: both('field.bic'),
  mandate: both('field.mandate'),
  purchaseOrder: both('field.purchaseOrder'),
  latePenalty: both('field.latePenalty'),
  currency: both('field.currency'),
  number: both('field.number'),
  issueDate: both('field.issueDate'),
  serviceDate: both('field.serviceDate'),
  dueDate: both('field.dueDate'),
  lines: both('field.lines'),
  description: both('field.description'),
  quantity: both('field.quantity'),
  unitPrice: both('field.unitPrice'),
  discount: both('field.discount'),
  vatRate: both('field.vatRate'),
  amount: both('field.amount'),
  reason: both('field.reason'),
  prepaid: both('field.prepaid'),
  precedingInvoice: both('field.precedingInvoice'),
  operationCategory: both('field.operationCategory'),
  paymentReference: both('field.paymentReference'),
} satisfies Record<string, LocalizedText>;

export type Role = 'seller' | 'buyer';

/** What a problem names: a field, a field of a party, of a line… */
export type What = LocalizedText | Message;

export function describe(what: LocalizedText, role?: Role): What {
  if (role === undefined) return what;
  return msg(role === 'seller' ? 'field.of-seller' : 'field.of-buyer', { field: what });
}

function sourceText(source: SourceRef): LocalizedText {
  return { fr: formatSource(source, 'fr'), en: formatSource(source, 'en') };
}

/** A required value is absent: `Mention obligatoire manquante : … — à renseigner dans …`. */
export function missing(field: string, what: What, source: SourceRef): Problem {
  return {
    code: 'mention.missing',
    field,
    source,
    message: msg('mention.missing', { what, where: sourceText(source) }),
  };
}

/** A value is present but unusable (format, check digit, legal limit), with the reason. */
export function invalid(
  field: string,
  what: What,
  source: SourceRef,
  value: string,
  reason?: Param,
): Problem {
  const where = sourceText(source);
  return {
    code: 'mention.invalid',
    field,
    source,
    message:
      reason === undefined
        ? msg('mention.invalid', { what, value, where })
        : msg('mention.invalid-because', { what, value, reason, where }),
    value,
  };
}

/** Absent or only spaces. */
export function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** The VAT of every line and every document-level allowance or charge. */
export function allVat(invoice: InvoiceDocument): LineVat[] {
  return [
    ...invoice.lines.map((l) => l.vat),
    ...(invoice.allowancesCharges ?? []).map((a) => a.vat),
  ];
}

/** A value set on the document itself by the run (number, dates): `Facture: FA-…: date`. */
export function documentSource(invoice: InvoiceDocument, field: LocalizedText): SourceRef {
  return invoice.number === undefined
    ? { tab: 'invoice', field }
    : { tab: 'invoice', record: invoice.number, field };
}
