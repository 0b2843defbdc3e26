/**
 * The monthly job, in steps whose progress is saved in a document property, so that a job too
 * long for one execution (6 minutes) goes on in the next one (the hourly dispatcher, or the
 * user running it again) where it stopped, and the dispatcher between two jobs.
 *
 * Every step is also safe to run again after a hard stop (its effects are read back from the
 * register), so the saved progress only spares the work already done.
 */
import { msg } from '../texts';
import { settingLabel } from '../sheets/settings';
import { formatDate, formatMoney } from '../domain/format';
import { calendarDate, previousMonth, type CalendarDate, type MonthKey } from '../domain/dates';
import { Money } from '../domain/money';
import { hourIn, toCalendarDate } from '../domain/time-zone';
import { monthLabel } from '../billing/timesheets';
import { monthlySummaryEmail } from '../render/emails';
import { generateDrafts } from './generate';
import { monthEntries } from './accounting-forms';
import { issueAndSend, type IssueOutcome } from './issue';
import { mailGate, markerState, recipientsOf, sendMarked } from './mailing';
import { refreshPaymentStatus, type StatusOutcome } from './payment-status';
import {
  planDispatch,
  type DispatchState,
  type Durable,
  type JobState,
  type Plan,
} from './dispatch-plan';
import { loadOutput, text } from './register';
import { INCIDENT_CODES, type RunContext } from './run-context';

const JOB_KEY = 'job:monthly';
const INCIDENTS = INCIDENT_CODES;
const DAILY_KEY = 'job:lastDaily';
const PENDING_KEY = 'job:pending';

export interface JobOutcome {
  plan: Plan;
  /** The job (or pass) ended its work; false when it stopped for time or quota. */
  finished: boolean;
  counts: Record<string, number>;
  job: JobState | null;
  status: StatusOutcome | null;
}

export function readDispatchState(ctx: RunContext): DispatchState {
  let job: JobState | null;
  try {
    const raw = ctx.ports.store.get(JOB_KEY);
    job = raw ? (JSON.parse(raw) as JobState) : null;
  } catch {
    // An unreadable record starts a new job (every step is safe to run again).
    job = null;
  }
  return {
    job,
    lastDaily: ctx.ports.store.get(DAILY_KEY),
    pending: ctx.ports.store.get(PENDING_KEY) === '1',
  };
}

function today(ctx: RunContext): CalendarDate {
  return toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
}

/** A run that stopped early flags it, so that the next dispatcher run continues. */
export function notePending(ctx: RunContext): void {
  if (ctx.budget.stopped) ctx.ports.store.set(PENDING_KEY, '1');
  else if (ctx.ports.store.get(PENDING_KEY)) ctx.ports.store.remove(PENDING_KEY);
}

function add(counts: Record<string, number>, more: Record<string, number>): void {
  for (const [k, v] of Object.entries(more)) counts[k] = (counts[k] ?? 0) + v;
}

/**
 * The job's figures for its summary: what it issued, laid out and emailed, read from the tabs
 * against what they held when it started; reminders, confirmations, drafts and problems from
 * its saved totals.
 */
function jobFigures(ctx: RunContext, job: JobState): Record<string, number> {
  const t = job.counts;
  const before = job.before;
  if (!before) return { ...t };
  const now = durable(ctx);
  const callEmails = now.callEmails - before.callEmails;
  return {
    ...t,
    issued: now.issued - before.issued,
    documents: now.documents - before.documents,
    billingCalls: callEmails,
    emailed:
      now.invoiceEmails -
      before.invoiceEmails +
      callEmails +
      (t['reminders'] ?? 0) +
      (t['confirmations'] ?? 0),
  };
}

/** What the register and the billing calls hold now: numbers, documents, emails sent. */
function durable(ctx: RunContext): Durable {
  const register = loadOutput(ctx, 'invoices', false);
  const calls = loadOutput(ctx, 'billingCalls', false);
  const issued = register.rows.filter((r) => text(r['number']));
  return {
    issued: issued.length,
    documents: issued.filter((r) => text(r['docLink']) && text(r['pdfLink'])).length,
    invoiceEmails: issued.filter((r) => text(r['emailedAt'])).length,
    callEmails: calls.rows.filter((r) => text(r['emailedAt'])).length,
  };
}

/** What the trigger's run has to do today (two reads: the document properties, Settings). */
export function planToday(ctx: RunContext): Plan {
  return planDispatch(
    today(ctx),
    ctx.settings.billingCallDay,
    readDispatchState(ctx),
    hourIn(ctx.ports.clock.now(), ctx.timeZone),
  );
}

