import fc from 'fast-check';
import {
  Money,
  computeTotals,
  invoiceTotals,
  lineAmounts,
  type DecimalString,
  type InvoiceLine,
  type LineVat,
  type TotalsInput,
} from '../../src/domain';
import { sampleInvoice } from './fixtures';

const S20: LineVat = { category: 'S', ratePercent: '20' };
const S10: LineVat = { category: 'S', ratePercent: '10' };
const S55: LineVat = { category: 'S', ratePercent: '5.5' };
const EXEMPT: LineVat = { category: 'E', ratePercent: '0', exemption: 'formation' };

function line(quantity: string, unitPrice: string, extra: Partial<InvoiceLine> = {}): InvoiceLine {
  return { description: 'x', quantity, unitPrice, vat: S20, ...extra };
}

describe('line net (BT-131): quantity × price ÷ base × (1 − discount), rounded once', () => {
  it.each([
    // quantity, unit price, discount %, base quantity, gross, discount, net
    ['2', '450', undefined, undefined, '900.00', '0.00', '900.00'],
    ['3', '19.99', '10', undefined, '59.97', '6.00', '53.97'], // 59.97 × 0.9 = 53.973
    ['1', '1.2605', undefined, undefined, '1.26', '0.00', '1.26'],
    ['1', '7.4790', undefined, undefined, '7.48', '0.00', '7.48'],
    ['0.5', '650', undefined, undefined, '325.00', '0.00', '325.00'],
    ['1.5', '333.33', undefined, undefined, '500.00', '0.00', '500.00'], // 499.995 → 500.00
    ['3', '0.335', undefined, undefined, '1.01', '0.00', '1.01'], // 1.005 → 1.01 (half-up)
    ['-3', '0.335', undefined, undefined, '-1.01', '0.00', '-1.01'], // symmetric on credit notes
    ['7', '12.345', '15', undefined, '86.42', '12.97', '73.45'], // 86.415 × 0.85 = 73.45275
    ['16000', '0.0088', undefined, undefined, '140.80', '0.00', '140.80'],
    ['16000', '8.80', undefined, '1000', '140.80', '0.00', '140.80'], // price per 1000 kWh
    ['1', '100', '100', undefined, '100.00', '100.00', '0.00'],
    ['10', '99.999', '33.333', undefined, '999.99', '333.33', '666.66'], // 999.99 × 0.66667 = 666.6633
  ])(
    '%s × %s (−%s %%, base %s)',
    (quantity, unitPrice, discountPercent, priceBaseQuantity, gross, discount, net) => {
      const amounts = lineAmounts(
        line(quantity, unitPrice, {
          ...(discountPercent === undefined ? {} : { discountPercent }),
          ...(priceBaseQuantity === undefined ? {} : { priceBaseQuantity }),
        }),
      );
      expect([
        amounts.gross.toFixed(2),
        amounts.discount.toFixed(2),
        amounts.net.toFixed(2),
      ]).toEqual([gross, discount, net]);
    },
  );

  it('rounds the line once: 3 × 19.99 − 10 % is 53.97 (from 53.973), not 53.98', () => {
    expect(lineAmounts(line('3', '19.99', { discountPercent: '10' })).net.toString()).toBe('53.97');
  });

  it.each([
    [{ priceBaseQuantity: '0' }],
    [{ discountPercent: '101' }],
    [{ discountPercent: '-1' }],
    [{ quantity: '1,5' }],
  ])('refuses %j', (extra) => {
    expect(() => lineAmounts(line('1', '10', extra))).toThrow(RangeError);
  });
});

function input(
  lines: [DecimalString, LineVat][],
  extra: Omit<TotalsInput, 'lines'> = {},
): TotalsInput {
  return { lines: lines.map(([net, vat]) => ({ net: Money.of(net), vat })), ...extra };
}

