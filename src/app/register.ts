/**
 * The Factures (register) and Lignes tabs as the product reads them back: never deleted, never
 * renumbered. They are the source of truth for numbering and for "is this row already billed".
 */
import type { CellValue } from '../sheets/cells';
import { asText, isDateValue, calendarDateOf } from '../sheets/cells';
import { matchHeaders } from '../sheets/read-tab';
import { tabDef, type TabKey } from '../sheets/tabs';
import type { RunContext } from './run-context';

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
}

/** `create` false: a missing tab reads as empty and is not created (dry runs). */
export function loadOutput(ctx: RunContext, key: TabKey, create = true): OutputTab {
  const existing = ctx.sheetName(key);
  const { name, values } =
    create || existing
      ? ctx.outputValues(key)
      : { name: tabDef(key)[ctx.lang], values: [] as CellValue[][] };
  const header = values[0] ?? [];
  const columns = matchHeaders(tabDef(key), header);
  const rows: RegisterRow[] = [];
  for (let r = 1; r < values.length; r++) {
    const raw = values[r] ?? [];
    if (raw.every((v) => v === '' || v === null)) continue;
    const row: RegisterRow = {};
    for (const [k, c] of columns) row[k] = raw[c - 1] ?? '';
    rows.push(row);
  }
  return { key, name, columns, header, rows, existing: values.length - 1 };
}

/**
 * All rows back to the sheet in one write (values in the tab's column order); rows that were
 * there before and are gone now (replaced drafts) are blanked in the same write.
 */
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
  ctx.ports.workbook.write(tab.name, 2, 1, values);
  tab.existing = tab.rows.length;
}

export function text(v: CellValue | undefined): string {
  return v === undefined ? '' : asText(v);
}

export function dateText(v: CellValue | undefined, timeZone: string): string {
  if (v === undefined || v === '') return '';
  return isDateValue(v) ? calendarDateOf(v, timeZone) : asText(v);
}
