/**
 * The CII reader (src/einvoice/receive/cii-read.ts).
 *
 * Round trips: every document the project issues (the fixtures, credit notes made by
 * `buildCreditNote`, the generated set of every kind and VAT case, allowances and charges) is
 * written by `ciiXml` in its French frame, read back, and must give the totals `invoiceTotals`
 * gives for the source document (credit notes: their absolute values, as EN 16931 writes them),
 * recomputed totals equal to the stated ones, and the parties' SIREN, SIRET and VAT numbers.
 *
 * Synthetic invoices then cover what the project never writes: other currencies with a VAT total
 * in a tax currency, price base quantities, line charges, rounding, prepaid and rounding amounts,
 * every kind of difference `compareTotals` reports (and the BT-117 tolerance), other prefixes,
 * French identifiers stated in other ways, and the errors.
 */
import { buildCreditNote } from '../../../src/domain/credit-notes';
import { calendarDate } from '../../../src/domain/dates';
import { isCreditNote, type InvoiceDocument, type Party } from '../../../src/domain/invoice';
import { Money } from '../../../src/domain/money';
import { invoiceTotals } from '../../../src/domain/totals';
import { ciiTypeCode, ciiXml } from '../../../src/einvoice/cii';
import { frenchFrame } from '../../../src/einvoice/french-frame';
import {
  compareTotals,
  decimalOf,
  readCii,
  type ReceivedInvoice,
} from '../../../src/einvoice/receive/cii-read';
import { render, type Message } from '../../../src/texts';
import { CLIENT, sampleInvoice, trainingInvoice } from '../../domain/fixtures';
import { generatedSet } from '../generated-set';

/** A reason as an English workbook shows it. */
const en = (m: Message): string => render(m, 'en');

function read(xml: string | Uint8Array): ReceivedInvoice {
  const r = readCii(xml);
  if ('error' in r) throw new Error(en(r.error));
  return r;
}

function errorIn(xml: string): Message {
  const r = readCii(xml);
  if (!('error' in r)) throw new Error('read without error');
  return r.error;
}

const errorOf = (xml: string): string => en(errorIn(xml));

const s = (m: Money): string => m.toString();

// ---------------------------------------------------------------------------------------------
// Round trips

const S20 = { category: 'S', ratePercent: '20' } as const;
const S55 = { category: 'S', ratePercent: '5.5' } as const;

function withAllowances(): InvoiceDocument {
  return sampleInvoice({
    number: 'FA-2026-00200',
    allowancesCharges: [
      { charge: false, amount: '50.00', reason: 'Remise fidélité', vat: S20 },
      { charge: true, amount: '12.35', reason: 'Frais de port', vat: S55 },
    ],
  });
}

function issuedCredit(original: InvoiceDocument, number: string, full = true): InvoiceDocument {
  const note = buildCreditNote(original, {
    issueDate: calendarDate('2026-12-10'),
    reason: 'Annulation',
    ...(full ? {} : { lines: original.lines.slice(0, 1) }),
  });
  return { ...note, number };
}

const ROUND_TRIPS: [string, InvoiceDocument][] = [
  ['sampleInvoice', sampleInvoice()],
  ['trainingInvoice', trainingInvoice()],
  ['credit note of sampleInvoice', issuedCredit(sampleInvoice(), 'AV-2026-00001')],
  ['partial credit note', issuedCredit(sampleInvoice(), 'AV-2026-00002', false)],
  ['credit note of trainingInvoice', issuedCredit(trainingInvoice(), 'AV-2026-00003')],
  ['allowances and charges', withAllowances()],
  ['credit note with allowances', issuedCredit(withAllowances(), 'AV-2026-00004')],
  ...generatedSet().map(({ name, doc }): [string, InvoiceDocument] => [`generated ${name}`, doc]),
];

/** The SIREN the project states for a party (its own, or its SIRET's first 9 digits). */
const sirenOf = (p: Party): string | undefined => p.siren ?? p.siret?.slice(0, 9);

