/**
 * One zod schema per tab, built from its definition in tabs.ts (so names live in one place):
 * one zod type per column kind, taking the raw cell and giving the typed value, plus the tab's
 * row rules (an end date after the start date…). Row types are inferred from the schemas.
 *
 * Failures are zod issues whose params carry the problem code and its message; read-tab.ts
 * turns each into a Problem at the cell of its column. Schemas are built on first use and kept
 * per tab, time zone and language: nothing runs at module load (the bundle's top level runs on
 * every Apps Script execution).
 */
import * as z from 'zod/mini';
import { msg, render, type LocalizedText, type Message, type PlainTextKey } from '../texts';
import {
  isDateValue,
  isEmpty,
  parseBool,
  parseCode,
  parseCoverage,
  parseDate,
  parseDateTime,
  parseDecimal,
  parseEmails,
  parseEnum,
  parseInteger,
  parseMonth,
  parsePercent,
  parseText,
  type CellValue,
  type Parsed,
} from './cells';
import {
  tabDef,
  type ColumnDef,
  type EnumValue,
  type Lang,
  type TabDef,
  type TabDefs,
  type TabKey,
} from './tabs';

export type FieldValue = string | number | boolean | readonly string[] | null;

export interface ParseContext {
  timeZone: string;
  lang: Lang;
}

/** What a column of each kind gives when its cell is filled (see ColumnKind). */
interface KindValues {
  id: string;
  text: string;
  code: string;
  email: string[];
  date: string;
  month: string;
  money: string;
  decimal: string;
  integer: number;
  percent: string;
  enum: string;
  bool: boolean;
  link: string;
  datetime: string;
  coverage: string;
}

/** The value of a filled cell of column C: an enum column gives one of its codes. */
export type ColumnValue<C extends ColumnDef> = C extends {
  readonly kind: 'enum';
  readonly values: readonly EnumValue<infer Code>[];
}
  ? Code
  : KindValues[C['kind']];

/** A required column is never null in a parsed row (the row is skipped instead). */
export type ColumnOutput<C extends ColumnDef> = C extends { readonly required: true }
  ? ColumnValue<C>
  : ColumnValue<C> | null;

type DataColumn<D extends TabDef> = Exclude<D['columns'][number], { readonly kind: 'id' }>;

export type TabShape<D extends TabDef> = {
  [C in DataColumn<D> as C['key']]: z.ZodMiniType<ColumnOutput<C>, unknown>;
};

export type TabSchema<D extends TabDef> = z.ZodMiniObject<TabShape<D>>;

/** A parsed row of tab K (its ID is beside it, in RowRecord.id). */
export type RowOf<K extends TabKey> = z.infer<TabSchema<TabDefs[K]>>;

export type SettingsRow = RowOf<'settings'>;
export type ClientRow = RowOf<'clients'>;
export type ProviderRow = RowOf<'providers'>;
export type RateRow = RowOf<'rates'>;
export type SessionRow = RowOf<'sessions'>;
export type TimesheetRow = RowOf<'timesheets'>;
export type TrainingRow = RowOf<'trainings'>;
export type EnrolmentRow = RowOf<'enrolments'>;
export type ExtraLineRow = RowOf<'extra-lines'>;
export type PaymentRow = RowOf<'payments'>;
export type InvoiceRegisterRow = RowOf<'invoices'>;
export type InvoiceLineRow = RowOf<'invoice-lines'>;
export type PaymentStatusRow = RowOf<'status'>;
export type BillingCallRow = RowOf<'billingCalls'>;
export type JournalRow = RowOf<'journal'>;

export type TabRows = { [K in TabKey]: RowOf<K> };

/** What a failed cell or rule puts in its zod issue's params. */
export interface IssueParams {
  problem: 'required' | 'bad-value' | 'rule';
  message: Message;
}

export function isIssueParams(p: unknown): p is IssueParams {
  if (typeof p !== 'object' || p === null) return false;
  const r = p as Record<string, unknown>;
  return typeof r['problem'] === 'string' && typeof r['message'] === 'object';
}

