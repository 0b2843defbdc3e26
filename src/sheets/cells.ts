/**
 * Cell values as users type them → typed values. Amounts come out as decimal strings (never
 * binary floats past this point), dates as calendar dates `YYYY-MM-DD` in the workbook's zone.
 * What is ambiguous is rejected with a reason rather than guessed.
 */
import { normalizeName } from './normalize';
import type { EnumValue } from './tabs';

export type CellValue = string | number | boolean | Date;

export type Parsed<T> = { ok: true; value: T } | { ok: false; fr: string; en: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (fr: string, en: string): Parsed<never> => ({ ok: false, fr, en });

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

/**
 * A spreadsheet number as a decimal string. Numbers typed into a sheet are short decimals; the
 * shortest round-trip representation (`String(n)`) gives back exactly what was typed.
 */
export function numberToDecimalString(n: number): string {
  if (!Number.isFinite(n)) return 'NaN';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(12).replace(/\.?0+$/, '');
}

const SPACES = /[\s\u00a0\u202f']/g;

/** `1 234,56`, `1234.56`, `1.234,56 €`, `-12,5` → decimal string; `1,234.5` style is refused. */
export function parseDecimalText(raw: string): Parsed<string> {
  let s = raw.trim().replace(/€|EUR/gi, '').replace(SPACES, '');
  if (s === '') return bad('nombre attendu', 'number expected');
  let sign = '';
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? '-' : '';
    s = s.slice(1);
  }
  const commas = (s.match(/,/g) ?? []).length;
  const dots = (s.match(/\./g) ?? []).length;
  if (commas > 0 && dots > 0) {
    // Only the French style "1.234,56" (dots grouping thousands, one decimal comma) is clear.
    if (commas === 1 && /^\d{1,3}(\.\d{3})+,\d+$/.test(s))
      s = s.replace(/\./g, '').replace(',', '.');
    else return bad(`nombre ambigu : « ${raw} »`, `ambiguous number: "${raw}"`);
  } else if (commas === 1) {
    s = s.replace(',', '.');
  } else if (commas > 1 || dots > 1) {
    return bad(`nombre ambigu : « ${raw} »`, `ambiguous number: "${raw}"`);
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s))
    return bad(`nombre invalide : « ${raw} »`, `not a number: "${raw}"`);
  const [int = '0', frac = ''] = s.split('.');
  const intPart = int.replace(/^0+(?=\d)/, '') || '0';
  const fracPart = frac.replace(/0+$/, '');
  const out = fracPart ? `${intPart}.${fracPart}` : intPart;
  return ok(out === '0' ? '0' : sign + out);
}

export function parseDecimal(v: CellValue): Parsed<string> {
  if (typeof v === 'number') {
    return Number.isFinite(v)
      ? ok(numberToDecimalString(v))
      : bad('nombre invalide', 'not a number');
  }
  if (typeof v === 'boolean' || isDateValue(v)) {
    return bad('nombre attendu', 'number expected');
  }
  return parseDecimalText(v);
}

export function parseInteger(v: CellValue): Parsed<number> {
  const d = parseDecimal(v);
  if (!d.ok) return d;
  if (!/^-?\d+$/.test(d.value)) return bad('nombre entier attendu', 'whole number expected');
  return ok(Number(d.value));
}

/**
 * A percentage in percent points ("20" for 20 %). Text `12,5 %` or `12,5`; a number cell below 1
 * is a fraction (a cell formatted as %: 0.2 → 20 %), above 1 is in points (20 → 20 %). Exactly 1
 * could be 1 % or 100 %: refused.
 */
export function parsePercent(v: CellValue): Parsed<string> {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return bad('pourcentage invalide', 'invalid percentage');
    if (v === 1)
      return bad(
        'pourcentage ambigu : écrivez 1 % ou 100 %',
        'ambiguous percentage: write 1 % or 100 %',
      );
    if (v < 1) return ok(shiftDecimal(numberToDecimalString(v), 2));
    return ok(numberToDecimalString(v));
  }
  if (typeof v !== 'string') return bad('pourcentage attendu', 'percentage expected');
  const d = parseDecimalText(v.replace('%', ''));
  if (!d.ok) return d;
  if (d.value.startsWith('-')) return bad('pourcentage invalide', 'invalid percentage');
  return d;
}

