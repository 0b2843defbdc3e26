/**
 * The actions of the menu, the trigger and the local runner, with what every run shares:
 * the document lock, the Journal, and a short outcome for the user.
 */
import { requiredSettingsProblems } from '../sheets/required-settings';
import { generateDrafts, previewDrafts } from './generate';
import {
  dispatch,
  issueThenRefresh,
  notePending,
  planToday,
  runMonthlyJob,
  type JobOutcome,
} from './monthly-job';
import { issueAndSend } from './issue';
import { menuFor } from './menu';
import { RunContext } from './run-context';
import { checkTemplateOf } from './template';
import { dialogFor, submitForm, type FormName } from './forms';
import { refreshPaymentStatus } from './payment-status';
import { formatMoney } from '../domain/format';
import { Money } from '../domain/money';
import { toCalendarDate } from '../domain/time-zone';
import { setupWorkbook } from './setup';
import { schedule, unschedule } from './schedule';
import { settingsSidebar } from './settings-sidebar';
import type { Ports } from './ports';
import { msg, t, type PlainTextKey } from '../texts';

export type ActionName =
  | 'setup'
  | 'preview'
  | 'generate'
  | 'issue'
  | 'billing-calls'
  | 'record-payment'
  | 'credit-note'
  | 'debit-note'
  | 'apply-credit'
  | 'receive'
  | 'bill-session'
  | 'write-off'
  | 'entries'
  | 'transfers'
  | 'bpf'
  | 'refresh'
  | 'remind'
  | 'schedule'
  | 'unschedule'
  | 'settings'
  | 'help'
  | 'dispatch'
  | 'monthly';

export type ActionOptions = Record<string, unknown>;

export interface ActionResult {
  ok: boolean;
  title: string;
  message: string;
  counts: Record<string, number>;
  problems: number;
  /** Show as a dialog rather than a toast. */
  dialog?: boolean;
  /** The action already showed its outcome (a dialog of its own). */
  shown?: boolean;
  /** A dialog's form refused: field name → why. */
  errors?: Record<string, string>;
  /** Nothing happened: no line in the Journal (the hourly trigger's idle runs). */
  quiet?: boolean;
}

const LOCK_WAIT_MS = 10_000;

type Lang = 'fr' | 'en';

export function runAction(
  ports: Ports,
  action: ActionName,
  options: ActionOptions = {},
): ActionResult {
  if (action === 'help') return help(ports);
  // The trigger runs every hour: when nothing is due it reads what it needs and stops, without
  // even taking the lock (the decision is taken again under the lock when something is due).
  if (action === 'dispatch') {
    const peek = new RunContext(ports, action);
    if (planToday(peek) === 'idle' && peek.problems.length === 0) {
      return {
        ...result(peek, t(peek.lang, 'outcome.nothing-to-do')),
        quiet: true,
      };
    }
  }
  if (!ports.lock.tryLock(LOCK_WAIT_MS)) {
    return {
      ok: false,
      title: 'Facturier',
      message: `${t('fr', 'outcome.busy')} / ${t('en', 'outcome.busy')}`,
      counts: {},
      problems: 0,
    };
  }
  // What other runs wrote is readable now that this one holds the lock.
  ports.workbook.refresh();
  const ctx = new RunContext(ports, action);
  try {
    if (action === 'preview') return missingSettings(ctx, action) ?? preview(ctx);
    const form = options['form'];
    const result =
      isFormAction(action) && form && typeof form === 'object'
        ? submit(ctx, action, form as Record<string, unknown>)
        : perform(ctx, action);
    if (result.quiet) return result;
    ctx.flushIds();
    result.problems = ctx.flushJournal(result.message);
    if (result.problems > 0) {
      result.message += `\n${t(ctx.lang, 'outcome.problems', { count: result.problems })}`;
    }
    return result;
  } finally {
    ports.lock.release();
  }
}