describe('computeTotals (BT-106 … BT-115)', () => {
  it.each([
    {
      name: 'one rate',
      lines: [['900.00', S20]] as [DecimalString, LineVat][],
      expected: {
        lineTotal: '900.00',
        taxBasisTotal: '900.00',
        taxTotal: '180.00',
        grandTotal: '1080.00',
        due: '1080.00',
      },
      breakdown: [['S:20', '900.00', '180.00']],
    },
    {
      name: 'VAT on the sum per rate: 3 × 0.03 at 20 % gives 0.02 (0.018), rounding each line would give 0.03',
      lines: [
        ['0.03', S20],
        ['0.03', S20],
        ['0.03', S20],
      ] as [DecimalString, LineVat][],
      expected: {
        lineTotal: '0.09',
        taxBasisTotal: '0.09',
        taxTotal: '0.02',
        grandTotal: '0.11',
        due: '0.11',
      },
      breakdown: [['S:20', '0.09', '0.02']],
    },
    {
      name: 'per-rate rounding: 3 × 0.07 at 5.5 % = 0.01 (0.01155), per line would be 0.00 each',
      lines: [
        ['0.07', S55],
        ['0.07', S55],
        ['0.07', S55],
      ] as [DecimalString, LineVat][],
      expected: {
        lineTotal: '0.21',
        taxBasisTotal: '0.21',
        taxTotal: '0.01',
        grandTotal: '0.22',
        due: '0.22',
      },
      breakdown: [['S:5.5', '0.21', '0.01']],
    },
    {
      name: 'several rates, exempt lines and a 0.005 tie rounded up',
      lines: [
        ['900.00', S20],
        ['53.97', S55],
        ['0.10', S55],
        ['12.35', S10],
        ['3600.00', EXEMPT],
      ] as [DecimalString, LineVat][],
      // 5.5 % of 54.07 = 2.97385 → 2.97; 10 % of 12.35 = 1.235 → 1.24
      expected: {
        lineTotal: '4566.42',
        taxBasisTotal: '4566.42',
        taxTotal: '184.21',
        grandTotal: '4750.63',
        due: '4750.63',
      },
      breakdown: [
        ['S:20', '900.00', '180.00'],
        ['S:10', '12.35', '1.24'],
        ['S:5.5', '54.07', '2.97'],
        ['E:0', '3600.00', '0.00'],
      ],
    },
    {
      name: 'credit note (negative amounts) mirrors the invoice',
      lines: [
        ['-900.00', S20],
        ['-12.35', S10],
      ] as [DecimalString, LineVat][],
      expected: {
        lineTotal: '-912.35',
        taxBasisTotal: '-912.35',
        taxTotal: '-181.24',
        grandTotal: '-1093.59',
        due: '-1093.59',
      },
      breakdown: [
        ['S:20', '-900.00', '-180.00'],
        ['S:10', '-12.35', '-1.24'],
      ],
    },
    {
      name: 'rates written differently group together',
      lines: [
        ['10.00', { category: 'S', ratePercent: '20.00' }],
        ['10.00', S20],
      ] as [DecimalString, LineVat][],
      expected: {
        lineTotal: '20.00',
        taxBasisTotal: '20.00',
        taxTotal: '4.00',
        grandTotal: '24.00',
        due: '24.00',
      },
      breakdown: [['S:20', '20.00', '4.00']],
    },
  ])('$name', ({ lines, expected, breakdown }) => {
    const totals = computeTotals(input(lines));
    expect({
      lineTotal: totals.lineTotal.toFixed(2),
      taxBasisTotal: totals.taxBasisTotal.toFixed(2),
      taxTotal: totals.taxTotal.toFixed(2),
      grandTotal: totals.grandTotal.toFixed(2),
      due: totals.duePayableAmount.toFixed(2),
    }).toEqual(expected);
    expect(
      totals.vatBreakdown.map((b) => [b.key, b.taxableAmount.toFixed(2), b.taxAmount.toFixed(2)]),
    ).toEqual(breakdown);
  });

  it('applies document allowances and charges per VAT rate (BT-107, BT-108, BT-116)', () => {
    const totals = computeTotals(
      input(
        [
          ['1000.00', S20],
          ['200.00', S55],
        ],
        {
          allowancesCharges: [
            { charge: false, amount: Money.of('100.00'), vat: S20 },
            { charge: true, amount: Money.of('15.50'), vat: S20 },
            { charge: false, amount: Money.of('0.00'), vat: S55 },
          ],
        },
      ),
    );
    expect(totals.lineTotal.toFixed(2)).toBe('1200.00');
    expect(totals.allowanceTotal.toFixed(2)).toBe('100.00');
    expect(totals.chargeTotal.toFixed(2)).toBe('15.50');
    expect(totals.taxBasisTotal.toFixed(2)).toBe('1115.50');
    // 20 % of 915.50 = 183.10; 5.5 % of 200 = 11.00
    expect(
      totals.vatBreakdown.map((b) => [b.key, b.taxableAmount.toFixed(2), b.taxAmount.toFixed(2)]),
    ).toEqual([
      ['S:20', '915.50', '183.10'],
      ['S:5.5', '200.00', '11.00'],
    ]);
    expect(totals.grandTotal.toFixed(2)).toBe('1309.60');
    expect(totals.allowanceChargeVat.map((m) => m.toFixed(2))).toEqual(['-20.00', '3.10', '0.00']);
  });

  it('deducts a deposit already paid (BT-113 → BT-115)', () => {
    const totals = computeTotals(input([['5000.00', S20]], { prepaidAmount: Money.of('1800.00') }));
    expect([
      totals.grandTotal.toFixed(2),
      totals.prepaidAmount.toFixed(2),
      totals.duePayableAmount.toFixed(2),
    ]).toEqual(['6000.00', '1800.00', '4200.00']);
  });

  it('gives each line its share of the VAT, adding back to the row VAT', () => {
    const totals = computeTotals(
      input([
        ['0.07', S55],
        ['0.07', S55],
        ['0.07', S55],
        ['10.00', S20],
      ]),
    );
    expect(totals.lineVat.map((m) => m.toFixed(2))).toEqual(['0.01', '0.00', '0.00', '2.00']);
  });

  it('refuses nets that are not in cents', () => {
    expect(() => computeTotals(input([['1.005', S20]]))).toThrow(RangeError);
  });

  it('computes an invoice document', () => {
    const totals = invoiceTotals(sampleInvoice());
    // 2 × 450 = 900.00 at 20 %; 3 × 19.99 − 10 % = 53.97 at 5.5 % → 2.97
    expect(totals.lineNets.map((m) => m.toFixed(2))).toEqual(['900.00', '53.97']);
    expect(totals.taxTotal.toFixed(2)).toBe('182.97');
    expect(totals.grandTotal.toFixed(2)).toBe('1136.94');
  });
});