/** A column's name in both languages, as a message parameter. */
const columnName = (col: ColumnDef): LocalizedText => ({ fr: col.fr, en: col.en });

type Parser = (v: CellValue) => Parsed<FieldValue>;

function parserFor(col: ColumnDef, ctx: ParseContext): Parser {
  const { timeZone, lang } = ctx;
  switch (col.kind) {
    case 'date':
      return (v) => parseDate(v, timeZone, lang);
    case 'month':
      return (v) => parseMonth(v, timeZone, lang);
    case 'datetime':
      return (v) => parseDateTime(v, timeZone, lang);
    case 'money':
    case 'decimal':
      return (v) => parseDecimal(v, lang);
    case 'integer':
      return (v) => parseInteger(v, lang);
    case 'percent':
      return (v) => parsePercent(v, lang);
    case 'coverage':
      return (v) => parseCoverage(v, lang);
    case 'enum': {
      const values = col.values ?? [];
      return (v) => parseEnum(v, values);
    }
    case 'bool':
      return parseBool;
    case 'email':
      return parseEmails;
    case 'code':
      return (v) => parseCode(v, timeZone);
    case 'id':
    case 'text':
    case 'link':
      return (v) => parseText(v, timeZone);
  }
}

function isCell(v: unknown): v is CellValue {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || isDateValue(v);
}

/** One cell of a column: its value, or why it is refused. */
const EMPTY_CELL = Object.freeze({ ok: true, value: null } as const);

function readCell(
  col: ColumnDef,
  parse: Parser,
  raw: unknown,
): { ok: true; value: FieldValue } | { ok: false; params: IssueParams } {
  if (isEmpty(raw)) {
    if (!col.required) return EMPTY_CELL;
    return {
      ok: false,
      params: {
        problem: 'required',
        message: msg('row.required-missing', { column: columnName(col) }),
      },
    };
  }
  const parsed: Parsed<FieldValue> = isCell(raw)
    ? parse(raw)
    : { ok: false, why: msg('cell.unreadable') };
  if (parsed.ok) return parsed;
  return {
    ok: false,
    params: {
      problem: 'bad-value',
      message: msg('row.cell-refused', { column: columnName(col), reason: parsed.why }),
    },
  };
}

function columnSchema(col: ColumnDef, ctx: ParseContext): z.ZodMiniType<FieldValue, unknown> {
  const parse = parserFor(col, ctx);
  return z.transform<unknown, FieldValue>((raw, payload) => {
    const cell = readCell(col, parse, raw);
    if (cell.ok) return cell.value;
    payload.issues.push({
      code: 'custom',
      message: render(cell.params.message, 'en'),
      input: raw,
      params: cell.params,
    });
    return z.NEVER;
  });
}

/* ---------------- row rules ---------------- */

type Row = Readonly<Record<string, FieldValue>>;

interface RowRule {
  /** The column whose cell is named in the problem. */
  key: string;
  /** Why the row breaks the rule, else null. */
  check(row: Row): Message | null;
}

const str = (v: FieldValue | undefined): string => (typeof v === 'string' ? v : '');

/** -1, 0 or 1 for a decimal string; 0 for anything else. */
function signOf(v: FieldValue | undefined): number {
  const s = typeof v === 'number' ? String(v) : str(v);
  if (s === '' || /^-?0*(\.0*)?$/.test(s)) return 0;
  return s.startsWith('-') ? -1 : 1;
}

/** Rules whose reason is a whole sentence of the catalogue, so that it agrees with its subject. */
const positive = (key: string, reason: PlainTextKey): RowRule => ({
  key,
  check: (row) => (row[key] !== null && signOf(row[key]) <= 0 ? msg(reason) : null),
});

const notNegative = (key: string, reason: PlainTextKey): RowRule => ({
  key,
  check: (row) => (row[key] !== null && signOf(row[key]) < 0 ? msg(reason) : null),
});

