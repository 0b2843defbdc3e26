/**
 * What `getDisplayValues` shows: a cell's value through its number format, in the spreadsheet's
 * locale and time zone. Supports the patterns a workbook commonly uses — `0`, `0.00`,
 * `#,##0.00`, currency (`#,##0.00 [$€]`, `#,##0.00 "€"`, `#,##0.00 €`), `0%`, `0.00%`, dates and
 * times (`dd/MM/yyyy`, `yyyy-MM-dd`, `dd/mm/yyyy hh:mm`, month and day names), `@` — with up to
 * four `;` sections. Format patterns use Sheets' syntax (`,` groups and `.` is the decimal point
 * whatever the locale); the rendered separators are the locale's (fr_FR: `1 234,56` with U+202F).
 */
import type { CellValue } from './cell-parse';
import type { LocaleInfo } from './locale';
import { dateMs, fromSerial, isDateLike, toSerial, zonedParts } from './time';

/** What Apps Script reports as the number format of a cell nobody formatted. */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

type Token =
  | { t: 'lit'; s: string }
  | { t: 'num'; s: string }
  | { t: 'text' }
  | { t: 'percent' }
  | { t: 'date'; s: string };

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i] ?? '';
    if (ch === '\\' && !quoted) {
      cur += ch + (fmt[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"' && !bracket) quoted = !quoted;
    else if (ch === '[' && !quoted) bracket = true;
    else if (ch === ']' && !quoted) bracket = false;
    if (ch === ';' && !quoted && !bracket) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

const DATE_LETTERS = /[ydhsmDHSMY]/;

function tokenize(section: string, asDate: boolean): Token[] {
  const tokens: Token[] = [];
  const lit = (s: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.t === 'lit') last.s += s;
    else tokens.push({ t: 'lit', s });
  };
  let i = 0;
  while (i < section.length) {
    const ch = section[i] ?? '';
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      lit(section.slice(i + 1, stop));
      i = stop + 1;
    } else if (ch === '\\') {
      lit(section[i + 1] ?? '');
      i += 2;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      if (inner.startsWith('$')) lit(inner.slice(1).split('-')[0] ?? '');
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '_') {
      lit(' ');
      i += 2;
    } else if (ch === '*') {
      i += 2;
    } else if (ch === '@') {
      tokens.push({ t: 'text' });
      i++;
    } else if (ch === '%') {
      tokens.push({ t: 'percent' });
      i++;
    } else if (asDate && /^(AM\/PM|am\/pm|A\/P|a\/p)/.test(section.slice(i))) {
      const m = /^(AM\/PM|am\/pm|A\/P|a\/p)/.exec(section.slice(i));
      const s = m?.[0] ?? '';
      tokens.push({ t: 'date', s });
      i += s.length;
    } else if (asDate && DATE_LETTERS.test(ch)) {
      let j = i;
      while (j < section.length && (section[j] ?? '').toLowerCase() === ch.toLowerCase()) j++;
      let s = section.slice(i, j);
      // Fractions of a second: `ss.000`.
      if (/^s+$/i.test(s)) {
        const frac = /^\.0+/.exec(section.slice(j));
        if (frac) {
          s += frac[0];
          j += frac[0].length;
        }
      }
      tokens.push({ t: 'date', s });
      i = j;
    } else if (!asDate && /[0#?]/.test(ch)) {
      let j = i;
      while (j < section.length && /[0#?,.]/.test(section[j] ?? '')) j++;
      if (/^[eE][+-]0+/.test(section.slice(j))) {
        const m = /^[eE][+-]0+/.exec(section.slice(j));
        j += m?.[0].length ?? 0;
      }
      tokens.push({ t: 'num', s: section.slice(i, j) });
      i = j;
    } else if (!asDate && ch === '.' && /^\.[0#?]/.test(section.slice(i))) {
      let j = i;
      while (j < section.length && /[0#?,.]/.test(section[j] ?? '')) j++;
      tokens.push({ t: 'num', s: section.slice(i, j) });
      i = j;
    } else {
      lit(ch);
      i++;
    }
  }
  return tokens;
}

function stripLiterals(section: string): string {
  return section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const s = stripLiterals(splitSections(fmt)[0] ?? '');
  if (/[#?]/.test(s)) return false;
  if (/0/.test(s.replace(/\.0+/g, ''))) return false;
  return /[ydhsm]/i.test(s.replace(/AM\/PM|A\/P/gi, '').replace(/E[+-]/g, ''));
}

function isAutomatic(fmt: string | undefined): boolean {
  return fmt === undefined || fmt === '' || fmt === 'General' || fmt === DEFAULT_NUMBER_FORMAT;
}

/** Decimal string of x ≥ 0 rounded half-up to `decimals` places, from its 15 significant digits. */
export function roundHalfUp(x: number, decimals: number): string {
  const [mant = '0', expStr = '0'] = x.toExponential(14).split('e');
  const digits = mant.replace('.', '');
  const point = Number(expStr) + 1;
  let intPart: string;
  let fracPart: string;
  if (point <= 0) {
    intPart = '0';
    fracPart = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    intPart = digits + '0'.repeat(point - digits.length);
    fracPart = '';
  } else {
    intPart = digits.slice(0, point);
    fracPart = digits.slice(point);
  }
  const kept = (fracPart + '0'.repeat(decimals)).slice(0, decimals);
  const next = fracPart[decimals] ?? '0';
  let n = BigInt(intPart + kept);
  if (next >= '5') n += 1n;
  const s = n.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

function groupDigits(int: string, sep: string): string {
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += sep;
    out += int[i];
  }
  return out;
}

function formatNumberPattern(abs: number, pattern: string, locale: LocaleInfo): string {
  const expMatch = /[eE][+-](0+)$/.exec(pattern);
  if (expMatch) {
    const mantissa = pattern.slice(0, expMatch.index);
    const decimals = (mantissa.split('.')[1] ?? '').replace(/[^0#?]/g, '').length;
    const [m = '0', e = '0'] = abs.toExponential(decimals).split('e');
    const expDigits = (expMatch[1] ?? '0').length;
    const en = Number(e);
    const expStr = String(Math.abs(en)).padStart(expDigits, '0');
    return `${m.replace('.', locale.decimal)}E${en < 0 ? '-' : '+'}${expStr}`;
  }
  const dot = pattern.indexOf('.');
  const intPat = dot >= 0 ? pattern.slice(0, dot) : pattern;
  const fracPat = dot >= 0 ? pattern.slice(dot + 1).replace(/,/g, '') : '';
  let scaled = abs;
  // Trailing commas scale by 1000 each (`#,##0,` shows thousands).
  const trailing = /,+$/.exec(intPat);
  if (trailing && dot < 0) scaled = scaled / 1000 ** trailing[0].length;
  const grouping = /[0#?],[0#?]/.test(intPat);
  const minInt = (intPat.match(/0/g) ?? []).length;
  const minFrac = (fracPat.match(/0/g) ?? []).length;
  const maxFrac = (fracPat.match(/[0#?]/g) ?? []).length;
  const rounded = roundHalfUp(scaled, maxFrac);
  let [int = '0', frac = ''] = rounded.split('.');
  while (frac.length > minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
  int = int.replace(/^0+/, '');
  if (int.length < minInt) int = int.padStart(minInt, '0');
  if (grouping) int = groupDigits(int, locale.group);
  return frac.length > 0 ? `${int}${locale.decimal}${frac}` : int;
}

function automaticNumber(v: number, locale: LocaleInfo): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const s = String(Number(v.toPrecision(10)));
  return s.replace('.', locale.decimal);
}

function monthName(month: number, style: 'long' | 'short', locale: LocaleInfo): string {
  const d = new Date(Date.UTC(2000, month - 1, 1));
  return new Intl.DateTimeFormat(locale.tag, { month: style, timeZone: 'UTC' }).format(d);
}

function weekdayName(weekday: number, style: 'long' | 'short', locale: LocaleInfo): string {
  // 2000-01-02 was a Sunday.
  const d = new Date(Date.UTC(2000, 0, 2 + weekday));
  return new Intl.DateTimeFormat(locale.tag, { weekday: style, timeZone: 'UTC' }).format(d);
}

function formatDateTokens(
  epochMs: number,
  tokens: Token[],
  locale: LocaleInfo,
  timeZone: string,
): string {
  const p = zonedParts(epochMs, timeZone);
  const dateTokens = tokens.filter((t): t is { t: 'date'; s: string } => t.t === 'date');
  const twelve = dateTokens.some((t) => t.s.includes('/'));
  let out = '';
  tokens.forEach((tok) => {
    if (tok.t === 'lit') {
      out += tok.s;
      return;
    }
    if (tok.t !== 'date') return;
    const s = tok.s;
    const k = dateTokens.indexOf(tok);
    const lower = s[0]?.toLowerCase() ?? '';
    const n = s.replace(/\..*$/, '').length;
    switch (lower) {
      case 'y':
        out += n <= 2 ? String(p.year % 100).padStart(2, '0') : String(p.year);
        return;
      case 'd':
        if (n >= 4) out += weekdayName(p.weekday, 'long', locale);
        else if (n === 3) out += weekdayName(p.weekday, 'short', locale);
        else out += n === 2 ? String(p.day).padStart(2, '0') : String(p.day);
        return;
      case 'h': {
        let h = p.hour;
        if (twelve) h = h % 12 === 0 ? 12 : h % 12;
        out += n >= 2 ? String(h).padStart(2, '0') : String(h);
        return;
      }
      case 's': {
        out += n >= 2 ? String(p.second).padStart(2, '0') : String(p.second);
        const frac = /\.(0+)$/.exec(s);
        if (frac) {
          const digits = (frac[1] ?? '').length;
          const f = String(p.millisecond).padStart(3, '0').slice(0, digits).padEnd(digits, '0');
          out += locale.decimal + f;
        }
        return;
      }
      case 'm': {
        if (n >= 3) {
          out += monthName(p.month, n === 3 ? 'short' : 'long', locale);
          return;
        }
        const prev = dateTokens[k - 1];
        const next = dateTokens[k + 1];
        const minute = prev?.s[0]?.toLowerCase() === 'h' || next?.s[0]?.toLowerCase() === 's';
        const val = minute ? p.minute : p.month;
        out += n === 2 ? String(val).padStart(2, '0') : String(val);
        return;
      }
      case 'a': {
        const pm = p.hour >= 12;
        if (s.length > 3) out += pm ? 'PM' : 'AM';
        else out += pm ? 'P' : 'A';
        if (s[0] === 'a' && s.length > 3) out = out.slice(0, -2) + (pm ? 'pm' : 'am');
        return;
      }
      default:
        out += s;
    }
  });
  return out;
}

function applyNumberSection(value: number, section: string, locale: LocaleInfo): string {
  const tokens = tokenize(section, false);
  const percent = tokens.some((t) => t.t === 'percent');
  const v = percent ? value * 100 : value;
  let out = '';
  let numberDone = false;
  for (const tok of tokens) {
    if (tok.t === 'lit') out += tok.s;
    else if (tok.t === 'percent') out += '%';
    else if (tok.t === 'num') {
      if (!numberDone) out += formatNumberPattern(v, tok.s, locale);
      numberDone = true;
    } else if (tok.t === 'text') out += automaticNumber(v, locale);
  }
  if (!numberDone && !tokens.some((t) => t.t === 'text')) {
    // A section with no digit placeholder shows only its literals (e.g. `"-"` for zero).
    return out;
  }
  return out;
}

/** The text Sheets shows for a value under a number format. */
export function formatCell(
  value: CellValue,
  numberFormat: string | undefined,
  locale: LocaleInfo,
  timeZone: string,
): string {
  if (value === '') return '';
  if (typeof value === 'boolean') return value ? locale.trueWord : locale.falseWord;
  const sections = numberFormat === undefined ? [] : splitSections(numberFormat);
  if (typeof value === 'string') {
    if (sections.length >= 4 && sections[3] !== undefined) return renderText(sections[3], value);
    const first = sections[0];
    if (first !== undefined && tokenize(first, false).some((t) => t.t === 'text')) {
      return renderText(first, value);
    }
    return value;
  }
  if (isDateLike(value)) {
    const ms = dateMs(value);
    if (Number.isNaN(ms)) return '#VALUE!';
    if (isAutomatic(numberFormat) || numberFormat === '@') {
      const p = zonedParts(ms, timeZone);
      const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
      const fmt = midnight ? locale.dateFormat : locale.dateTimeFormat;
      return formatDateTokens(ms, tokenize(fmt, true), locale, timeZone);
    }
    if (isDateFormat(numberFormat)) {
      return formatDateTokens(ms, tokenize(sections[0] ?? '', true), locale, timeZone);
    }
    return formatCell(toSerial(ms, timeZone), numberFormat, locale, timeZone);
  }
  const num = value;
  if (!Number.isFinite(num)) return '#NUM!';
  if (isAutomatic(numberFormat) || numberFormat === '@') return automaticNumber(num, locale);
  if (isDateFormat(numberFormat)) {
    return formatDateTokens(
      fromSerial(num, timeZone),
      tokenize(sections[0] ?? '', true),
      locale,
      timeZone,
    );
  }
  let section = sections[0] ?? '';
  let abs = num;
  let sign = '';
  if (num < 0) {
    if (sections.length >= 2 && sections[1] !== undefined) {
      section = sections[1];
      abs = -num;
    } else {
      abs = -num;
      sign = '-';
    }
  } else if (num === 0 && sections.length >= 3 && sections[2] !== undefined) {
    section = sections[2];
  }
  const body = applyNumberSection(abs, section, locale);
  if (sign && /[1-9]/.test(body)) return sign + body;
  return body;
}

function renderText(section: string, value: string): string {
  let out = '';
  for (const tok of tokenize(section, false)) {
    if (tok.t === 'lit') out += tok.s;
    else if (tok.t === 'text') out += value;
  }
  return out;
}
