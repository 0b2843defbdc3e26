/**
 * One run of an action: reads each tab once, gives IDs to new rows (one write per tab), collects
 * problems and writes them to the Journal in one write at the end.
 */
import { redact } from '../domain/redact';
import { render, t, type Message, type PlainTextKey, type TextKey } from '../texts';
import { asText, type CellValue } from '../sheets/cells';
import { normalizeName } from '../sheets/normalize';
import { a1, problem, type Problem } from '../sheets/problems';
import type { SourceRef } from '../domain/problem';
import { percentColumns, readTab, type ReadOptions, type TabRead } from '../sheets/read-tab';
import { idColumnBlock } from '../sheets/ids';
import { checkedTabs, type ReadTabs } from '../sheets/cross-check';

const INPUT_TABS: readonly TabKey[] = [
  'clients',
  'providers',
  'rates',
  'sessions',
  'timesheets',
  'trainings',
  'enrolments',
  'extra-lines',
  'payments',
];
import { readSettings, settingByName, type Settings, type SettingsRead } from '../sheets/settings';
import { tabDef, TABS, type Lang, type TabDef, type TabKey } from '../sheets/tabs';
import { formatFor } from './tab-format';
import type { Ports } from './ports';
import { TimeBudget } from './time-budget';

/** Progress toasts are 50 ms each: one every 10 s at most. */
type ProgressKey = Extract<TextKey, `progress.${string}`>;

const PROGRESS_EVERY_MS = 10_000;

export interface JournalEntry {
  level: string;
  tab: string;
  cell: string;
  message: string;
  value: string;
}

export class RunContext {
  readonly runId: string;
  readonly problems: Problem[] = [];
  private readonly reported = new Set<string>();
  readonly notes: JournalEntry[] = [];
  private readonly tabs = new Map<TabKey, TabRead | null>();
  private readonly raw = new Map<TabKey, CellValue[][]>();
  private settingsRead: SettingsRead | undefined;

  /** What is left of the execution's 6 minutes, and why the run stopped early, if it did. */
  readonly budget: TimeBudget;

  constructor(
    readonly ports: Ports,
    readonly action: string,
  ) {
    const uuid = ports.newId().replace(/-/g, '');
    this.runId = uuid.slice(0, 8);
    this.idPrefix = uuid.slice(0, 12);
    this.budget = TimeBudget.of(ports.clock, ports.store);
  }

  private lastProgressMs = 0;

  /**
   * A toast such as "12 / 40 factures mises en page" while a person waits: at most one every
   * PROGRESS_EVERY_MS, never for the last unit (the outcome follows), never from the trigger.
   */
  progress(done: number, total: number, what: ProgressKey): void {
    if (!this.ports.ui.interactive || done >= total) return;
    const now = this.budget.elapsedMs();
    if (now - this.lastProgressMs < PROGRESS_EVERY_MS) return;
    this.lastProgressMs = now;
    this.ports.workbook.toast(t(this.lang, what, { done, total }), 'Facturier');
  }

  private idCount = 0;
  private readonly idPrefix: string;

  /**
   * A new row ID: the run's prefix (one UUID per run) and a counter, so that giving IDs to
   * 10,000 new rows costs no Apps Script call per row.
   */
  rowId(): string {
    this.idCount += 1;
    return `${this.idPrefix}-${this.idCount.toString(36)}`;
  }

  get timeZone(): string {
    return this.ports.workbook.timeZone;
  }

  /** The sheet name of a tab, found by its French or English name. */
  sheetName(key: TabKey): string | null {
    const def = tabDef(key);
    const wanted = [normalizeName(def.fr), normalizeName(def.en)];
    return this.ports.workbook.sheetNames().find((n) => wanted.includes(normalizeName(n))) ?? null;
  }

  /** Number formats of a tab's percent columns (one read spanning them), when it has any. */
  private percentFormats(
    key: TabKey,
    name: string,
    values: readonly (readonly CellValue[])[],
  ): Pick<ReadOptions, 'numberFormat'> {
    const cols = percentColumns(tabDef(key), values[0] ?? []);
    if (cols.length === 0 || values.length < 2) return {};
    const first = Math.min(...cols);
    const formats = this.ports.workbook.readNumberFormats(
      name,
      values.length,
      first,
      Math.max(...cols) - first + 1,
    );
    return { numberFormat: (row, column) => formats[row - 1]?.[column - first] ?? '' };
  }

