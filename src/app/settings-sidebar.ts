/**
 * The Settings sidebar's use cases (SPEC §6): what the sidebar shows (the settings it edits with
 * their problems, the next number of each pattern, the schedule, what the next monthly run would
 * bill and send), saving a form into the Settings tab, the next number of a pattern being typed,
 * and installing or removing the monthly run.
 *
 * Saving writes only the values that changed, each in the value cell of its key's row (rows
 * found by their key, French or English), one write per block of adjacent rows; a key missing
 * from the tab gets a row at the end. Other rows, the user's own, are left alone. With one field
 * refused, nothing is written.
 */
import { msg, t } from '../texts';
import { formatDate } from '../domain/format';
import { toCalendarDate } from '../domain/time-zone';
import {
  settingsSidebarHtml,
  sidebarTitle,
  type FieldView,
  type NextRunView,
  type SidebarView,
} from '../render/settings-sidebar';
import { asText, isEmpty, parseEnum, type CellValue } from '../sheets/cells';
import { matchHeaders } from '../sheets/read-tab';
import { settingLabel, type SettingsRead } from '../sheets/settings';
import {
  cellText,
  checkField,
  checkSettingsForm,
  defaultText,
  nextBillingCallDate,
  PATTERN_KEYS,
  previewNumber,
  SIDEBAR_FIELDS,
  SIDEBAR_KEYS,
  type FormErrors,
  type NumberPreview,
  type PatternKey,
  type SidebarKey,
} from '../sheets/settings-form';
import { BILLING_MODES, tabDef, type Lang } from '../sheets/tabs';
import { previewDrafts } from './generate';
import { counterState } from './issue';
import { TRIGGER_HANDLER } from './menu';
import type { Ports, WorkbookPort } from './ports';
import { loadOutput } from './register';
import { RunContext } from './run-context';
import { schedule, unschedule } from './schedule';

/** What the sidebar asks the server, through the shell. */
export type SidebarCall =
  | { readonly fn: 'load' }
  | { readonly fn: 'save'; readonly form: unknown }
  | { readonly fn: 'preview'; readonly arg: unknown }
  | { readonly fn: 'schedule'; readonly on: unknown };

export interface LoadReply {
  ok: true;
  message: string;
  lang: Lang;
  values: Record<SidebarKey, string>;
  errors: FormErrors;
  numbers: Partial<Record<PatternKey, NumberPreview>>;
  scheduled: boolean;
  nextRun: NextRunView;
}

export interface SaveReply {
  ok: boolean;
  message: string;
  /** Field → why it was refused. */
  errors: FormErrors;
  /** The settings written. */
  changed: SidebarKey[];
  /** The fields' texts after saving, normalized. */
  values: Partial<Record<SidebarKey, string>>;
}

export interface ScheduleReply {
  ok: boolean;
  message: string;
  scheduled: boolean;
}

/** When the call could not be done at all (another run holds the lock, an unexpected error). */
export interface SidebarFailure {
  ok: false;
  message: string;
}

export type SidebarReply = LoadReply | SaveReply | ScheduleReply | NumberPreview | SidebarFailure;

/** Calls that write, and so take the document lock. */
export function sidebarWrites(call: SidebarCall): boolean {
  return call.fn === 'save' || call.fn === 'schedule';
}

export function sidebarCall(ports: Ports, call: SidebarCall): SidebarReply {
  const ctx = new RunContext(readingOnce(ports), 'settings');
  switch (call.fn) {
    case 'load':
      return load(ctx);
    case 'save':
      return save(ctx, call.form);
    case 'preview':
      return previewOne(ctx, call.arg);
    case 'schedule':
      return scheduleRun(ctx, call.on === true || call.on === 'true');
  }
}

/** The sidebar as the menu opens it; what the next run would do is loaded by the page. */
export function settingsSidebar(ctx: RunContext): { title: string; html: string } {
  const snap = snapshot(ctx);
  const view: SidebarView = {
    lang: ctx.lang,
    fields: fieldViews(snap, ctx.lang),
    numbers: numbers(ctx, snap),
    scheduled: isScheduled(ctx.ports),
    nextRun: null,
  };
  return { title: sidebarTitle(ctx.lang), html: settingsSidebarHtml(view) };
}

/**
 * The ports with each tab read at most once per call (until it is written): the settings are
 * read by the run context and by the sidebar, the register by the counters and the preview.
 */
