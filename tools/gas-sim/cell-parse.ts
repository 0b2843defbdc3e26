/**
 * How Google Sheets types text that a user enters (USER_ENTERED): what `setValue(s)` and
 * `appendRow` do with strings, and what a CSV import does with every field. One function, so
 * that the two cannot drift apart.
 *
 * Rules, for the workbook's locale (fr_FR examples):
 * - `'` first: the rest is text, the apostrophe is not part of the value (`'0612` → `0612`).
 * - `=` first (and more after it): a formula.
 * - `+`, `-` or `@` first and not a number: read as a formula too. Sheets does so for `+` and
 *   `-` (`+33 6…` becomes a broken formula); for `@` we are stricter than Sheets, like the
 *   spreadsheet programs that open exported CSV files, so that unescaped text is caught.
 * - `VRAI`/`FAUX` (locale words) and `TRUE`/`FALSE`, any case: booleans.
 * - numbers in the locale's notation: `1 234,56`, `-3,5`, `0612` (→ 612: leading zeros are
 *   lost, as in Sheets, unless the text is quoted with `'`), `12,5 %` (→ 0.125), `12,50 €`.
 * - dates and times: `05/11/2026`, `5/11/26`, `2026-11-05`, `11/2026`, `2026-11`, `05/11`
 *   (current year), `05/11/2026 14:30`, `14:30` (a time of day on 1899-12-30).
 * - anything else: text as given.
 * Typed numbers and dates come with the number format Sheets would give them.
 */
import { isValidCalendarDate, zonedToEpoch } from './time';
import type { LocaleInfo } from './locale';

export type CellValue = string | number | boolean | Date;

export interface ParsedInput {
  value: CellValue;
  /** Set when the text is a formula (`=…`); `value` is then what the formula shows. */
  formula?: string;
  /** The format Sheets applies to a cell that had none. */
  numberFormat?: string;
}

export interface ParseOptions {
  locale: LocaleInfo;
  timeZone: string;
  /** Year used for dates typed without one (`05/11`). */
  currentYear: number;
}

/** Sheets' limit on the text of one cell. */
export const MAX_CELL_CHARS = 50_000;

export function parseUserEntered(text: string, opts: ParseOptions): ParsedInput {
  if (text === '') return { value: '' };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) {
    return { value: evaluateFormula(text), formula: text };
  }
  const trimmed = text.trim();
  const bool = parseBoolean(trimmed, opts.locale);
  if (bool !== null) return { value: bool };
  const num = parseLocaleNumber(trimmed, opts.locale);
  if (num) return num;
  const date = parseLocaleDate(trimmed, opts);
  if (date) return date;
  if (/^[+\-@]./s.test(text)) {
    const formula = text.startsWith('@') ? `=${text.slice(1)}` : `=${text}`;
    return { value: '#NAME?', formula };
  }
  return { value: text };
}

function parseBoolean(s: string, locale: LocaleInfo): boolean | null {
  const u = s.toUpperCase();
  if (u === 'TRUE' || u === locale.trueWord) return true;
  if (u === 'FALSE' || u === locale.falseWord) return false;
  return null;
}

const CURRENCIES = ['€', '$', '£', 'CHF'];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A number in the locale's notation, with its format; null when the text is not one. */
export function parseLocaleNumber(input: string, locale: LocaleInfo): ParsedInput | null {
  let s = input;
  let negative = false;
  let percent = false;
  let currency: { symbol: string; prefix: boolean } | null = null;
  const SP = '[ \\u00a0\\u202f]*';

  const sign = /^([+-])/.exec(s);
  if (sign) {
    negative = sign[1] === '-';
    s = s.slice(1);
  }
  for (const sym of CURRENCIES) {
    const pre = new RegExp(`^${escapeRe(sym)}${SP}`).exec(s);
    if (pre) {
      currency = { symbol: sym, prefix: true };
      s = s.slice(pre[0].length);
      break;
    }
    const post = new RegExp(`${SP}${escapeRe(sym)}$`).exec(s);
    if (post) {
      currency = { symbol: sym, prefix: false };
      s = s.slice(0, s.length - post[0].length);
      break;
    }
  }
  if (!sign && currency?.prefix) {
    const sign2 = /^([+-])/.exec(s);
    if (sign2) {
      negative = sign2[1] === '-';
      s = s.slice(1);
    }
  }
  const pct = new RegExp(`${SP}%$`).exec(s);
  if (pct && !currency) {
    percent = true;
    s = s.slice(0, s.length - pct[0].length);
  }

  const D = escapeRe(locale.decimal);
  const G = `[${locale.groupInputs.map(escapeRe).join('')}]`;
  let intDigits: string;
  let fracDigits: string;
  let grouped = false;
  let exponent = 0;
  let scientific = false;
  const groupedRe = new RegExp(`^(\\d{1,3}(?:${G}\\d{3})+)(?:${D}(\\d+))?$`);
  const plainRe = new RegExp(`^(\\d*)(?:${D}(\\d*))?$`);
  const sciRe = new RegExp(`^(\\d+)(?:${D}(\\d+))?[eE]([+-]?\\d+)$`);
  let m = groupedRe.exec(s);
  if (m) {
    grouped = true;
    intDigits = (m[1] ?? '').replace(new RegExp(G, 'g'), '');
    fracDigits = m[2] ?? '';
  } else if ((m = sciRe.exec(s)) && !percent && !currency) {
    scientific = true;
    intDigits = m[1] ?? '';
    fracDigits = m[2] ?? '';
    exponent = Number(m[3]);
  } else if ((m = plainRe.exec(s))) {
    intDigits = m[1] ?? '';
    fracDigits = m[2] ?? '';
    if (intDigits === '' && fracDigits === '') return null;
    // `5,` is a number in Sheets, `,` alone is not; `5,` with no digits after keeps 5.
  } else {
    return null;
  }
  let value = Number(`${intDigits || '0'}.${fracDigits || '0'}`);
  if (scientific) value = Number(`${intDigits}.${fracDigits || '0'}e${exponent}`);
  if (!Number.isFinite(value)) return null;
  if (negative) value = -value;
  if (percent) value = value / 100;
  value = Number(value.toPrecision(15));

  const decimals = fracDigits.length;
  const frac = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  let numberFormat: string | undefined;
  if (percent) numberFormat = decimals > 0 ? `0${frac}%` : '0%';
  else if (currency) {
    const body = `#,##0${decimals > 0 ? frac : '.00'}`;
    numberFormat = currency.prefix
      ? `[$${currency.symbol}]${body}`
      : `${body} [$${currency.symbol}]`;
  } else if (scientific) numberFormat = '0.00E+00';
  else if (grouped) numberFormat = `#,##0${frac}`;
  return numberFormat === undefined ? { value } : { value, numberFormat };
}

