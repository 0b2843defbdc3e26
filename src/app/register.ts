/**
 * The Factures (register) and Lignes tabs as the product reads them back: never deleted, never
 * renumbered. They are the source of truth for numbering and for "is this row already billed".
 */
import type { CellValue } from '../sheets/cells';
import { asText, isDateValue, calendarDateOf } from '../sheets/cells';
import { fingerprint } from '../billing/billed';
import { matchHeaders } from '../sheets/read-tab';
import { columnLetter } from '../sheets/problems';
import { tabDef, type TabKey } from '../sheets/tabs';
import type { InvoiceDocument } from '../domain/invoice';
import type { RunContext } from './run-context';

/**
 * Sheets holds at most 50,000 characters in one cell: a longer value is refused with "Your input
 * contains more than the maximum of 50000 characters in a single cell"
 * (https://support.google.com/drive/answer/37603, "Files you can store in Google Drive":
 * spreadsheets). A longer output value (an invoice of a thousand lines, a 49,000-character
 * description with its mention) goes to the Contenus longs tab in parts of `OVERFLOW_PART`
 * characters, and its cell holds a reference to them.
 */
export const CELL_TEXT_LIMIT = 50_000;
export const OVERFLOW_PART = 40_000;
const OVERFLOW_REF = /^⟦↪ ([0-9a-f]{16}-[0-9a-z]+) (\d+)⟧$/;

export type RegisterRow = Record<string, CellValue>;

export interface OutputTab {
  key: TabKey;
  name: string;
  /** Column (1-based) of each key. */
  columns: Map<string, number>;
  header: CellValue[];
  rows: RegisterRow[];
  /** Number of data rows already in the sheet (rows after are appended). */
  existing: number;
  /** Cells (A1) whose long content was not found in the Contenus longs tab. */
  unresolved: string[];
  /** The sheet row of each row as last read or written (a read skips blank rows). */
  at?: Map<RegisterRow, number>;
}

/** `create` false: a missing tab reads as empty and is not created (dry runs). */
export function loadOutput(ctx: RunContext, key: TabKey, create = true): OutputTab {
  const existing = ctx.sheetName(key);
  const { name, values } =
    create || existing
      ? ctx.outputValues(key)
      : { name: tabDef(key)[ctx.lang], values: [] as CellValue[][] };
  const header = [...(values[0] ?? [])];
  const columns = matchHeaders(tabDef(key), header);
  // A tab made by an earlier version lacks a column added since: its header goes at the end.
  if (header.some((h) => h !== '' && h !== null)) {
    const missing = tabDef(key).columns.filter((c) => !columns.has(c.key));
    if (missing.length > 0) {
      let at = header.length;
      while (at > 0 && (header[at - 1] === '' || header[at - 1] === null)) at--;
      at += 1;
      header.length = at - 1;
      ctx.ports.workbook.write(name, 1, at, [missing.map((c) => c[ctx.lang])]);
      missing.forEach((c, i) => {
        columns.set(c.key, at + i);
        header.push(c[ctx.lang]);
      });
    }
  }
  const rows: RegisterRow[] = [];
  const at = new Map<RegisterRow, number>();
  const unresolved: string[] = [];
  let parts: Map<string, string> | null = null;
  for (let r = 1; r < values.length; r++) {
    const raw = values[r] ?? [];
    if (raw.every((v) => v === '' || v === null)) continue;
    const row: RegisterRow = {};
    for (const [k, c] of columns) {
      const v = raw[c - 1] ?? '';
      const ref = typeof v === 'string' ? OVERFLOW_REF.exec(v) : null;
      if (!ref) {
        row[k] = v;
        continue;
      }
      parts ??= partsIn(overflowValues(ctx));
      const whole = joinParts(parts, ref[1] ?? '', Number(ref[2]));
      if (whole === null) unresolved.push(`${columnLetter(c)}${r + 1}`);
      row[k] = whole ?? v;
    }
    rows.push(row);
    at.set(row, r + 1);
  }
  return { key, name, columns, header, rows, existing: values.length - 1, unresolved, at };
}

