import {
  callDayOf,
  planDispatch,
  type DispatchState,
  type JobState,
} from '../../src/app/dispatch-plan';
import { calendarDate } from '../../src/domain/dates';

function job(month: string, finishedOn: string | null): JobState {
  return { month, startedOn: `${month}-05`, finishedOn, runs: 1, steps: [], counts: {} };
}

const none: DispatchState = { job: null, lastDaily: null, pending: false };

describe('callDayOf', () => {
  it.each([
    ['2026-12-10', 5, 5],
    ['2027-02-10', 31, 28],
    ['2028-02-10', 30, 29],
    ['2026-04-10', 31, 30],
    ['2026-12-10', 0, 1],
    ['2026-12-10', 2.5, 1],
  ])('on %s with day %d is %d', (today, day, expected) => {
    expect(callDayOf(calendarDate(today), day)).toBe(expected);
  });
});

describe('planDispatch', () => {
  it.each<[string, string, DispatchState, string]>([
    ['the billing-call day starts the job', '2026-12-05', none, 'monthly'],
    [
      'the billing-call day after last month’s job',
      '2026-12-05',
      { job: job('2026-11', '2026-11-05'), lastDaily: '2026-12-04', pending: false },
      'monthly',
    ],
    [
      'an unfinished job goes on the same day',
      '2026-12-05',
      { job: job('2026-12', null), lastDaily: '2026-12-04', pending: false },
      'continue',
    ],
    [
      'an unfinished job goes on the next day',
      '2026-12-06',
      { job: job('2026-12', null), lastDaily: '2026-12-04', pending: false },
      'continue',
    ],
    [
      'an unfinished job of last month goes on',
      '2027-01-02',
      { job: job('2026-12', null), lastDaily: '2026-12-31', pending: false },
      'continue',
    ],
    [
      'the job done, the same day: nothing',
      '2026-12-05',
      { job: job('2026-12', '2026-12-05'), lastDaily: '2026-12-05', pending: false },
      'idle',
    ],
    [
      'the next day: one daily pass',
      '2026-12-06',
      { job: job('2026-12', '2026-12-05'), lastDaily: '2026-12-05', pending: false },
      'daily',
    ],
    [
      'after the daily pass: nothing',
      '2026-12-06',
      { job: job('2026-12', '2026-12-05'), lastDaily: '2026-12-06', pending: false },
      'idle',
    ],
    [
      'a pass that left work: another',
      '2026-12-06',
      { job: job('2026-12', '2026-12-05'), lastDaily: '2026-12-06', pending: true },
      'daily',
    ],
    ['before the billing-call day: a daily pass', '2026-12-04', none, 'daily'],
    [
      'a billing-call day missed by the trigger is caught up',
      '2026-12-07',
      { job: job('2026-11', '2026-11-05'), lastDaily: '2026-12-04', pending: false },
      'monthly',
    ],
    [
      "a trigger installed after the billing-call day runs the month's job at its first run",
      '2026-12-20',
      none,
      'monthly',
    ],
    [
      'so does one that ran last month only (an outage from the 1st to the 19th)',
      '2026-12-20',
      { job: job('2026-11', '2026-11-05'), lastDaily: '2026-11-30', pending: false },
      'monthly',
    ],
  ])('%s', (_label, today, state, expected) => {
    expect(planDispatch(calendarDate(today), 5, state)).toBe(expected);
  });

  it.each([
    [0, 'idle'],
    [6, 'idle'],
    [7, 'monthly'],
    [23, 'monthly'],
  ])('at %d:00 on the billing-call day: %s (no new work before 07:00)', (hour, expected) => {
    expect(planDispatch(calendarDate('2026-12-05'), 5, none, hour)).toBe(expected);
    expect(
      planDispatch(
        calendarDate('2026-12-05'),
        5,
        { job: job('2026-12', null), lastDaily: null, pending: false },
        hour,
      ),
    ).toBe('continue');
  });

  it('takes the last day of a short month for a billing-call day of 31', () => {
    expect(planDispatch(calendarDate('2027-02-28'), 31, none)).toBe('monthly');
    expect(planDispatch(calendarDate('2027-02-27'), 31, none)).toBe('daily');
  });
});
