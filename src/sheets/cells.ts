/**
 * Cell values as users type them → typed values. Amounts come out as decimal strings (never
 * binary floats past this point), dates as calendar dates `YYYY-MM-DD` in the workbook's zone.
 * What is ambiguous is rejected with a reason rather than guessed.
 *
 * A cell reaches us as Sheets typed it: a number, a Date, a boolean, or text when Sheets did not
 * recognise what was typed (or the user forced text with a leading apostrophe). Text is read in
 * the workbook's language: in French the decimal separator is the comma, in English the dot.
 */
import { msg, type Message } from '../texts';
import { normalizeName } from './normalize';
import type { EnumValue, Lang } from './tabs';

export type CellValue = string | number | boolean | Date;

/** A value read, or why it is refused (a message of the catalogue). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; why: Message };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (why: Message): Parsed<never> => ({ ok: false, why });

export function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

export function isEmpty(v: unknown): boolean {
  return v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function asText(v: CellValue): string {
  if (isDateValue(v)) return v.toISOString();
  return String(v).trim();
}

/** Text that Sheets would have taken for a formula had it not been stored as text. */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@]/.test(s.trim());
}

/**
 * A spreadsheet number as a decimal string. Numbers typed into a sheet are short decimals; a
 * computed cell may carry binary noise (`0.1 + 0.2`), which Sheets hides by showing at most 15
 * significant digits: so do we.
 */
export function numberToDecimalString(n: number): string {
  if (!Number.isFinite(n)) return 'NaN';
  // A number whose shortest writing has at most 15 significant digits is that writing (the
  // common case: what was typed); only longer ones are cut to 15 digits as Sheets shows them.
  const shortest = String(n);
  if (!shortest.includes('e') && significantDigits(shortest) <= 15) return shortest;
  const s = String(Number(n.toPrecision(15)));
  if (!s.includes('e')) return s;
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  return (m[1] ?? '') + shiftDecimal(`${m[2] ?? '0'}.${m[3] ?? ''}`, Number(m[4]));
}

/** Significant digits of a plain number text (`-0.0012` → 2, `120` → 3, `0` → 0). */
function significantDigits(s: string): number {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (first < 0 && c === 48) continue;
    if (first < 0) first = i;
    count++;
    if (c !== 48) last = count;
  }
  // Trailing zeros of a whole number count (String(n) never ends a fraction with 0).
  return s.includes('.') ? count : first < 0 ? 0 : Math.max(last, count);
}

/** Multiply a decimal string by 10^places (places may be negative) without floating point. */
export function shiftDecimal(s: string, places: number): string {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [int = '0', frac = ''] = body.split('.');
  let digits = int + frac;
  let point = int.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const i = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const f = digits.slice(point).replace(/0+$/, '');
  const out = f ? `${i}.${f}` : i;
  return neg && out !== '0' ? `-${out}` : out;
}