const atLeastOne = (key: string): RowRule => ({
  key,
  check: (row) => {
    const v = row[key];
    return typeof v === 'number' && v < 1 ? msg('rule.level-at-least-one') : null;
  },
});

const RULES: Partial<Record<TabKey, readonly RowRule[]>> = {
  clients: [notNegative('paymentTerms', 'rule.payment-terms-not-negative')],
  providers: [notNegative('contestDays', 'rule.contest-days-not-negative')],
  rates: [atLeastOne('level'), notNegative('rate', 'rule.rate-not-negative')],
  sessions: [
    atLeastOne('level'),
    positive('minutes', 'rule.duration-positive'),
    notNegative('billedAs', 'rule.billed-as-not-negative'),
  ],
  timesheets: [
    positive('days', 'rule.days-positive'),
    {
      key: 'days',
      check: (row) => (/\.(?!5$)\d+$/.test(str(row['days'])) ? msg('rule.half-days') : null),
    },
    positive('dailyRate', 'rule.daily-rate-positive'),
    {
      key: 'validatedOn',
      check: (row) =>
        row['status'] === 'validated' && row['validatedOn'] === null
          ? msg('rule.validation-date-missing')
          : null,
    },
  ],
  trainings: [
    {
      key: 'end',
      check: (row) =>
        str(row['end']) !== '' && str(row['end']) < str(row['start'])
          ? msg('rule.end-before-start')
          : null,
    },
    positive('hours', 'rule.duration-positive'),
  ],
  enrolments: [
    positive('quantity', 'rule.quantity-positive'),
    notNegative('unitPrice', 'rule.unit-price-not-negative'),
    notNegative('hoursAttended', 'rule.hours-attended-not-negative'),
  ],
  // A line reduces an invoice only through a credit note: a negative quantity or price would
  // bill a negative amount (and owe a provider a negative share) without anyone noticing.
  'extra-lines': [
    positive('quantity', 'rule.quantity-positive'),
    notNegative('unitPrice', 'rule.unit-price-not-negative'),
  ],
  payments: [
    {
      key: 'amount',
      check: (row) =>
        row['amount'] !== null && signOf(row['amount']) === 0 ? msg('rule.zero-amount') : null,
    },
  ],
};

/* ---------------- schemas ---------------- */

export type RowSchema = z.ZodMiniType<Record<string, FieldValue>, unknown>;

const schemas = new WeakMap<TabDef, Map<string, RowSchema>>();

function buildSchema(def: TabDef, ctx: ParseContext): RowSchema {
  const shape: Record<string, z.ZodMiniType<FieldValue, unknown>> = {};
  for (const col of def.columns) {
    if (col.kind !== 'id') shape[col.key] = columnSchema(col, ctx);
  }
  const rules = rulesOf(def);
  const object = z.object(shape);
  if (rules.length === 0) return object;
  return object.check(
    z.superRefine((row: Record<string, FieldValue>, payload) => {
      for (const { key, params } of brokenRules(def, rules, row)) {
        payload.addIssue({
          code: 'custom',
          path: [key],
          message: render(params.message, 'en'),
          params,
        });
      }
    }),
  );
}

/** The row rules of a tab that name one of its columns. */
function rulesOf(def: TabDef): readonly RowRule[] {
  return (RULES[def.key] ?? []).filter((r) => def.columns.some((c) => c.key === r.key));
}

/** The rules a row of cells that all parsed breaks, in rule order. */
function brokenRules(def: TabDef, rules: readonly RowRule[], row: Row): RowIssue[] {
  const out: RowIssue[] = [];
  for (const rule of rules) {
    const reason = rule.check(row);
    if (!reason) continue;
    const col = def.columns.find((c) => c.key === rule.key);
    out.push({
      key: rule.key,
      params: {
        problem: 'rule',
        message: msg('row.cell-refused', {
          column: col === undefined ? rule.key : columnName(col),
          reason,
        }),
      },
    });
  }
  return out;
}

