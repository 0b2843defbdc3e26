/**
 * One tab's values (header row first) → typed records, problems and the IDs to write.
 * Columns are found by header name in any order (FR or EN); unknown columns are ignored;
 * each row is validated by the tab's schema (schema.ts); a bad cell skips its row and is
 * reported with its A1 address, every bad cell of the row, not just the first; good rows go on.
 */
import { msg } from '../texts';
import { asText, isEmpty, shownPercent, type CellValue } from './cells';
import { normalizeName } from './normalize';
import { a1, columnLetter, problem, type Problem } from './problems';
import { rowParser, type FieldValue, type RowOf } from './schema';
import type { ColumnDef, Lang, TabDef, TabKey } from './tabs';

export type { FieldValue } from './schema';

export interface RowRecord {
  /** 1-based row in the sheet. */
  row: number;
  id: string;
  values: Readonly<Record<string, FieldValue>>;
}

/** A record with the row type of its tab (see typedRecords). */
export interface TypedRecord<T> {
  readonly row: number;
  readonly id: string;
  readonly values: T;
}

export interface TabRead {
  def: TabDef;
  sheetName: string;
  /** Column (1-based) of each known key found in the header. */
  columns: ReadonlyMap<string, number>;
  /** Column (1-based) of the ID column, or the column where it must be added. */
  idColumn: number;
  idHeaderMissing: boolean;
  records: RowRecord[];
  problems: Problem[];
  /** IDs given on first sight, to be written back in one batch. */
  newIds: { row: number; id: string }[];
  lastRow: number;
}

export interface ReadOptions {
  timeZone: string;
  lang: Lang;
  newId: () => string;
  /**
   * The number format of a cell (row and column 1-based, as in the sheet), where read: a number
   * in a cell formatted as a percentage is read as the percentage the cell shows.
   */
  numberFormat?: (row: number, column: number) => string;
}

/** The columns whose number formats tell how to read them: percentages and coverages. */
export function percentColumns(def: TabDef, header: readonly CellValue[]): number[] {
  const columns = matchHeaders(def, header);
  return def.columns
    .filter((c) => c.kind === 'percent' || c.kind === 'coverage')
    .map((c) => columns.get(c.key))
    .filter((c): c is number => c !== undefined);
}

function namesOf(c: ColumnDef): string[] {
  return [normalizeName(c.fr), normalizeName(c.en), normalizeName(c.key)];
}

/** Column (1-based) of each known key: the first header cell that names it, FR or EN. */
export function matchHeaders(def: TabDef, header: readonly CellValue[]): Map<string, number> {
  const byName = new Map<string, ColumnDef>();
  for (const c of def.columns) for (const n of namesOf(c)) if (!byName.has(n)) byName.set(n, c);
  const found = new Map<string, number>();
  header.forEach((h, i) => {
    const col = byName.get(normalizeName(asText(h)));
    if (col && !found.has(col.key)) found.set(col.key, i + 1);
  });
  return found;
}

/** Header cells naming a column already found further left: only the first one is read. */
function duplicateHeaders(
  def: TabDef,
  header: readonly CellValue[],
  columns: ReadonlyMap<string, number>,
  sheetName: string,
): Problem[] {
  const out: Problem[] = [];
  header.forEach((h, i) => {
    const n = normalizeName(asText(h));
    if (n === '') return;
    const col = def.columns.find((c) => namesOf(c).includes(n));
    const first = col ? columns.get(col.key) : undefined;
    if (!col || first === undefined || first === i + 1) return;
    out.push(
      problem(
        'duplicate-column',
        sheetName,
        a1(1, i + 1),
        h,
        msg('row.duplicate-column', {
          column: { fr: col.fr, en: col.en },
          letter: columnLetter(first),
        }),
        'warning',
      ),
    );
  });
  return out;
}

export function readTab(
  def: TabDef,
  sheetName: string,
  values: readonly (readonly CellValue[])[],
  opts: ReadOptions,
): TabRead {
  const header = values[0] ?? [];
  const columns = matchHeaders(def, header);
  const problems: Problem[] = duplicateHeaders(def, header, columns, sheetName);
  const hasId = def.columns.some((c) => c.kind === 'id');
  const idCol = columns.get('id');
  const result: TabRead = {
    def,
    sheetName,
    columns,
    idColumn: idCol ?? header.length + 1,
    idHeaderMissing: idCol === undefined && hasId,
    records: [],
    problems,
    newIds: [],
    lastRow: values.length,
  };
  const missing = def.columns.filter((c) => c.required && !columns.has(c.key));
  if (missing.length > 0) {
    for (const c of missing) {
      problems.push(
        problem(
          'missing-column',
          sheetName,
          '1:1',
          '',
          msg('row.missing-column', { column: { fr: c.fr, en: c.en } }),
        ),
      );
    }
    return result;
  }
  // The row schema's rules, without zod per row (rowParser gives what rowSchema would).
  const parse = rowParser(def, opts);
  const dataColumns = def.columns
    .filter((c) => c.kind !== 'id')
    .map((c) => [c.key, columns.get(c.key)] as const);
  const seenIds = new Set<string>();
  const percentCols = new Set(percentColumns(def, header));
  for (let r = 1; r < values.length; r++) {
    const rowValues = values[r] ?? [];
    const rowNumber = r + 1;
    // The raw cells in the order of dataColumns (the parser's order).
    const input: CellValue[] = new Array<CellValue>(dataColumns.length);
    let empty = true;
    for (let c = 0; c < dataColumns.length; c++) {
      const col = (dataColumns[c] as (typeof dataColumns)[number])[1];
      let raw = col === undefined ? '' : (rowValues[col - 1] ?? '');
      if (
        typeof raw === 'number' &&
        col !== undefined &&
        percentCols.has(col) &&
        (opts.numberFormat?.(rowNumber, col) ?? '').includes('%')
      ) {
        raw = shownPercent(raw, opts.lang);
      }
      input[c] = raw;
      if (empty && !isEmpty(raw)) empty = false;
    }
    if (empty) continue;
    let id = '';
    if (hasId) {
      id = idCol === undefined ? '' : asText(rowValues[idCol - 1] ?? '');
      if (id === '' || seenIds.has(id)) {
        if (id !== '') {
          problems.push(
            problem(
              'duplicate-id',
              sheetName,
              a1(rowNumber, result.idColumn),
              id,
              msg('row.duplicate-id'),
              'warning',
            ),
          );
        }
        id = opts.newId();
        result.newIds.push({ row: rowNumber, id });
      }
      seenIds.add(id);
    }
    const parsed = parse.cells(input);
    if (parsed.success) {
      result.records.push({ row: rowNumber, id, values: parsed.data });
      continue;
    }
    for (const { key, params } of parsed.issues) {
      const col = columns.get(key);
      const cell = col === undefined ? `${rowNumber}:${rowNumber}` : a1(rowNumber, col);
      const raw = input[dataColumns.findIndex(([k]) => k === key)];
      problems.push(problem(params.problem, sheetName, cell, raw, params.message));
    }
  }
  return result;
}

/** The records of a tab read, typed with the row type of its tab. */
export function typedRecords<K extends TabKey>(
  read: Pick<TabRead, 'def' | 'records'>,
  key: K,
): readonly TypedRecord<RowOf<K>>[] {
  if (read.def.key !== key) throw new Error(`tab ${read.def.key} read as ${key}`);
  return read.records as unknown as readonly TypedRecord<RowOf<K>>[];
}