/** The trigger's run: does what `planToday` found due. */
export function dispatch(ctx: RunContext, plan: Plan = planToday(ctx)): JobOutcome {
  const day = today(ctx);
  const state = readDispatchState(ctx);
  if (plan === 'monthly') return monthlyJob(ctx, null, 'monthly', state.job);
  if (plan === 'continue') return monthlyJob(ctx, state.job, 'continue');
  if (plan === 'daily') return dailyPass(ctx, day);
  return { plan, finished: true, counts: {}, job: state.job, status: null };
}

/**
 * `runMonthly` and the local runner's `monthly`: this month's unfinished job goes on, else a new
 * one starts, whatever the day.
 */
export function runMonthlyJob(ctx: RunContext): JobOutcome {
  const { job } = readDispatchState(ctx);
  const month = today(ctx).slice(0, 7);
  const open = job && job.finishedOn === null && job.month === month ? job : null;
  return monthlyJob(ctx, open, open ? 'continue' : 'monthly', job);
}

function monthlyJob(
  ctx: RunContext,
  existing: JobState | null,
  plan: Plan,
  previous: JobState | null = null,
): JobOutcome {
  const day = today(ctx);
  const job: JobState = existing ?? {
    month: day.slice(0, 7),
    startedOn: day,
    finishedOn: null,
    runs: 0,
    steps: [],
    counts: {},
    ...(previous?.month === day.slice(0, 7) ? { rerun: true } : {}),
    before: durable(ctx),
  };
  job.runs += 1;
  const save = (): void => ctx.ports.store.set(JOB_KEY, JSON.stringify(job));
  const run: Record<string, number> = {};
  /** A step's figures go into the job's totals with the step, saved together. */
  const done = (step: string, figures: Record<string, number> = {}): void => {
    add(run, figures);
    if (!job.steps.includes(step)) {
      job.steps.push(step);
      add(job.counts, figures);
    }
    save();
  };
  const has = (step: string): boolean => job.steps.includes(step);
  let pendingMail = 0;
  const autoSend = ctx.settings.autoSend;
  save();

  // Every run of the job reports what is wrong in the input tabs, the last one included: a run
  // stopped before writing its Journal lines leaves them to the next.
  ctx.checkInputs();
  if (!has('generate')) done('generate', { drafts: generateDrafts(ctx) });
  if (!has('deliver')) {
    // Issuing comes first in issueAndSend and is saved before any document is made.
    const o = issueAndSend(ctx, autoSend && !has('issue'), true);
    // Issued, documents and emails are counted from the tabs at the summary (`durable`).
    add(run, {
      issued: o.issued,
      documents: o.documents,
      emailed: o.emailed,
      billingCalls: o.billingCalls,
    });
    pendingMail += o.pendingMail;
    if (!job.steps.includes('issue')) job.steps.push('issue');
    if (!ctx.budget.stopped && o.pendingMail === 0) done('deliver');
    else save();
  }
  let status: StatusOutcome | null = null;
  // The status and the reminders also go on when only the mail quota held the delivery back.
  if (!has('status') && ctx.budget.stop?.reason !== 'time') {
    status = refreshPaymentStatus(ctx, true);
    const sent = { reminders: status.reminders, confirmations: status.confirmations };
    pendingMail += status.pendingMail;
    job.status = {
      pending: status.pendingMail,
      outstanding: status.outstanding,
      overdue: status.overdue,
      payablesDue: status.payablesDue,
    };
    if (has('deliver') && !ctx.budget.stopped && status.pendingMail === 0) done('status', sent);
    else {
      // Sent, though the step goes on next run: into the totals now, or they would be lost.
      add(run, sent);
      add(job.counts, sent);
    }
  }
  run['emailed'] = (run['emailed'] ?? 0) + (run['reminders'] ?? 0) + (run['confirmations'] ?? 0);
  // The accounting entries of the month before, once its documents and payments are in: the
  // Écritures tab and the month's FEC file (the same file again when run again).
  if (has('status') && !has('entries') && !ctx.budget.stopped) {
    done('entries', { entries: monthEntries(ctx) });
  }
  const marker = `summary:${job.month}`;
  if (has('status') && status === null) {
    // The status was done by an earlier run, which stopped before the end: read again, without
    // reminders, so that its problems are reported by the run that finishes the job and the
    // summary's totals are today's.
    status = refreshPaymentStatus(ctx, false);
  }
  // Each run reports the problems it meets; the same bad cell is met by every run.
  // Service incidents (quotas, limits) are in the Journal but are not problems to fix.
  const toFix = ctx.problems.filter((p) => !INCIDENTS.has(p.code)).length;
  job.counts['problems'] = Math.max(job.counts['problems'] ?? 0, toFix);
  save();
  if (has('status') && has('entries') && !has('summary')) {
    // A job run again in a month whose job is done sends a summary only if it did something.
    const f = jobFigures(ctx, job);
    const idle =
      job.rerun === true && ['drafts', 'issued', 'documents', 'emailed'].every((k) => !f[k]);
    const sent = idle ? 'none' : sendSummary(ctx, job, status, marker);
    // Without a finance contact there is no summary to wait for (the Journal says so).
    if (sent !== 'later') job.steps.push('summary');
  }
  job.steps = [...new Set(job.steps)];
  save();
  const finished = has('summary');
  if (finished) {
    // The job is marked finished only once this run's Journal lines are written: a run stopped
    // just before that leaves the job open, and the next run writes them.
    ctx.afterJournal(() => {
      job.finishedOn = day;
      save();
      // The job did the day's status and reminders: no daily pass needed today.
      ctx.ports.store.set(DAILY_KEY, day);
      if (ctx.ports.store.get(marker)) ctx.ports.store.remove(marker);
    });
  }
  notePending(ctx);
  return {
    plan,
    finished,
    counts: { ...run, pendingMail },
    job,
    status,
  };
}

