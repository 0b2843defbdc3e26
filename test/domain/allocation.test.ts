import fc from 'fast-check';
import { Money, allocate, split } from '../../src/domain';

const strings = (parts: Money[]): string[] => parts.map((p) => p.toFixed(2));

describe('allocate (largest remainder)', () => {
  it.each([
    ['100.00', ['1', '1', '1'], ['33.34', '33.33', '33.33']],
    ['0.05', ['1', '1', '1'], ['0.02', '0.02', '0.01']],
    ['100.00', ['70', '30'], ['70.00', '30.00']],
    ['10.00', ['1', '2'], ['3.33', '6.67']],
    ['-100.00', ['1', '1', '1'], ['-33.34', '-33.33', '-33.33']],
    ['0.01', ['1', '1'], ['0.01', '0.00']],
    ['1000.00', ['0.25', '0.75'], ['250.00', '750.00']],
    ['99.99', ['0', '1', '0'], ['0.00', '99.99', '0.00']],
    ['1.00', ['3', '3', '3', '1'], ['0.30', '0.30', '0.30', '0.10']],
    ['2.00', ['1', '1', '1'], ['0.67', '0.67', '0.66']],
  ])('allocate(%s, %j) = %j', (total, ratios, expected) => {
    expect(strings(allocate(Money.of(total), ratios))).toEqual(expected);
  });

  it.each([
    [[], 'at least one'],
    [['0', '0'], 'sum to zero'],
    [['1', '-1'], 'negative'],
  ])('refuses ratios %j', (ratios, message) => {
    expect(() => allocate(Money.of('10'), ratios)).toThrow(message);
  });

  it('refuses a total that is not in cents', () => {
    expect(() => allocate(Money.of('10.001'), ['1'])).toThrow(RangeError);
  });

  it('adds back exactly, stays within a cent of each exact share, and mirrors negatives', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 11n), max: 10n ** 11n }),
        fc
          .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 })
          .filter((r) => r.some((x) => x > 0)),
        (cents, weights) => {
          const total = Money.fromCents(cents);
          const ratios = weights.map(String);
          const parts = allocate(total, ratios);
          expect(parts).toHaveLength(weights.length);
          expect(Money.sum(parts).equals(total)).toBe(true);
          const weightSum = weights.reduce((a, b) => a + b, 0);
          parts.forEach((part, i) => {
            const exact = total.times(String(weights[i])).dividedBy(String(weightSum));
            expect(part.minus(exact).abs().lessThan(Money.of('0.01'))).toBe(true);
            expect(part.isRoundedTo(2)).toBe(true);
          });
          const mirrored = allocate(total.negated(), ratios);
          expect(mirrored.map((m) => m.negated().toString())).toEqual(
            parts.map((p) => p.toString()),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('split (financer share / remainder, deposits)', () => {
  it.each([
    ['1000.00', { percent: '30' }, '300.00', '700.00', false],
    ['100.00', { percent: '33.33' }, '33.33', '66.67', false],
    ['0.05', { percent: '50' }, '0.03', '0.02', false],
    ['-0.05', { percent: '50' }, '-0.03', '-0.02', false],
    ['1500.00', { percent: '100' }, '1500.00', '0.00', false],
    ['1500.00', { percent: '0' }, '0.00', '1500.00', false],
  ])('split(%s, %j) = %s + %s', (total, share, expectedShare, expectedRest, capped) => {
    const result = split(Money.of(total), share);
    expect([result.share.toFixed(2), result.remainder.toFixed(2), result.capped]).toEqual([
      expectedShare,
      expectedRest,
      capped,
    ]);
  });

  it.each([
    ['1500.00', '1200.00', '1200.00', '300.00', false],
    ['1500.00', '2000.00', '1500.00', '0.00', true],
    ['-1500.00', '-2000.00', '-1500.00', '0.00', true],
  ])(
    'split(%s, amount %s) = %s + %s (capped: %s)',
    (total, amount, expectedShare, expectedRest, capped) => {
      const result = split(Money.of(total), { amount: Money.of(amount) });
      expect([result.share.toFixed(2), result.remainder.toFixed(2), result.capped]).toEqual([
        expectedShare,
        expectedRest,
        capped,
      ]);
    },
  );

  it('refuses shares outside 0..100 % and amounts of the wrong sign', () => {
    expect(() => split(Money.of('10'), { percent: '101' })).toThrow(RangeError);
    expect(() => split(Money.of('10'), { amount: Money.of('-1') })).toThrow(RangeError);
  });

  it('share + remainder = total for any percentage', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 11n), max: 10n ** 11n }),
        fc.integer({ min: 0, max: 10_000 }),
        (cents, bp) => {
          const total = Money.fromCents(cents);
          const { share, remainder } = split(total, { percent: (bp / 100).toFixed(2) });
          expect(share.plus(remainder).equals(total)).toBe(true);
          expect(share.isRoundedTo(2) && remainder.isRoundedTo(2)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
