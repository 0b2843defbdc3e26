import Decimal from 'decimal.js';
import fc from 'fast-check';
import { Money, decimalStringFromNumber, hasBinaryNoise, isDecimalString } from '../../src/domain';

describe('decimal strings', () => {
  it.each([
    ['12', true],
    ['-0.5', true],
    ['1234.5678', true],
    ['0.10', true],
    ['1e3', false],
    ['1,5', false],
    ['.5', false],
    ['5.', false],
    ['+5', false],
    [' 5', false],
    ['1 234', false],
    ['', false],
    ['NaN', false],
  ])('isDecimalString(%j) is %s', (text, expected) => {
    expect(isDecimalString(text)).toBe(expected);
  });

  it.each([
    [0.1, '0.1'],
    [1234.56, '1234.56'],
    [-0.005, '-0.005'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [-0, '0'],
    [0.1 + 0.2, '0.30000000000000004'],
    [123456789012345.6, '123456789012345.6'],
  ])('decimalStringFromNumber(%p) = %s', (n, expected) => {
    expect(decimalStringFromNumber(n)).toBe(expected);
  });

  it.each([
    [0.1, false],
    [19.99, false],
    [0.1 + 0.2, true],
    [1 / 3, true],
    [Number.NaN, true],
  ])('hasBinaryNoise(%p) is %s', (n, expected) => {
    expect(hasBinaryNoise(n)).toBe(expected);
  });

  it('rejects non-finite numbers', () => {
    expect(() => decimalStringFromNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('every decimal of at most 15 significant digits typed into a sheet comes back exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        fc.integer({ min: 0, max: 10 }),
        (digits, scale) => {
          const typed = new Decimal(digits.toString()).div(new Decimal(10).pow(scale)).toFixed();
          const asSheetNumber = Number(typed);
          expect(
            new Decimal(decimalStringFromNumber(asSheetNumber)).equals(new Decimal(typed)),
          ).toBe(true);
          expect(hasBinaryNoise(asSheetNumber)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('Money', () => {
  it.each([
    ['12.34', '12.34'],
    ['12.30', '12.3'],
    ['-0.00', '0'],
    ['1.2605', '1.2605'],
  ])('Money.of(%s).toString() = %s', (input, expected) => {
    expect(Money.of(input).toString()).toBe(expected);
  });

  it.each(['1e3', '12,34', 'abc', ''])('Money.of(%j) throws', (input) => {
    expect(() => Money.of(input)).toThrow(RangeError);
  });

  it.each([
    [1234, '12.34'],
    [-5, '-0.05'],
    [0, '0'],
    [123456789012345678n, '1234567890123456.78'],
  ])('Money.fromCents(%p) = %s', (cents, expected) => {
    expect(Money.fromCents(cents).toString()).toBe(expected);
  });

  it('refuses fractional cents', () => {
    expect(() => Money.fromCents(1.5)).toThrow(RangeError);
  });

  it('fromNumberExact keeps the typed decimal', () => {
    expect(Money.fromNumberExact(0.1).plus(Money.fromNumberExact(0.2)).toString()).toBe('0.3');
    expect(Money.fromNumberExact(19.99).times('3').toString()).toBe('59.97');
  });

  it.each([
    // value, scale, half-up (ties away from zero)
    ['1.005', 2, '1.01'],
    ['1.004999', 2, '1'],
    ['-1.005', 2, '-1.01'],
    ['2.675', 2, '2.68'],
    ['0.125', 2, '0.13'],
    ['-0.125', 2, '-0.13'],
    ['1.2605', 2, '1.26'],
    ['7.4790', 2, '7.48'],
    ['12.5', 0, '13'],
    ['-12.5', 0, '-13'],
    ['0.00049', 3, '0'],
    ['0.0005', 3, '0.001'],
  ])('roundHalfUp(%s, %i) = %s', (value, scale, expected) => {
    expect(Money.of(value).roundHalfUp(scale).toString()).toBe(expected);
  });

  it.each([
    ['1.009', '1'],
    ['-1.001', '-1.01'],
  ])('roundFloor(%s) = %s', (value, expected) => {
    expect(Money.of(value).roundFloor().toString()).toBe(expected);
  });

  it('keeps full precision in arithmetic', () => {
    const third = Money.of('100').dividedBy('3');
    expect(third.toString()).toBe('33.33333333333333333333333333333333333333');
    expect(third.times('3').roundHalfUp().toString()).toBe('100');
    expect(Money.of('0.1').plus(Money.of('0.2')).equals(Money.of('0.3'))).toBe(true);
  });

  it('is immutable', () => {
    const a = Money.of('10');
    a.plus(Money.of('5'));
    expect(a.toString()).toBe('10');
    expect(Object.isFrozen(a)).toBe(true);
  });

  it.each([
    ['12.3', 2, '12.30'],
    ['-0.5', 2, '-0.50'],
    ['0', 2, '0.00'],
    ['1.2605', 4, '1.2605'],
  ])('toFixed(%s, %i) = %s', (value, scale, expected) => {
    expect(Money.of(value).toFixed(scale)).toBe(expected);
  });

  it('toFixed refuses to round silently', () => {
    expect(() => Money.of('1.005').toFixed(2)).toThrow(RangeError);
  });

  it('converts to cents and numbers only when rounded', () => {
    expect(Money.of('-12.34').toCents()).toBe(-1234);
    expect(() => Money.of('0.001').toCents()).toThrow(RangeError);
    expect(Money.of('1234.5').toNumber()).toBe(1234.5);
    expect(JSON.stringify({ a: Money.of('1.50') })).toBe('{"a":"1.5"}');
  });

  it('compares', () => {
    const a = Money.of('1.50');
    const b = Money.of('1.5');
    expect(a.compare(b)).toBe(0);
    expect(Money.of('-1').compare(b)).toBe(-1);
    expect(Money.max(a, Money.of('2')).toString()).toBe('2');
    expect(Money.min(a, Money.of('2')).toString()).toBe('1.5');
    expect(Money.of('0').isNegative()).toBe(false);
    expect(Money.of('-0.01').isNegative()).toBe(true);
    expect(Money.sum([]).isZero()).toBe(true);
  });

  it('is not affected by the global decimal.js settings', () => {
    const saved = Decimal.precision;
    Decimal.set({ precision: 5, rounding: Decimal.ROUND_DOWN });
    try {
      expect(Money.of('123456.785').roundHalfUp().toString()).toBe('123456.79');
      expect(Money.of('1').dividedBy('3').times('3').roundHalfUp().toString()).toBe('1');
    } finally {
      Decimal.set({ precision: saved, rounding: Decimal.ROUND_HALF_UP });
    }
  });

  it('rounding is symmetric: round(-x) = -round(x)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 6 }),
        (n, extra) => {
          const x = Money.fromCents(n).dividedBy(String(10 ** extra));
          expect(x.negated().roundHalfUp().equals(x.roundHalfUp().negated())).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