/**
 * Issue new drafts (or only finish what is issued), deliver, then refresh the payment status
 * (with `remind`, sending the reminders due) unless the run's time is up: _Issue and send_ and
 * the daily pass.
 */
export function issueThenRefresh(
  ctx: RunContext,
  issueNew: boolean,
  remind: boolean,
): { o: IssueOutcome; s: StatusOutcome | null } {
  // Billing calls go out from the billing-call day on, never before.
  const callsDue = Number(today(ctx).slice(8, 10)) >= ctx.settings.billingCallDay;
  const o = issueAndSend(ctx, issueNew, callsDue);
  const s = ctx.budget.stop?.reason === 'time' ? null : refreshPaymentStatus(ctx, remind);
  return { o, s };
}

/** Between two monthly jobs: finish what was issued, refresh the status, send due reminders. */
function dailyPass(ctx: RunContext, day: CalendarDate): JobOutcome {
  const { o, s } = issueThenRefresh(ctx, false, true);
  if (!ctx.budget.stopped) ctx.ports.store.set(DAILY_KEY, day);
  notePending(ctx);
  const counts = {
    documents: o.documents,
    emailed: o.emailed + (s ? s.reminders + s.confirmations : 0),
    reminders: s?.reminders ?? 0,
    pendingMail: o.pendingMail + (s?.pendingMail ?? 0),
  };
  return { plan: 'daily', finished: !ctx.budget.stopped, counts, job: null, status: s };
}

/** The summary email to the finance contact; false when it could not go now. */
function sendSummary(
  ctx: RunContext,
  job: JobState,
  status: StatusOutcome | null,
  marker: string,
): 'sent' | 'none' | 'later' {
  // A run stopped between the send and the save above: it went out ("sent"). A run stopped
  // inside the send ("sending"): only a person can tell whether it went out; it is not sent
  // twice, the Journal says to check it.
  const earlier = markerState(ctx, marker).state;
  if (earlier === 'sent') return 'sent';
  if (earlier === 'sending') {
    ctx.warn('summary-unsure', ctx.sheetName('settings') ?? '', '', '', msg('run.summary-unsure'));
    return 'sent';
  }
  const to = recipientsOf(ctx.settings.financeEmail);
  if (to.length === 0) {
    ctx.warn(
      'no-finance-email',
      ctx.sheetName('settings') ?? '',
      '',
      ctx.settings.financeEmail,
      msg('run.no-finance-email', {
        setting: { fr: settingLabel('financeEmail', 'fr'), en: settingLabel('financeEmail', 'en') },
      }),
    );
    return 'none';
  }
  if (mailGate(ctx, to.length, 'summary') !== 'send') return 'later';
  const lang = ctx.lang;
  const cur = ctx.settings.currency || 'EUR';
  const m = (v: string | undefined): string => formatMoney(Money.of(v ?? '0'), lang, cur);
  const figures = jobFigures(ctx, job);
  const c = (k: string): number => figures[k] ?? 0;
  const st = job.status;
  const billed = previousMonth(job.month as MonthKey);
  const message = monthlySummaryEmail({
    lang,
    organisation: ctx.settings.orgName,
    period: monthLabel(billed, lang),
    startedOn: formatDate(calendarDate(job.startedOn), lang),
    finishedOn: formatDate(today(ctx), lang),
    runs: job.runs,
    drafts: c('drafts'),
    issued: c('issued'),
    documents: c('documents'),
    emailed: c('emailed'),
    billingCalls: c('billingCalls'),
    reminders: c('reminders'),
    pending: status?.pendingMail ?? st?.pending ?? 0,
    problems: c('problems'),
    outstanding: m(status?.outstanding ?? st?.outstanding),
    overdue: m(status?.overdue ?? st?.overdue),
    payablesDue: m(status?.payablesDue ?? st?.payablesDue),
    autoSend: ctx.settings.autoSend,
  });
  if (!sendMarked(ctx, marker, to, message, [], 'summary')) return 'later';
  add(job.counts, { emailed: 1 });
  return 'sent';
}
