/**
 * An issued document as a Cross Industry Invoice (UN/CEFACT CII D16B), Factur-X EN 16931 profile
 * (guideline `urn:cen.eu:en16931:2017`), with the French e-invoicing rules (BR-FR) on top.
 * Pure: the document in, XML text out; it runs the same in Node and in Apps Script.
 *
 * Element order follows the Factur-X EN16931 XSD; BT/BG numbers are EN 16931's. Credit notes are
 * written with positive amounts, their type code (381, 261) telling the direction, as EN 16931
 * expects: our documents store them with negative quantities.
 */
import { t } from '../texts';
import type { CalendarDate } from '../domain/dates';
import { dec, toPlainString, type DecimalString } from '../domain/decimal';
import {
  INVOICE_TYPE_CODES,
  isCreditNote,
  isSelfBilled,
  type InvoiceDocument,
  type InvoiceLine,
  type Party,
} from '../domain/invoice';
import { lineAmounts } from '../domain/line-amounts';
import { invoiceTotals } from '../domain/totals';
import { VAT_EXEMPTIONS, type LineVat } from '../domain/vat';
import { unitCode } from './units';
import { el, empty, xmlDocument, type XmlElement } from './xml';

export const GUIDELINE_EN16931 = 'urn:cen.eu:en16931:2017';