  /**
   * The sheet and cell that a document problem's source names: a client's or a provider's
   * column (found by the record's code), or a setting's value; null when not found.
   */
  cellOf(source: SourceRef): { tab: string; cell: string } | null {
    const wanted = [normalizeName(source.field.fr), normalizeName(source.field.en)];
    if (source.tab === 'settings') {
      const info = this.settingsInfo;
      const def = wanted.map(settingByName).find((d) => d !== undefined);
      const row = def ? info.rows.get(def.key) : undefined;
      return { tab: info.sheetName, cell: row === undefined ? '' : a1(row, info.valueColumn) };
    }
    if (source.tab === 'invoice') return null;
    const read = this.tab(source.tab);
    if (!read) return null;
    const column = read.def.columns.find((c) =>
      [c.fr, c.en, c.key].some((label) => wanted.includes(normalizeName(label))),
    );
    const rec = read.records.find((r) => String(r.values['code'] ?? '') === source.record);
    const col = column ? read.columns.get(column.key) : undefined;
    if (!rec) return { tab: read.sheetName, cell: '' };
    return {
      tab: read.sheetName,
      cell: col === undefined ? `${rec.row}:${rec.row}` : a1(rec.row, col),
    };
  }

  get settingsInfo(): SettingsRead {
    if (!this.settingsRead) {
      const name = this.sheetName('settings');
      const values = name ? (this.ports.workbook.read(name) ?? []) : [];
      // The value column's number formats, read once if a percent setting holds a number.
      let formats: string[][] | null = null;
      const numberFormat = (row: number, column: number): string => {
        formats ??= name
          ? this.ports.workbook.readNumberFormats(name, values.length, column, 1)
          : [];
        return formats[row - 1]?.[0] ?? '';
      };
      this.settingsRead = readSettings(values, name ?? tabDef('settings').fr, numberFormat);
      this.settingsRead.problems.forEach((p) => this.report(p));
    }
    return this.settingsRead;
  }

  get settings(): Settings {
    return this.settingsInfo.settings;
  }

  get lang(): Lang {
    return this.settings.locale;
  }

  private checked = false;

  /**
   * Every input tab read once and cross-checked (codes that must exist, codes that must be
   * unique): the rows that fail are reported and dropped before any rule sees them.
   */
  checkInputs(): void {
    if (this.checked) return;
    this.checked = true;
    const tabs: ReadTabs = {};
    for (const key of INPUT_TABS) tabs[key] = this.tab(key);
    const { tabs: kept, problems } = checkedTabs(tabs);
    problems.forEach((p) => this.report(p));
    for (const key of INPUT_TABS) {
      const read = kept[key];
      if (read !== undefined) this.tabs.set(key, read);
    }
  }

  /** Forget what was read (after set-up changed the workbook). */
  reset(): void {
    this.tabs.clear();
    this.raw.clear();
    this.checked = false;
    this.settingsRead = undefined;
  }

  /** Read and parse a tab once per run; null when the tab does not exist. */
  tab(key: TabKey): TabRead | null {
    if (this.tabs.has(key)) return this.tabs.get(key) ?? null;
    const name = this.sheetName(key);
    const values = name ? this.ports.workbook.read(name) : null;
    const read =
      name && values
        ? readTab(tabDef(key), name, values, {
            timeZone: this.timeZone,
            lang: this.lang,
            newId: () => this.rowId(),
            ...this.percentFormats(key, name, values),
          })
        : null;
    if (read) read.problems.forEach((p) => this.report(p));
    if (values) this.raw.set(key, values);
    this.tabs.set(key, read);
    return read;
  }

  /** Raw values of an output tab (header first), creating the tab when missing. */
  outputValues(key: TabKey): { name: string; values: CellValue[][] } {
    const name = this.ensureTab(key);
    return { name, values: this.ports.workbook.read(name) ?? [] };
  }

  /**
   * The tab's sheet name, made first if missing. Making a tab takes several calls (insert,
   * headers, formats): a marker kept meanwhile lets the next run finish a tab that a stopped run
   * left half made, as set-up does.
   */
  ensureTab(key: TabKey): string {
    const def = tabDef(key);
    const marker = `setup:tab:${key}`;
    const existing = this.sheetName(key);
    if (existing) {
      if (this.ports.store.get(marker) !== null) {
        this.ports.workbook.finishTab(
          existing,
          headersOf(def, this.lang),
          formatFor(def, this.lang),
        );
        this.ports.store.remove(marker);
      }
      return existing;
    }
    const name = def[this.lang];
    this.ports.store.set(marker, name);
    this.ports.workbook.createTab(name, headersOf(def, this.lang), formatFor(def, this.lang));
    this.ports.store.remove(marker);
    return name;
  }

