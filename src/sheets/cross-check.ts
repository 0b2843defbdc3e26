/**
 * Checks between tabs, after each tab is read: codes that must exist (provider, client, session
 * reference, invoice number of a payment), codes that must be unique, and each mentoring session
 * having a rate. Pure: parsed tabs in, problems and the rows to drop out. The cell named is the
 * one holding the offending code.
 *
 * A row that fails is dropped (its problem is an error), except a payment naming an unknown
 * invoice: SPEC §2.1 has it reported, not dropped (a warning). When a code is given twice, the
 * first row keeps it and the later ones are dropped: rows that name the code keep working.
 */
import { msg, type LocalizedText } from '../texts';
import { a1, problem, type Problem } from './problems';
import type { FieldValue, RowRecord, TabRead } from './read-tab';
import { SESSION_TYPES, tabDef, type TabKey } from './tabs';

/** The tabs read for a run; a key absent means "not read", null means "no such tab". */
export type ReadTabs = Partial<Record<TabKey, TabRead | null>>;

export interface CrossCheck {
  problems: Problem[];
  /** Sheet rows (1-based) to drop, per tab. */
  rejected: Partial<Record<TabKey, ReadonlySet<number>>>;
}

interface Reference {
  from: TabKey;
  key: string;
  to: TabKey;
  toKey: string;
  optional?: boolean;
  /** The message of an unknown code (a sentence each, so that it agrees with its noun). */
  unknown: UnknownKey;
}

type UnknownKey =
  | 'check.unknown.provider'
  | 'check.unknown.client'
  | 'check.unknown.training'
  | 'check.unknown.sponsor'
  | 'check.unknown.financer';

const REFERENCES: readonly Reference[] = [
  ref('sessions', 'provider', 'providers', 'check.unknown.provider'),
  ref('timesheets', 'provider', 'providers', 'check.unknown.provider'),
  ref('timesheets', 'client', 'clients', 'check.unknown.client'),
  ref('enrolments', 'session', 'trainings', 'check.unknown.training'),
  ref('enrolments', 'sponsor', 'clients', 'check.unknown.sponsor'),
  ref('enrolments', 'financer', 'clients', 'check.unknown.financer', true),
  ref('extra-lines', 'client', 'clients', 'check.unknown.client'),
  ref('extra-lines', 'provider', 'providers', 'check.unknown.provider', true),
];

function ref(
  from: TabKey,
  key: string,
  to: TabKey,
  unknown: UnknownKey,
  optional = false,
): Reference {
  const toKey = to === 'trainings' ? 'session' : 'code';
  return { from, key, to, toKey, optional, unknown };
}

interface Unique {
  tab: TabKey;
  /** Columns whose values together must be unique; the first names the cell. */
  keys: readonly string[];
  duplicate:
    | 'check.duplicate.clients'
    | 'check.duplicate.providers'
    | 'check.duplicate.trainings'
    | 'check.duplicate.rates'
    | 'check.duplicate.timesheets';
}

const UNIQUE: readonly Unique[] = [
  { tab: 'clients', keys: ['code'], duplicate: 'check.duplicate.clients' },
  { tab: 'providers', keys: ['code'], duplicate: 'check.duplicate.providers' },
  { tab: 'trainings', keys: ['session'], duplicate: 'check.duplicate.trainings' },
  {
    tab: 'rates',
    keys: ['level', 'sessionType', 'validFrom'],
    duplicate: 'check.duplicate.rates',
  },
  {
    tab: 'timesheets',
    keys: ['mission', 'month', 'provider', 'client'],
    duplicate: 'check.duplicate.timesheets',
  },
];

/** A session type (`mentorat`) by its name in each language, as a message parameter. */
function sessionTypeName(code: string): LocalizedText | string {
  const value = SESSION_TYPES.find((s) => s.code === code);
  return value === undefined ? code : { fr: value.fr, en: value.en };
}

/** A tab's name in both languages, as a message parameter. */
function tabLabel(key: TabKey): LocalizedText {
  const def = tabDef(key);
  return { fr: def.fr, en: def.en };
}

const text = (v: FieldValue | undefined): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';

/** How codes compare: trimmed, upper-case (the code columns already give them so). */
const codeKey = (v: FieldValue | undefined): string => text(v).trim().toUpperCase();

class Collector {
  readonly problems: Problem[] = [];
  readonly rejected: Partial<Record<TabKey, Set<number>>> = {};

  reject(tab: TabKey, row: number): void {
    (this.rejected[tab] ??= new Set()).add(row);
  }

  isRejected(tab: TabKey, row: number): boolean {
    return this.rejected[tab]?.has(row) ?? false;
  }
}