/** Every part of the Contenus longs tab, by "reference part". */
function partsIn(values: readonly (readonly CellValue[])[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of values.slice(1)) {
    out.set(`${asText(row[1] ?? '')} ${asText(row[2] ?? '')}`, asText(row[3] ?? ''));
  }
  return out;
}

/** The Contenus longs tab's values (one read), empty when it does not exist. */
function overflowValues(ctx: RunContext): CellValue[][] {
  const name = ctx.sheetName('overflow');
  return name ? (ctx.ports.workbook.read(name) ?? []) : [];
}

function joinParts(parts: Map<string, string>, ref: string, count: number): string | null {
  let whole = '';
  for (let i = 1; i <= count; i++) {
    const part = parts.get(`${ref} ${i}`);
    if (part === undefined) return null;
    whole += part;
  }
  return referenceOf(whole) === ref ? whole : null;
}

/** A reference that names the text itself: the same text always gets the same parts. */
function referenceOf(text: string): string {
  let ref = references.get(text);
  if (ref === undefined) {
    ref = `${fingerprint([text])}${fingerprint([text, '↪'])}-${text.length.toString(36)}`;
    // The same long values are met at every read and write of a run: computed once each.
    if (references.size >= 64) references.clear();
    references.set(text, ref);
  }
  return ref;
}
const references = new Map<string, string>();

/**
 * A value for a tab that is only a view (Journal, payment status): text longer than a cell holds
 * is cut, with an ellipsis; the whole value stays where it came from.
 */
export function clipCell(v: CellValue): CellValue {
  return typeof v === 'string' && v.length > CELL_TEXT_LIMIT
    ? `${v.slice(0, CELL_TEXT_LIMIT - 1)}…`
    : v;
}

/** The Contenus longs tab as read once by a save: its name and values, kept up to date. */
interface Overflow {
  name: string;
  values: CellValue[][];
}

/**
 * Values too long for a cell replaced by references, their parts appended to the Contenus longs
 * tab first (one write; parts already there are not written again): a run stopped between the
 * two writes leaves parts nobody refers to, never a reference without its parts.
 */
function spill(
  ctx: RunContext,
  tab: OutputTab,
  values: CellValue[][],
  overflow: Overflow,
): Set<string> {
  const refs = new Set<string>();
  const todo: CellValue[][] = [];
  const known = partsIn(overflow.values);
  for (const row of values) {
    row.forEach((v, i) => {
      if (typeof v !== 'string' || v.length <= CELL_TEXT_LIMIT) return;
      const ref = referenceOf(v);
      const count = Math.ceil(v.length / OVERFLOW_PART);
      row[i] = `⟦↪ ${ref} ${count}⟧`;
      if (refs.has(ref)) return;
      refs.add(ref);
      if (joinParts(known, ref, count) !== null) return;
      for (let p = 0; p < count; p++) {
        todo.push([tab.key, ref, p + 1, v.slice(p * OVERFLOW_PART, (p + 1) * OVERFLOW_PART)]);
      }
    });
  }
  if (todo.length > 0) {
    ctx.ports.workbook.write(overflow.name, Math.max(overflow.values.length, 1) + 1, 1, todo);
    if (overflow.values.length === 0) overflow.values.push(['', '', '', '']);
    overflow.values.push(...todo);
  }
  return refs;
}

/** Parts of this tab's long values that no cell refers to any more, removed (one write). */
function pruneOverflow(
  ctx: RunContext,
  tab: OutputTab,
  refs: ReadonlySet<string>,
  overflow: Overflow,
): void {
  const { values } = overflow;
  const keep = values
    .slice(1)
    .filter((r) => asText(r[0] ?? '') !== tab.key || refs.has(asText(r[1] ?? '')));
  if (keep.length === values.length - 1) return;
  const blank = new Array<CellValue>(4).fill('');
  const rows = [...keep, ...new Array<CellValue[]>(values.length - 1 - keep.length).fill(blank)];
  ctx.ports.workbook.write(overflow.name, 2, 1, rows);
}

