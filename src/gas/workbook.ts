/** WorkbookPort over SpreadsheetApp: one getValues per tab read, one setValues per write. */
import type { CellValue } from '../sheets/cells';
import type { TabFormat, WorkbookPort } from '../app/ports';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class GasWorkbook implements WorkbookPort {
  readonly timeZone: string;
  private readonly sheets = new Map<string, Sheet>();

  constructor(private readonly ss: Spreadsheet) {
    this.timeZone = ss.getSpreadsheetTimeZone() || Session.getScriptTimeZone();
    this.refresh();
  }

  refresh(): void {
    this.sheets.clear();
    for (const sh of this.ss.getSheets()) this.sheets.set(sh.getName(), sh);
  }

  sheetNames(): string[] {
    return [...this.sheets.keys()];
  }

  private sheet(name: string): Sheet {
    const sh = this.sheets.get(name);
    if (!sh) throw new Error(`tab not found: ${name}`);
    return sh;
  }

  read(name: string): CellValue[][] | null {
    const sh = this.sheets.get(name);
    if (!sh) return null;
    return sh.getDataRange().getValues() as CellValue[][];
  }

  readNumberFormats(name: string, rows: number, column: number, width: number): string[][] {
    const sh = this.sheets.get(name);
    if (!sh || rows === 0 || width === 0) return [];
    return sh.getRange(1, column, rows, width).getNumberFormats();
  }

  readHeader(name: string): CellValue[] | null {
    const sh = this.sheets.get(name);
    if (!sh) return null;
    const width = sh.getLastColumn();
    if (width === 0) return [];
    return (sh.getRange(1, 1, 1, width).getValues()[0] ?? []) as CellValue[];
  }

  createTab(name: string, headers: readonly string[], format: TabFormat): void {
    const sh = this.ss.insertSheet(name);
    this.sheets.set(name, sh);
    this.format(sh, headers, format, false);
  }

  finishTab(name: string, headers: readonly string[], format: TabFormat): void {
    this.format(this.sheet(name), headers, format, true);
  }

  private format(sh: Sheet, headers: readonly string[], format: TabFormat, again: boolean): void {
    this.formatColumns(sh, 1, headers, format);
    sh.setFrozenRows(format.frozenRows);
    if (!format.protect) return;
    if (again && sh.getProtections(SpreadsheetApp.ProtectionType.SHEET).length > 0) return;
    sh.protect().setDescription('Facturier').setWarningOnly(true);
  }

  addColumns(
    name: string,
    startColumn: number,
    headers: readonly string[],
    format: TabFormat,
  ): void {
    this.formatColumns(this.sheet(name), startColumn, headers, format);
  }

  private formatColumns(
    sh: Sheet,
    start: number,
    headers: readonly string[],
    format: TabFormat,
  ): void {
    if (headers.length === 0) return;
    // A new sheet has 26 columns (A–Z), an existing one as many as it was given: a tab with more
    // columns than that gets them first, or getRange fails with "Those columns are out of bounds".
    const last = start + headers.length - 1;
    const have = sh.getMaxColumns();
    if (last > have) sh.insertColumnsAfter(have, last - have);
    sh.getRange(1, start, 1, headers.length)
      .setValues([headers.map(asText)])
      .setFontWeight('bold');
    const rows = Math.max(sh.getMaxRows() - 1, 1);
    headers.forEach((_, i) => {
      const nf = format.numberFormats[i];
      const dd = format.dropdowns[i];
      if (!nf && !dd) return;
      const col = sh.getRange(2, start + i, rows, 1);
      if (nf) col.setNumberFormat(nf);
      if (dd) {
        col.setDataValidation(
          SpreadsheetApp.newDataValidation()
            .requireValueInList([...dd], true)
            .setAllowInvalid(true)
            .build(),
        );
      }
    });
  }

  write(
    name: string,
    row: number,
    column: number,
    values: readonly (readonly CellValue[])[],
    numberFormats?: readonly (readonly string[])[],
  ): void {
    if (values.length === 0) return;
    const width = values[0]?.length ?? 0;
    if (width === 0) return;
    const sh = this.sheet(name);
    const needed = row + values.length - 1;
    const rows = sh.getMaxRows();
    if (needed > rows) sh.insertRowsAfter(rows, needed - rows);
    // A header written past the sheet's last column (a column a newer version adds to a tab
    // made with 26): the columns come first, or getRange fails ("Those columns are out of
    // bounds"). Asked only when the write reaches past Z, the size of a new sheet.
    const last = column + width - 1;
    if (last > 26) {
      const have = sh.getMaxColumns();
      if (last > have) sh.insertColumnsAfter(have, last - have);
    }
    const range = sh.getRange(row, column, values.length, width);
    range.setValues(values.map((r) => r.map(toCell)));
    if (numberFormats) range.setNumberFormats(numberFormats.map((r) => [...r]));
  }

  writeColours(
    name: string,
    row: number,
    column: number,
    backgrounds: readonly (readonly string[])[],
    fontColours: readonly (readonly string[])[],
  ): void {
    const width = backgrounds[0]?.length ?? 0;
    if (backgrounds.length === 0 || width === 0) return;
    const range = this.sheet(name).getRange(row, column, backgrounds.length, width);
    range.setBackgrounds(backgrounds.map((r) => [...r]));
    range.setFontColors(fontColours.map((r) => [...r]));
  }

  toast(message: string, title?: string): void {
    this.ss.toast(message, title ?? 'Facturier', 5);
  }
}

/**
 * Strings are written as text, never parsed: setValues reads strings as if typed by a user, so
 * `=A1` would become a formula (SPEC §8), `2026-11` a date and `0612` a number. Such strings get
 * a leading apostrophe, which keeps them as typed and is not shown. Other strings are written
 * as they are (an apostrophe in a plain-text formatted cell would stay visible).
 */
export function asText(s: string): string {
  return needsQuote(s) ? `'${s}` : s;
}

const NUMBER_LIKE =
  /^[\s\u00a0\u202f]*[-+(]?[\s\d.,\u00a0\u202f]*\d[\s\d.,\u00a0\u202f]*\)?\s*(%|€|\$|£|e[-+]?\d+)?\s*$/i;
const DATE_LIKE = /^\s*\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$/;
const TIME_LIKE = /^\s*\d{1,2}:\d{2}(:\d{2})?\s*$/;
const BOOL_LIKE = /^\s*(true|false|vrai|faux)\s*$/i;

export function needsQuote(s: string): boolean {
  if (s === '') return false;
  return (
    /^[=+\-@']/.test(s) ||
    NUMBER_LIKE.test(s) ||
    DATE_LIKE.test(s) ||
    TIME_LIKE.test(s) ||
    BOOL_LIKE.test(s)
  );
}

function toCell(v: CellValue): CellValue {
  return typeof v === 'string' ? asText(v) : v;
}
