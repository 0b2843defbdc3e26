/**
 * The dialogs of the accounting actions and what their forms do: the entries of a period, the
 * credit transfers due by a date, the BPF of a year. Each form is checked as a whole; a refusal
 * names the field and says why, and nothing is written until every field is right.
 */
import {
  addDays,
  compareDates,
  firstDayOfMonth,
  lastDayOfMonth,
  previousMonth,
  type CalendarDate,
  type MonthKey,
} from '../domain/dates';
import { formatDate, formatMoney } from '../domain/format';
import type { DialogSpec } from '../render/dialogs';
import { parseDateText, parseInteger } from '../sheets/cells';
import { render, t } from '../texts';
import { exportEntries, exportTransfers, TransferRefused, todayOf, writeBpf } from './accounting';
import type { RunContext } from './run-context';

export type AccountingForm = 'entries' | 'transfers' | 'bpf';

type Lang = 'fr' | 'en';

export interface AccountingOutcome {
  ok: boolean;
  message: string;
  errors: Record<string, string>;
  counts: Record<string, number>;
}

/** The dialog of each form, its fields filled with what is usually wanted today. */
export function accountingDialog(
  name: AccountingForm,
  lang: Lang,
  today: CalendarDate,
  common: { cancelLabel: string; submit: string },
): { title: string; spec: DialogSpec } {
  const month = previousMonth(today.slice(0, 7) as MonthKey);
  if (name === 'entries') {
    return {
      title: t(lang, 'menu.menuEntries'),
      spec: {
        ...common,
        intro: t(lang, 'dialog.entries.intro'),
        submitLabel: t(lang, 'dialog.entries.submit'),
        fields: [
          {
            name: 'from',
            label: t(lang, 'dialog.entries.from'),
            type: 'date',
            required: true,
            value: firstDayOfMonth(month),
          },
          {
            name: 'to',
            label: t(lang, 'dialog.entries.to'),
            type: 'date',
            required: true,
            value: lastDayOfMonth(month),
          },
        ],
      },
    };
  }
  if (name === 'transfers') {
    return {
      title: t(lang, 'menu.menuTransfers'),
      spec: {
        ...common,
        intro: t(lang, 'dialog.transfers.intro'),
        submitLabel: t(lang, 'dialog.transfers.submit'),
        fields: [
          {
            name: 'upTo',
            label: t(lang, 'dialog.transfers.up-to'),
            type: 'date',
            required: true,
            value: addDays(today, 7),
            help: t(lang, 'dialog.transfers.up-to-help'),
          },
          {
            name: 'execution',
            label: t(lang, 'dialog.transfers.execution'),
            type: 'date',
            required: true,
            value: addDays(today, 1),
            help: t(lang, 'dialog.transfers.execution-help'),
          },
        ],
      },
    };
  }
  const year = Number(today.slice(0, 4)) - 1;
  return {
    title: t(lang, 'menu.menuBpf'),
    spec: {
      ...common,
      intro: t(lang, 'dialog.bpf.intro'),
      submitLabel: t(lang, 'dialog.bpf.submit'),
      fields: [
        {
          name: 'year',
          label: t(lang, 'dialog.bpf.year'),
          type: 'text',
          required: true,
          value: String(year),
        },
      ],
    },
  };
}

function str(form: Record<string, unknown>, key: string): string {
  const v = form[key];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** A date field: the date, or why not in `errors`. */
function dateField(
  form: Record<string, unknown>,
  key: string,
  lang: Lang,
  errors: Record<string, string>,
): CalendarDate | null {
  const raw = str(form, key);
  if (raw === '') {
    errors[key] = t(lang, 'form.date-required');
    return null;
  }
  const d = parseDateText(raw, lang);
  if (!d.ok) {
    errors[key] = render(d.why, lang);
    return null;
  }
  return d.value as CalendarDate;
}

function refused(lang: Lang, errors: Record<string, string>): AccountingOutcome {
  return { ok: false, message: t(lang, 'form.nothing-recorded'), errors, counts: {} };
}

export function submitAccountingForm(
  ctx: RunContext,
  name: AccountingForm,
  form: Record<string, unknown>,
): AccountingOutcome {
  const lang = ctx.lang;
  const errors: Record<string, string> = {};
  const cur = ctx.settings.currency || 'EUR';
  if (name === 'entries') {
    const from = dateField(form, 'from', lang, errors);
    const to = dateField(form, 'to', lang, errors);
    if (from && to && compareDates(from, to) > 0) errors['to'] = t(lang, 'form.period-reversed');
    if (from && to && !errors['to'] && compareDates(addDays(from, 366), to) < 0)
      errors['to'] = t(lang, 'form.period-too-long');
    if (!from || !to || Object.keys(errors).length > 0) return refused(lang, errors);
    const o = exportEntries(ctx, from, to);
    return {
      ok: true,
      message: t(lang, 'outcome.entries', {
        entries: o.entries,
        from: formatDate(from, lang),
        to: formatDate(to, lang),
        file: o.fileName,
        skipped: o.skipped,
      }),
      errors: {},
      counts: { entries: o.entries, lines: o.lines, skipped: o.skipped },
    };
  }
  if (name === 'transfers') {
    const upTo = dateField(form, 'upTo', lang, errors);
    const execution = dateField(form, 'execution', lang, errors);
    if (execution && compareDates(execution, todayOf(ctx)) < 0)
      errors['execution'] = t(lang, 'form.date-in-past');
    if (!upTo || !execution || Object.keys(errors).length > 0) return refused(lang, errors);
    let o;
    try {
      o = exportTransfers(ctx, upTo, execution);
    } catch (e) {
      if (!(e instanceof TransferRefused)) throw e;
      return {
        ok: false,
        message: render(e.why, lang),
        errors: {},
        counts: {},
      };
    }
    const message =
      o.transfers === 0
        ? t(lang, 'outcome.transfers-none', { upTo: formatDate(upTo, lang), skipped: o.skipped })
        : t(lang, 'outcome.transfers', {
            count: o.transfers,
            total: formatMoney(o.total, lang, cur),
            file: o.fileName,
            skipped: o.skipped,
          });
    return {
      ok: true,
      message,
      errors: {},
      counts: { transfers: o.transfers, skipped: o.skipped, resumed: o.resumed },
    };
  }
  const year = parseInteger(str(form, 'year'), lang);
  if (!year.ok || year.value < 2000 || year.value > 2100) {
    errors['year'] = t(lang, 'form.year-invalid');
    return refused(lang, errors);
  }
  const o = writeBpf(ctx, year.value);
  return {
    ok: true,
    message: t(lang, 'outcome.bpf', {
      year: o.year,
      total: formatMoney(o.total, lang, cur),
      learners: o.learners,
      hours: hoursText(o.hours.toFixed(2), lang),
    }),
    errors: {},
    counts: { learners: o.learners },
  };
}

/** `12.50` → `12,5` in French, `12.5` in English. */
function hoursText(fixed: string, lang: Lang): string {
  const trimmed = fixed.replace(/\.(\d*?)0+$/, '.$1').replace(/\.$/, '');
  return lang === 'fr' ? trimmed.replace('.', ',') : trimmed;
}

/** The monthly job's step: the entries of the month before this one. */
export function monthEntries(ctx: RunContext): number {
  const month = previousMonth(todayOf(ctx).slice(0, 7) as MonthKey);
  return exportEntries(ctx, firstDayOfMonth(month), lastDayOfMonth(month)).entries;
}