export function saveOutput(ctx: RunContext, tab: OutputTab): void {
  const width = Math.max(tab.header.length, ...[...tab.columns.values()]);
  const values = tab.rows.map((row) => {
    const out: CellValue[] = new Array<CellValue>(width).fill('');
    for (const [k, c] of tab.columns) out[c - 1] = row[k] ?? '';
    return out;
  });
  for (let i = tab.rows.length; i < tab.existing; i++)
    values.push(new Array<CellValue>(width).fill(''));
  if (values.length === 0) return;
  // The Contenus longs tab, read once: made when a value needs it, else only if it exists.
  const long = values.some((r) =>
    r.some((v) => typeof v === 'string' && v.length > CELL_TEXT_LIMIT),
  );
  const existing = ctx.sheetName('overflow');
  const overflow: Overflow | null = long
    ? ctx.outputValues('overflow')
    : existing
      ? { name: existing, values: ctx.ports.workbook.read(existing) ?? [] }
      : null;
  const refs = overflow ? spill(ctx, tab, values, overflow) : new Set<string>();
  ctx.ports.workbook.write(tab.name, 2, 1, values);
  tab.existing = tab.rows.length;
  tab.at = new Map(tab.rows.map((row, i) => [row, i + 2]));
  if (overflow) pruneOverflow(ctx, tab, refs, overflow);
}

/** Above this many separate writes, saveCells writes the whole tab instead. */
const MAX_CELL_WRITES = 12;

/**
 * Writes only the cells of `keys` in `rows`, rows the sheet already holds at a known place: one
 * write per run of adjacent rows, of the columns from the first key's to the last one's (a
 * register of 1,500 rows is 60,000 cells). Each row's cells go in one write, so that a run
 * stopped between two writes never leaves half a row (a link written without its neighbour).
 * Anything else (a row not written yet, a long value, rows scattered) writes the whole tab.
 */
export function saveCells(
  ctx: RunContext,
  tab: OutputTab,
  rows: readonly RegisterRow[],
  keys: readonly string[],
): void {
  if (rows.length === 0) return;
  const cols = keys.flatMap((k) => tab.columns.get(k) ?? []);
  if (cols.length === 0) return;
  const first = Math.min(...cols);
  const last = Math.max(...cols);
  const keyAt = new Map([...tab.columns].map(([k, c]) => [c, k]));
  const places = rows.map((row) => tab.at?.get(row));
  const cells = (row: RegisterRow): CellValue[] => {
    const out: CellValue[] = [];
    for (let c = first; c <= last; c++) {
      const k = keyAt.get(c);
      out.push(k === undefined ? '' : (row[k] ?? ''));
    }
    return out;
  };
  const order = rows
    .map((row, i) => ({ row, at: places[i] }))
    .filter((x, i, all) => all.findIndex((y) => y.row === x.row) === i)
    .sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  const blocks: (typeof order)[] = [];
  for (const x of order) {
    const block = blocks[blocks.length - 1];
    const prev = block?.[block.length - 1];
    if (block && prev?.at !== undefined && x.at === prev.at + 1) block.push(x);
    else blocks.push([x]);
  }
  const values = order.map((x) => cells(x.row));
  const long = values.some((r) =>
    r.some((v) => typeof v === 'string' && v.length > CELL_TEXT_LIMIT),
  );
  if (long || places.some((p) => p === undefined) || blocks.length > MAX_CELL_WRITES) {
    saveOutput(ctx, tab);
    return;
  }
  for (const block of blocks) {
    ctx.ports.workbook.write(
      tab.name,
      block[0]?.at ?? 2,
      first,
      block.map((x) => cells(x.row)),
    );
  }
}

export function text(v: CellValue | undefined): string {
  return v === undefined ? '' : asText(v);
}

export function dateText(v: CellValue | undefined, timeZone: string): string {
  if (v === undefined || v === '') return '';
  return isDateValue(v) ? calendarDateOf(v, timeZone) : asText(v);
}

/** The issued document a register row keeps as JSON (its `snapshot` cell); null when unreadable. */
export function snapshotOf(row: RegisterRow): InvoiceDocument | null {
  try {
    const inv = JSON.parse(text(row['snapshot'])) as InvoiceDocument;
    return inv && typeof inv === 'object' && Array.isArray(inv.lines) ? inv : null;
  } catch {
    return null;
  }
}