function readingOnce(ports: Ports): Ports {
  const wb = ports.workbook;
  const cache = new Map<string, CellValue[][] | null>();
  const workbook: WorkbookPort = {
    timeZone: wb.timeZone,
    refresh: () => {
      cache.clear();
      wb.refresh();
    },
    sheetNames: () => wb.sheetNames(),
    read: (name) => {
      if (!cache.has(name)) cache.set(name, wb.read(name));
      return cache.get(name) ?? null;
    },
    readHeader: (name) => wb.readHeader(name),
    readNumberFormats: (name, rows, column, width) =>
      wb.readNumberFormats(name, rows, column, width),
    createTab: (name, headers, format) => {
      cache.delete(name);
      wb.createTab(name, headers, format);
    },
    finishTab: (name, headers, format) => {
      cache.delete(name);
      wb.finishTab(name, headers, format);
    },
    addColumns: (name, start, headers, format) => {
      cache.delete(name);
      wb.addColumns(name, start, headers, format);
    },
    write: (name, row, column, values, formats) => {
      cache.delete(name);
      if (formats === undefined) wb.write(name, row, column, values);
      else wb.write(name, row, column, values, formats);
    },
    writeColours: (name, row, column, bg, fg) => wb.writeColours(name, row, column, bg, fg),
    toast: (message, title) => (title === undefined ? wb.toast(message) : wb.toast(message, title)),
  };
  return { ...ports, workbook };
}

interface Snapshot {
  /** The Settings tab's name; null when the workbook has none. */
  sheet: string | null;
  info: SettingsRead;
  /** Each field as the sidebar shows it: normalized when valid, as typed otherwise. */
  texts: Record<SidebarKey, string>;
  /** The problems of the values in the tab. */
  errors: FormErrors;
}

function snapshot(ctx: RunContext): Snapshot {
  const info = ctx.settingsInfo;
  const lang = ctx.lang;
  const sheet = ctx.sheetName('settings');
  const values = sheet ? (ctx.ports.workbook.read(sheet) ?? []) : [];
  const texts = {} as Record<SidebarKey, string>;
  for (const key of SIDEBAR_KEYS) {
    const row = info.rows.get(key);
    const raw = row === undefined ? undefined : values[row - 1]?.[info.valueColumn - 1];
    const typed = cellText(key, raw);
    if (typed === '') {
      texts[key] = defaultText(key, lang);
      continue;
    }
    const r = checkField(key, typed, lang);
    texts[key] = r.ok ? r.value.text : typed;
  }
  const checked = checkSettingsForm(texts, lang);
  return { sheet, info, texts, errors: checked.ok ? {} : checked.errors };
}

function fieldViews(snap: Snapshot, lang: Lang): FieldView[] {
  return SIDEBAR_FIELDS.map((f) => {
    const base = {
      key: f.key,
      label: settingLabel(f.key, lang),
      kind: f.kind,
      value: snap.texts[f.key],
      ...(f.required ? { required: true } : {}),
      ...(snap.errors[f.key] ? { error: snap.errors[f.key] } : {}),
    };
    if (f.kind !== 'billingMode') return base;
    const mode = parseEnum(snap.texts[f.key], BILLING_MODES);
    return {
      ...base,
      value: mode.ok ? mode.value : '',
      options: BILLING_MODES.map((m) => ({ value: m.code, label: m[lang] })),
    };
  });
}

function today(ctx: RunContext) {
  return toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
}

/**
 * A provider code to show a `{PROVIDER}` pattern with: the first provider with a self-billing
 * mandate, else the first one. Read from the tab's cells, so that no ID is given here.
 */
function sampleProvider(ctx: RunContext): string | undefined {
  const name = ctx.sheetName('providers');
  const values = name ? ctx.ports.workbook.read(name) : null;
  if (!values) return undefined;
  const cols = matchHeaders(tabDef('providers'), values[0] ?? []);
  const code = cols.get('code');
  const mandate = cols.get('mandateOn');
  if (code === undefined) return undefined;
  const rows = values.slice(1).flatMap((r) => {
    const c = asText(r[code - 1] ?? '').toUpperCase();
    return c === '' ? [] : [{ c, mandate: mandate !== undefined && !isEmpty(r[mandate - 1]) }];
  });
  return (rows.find((r) => r.mandate) ?? rows[0])?.c;
}

function numbers(ctx: RunContext, snap: Snapshot): Partial<Record<PatternKey, NumberPreview>> {
  const counters = counterState(ctx, loadOutput(ctx, 'invoices', false));
  const day = today(ctx);
  const out: Partial<Record<PatternKey, NumberPreview>> = {};
  for (const key of PATTERN_KEYS) {
    const provider = key === 'selfBillingPattern' ? sampleProvider(ctx) : undefined;
    out[key] = previewNumber(key, snap.texts[key], counters, day, ctx.lang, provider);
  }
  return out;
}

function isScheduled(ports: Ports): boolean {
  return ports.triggers.list().some((tr) => tr.handler === TRIGGER_HANDLER);
}

function load(ctx: RunContext): LoadReply {
  const snap = snapshot(ctx);
  const lang = ctx.lang;
  const preview = previewDrafts(ctx);
  const next = nextBillingCallDate(today(ctx), ctx.settings.billingCallDay);
  return {
    ok: true,
    message: '',
    lang,
    values: snap.texts,
    errors: snap.errors,
    numbers: numbers(ctx, snap),
    scheduled: isScheduled(ctx.ports),
    nextRun: {
      date: next ? formatDate(next, lang) : '',
      autoSend: ctx.settings.autoSend,
      drafts: preview.rows.map((r) => ({ buyer: r.buyer, total: r.totalTTC })),
      unsentInvoices: preview.unsent,
      billingCalls: preview.billingCalls,
      problems: ctx.problems.length,
    },
  };
}

