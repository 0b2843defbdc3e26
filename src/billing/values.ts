/**
 * Reading parsed rows (`RowRecord.values`) as the billing rules need them: text, codes
 * (upper-case, as the Clients and Intervenants maps are keyed), decimal strings, and the A1 cell
 * of a column to name in problems.
 */
import { isDecimalString, type DecimalString } from '../domain/decimal';
import type { Language } from '../domain/language';
import { normalizeName } from '../sheets/normalize';
import { a1 } from '../sheets/problems';
import type { FieldValue, RowRecord, TabRead } from '../sheets/read-tab';
import type { LineOrigin, ItemPart } from './draft';
import type { TabKey } from '../sheets/tabs';

export function text(v: FieldValue | undefined): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  return '';
}

export function field(rec: RowRecord, key: string): string {
  return text(rec.values[key]);
}

/** A code as the directories are keyed: trimmed, upper-case. */
export function codeField(rec: RowRecord, key: string): string {
  return field(rec, key).toUpperCase();
}

/** A decimal field, or undefined when empty or not a plain decimal string. */
export function decimalField(rec: RowRecord, key: string): DecimalString | undefined {
  const s = field(rec, key);
  return s !== '' && isDecimalString(s) ? s : undefined;
}

export function emailsOf(rec: RowRecord | undefined): string[] {
  const v = rec?.values['emails'] ?? rec?.values['email'];
  if (Array.isArray(v)) return [...(v as readonly string[])];
  return typeof v === 'string' && v.trim() !== '' ? [v.trim()] : [];
}

export function languageOf(rec: RowRecord | undefined, fallback: Language = 'fr'): Language {
  const v = rec?.values['language'];
  return v === 'en' ? 'en' : v === 'fr' ? 'fr' : fallback;
}

/** A1 address of `key`'s cell in `rec`'s row (column A when the column is absent). */
export function cellOf(tab: Pick<TabRead, 'columns'>, rec: RowRecord, key: string): string {
  return a1(rec.row, tab.columns.get(key) ?? 1);
}

/** The whole row, for problems about a row rather than one of its cells (`12:12`). */
export function rowRef(rec: RowRecord): string {
  return `${rec.row}:${rec.row}`;
}

export function originOf(tab: TabKey, rec: RowRecord, part?: ItemPart): LineOrigin {
  return { tab, id: rec.id, row: rec.row, ...(part === undefined ? {} : { part }) };
}

/** Grouping form of free text (project, mission): case, accents, spaces and punctuation ignored. */
export function groupingText(s: string): string {
  const n = normalizeName(s);
  return n === '' ? s.trim().toLowerCase() : n;
}

/** Sort key of rows: by a date field, then by row. */
export function byDateThenRow(key: string): (a: RowRecord, b: RowRecord) => number {
  return (a, b) => field(a, key).localeCompare(field(b, key)) || a.row - b.row;
}