/**
 * The settings an action cannot do without (SPEC §2.1), each reported at its Settings cell;
 * null when all are there.
 */
function missingSettings(ctx: RunContext, action: ActionName): ActionResult | null {
  const trainings = (ctx.tab('trainings')?.records.length ?? 0) > 0;
  const problems = requiredSettingsProblems(ctx.settingsInfo, action, { trainings });
  if (problems.length === 0) return null;
  problems.forEach((p) => ctx.report(p));
  return {
    ok: false,
    title: 'Facturier',
    message: t(ctx.lang, 'outcome.missing-settings', { count: problems.length }),
    counts: { missingSettings: problems.length },
    problems: 0,
  };
}

function result(
  _ctx: RunContext,
  message: string,
  counts: Record<string, number> = {},
): ActionResult {
  return { ok: true, title: 'Facturier', message, counts, problems: 0 };
}

function perform(ctx: RunContext, action: ActionName): ActionResult {
  const lang = ctx.lang;
  switch (action) {
    case 'setup': {
      const o = setupWorkbook(ctx);
      const check = checkTemplateOf(ctx);
      const findings = check ? check.missing.length + check.unknown.length : 0;
      const done = {
        tabs: o.tabsCreated.length,
        columns: o.columnsAdded.length,
        settings: o.settingsAdded,
      };
      return result(
        ctx,
        t(lang, o.templateCreated ? 'outcome.setup-with-template' : 'outcome.setup', done) +
          (findings > 0 ? ` ${t(lang, 'outcome.template-to-fix', { count: findings })}` : ''),
        {
          tabsCreated: o.tabsCreated.length,
          columnsAdded: o.columnsAdded.length,
          templateMissing: check?.missing.length ?? 0,
          templateUnknown: check?.unknown.length ?? 0,
        },
      );
    }
    case 'monthly':
    case 'dispatch': {
      // The trigger runs every hour: when nothing is due it reads two things and stops.
      const plan = action === 'dispatch' ? planToday(ctx) : 'monthly';
      if (plan === 'idle' && ctx.problems.length === 0) {
        return {
          ...result(ctx, t(lang, 'outcome.nothing-to-do')),
          quiet: true,
        };
      }
      setupWorkbook(ctx);
      const missing = missingSettings(ctx, action);
      if (missing) return missing;
      const o = action === 'monthly' ? runMonthlyJob(ctx) : dispatch(ctx, plan);
      return jobResult(ctx, o);
    }
    case 'issue': {
      setupWorkbook(ctx);
      const missing = missingSettings(ctx, action);
      if (missing) return missing;
      const { o, s } = issueThenRefresh(ctx, true, false);
      notePending(ctx);
      const pending = o.pendingMail + (s?.pendingMail ?? 0);
      return result(
        ctx,
        t(lang, pending > 0 ? 'outcome.issue-pending' : 'outcome.issue', {
          issued: o.issued,
          documents: o.documents,
          emailed: o.emailed,
          pending,
        }) + stopText(ctx),
        {
          issued: o.issued,
          documents: o.documents,
          emailed: o.emailed,
          reminders: 0,
          pendingMail: pending,
          stopped: ctx.budget.stopped ? 1 : 0,
        },
      );
    }
    case 'generate': {
      const missing = missingSettings(ctx, action);
      if (missing) return missing;
      const n = generateDrafts(ctx);
      return result(ctx, t(lang, 'outcome.generate', { count: n }), { drafts: n });
    }
    case 'billing-calls': {
      setupWorkbook(ctx);
      const missing = missingSettings(ctx, action);
      if (missing) return missing;
      const o = issueAndSend(ctx, false, true);
      return result(
        ctx,
        t(lang, o.pendingMail > 0 ? 'outcome.billing-calls-pending' : 'outcome.billing-calls', {
          payables: o.payables,
          emailed: o.emailed,
          pending: o.pendingMail,
        }),
        { payables: o.payables, emailed: o.emailed, pendingMail: o.pendingMail },
      );
    }
    case 'record-payment':
    case 'credit-note':
    case 'debit-note':
    case 'apply-credit':
    case 'receive':
    case 'bill-session':
    case 'write-off':
    case 'entries':
    case 'transfers':
    case 'bpf': {
      setupWorkbook(ctx);
      const d = dialogFor(action, lang, toCalendarDate(ctx.ports.clock.now(), ctx.timeZone));
      ctx.ports.ui.dialog(d.title, d.html);
      return { ...result(ctx, d.title), shown: true };
    }
    case 'refresh':
    case 'remind': {
      setupWorkbook(ctx);
      const s = refreshPaymentStatus(ctx, action === 'remind');
      const cur = ctx.settings.currency || 'EUR';
      const m = (v: string) => formatMoney(Money.of(v), lang, cur);
      const summary = t(lang, 'outcome.refresh', {
        outstanding: m(s.outstanding),
        overdue: m(s.overdue),
        payablesDue: m(s.payablesDue),
      });
      const sent =
        action === 'remind'
          ? ` ${t(lang, s.pendingMail > 0 ? 'outcome.reminders-sent-pending' : 'outcome.reminders-sent', { count: s.reminders, pending: s.pendingMail })}`
          : '';
      return result(ctx, summary + sent, {
        receivables: s.receivables,
        payables: s.payables,
        reminders: s.reminders,
        confirmations: s.confirmations,
        pendingMail: s.pendingMail,
      });
    }
    case 'schedule': {
      let created: boolean;
      try {
        created = schedule(ctx.ports);
      } catch (e) {
        // Apps Script allows an add-on one time-driven trigger per user and document.
        if (!/too many time-based triggers/i.test(e instanceof Error ? e.message : String(e)))
          throw e;
        return {
          ...result(ctx, t(lang, 'outcome.schedule-conflict')),
          ok: false,
        };
      }
      const day = ctx.settings.billingCallDay;
      return result(
        ctx,
        created ? t(lang, 'outcome.scheduled', { day }) : t(lang, 'outcome.already-scheduled'),
        { triggers: ctx.ports.triggers.list().length },
      );
    }
    case 'unschedule': {
      const removed = unschedule(ctx.ports);
      return result(ctx, t(lang, 'outcome.unscheduled', { count: removed }), { removed });
    }
    case 'settings': {
      const s = settingsSidebar(ctx);
      ctx.ports.ui.sidebar(s.title, s.html);
      return { ...result(ctx, s.title), shown: true };
    }
    default:
      return result(ctx, t(lang, 'outcome.later-version', { action: labelOf(action, lang) }));
  }
}