/** Multiply a decimal string by 10^places without floating point. */
export function shiftDecimal(s: string, places: number): string {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [int = '0', frac = ''] = body.split('.');
  const digits = int + frac.padEnd(places, '0');
  const point = int.length + places;
  const i = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const f = digits.slice(point).replace(/0+$/, '');
  const out = f ? `${i}.${f}` : i;
  return neg && out !== '0' ? `-${out}` : out;
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

/** The calendar date a Date cell shows in the workbook's time zone. */
export function calendarDateOf(d: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `05/11/2026`, `5/11/2026`, `2026-11-05`, `5 nov. 2026`, `5 novembre 2026`, `Nov 5, 2026`. */
export function parseDateText(raw: string): Parsed<string> {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (m) return checked(Number(m[3]), Number(m[2]), Number(m[1]), raw);
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
  return bad(
    `date invalide : « ${raw} » (attendu JJ/MM/AAAA)`,
    `invalid date: "${raw}" (expected DD/MM/YYYY)`,
  );
}

function checked(y: number, m: number, d: number, raw: string): Parsed<string> {
  if (!validDate(y, m, d)) return bad(`date inexistante : « ${raw} »`, `no such date: "${raw}"`);
  return ok(iso(y, m, d));
}

export function parseDate(v: CellValue, timeZone: string): Parsed<string> {
  if (isDateValue(v)) {
    if (Number.isNaN(v.getTime())) return bad('date invalide', 'invalid date');
    return ok(calendarDateOf(v, timeZone));
  }
  if (typeof v === 'string') return parseDateText(v);
  return bad(`date attendue, lu « ${String(v)} »`, `date expected, found "${String(v)}"`);
}

/** `2026-11`, `11/2026`, `novembre 2026`, or a date cell (its month). */
export function parseMonth(v: CellValue, timeZone: string): Parsed<string> {
  if (isDateValue(v)) return ok(calendarDateOf(v, timeZone).slice(0, 7));
  const s = String(v).trim();
  let m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return ok(`${m[1]}-${m[2]?.padStart(2, '0')}`);
  m = /^(\d{1,2})[/.](\d{4})$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return ok(`${m[2]}-${m[1]?.padStart(2, '0')}`);
  m = /^([A-Za-zÀ-ÿ]+)\.?\s+(\d{4})$/.exec(s);
  const month = m ? monthFromName(m[1] ?? '') : undefined;
  if (m && month) return ok(`${m[2]}-${String(month).padStart(2, '0')}`);
  const d = parseDateText(s);
  if (d.ok) return ok(d.value.slice(0, 7));
  return bad(
    `mois invalide : « ${s} » (attendu AAAA-MM)`,
    `invalid month: "${s}" (expected YYYY-MM)`,
  );
}

export function parseEnum(v: CellValue, values: readonly EnumValue[]): Parsed<string> {
  const n = normalizeName(asText(v));
  for (const e of values) {
    const names = [e.code, e.fr, e.en, ...(e.aliases ?? [])].map(normalizeName);
    if (names.includes(n)) return ok(e.code);
  }
  const list = values.map((e) => e.fr).join(', ');
  const listEn = values.map((e) => e.en).join(', ');
  return bad(
    `valeur inconnue : « ${asText(v)} » (attendu : ${list})`,
    `unknown value: "${asText(v)}" (expected: ${listEn})`,
  );
}

export function parseBool(v: CellValue): Parsed<boolean> {
  if (typeof v === 'boolean') return ok(v);
  const n = normalizeName(asText(v));
  if (['oui', 'yes', 'vrai', 'true', '1', 'o', 'y'].includes(n)) return ok(true);
  if (['non', 'no', 'faux', 'false', '0', 'n'].includes(n)) return ok(false);
  return bad(`oui ou non attendu, lu « ${asText(v)} »`, `yes or no expected, found "${asText(v)}"`);
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[A-Za-z]{2,}$/;

export function parseEmails(v: CellValue): Parsed<string[]> {
  const list = asText(v)
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const wrong = list.find((s) => !EMAIL.test(s));
  if (wrong !== undefined)
    return bad(`adresse email invalide : « ${wrong} »`, `invalid email address: "${wrong}"`);
  return ok(list);
}

export function isValidEmail(s: string): boolean {
  return EMAIL.test(s);
}
