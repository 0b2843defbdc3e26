/**
 * The UBL reader (src/einvoice/receive/ubl-read.ts), checked against the CII reader: every
 * document of the round trips (fixtures, credit notes, the generated set) is written in UBL 2.1
 * by a small writer here, following the EN 16931 UBL binding, and must read exactly as its CII
 * reads (apart from the syntax and the identifiers of the specification). Then UBL's own cases:
 * a VAT total in a tax currency, credit-note due dates, note subject codes, and the errors.
 */
import { calendarDate } from '../../../src/domain/dates';
import { buildCreditNote } from '../../../src/domain/credit-notes';
import { isCreditNote, type InvoiceDocument, type Party } from '../../../src/domain/invoice';
import { lineAmounts } from '../../../src/domain/line-amounts';
import { Money } from '../../../src/domain/money';
import { invoiceTotals } from '../../../src/domain/totals';
import { VAT_EXEMPTIONS, type LineVat } from '../../../src/domain/vat';
import { ciiTypeCode, ciiXml, electronicAddress, positiveForm } from '../../../src/einvoice/cii';
import { frenchFrame } from '../../../src/einvoice/french-frame';
import { readCii, type ReceivedInvoice } from '../../../src/einvoice/receive/cii-read';
import { readInvoiceXml } from '../../../src/einvoice/receive';
import { readUbl } from '../../../src/einvoice/receive/ubl-read';
import { unitCode } from '../../../src/einvoice/units';
import { el, xmlDocument, type XmlElement } from '../../../src/einvoice/xml';
import { render, type Message } from '../../../src/texts';
import { sampleInvoice, trainingInvoice } from '../../domain/fixtures';
import { generatedSet } from '../generated-set';

