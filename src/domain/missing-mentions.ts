/**
 * The gate before issuing: every mandatory value of a French invoice (SPEC §3.5; CGI annexe II
 * art. 242 nonies A; Code de commerce L441-9) that is missing or unusable, each as a problem that
 * names the field, the record it should come from (`Paramètres: SIREN`, `Clients: ACME: adresse`)
 * and a message in French and English. An invoice with any problem is not issued.
 *
 * Run it before allocating the number (`expectNumber: false`): a number must never be spent on an
 * invoice that then cannot be issued, or the series would have a gap.
 *
 * When a value is required, and why:
 * - names and addresses of both parties: always;
 * - SIREN: the seller's when established in France; the buyer's when it is a French business
 *   (not a private person, not a foreign company);
 * - seller's VAT number: when the invoice bears VAT or reverse charge (a business under the
 *   franchise or with only exempt training may have none); buyer's: under reverse charge;
 * - NDA: when a line is exempt as vocational training;
 * - IBAN and BIC: when an amount is due (not on credit notes);
 * - the self-billing mandate: on self-billed documents, signed on or before the issue date;
 * - purchase-order reference: when the buyer's record has one;
 * - number, issue date, service date or period, due date (within the legal limit), lines with
 *   designation, quantity, unit price, discount and VAT rate or exemption;
 * - the late-penalty text: for business buyers;
 * - the payment reference (client code + number), once the number is known, except on credit notes;
 * - the corrected invoice's number and date: on credit and debit notes.
 */
import { maxDate, type CalendarDate } from './dates';
import { dec, isDecimalString } from './decimal';
import { legalDueDateLimit } from './due-dates';
import { formatDate } from './format';
import {
  isValidBic,
  isValidIban,
  isValidSiren,
  isValidSiret,
  isValidVatNumber,
  maskIban,
  sirenOf,
} from './identifiers';
import {
  isCorrection,
  isCreditNote,
  isSelfBilled,
  partyFieldSource,
  type InvoiceDocument,
  type Party,
} from './invoice';
import { localize, type LocalizedText } from './language';
import { isBusinessBuyer, OPERATION_CATEGORY_TEXTS } from './legal-texts';
import { CENT_SCALE, Money } from './money';
import { invoiceNumberProblems } from './number-pattern';
import { formatSource, type Problem, type SourceRef } from './problem';
import { invoiceTotals } from './totals';
import { lineVatErrors, vatKey, type LineVat } from './vat';

export interface MentionCheckOptions {
  /** False when checking before the number is allocated (the usual case). Default true. */
  readonly expectNumber?: boolean;
}

