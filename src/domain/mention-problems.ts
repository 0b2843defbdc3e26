/**
 * The vocabulary of mandatory-mention problems: the names of the fields as the workbook shows
 * them, and the two kinds of problem (a value missing, a value unusable), each naming the field
 * and where to fill it in, in French and English.
 */
import { formatSource, type Problem, type SourceRef } from './problem';
import type { InvoiceDocument } from './invoice';
import type { LocalizedText } from './language';
import type { LineVat } from './vat';

/** Column (or settings key) names, as the problems cite them. */
export const FIELDS = {
  name: { fr: 'nom', en: 'name' },
  address: { fr: 'adresse', en: 'address' },
  postcode: { fr: 'code postal', en: 'postcode' },
  city: { fr: 'ville', en: 'city' },
  country: { fr: 'pays', en: 'country' },
  siren: { fr: 'SIREN', en: 'SIREN' },
  sirenOrSiret: { fr: 'SIREN/SIRET', en: 'SIREN/SIRET' },
  siret: { fr: 'SIRET', en: 'SIRET' },
  vatNumber: { fr: 'n° TVA', en: 'VAT number' },
  nda: { fr: 'NDA', en: 'NDA' },
  iban: { fr: 'IBAN', en: 'IBAN' },
  bic: { fr: 'BIC', en: 'BIC' },
  mandate: { fr: "mandat d'autofacturation signé le", en: 'self-billing mandate signed on' },
  purchaseOrder: { fr: 'bon de commande', en: 'purchase order' },
  latePenalty: { fr: 'texte pénalités de retard', en: 'late-penalty text' },
  currency: { fr: 'devise', en: 'currency' },
  number: { fr: 'numéro', en: 'number' },
  issueDate: { fr: "date d'émission", en: 'issue date' },
  serviceDate: { fr: 'date ou période de la prestation', en: 'service date or period' },
  dueDate: { fr: "date d'échéance", en: 'due date' },
  lines: { fr: 'lignes', en: 'lines' },
  description: { fr: 'description', en: 'description' },
  quantity: { fr: 'quantité', en: 'quantity' },
  unitPrice: { fr: 'prix unitaire HT', en: 'unit price' },
  discount: { fr: 'remise %', en: 'discount %' },
  vatRate: { fr: 'taux TVA', en: 'VAT rate' },
  amount: { fr: 'montant', en: 'amount' },
  reason: { fr: 'motif', en: 'reason' },
  prepaid: { fr: 'acompte versé', en: 'prepaid amount' },
  precedingInvoice: { fr: 'facture corrigée', en: 'corrected invoice' },
  operationCategory: { fr: "catégorie de l'opération", en: 'operation category' },
  paymentReference: { fr: 'référence de paiement', en: 'payment reference' },
} satisfies Record<string, LocalizedText>;

export type Role = 'seller' | 'buyer';

const ROLE_OF: Readonly<Record<Role, LocalizedText>> = {
  seller: { fr: 'du vendeur', en: "seller's" },
  buyer: { fr: "de l'acheteur", en: "buyer's" },
};

export function describe(what: LocalizedText, role?: Role): LocalizedText {
  if (role === undefined) return what;
  return { fr: `${what.fr} ${ROLE_OF[role].fr}`, en: `${ROLE_OF[role].en} ${what.en}` };
}

function sourceText(source: SourceRef): LocalizedText {
  return { fr: formatSource(source, 'fr'), en: formatSource(source, 'en') };
}

/** A required value is absent: `Mention obligatoire manquante : … — à renseigner dans …`. */
export function missing(field: string, what: LocalizedText, source: SourceRef): Problem {
  const where = sourceText(source);
  return {
    code: 'mention.missing',
    field,
    source,
    message: {
      fr: `Mention obligatoire manquante : ${what.fr} — à renseigner dans ${where.fr}`,
      en: `Missing mandatory value: ${what.en} — to fill in ${where.en}`,
    },
  };
}

/** A value is present but unusable (format, check digit, legal limit), with the reason. */
export function invalid(
  field: string,
  what: LocalizedText,
  source: SourceRef,
  value: string,
  reason?: LocalizedText,
): Problem {
  const where = sourceText(source);
  const why =
    reason === undefined ? { fr: '', en: '' } : { fr: ` (${reason.fr})`, en: ` (${reason.en})` };
  return {
    code: 'mention.invalid',
    field,
    source,
    message: {
      fr: `Mention obligatoire invalide : ${what.fr} « ${value} »${why.fr} — à corriger dans ${where.fr}`,
      en: `Invalid mandatory value: ${what.en} "${value}"${why.en} — to correct in ${where.en}`,
    },
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