/** A dry run: shows what would be generated and writes nothing. */
function preview(ctx: RunContext): ActionResult {
  const { rows, html } = previewDrafts(ctx);
  ctx.ports.ui.dialog(t(ctx.lang, 'preview.title'), html);
  const message = [
    t(ctx.lang, 'outcome.preview', { count: rows.length }),
    ...rows.map((r) => t(ctx.lang, 'outcome.preview-row', { buyer: r.buyer, total: r.totalTTC })),
  ].join('\n');
  return {
    ok: true,
    title: 'Facturier',
    message,
    counts: { drafts: rows.length },
    problems: ctx.problems.length,
    shown: true,
  };
}

function isFormAction(action: ActionName): action is FormName {
  return (
    action === 'record-payment' ||
    action === 'credit-note' ||
    action === 'debit-note' ||
    action === 'apply-credit' ||
    action === 'receive' ||
    action === 'bill-session' ||
    action === 'write-off' ||
    action === 'entries' ||
    action === 'transfers' ||
    action === 'bpf'
  );
}

/** A dialog's form, posted through google.script.run: the dialog shows the answer itself. */
function submit(ctx: RunContext, action: FormName, form: Record<string, unknown>): ActionResult {
  setupWorkbook(ctx);
  const o = submitForm(ctx, action, form);
  return {
    ok: o.ok,
    title: 'Facturier',
    message: o.message,
    counts: o.counts,
    problems: 0,
    errors: o.errors,
    shown: true,
  };
}

