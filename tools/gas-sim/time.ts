/**
 * Time-zone arithmetic with Intl only (no tz database of our own), DST included.
 *
 * Values that may come from another realm (the script's `vm` context) are tested with
 * `Object.prototype.toString`, never `instanceof`: a Date built in one realm is not an
 * `instanceof` the Date of another.
 */

export interface ZonedParts {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

export const MS_PER_DAY = 86_400_000;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Throws Apps Script-like text for an unknown zone. */
export function checkTimeZone(timeZone: string): void {
  try {
    partsFormatter(timeZone);
  } catch {
    throw new RangeError(`Invalid time zone: ${timeZone}`);
  }
}

/** Wall-clock fields of an instant in a time zone. */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  // Cell dates repeat (every read of a tab converts them again): Intl is slow, a copy is cheap.
  const key = `${timeZone}|${epochMs}`;
  const known = zonedCache.get(key);
  if (known) return { ...known };
  const fresh = computeZonedParts(epochMs, timeZone);
  if (zonedCache.size >= 50_000) zonedCache.clear();
  zonedCache.set(key, fresh);
  return { ...fresh };
}
const zonedCache = new Map<string, ZonedParts>();

function computeZonedParts(epochMs: number, timeZone: string): ZonedParts {
  const parts = partsFormatter(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  let year = Number(get('year'));
  if (get('era') === 'BC') year = 1 - year;
  const ms = ((epochMs % 1000) + 1000) % 1000;
  return {
    year,
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    millisecond: ms,
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/** Offset of the zone from UTC at that instant, in ms (Paris in winter: +3,600,000). */
export function tzOffsetMs(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = utcFromFields(p.year, p.month, p.day, p.hour, p.minute, p.second, p.millisecond);
  return asUtc - epochMs;
}

function utcFromFields(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/**
 * The instant at which the wall clock of `timeZone` shows the given fields. In a DST gap the
 * time is pushed forward (02:30 on a spring-forward day becomes 03:30), and in an overlap the
 * earlier instant is chosen, as Google Sheets does.
 */
export function zonedToEpoch(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const local = utcFromFields(year, month, day, hour, minute, second, ms);
  // At most one transition lies within a day of any wall time: try both offsets around it.
  const offBefore = tzOffsetMs(local - MS_PER_DAY, timeZone);
  const offAfter = tzOffsetMs(local + MS_PER_DAY, timeZone);
  const valid = [local - offBefore, local - offAfter].filter(
    (c) => c + tzOffsetMs(c, timeZone) === local,
  );
  if (valid.length > 0) return Math.min(...valid);
  // Gap: the wall time does not exist; the pre-transition offset lands just after it.
  return local - offBefore;
}

/** Epoch ms of 00:00 on `YYYY-MM-DD` (plus optional 'HH:MM') in the zone. */
export function dayStartMs(isoDay: string, timeZone: string, hhmm = '00:00'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  const t = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m || !t) throw new Error(`Bad day or time: ${isoDay} ${hhmm}`);
  return zonedToEpoch(
    timeZone,
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(t[1]),
    Number(t[2]),
  );
}

/** `YYYY-MM-DD` of an instant in the zone. */
export function isoDayIn(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}`;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** True for Date objects of any realm. */
export function isDateLike(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** ms since epoch of a Date of any realm (NaN for an invalid date). */
export function dateMs(v: Date): number {
  return Date.prototype.getTime.call(v);
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

/** Google Sheets day 0 is 1899-12-30. */
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** The spreadsheet serial number (days since 1899-12-30, fraction = time) of an instant. */
export function toSerial(epochMs: number, timeZone: string): number {
  const local = epochMs + tzOffsetMs(epochMs, timeZone);
  return (local - SERIAL_EPOCH_UTC) / MS_PER_DAY;
}

/** The instant of a spreadsheet serial number in the zone. */
export function fromSerial(serial: number, timeZone: string): number {
  const localMs = Math.round(SERIAL_EPOCH_UTC + serial * MS_PER_DAY);
  const d = new Date(localMs);
  return zonedToEpoch(
    timeZone,
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}
