/**
 * Amounts, quantities, percentages and dates written for people, in French or English.
 *
 * Written by hand rather than with `Intl.NumberFormat`, so that the output is the same in Apps
 * Script, in Node and in every ICU version, and so that nothing is rounded behind our back:
 * an amount is printed with all its decimals (at least two), round it first.
 *
 * Conventions chosen:
 * - French: `1 234,56 €`, `-1 234,56 €`, `5,5 %`, `05/11/2026`. The thousands separator is
 *   U+202F NARROW NO-BREAK SPACE, as French typography and CLDR write it; the space before `€`
 *   and `%` is U+00A0 NO-BREAK SPACE. Neither lets a line break inside an amount. (Arial, the
 *   Docs font of the invoice template, has both.)
 * - English: `€1,234.56`, `-€1,234.56`, `5.5%`, `5 Nov 2026` (day, abbreviated month, year, with
 *   no-break spaces: not `05/11/2026`, which British and American readers read differently).
 * - The minus sign is ASCII `-` (U+2212 is also missing from WinAnsi).
 */
import { dateParts, type CalendarDate } from './dates';
import { isDecimalString, type DecimalString } from './decimal';
import type { Language } from './language';
import type { Money } from './money';

/** U+00A0 NO-BREAK SPACE, before `€` and `%` in French, and before a French colon. */
export const NBSP = '\u00a0';

/** U+202F NARROW NO-BREAK SPACE, the French thousands separator. */
export const NNBSP = '\u202f';

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

/**
 * A plain decimal string taken apart: its sign (`-` unless zero), its integer digits without
 * leading zeros and its decimals without trailing zeros — what decimal.js keeps of it.
 */
function decimalParts(value: DecimalString): { sign: string; integer: string; fraction: string } {
  const negative = value.charCodeAt(0) === 45; // '-'
  const start = negative ? 1 : 0;
  const point = value.indexOf('.', start);
  const intEnd = point < 0 ? value.length : point;
  // Leading zeros dropped (one digit kept), trailing zeros of the decimals dropped.
  let from = start;
  while (from < intEnd - 1 && value.charCodeAt(from) === 48) from++;
  let to = value.length;
  if (point >= 0) while (to > point + 1 && value.charCodeAt(to - 1) === 48) to--;
  const integer = value.slice(from, intEnd);
  const fraction = point < 0 ? '' : value.slice(point + 1, to);
  const zero = integer === '0' && fraction === '';
  return { sign: negative && !zero ? '-' : '', integer, fraction };
}

/** The parts `decimalParts` gives of a whole number of cents, without writing it out first. */
function centParts(cents: number): { sign: string; integer: string; fraction: string } {
  const magnitude = Math.abs(cents);
  const rest = magnitude % 100;
  const fraction =
    rest === 0 ? '' : rest % 10 === 0 ? String(rest / 10) : String(rest).padStart(2, '0');
  return { sign: cents < 0 ? '-' : '', integer: String((magnitude - rest) / 100), fraction };
}

/** Writes |value| with `minDecimals` to all of its decimals, grouped, in the language's style. */
function magnitudeOf(
  { integer, fraction }: { integer: string; fraction: string },
  language: Language,
  minDecimals: number,
): string {
  const grouped = groupThousands(integer, language === 'fr' ? NNBSP : ',');
  const decimals = Math.max(minDecimals, fraction.length);
  if (decimals === 0) return grouped;
  return `${grouped}${language === 'fr' ? ',' : '.'}${fraction.padEnd(decimals, '0')}`;
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
  const cents = (options.minDecimals ?? 2) === 2 ? amount.centsIfWhole() : null;
  const parts = cents === null ? decimalParts(amount.toString()) : centParts(cents);
  const magnitude = magnitudeOf(parts, language, options.minDecimals ?? 2);
  const symbol = CURRENCY_SYMBOLS[currency];
  if (language === 'fr') return `${parts.sign}${magnitude}${NBSP}${symbol ?? currency}`;
  if (symbol !== undefined) return `${parts.sign}${symbol}${magnitude}`;
  return `${parts.sign}${currency}${NBSP}${magnitude}`;
}

/** A plain number (quantity, days): `1 234,5` (fr) or `1,234.5` (en), all decimals kept. */
export function formatDecimal(value: DecimalString, language: Language, minDecimals = 0): string {
  if (!isDecimalString(value)) throw new RangeError(`Not a plain decimal string: "${value}"`);
  const parts = decimalParts(value);
  return `${parts.sign}${magnitudeOf(parts, language, minDecimals)}`;
}

/** A percentage given in percent: `'5.5'` → `5,5 %` (fr) or `5.5%` (en). */
export function formatPercent(percent: DecimalString, language: Language): string {
  const text = formatDecimal(percent, language);
  return language === 'fr' ? `${text}${NBSP}%` : `${text}%`;
}

/** `05/11/2026` (fr) or `5 Nov 2026` (en, with no-break spaces: a date never breaks). */
export function formatDate(date: CalendarDate, language: Language): string {
  const { year, month, day } = dateParts(date);
  if (language === 'fr') {
    return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
  }
  return `${day}${NBSP}${EN_MONTHS[month - 1] ?? ''}${NBSP}${year}`;
}