/** Column (or settings key) names, as the problems cite them. */
const FIELDS = {
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

type Role = 'seller' | 'buyer';

const ROLE_OF: Readonly<Record<Role, LocalizedText>> = {
  seller: { fr: 'du vendeur', en: "seller's" },
  buyer: { fr: "de l'acheteur", en: "buyer's" },
};

function describe(what: LocalizedText, role?: Role): LocalizedText {
  if (role === undefined) return what;
  return { fr: `${what.fr} ${ROLE_OF[role].fr}`, en: `${ROLE_OF[role].en} ${what.en}` };
}

function sourceText(source: SourceRef): LocalizedText {
  return { fr: formatSource(source, 'fr'), en: formatSource(source, 'en') };
}

function missing(field: string, what: LocalizedText, source: SourceRef): Problem {
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

function invalid(
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

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

function allVat(invoice: InvoiceDocument): LineVat[] {
  return [
    ...invoice.lines.map((l) => l.vat),
    ...(invoice.allowancesCharges ?? []).map((a) => a.vat),
  ];
}

function checkParty(party: Party, role: Role, invoice: InvoiceDocument, problems: Problem[]): void {
  const src = (field: LocalizedText): SourceRef => partyFieldSource(party, field);
  if (blank(party.name))
    problems.push(missing(`${role}.name`, describe(FIELDS.name, role), src(FIELDS.name)));
  if (party.addressLines.every((l) => blank(l))) {
    problems.push(missing(`${role}.address`, describe(FIELDS.address, role), src(FIELDS.address)));
  }
  if (blank(party.postcode)) {
    problems.push(
      missing(`${role}.postcode`, describe(FIELDS.postcode, role), src(FIELDS.postcode)),
    );
  }
  if (blank(party.city))
    problems.push(missing(`${role}.city`, describe(FIELDS.city, role), src(FIELDS.city)));
  if (blank(party.country)) {
    problems.push(missing(`${role}.country`, describe(FIELDS.country, role), src(FIELDS.country)));
  } else if (!/^[A-Z]{2}$/.test(party.country)) {
    problems.push(
      invalid(
        `${role}.country`,
        describe(FIELDS.country, role),
        src(FIELDS.country),
        party.country,
        {
          fr: 'code pays ISO à deux lettres attendu, par ex. FR',
          en: 'two-letter ISO country code expected, e.g. FR',
        },
      ),
    );
  }

  const sirenField =
    party.source.tab === 'settings'
      ? FIELDS.siren
      : party.source.tab === 'providers'
        ? FIELDS.siret
        : FIELDS.sirenOrSiret;
  const needsSiren = party.country === 'FR' && (role === 'seller' || party.kind === 'organisation');
  const siren = sirenOf(party);
  if (needsSiren && siren === undefined) {
    problems.push(missing(`${role}.siren`, describe(FIELDS.siren, role), src(sirenField)));
  } else if (siren !== undefined && !isValidSiren(siren)) {
    problems.push(
      invalid(`${role}.siren`, describe(FIELDS.siren, role), src(sirenField), siren, {
        fr: '9 chiffres avec une clé de contrôle valide',
        en: '9 digits with a valid check digit',
      }),
    );
  }
  if (!blank(party.siret) && !isValidSiret(party.siret ?? '')) {
    problems.push(
      invalid(`${role}.siret`, describe(FIELDS.siret, role), src(FIELDS.siret), party.siret ?? '', {
        fr: '14 chiffres avec une clé de contrôle valide',
        en: '14 digits with a valid check digit',
      }),
    );
  }

  const categories = allVat(invoice).map((v) => v.category);
  const needsVatNumber =
    role === 'seller'
      ? categories.some((c) => c === 'S' || c === 'Z' || c === 'AE' || c === 'K' || c === 'G')
      : categories.some((c) => c === 'AE' || c === 'K');
  if (blank(party.vatNumber)) {
    if (needsVatNumber)
      problems.push(
        missing(`${role}.vatNumber`, describe(FIELDS.vatNumber, role), src(FIELDS.vatNumber)),
      );
  } else if (!isValidVatNumber(party.vatNumber ?? '')) {
    problems.push(
      invalid(
        `${role}.vatNumber`,
        describe(FIELDS.vatNumber, role),
        src(FIELDS.vatNumber),
        party.vatNumber ?? '',
      ),
    );
  }
}

function checkSellerSpecifics(
  invoice: InvoiceDocument,
  amountDue: Money | undefined,
  problems: Problem[],
): void {
  const seller = invoice.seller;
  const src = (field: LocalizedText): SourceRef => partyFieldSource(seller, field);
  if (invoice.lines.some((l) => l.vat.exemption === 'formation') && blank(seller.nda)) {
    problems.push(missing('seller.nda', describe(FIELDS.nda, 'seller'), src(FIELDS.nda)));
  }
  const paymentExpected =
    !isCreditNote(invoice.kind) && (amountDue === undefined || amountDue.isPositive());
  if (blank(seller.iban)) {
    if (paymentExpected)
      problems.push(missing('seller.iban', describe(FIELDS.iban, 'seller'), src(FIELDS.iban)));
  } else if (!isValidIban(seller.iban ?? '')) {
    // Only a masked IBAN goes into messages (SPEC §8: no IBAN in logs).
    problems.push(
      invalid(
        'seller.iban',
        describe(FIELDS.iban, 'seller'),
        src(FIELDS.iban),
        maskIban(seller.iban ?? ''),
      ),
    );
  }
  if (blank(seller.bic)) {
    if (paymentExpected)
      problems.push(missing('seller.bic', describe(FIELDS.bic, 'seller'), src(FIELDS.bic)));
  } else if (!isValidBic(seller.bic ?? '')) {
    problems.push(
      invalid('seller.bic', describe(FIELDS.bic, 'seller'), src(FIELDS.bic), seller.bic ?? ''),
    );
  }
  if (isSelfBilled(invoice.kind)) {
    const mandate = seller.selfBillingMandateSignedOn;
    if (mandate === undefined) {
      problems.push(
        missing('seller.selfBillingMandateSignedOn', FIELDS.mandate, src(FIELDS.mandate)),
      );
    } else if (invoice.issueDate !== undefined && mandate > invoice.issueDate) {
      problems.push(
        invalid('seller.selfBillingMandateSignedOn', FIELDS.mandate, src(FIELDS.mandate), mandate, {
          fr: "le mandat doit être signé au plus tard à la date d'émission",
          en: 'the mandate must be signed on or before the issue date',
        }),
      );
    }
  }
}

function documentSource(invoice: InvoiceDocument, field: LocalizedText): SourceRef {
  return invoice.number === undefined
    ? { tab: 'invoice', field }
    : { tab: 'invoice', record: invoice.number, field };
}

function checkDates(invoice: InvoiceDocument, problems: Problem[]): void {
  const doc = (field: LocalizedText): SourceRef => documentSource(invoice, field);
  const issueDate = invoice.issueDate;
  if (issueDate === undefined)
    problems.push(missing('issueDate', FIELDS.issueDate, doc(FIELDS.issueDate)));
  if (invoice.serviceDate === undefined && invoice.servicePeriod === undefined) {
    problems.push(missing('serviceDate', FIELDS.serviceDate, doc(FIELDS.serviceDate)));
  }
  const period = invoice.servicePeriod;
  if (period !== undefined && period.start > period.end) {
    problems.push(
      invalid(
        'servicePeriod',
        FIELDS.serviceDate,
        doc(FIELDS.serviceDate),
        `${period.start}/${period.end}`,
        {
          fr: 'la fin précède le début',
          en: 'the end is before the start',
        },
      ),
    );
  }
  if (isCreditNote(invoice.kind)) return;
  const dueDate = invoice.dueDate;
  if (dueDate === undefined) {
    problems.push(missing('dueDate', FIELDS.dueDate, doc(FIELDS.dueDate)));
    return;
  }
  if (issueDate === undefined) return;
  // The latest of the two legal limits (60 days, or 45 days end of month), 45 days if periodic.
  const limit: CalendarDate =
    invoice.periodic === true
      ? legalDueDateLimit(issueDate, {}, { periodic: true })
      : maxDate(legalDueDateLimit(issueDate), legalDueDateLimit(issueDate, { endOfMonth: true }));
  if (dueDate < issueDate || dueDate > limit) {
    problems.push(
      invalid(
        'dueDate',
        FIELDS.dueDate,
        doc(FIELDS.dueDate),
        dueDate,
        localize(
          {
            fr: "l'échéance doit se situer entre la date d'émission et le {limit} (délai légal)",
            en: 'the due date must fall between the issue date and {limit} (legal limit)',
          },
          (language) => ({ limit: formatDate(limit, language) }),
        ),
      ),
    );
  }
}

/** True when every decimal of the document can be computed with. */
function checkAmounts(invoice: InvoiceDocument, problems: Problem[]): boolean {
  let computable = true;
  const lineLabel = (i: number): LocalizedText => ({ fr: `ligne ${i + 1}`, en: `line ${i + 1}` });
  if (invoice.lines.length === 0) {
    problems.push(missing('lines', FIELDS.lines, documentSource(invoice, FIELDS.lines)));
  }
  invoice.lines.forEach((line, i) => {
    const src = (field: LocalizedText): SourceRef =>
      line.source === undefined
        ? documentSource(invoice, {
            fr: `${lineLabel(i).fr}: ${field.fr}`,
            en: `${lineLabel(i).en}: ${field.en}`,
          })
        : { tab: line.source.tab, record: line.source.rowId, field };
    const what = (field: LocalizedText): LocalizedText => ({
      fr: `${field.fr} (${lineLabel(i).fr})`,
      en: `${field.en} (${lineLabel(i).en})`,
    });
    if (blank(line.description)) {
      problems.push(
        missing(`lines[${i}].description`, what(FIELDS.description), src(FIELDS.description)),
      );
    }
    if (!isDecimalString(line.quantity)) {
      computable = false;
      problems.push(
        invalid(`lines[${i}].quantity`, what(FIELDS.quantity), src(FIELDS.quantity), line.quantity),
      );
    }
    if (!isDecimalString(line.unitPrice) || dec(line.unitPrice).lt(0)) {
      computable = false;
      problems.push(
        invalid(
          `lines[${i}].unitPrice`,
          what(FIELDS.unitPrice),
          src(FIELDS.unitPrice),
          line.unitPrice,
          {
            fr: 'nombre positif ou nul attendu',
            en: 'a number of zero or more is expected',
          },
        ),
      );
    }
    const base = line.priceBaseQuantity;
    if (base !== undefined && (!isDecimalString(base) || !dec(base).gt(0))) {
      computable = false;
      problems.push(
        invalid(`lines[${i}].priceBaseQuantity`, what(FIELDS.quantity), src(FIELDS.quantity), base),
      );
    }
    const discount = line.discountPercent;
    if (
      discount !== undefined &&
      (!isDecimalString(discount) || dec(discount).lt(0) || dec(discount).gt(100))
    ) {
      computable = false;
      problems.push(
        invalid(
          `lines[${i}].discountPercent`,
          what(FIELDS.discount),
          src(FIELDS.discount),
          discount,
          {
            fr: 'entre 0 et 100',
            en: 'between 0 and 100',
          },
        ),
      );
    }
    const vatErrors = lineVatErrors(line.vat);
    if (vatErrors.length > 0) {
      computable = false;
      for (const error of vatErrors) {
        problems.push(
          invalid(
            `lines[${i}].vat`,
            what(FIELDS.vatRate),
            src(FIELDS.vatRate),
            `${line.vat.category} ${line.vat.ratePercent}`,
            error,
          ),
        );
      }
    }
  });
  (invoice.allowancesCharges ?? []).forEach((item, i) => {
    const label: LocalizedText = item.charge
      ? { fr: `frais ${i + 1}`, en: `charge ${i + 1}` }
      : { fr: `remise globale ${i + 1}`, en: `allowance ${i + 1}` };
    const field = (f: LocalizedText): LocalizedText => ({
      fr: `${label.fr}: ${f.fr}`,
      en: `${label.en}: ${f.en}`,
    });
    if (!isDecimalString(item.amount) || dec(item.amount).decimalPlaces() > CENT_SCALE) {
      computable = false;
      problems.push(
        invalid(
          `allowancesCharges[${i}].amount`,
          field(FIELDS.amount),
          documentSource(invoice, field(FIELDS.amount)),
          item.amount,
          {
            fr: 'montant au centime attendu',
            en: 'an amount in cents is expected',
          },
        ),
      );
    }
    if (blank(item.reason)) {
      problems.push(
        missing(
          `allowancesCharges[${i}].reason`,
          field(FIELDS.reason),
          documentSource(invoice, field(FIELDS.reason)),
        ),
      );
    }
    for (const error of lineVatErrors(item.vat)) {
      computable = false;
      problems.push(
        invalid(
          `allowancesCharges[${i}].vat`,
          field(FIELDS.vatRate),
          documentSource(invoice, field(FIELDS.vatRate)),
          `${item.vat.category} ${item.vat.ratePercent}`,
          error,
        ),
      );
    }
  });
  const prepaid = invoice.prepaidAmount;
  if (
    prepaid !== undefined &&
    (!isDecimalString(prepaid) || dec(prepaid).decimalPlaces() > CENT_SCALE)
  ) {
    computable = false;
    problems.push(
      invalid('prepaidAmount', FIELDS.prepaid, documentSource(invoice, FIELDS.prepaid), prepaid),
    );
  }
  // EN 16931 keeps one VAT breakdown per category and rate, with one exemption reason.
  const reasons = new Map<string, string>();
  for (const vat of allVat(invoice)) {
    if (vat.exemption === undefined) continue;
    const key = vatKey(vat);
    const seen = reasons.get(key);
    if (seen === undefined) reasons.set(key, vat.exemption);
    else if (seen !== vat.exemption) {
      problems.push(
        invalid(
          'vat.exemption',
          FIELDS.vatRate,
          documentSource(invoice, FIELDS.vatRate),
          `${seen} / ${vat.exemption}`,
          {
            fr: "deux motifs d'exonération différents dans la même catégorie de TVA",
            en: 'two different exemption reasons in the same VAT category',
          },
        ),
      );
      break;
    }
  }
  return computable;
}

function checkDocument(
  invoice: InvoiceDocument,
  options: MentionCheckOptions,
  problems: Problem[],
): void {
  const doc = (field: LocalizedText): SourceRef => documentSource(invoice, field);
  if (options.expectNumber !== false) {
    if (blank(invoice.number)) problems.push(missing('number', FIELDS.number, doc(FIELDS.number)));
    else if (invoiceNumberProblems(invoice.number ?? '').length > 0) {
      problems.push(
        invalid('number', FIELDS.number, doc(FIELDS.number), invoice.number ?? '', {
          fr: '35 caractères au plus parmi A-Z a-z 0-9 + - _ /',
          en: 'at most 35 characters among A-Z a-z 0-9 + - _ /',
        }),
      );
    }
  }
  if (options.expectNumber !== false && !isCreditNote(invoice.kind)) {
    // The remittance reference (client code + number) lets the payment be matched to the invoice.
    const reference = invoice.paymentReference;
    if (blank(reference)) {
      problems.push(
        missing('paymentReference', FIELDS.paymentReference, doc(FIELDS.paymentReference)),
      );
    } else if (!blank(invoice.number) && !(reference ?? '').includes(invoice.number ?? '')) {
      problems.push(
        invalid(
          'paymentReference',
          FIELDS.paymentReference,
          doc(FIELDS.paymentReference),
          reference ?? '',
          {
            fr: 'elle doit contenir le numéro de la facture',
            en: 'it must contain the invoice number',
          },
        ),
      );
    }
  }
  if (!/^[A-Z]{3}$/.test(invoice.currency)) {
    problems.push(
      invalid(
        'currency',
        FIELDS.currency,
        { tab: 'settings', field: FIELDS.currency },
        invoice.currency,
      ),
    );
  }
  if (!(invoice.operationCategory in OPERATION_CATEGORY_TEXTS)) {
    problems.push(
      missing('operationCategory', FIELDS.operationCategory, doc(FIELDS.operationCategory)),
    );
  }
  const buyerOrder = invoice.buyer.purchaseOrderReference;
  if (!blank(buyerOrder) && blank(invoice.purchaseOrderReference)) {
    problems.push(
      missing(
        'purchaseOrderReference',
        FIELDS.purchaseOrder,
        partyFieldSource(invoice.buyer, FIELDS.purchaseOrder),
      ),
    );
  }
  if (isBusinessBuyer(invoice) && !isCreditNote(invoice.kind) && blank(invoice.latePenaltyText)) {
    problems.push(
      missing('latePenaltyText', FIELDS.latePenalty, {
        tab: 'settings',
        field: FIELDS.latePenalty,
      }),
    );
  }
  if (isCorrection(invoice.kind)) {
    const ref = invoice.precedingInvoice;
    if (ref === undefined || blank(ref.number)) {
      problems.push(
        missing('precedingInvoice', FIELDS.precedingInvoice, doc(FIELDS.precedingInvoice)),
      );
    } else if (invoice.issueDate !== undefined && ref.issueDate > invoice.issueDate) {
      problems.push(
        invalid(
          'precedingInvoice.issueDate',
          FIELDS.precedingInvoice,
          { tab: 'invoices', record: ref.number, field: FIELDS.issueDate },
          ref.issueDate,
          {
            fr: 'la facture corrigée est postérieure à cette pièce',
            en: 'the corrected invoice is dated after this document',
          },
        ),
      );
    }
  }
}

/** Every missing or unusable mandatory value of `invoice`; empty when it may be issued. */
export function missingMentions(
  invoice: InvoiceDocument,
  options: MentionCheckOptions = {},
): Problem[] {
  const problems: Problem[] = [];
  checkDocument(invoice, options, problems);
  checkDates(invoice, problems);
  const computable = checkAmounts(invoice, problems);
  let amountDue: Money | undefined;
  if (computable) {
    const totals = invoiceTotals(invoice);
    amountDue = totals.duePayableAmount;
    const prepaid = totals.prepaidAmount;
    if (
      !isCreditNote(invoice.kind) &&
      (prepaid.isNegative() || prepaid.greaterThan(totals.grandTotal))
    ) {
      problems.push(
        invalid(
          'prepaidAmount',
          FIELDS.prepaid,
          documentSource(invoice, FIELDS.prepaid),
          prepaid.toString(),
          {
            fr: "l'acompte ne peut dépasser le total TTC",
            en: 'the prepaid amount cannot exceed the total with VAT',
          },
        ),
      );
    }
  }
  checkParty(invoice.seller, 'seller', invoice, problems);
  checkParty(invoice.buyer, 'buyer', invoice, problems);
  checkSellerSpecifics(invoice, amountDue, problems);
  return problems;
}
