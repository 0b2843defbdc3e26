/**
 * Utilities.formatDate: Java SimpleDateFormat patterns, rendered in a given time zone with
 * Intl. Month and day names are English, as Apps Script's formatDate gives them whatever the
 * user's locale. Zones: IANA names (`Europe/Paris`), `UTC`/`GMT`, and fixed offsets
 * (`GMT+1`, `GMT+01:00`, `+0100`).
 */
import { gasError } from './errors';
import { pad2, tzOffsetMs, zonedParts, zonedToEpoch, type ZonedParts } from './time';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Zone = { kind: 'iana'; name: string } | { kind: 'fixed'; offsetMs: number; name: string };

export function resolveZone(tz: string): Zone {
  const t = tz.trim();
  if (t === 'GMT' || t === 'UTC' || t === 'Z') return { kind: 'fixed', offsetMs: 0, name: 'GMT' };
  const m = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (m) {
    const sign = m[1] === '-' ? -1 : 1;
    const offsetMs = sign * (Number(m[2]) * 60 + Number(m[3] ?? '0')) * 60_000;
    return { kind: 'fixed', offsetMs, name: `GMT${formatOffset(offsetMs, true)}` };
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: t });
  } catch {
    // Java (and so Apps Script) falls back to GMT for an unknown zone id.
    return { kind: 'fixed', offsetMs: 0, name: 'GMT' };
  }
  return { kind: 'iana', name: t };
}

function formatOffset(offsetMs: number, colon: boolean): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const mins = Math.abs(Math.round(offsetMs / 60_000));
  return `${sign}${pad2(Math.floor(mins / 60))}${colon ? ':' : ''}${pad2(mins % 60)}`;
}

function partsAndOffset(ms: number, zone: Zone): { p: ZonedParts; offsetMs: number } {
  if (zone.kind === 'fixed') {
    return { p: zonedParts(ms + zone.offsetMs, 'UTC'), offsetMs: zone.offsetMs };
  }
  return { p: zonedParts(ms, zone.name), offsetMs: tzOffsetMs(ms, zone.name) };
}

function zoneName(ms: number, zone: Zone, long: boolean): string {
  if (zone.kind === 'fixed') return zone.name;
  const f = new Intl.DateTimeFormat(long ? 'en-US' : 'en-GB', {
    timeZone: zone.name,
    timeZoneName: long ? 'long' : 'short',
  });
  return f.formatToParts(new Date(ms)).find((x) => x.type === 'timeZoneName')?.value ?? zone.name;
}

function dayOfYear(p: ZonedParts): number {
  return (Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86_400_000 + 1;
}

function num(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatJavaDate(epochMs: number, timeZone: string, pattern: string): string {
  const zone = resolveZone(timeZone);
  const { p, offsetMs } = partsAndOffset(epochMs, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j++;
      }
      out += text;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let j = i;
    while (pattern[j] === ch) j++;
    const n = j - i;
    i = j;
    switch (ch) {
      case 'G':
        out += p.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? num(p.year % 100, 2) : num(p.year, n);
        break;
      case 'M':
      case 'L':
        if (n >= 4) out += MONTHS[p.month - 1] ?? '';
        else if (n === 3) out += (MONTHS[p.month - 1] ?? '').slice(0, 3);
        else out += num(p.month, n);
        break;
      case 'd':
        out += num(p.day, n);
        break;
      case 'D':
        out += num(dayOfYear(p), n);
        break;
      case 'E':
        out += n >= 4 ? (DAYS[p.weekday] ?? '') : (DAYS[p.weekday] ?? '').slice(0, 3);
        break;
      case 'u':
        out += num(p.weekday === 0 ? 7 : p.weekday, n);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += num(p.hour, n);
        break;
      case 'k':
        out += num(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += num(p.hour % 12, n);
        break;
      case 'h':
        out += num(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += num(p.minute, n);
        break;
      case 's':
        out += num(p.second, n);
        break;
      case 'S':
        out += num(p.millisecond, n);
        break;
      case 'z':
        out += zoneName(epochMs, zone, n >= 4);
        break;
      case 'Z':
        out += formatOffset(offsetMs, false);
        break;
      case 'X':
        if (offsetMs === 0) out += 'Z';
        else if (n === 1) out += formatOffset(offsetMs, false).slice(0, 3);
        else out += formatOffset(offsetMs, n >= 3);
        break;
      default:
        throw gasError(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

/**
 * Utilities.parseDate for numeric patterns: y, M (also MMM/MMMM English names), d, H, h with a,
 * m, s, S and quoted text. Returns epoch ms, or null when the text does not match.
 */
export function parseJavaDate(text: string, timeZone: string, pattern: string): number | null {
  let re = '';
  const fields: string[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      const lit = end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      re += lit === '' ? "'" : lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
      continue;
    }
    let j = i;
    while (pattern[j] === ch) j++;
    const n = j - i;
    i = j;
    if (ch === 'M' && n >= 3) {
      re += '([A-Za-z]+)';
      fields.push('Mname');
    } else if (ch === 'E') {
      re += '[A-Za-z]+';
    } else if (ch === 'a') {
      re += '(AM|PM|am|pm)';
      fields.push('a');
    } else if ('yMdHhmsS'.includes(ch)) {
      re += n >= 2 && ch !== 'y' ? `(\\d{${n}})` : '(\\d+)';
      fields.push(ch);
    } else {
      throw gasError(`Illegal pattern character '${ch}'`);
    }
  }
  const m = new RegExp(`^${re}$`).exec(text.trim());
  if (!m) return null;
  const v: Record<string, number> = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0 };
  let pm: boolean | null = null;
  fields.forEach((f, k) => {
    const raw = m[k + 1] ?? '';
    if (f === 'Mname') {
      const idx = MONTHS.findIndex((name) =>
        name.toLowerCase().startsWith(raw.toLowerCase().slice(0, 3)),
      );
      v['M'] = idx + 1;
    } else if (f === 'a') pm = raw.toLowerCase() === 'pm';
    else if (f === 'h') v['H'] = Number(raw) % 12;
    else v[f] = Number(raw);
  });
  if (pm === true) v['H'] = (v['H'] ?? 0) + 12;
  const zone = resolveZone(timeZone);
  const year = v['y'] ?? 1970;
  const fieldsOk = (v['M'] ?? 0) >= 1 && (v['M'] ?? 0) <= 12;
  if (!fieldsOk) return null;
  if (zone.kind === 'fixed') {
    return (
      Date.UTC(year, (v['M'] ?? 1) - 1, v['d'], v['H'], v['m'], v['s'], v['S']) - zone.offsetMs
    );
  }
  return zonedToEpoch(zone.name, year, v['M'] ?? 1, v['d'] ?? 1, v['H'], v['m'], v['s'], v['S']);
}
