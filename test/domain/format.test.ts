import {
  Money,
  calendarDate,
  formatDate,
  formatDecimal,
  formatMoney,
  formatPercent,
} from '../../src/domain';

const NBSP = '\u00a0';

describe('formatMoney', () => {
  it.each([
    ['1234.56', 'fr', 'EUR', `1${NBSP}234,56${NBSP}€`],
    ['1234.56', 'en', 'EUR', '€1,234.56'],
    ['-1234.5', 'fr', 'EUR', `-1${NBSP}234,50${NBSP}€`],
    ['-1234.5', 'en', 'EUR', '-€1,234.50'],
    ['0', 'fr', 'EUR', `0,00${NBSP}€`],
    ['-0', 'en', 'EUR', '€0.00'],
    ['999', 'fr', 'EUR', `999,00${NBSP}€`],
    ['1000000', 'fr', 'EUR', `1${NBSP}000${NBSP}000,00${NBSP}€`],
    ['1234567.89', 'en', 'EUR', '€1,234,567.89'],
    ['1.2605', 'fr', 'EUR', `1,2605${NBSP}€`],
    ['1.2605', 'en', 'EUR', '€1.2605'],
    ['12', 'en', 'USD', '$12.00'],
    ['12', 'fr', 'CHF', `12,00${NBSP}CHF`],
    ['1234', 'en', 'CHF', `CHF${NBSP}1,234.00`],
  ] as const)('formatMoney(%s, %s, %s) = %j', (amount, language, currency, expected) => {
    expect(formatMoney(Money.of(amount), language, currency)).toBe(expected);
  });

  it('never rounds: it prints every decimal', () => {
    expect(formatMoney(Money.of('0.005'), 'en')).toBe('€0.005');
  });
});

describe('formatDate', () => {
  it.each([
    ['2026-11-05', 'fr', '05/11/2026'],
    ['2026-11-05', 'en', '5 Nov 2026'],
    ['2027-01-31', 'fr', '31/01/2027'],
    ['2027-01-31', 'en', '31 Jan 2027'],
  ] as const)('formatDate(%s, %s) = %s', (date, language, expected) => {
    expect(formatDate(calendarDate(date), language)).toBe(expected);
  });
});

describe('formatDecimal and formatPercent', () => {
  it.each([
    ['1.5', 'fr', '1,5'],
    ['1.5', 'en', '1.5'],
    ['12345.25', 'fr', `12${NBSP}345,25`],
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