/** Why a row is refused: the column of the cell (or rule) and the problem's words. */
export interface RowIssue {
  key: string;
  params: IssueParams;
}

export type RowParse =
  { success: true; data: Record<string, FieldValue> } | { success: false; issues: RowIssue[] };

/**
 * What `rowSchema(def, ctx).safeParse(input)` gives, without zod on the way: each column's cell
 * read in column order, a row with a refused cell refused for those cells only, the row rules
 * checked on a row whose cells all parsed. For reading many rows (a tab of 100,000 rows);
 * `rowSchema` stays the reference, and the tests hold the two equal.
 */
export interface RowParser {
  (input: Readonly<Record<string, unknown>>): RowParse;
  /**
   * The same from the raw cells in the order of the tab's columns, the ID column left out (`''`
   * for a column the sheet lacks): the read path, with no object of raw cells per row.
   */
  readonly cells: (cells: readonly unknown[]) => RowParse;
}

const parsers = new WeakMap<TabDef, Map<string, RowParser>>();

function buildParser(def: TabDef, ctx: ParseContext): RowParser {
  const columns = def.columns
    .filter((col) => col.kind !== 'id')
    .map((col) => ({ col, key: col.key, parse: parserFor(col, ctx) }));
  const rules = rulesOf(def);
  // Every row's values have the same keys in the same order: each row starts as a copy of this.
  const shape: Record<string, FieldValue> = {};
  for (const { key } of columns) shape[key] = null;
  const cells = (raw: readonly unknown[]): RowParse => {
    const data: Record<string, FieldValue> = { ...shape };
    let issues: RowIssue[] | null = null;
    for (let i = 0; i < columns.length; i++) {
      const { col, key, parse } = columns[i] as (typeof columns)[number];
      const cell = readCell(col, parse, raw[i]);
      if (cell.ok) data[key] = cell.value;
      else (issues ??= []).push({ key, params: cell.params });
    }
    if (issues !== null) return { success: false, issues };
    if (rules.length > 0) {
      const broken = brokenRules(def, rules, data);
      if (broken.length > 0) return { success: false, issues: broken };
    }
    return { success: true, data };
  };
  const byKey = (input: Readonly<Record<string, unknown>>): RowParse =>
    cells(columns.map((c) => input[c.key]));
  return Object.assign(byKey, { cells });
}

/** The parser of a tab's rows for a time zone and language; built once per definition and context. */
export function rowParser(def: TabDef, ctx: ParseContext): RowParser {
  let byCtx = parsers.get(def);
  if (!byCtx) {
    byCtx = new Map();
    parsers.set(def, byCtx);
  }
  const key = `${ctx.timeZone}|${ctx.lang}`;
  let parser = byCtx.get(key);
  if (!parser) {
    parser = buildParser(def, ctx);
    byCtx.set(key, parser);
  }
  return parser;
}

/**
 * The schema of a tab's rows for a time zone and language (dates are read in the zone, number
 * and date text in the language). Input: an object with one raw cell per column key (`''` for a
 * column the sheet lacks). Built once per tab definition and context.
 */
export function rowSchema(def: TabDef, ctx: ParseContext): RowSchema {
  let byCtx = schemas.get(def);
  if (!byCtx) {
    byCtx = new Map();
    schemas.set(def, byCtx);
  }
  const key = `${ctx.timeZone}|${ctx.lang}`;
  let schema = byCtx.get(key);
  if (!schema) {
    schema = buildSchema(def, ctx);
    byCtx.set(key, schema);
  }
  return schema;
}

/** The typed schema of tab K: what rowSchema builds, seen with the row type of that tab. */
export function tabSchema<K extends TabKey>(key: K, ctx: ParseContext): TabSchema<TabDefs[K]> {
  return rowSchema(tabDef(key), ctx) as unknown as TabSchema<TabDefs[K]>;
}