function cellOf(read: TabRead, rec: RowRecord, key: string): string {
  const col = read.columns.get(key);
  return col === undefined ? `${rec.row}:${rec.row}` : a1(rec.row, col);
}

function checkUnique(tabs: ReadTabs, out: Collector): void {
  for (const u of UNIQUE) {
    const read = tabs[u.tab];
    if (!read) continue;
    const first = new Map<string, number>();
    for (const rec of read.records) {
      const parts = u.keys.map((k) => codeKey(rec.values[k]));
      const key = JSON.stringify(parts);
      const seen = first.get(key);
      if (seen === undefined) {
        first.set(key, rec.row);
        continue;
      }
      const shown = u.keys.length === 1 ? text(rec.values[u.keys[0] ?? '']) : parts.join(' / ');
      out.problems.push(
        problem(
          'duplicate-code',
          read.sheetName,
          cellOf(read, rec, u.keys[0] ?? ''),
          shown,
          msg(u.duplicate, { row: seen }),
        ),
      );
      out.reject(u.tab, rec.row);
    }
  }
}

function knownCodes(tabs: ReadTabs, to: TabKey, key: string, out: Collector): Set<string> {
  const codes = new Set<string>();
  for (const rec of tabs[to]?.records ?? []) {
    if (!out.isRejected(to, rec.row)) codes.add(codeKey(rec.values[key]));
  }
  return codes;
}

function checkReferences(tabs: ReadTabs, out: Collector): void {
  for (const r of REFERENCES) {
    const read = tabs[r.from];
    if (!read || !(r.to in tabs)) continue;
    const known = knownCodes(tabs, r.to, r.toKey, out);
    for (const rec of read.records) {
      const code = codeKey(rec.values[r.key]);
      if (code === '' && r.optional) continue;
      if (known.has(code)) continue;
      out.problems.push(
        problem(
          'unknown-code',
          read.sheetName,
          cellOf(read, rec, r.key),
          text(rec.values[r.key]),
          msg(r.unknown, { code, tab: tabLabel(r.to) }),
        ),
      );
      out.reject(r.from, rec.row);
    }
  }
}

/** A mentoring session that would be billed needs a rate: its own, or one of the grid. */
function checkRates(tabs: ReadTabs, out: Collector): void {
  const sessions = tabs.sessions;
  if (!sessions || !('rates' in tabs)) return;
  const validFrom = new Map<string, string[]>();
  for (const rec of tabs.rates?.records ?? []) {
    if (out.isRejected('rates', rec.row)) continue;
    const key = `${text(rec.values['sessionType'])}|${text(rec.values['level'])}`;
    const list = validFrom.get(key) ?? [];
    list.push(text(rec.values['validFrom']));
    validFrom.set(key, list);
  }
  for (const rec of sessions.records) {
    const v = rec.values;
    if (v['status'] === 'cancelled' || text(v['billedAs']) !== '') continue;
    if (out.isRejected('sessions', rec.row)) continue;
    const date = text(v['date']);
    const dates = validFrom.get(`${text(v['type'])}|${text(v['level'])}`) ?? [];
    if (dates.some((d) => d <= date)) continue;
    out.problems.push(
      problem(
        'no-rate',
        sessions.sheetName,
        cellOf(sessions, rec, 'level'),
        text(v['level']),
        msg('check.no-rate', {
          type: sessionTypeName(text(v['type'])),
          level: text(v['level']),
          date,
        }),
      ),
    );
    out.reject('sessions', rec.row);
  }
}

/**
 * All checks between the tabs given. A reference is checked when both tabs were read (a null
 * tab — missing from the workbook — counts as read and empty). Payments are matched to invoices
 * by the payment book (billing/payment-book), which knows the register.
 */
export function crossCheck(tabs: ReadTabs): CrossCheck {
  const out = new Collector();
  checkUnique(tabs, out);
  checkReferences(tabs, out);
  checkRates(tabs, out);
  return { problems: out.problems, rejected: out.rejected };
}

/** The tab read without the rows the cross-check rejected (same object when none). */
export function dropRejected(read: TabRead, check: CrossCheck): TabRead {
  const rows = check.rejected[read.def.key];
  if (!rows || rows.size === 0) return read;
  return { ...read, records: read.records.filter((r) => !rows.has(r.row)) };
}

/** Every tab without its rejected rows, and the problems: what a run bills from. */
export function checkedTabs(tabs: ReadTabs): { tabs: ReadTabs; problems: Problem[] } {
  const check = crossCheck(tabs);
  const outTabs: ReadTabs = {};
  for (const [key, read] of Object.entries(tabs) as [TabKey, TabRead | null | undefined][]) {
    if (read === undefined) continue;
    outTabs[key] = read === null ? null : dropRejected(read, check);
  }
  return { tabs: outTabs, problems: check.problems };
}
