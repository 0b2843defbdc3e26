/**
 * What the hourly trigger does on a given day (SPEC §6), decided from the saved state alone: it
 * runs 24 times a day, and all but one of those runs should cost next to nothing.
 */
import { daysInMonth, type CalendarDate } from '../domain/dates';

/** The monthly job's saved progress (a document property, JSON). */
export interface JobState {
  /** `YYYY-MM`: the month the job runs in; it bills the month before. */
  month: string;
  /** Calendar day it started on, `YYYY-MM-DD`. */
  startedOn: string;
  finishedOn: string | null;
  /** Executions that worked on it. */
  runs: number;
  /** Steps done, in order: generate, issue, deliver, status, summary. */
  steps: string[];
  /** Totals over its runs, for the summary email. */
  counts: Record<string, number>;
  /** Run again in a month whose job was already done (`runMonthly` a second time). */
  rerun?: boolean;
  /**
   * What the register and the billing calls held when the job started: the summary counts what
   * the job did from what is written, not from tallies a stopped run would lose.
   */
  before?: Durable;
  /** The payment status's totals when the job refreshed it, for a summary sent by a later run. */
  status?: { pending: number; outstanding: string; overdue: string; payablesDue: string };
}

/** Counts read back from the tabs (see `JobState.before`). */
export interface Durable {
  issued: number;
  documents: number;
  invoiceEmails: number;
  callEmails: number;
}

export interface DispatchState {
  job: JobState | null;
  /** The last day a daily pass ran to the end, `YYYY-MM-DD`. */
  lastDaily: string | null;
  /** A run stopped before the end of its work (time or quota): the next run continues it. */
  pending: boolean;
}

export type Plan = 'monthly' | 'continue' | 'daily' | 'idle';

/**
 * New work (the monthly job, the daily pass with its reminders) starts from 07:00 in the
 * workbook's time zone, so that clients do not get reminders in the middle of the night; an
 * unfinished job goes on at any hour.
 */
export const FIRST_HOUR = 7;

/** The billing-call day of this month: day 31 means the month's last day in a short month. */
export function callDayOf(today: CalendarDate, billingCallDay: number): number {
  const [y, m] = today.split('-').map(Number);
  const last = daysInMonth(y ?? 1970, m ?? 1);
  const day = Number.isInteger(billingCallDay) && billingCallDay >= 1 ? billingCallDay : 1;
  return Math.min(day, last);
}

/**
 * - an unfinished monthly job goes on, whatever the day;
 * - from the billing-call day on, this month's job starts (once): a day missed because no run
 *   came that day (the trigger was installed later or paused, Google skipped it) is caught up
 *   by the next run of the month;
 * - otherwise one daily pass a day (finish what is issued, status, reminders), and another as
 *   long as a run left work behind;
 * - otherwise nothing;
 * - and before FIRST_HOUR, nothing new.
 */
export function planDispatch(
  today: CalendarDate,
  billingCallDay: number,
  state: DispatchState,
  hour = 12,
): Plan {
  const month = today.slice(0, 7);
  if (state.job && state.job.finishedOn === null) return 'continue';
  if (hour < FIRST_HOUR) return 'idle';
  const callDay = callDayOf(today, billingCallDay);
  const day = Number(today.slice(8, 10));
  const doneThisMonth = state.job !== null && state.job.month === month;
  // From the billing-call day on, the month's job runs once: on that day, or at the first run
  // after it when no run came that day (trigger installed later, paused, a job that stopped
  // before saving its state).
  if (!doneThisMonth && day >= callDay) return 'monthly';
  if (state.pending || state.lastDaily !== today) return 'daily';
  return 'idle';
}
