import {
  Money,
  calendarDate,
  formatDate,
  formatDecimal,
  formatMoney,
  formatPercent,
} from '../../src/domain';
import fc from 'fast-check';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('formatMoney', () => {
  it.each([
    ['1234.56', 'fr', 'EUR', `1${NNBSP}234,56${NBSP}€`],
    ['1234.56', 'en', 'EUR', '€1,234.56'],
    ['-1234.5', 'fr', 'EUR', `-1${NNBSP}234,50${NBSP}€`],
    ['-1234.5', 'en', 'EUR', '-€1,234.50'],
    ['0', 'fr', 'EUR', `0,00${NBSP}€`],
    ['-0', 'en', 'EUR', '€0.00'],
    ['999', 'fr', 'EUR', `999,00${NBSP}€`],
    ['1000000', 'fr', 'EUR', `1${NNBSP}000${NNBSP}000,00${NBSP}€`],
    ['1234567.89', 'en', 'EUR', '€1,234,567.89'],
    ['1.2605', 'fr', 'EUR', `1,2605${NBSP}€`],
    ['1.2605', 'en', 'EUR', '€1.2605'],
    ['12', 'en', 'USD', '$12.00'],
    ['12', 'fr', 'CHF', `12,00${NBSP}CHF`],
    ['1234', 'en', 'CHF', `CHF${NBSP}1,234.00`],
  ] as const)('formatMoney(%s, %s, %s) = %j', (amount, language, currency, expected) => {
    expect(formatMoney(Money.of(amount), language, currency)).toBe(expected);
  });

  it('writes every whole number of cents as its decimal text says, in both languages', () => {
    // The reference is written from the amount's text alone (BigInt digits, grouped by hand),
    // independently of how formatMoney reaches the amount's digits.
    const reference = (cents: bigint, language: 'fr' | 'en'): string => {
      const negative = cents < 0n;
      const digits = (negative ? -cents : cents).toString().padStart(3, '0');
      const integer = digits
        .slice(0, -2)
        .replace(/\B(?=(\d{3})+$)/g, language === 'fr' ? NNBSP : ',');
      const fraction = digits.slice(-2);
      const sign = negative ? '-' : '';
      return language === 'fr'
        ? `${sign}${integer},${fraction}${NBSP}€`
        : `${sign}€${integer}.${fraction}`;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: -1000n, max: 1000n }),
          fc.bigInt({ min: -(2n ** 53n - 1n), max: 2n ** 53n - 1n }),
          fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        ),
        fc.constantFrom('fr' as const, 'en' as const),
        (cents, language) => {
          const viaCents = formatMoney(Money.fromCents(cents), language);
          const viaText = formatMoney(Money.of(Money.fromCents(cents).toFixed(2)), language);
          expect(viaCents).toBe(reference(cents, language));
          expect(viaText).toBe(viaCents);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never rounds: it prints every decimal', () => {
    expect(formatMoney(Money.of('0.005'), 'en')).toBe('€0.005');
  });
});

describe('formatDate', () => {
  it.each([
    ['2026-11-05', 'fr', '05/11/2026'],
    ['2026-11-05', 'en', '5\u00a0Nov\u00a02026'],
    ['2027-01-31', 'fr', '31/01/2027'],
    ['2027-01-31', 'en', '31\u00a0Jan\u00a02027'],
  ] as const)('formatDate(%s, %s) = %s', (date, language, expected) => {
    expect(formatDate(calendarDate(date), language)).toBe(expected);
  });
});

describe('formatDecimal and formatPercent', () => {
  it.each([
    ['1.5', 'fr', '1,5'],
    ['1.5', 'en', '1.5'],
    ['12345.25', 'fr', `12${NNBSP}345,25`],
    ['-3', 'en', '-3'],
  ] as const)('formatDecimal(%s, %s) = %j', (value, language, expected) => {
    expect(formatDecimal(value, language)).toBe(expected);
  });

  it.each([
    ['20', 'fr', `20${NBSP}%`],
    ['5.5', 'fr', `5,5${NBSP}%`],
    ['5.5', 'en', '5.5%'],
    ['2.10', 'en', '2.1%'],
  ] as const)('formatPercent(%s, %s) = %j', (value, language, expected) => {
    expect(formatPercent(value, language)).toBe(expected);
  });
});