describe.each(ROUND_TRIPS)('round trip of %s', (_name, doc) => {
  const inv = read(ciiXml(doc, frenchFrame(doc)));
  const credit = isCreditNote(doc.kind);
  // EN 16931 states a credit note's amounts positive; the project stores them negative.
  const expected = (m: Money): string => s(credit ? m.abs() : m);
  const totals = invoiceTotals(doc);

  it('reads the header', () => {
    expect(inv).toMatchObject({
      syntax: 'CII',
      number: doc.number,
      typeCode: ciiTypeCode(doc.kind),
      isCreditNote: credit,
      issueDate: doc.issueDate,
      currency: doc.currency,
      guideline: 'urn:cen.eu:en16931:2017',
    });
    expect(inv.dueDate).toBe(credit ? undefined : doc.dueDate);
    if (doc.servicePeriod) expect(inv.period).toEqual(doc.servicePeriod);
    expect(inv.precedingInvoices).toEqual(
      doc.precedingInvoice
        ? [{ number: doc.precedingInvoice.number, issueDate: doc.precedingInvoice.issueDate }]
        : [],
    );
    expect(inv.lines.map((l) => l.name)).toEqual(doc.lines.map((l) => l.description));
    expect(inv.warnings).toEqual([]);
  });

  it('states the totals of invoiceTotals, and recomputes the same', () => {
    const want = {
      lineTotal: expected(totals.lineTotal),
      allowanceTotal: expected(totals.allowanceTotal),
      chargeTotal: expected(totals.chargeTotal),
      taxBasisTotal: expected(totals.taxBasisTotal),
      taxTotal: expected(totals.taxTotal),
      grandTotal: expected(totals.grandTotal),
      duePayableAmount: expected(totals.duePayableAmount),
    };
    const stated = inv.stated;
    expect({
      lineTotal: s(stated.lineTotal),
      allowanceTotal: s(stated.allowanceTotal),
      chargeTotal: s(stated.chargeTotal),
      taxBasisTotal: s(stated.taxBasisTotal),
      taxTotal: s(stated.taxTotal),
      grandTotal: s(stated.grandTotal),
      duePayableAmount: s(stated.duePayableAmount),
    }).toEqual(want);
    expect(s(stated.prepaidAmount)).toBe(expected(totals.prepaidAmount));
    const r = inv.recomputed;
    expect({
      lineTotal: s(r.lineTotal),
      allowanceTotal: s(r.allowanceTotal),
      chargeTotal: s(r.chargeTotal),
      taxBasisTotal: s(r.taxBasisTotal),
      taxTotal: s(r.taxTotal),
      grandTotal: s(r.grandTotal),
      duePayableAmount: s(r.duePayableAmount),
    }).toEqual(want);
    const rows = (
      list: readonly { category: string; ratePercent: string; basis: Money; tax: Money }[],
    ) => list.map((b) => [b.category, b.ratePercent, s(b.basis), s(b.tax)]);
    const source = totals.vatBreakdown.map((b) => [
      b.category,
      b.ratePercent,
      expected(b.taxableAmount),
      expected(b.taxAmount),
    ]);
    expect(rows(inv.vatBreakdown)).toEqual(source);
    expect(rows(r.vatBreakdown)).toEqual(source);
    expect(inv.lines.map((l) => s(l.netAmount))).toEqual(totals.lineNets.map(expected));
    expect(compareTotals(inv)).toEqual({ ok: true, differences: [], tolerated: [] });
  });

  it('reads the parties’ SIREN, SIRET and VAT number', () => {
    for (const [got, party] of [
      [inv.seller, doc.seller],
      [inv.buyer, doc.buyer],
    ] as const) {
      expect(got.name).toBe(party.name);
      expect(got.siren).toBe(sirenOf(party));
      expect(got.siret).toBe(party.siret);
      expect(got.vatNumber).toBe(party.vatNumber);
      expect(got.country).toBe(party.country);
    }
  });
});