interface DateHit {
  y: number;
  mo: number;
  d: number;
  format: string;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  // Two-digit years: 00–29 → 2000s, 30–99 → 1900s (Sheets' pivot).
  return n < 30 ? 2000 + n : 1900 + n;
}

function parseDatePart(s: string, opts: ParseOptions): DateHit | null {
  const { locale } = opts;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), format: 'yyyy-MM-dd' };
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return { y: Number(m[1]), mo: Number(m[2]), d: 1, format: 'yyyy-MM' };
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = fullYear(m[4] ?? '');
    if (locale.dateOrder === 'MDY') return { y, mo: a, d: b, format: locale.dateFormat };
    return { y, mo: b, d: a, format: locale.dateFormat };
  }
  m = /^(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return { y: Number(m[2]), mo: Number(m[1]), d: 1, format: 'MM/yyyy' };
  m = /^(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const format = locale.dateOrder === 'MDY' ? 'M/d' : 'dd/MM';
    if (locale.dateOrder === 'MDY') return { y: opts.currentYear, mo: a, d: b, format };
    return { y: opts.currentYear, mo: b, d: a, format };
  }
  return null;
}

function parseTimePart(s: string): { h: number; mi: number; sec: number } | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const sec = Number(m[3] ?? '0');
  if (h > 23 || mi > 59 || sec > 59) return null;
  return { h, mi, sec };
}

/** A date, date-time or time in the locale's notation; null when the text is not one. */
export function parseLocaleDate(s: string, opts: ParseOptions): ParsedInput | null {
  const tz = opts.timeZone;
  const time = parseTimePart(s);
  if (time) {
    const ms = zonedToEpoch(tz, 1899, 12, 30, time.h, time.mi, time.sec);
    return { value: new Date(ms), numberFormat: opts.locale.timeFormat };
  }
  const space = s.indexOf(' ');
  const datePart = space > 0 ? s.slice(0, space) : s;
  const timePart = space > 0 ? s.slice(space + 1).trim() : null;
  const hit = parseDatePart(datePart, opts);
  if (!hit || !isValidCalendarDate(hit.y, hit.mo, hit.d)) return null;
  if (timePart !== null) {
    const t = parseTimePart(timePart);
    if (!t) return null;
    const ms = zonedToEpoch(tz, hit.y, hit.mo, hit.d, t.h, t.mi, t.sec);
    const format =
      hit.format === opts.locale.dateFormat ? opts.locale.dateTimeFormat : `${hit.format} HH:mm:ss`;
    return { value: new Date(ms), numberFormat: format };
  }
  return { value: new Date(zonedToEpoch(tz, hit.y, hit.mo, hit.d)), numberFormat: hit.format };
}

/**
 * What a formula cell shows. The simulator does not compute spreadsheets: it knows literals
 * (`="text"`, `=12`) and `HYPERLINK(url; label)`, and shows `#NAME?` for anything else.
 */
export function evaluateFormula(formula: string): CellValue {
  const body = formula.slice(1).trim();
  const str = /^"((?:[^"]|"")*)"$/.exec(body);
  if (str) return (str[1] ?? '').replace(/""/g, '"');
  if (/^-?\d+(\.\d+)?$/.test(body)) return Number(body);
  const link = /^HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)$/i.exec(body);
  if (link) return (link[2] ?? link[1] ?? '').replace(/""/g, '"');
  return '#NAME?';
}
