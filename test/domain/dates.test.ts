import fc from 'fast-check';
import { hourIn } from '../../src/domain/time-zone';
import {
  addDays,
  addMonths,
  calendarDate,
  compareDates,
  daysBetween,
  endOfMonth,
  fromDayNumber,
  isoWeekday,
  isValidTimeZone,
  lastDayOfMonth,
  monthKey,
  nextMonth,
  parseCalendarDate,
  parseMonthKey,
  previousMonth,
  startOfMonth,
  toCalendarDate,
  toDayNumber,
  type MonthKey,
} from '../../src/domain';

const d = calendarDate;

describe('calendar dates', () => {
  it.each([
    ['2026-11-05', '2026-11-05'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', undefined],
    ['1900-02-29', undefined],
    ['2000-02-29', '2000-02-29'],
    ['2026-13-01', undefined],
    ['2026-04-31', undefined],
    ['2026-4-1', undefined],
    ['05/11/2026', undefined],
    ['2026-11-05T00:00:00Z', undefined],
  ])('parseCalendarDate(%s) = %s', (text, expected) => {
    expect(parseCalendarDate(text)).toBe(expected);
  });

  it.each([
    ['2026-11-05', 30, '2026-12-05'],
    ['2026-12-15', 30, '2027-01-14'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2026-10-24', 60, '2026-12-23'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(d(date), days)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-11-15', 2, '2027-01-15'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-08-31', 6, '2027-02-28'],
  ])('addMonths(%s, %i) = %s (end-of-month clamp)', (date, months, expected) => {
    expect(addMonths(d(date), months)).toBe(expected);
  });

  it.each([
    ['2026-02-10', '2026-02-01', '2026-02-28'],
    ['2024-02-10', '2024-02-01', '2024-02-29'],
    ['2026-12-31', '2026-12-01', '2026-12-31'],
    ['2026-04-01', '2026-04-01', '2026-04-30'],
  ])('start/end of month of %s', (date, start, end) => {
    expect(startOfMonth(d(date))).toBe(start);
    expect(endOfMonth(d(date))).toBe(end);
  });

  it.each([
    ['2026-11-05', '2026-12-05', 30],
    ['2026-12-05', '2026-11-05', -30],
    ['2024-01-01', '2025-01-01', 366],
    ['2026-03-28', '2026-03-30', 2],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(d(from), d(to))).toBe(expected);
  });

  it.each([
    ['1970-01-01', 0, 4],
    ['2026-11-05', 20762, 4],
    ['2000-03-01', 11017, 3],
    ['1969-12-31', -1, 3],
  ])('day number and ISO weekday of %s', (date, dayNumber, weekday) => {
    expect(toDayNumber(d(date))).toBe(dayNumber);
    expect(isoWeekday(d(date))).toBe(weekday);
  });

  it('compares', () => {
    expect(compareDates(d('2026-01-01'), d('2026-01-02'))).toBe(-1);
    expect(compareDates(d('2026-01-02'), d('2026-01-02'))).toBe(0);
    expect(compareDates(d('2027-01-01'), d('2026-12-31'))).toBe(1);
  });

  it.each([
    ['2026-01', '2025-12', '2026-02', '2026-01-31'],
    ['2024-02', '2024-01', '2024-03', '2024-02-29'],
    ['2026-12', '2026-11', '2027-01', '2026-12-31'],
  ])('month %s: previous %s, next %s, last day %s', (month, previous, next, last) => {
    const m = month as MonthKey;
    expect(previousMonth(m)).toBe(previous);
    expect(nextMonth(m)).toBe(next);
    expect(lastDayOfMonth(m)).toBe(last);
  });

  it('month keys', () => {
    expect(monthKey(d('2026-11-05'))).toBe('2026-11');
    expect(parseMonthKey('2026-11')).toBe('2026-11');
    expect(parseMonthKey('2026-13')).toBeUndefined();
    expect(parseMonthKey('2026-1')).toBeUndefined();
  });

  it('day numbers agree with the UTC calendar of Date for every day of years 1000–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -354285, max: 2932896 }), (n) => {
        const date = fromDayNumber(n);
        expect(toDayNumber(date)).toBe(n);
        expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(date);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('toCalendarDate (instants to days in a time zone)', () => {
  it.each([
    // instant, zone, day
    ['2026-11-04T22:59:59Z', 'Europe/Paris', '2026-11-04'], // 23:59:59 in Paris (UTC+1)
    ['2026-11-04T23:00:00Z', 'Europe/Paris', '2026-11-05'], // midnight in Paris
    ['2026-06-30T21:59:59Z', 'Europe/Paris', '2026-06-30'], // 23:59:59 in summer (UTC+2)
    ['2026-06-30T22:00:00Z', 'Europe/Paris', '2026-07-01'],
    ['2026-03-29T00:59:59Z', 'Europe/Paris', '2026-03-29'], // 01:59:59, just before the spring change
    ['2026-03-29T01:00:00Z', 'Europe/Paris', '2026-03-29'], // 03:00 after the change
    ['2026-03-28T23:00:00Z', 'Europe/Paris', '2026-03-29'], // midnight of the change day
    ['2026-10-24T22:00:00Z', 'Europe/Paris', '2026-10-25'], // midnight of the autumn change day
    ['2026-10-25T22:59:59Z', 'Europe/Paris', '2026-10-25'], // 23:59:59 after it (UTC+1 again)
    ['2026-10-25T23:00:00Z', 'Europe/Paris', '2026-10-26'],
    ['2026-12-31T23:30:00Z', 'Europe/Paris', '2027-01-01'], // new year in Paris, not in UTC
    ['2026-12-31T23:30:00Z', 'UTC', '2026-12-31'],
    ['2026-11-05T03:00:00Z', 'America/New_York', '2026-11-04'],
    ['2026-11-05T03:00:00Z', 'Indian/Reunion', '2026-11-05'],
    ['2026-11-04T13:00:00Z', 'Pacific/Noumea', '2026-11-05'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(toCalendarDate(new Date(instant), zone)).toBe(expected);
  });

  it('refuses unknown zones and invalid dates', () => {
    expect(() => toCalendarDate(new Date('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(
      RangeError,
    );
    expect(() => toCalendarDate(new Date('nope'), 'Europe/Paris')).toThrow(RangeError);
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('midnight in Paris and noon UTC of any day both read as that day in Paris', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), (n) => {
        const day = fromDayNumber(n);
        // Midnight in Paris is 23:00 UTC the day before in winter (UTC+1), 22:00 in summer; one
        // hour before UTC midnight is thus local midnight (winter) or 01:00 (summer): that day.
        expect(toCalendarDate(new Date(n * 86_400_000 - 3_600_000), 'Europe/Paris')).toBe(day);
        expect(toCalendarDate(new Date(n * 86_400_000 + 12 * 3_600_000), 'Europe/Paris')).toBe(day);
        expect(toCalendarDate(new Date(n * 86_400_000 - 2 * 3_600_000 - 1), 'Europe/Paris')).toBe(
          addDays(day, -1),
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('hourIn', () => {
  it.each([
    ['2026-12-04T23:30:00Z', 'Europe/Paris', 0],
    ['2026-07-04T22:30:00Z', 'Europe/Paris', 0],
    ['2026-07-04T04:59:00Z', 'Europe/Paris', 6],
    ['2026-12-05T06:00:00Z', 'Europe/Paris', 7],
    ['2026-12-05T06:00:00Z', 'America/New_York', 1],
    ['2026-12-05T00:00:00Z', 'UTC', 0],
  ])('%s in %s is hour %d', (iso, zone, hour) => {
    expect(hourIn(new Date(iso), zone)).toBe(hour);
  });
});
