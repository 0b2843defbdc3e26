/**
 * Amounts, quantities, percentages and dates written for people, in French or English.
 *
 * Written by hand rather than with `Intl.NumberFormat`, so that the output is the same in Apps
 * Script, in Node and in every ICU version, and so that nothing is rounded behind our back:
 * an amount is printed with all its decimals (at least two), round it first.
 *
 * Conventions chosen:
 * - French: `1 234,56 €`, `-1 234,56 €`, `5,5 %`, `05/11/2026`. Both the thousands separator and
 *   the space before `€` / `%` are U+00A0 NO-BREAK SPACE. French typography (and CLDR) prefers
 *   U+202F NARROW NO-BREAK SPACE for thousands, but U+202F is missing from the WinAnsi encoding
 *   of standard PDF fonts and from several Docs fonts, where it prints as a box; U+00A0 is
 *   everywhere and still never breaks a line inside an amount.
 * - English: `€1,234.56`, `-€1,234.56`, `5.5%`, `5 Nov 2026` (day, abbreviated month, year: not
 *   `05/11/2026`, which British and American readers read differently).
 * - The minus sign is ASCII `-` (U+2212 is also missing from WinAnsi).
 */
import { dateParts, type CalendarDate } from './dates';
import { Dec, dec, type DecimalString } from './decimal';
import type { Language } from './language';
import type { Money } from './money';

/** U+00A0 NO-BREAK SPACE, used as the French thousands separator and before `€` and `%`. */
export const NBSP = '\u00a0';

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  EUR: '€',
  USD: '$',
  GBP: '£',
};

const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

function groupThousands(integerDigits: string, separator: string): string {
  let out = '';
  for (let i = 0; i < integerDigits.length; i++) {
    if (i > 0 && (integerDigits.length - i) % 3 === 0) out += separator;
    out += integerDigits.charAt(i);
  }
  return out;
}

/** Writes |value| with `minDecimals` to all of its decimals, grouped, in the language's style. */
function formatMagnitude(value: Dec, language: Language, minDecimals: number): string {
  const decimals = Math.max(minDecimals, value.decimalPlaces());
  const fixed = value.abs().toFixed(decimals);
  const [integerPart = '0', fraction] = fixed.split('.');
  const grouped = groupThousands(integerPart, language === 'fr' ? NBSP : ',');
  if (fraction === undefined) return grouped;
  return `${grouped}${language === 'fr' ? ',' : '.'}${fraction}`;
}

function sign(value: Dec): string {
  return value.isNegative() && !value.isZero() ? '-' : '';
}

export interface MoneyFormatOptions {
  /** Minimum number of decimals (2 by default); an amount with more decimals shows them all. */
  readonly minDecimals?: number;
}

/** `1 234,56 €` (fr) or `€1,234.56` (en); other currencies without a symbol use their code. */
export function formatMoney(
  amount: Money,
  language: Language,
  currency = 'EUR',
  options: MoneyFormatOptions = {},
): string {
  const value = amount.toDecimal();
  const magnitude = formatMagnitude(value, language, options.minDecimals ?? 2);
  const symbol = CURRENCY_SYMBOLS[currency];
  if (language === 'fr') return `${sign(value)}${magnitude}${NBSP}${symbol ?? currency}`;
  if (symbol !== undefined) return `${sign(value)}${symbol}${magnitude}`;
  return `${sign(value)}${currency}${NBSP}${magnitude}`;
}

/** A plain number (quantity, days): `1 234,5` (fr) or `1,234.5` (en), all decimals kept. */
export function formatDecimal(value: DecimalString, language: Language, minDecimals = 0): string {
  const d = dec(value);
  return `${sign(d)}${formatMagnitude(d, language, minDecimals)}`;
}

/** A percentage given in percent: `'5.5'` → `5,5 %` (fr) or `5.5%` (en). */
export function formatPercent(percent: DecimalString, language: Language): string {
  const text = formatDecimal(percent, language);
  return language === 'fr' ? `${text}${NBSP}%` : `${text}%`;
}

/** `05/11/2026` (fr) or `5 Nov 2026` (en). */
export function formatDate(date: CalendarDate, language: Language): string {
  const { year, month, day } = dateParts(date);
  if (language === 'fr') {
    return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
  }
  return `${day} ${EN_MONTHS[month - 1] ?? ''} ${year}`;
}