const RATES: LineVat[] = [
  S20,
  S10,
  S55,
  { category: 'S', ratePercent: '2.1' },
  { category: 'S', ratePercent: '8.5' },
  EXEMPT,
  { category: 'E', ratePercent: '0', exemption: 'franchise' },
  { category: 'AE', ratePercent: '0', exemption: 'reverse-charge' },
];

const centsArb = fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n });
const totalsInputArb = fc.record({
  lines: fc.array(fc.record({ cents: centsArb, rate: fc.nat({ max: RATES.length - 1 }) }), {
    minLength: 1,
    maxLength: 25,
  }),
  items: fc.array(
    fc.record({
      cents: fc.bigInt({ min: 0n, max: 10n ** 7n }),
      rate: fc.nat({ max: RATES.length - 1 }),
      charge: fc.boolean(),
    }),
    {
      maxLength: 4,
    },
  ),
  prepaid: fc.bigInt({ min: 0n, max: 10n ** 9n }),
});

describe('totals properties', () => {
  it('totals equal the sum of their parts; VAT per rate within half a cent of the exact product', () => {
    fc.assert(
      fc.property(totalsInputArb, ({ lines, items, prepaid }) => {
        const totals = computeTotals({
          lines: lines.map((l) => ({ net: Money.fromCents(l.cents), vat: RATES[l.rate] ?? S20 })),
          allowancesCharges: items.map((i) => ({
            charge: i.charge,
            amount: Money.fromCents(i.cents),
            vat: RATES[i.rate] ?? S20,
          })),
          prepaidAmount: Money.fromCents(prepaid),
        });
        const lineSum = Money.sum(lines.map((l) => Money.fromCents(l.cents)));
        expect(totals.lineTotal.equals(lineSum)).toBe(true);
        expect(
          totals.taxBasisTotal.equals(
            totals.lineTotal.minus(totals.allowanceTotal).plus(totals.chargeTotal),
          ),
        ).toBe(true);
        expect(
          Money.sum(totals.vatBreakdown.map((b) => b.taxableAmount)).equals(totals.taxBasisTotal),
        ).toBe(true);
        expect(Money.sum(totals.vatBreakdown.map((b) => b.taxAmount)).equals(totals.taxTotal)).toBe(
          true,
        );
        expect(totals.grandTotal.equals(totals.taxBasisTotal.plus(totals.taxTotal))).toBe(true);
        expect(
          totals.duePayableAmount.equals(totals.grandTotal.minus(Money.fromCents(prepaid))),
        ).toBe(true);
        expect(
          Money.sum([...totals.lineVat, ...totals.allowanceChargeVat]).equals(totals.taxTotal),
        ).toBe(true);
        for (const row of totals.vatBreakdown) {
          const exact = row.taxableAmount.times(row.ratePercent).dividedBy('100');
          expect(row.taxAmount.minus(exact).abs().lessThanOrEqual(Money.of('0.005'))).toBe(true);
          expect(row.taxAmount.isRoundedTo(2)).toBe(true);
        }
        expect(new Set(totals.vatBreakdown.map((b) => b.key)).size).toBe(
          totals.vatBreakdown.length,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('a document with every line negated has exactly the opposite totals', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            quantity: fc.integer({ min: 1, max: 500 }),
            priceCents: fc.integer({ min: 0, max: 10_000_000 }),
            extraDigits: fc.integer({ min: 0, max: 99 }),
            discount: fc.integer({ min: 0, max: 100 }),
            rate: fc.nat({ max: RATES.length - 1 }),
          }),
          { minLength: 1, maxLength: 15 },
        ),
        (specs) => {
          const lines = specs.map((s) => ({
            description: 'x',
            quantity: String(s.quantity),
            unitPrice: `${(s.priceCents / 100).toFixed(2)}${String(s.extraDigits).padStart(2, '0')}`,
            discountPercent: String(s.discount),
            vat: RATES[s.rate] ?? S20,
          }));
          const invoice = invoiceTotals(sampleInvoice({ lines }));
          const credit = invoiceTotals(
            sampleInvoice({
              kind: 'avoir',
              lines: lines.map((l) => ({ ...l, quantity: `-${l.quantity}` })),
            }),
          );
          expect(credit.grandTotal.equals(invoice.grandTotal.negated())).toBe(true);
          expect(credit.taxTotal.equals(invoice.taxTotal.negated())).toBe(true);
          expect(credit.lineVat.map((m) => m.negated().toString())).toEqual(
            invoice.lineVat.map((m) => m.toString()),
          );
          // Each line net is within half a cent of its exact value.
          lines.forEach((l) => {
            const a = lineAmounts(l);
            expect(a.net.minus(a.exactNet).abs().lessThanOrEqual(Money.of('0.005'))).toBe(true);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