  /** Write the IDs given to new rows: one write per tab covering its ID column. */
  flushIds(): void {
    for (const [key, read] of this.tabs) {
      if (!read) continue;
      const block = idColumnBlock(read, this.raw.get(key) ?? []);
      if (!block) continue;
      this.ports.workbook.write(read.sheetName, block.row, block.column, block.values);
      read.newIds.length = 0;
    }
  }

  note(level: string, tab: string, cell: string, message: string, value = ''): void {
    this.notes.push({ level, tab, cell, message, value });
  }

  /** The same problem found twice in a run (a tab read by two rules) is reported once. */
  report(p: Problem): void {
    const key = `${p.code}|${p.tab}|${p.cell}|${JSON.stringify(p.message)}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push(p);
  }

  warn(code: string, tab: string, cell: string, value: unknown, message: Message): void {
    this.report(problem(code, tab, cell, value, message, 'warning'));
  }

  private readonly journaled: (() => void)[] = [];

  /** Work that must wait until the run's Journal lines are written (see flushJournal). */
  afterJournal(fn: () => void): void {
    this.journaled.push(fn);
  }

  /** All problems and notes of the run, in one append to the Journal. */
  flushJournal(summary: string): number {
    const n = this.writeJournal(summary);
    for (const fn of this.journaled.splice(0)) fn();
    return n;
  }

  private writeJournal(summary: string): number {
    const when = this.ports.clock.now();
    const level = (l: string): string => {
      const key = LEVELS[l];
      return key === undefined ? l : t(this.lang, key);
    };
    const { name, values } = this.outputValues('journal');
    // A warning is written once per cause: the same warning at the same cell, already in the
    // Journal from an earlier run, is not written again. Errors (something blocks billing) and
    // incidents (a quota, a failed document: events, not causes) are written at every run.
    const key = (lv: unknown, tab: unknown, cell: unknown, message: unknown): string =>
      JSON.stringify([
        asText(lv as CellValue),
        asText(tab as CellValue),
        asText(cell as CellValue),
        asText(message as CellValue),
      ]);
    const written = new Set(values.slice(1).map((r) => key(r[3], r[4], r[5], r[6])));
    const problems = this.problems.filter(
      (p) =>
        p.level !== 'warning' ||
        INCIDENT_CODES.has(p.code) ||
        !written.has(
          key(level(p.level), p.tab, p.cell, clipJournal(redact(render(p.message, this.lang)))),
        ),
    );
    const rows: CellValue[][] = [
      [when, this.runId, this.action, level('info'), '', '', summary, ''],
      ...problems.map((p) => [
        when,
        this.runId,
        this.action,
        level(p.level),
        p.tab,
        p.cell,
        redact(render(p.message, this.lang)),
        typeof p.value === 'string' ? redact(p.value) : p.value,
      ]),
      ...this.notes.map((n) => [
        when,
        this.runId,
        this.action,
        level(n.level),
        n.tab,
        n.cell,
        redact(n.message),
        redact(n.value),
      ]),
    ];
    // A value seen can be a whole cell: cut so that the line fits with its context.
    const clipped = rows.map((r) => r.map(clipJournal));
    this.ports.workbook.write(name, Math.max(values.length, 1) + 1, 1, clipped);
    return this.problems.length;
  }
}

function clipJournal(v: CellValue): CellValue {
  return typeof v === 'string' && v.length > JOURNAL_VALUE_CHARS
    ? `${v.slice(0, JOURNAL_VALUE_CHARS)}…`
    : v;
}

/** Journal codes of what happened to a run, not of something to fix in the workbook. */
export const INCIDENT_CODES: ReadonlySet<string> = new Set([
  'docs-quota',
  'mail-quota',
  'service-limit',
  'document-failed',
]);

/** The Journal shows the first characters of a long value; the cell it names holds it all. */
const JOURNAL_VALUE_CHARS = 1_000;

/** The Journal's levels, in the workbook's language. */
const LEVELS: Readonly<Record<string, PlainTextKey>> = {
  info: 'level.info',
  error: 'level.error',
  warning: 'level.warning',
};

export function headersOf(def: TabDef, lang: Lang): string[] {
  return def.columns.map((c) => c[lang]);
}

export function allTabs(): readonly TabDef[] {
  return TABS;
}