function refused(message: string, errors: FormErrors = {}): SaveReply {
  return { ok: false, message, errors, changed: [], values: {} };
}

function save(ctx: RunContext, form: unknown): SaveReply {
  const snap = snapshot(ctx);
  const lang = ctx.lang;
  if (snap.sheet === null)
    return refused(t(lang, 'sidebar.no-settings-tab', { menu: msg('menu.menuSetup') }));
  if (typeof form !== 'object' || form === null) return refused(t(lang, 'sidebar.empty-form'));
  const checked = checkSettingsForm(form as Record<string, unknown>, lang, snap.texts);
  if (!checked.ok) return refused(t(lang, 'sidebar.nothing-saved'), checked.errors);
  const changed = SIDEBAR_KEYS.filter((k) => {
    const v = checked.values[k];
    return v !== undefined && v.text !== snap.texts[k];
  });
  const values: Partial<Record<SidebarKey, string>> = {};
  for (const k of SIDEBAR_KEYS) {
    const v = checked.values[k];
    if (v !== undefined) values[k] = v.text;
  }
  if (changed.length === 0)
    return {
      ok: true,
      message: t(lang, 'sidebar.no-change'),
      errors: {},
      changed: [],
      values,
    };
  writeSettings(ctx, snap.sheet, snap.info, changed, (k) => checked.values[k]?.cell ?? '');
  const labels = changed.map((k) => settingLabel(k, lang)).join(', ');
  const message = t(lang, 'sidebar.saved', { count: changed.length, labels });
  // What was wrong with the values before this save is no news for the Journal.
  ctx.problems.splice(0);
  ctx.flushJournal(message);
  return { ok: true, message, errors: {}, changed, values };
}

/**
 * The changed values into their cells: one write per block of adjacent rows; keys without a
 * row get one after the last row, key and value.
 */
function writeSettings(
  ctx: RunContext,
  sheet: string,
  info: SettingsRead,
  keys: readonly SidebarKey[],
  cell: (k: SidebarKey) => string | number,
): void {
  const wb = ctx.ports.workbook;
  const placed = keys
    .flatMap((k) => {
      const row = info.rows.get(k);
      return row === undefined ? [] : [{ k, row }];
    })
    .sort((a, b) => a.row - b.row);
  let block: { k: SidebarKey; row: number }[] = [];
  const flush = () => {
    const first = block[0];
    if (first)
      wb.write(
        sheet,
        first.row,
        info.valueColumn,
        block.map((b) => [cell(b.k)]),
      );
    block = [];
  };
  for (const p of placed) {
    const last = block[block.length - 1];
    if (last && p.row !== last.row + 1) flush();
    block.push(p);
  }
  flush();
  const missing = keys.filter((k) => !info.rows.has(k));
  if (missing.length === 0) return;
  const at = Math.max(info.lastRow, 1) + 1;
  const label = (k: SidebarKey) => settingLabel(k, ctx.lang);
  if (info.valueColumn === info.keyColumn + 1) {
    wb.write(
      sheet,
      at,
      info.keyColumn,
      missing.map((k) => [label(k), cell(k)]),
    );
  } else {
    wb.write(
      sheet,
      at,
      info.keyColumn,
      missing.map((k) => [label(k)]),
    );
    wb.write(
      sheet,
      at,
      info.valueColumn,
      missing.map((k) => [cell(k)]),
    );
  }
}

function previewOne(ctx: RunContext, arg: unknown): NumberPreview {
  const lang = ctx.lang;
  const a = (typeof arg === 'object' && arg !== null ? arg : {}) as Record<string, unknown>;
  const key = PATTERN_KEYS.find((k) => k === a['key']);
  const pattern = typeof a['pattern'] === 'string' ? a['pattern'] : '';
  if (!key) return { ok: false, error: t(lang, 'sidebar.unknown-pattern') };
  const valid = checkField(key, pattern, lang);
  if (!valid.ok) return { ok: false, error: valid.error };
  // The counters as a run would read them once this pattern is saved: its series are read back
  // from the register with it. This run's settings are its own copy and are not saved.
  ctx.settings[key] = valid.value.text;
  const counters = counterState(ctx, loadOutput(ctx, 'invoices', false));
  const provider = key === 'selfBillingPattern' ? sampleProvider(ctx) : undefined;
  return previewNumber(key, valid.value.text, counters, today(ctx), lang, provider);
}

function scheduleRun(ctx: RunContext, on: boolean): ScheduleReply {
  const lang = ctx.lang;
  let message: string;
  let changed: boolean;
  if (on) {
    changed = schedule(ctx.ports);
    message = changed ? t(lang, 'sidebar.scheduled') : t(lang, 'outcome.already-scheduled');
  } else {
    const removed = unschedule(ctx.ports);
    changed = removed > 0;
    message = changed ? t(lang, 'sidebar.unscheduled') : t(lang, 'sidebar.not-scheduled');
  }
  if (changed) {
    ctx.problems.splice(0);
    ctx.flushJournal(message);
  }
  return { ok: true, message, scheduled: on };
}