it('reads a line discount as a line allowance and recomputes the line from it', () => {
  const inv = read(ciiXml(sampleInvoice(), frenchFrame(sampleInvoice())));
  const line = inv.lines[1];
  // 3 × 19.99 = 59.97, 10 % discount 6.00 (5.997 rounded): 53.97.
  expect(line).toMatchObject({ id: '2', quantity: '3', netPrice: '19.99', unitCode: 'C62' });
  expect(line?.allowancesCharges.map((a) => [a.charge, s(a.amount), a.percent])).toEqual([
    [false, '6', '10'],
  ]);
  expect(s(line?.recomputedNet ?? Money.zero())).toBe('53.97');
});

// ---------------------------------------------------------------------------------------------
// Synthetic invoices

interface Line {
  readonly qty: string;
  readonly price: string;
  readonly net: string;
  readonly base?: string;
  readonly cat?: string;
  readonly rate?: string;
  readonly extra?: string;
}

interface Synthetic {
  readonly typeCode?: string;
  readonly currency?: string;
  readonly taxCurrency?: string;
  readonly lines: readonly Line[];
  readonly documentLevel?: string;
  readonly breakdown: readonly [cat: string, rate: string, basis: string, tax: string][];
  readonly totals: string;
  readonly seller?: string;
  readonly buyer?: string;
  readonly due?: string;
}

const NS = `xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"`;

