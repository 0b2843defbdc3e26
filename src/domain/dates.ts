/**
 * Calendar dates: a day in the workbook's time zone, written `YYYY-MM-DD`, with no time and no
 * offset. Invoices, due dates and payments are days, not instants: the Date constructor reads
 * '2026-11-05' as midnight UTC, still the 4th in some places, and a day shifts when formatted.
 *
 * Arithmetic is done on day numbers (days since 1970-01-01 in the proleptic Gregorian calendar)
 * with integer formulas, so nothing here depends on the process time zone.
 */

/** A `YYYY-MM-DD` day (years 1000–9999). Build it with `calendarDate` or `parseCalendarDate`. */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

/** A month, `YYYY-MM`. */
export type MonthKey = string & { readonly __brand: 'MonthKey' };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The date for a year, month (1–12) and day, or undefined when there is no such day. */
export function dateFromParts(year: number, month: number, day: number): CalendarDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day))
    return undefined;
  if (year < 1000 || year > 9999 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as CalendarDate;
}

/** Parses `YYYY-MM-DD`; undefined for anything else, including days that do not exist. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const m = DATE_PATTERN.exec(text);
  if (!m) return undefined;
  return dateFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Like `parseCalendarDate`, for values known to be valid (constants, tests); throws otherwise. */
export function calendarDate(text: string): CalendarDate {
  const d = parseCalendarDate(text);
  if (d === undefined) throw new RangeError(`Not a calendar date: "${text}"`);
  return d;
}

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function dateParts(date: CalendarDate): DateParts {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

/** Days since 1970-01-01 (negative before), from the civil calendar; exact integer arithmetic. */
export function toDayNumber(date: CalendarDate): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date of a day number (inverse of `toDayNumber`); throws outside years 1000–9999. */
export function fromDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const date = dateFromParts(year, month, day);
  if (date === undefined)
    throw new RangeError(`Day number ${dayNumber} is outside years 1000–9999`);
  return date;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Adds whole months; when the day does not exist in the target month it is clamped to the last
 * day (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const d = Math.min(day, daysInMonth(y, m));
  const result = dateFromParts(y, m, d);
  if (result === undefined) throw new RangeError(`Month arithmetic left years 1000–9999`);
  return result;
}

export function startOfMonth(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 8)}01` as CalendarDate;
}

export function endOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = dateParts(date);
  return `${date.slice(0, 8)}${pad(daysInMonth(year, month), 2)}` as CalendarDate;
}

/** -1, 0 or 1 (the `YYYY-MM-DD` form also sorts as text). */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a < b;
}

export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return a > b;
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Day of the week, ISO numbering: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function monthKey(date: CalendarDate): MonthKey {
  return date.slice(0, 7) as MonthKey;
}

/** Parses `YYYY-MM`; undefined for anything else. */
export function parseMonthKey(text: string): MonthKey | undefined {
  const m = MONTH_PATTERN.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1000 || month < 1 || month > 12) return undefined;
  return text as MonthKey;
}

export function previousMonth(month: MonthKey): MonthKey {
  return monthKey(addMonths(`${month}-01` as CalendarDate, -1));
}

export function nextMonth(month: MonthKey): MonthKey {
  return monthKey(addMonths(`${month}-01` as CalendarDate, 1));
}

export function firstDayOfMonth(month: MonthKey): CalendarDate {
  return `${month}-01` as CalendarDate;
}

export function lastDayOfMonth(month: MonthKey): CalendarDate {
  return endOfMonth(firstDayOfMonth(month));
}
