/**
 * From instants to calendar dates in a named time zone (the workbook's, e.g. `Europe/Paris`).
 *
 * Uses `Intl.DateTimeFormat` with an explicit `timeZone`, which Apps Script's V8 supports, and
 * never the process time zone (`Date#getDate` and friends): the same instant is the 5th in Paris
 * and still the 4th in New York, and the server's zone is neither.
 */
import { dateFromParts, type CalendarDate } from './dates';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // 'en-US' with numeric parts: the parts' values are plain ASCII digits whatever the locale
    // data; the calendar is forced to Gregorian.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone name the runtime knows (`Europe/Paris`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date of an instant in `timeZone`. Throws a RangeError for an invalid date or an
 * unknown time zone (a settings error the caller reports before getting here).
 */
export function toCalendarDate(instant: Date, timeZone: string): CalendarDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
  const parts = formatterFor(timeZone).formatToParts(instant);
  const value = (type: string): number => {
    const part = parts.find((p) => p.type === type);
    return part === undefined ? Number.NaN : Number(part.value);
  };
  const date = dateFromParts(value('year'), value('month'), value('day'));
  if (date === undefined) {
    throw new RangeError(
      `Cannot read a calendar date from ${instant.toISOString()} in ${timeZone}`,
    );
  }
  return date;
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/** The hour (0–23) an instant shows on the wall clocks of `timeZone`. */
export function hourIn(instant: Date, timeZone: string): number {
  let formatter = hourFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      numberingSystem: 'latn',
    });
    hourFormatters.set(timeZone, formatter);
  }
  const part = formatter.formatToParts(instant).find((p) => p.type === 'hour');
  return Number(part?.value ?? Number.NaN);
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The instant as the wall clocks of `timeZone` show it, with their offset from UTC, to the
 * second: `2026-12-05T09:30:00+01:00` (ISO 8601, as XML's `dateTime` takes it).
 */
export function localDateTime(instant: Date, timeZone: string): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
  let formatter = wallFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  const seconds = Math.floor(instant.getTime() / 1000) * 1000;
  const offset = Math.round((wall - seconds) / 60_000);
  const pad = (v: number, w = 2): string => String(Math.abs(v)).padStart(w, '0');
  const sign = offset < 0 ? '-' : '+';
  return (
    `${pad(n('year'), 4)}-${pad(n('month'))}-${pad(n('day'))}T` +
    `${pad(n('hour'))}:${pad(n('minute'))}:${pad(n('second'))}` +
    `${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}