/** Digits with optional thousands groups separated by (narrow) spaces or apostrophes. */
const SPACE_GROUPED = /^\d{1,3}(?:[ \u00a0\u202f']\d{3})+$/;

function canonical(sign: string, int: string, frac: string): string {
  const i = int.replace(/^0+(?=\d)/, '') || '0';
  const f = frac.replace(/0+$/, '');
  const out = f ? `${i}.${f}` : i;
  return out === '0' ? '0' : sign + out;
}

// Messages built only when a cell is refused: most cells are read without one.
const invalidNumber = (raw: string): Parsed<never> => bad(msg('cell.not-a-number', { raw }));
const ambiguousNumber = (raw: string): Parsed<never> => bad(msg('cell.ambiguous-number', { raw }));

/**
 * Number text → decimal string: `1 234,56`, `1234.56`, `-12,5`, `1.234,56 €`, `12 EUR`.
 * In French `1.234` (a lone dot before three digits) could be a thousands separator and is
 * refused; in English the same goes for `1,234`. A formula-looking text (`=A1`, `@x`) is not a
 * number. English grouping (`1,234.5`) is read in an English workbook only, French grouping
 * (`1.234,5`) in a French one.
 */
export function parseDecimalText(raw: string, lang: Lang = 'fr'): Parsed<string> {
  let s = raw
    .trim()
    .replace(/^(?:€|EUR)\s*/i, '')
    .replace(/\s*(?:€|EUR)$/i, '');
  if (s === '') return bad(msg('cell.number-expected'));
  let sign = '';
  if (/^[-+\u2212]/.test(s)) {
    sign = s.startsWith('+') ? '' : '-';
    s = s.slice(1).trimStart();
  }
  if (!/^[\d.,]/.test(s)) return invalidNumber(raw);
  const m = /^([\d \u00a0\u202f'.,]*?)(?:([.,])(\d*))?$/.exec(s);
  if (!m) return invalidNumber(raw);
  let int = m[1] ?? '';
  const sep = m[2];
  const frac = m[3] ?? '';
  // Integer part: plain digits, space groups, or groups by the other separator.
  if (/^\d*$/.test(int)) {
    if (sep !== undefined && int === '' && frac === '') return invalidNumber(raw);
    const foreign = lang === 'fr' ? '.' : ',';
    if (sep === foreign && frac.length === 3 && /^[1-9]\d{0,2}$/.test(int))
      return ambiguousNumber(raw);
    return ok(canonical(sign, int, frac));
  }
  if (SPACE_GROUPED.test(int)) {
    int = int.replace(/[ \u00a0\u202f']/g, '');
    return ok(canonical(sign, int, frac));
  }
  // Groups by dots (French) or commas (English); the decimal separator is then the other one.
  const groupSep = lang === 'fr' ? '.' : ',';
  const groups = new RegExp(`^\\d{1,3}(?:\\${groupSep}\\d{3})+$`);
  const whole = sep === undefined ? int : `${int}${sep}${frac}`;
  if (groups.test(whole)) return ok(canonical(sign, whole.split(groupSep).join(''), ''));
  if (sep !== undefined && sep !== groupSep && groups.test(int)) {
    return ok(canonical(sign, int.split(groupSep).join(''), frac));
  }
  if (/^[\d.,]+$/.test(whole)) return ambiguousNumber(raw);
  return invalidNumber(raw);
}

export function parseDecimal(v: CellValue, lang: Lang = 'fr'): Parsed<string> {
  if (typeof v === 'number') {
    return Number.isFinite(v) ? ok(numberToDecimalString(v)) : bad(msg('cell.invalid-number'));
  }
  if (typeof v === 'boolean' || isDateValue(v)) {
    return bad(msg('cell.number-expected-found', { found: shown(v) }));
  }
  return parseDecimalText(v, lang);
}

export function parseInteger(v: CellValue, lang: Lang = 'fr'): Parsed<number> {
  const d = parseDecimal(v, lang);
  if (!d.ok) return d;
  if (!/^-?\d+$/.test(d.value)) return bad(msg('cell.whole-number-expected'));
  const n = Number(d.value);
  if (!Number.isSafeInteger(n)) return bad(msg('cell.number-too-large'));
  return ok(n);
}

/**
 * A number cell formatted as a percentage, as the user sees it: Sheets stores `300 %` as 3 and
 * `100 %` as 1 (https://developers.google.com/sheets/api/guides/formats: percent patterns
 * multiply the value by 100); the text is parsed like a typed `300 %`.
 */
export function shownPercent(v: number, lang: Lang): string {
  const points = shiftDecimal(numberToDecimalString(v), 2);
  return `${lang === 'fr' ? points.replace('.', ',') : points} %`;
}

const outOfRange = (raw: string): Parsed<never> => bad(msg('cell.percent-out-of-range', { raw }));

/**
 * A percentage in percent points ("20" for 20 %), between 0 and 100. Text `12,5 %` or `12,5`;
 * a number cell below 1 is a fraction (a cell formatted as %: 0.2 → 20 %), above 1 is in points
 * (20 → 20 %). Exactly 1 could be 1 % or 100 %: refused.
 */
export function parsePercent(v: CellValue, lang: Lang = 'fr'): Parsed<string> {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return outOfRange(String(v));
    if (v === 1) return bad(msg('cell.ambiguous-percent'));
    const points = v < 1 ? shiftDecimal(numberToDecimalString(v), 2) : numberToDecimalString(v);
    return v > 100 ? outOfRange(String(v)) : ok(points);
  }
  if (typeof v !== 'string') {
    return bad(msg('cell.percent-expected-found', { found: shown(v) }));
  }
  const d = parseDecimalText(v.trim().replace(/\s*%$/, ''), lang);
  if (!d.ok) return d;
  if (d.value.startsWith('-') || isAbove(d.value, 100)) return outOfRange(v.trim());
  return d;
}

/**
 * A financer's coverage: a share (`70 %`, or a number cell below 1 formatted as a percentage) →
 * `'70%'`; an amount HT (`700`, `1 250,50 €`) → `'1250.5'`. A bare 1 could be 1 € or 100 %:
 * refused; an amount finer than a cent is refused.
 */
export function parseCoverage(v: CellValue, lang: Lang = 'fr'): Parsed<string> {
  const text = typeof v === 'string' ? v.trim() : '';
  if (text.endsWith('%')) {
    const p = parsePercent(text, lang);
    return p.ok ? ok(`${p.value}%`) : p;
  }
  const d = parseDecimal(v, lang);
  if (!d.ok) return d;
  if (d.value.startsWith('-')) return bad(msg('cell.negative-coverage', { found: shown(v) }));
  if (d.value === '1') return bad(msg('cell.ambiguous-coverage'));
  if (typeof v === 'number' && v > 0 && v < 1) return ok(`${shiftDecimal(d.value, 2)}%`);
  if ((d.value.split('.')[1] ?? '').length > 2)
    return bad(msg('cell.coverage-below-cent', { found: shown(v) }));
  return d;
}

/** a > limit for a non-negative decimal string a and a whole number limit. */
function isAbove(a: string, limit: number): boolean {
  const [int = '0', frac = ''] = a.split('.');
  const n = Number(int);
  return n > limit || (n === limit && /[1-9]/.test(frac));
}

const FR_MONTHS: Record<string, number> = {
  janv: 1,
  janvier: 1,
  fevr: 2,
  fev: 2,
  fevrier: 2,
  mars: 3,
  avr: 4,
  avril: 4,
  mai: 5,
  juin: 6,
  juil: 7,
  juillet: 7,
  aout: 8,
  sept: 9,
  septembre: 9,
  oct: 10,
  octobre: 10,
  nov: 11,
  novembre: 11,
  dec: 12,
  decembre: 12,
};
const EN_MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

function monthFromName(name: string): number | undefined {
  const n = normalizeName(name);
  return FR_MONTHS[n] ?? EN_MONTHS[n];
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim && y >= 1900 && y <= 2200;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Building a formatter costs far more than using one: one per zone, made on first use. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(d: Date, timeZone: string): Record<string, string> {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(d);
  const out: Record<string, string> = {};
  for (const p of parts) out[p.type] = p.value;
  return out;
}

/** Calendar dates already worked out, per zone and instant: a column repeats its dates. */
const calendarDates = new Map<string, Map<number, string>>();

/** The calendar date a Date cell shows in the workbook's time zone. */
export function calendarDateOf(d: Date, timeZone: string): string {
  let cache = calendarDates.get(timeZone);
  if (!cache) {
    cache = new Map();
    calendarDates.set(timeZone, cache);
  }
  const t = d.getTime();
  const known = cache.get(t);
  if (known !== undefined) return known;
  const p = zonedParts(d, timeZone);
  const out = `${p['year'] ?? ''}-${p['month'] ?? ''}-${p['day'] ?? ''}`;
  if (cache.size >= 20_000) cache.clear();
  cache.set(t, out);
  return out;
}

/** The wall-clock time a Date cell shows in the workbook's time zone: `YYYY-MM-DDTHH:MM:SS`. */
export function wallTimeOf(d: Date, timeZone: string): string {
  const p = zonedParts(d, timeZone);
  return `${calendarDateOf(d, timeZone)}T${p['hour'] ?? '00'}:${p['minute'] ?? '00'}:${p['second'] ?? '00'}`;
}

const badDate = (raw: string): Parsed<never> => bad(msg('cell.invalid-date-text', { raw }));

/**
 * `05/11/2026`, `5/11/2026`, `2026-11-05`, `5 nov. 2026`, `5 novembre 2026`, `Nov 5, 2026`.
 * Day before month in French. In an English workbook `05/11/2026` could be either order: it is
 * read only when one of the two cannot be a month (`25/11/2026`) or both are equal.
 */
export function parseDateText(raw: string, lang: Lang = 'fr'): Parsed<string> {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    if (lang === 'en' && first <= 12 && second <= 12 && first !== second) {
      return bad(msg('cell.ambiguous-date', { raw }));
    }
    if (lang === 'en' && first <= 12 && second > 12)
      return checked(Number(m[3]), first, second, raw);
    return checked(Number(m[3]), second, first, raw);
  }
  m = /^(\d{1,2})(?:er)?\s+([A-Za-zÀ-ÿ]+)\.?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = monthFromName(m[2] ?? '');
    if (month) return checked(Number(m[3]), month, Number(m[1]), raw);
  }
  m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = monthFromName(m[1] ?? '');
    if (month) return checked(Number(m[3]), month, Number(m[2]), raw);
  }
  return badDate(raw);
}

function checked(y: number, m: number, d: number, raw: string): Parsed<string> {
  if (!validDate(y, m, d)) return bad(msg('cell.no-such-date', { raw }));
  return ok(iso(y, m, d));
}

export function parseDate(v: CellValue, timeZone: string, lang: Lang = 'fr'): Parsed<string> {
  if (isDateValue(v)) {
    if (Number.isNaN(v.getTime())) return bad(msg('cell.invalid-date'));
    return ok(calendarDateOf(v, timeZone));
  }
  if (typeof v === 'string') return parseDateText(v, lang);
  return bad(msg('cell.date-expected-found', { found: shown(v) }));
}

/** `2026-11`, `11/2026`, `novembre 2026`, or a date cell (its month). */
export function parseMonth(v: CellValue, timeZone: string, lang: Lang = 'fr'): Parsed<string> {
  if (isDateValue(v)) {
    if (Number.isNaN(v.getTime())) return bad(msg('cell.invalid-month'));
    return ok(calendarDateOf(v, timeZone).slice(0, 7));
  }
  const s = String(v).trim();
  const monthOk = (y: number, mo: number) => mo >= 1 && mo <= 12 && y >= 1900 && y <= 2200;
  let m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m && monthOk(Number(m[1]), Number(m[2]))) return ok(`${m[1]}-${m[2]?.padStart(2, '0')}`);
  m = /^(\d{1,2})[/.](\d{4})$/.exec(s);
  if (m && monthOk(Number(m[2]), Number(m[1]))) return ok(`${m[2]}-${m[1]?.padStart(2, '0')}`);
  m = /^([A-Za-zÀ-ÿ]+)\.?\s+(\d{4})$/.exec(s);
  const month = m ? monthFromName(m[1] ?? '') : undefined;
  if (m && month && monthOk(Number(m[2]), month))
    return ok(`${m[2]}-${String(month).padStart(2, '0')}`);
  if (typeof v === 'string') {
    const d = parseDateText(s, lang);
    if (d.ok) return ok(d.value.slice(0, 7));
  }
  return bad(msg('cell.invalid-month-text', { raw: s }));
}

/**
 * A moment (emailed at, run time) as wall time in the workbook's zone, `YYYY-MM-DDTHH:MM:SS`:
 * a Date cell, or text `2026-12-05 08:15`, `05/12/2026 08:15:30`, or a date alone (midnight).
 */
export function parseDateTime(v: CellValue, timeZone: string, lang: Lang = 'fr'): Parsed<string> {
  if (isDateValue(v)) {
    if (Number.isNaN(v.getTime())) return bad(msg('cell.invalid-date'));
    return ok(wallTimeOf(v, timeZone));
  }
  if (typeof v !== 'string') return bad(msg('cell.date-expected-found', { found: shown(v) }));
  const m = /^(.+?)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v.trim());
  const date = parseDateText(m?.[1] ?? '', lang);
  if (!m || !date.ok) return date.ok ? badDate(v) : date;
  const h = Number(m[2] ?? 0);
  const min = Number(m[3] ?? 0);
  const sec = Number(m[4] ?? 0);
  if (h > 23 || min > 59 || sec > 59) return bad(msg('cell.invalid-time', { raw: v.trim() }));
  const two = (n: number) => String(n).padStart(2, '0');
  return ok(`${date.value}T${two(h)}:${two(min)}:${two(sec)}`);
}

/** Per list of enum values: each normalized name → the code of the first value that has it. */
const enumCodes = new WeakMap<readonly EnumValue[], Map<string, string>>();

function codesOf(values: readonly EnumValue[]): Map<string, string> {
  let codes = enumCodes.get(values);
  if (!codes) {
    codes = new Map();
    for (const e of values) {
      for (const name of [e.code, e.fr, e.en, ...(e.aliases ?? [])]) {
        const n = normalizeName(name);
        if (!codes.has(n)) codes.set(n, e.code);
      }
    }
    enumCodes.set(values, codes);
  }
  return codes;
}

/** Cell texts of enum columns already normalized: a column repeats a few values. */
const normalizedTexts = new Map<string, string>();

function normalizedText(text: string): string {
  let n = normalizedTexts.get(text);
  if (n === undefined) {
    n = normalizeName(text);
    if (normalizedTexts.size >= 10_000) normalizedTexts.clear();
    normalizedTexts.set(text, n);
  }
  return n;
}

export function parseEnum(v: CellValue, values: readonly EnumValue[]): Parsed<string> {
  const code = codesOf(values).get(normalizedText(asText(v)));
  if (code !== undefined) return ok(code);
  const expected = {
    fr: values.map((e) => e.fr).join(', '),
    en: values.map((e) => e.en).join(', '),
  };
  return bad(msg('cell.unknown-value', { found: shown(v), expected }));
}

export function parseBool(v: CellValue): Parsed<boolean> {
  if (typeof v === 'boolean') return ok(v);
  const n = normalizeName(asText(v));
  if (['oui', 'yes', 'vrai', 'true', '1', 'o', 'y'].includes(n)) return ok(true);
  if (['non', 'no', 'faux', 'false', '0', 'n'].includes(n)) return ok(false);
  return bad(msg('cell.yes-no-expected', { found: shown(v) }));
}

/**
 * An address MailApp takes: no space, no `<>(),;:"`, no brackets or backslash (MailApp refuses
 * `compta[1]@…` with "Invalid email"), a dot in the domain and a top-level domain of letters.
 */
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[A-Za-z]{2,}$/;

export function parseEmails(v: CellValue): Parsed<string[]> {
  const list = asText(v)
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const wrong = list.find((s) => !EMAIL.test(s));
  if (wrong !== undefined) return bad(msg('cell.invalid-email', { address: wrong }));
  return ok(list);
}

export function isValidEmail(s: string): boolean {
  return EMAIL.test(s);
}

/**
 * Free text, trimmed. A Date cell in a text column (Sheets turned `05/11` into a date) gives its
 * calendar date; a number gives its decimal form. Formula-looking text stays text: it can only
 * come from a text cell, Sheets having evaluated real formulas.
 */
export function parseText(v: CellValue, timeZone: string): Parsed<string> {
  if (isDateValue(v)) {
    return Number.isNaN(v.getTime())
      ? bad(msg('cell.invalid-date'))
      : ok(calendarDateOf(v, timeZone));
  }
  if (typeof v === 'number') return ok(numberToDecimalString(v));
  return ok(String(v).trim());
}

/** A code (client, provider, session reference): trimmed and upper-case, as codes are compared. */
export function parseCode(v: CellValue, timeZone: string): Parsed<string> {
  const t = parseText(v, timeZone);
  if (!t.ok) return t;
  if (/[\r\n\t]/.test(t.value)) return bad(msg('cell.multiline-code', { code: t.value }));
  return ok(t.value.toUpperCase());
}

/** A cell as messages show it: a boolean as the workbook's language writes it (`VRAI`). */
function shown(v: CellValue): string | Message {
  if (typeof v === 'boolean') return msg(v ? 'cell.true' : 'cell.false');
  return asText(v);
}
