/**
 * What a user types in the workbook between two runs, as Sheets takes it: the text parsed in the
 * spreadsheet's locale (a date becomes a date, "1 200,50" a number, with their formats), in the
 * first empty row of a tab or in the cell of a row found by what it shows.
 */
import { parseUserEntered } from './cell-parse';
import { displayRows } from './csv-workbook';
import { localeInfo } from './locale';
import type { World } from './world';

function tabOf(world: World, tabName: string) {
  const ss = world.sheets.active();
  const rows = (ss ? displayRows(ss) : []).find((t) => t.tab === tabName)?.rows ?? [];
  const sheet = ss?.sheetByName(tabName);
  if (!ss || !sheet) throw new Error(`no tab ${tabName}`);
  return { ss, sheet, rows, header: rows[0] ?? [] };
}

function type(world: World, tabName: string, r: number, col: number, text: string): void {
  const { ss, sheet } = tabOf(world, tabName);
  const typed = parseUserEntered(text, {
    locale: localeInfo(ss.locale),
    timeZone: ss.timeZone,
    currentYear: Number(world.today.slice(0, 4)),
  });
  const cell = sheet.ensureCell(r, col + 1);
  cell.v = typed.value;
  if (typed.numberFormat !== undefined) cell.fmt = { numberFormat: typed.numberFormat };
}

function columnOf(header: readonly string[], tabName: string, name: string): number {
  const col = header.indexOf(name);
  if (col < 0) throw new Error(`no column ${name} in ${tabName}`);
  return col;
}

/** Types `fields` (column header → text) in the first empty row of `tabName`. */
export function typeRow(world: World, tabName: string, fields: Record<string, string>): void {
  const { rows, header } = tabOf(world, tabName);
  const r = rows.filter((x) => x.some((v) => v !== '')).length + 1;
  for (const [name, text] of Object.entries(fields)) {
    type(world, tabName, r, columnOf(header, tabName, name), text);
  }
}

/**
 * Types `text` in column `header` of the one row of `tabName` whose cells show `where`
 * (column header → shown text).
 */
export function typeCell(
  world: World,
  tabName: string,
  where: Record<string, string>,
  header: string,
  text: string,
): void {
  const { rows, header: head } = tabOf(world, tabName);
  const conditions = Object.entries(where).map(
    ([name, shown]) => [columnOf(head, tabName, name), shown] as const,
  );
  const found = rows
    .map((row, i) => ({ row, i }))
    .filter(({ row, i }) => i > 0 && conditions.every(([c, shown]) => row[c] === shown));
  if (found.length !== 1) {
    throw new Error(`${found.length} rows of ${tabName} show ${JSON.stringify(where)}`);
  }
  type(world, tabName, (found[0]?.i ?? 0) + 1, columnOf(head, tabName, header), text);
}
