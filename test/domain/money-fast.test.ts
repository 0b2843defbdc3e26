/**
 * Money computes with scaled integers when amounts fit them and with decimal.js otherwise: both
 * ways must give exactly what decimal.js alone gives, for amounts of every sign and scale.
 */
import fc from 'fast-check';
import { Dec, shiftPoint, toPlainString } from '../../src/domain/decimal';
import type { InvoiceLine } from '../../src/domain/invoice';
import { lineAmounts } from '../../src/domain/line-amounts';
import { Money } from '../../src/domain';

/** A plain decimal string: short ones (the scaled-integer path) and long ones (decimal.js). */
const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      fc.bigInt({ min: 0n, max: 10n ** 6n }),
      fc.bigInt({ min: 0n, max: 10n ** 15n }),
      fc.bigInt({ min: 0n, max: 10n ** 28n }),
    ),
    fc.integer({ min: 0, max: 12 }),
    fc.integer({ min: 0, max: 2 }),
  )
  .map(([negative, digits, scale, trailingZeros]) => {
    const body = digits.toString().padStart(scale + 1, '0');
    const int = body.slice(0, body.length - scale);
    const frac = body.slice(body.length - scale) + '0'.repeat(scale > 0 ? trailingZeros : 0);
    return `${negative ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`;
  });

const plain = (d: Dec): string => toPlainString(d);

describe('Money on scaled integers equals decimal.js', () => {
  it('reads, writes, rounds and compares like decimal.js (10,000 amounts)', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 6 }), (text, scale) => {
        const m = Money.of(text);
        const d = new Dec(text);
        expect(m.toString()).toBe(plain(d));
        expect(m.decimalPlaces()).toBe(d.decimalPlaces());
        expect(m.isZero()).toBe(d.isZero());
        expect(m.isNegative()).toBe(d.isNegative() && !d.isZero());
        expect(m.isPositive()).toBe(d.isPositive() && !d.isZero());
        expect(m.toNumber()).toBe(d.isZero() ? 0 : d.toNumber());
        expect(m.roundHalfUp(scale).toString()).toBe(
          plain(d.toDecimalPlaces(scale, Dec.ROUND_HALF_UP)),
        );
        expect(m.roundFloor(scale).toString()).toBe(
          plain(d.toDecimalPlaces(scale, Dec.ROUND_FLOOR)),
        );
        expect(m.negated().toString()).toBe(plain(d.neg()));
        expect(m.abs().toString()).toBe(plain(d.abs()));
        const rounded = m.roundHalfUp(scale);
        const fixed = d.toDecimalPlaces(scale, Dec.ROUND_HALF_UP).toFixed(scale);
        expect(rounded.toFixed(scale)).toBe(/^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed);
      }),
      { numRuns: 10_000 },
    );
  });

  it('adds, subtracts, multiplies and compares like decimal.js (10,000 pairs)', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = Money.of(a);
        const y = Money.of(b);
        const da = new Dec(a);
        const db = new Dec(b);
        expect(x.plus(y).toString()).toBe(plain(da.plus(db)));
        expect(x.minus(y).toString()).toBe(plain(da.minus(db)));
        expect(x.times(b).toString()).toBe(plain(da.times(db)));
        expect(x.times(db).toString()).toBe(plain(da.times(db)));
        expect(x.compare(y)).toBe(da.comparedTo(db));
        expect(x.equals(y)).toBe(da.equals(db));
        expect(Money.sum([x, y, x]).toString()).toBe(plain(da.plus(db).plus(da)));
      }),
      { numRuns: 10_000 },
    );
  });

  it('rounds ties half up (away from zero) at every scale', () => {
    for (const [text, scale, expected] of [
      ['0.005', 2, '0.01'],
      ['-0.005', 2, '-0.01'],
      ['0.015', 2, '0.02'],
      ['-2.5', 0, '-3'],
      ['2.4999999999', 0, '2'],
      ['9007199254740.995', 2, '9007199254741'],
      ['-0.0000000000005', 12, '-0.000000000001'],
    ] as const) {
      expect(Money.of(text).roundHalfUp(scale).toString()).toBe(expected);
    }
  });

  it('keeps cents and the amounts past 2^53 exact', () => {
    expect(Money.fromCents(123456789012345678n).toString()).toBe('1234567890123456.78');
    const big = Money.of('90071992547409.93');
    expect(big.plus(Money.of('0.01')).toString()).toBe('90071992547409.94');
    expect(big.times('1000').toString()).toBe('90071992547409930');
    expect(Money.of('-12.34').toCents()).toBe(-1234);
  });

  it('moves the point of a decimal string exactly', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: -8, max: 8 }), (text, places) => {
        expect(shiftPoint(text, places)).toBe(plain(new Dec(text).times(new Dec(10).pow(places))));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('line amounts on scaled integers', () => {
  /** The line net as decimal.js alone computes it. */
  function reference(line: InvoiceLine): { gross: string; net: string; exact: string } {
    const gross = new Dec(line.quantity).times(new Dec(line.unitPrice));
    const net =
      line.discountPercent === undefined
        ? gross
        : gross.times(new Dec(line.discountPercent).div(100).neg().plus(1));
    return {
      gross: plain(gross.toDecimalPlaces(2, Dec.ROUND_HALF_UP)),
      net: plain(net.toDecimalPlaces(2, Dec.ROUND_HALF_UP)),
      exact: plain(net),
    };
  }

  const unsigned = decimalText.map((t) => t.replace(/^-/, ''));

  it('equal decimal.js for quantities, prices and discounts of every scale', () => {
    fc.assert(
      fc.property(
        decimalText,
        unsigned,
        fc.option(
          fc.integer({ min: 0, max: 100_000 }).map((n) => shiftPoint(String(n), -3)),
          { nil: undefined },
        ),
        (quantity, unitPrice, discountPercent) => {
          const line: InvoiceLine = {
            description: 'x',
            quantity,
            unitPrice,
            vat: { category: 'S', ratePercent: '20' },
            ...(discountPercent === undefined ? {} : { discountPercent }),
          };
          const a = lineAmounts(line);
          const r = reference(line);
          expect(a.gross.toString()).toBe(r.gross);
          expect(a.net.toString()).toBe(r.net);
          expect(a.exactNet.toString()).toBe(r.exact);
          expect(a.discount.toString()).toBe(plain(new Dec(r.gross).minus(new Dec(r.net))));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