/** The outcome of the monthly job or the dispatcher's run. */
function jobResult(ctx: RunContext, o: JobOutcome): ActionResult {
  const lang = ctx.lang;
  const c = (k: string): number => o.counts[k] ?? 0;
  const pending = c('pendingMail');
  const counts = {
    drafts: c('drafts'),
    issued: c('issued'),
    documents: c('documents'),
    emailed: c('emailed'),
    reminders: c('reminders'),
    pendingMail: pending,
    stopped: ctx.budget.stopped ? 1 : 0,
    finished: o.finished ? 1 : 0,
  };
  if (o.plan === 'idle') {
    return result(ctx, t(lang, 'outcome.nothing-to-do'), counts);
  }
  const figures = {
    drafts: c('drafts'),
    issued: c('issued'),
    documents: c('documents'),
    emailed: c('emailed'),
    reminders: remindersText(c('reminders'), lang),
  };
  const what =
    o.plan === 'daily'
      ? t(lang, 'outcome.daily', { ...figures, reminders: c('reminders') })
      : ctx.settings.autoSend || (o.job?.steps.includes('issue') && c('issued') > 0)
        ? t(lang, o.plan === 'continue' ? 'outcome.monthly-continued' : 'outcome.monthly', figures)
        : t(lang, 'outcome.auto-send-off', figures);
  const done =
    o.plan !== 'daily' && o.finished
      ? ` ${
          o.job && o.job.runs > 1
            ? t(lang, 'outcome.month-done-runs', { runs: o.job.runs })
            : t(lang, 'outcome.month-done')
        }`
      : '';
  const waiting =
    pending > 0 && ctx.budget.stop?.reason !== 'mail-quota'
      ? ` ${t(lang, 'outcome.emails-pending', { count: pending })}`
      : '';
  return result(ctx, what + done + waiting + stopText(ctx, pending), counts);
}

/** Why the run stopped before the end of its work, and when the rest will be done. */
function stopText(ctx: RunContext, pending = 0): string {
  const stop = ctx.budget.stop;
  if (!stop) return '';
  const lang = ctx.lang;
  if (stop.reason === 'time') {
    return ` ${t(lang, 'stop.time', { step: stepLabel(stop.step, lang) })}`;
  }
  if (stop.reason === 'service-limit') {
    return ` ${t(lang, 'stop.service-limit', { step: stepLabel(stop.step, lang) })}`;
  }
  if (stop.reason === 'docs-quota') return ` ${t(lang, 'stop.docs-quota')}`;
  return ` ${t(lang, 'stop.mail-quota', { pending })}`;
}

const STEP_LABELS: Readonly<Record<string, PlainTextKey>> = {
  documents: 'step.documents',
  send: 'step.send',
  'billing-calls': 'step.billing-calls',
  reminders: 'step.reminders',
  confirmations: 'step.confirmations',
  summary: 'step.summary',
};

function stepLabel(step: string, lang: Lang): string {
  const key = STEP_LABELS[step];
  return key === undefined ? step : t(lang, key);
}

function remindersText(n: number, lang: Lang): string {
  if (n === 0) return '';
  return `, ${t(lang, 'outcome.including-reminders', { count: n })}`;
}

function labelOf(action: ActionName, lang: Lang): string {
  const handler = `menu${action
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}`;
  return menuFor(lang).find((i) => i.handler === handler)?.caption ?? action;
}

function help(ports: Ports): ActionResult {
  // In the workbook's language: reading the Settings tab is all it costs.
  const message = t(new RunContext(ports, 'help').lang, 'help.text', {
    setup: msg('menu.menuSetup'),
    issue: msg('menu.menuIssue'),
  });
  return { ok: true, title: 'Facturier', message, counts: {}, problems: 0, dialog: true };
}
