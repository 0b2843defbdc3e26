/**
 * A workbook as a folder of CSV files, one per tab (`<Tab>.csv`, first row = headers), in and
 * out of the in-memory Sheets.
 *
 * Import types every field as Google Sheets does when it imports a CSV with "convert text to
 * numbers, dates and formulas" on, in the workbook's locale — the same rules as typing in a
 * cell (cell-parse.ts): `05/11/2026` and `2026-11-05` become dates at local midnight, `1 234,56`
 * a number, `12,5 %` 0.125 with a percent format, `VRAI`/`TRUE` booleans, `0612` the number 612
 * (Sheets drops leading zeros) while `'0612` stays the text `0612` (the apostrophe is not kept).
 *
 * Export writes what a user sees (display values) trimmed to each tab's data range, plus an
 * `_order.txt` with the tabs in order. Like Sheets' own CSV download it is lossy: text that looks
 * like a number comes back as a number on re-import; carry a world between runs with
 * `World.toJSON()` instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { formatCell } from './cell-format';
import { parseUserEntered } from './cell-parse';
import { localeInfo } from './locale';
import { DEFAULT_COLUMNS, DEFAULT_ROWS, SpreadsheetState } from './sheets-state';
import { zonedParts } from './time';
import { World } from './world';

export const ORDER_FILE = '_order.txt';

/** `;` or `,` (or tab), whichever appears most in the header line outside quotes. */
export function detectDelimiter(text: string): string {
  let quoted = false;
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1;
  }
  let best = ',';
  for (const d of [';', '\t']) if ((counts[d] ?? 0) > (counts[best] ?? 0)) best = d;
  return best;
}

export function readCsvRows(file: string): string[][] {
  let text = fs.readFileSync(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return [];
  return parse(text, {
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
}

function tabOrder(dir: string, tabs: string[]): string[] {
  const orderFile = path.join(dir, ORDER_FILE);
  const sorted = [...tabs].sort((a, b) => a.localeCompare(b));
  if (!fs.existsSync(orderFile)) return sorted;
  const listed = fs
    .readFileSync(orderFile, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && tabs.includes(l));
  return [...listed, ...sorted.filter((t) => !listed.includes(t))];
}

/**
 * Creates the active spreadsheet of `world` from the CSV files of `dir`; returns its id.
 * Tab order: `_order.txt` (one tab name per line) if present, the others alphabetically after.
 */
export function importCsvFolder(dir: string, world: World, opts: { name?: string } = {}): string {
  const files = fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.csv'));
  const byTab = new Map(files.map((f) => [f.slice(0, -4), path.join(dir, f)]));
  const ss = new SpreadsheetState(
    world.newId('spreadsheet'),
    opts.name ?? path.basename(path.resolve(dir)),
    world.locale,
    world.timeZone,
  );
  const locale = localeInfo(ss.locale);
  const currentYear = zonedParts(world.clockStartMs, ss.timeZone).year;
  for (const tab of tabOrder(dir, [...byTab.keys()])) {
    const rows = readCsvRows(byTab.get(tab) ?? '');
    const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
    const sheet = ss.addSheet(
      tab,
      undefined,
      Math.max(DEFAULT_ROWS, rows.length),
      Math.max(DEFAULT_COLUMNS, width),
    );
    rows.forEach((fields, r) => {
      fields.forEach((field, c) => {
        const typed = parseUserEntered(field, { locale, timeZone: ss.timeZone, currentYear });
        if (typed.value === '' && typed.formula === undefined) return;
        const cell = sheet.ensureCell(r + 1, c + 1);
        cell.v = typed.value;
        if (typed.formula !== undefined) cell.f = typed.formula;
        if (typed.numberFormat !== undefined) cell.fmt = { numberFormat: typed.numberFormat };
      });
    });
  }
  if (ss.sheets.length === 0) ss.addSheet(locale.newSheetName(1));
  ss.activeSheetId = ss.sheets[0]?.id ?? null;
  world.sheets.add(ss);
  world.sheets.activeId = ss.id;
  return ss.id;
}

function safeFileName(tab: string): string {
  return tab.replace(/[/\\]/g, '_');
}

/** Display values of every tab, trimmed to its data range. */
export function displayRows(ss: SpreadsheetState): Array<{ tab: string; rows: string[][] }> {
  const locale = localeInfo(ss.locale);
  return ss.sheets.map((sheet) => {
    const lastRow = sheet.lastRow();
    const lastCol = sheet.lastColumn();
    const rows: string[][] = [];
    for (let r = 1; r <= lastRow; r++) {
      const line: string[] = [];
      for (let c = 1; c <= lastCol; c++) {
        const cell = sheet.cell(r, c);
        line.push(cell ? formatCell(cell.v, cell.fmt?.numberFormat, locale, ss.timeZone) : '');
      }
      rows.push(line);
    }
    return { tab: sheet.name, rows };
  });
}

/**
 * Writes one `<Tab>.csv` per sheet (comma-separated, UTF-8) and `_order.txt` into `dir`;
 * returns the CSV paths. The source is a spreadsheet's state, a world (its active spreadsheet),
 * or a spreadsheet id with the world that holds it.
 */
export function exportCsvFolder(
  source: SpreadsheetState | World | string,
  dir: string,
  world?: World,
): string[] {
  let ss: SpreadsheetState | undefined;
  if (source instanceof SpreadsheetState) ss = source;
  else if (source instanceof World) ss = source.sheets.active();
  else ss = world?.sheets.get(source);
  if (!ss) throw new Error('exportCsvFolder: no such spreadsheet');
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const { tab, rows } of displayRows(ss)) {
    const file = path.join(dir, `${safeFileName(tab)}.csv`);
    fs.writeFileSync(file, rows.length === 0 ? '' : stringify(rows));
    written.push(file);
  }
  fs.writeFileSync(path.join(dir, ORDER_FILE), ss.sheets.map((s) => s.name).join('\n') + '\n');
  return written;
}