function synthetic(x: Synthetic): string {
  const lines = x.lines
    .map(
      (l, i) => `<ram:IncludedSupplyChainTradeLineItem>
  <ram:AssociatedDocumentLineDocument><ram:LineID>L${i + 1}</ram:LineID></ram:AssociatedDocumentLineDocument>
  <ram:SpecifiedTradeProduct><ram:Name>Item ${i + 1}</ram:Name></ram:SpecifiedTradeProduct>
  <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>${l.price}</ram:ChargeAmount>${
    l.base ? `<ram:BasisQuantity unitCode="KGM">${l.base}</ram:BasisQuantity>` : ''
  }</ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
  <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="KGM">${l.qty}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
  <ram:SpecifiedLineTradeSettlement>
    <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>${l.cat ?? 'S'}</ram:CategoryCode><ram:RateApplicablePercent>${l.rate ?? '20'}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
    ${l.extra ?? ''}
    <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${l.net}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
  </ram:SpecifiedLineTradeSettlement>
</ram:IncludedSupplyChainTradeLineItem>`,
    )
    .join('\n');
  const breakdown = x.breakdown
    .map(
      ([cat, rate, basis, tax]) =>
        `<ram:ApplicableTradeTax><ram:CalculatedAmount>${tax}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>${basis}</ram:BasisAmount><ram:CategoryCode>${cat}</ram:CategoryCode><ram:RateApplicablePercent>${rate}</ram:RateApplicablePercent></ram:ApplicableTradeTax>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice ${NS}>
<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
<rsm:ExchangedDocument><ram:ID>SYN-1</ram:ID><ram:TypeCode>${x.typeCode ?? '380'}</ram:TypeCode>
<ram:IssueDateTime><udt:DateTimeString format="102">20240229</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction>
${lines}
<ram:ApplicableHeaderTradeAgreement>
<ram:SellerTradeParty>${x.seller ?? '<ram:Name>Seller</ram:Name>'}</ram:SellerTradeParty>
<ram:BuyerTradeParty>${x.buyer ?? '<ram:Name>Buyer</ram:Name>'}</ram:BuyerTradeParty>
</ram:ApplicableHeaderTradeAgreement>
<ram:ApplicableHeaderTradeDelivery><ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">20240215</udt:DateTimeString></ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent></ram:ApplicableHeaderTradeDelivery>
<ram:ApplicableHeaderTradeSettlement>
<ram:InvoiceCurrencyCode>${x.currency ?? 'EUR'}</ram:InvoiceCurrencyCode>
${x.taxCurrency ? `<ram:TaxCurrencyCode>${x.taxCurrency}</ram:TaxCurrencyCode>` : ''}
${breakdown}
${x.documentLevel ?? ''}
<ram:SpecifiedTradePaymentTerms>${x.due ?? '<ram:DueDateDateTime><udt:DateTimeString format="102">20240330</udt:DateTimeString></ram:DueDateDateTime>'}</ram:SpecifiedTradePaymentTerms>
<ram:SpecifiedTradeSettlementHeaderMonetarySummation>${x.totals}</ram:SpecifiedTradeSettlementHeaderMonetarySummation>
</ram:ApplicableHeaderTradeSettlement>
</rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;
}

const totals = (t: Record<string, string>): string =>
  Object.entries(t)
    .map(([k, v]) =>
      k.startsWith('TaxTotalAmount')
        ? `<ram:TaxTotalAmount currencyID="${k.split(':')[1] ?? 'EUR'}">${v}</ram:TaxTotalAmount>`
        : `<ram:${k}>${v}</ram:${k}>`,
    )
    .join('');

/** One 20 % line of 100.00: consistent totals, to be altered by each case. */
const BASE: Synthetic = {
  lines: [{ qty: '4', price: '25', net: '100.00' }],
  breakdown: [['S', '20', '100.00', '20.00']],
  totals: totals({
    LineTotalAmount: '100.00',
    TaxBasisTotalAmount: '100.00',
    'TaxTotalAmount:EUR': '20.00',
    GrandTotalAmount: '120.00',
    DuePayableAmount: '120.00',
  }),
};

const fields = (inv: ReceivedInvoice) =>
  compareTotals(inv).differences.map((d) => [en(d.field), s(d.stated), s(d.recomputed)]);

describe('synthetic invoices', () => {
  it('reads a consistent invoice, its dates and its delivery date', () => {
    const inv = read(synthetic(BASE));
    expect(inv).toMatchObject({
      number: 'SYN-1',
      issueDate: '2024-02-29',
      deliveryDate: '2024-02-15',
      dueDate: '2024-03-30',
      currency: 'EUR',
      isCreditNote: false,
    });
    expect(compareTotals(inv)).toEqual({ ok: true, differences: [], tolerated: [] });
  });

  it('reads a credit note (381) with its positive amounts', () => {
    const inv = read(synthetic({ ...BASE, typeCode: '381' }));
    expect(inv.isCreditNote).toBe(true);
    expect(s(inv.stated.grandTotal)).toBe('120');
    expect(compareTotals(inv).ok).toBe(true);
    expect(read(synthetic({ ...BASE, typeCode: '261' })).isCreditNote).toBe(true);
    expect(read(synthetic({ ...BASE, typeCode: '389' })).isCreditNote).toBe(false);
  });

  it('takes BT-110 in the invoice currency, whatever the order, and BT-111 apart', () => {
    const inv = read(
      synthetic({
        ...BASE,
        currency: 'USD',
        taxCurrency: 'EUR',
        totals: totals({
          LineTotalAmount: '100.00',
          TaxBasisTotalAmount: '100.00',
          'TaxTotalAmount:EUR': '18.43',
          'TaxTotalAmount:USD': '20.00',
          GrandTotalAmount: '120.00',
          DuePayableAmount: '120.00',
        }),
      }),
    );
    expect([inv.currency, inv.taxCurrency]).toEqual(['USD', 'EUR']);
    expect(s(inv.stated.taxTotal)).toBe('20');
    expect(s(inv.taxTotalInTaxCurrency ?? Money.zero())).toBe('18.43');
    expect(compareTotals(inv).ok).toBe(true);
    const onlyOther = synthetic({
      ...BASE,
      currency: 'USD',
      totals: totals({
        LineTotalAmount: '1',
        'TaxTotalAmount:EUR': '1',
        'TaxTotalAmount:GBP': '1',
      }),
    });
    expect(errorOf(onlyOther)).toMatch(/no VAT total \(BT-110\) in the invoice currency USD/);
  });

  it('recomputes lines from base quantity, line allowances and charges, rounding once', () => {
    const allowance = (charge: boolean, amount: string) =>
      `<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>${charge}</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>${amount}</ram:ActualAmount><ram:Reason>r</ram:Reason></ram:SpecifiedTradeAllowanceCharge>`;
    const inv = read(
      synthetic({
        // 1500 kg at 12.40 per 100 kg = 186.00, − 6.20 + 1.15 = 180.95.
        // 3 × 0.335 = 1.005 → 1.01 (half-up). 7 × 1.2345 = 8.6415 − 0.0015 = 8.64.
        lines: [
          {
            qty: '1500',
            price: '12.40',
            base: '100',
            net: '180.95',
            extra: allowance(false, '6.20') + allowance(true, '1.15'),
          },
          { qty: '3', price: '0.335', net: '1.01' },
          { qty: '7', price: '1.2345', net: '8.64', extra: allowance(false, '0.0015') },
        ],
        breakdown: [['S', '20', '190.60', '38.12']],
        totals: totals({
          LineTotalAmount: '190.60',
          TaxBasisTotalAmount: '190.60',
          'TaxTotalAmount:EUR': '38.12',
          GrandTotalAmount: '228.72',
          DuePayableAmount: '228.72',
        }),
      }),
    );
    expect(inv.lines.map((l) => s(l.recomputedNet ?? Money.zero()))).toEqual([
      '180.95',
      '1.01',
      '8.64',
    ]);
    expect(inv.lines[0]).toMatchObject({ priceBaseQuantity: '100', unitCode: 'KGM' });
    expect(compareTotals(inv)).toEqual({ ok: true, differences: [], tolerated: [] });
  });

  it('computes each VAT category on its own sum, with document allowances and charges', () => {
    const docAc = (charge: boolean, amount: string, cat: string, rate: string) =>
      `<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>${charge}</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>${amount}</ram:ActualAmount><ram:Reason>r</ram:Reason><ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>${cat}</ram:CategoryCode><ram:RateApplicablePercent>${rate}</ram:RateApplicablePercent></ram:CategoryTradeTax></ram:SpecifiedTradeAllowanceCharge>`;
    // 5.5 %: 10.05 + 0.05 − 1.00 = 9.10 → 0.5005 → 0.50. 20 %: 0.03 → 0.006 → 0.01.
    // Exempt: 50 + 2.50 = 52.50 → 0.
    const inv = read(
      synthetic({
        lines: [
          { qty: '1', price: '10.05', net: '10.05', rate: '5.50' },
          { qty: '1', price: '0.05', net: '0.05', rate: '5.5' },
          { qty: '1', price: '0.03', net: '0.03' },
          { qty: '2', price: '25', net: '50.00', cat: 'E', rate: '0' },
        ],
        documentLevel:
          docAc(false, '1.00', 'S', '5.5') +
          docAc(true, '2.50', 'E', '0') +
          docAc(true, '0', 'S', '20'),
        breakdown: [
          ['S', '20', '0.03', '0.01'],
          ['S', '5.5', '9.10', '0.50'],
          ['E', '0', '52.50', '0'],
        ],
        totals: totals({
          LineTotalAmount: '60.13',
          ChargeTotalAmount: '2.50',
          AllowanceTotalAmount: '1.00',
          TaxBasisTotalAmount: '61.63',
          'TaxTotalAmount:EUR': '0.51',
          GrandTotalAmount: '62.14',
          TotalPrepaidAmount: '20.00',
          RoundingAmount: '-0.14',
          DuePayableAmount: '42.00',
        }),
      }),
    );
    expect(
      inv.recomputed.vatBreakdown.map((r) => [r.category, r.ratePercent, s(r.basis), s(r.tax)]),
    ).toEqual([
      ['S', '20', '0.03', '0.01'],
      ['S', '5.5', '9.1', '0.5'],
      ['E', '0', '52.5', '0'],
    ]);
    expect(s(inv.recomputed.duePayableAmount)).toBe('42');
    expect(inv.allowancesCharges.map((a) => [a.charge, s(a.amount), a.vat])).toEqual([
      [false, '1', { category: 'S', ratePercent: '5.5' }],
      [true, '2.5', { category: 'E', ratePercent: '0' }],
      [true, '0', { category: 'S', ratePercent: '20' }],
    ]);
    expect(compareTotals(inv)).toEqual({ ok: true, differences: [], tolerated: [] });
  });

  it('tolerates up to 1.00 on a category’s VAT, and reports what follows from it', () => {
    // The sender computed VAT line by line: 20.01 instead of 20.00, and carried it through.
    const inv = read(
      synthetic({
        ...BASE,
        breakdown: [['S', '20', '100.00', '20.01']],
        totals: totals({
          LineTotalAmount: '100.00',
          TaxBasisTotalAmount: '100.00',
          'TaxTotalAmount:EUR': '20.01',
          GrandTotalAmount: '120.01',
          DuePayableAmount: '120.01',
        }),
      }),
    );
    const result = compareTotals(inv);
    expect(result.tolerated.map((d) => [en(d.field), s(d.stated), s(d.recomputed)])).toEqual([
      ['BT-117 S 20% tax amount', '20.01', '20'],
    ]);
    expect(fields(inv)).toEqual([
      ['BT-110 total VAT', '20.01', '20'],
      ['BT-112 total with VAT', '120.01', '120'],
      ['BT-115 amount due', '120.01', '120'],
    ]);
    expect(result.ok).toBe(false);
    const far = read(synthetic({ ...BASE, breakdown: [['S', '20', '100.00', '21.50']] }));
    expect(fields(far)).toEqual([['BT-117 S 20% tax amount', '21.5', '20']]);
    expect(compareTotals(far).tolerated).toEqual([]);
  });

  it('reports each stated figure that differs, and no more', () => {
    const grand = read(synthetic({ ...BASE, totals: BASE.totals.replace('>120.00<', '>120.10<') }));
    expect(fields(grand)).toEqual([['BT-112 total with VAT', '120.1', '120']]);
    const line = read(
      synthetic({
        ...BASE,
        lines: [{ qty: '4', price: '25', net: '100.01' }],
        breakdown: [['S', '20', '100.01', '20.00']],
        totals: BASE.totals
          .replace(/>100\.00</g, '>100.01<')
          .replace('>120.00<', '>120.01<')
          .replace('>120.00<', '>120.01<'),
      }),
    );
    expect(fields(line)).toEqual([['BT-131 line L1 net amount', '100.01', '100']]);
    const missingRow = read(
      synthetic({
        ...BASE,
        lines: [...BASE.lines, { qty: '1', price: '0', net: '0', cat: 'Z', rate: '0' }],
      }),
    );
    expect(fields(missingRow)).toEqual([]);
    const extraRow = read(
      synthetic({ ...BASE, breakdown: [...BASE.breakdown, ['AE', '0', '5.00', '0.00']] }),
    );
    expect(fields(extraRow)).toEqual([['BT-116 AE 0% taxable amount', '5', '0']]);
    // A French workbook names the total in French, its rate written the French way.
    const [extra] = compareTotals(extraRow).differences;
    expect(extra && render(extra.field, 'fr')).toBe('BT-116 base imposable AE 0\u00a0%');
  });

  it('reads the same document whatever its prefixes', () => {
    const xml = synthetic(BASE);
    const renamed = xml
      .replace(/xmlns:rsm=/, 'xmlns:inv=')
      .replace(/<(\/?)rsm:/g, '<$1inv:')
      .replace(/ xmlns:ram="([^"]*)"/, ' xmlns="$1"')
      .replace(/<(\/?)ram:/g, '<$1');
    const a = read(xml);
    const b = read(renamed);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('finds French identifiers however they are stated', () => {
    const inv = read(
      synthetic({
        ...BASE,
        seller: `<ram:GlobalID schemeID="0088">5790000436101</ram:GlobalID><ram:GlobalID schemeID="0009">12345678200002</ram:GlobalID><ram:Name>S</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">123 456 782</ram:ID></ram:SpecifiedLegalOrganization><ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">123456782</ram:ID></ram:SpecifiedTaxRegistration><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR11123456782</ram:ID></ram:SpecifiedTaxRegistration>`,
        buyer: `<ram:ID>55210055400013</ram:ID><ram:Name>B</ram:Name><ram:SpecifiedLegalOrganization><ram:ID>552100554</ram:ID></ram:SpecifiedLegalOrganization><ram:URIUniversalCommunication><ram:URIID schemeID="0225">552100554</ram:URIID></ram:URIUniversalCommunication>`,
      }),
    );
    expect(inv.seller).toMatchObject({
      siren: '123456782',
      siret: '12345678200002',
      vatNumber: 'FR11123456782',
      taxRegistration: '123456782',
    });
    expect(inv.buyer).toMatchObject({
      siren: '552100554',
      siret: '55210055400013',
      electronicAddress: { id: '552100554', scheme: '0225' },
    });
    expect(inv.buyer.vatNumber).toBeUndefined();
  });

  it('warns about date formats it does not read', () => {
    const inv = read(
      synthetic({
        ...BASE,
        due: '<ram:DueDateDateTime><udt:DateTimeString format="610">202403</udt:DateTimeString></ram:DueDateDateTime>',
      }),
    );
    expect(inv.dueDate).toBeUndefined();
    expect(inv.warnings.map(en)).toEqual([
      'due date (BT-9): date format 610 is not read ("202403")',
    ]);
    expect(inv.warnings.map((w) => render(w, 'fr'))).toEqual([
      'date d’échéance (BT-9)\u00a0: format de date 610 non lu («\u00a0202403\u00a0»)',
    ]);
  });

  it('says why a document cannot be read', () => {
    const xml = synthetic(BASE);
    expect(errorOf('<a>')).toMatch(
      /^not well-formed XML: element <a> is not closed \(line 1, column 1\)/,
    );
    expect(
      errorOf('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'),
    ).toBe('a UBL Invoice, not a CII invoice');
    expect(
      errorOf(
        '<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"/>',
      ),
    ).toMatch(/ZUGFeRD 1\.0/);
    expect(errorOf(xml.replace(':CrossIndustryInvoice:100"', ':CrossIndustryInvoice:99"'))).toMatch(
      /namespace/,
    );
    expect(errorOf(xml.replace(/<ram:GrandTotalAmount>.*?<\/ram:GrandTotalAmount>/, ''))).toBe(
      'BT-112 GrandTotalAmount is missing',
    );
    const comma = errorIn(xml.replace('>120.00</ram:Grand', '>120,00</ram:Grand'));
    expect(en(comma)).toBe('BT-112 GrandTotalAmount: "120,00" is not a decimal number');
    expect(render(comma, 'fr')).toBe(
      'BT-112 GrandTotalAmount\u00a0: «\u00a0120,00\u00a0» n’est pas un nombre décimal',
    );
    expect(errorOf(xml.replace('20240229', '20230229'))).toBe(
      'issue date (BT-2): "20230229" is not a date written YYYYMMDD',
    );
    expect(errorOf(xml.replace('<ram:ID>SYN-1</ram:ID>', ''))).toBe('no invoice number (BT-1)');
    expect(
      errorOf(xml.replace(/<ram:InvoiceCurrencyCode>EUR<\/ram:InvoiceCurrencyCode>/, '')),
    ).toBe('no invoice currency (BT-5)');
    const badIndicator = synthetic({
      ...BASE,
      documentLevel:
        '<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>yes</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>1</ram:ActualAmount></ram:SpecifiedTradeAllowanceCharge>',
    });
    expect(errorOf(badIndicator)).toBe(
      'document allowance or charge 1: the charge indicator must be true or false',
    );
    expect(render(errorIn(badIndicator), 'fr')).toBe(
      'remise ou frais 1 du document\u00a0: l’indicateur de frais doit valoir true ou false',
    );
  });

  it('reads XML Schema decimals into plain decimals', () => {
    expect(
      ['12', '+5', '.5', '7.', ' 1.50 ', '-0.00', '0012.3400'].map((d) => decimalOf(d, 'x')),
    ).toEqual(['12', '5', '0.5', '7', '1.5', '0', '12.34']);
    for (const bad of ['', '.', '1e3', '1,5', '--1', `1${'0'.repeat(31)}`]) {
      expect(() => decimalOf(bad, 'x')).toThrow();
    }
  });

  it('reads the project’s own client with a buyer reference', () => {
    const doc = sampleInvoice({ buyer: { ...CLIENT, buyerReference: 'SERVICE-42' } });
    expect(read(ciiXml(doc, frenchFrame(doc))).buyerReference).toBe('SERVICE-42');
  });
});