const NS = {
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

const amount = (m: Money, currency: string) =>
  el('cbc:X', { currencyID: currency }, m.toFixed(2)) as XmlElement;
const named = (name: string, e: XmlElement): XmlElement => ({ ...e, name });

function taxCategory(name: string, vat: LineVat, withExemption = false): XmlElement | null {
  const exemption = withExemption && vat.exemption ? VAT_EXEMPTIONS[vat.exemption] : undefined;
  return el(
    name,
    el('cbc:ID', vat.category),
    el('cbc:Percent', vat.category === 'S' ? vat.ratePercent : '0'),
    el('cbc:TaxExemptionReasonCode', exemption?.code),
    el('cbc:TaxExemptionReason', exemption?.text.fr),
    el('cac:TaxScheme', el('cbc:ID', 'VAT')),
  );
}

function party(p: Party, fiscalId?: string): XmlElement | null {
  const siren = p.siren ?? p.siret?.slice(0, 9);
  const address = electronicAddress(p);
  return el(
    'cac:Party',
    address ? el('cbc:EndpointID', { schemeID: address.scheme }, address.value) : null,
    p.siret ? el('cac:PartyIdentification', el('cbc:ID', { schemeID: '0009' }, p.siret)) : null,
    el('cac:PostalAddress', el('cac:Country', el('cbc:IdentificationCode', p.country))),
    p.vatNumber
      ? el(
          'cac:PartyTaxScheme',
          el('cbc:CompanyID', p.vatNumber),
          el('cac:TaxScheme', el('cbc:ID', 'VAT')),
        )
      : fiscalId
        ? el(
            'cac:PartyTaxScheme',
            el('cbc:CompanyID', fiscalId),
            el('cac:TaxScheme', el('cbc:ID', 'LOC')),
          )
        : null,
    el(
      'cac:PartyLegalEntity',
      el('cbc:RegistrationName', p.name),
      siren ? el('cbc:CompanyID', { schemeID: '0002' }, siren) : null,
    ),
  );
}

/** The document in UBL 2.1, with what the project's CII says, by the EN 16931 UBL binding. */
function ublXml(source: InvoiceDocument): string {
  const doc = positiveForm(source);
  const credit = isCreditNote(doc.kind);
  const cur = doc.currency;
  const totals = invoiceTotals(doc);
  const frame = frenchFrame(source);
  const period = doc.servicePeriod;
  const lineName = credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine';
  const root = el(
    credit ? 'CreditNote' : 'Invoice',
    {
      xmlns: `urn:oasis:names:specification:ubl:schema:xsd:${credit ? 'CreditNote' : 'Invoice'}-2`,
      'xmlns:cac': NS.cac,
      'xmlns:cbc': NS.cbc,
    },
    el('cbc:CustomizationID', 'urn:cen.eu:en16931:2017'),
    el('cbc:ProfileID', frame.businessProcess),
    el('cbc:ID', doc.number),
    el('cbc:IssueDate', doc.issueDate),
    credit ? null : el('cbc:DueDate', doc.dueDate),
    el(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', ciiTypeCode(doc.kind)),
    frame.notes.map((n) => el('cbc:Note', `#${n.code}#${n.text}`)),
    el('cbc:DocumentCurrencyCode', cur),
    el('cbc:BuyerReference', doc.buyer.buyerReference),
    period
      ? el('cac:InvoicePeriod', el('cbc:StartDate', period.start), el('cbc:EndDate', period.end))
      : null,
    doc.purchaseOrderReference
      ? el('cac:OrderReference', el('cbc:ID', doc.purchaseOrderReference))
      : null,
    doc.precedingInvoice
      ? el(
          'cac:BillingReference',
          el(
            'cac:InvoiceDocumentReference',
            el('cbc:ID', doc.precedingInvoice.number),
            el('cbc:IssueDate', doc.precedingInvoice.issueDate),
          ),
        )
      : null,
    el(
      'cac:AccountingSupplierParty',
      party(doc.seller, doc.seller.siren ?? doc.seller.siret?.slice(0, 9)),
    ),
    el('cac:AccountingCustomerParty', party(doc.buyer)),
    el('cac:Delivery', el('cbc:ActualDeliveryDate', doc.serviceDate ?? period?.end)),
    !credit && doc.seller.iban
      ? el(
          'cac:PaymentMeans',
          el('cbc:PaymentMeansCode', '58'),
          el('cbc:PaymentID', doc.paymentReference),
          el(
            'cac:PayeeFinancialAccount',
            el('cbc:ID', doc.seller.iban.replace(/\s/g, '')),
            doc.seller.bic
              ? el(
                  'cac:FinancialInstitutionBranch',
                  el('cbc:ID', doc.seller.bic.replace(/\s/g, '')),
                )
              : null,
          ),
        )
      : null,
    (doc.allowancesCharges ?? []).map((a) =>
      el(
        'cac:AllowanceCharge',
        el('cbc:ChargeIndicator', a.charge ? 'true' : 'false'),
        el('cbc:AllowanceChargeReason', a.reason),
        named('cbc:Amount', amount(Money.of(a.amount), cur)),
        taxCategory('cac:TaxCategory', a.vat),
      ),
    ),
    el(
      'cac:TaxTotal',
      named('cbc:TaxAmount', amount(totals.taxTotal, cur)),
      totals.vatBreakdown.map((b) => {
        const vat: LineVat = {
          category: b.category,
          ratePercent: b.ratePercent,
          ...(b.exemption ? { exemption: b.exemption } : {}),
        };
        return el(
          'cac:TaxSubtotal',
          named('cbc:TaxableAmount', amount(b.taxableAmount, cur)),
          named('cbc:TaxAmount', amount(b.taxAmount, cur)),
          taxCategory('cac:TaxCategory', vat, true),
        );
      }),
    ),
    el(
      'cac:LegalMonetaryTotal',
      named('cbc:LineExtensionAmount', amount(totals.lineTotal, cur)),
      named('cbc:TaxExclusiveAmount', amount(totals.taxBasisTotal, cur)),
      named('cbc:TaxInclusiveAmount', amount(totals.grandTotal, cur)),
      totals.allowanceTotal.isZero()
        ? null
        : named('cbc:AllowanceTotalAmount', amount(totals.allowanceTotal, cur)),
      totals.chargeTotal.isZero()
        ? null
        : named('cbc:ChargeTotalAmount', amount(totals.chargeTotal, cur)),
      totals.prepaidAmount.isZero()
        ? null
        : named('cbc:PrepaidAmount', amount(totals.prepaidAmount, cur)),
      named('cbc:PayableAmount', amount(totals.duePayableAmount, cur)),
    ),
    doc.lines.map((l, i) => {
      const a = lineAmounts(l);
      const unit = unitCode(l.unit);
      return el(
        lineName,
        el('cbc:ID', String(i + 1)),
        el(
          credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity',
          { unitCode: unit },
          l.quantity,
        ),
        named('cbc:LineExtensionAmount', amount(a.net, cur)),
        l.serviceDate
          ? el(
              'cac:InvoicePeriod',
              el('cbc:StartDate', l.serviceDate),
              el('cbc:EndDate', l.serviceDate),
            )
          : null,
        a.discount.isZero()
          ? null
          : el(
              'cac:AllowanceCharge',
              el('cbc:ChargeIndicator', 'false'),
              el('cbc:AllowanceChargeReason', 'Remise'),
              el('cbc:MultiplierFactorNumeric', l.discountPercent),
              named('cbc:Amount', amount(a.discount, cur)),
              named('cbc:BaseAmount', amount(a.gross, cur)),
            ),
        el(
          'cac:Item',
          el('cbc:Name', l.description),
          taxCategory('cac:ClassifiedTaxCategory', l.vat),
        ),
        el(
          'cac:Price',
          el('cbc:PriceAmount', { currencyID: cur }, l.unitPrice),
          l.priceBaseQuantity
            ? el('cbc:BaseQuantity', { unitCode: unit }, l.priceBaseQuantity)
            : null,
        ),
      );
    }),
  );
  if (!root) throw new Error('empty');
  return xmlDocument(root);
}

function ok(r: ReceivedInvoice | { error: Message }): ReceivedInvoice {
  if ('error' in r) throw new Error(render(r.error, 'en'));
  return r;
}

/** What both syntaxes must agree on: everything but the syntax and the specification ids. */
function comparable(inv: ReceivedInvoice): unknown {
  const skipped = new Set(['syntax', 'guideline', 'businessProcess']);
  return JSON.parse(
    JSON.stringify(inv, (key, value: unknown) => (skipped.has(key) ? undefined : value)),
  );
}

const credit = (doc: InvoiceDocument, number: string): InvoiceDocument => ({
  ...buildCreditNote(doc, { issueDate: calendarDate('2026-12-10'), reason: 'Annulation' }),
  number,
});

const DOCUMENTS: [string, InvoiceDocument][] = [
  ['sampleInvoice', sampleInvoice()],
  ['trainingInvoice', trainingInvoice()],
  ['credit note', credit(sampleInvoice(), 'AV-2026-00001')],
  [
    'allowances and charges',
    sampleInvoice({
      allowancesCharges: [
        {
          charge: false,
          amount: '50.00',
          reason: 'Remise',
          vat: { category: 'S', ratePercent: '20' },
        },
        {
          charge: true,
          amount: '12.35',
          reason: 'Port',
          vat: { category: 'S', ratePercent: '5.5' },
        },
      ],
    }),
  ],
  ...generatedSet().map(({ name, doc }): [string, InvoiceDocument] => [name, doc]),
];

describe('UBL reads as CII', () => {
  it.each(DOCUMENTS)('%s', (_name, doc) => {
    const fromUbl = ok(readUbl(ublXml(doc)));
    const fromCii = ok(readCii(ciiXml(doc, frenchFrame(doc))));
    expect(fromUbl.syntax).toBe('UBL');
    expect(fromUbl.businessProcess).toBe(fromCii.businessProcess);
    expect(comparable(fromUbl)).toEqual(comparable(fromCii));
    // And through the entry point that tells the syntaxes apart.
    expect(ok(readInvoiceXml(ublXml(doc))).syntax).toBe('UBL');
  });
});

describe('UBL cases', () => {
  const base = ublXml(sampleInvoice());

  it('takes BT-110 from the TaxTotal in the invoice currency, BT-111 from the other', () => {
    const xml = base
      .replace(
        '<cbc:DocumentCurrencyCode>EUR',
        '<cbc:TaxCurrencyCode>USD</cbc:TaxCurrencyCode><cbc:DocumentCurrencyCode>EUR',
      )
      .replace(
        '<cac:TaxTotal>',
        '<cac:TaxTotal><cbc:TaxAmount currencyID="USD">210.00</cbc:TaxAmount></cac:TaxTotal><cac:TaxTotal>',
      );
    const inv = ok(readUbl(xml));
    expect(inv.taxCurrency).toBe('USD');
    expect(inv.stated.taxTotal.toString()).toBe(invoiceTotals(sampleInvoice()).taxTotal.toString());
    expect(inv.taxTotalInTaxCurrency?.toString()).toBe('210');
    expect(inv.vatBreakdown).toHaveLength(2);
  });

  it('reads a credit note’s due date from its payment means, and note subject codes', () => {
    const xml = ublXml(credit(sampleInvoice(), 'AV-1'))
      .replace(
        '<cbc:DocumentCurrencyCode>',
        '<cbc:Note>Sans code</cbc:Note><cbc:DocumentCurrencyCode>',
      )
      .replace(
        '</cac:Delivery>',
        '</cac:Delivery><cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2027-01-09</cbc:PaymentDueDate><cac:PayeeFinancialAccount><cbc:ID>12345678</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>',
      );
    const inv = ok(readUbl(xml));
    expect(inv.isCreditNote).toBe(true);
    expect(inv.dueDate).toBe('2027-01-09');
    expect(inv.paymentMeans).toEqual([{ typeCode: '30', accountId: '12345678' }]);
    expect(inv.notes.at(-1)).toEqual({ text: 'Sans code' });
    expect(inv.notes[0]).toEqual({ text: 'Annulation', subjectCode: 'AAI' });
  });

  it('says why a document cannot be read', () => {
    const error = (xml: string, lang: 'fr' | 'en' = 'en') => {
      const r = readUbl(xml);
      return 'error' in r ? render(r.error, lang) : 'read';
    };
    const badDate = base.replace('<cbc:IssueDate>2026-11-05', '<cbc:IssueDate>2026-11-31');
    expect(error(badDate)).toBe('issue date (BT-2): "2026-11-31" is not a date written YYYY-MM-DD');
    expect(error(badDate, 'fr')).toBe(
      'date d’émission (BT-2)\u00a0: «\u00a02026-11-31\u00a0» n’est pas une date écrite AAAA-MM-JJ',
    );
    expect(error(base.replace(/<cbc:TaxInclusiveAmount[^/]*\/cbc:TaxInclusiveAmount>/, ''))).toBe(
      'BT-112 TaxInclusiveAmount is missing',
    );
    expect(error('<Invoice xmlns="urn:other"/>')).toMatch(/is not a UBL invoice/);
    expect(error('<Invoice')).toMatch(/^not well-formed XML/);
  });
});
