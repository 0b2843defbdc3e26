/**
 * One tab's values (header row first) → typed records, problems and the IDs to write.
 * Columns are found by header name in any order (FR or EN); unknown columns are ignored;
 * a bad cell skips its row and is reported with its A1 address; good rows go on.
 */
import {
  asText,
  isEmpty,
  parseBool,
  parseDate,
  parseDecimal,
  parseEmails,
  parseEnum,
  parseInteger,
  parseMonth,
  parsePercent,
  type CellValue,
  type Parsed,
} from './cells';
import { normalizeName } from './normalize';
import { a1, problem, type Problem } from './problems';
import type { ColumnDef, Lang, TabDef } from './tabs';

export type FieldValue = string | number | boolean | readonly string[] | null;

export interface RowRecord {
  /** 1-based row in the sheet. */
  row: number;
  id: string;
  values: Readonly<Record<string, FieldValue>>;
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
}

export function matchHeaders(def: TabDef, header: readonly CellValue[]): Map<string, number> {
  const byName = new Map<string, ColumnDef>();
  for (const c of def.columns) {
    byName.set(normalizeName(c.fr), c);
    byName.set(normalizeName(c.en), c);
    byName.set(normalizeName(c.key), c);
  }
  const found = new Map<string, number>();
  header.forEach((h, i) => {
    const col = byName.get(normalizeName(asText(h)));
    if (col && !found.has(col.key)) found.set(col.key, i + 1);
  });
  return found;
}

function parseCell(col: ColumnDef, v: CellValue, timeZone: string): Parsed<FieldValue> {
  switch (col.kind) {
    case 'date':
      return parseDate(v, timeZone);
    case 'month':
      return parseMonth(v, timeZone);
    case 'money':
    case 'decimal':
      return parseDecimal(v);
    case 'integer':
      return parseInteger(v);
    case 'percent':
      return parsePercent(v);
    case 'enum':
      return parseEnum(v, col.values ?? []);
    case 'bool':
      return parseBool(v);
    case 'email':
      return parseEmails(v);
    default:
      return { ok: true, value: asText(v) };
  }
}

export function readTab(
  def: TabDef,
  sheetName: string,
  values: readonly (readonly CellValue[])[],
  opts: ReadOptions,
): TabRead {
  const header = values[0] ?? [];
  const columns = matchHeaders(def, header);
  const problems: Problem[] = [];
  const idCol = columns.get('id');
  const result: TabRead = {
    def,
    sheetName,
    columns,
    idColumn: idCol ?? header.length + 1,
    idHeaderMissing: idCol === undefined && def.columns.some((c) => c.kind === 'id'),
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
          `colonne obligatoire absente : « ${c.fr} »`,
          `required column missing: "${c.en}"`,
        ),
      );
    }
    return result;
  }
  const seenIds = new Set<string>();
  for (let r = 1; r < values.length; r++) {
    const rowValues = values[r] ?? [];
    const rowNumber = r + 1;
    const dataCells = def.columns
      .filter((c) => c.kind !== 'id')
      .map((c) => {
        const col = columns.get(c.key);
        return col === undefined ? '' : rowValues[col - 1];
      });
    if (dataCells.every((v) => isEmpty(v))) continue;
    const rec: Record<string, FieldValue> = {};
    let rowOk = true;
    for (const c of def.columns) {
      if (c.kind === 'id') continue;
      const col = columns.get(c.key);
      const raw = col === undefined ? '' : (rowValues[col - 1] ?? '');
      if (isEmpty(raw)) {
        if (c.required) {
          rowOk = false;
          problems.push(
            problem(
              'required',
              sheetName,
              a1(rowNumber, col ?? 1),
              '',
              `valeur obligatoire manquante (« ${c.fr} ») ; ligne ignorée`,
              `required value missing ("${c.en}"); row skipped`,
            ),
          );
        }
        rec[c.key] = null;
        continue;
      }
      const parsed = parseCell(c, raw, opts.timeZone);
      if (!parsed.ok) {
        rowOk = false;
        problems.push(
          problem(
            'bad-value',
            sheetName,
            a1(rowNumber, col ?? 1),
            raw,
            `${c.fr} : ${parsed.fr} ; ligne ignorée`,
            `${c.en}: ${parsed.en}; row skipped`,
          ),
        );
        continue;
      }
      rec[c.key] = parsed.value;
    }
    let id = idCol === undefined ? '' : asText(rowValues[idCol - 1] ?? '');
    if (def.columns.some((c) => c.kind === 'id')) {
      if (id === '' || seenIds.has(id)) {
        if (id !== '') {
          problems.push(
            problem(
              'duplicate-id',
              sheetName,
              a1(rowNumber, result.idColumn),
              id,
              'identifiant en double (ligne copiée ?) : un nouvel identifiant est attribué',
              'duplicate ID (copied row?): a new ID is given',
              'warning',
            ),
          );
        }
        id = opts.newId();
        result.newIds.push({ row: rowNumber, id });
      }
      seenIds.add(id);
    }
    if (rowOk) result.records.push({ row: rowNumber, id, values: rec });
  }
  return result;
}