const NS = {
  'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

/** What the document alone does not say: the French frame of the exchange. */
export interface CiiContext {
  /** BT-23, the French "cadre de facturation" (S1, B1, M1, S4, B4, M4…). */
  readonly businessProcess: string;
  /** Notes with their UNTDID 4451 subject codes (PMT, PMD, AAB, BAR…), in order. */
  readonly notes: readonly { readonly code: string; readonly text: string }[];
}

/**
 * BT-3 as the French rules allow it (BR-FR-04): a debit note (383 in UNTDID 1001) is not among
 * them; a supplement is an invoice, 380, naming the invoice it adds to (BG-3).
 */
export function ciiTypeCode(kind: InvoiceDocument['kind']): string {
  return kind === 'note-de-debit' ? '380' : INVOICE_TYPE_CODES[kind];
}

/** CII dates: `YYYYMMDD`, format 102. */
function date102(d: CalendarDate): string {
  return d.replace(/-/g, '');
}

function dateTime(name: string, d: CalendarDate | undefined): XmlElement | null {
  return d === undefined ? null : el(name, el('udt:DateTimeString', { format: '102' }, date102(d)));
}

/** An amount as CII writes it: plain decimal, no exponent, 2 decimals. */
function amount(x: { toFixed(scale?: number): string }): string {
  return x.toFixed(2);
}

/** A decimal without trailing zeros (quantities, prices, rates). */
function plain(x: DecimalString): string {
  return toPlainString(dec(x));
}

function negate(x: DecimalString): DecimalString {
  return toPlainString(dec(x).neg());
}

/**
 * The document with the signs EN 16931 expects: a credit note's lines, allowances, charges and
 * prepaid amount positive.
 */
export function positiveForm(doc: InvoiceDocument): InvoiceDocument {
  if (!isCreditNote(doc.kind)) return doc;
  return {
    ...doc,
    lines: doc.lines.map((l) => ({ ...l, quantity: negate(l.quantity) })),
    ...(doc.allowancesCharges
      ? {
          allowancesCharges: doc.allowancesCharges.map((a) => ({
            ...a,
            amount: negate(a.amount),
          })),
        }
      : {}),
  };
}

/** A line's VAT (`ram:ApplicableTradeTax`) or a document allowance's (`ram:CategoryTradeTax`). */
function taxCategory(vat: LineVat, name = 'ram:ApplicableTradeTax'): XmlElement | null {
  return el(
    name,
    el('ram:TypeCode', 'VAT'),
    el('ram:CategoryCode', vat.category),
    el('ram:RateApplicablePercent', plain(vat.category === 'S' ? vat.ratePercent : '0')),
  );
}

function lineItem(line: InvoiceLine, index: number): XmlElement | null {
  const a = lineAmounts(line);
  return el(
    'ram:IncludedSupplyChainTradeLineItem',
    el('ram:AssociatedDocumentLineDocument', el('ram:LineID', String(index + 1))),
    el('ram:SpecifiedTradeProduct', el('ram:Name', line.description)),
    el(
      'ram:SpecifiedLineTradeAgreement',
      el(
        'ram:NetPriceProductTradePrice',
        el('ram:ChargeAmount', plain(line.unitPrice)),
        line.priceBaseQuantity === undefined
          ? null
          : el(
              'ram:BasisQuantity',
              { unitCode: unitCode(line.unit) },
              plain(line.priceBaseQuantity),
            ),
      ),
    ),
    el(
      'ram:SpecifiedLineTradeDelivery',
      el('ram:BilledQuantity', { unitCode: unitCode(line.unit) }, plain(line.quantity)),
    ),
    el(
      'ram:SpecifiedLineTradeSettlement',
      taxCategory(line.vat),
      line.serviceDate === undefined
        ? null
        : el(
            'ram:BillingSpecifiedPeriod',
            dateTime('ram:StartDateTime', line.serviceDate),
            dateTime('ram:EndDateTime', line.serviceDate),
          ),
      // A line discount is a line allowance (BG-27): percent, base and amount.
      a.discount.isZero()
        ? null
        : el(
            'ram:SpecifiedTradeAllowanceCharge',
            el('ram:ChargeIndicator', el('udt:Indicator', 'false')),
            el('ram:CalculationPercent', plain(line.discountPercent ?? '0')),
            el('ram:BasisAmount', amount(a.gross)),
            el('ram:ActualAmount', amount(a.discount)),
            el('ram:Reason', 'Remise'),
          ),
      el(
        'ram:SpecifiedTradeSettlementLineMonetarySummation',
        el('ram:LineTotalAmount', amount(a.net)),
      ),
    ),
  );
}

/** SIREN digits of a party, when it has one. */
function sirenOf(p: Party): string | undefined {
  return p.siren ?? p.siret?.slice(0, 9);
}

/**
 * The party's electronic address (BT-34 / BT-49): in the French directory (scheme 0225) the one
 * typed on its row, else its SIREN; a private person, who has none, by its email (scheme EM).
 */
export function electronicAddress(p: Party): { scheme: string; value: string } | undefined {
  const directory = p.electronicAddress ?? sirenOf(p);
  if (directory) return { scheme: '0225', value: directory };
  const email = p.email?.split(/[,;]/)[0]?.trim();
  return email ? { scheme: 'EM', value: email } : undefined;
}

/**
 * `fiscalId`: the seller's tax registration identifier (BT-32, scheme FC) when it has no VAT
 * number. EN 16931 asks for one or the other on an invoice with exempt lines (BR-E-02): a
 * supplier under the franchise en base usually has no VAT number, and the identifier the French
 * tax administration knows a business by is its SIREN.
 */
function tradeParty(name: string, p: Party, fiscalId?: string): XmlElement | null {
  const siren = sirenOf(p);
  const address = electronicAddress(p);
  return el(
    name,
    // SIRET as a global identifier (ISO 6523 ICD 0009).
    p.siret ? el('ram:GlobalID', { schemeID: '0009' }, p.siret) : null,
    el('ram:Name', p.name),
    siren ? el('ram:SpecifiedLegalOrganization', el('ram:ID', { schemeID: '0002' }, siren)) : null,
    el(
      'ram:PostalTradeAddress',
      el('ram:PostcodeCode', p.postcode),
      el('ram:LineOne', p.addressLines[0]),
      el('ram:LineTwo', p.addressLines[1]),
      el('ram:LineThree', p.addressLines.slice(2).join(', ')),
      el('ram:CityName', p.city),
      el('ram:CountryID', p.country),
    ),
    address
      ? el(
          'ram:URIUniversalCommunication',
          el('ram:URIID', { schemeID: address.scheme }, address.value),
        )
      : null,
    p.vatNumber
      ? el('ram:SpecifiedTaxRegistration', el('ram:ID', { schemeID: 'VA' }, p.vatNumber))
      : fiscalId
        ? el('ram:SpecifiedTaxRegistration', el('ram:ID', { schemeID: 'FC' }, fiscalId))
        : null,
  );
}

/** The CII XML of an issued document. */
export function ciiXml(source: InvoiceDocument, context: CiiContext): string {
  if (source.number === undefined || source.issueDate === undefined) {
    throw new RangeError('Only an issued document (number and issue date) has an e-invoice');
  }
  const doc = positiveForm(source);
  const totals = invoiceTotals(doc);
  const currency = doc.currency;
  const seller = doc.seller;
  const selfBilled = isSelfBilled(doc.kind);
  const credit = isCreditNote(doc.kind);
  const period = doc.servicePeriod;

  const root = el(
    'rsm:CrossIndustryInvoice',
    NS,
    el(
      'rsm:ExchangedDocumentContext',
      el(
        'ram:BusinessProcessSpecifiedDocumentContextParameter',
        el('ram:ID', context.businessProcess),
      ),
      el('ram:GuidelineSpecifiedDocumentContextParameter', el('ram:ID', GUIDELINE_EN16931)),
    ),
    el(
      'rsm:ExchangedDocument',
      el('ram:ID', doc.number),
      el('ram:TypeCode', ciiTypeCode(doc.kind)),
      dateTime('ram:IssueDateTime', doc.issueDate),
      context.notes.map((n) =>
        el('ram:IncludedNote', el('ram:Content', n.text), el('ram:SubjectCode', n.code)),
      ),
    ),
    el(
      'rsm:SupplyChainTradeTransaction',
      doc.lines.map((l, i) => lineItem(l, i)),
      el(
        'ram:ApplicableHeaderTradeAgreement',
        el('ram:BuyerReference', doc.buyer.buyerReference),
        tradeParty('ram:SellerTradeParty', seller, sirenOf(seller)),
        tradeParty('ram:BuyerTradeParty', doc.buyer),
        doc.purchaseOrderReference
          ? el(
              'ram:BuyerOrderReferencedDocument',
              el('ram:IssuerAssignedID', doc.purchaseOrderReference),
            )
          : null,
      ),
      el(
        'ram:ApplicableHeaderTradeDelivery',
        // BT-72: the day of the service, or the last day of its period (BG-14, below).
        el(
          'ram:ActualDeliverySupplyChainEvent',
          dateTime('ram:OccurrenceDateTime', doc.serviceDate ?? period?.end),
        ),
      ) ?? empty('ram:ApplicableHeaderTradeDelivery'),
      el(
        'ram:ApplicableHeaderTradeSettlement',
        el('ram:PaymentReference', credit ? undefined : doc.paymentReference),
        el('ram:InvoiceCurrencyCode', currency),
        // Credit transfer to the seller's account (the provider's, on a self-billed invoice).
        !credit && seller.iban
          ? el(
              'ram:SpecifiedTradeSettlementPaymentMeans',
              el('ram:TypeCode', '58'),
              el(
                'ram:PayeePartyCreditorFinancialAccount',
                el('ram:IBANID', seller.iban.replace(/\s/g, '')),
              ),
              seller.bic
                ? el(
                    'ram:PayeeSpecifiedCreditorFinancialInstitution',
                    el('ram:BICID', seller.bic.replace(/\s/g, '')),
                  )
                : null,
            )
          : null,
        totals.vatBreakdown.map((b) => {
          const exemption = b.exemption ? VAT_EXEMPTIONS[b.exemption] : undefined;
          return el(
            'ram:ApplicableTradeTax',
            el('ram:CalculatedAmount', amount(b.taxAmount)),
            el('ram:TypeCode', 'VAT'),
            el('ram:ExemptionReason', exemption?.text[doc.language]),
            el('ram:BasisAmount', amount(b.taxableAmount)),
            el('ram:CategoryCode', b.category),
            el('ram:ExemptionReasonCode', exemption?.code),
            el('ram:RateApplicablePercent', plain(b.ratePercent)),
          );
        }),
        period
          ? el(
              'ram:BillingSpecifiedPeriod',
              dateTime('ram:StartDateTime', period.start),
              dateTime('ram:EndDateTime', period.end),
            )
          : null,
        (doc.allowancesCharges ?? []).map((a) =>
          el(
            'ram:SpecifiedTradeAllowanceCharge',
            el('ram:ChargeIndicator', el('udt:Indicator', a.charge ? 'true' : 'false')),
            el('ram:ActualAmount', amount(dec(a.amount))),
            el('ram:Reason', a.reason),
            taxCategory(a.vat, 'ram:CategoryTradeTax'),
          ),
        ),
        credit
          ? null
          : el(
              'ram:SpecifiedTradePaymentTerms',
              el(
                'ram:Description',
                selfBilled ? t(doc.language, 'einvoice.self-billed-terms') : undefined,
              ),
              dateTime('ram:DueDateDateTime', doc.dueDate),
            ),
        el(
          'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
          el('ram:LineTotalAmount', amount(totals.lineTotal)),
          totals.chargeTotal.isZero()
            ? null
            : el('ram:ChargeTotalAmount', amount(totals.chargeTotal)),
          totals.allowanceTotal.isZero()
            ? null
            : el('ram:AllowanceTotalAmount', amount(totals.allowanceTotal)),
          el('ram:TaxBasisTotalAmount', amount(totals.taxBasisTotal)),
          el('ram:TaxTotalAmount', { currencyID: currency }, amount(totals.taxTotal)),
          el('ram:GrandTotalAmount', amount(totals.grandTotal)),
          totals.prepaidAmount.isZero()
            ? null
            : el('ram:TotalPrepaidAmount', amount(totals.prepaidAmount)),
          el('ram:DuePayableAmount', amount(totals.duePayableAmount)),
        ),
        doc.precedingInvoice
          ? el(
              'ram:InvoiceReferencedDocument',
              el('ram:IssuerAssignedID', doc.precedingInvoice.number),
              el(
                'ram:FormattedIssueDateTime',
                el(
                  'qdt:DateTimeString',
                  { format: '102' },
                  date102(doc.precedingInvoice.issueDate),
                ),
              ),
            )
          : null,
      ),
    ),
  );
  if (!root) throw new Error('empty document');
  return xmlDocument(root);
}
