/**
 * SpreadsheetApp, Spreadsheet and Sheet of the in-memory Apps Script. Ranges are in range.ts,
 * the UI in ui.ts, validation rules and protections in validation.ts.
 */
import { addMetadata, metadataFinder, metadataHandle } from './developer-metadata';
import { parseA1, resolveA1, type GridRect } from './a1';
import type { SimContext } from './context';
import { gasError } from './errors';
import { api, Handle, track } from './handle';
import { localeInfo } from './locale';
import { checkRect, rangeHandle, writeRow } from './range';
import { DEFAULT_COLUMN_WIDTH, SpreadsheetState, type SheetState } from './sheets-state';
import { createUi } from './ui';
import {
  DataValidationCriteria,
  newValidationBuilder,
  protectionHandle,
  ProtectionType,
} from './validation';

type RealApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type RealSs = GoogleAppsScript.Spreadsheet.Spreadsheet;
type RealSheet = GoogleAppsScript.Spreadsheet.Sheet;
type RealRange = GoogleAppsScript.Spreadsheet.Range;
type RealProtection = GoogleAppsScript.Spreadsheet.Protection;
type RealProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;

export const BorderStyle = {
  DOTTED: 'DOTTED',
  DASHED: 'DASHED',
  SOLID: 'SOLID',
  SOLID_MEDIUM: 'SOLID_MEDIUM',
  SOLID_THICK: 'SOLID_THICK',
  DOUBLE: 'DOUBLE',
} as const;
export const WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;
export const SheetType = { GRID: 'GRID', OBJECT: 'OBJECT' } as const;

export function spreadsheetUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

function sheetExists(name: string): Error {
  return gasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
}

/** Creates a spreadsheet in the world with one empty sheet; returns its state. */
export function createSpreadsheetState(
  ctx: { world: SimContext['world'] },
  name: string,
  rows?: number,
  cols?: number,
): SpreadsheetState {
  const w = ctx.world;
  const ss = new SpreadsheetState(w.newId('spreadsheet'), name, w.locale, w.timeZone);
  const first = ss.addSheet(localeInfo(w.locale).newSheetName(1), undefined, rows, cols);
  ss.activeSheetId = first.id;
  w.sheets.add(ss);
  return ss;
}

function protectionOf(ss: SpreadsheetState, sheet: SheetState, type: 'SHEET' | 'RANGE') {
  return sheet.protections.filter((p) => p.type === type).map((p) => ({ ss, sheet, p }));
}

/* ---------------- Sheet ---------------- */

export class SheetHandle
  extends Handle
  implements
    Pick<
      RealSheet,
      | 'activate'
      | 'appendRow'
      | 'autoResizeColumn'
      | 'autoResizeColumns'
      | 'clear'
      | 'clearContents'
      | 'clearFormats'
      | 'clearNotes'
      | 'deleteColumn'
      | 'deleteColumns'
      | 'deleteRow'
      | 'deleteRows'
      | 'getColumnWidth'
      | 'getDataRange'
      | 'getFrozenColumns'
      | 'getFrozenRows'
      | 'getIndex'
      | 'getLastColumn'
      | 'getLastRow'
      | 'getMaxColumns'
      | 'getMaxRows'
      | 'getName'
      | 'getParent'
      | 'getProtections'
      | 'getRange'
      | 'getSheetId'
      | 'getTabColor'
      | 'hideSheet'
      | 'insertColumnAfter'
      | 'insertColumnBefore'
      | 'insertColumnsAfter'
      | 'insertColumnsBefore'
      | 'insertRowAfter'
      | 'insertRowBefore'
      | 'insertRowsAfter'
      | 'insertRowsBefore'
      | 'isSheetHidden'
      | 'protect'
      | 'setColumnWidth'
      | 'setColumnWidths'
      | 'setFrozenColumns'
      | 'setFrozenRows'
      | 'setName'
      | 'setTabColor'
      | 'showSheet'
    >
{
  constructor(
    readonly _ctx: SimContext,
    readonly _ss: SpreadsheetState,
    readonly _sheet: SheetState,
  ) {
    super();
  }

  _api(): RealSheet {
    return api<RealSheet>(this);
  }

  _alive(): SheetState {
    if (!this._ss.sheets.includes(this._sheet)) {
      throw gasError(`The sheet ${this._sheet.name} has been deleted.`);
    }
    return this._sheet;
  }

  getName(): string {
    return this._sheet.name;
  }

  setName(name: string): RealSheet {
    const trimmed = String(name);
    if (trimmed.trim() === '') throw gasError('Invalid argument: name');
    const other = this._ss.sheetByName(trimmed);
    if (other && other !== this._sheet) throw sheetExists(trimmed);
    this._alive().name = trimmed;
    return this._api();
  }

  getSheetId(): number {
    return this._sheet.id;
  }

  getIndex(): number {
    return this._ss.sheets.indexOf(this._sheet) + 1;
  }

  getParent(): RealSs {
    return spreadsheetHandle(this._ctx, this._ss);
  }

  getRange(a: string | number, column?: number, numRows?: number, numColumns?: number): RealRange {
    const sheet = this._alive();
    if (typeof a === 'string') {
      const ref = parseA1(a);
      const target = ref.sheetName === null ? sheet : this._ss.sheetByName(ref.sheetName);
      if (!target) throw gasError('Range not found');
      const rect = resolveA1(ref, target.maxRows, target.maxColumns);
      return rangeHandle(this._ctx, this._ss, target, rect);
    }
    const rect: GridRect = {
      row: a,
      col: column ?? NaN,
      numRows: numRows ?? 1,
      numCols: numColumns ?? 1,
    };
    checkRect(sheet, rect);
    return rangeHandle(this._ctx, this._ss, sheet, rect);
  }

  getDataRange(): RealRange {
    const sheet = this._alive();
    const rect = {
      row: 1,
      col: 1,
      numRows: Math.max(1, sheet.lastRow()),
      numCols: Math.max(1, sheet.lastColumn()),
    };
    return rangeHandle(this._ctx, this._ss, sheet, rect);
  }

  getLastRow(): number {
    return this._alive().lastRow();
  }
  getLastColumn(): number {
    return this._alive().lastColumn();
  }
  getMaxRows(): number {
    return this._alive().maxRows;
  }
  getMaxColumns(): number {
    return this._alive().maxColumns;
  }

  /** Writes after the last row with content, typing strings as USER_ENTERED; grows the sheet. */
  appendRow(rowContents: unknown[]): RealSheet {
    const sheet = this._alive();
    if (!Array.isArray(rowContents)) throw gasError('Invalid argument: rowContents');
    const row = sheet.lastRow() + 1;
    if (row > sheet.maxRows) sheet.maxRows = row;
    if (rowContents.length > sheet.maxColumns) sheet.maxColumns = rowContents.length;
    writeRow(this._ctx, this._ss, sheet, row, 1, rowContents);
    return this._api();
  }

  _checkRowPos(pos: number): void {
    if (!(pos >= 1) || pos > this._sheet.maxRows) throw gasError('Those rows are out of bounds.');
  }
  _checkColPos(pos: number): void {
    if (!(pos >= 1) || pos > this._sheet.maxColumns) {
      throw gasError('Those columns are out of bounds.');
    }
  }

  /** New rows take the formats (and validation rules) of the row they follow, as in Sheets. */
  _insertRows(at: number, howMany: number, formatFrom: number | null): void {
    const sheet = this._alive();
    if (!(howMany >= 1)) throw gasError('Invalid argument: howMany');
    const source = formatFrom === null ? undefined : sheet.rows[formatFrom - 1];
    sheet.insertRows(at, howMany);
    if (!source) return;
    for (let i = 0; i < howMany; i++) {
      const row: SheetState['rows'][number] = [];
      source.forEach((cell, c) => {
        if (cell?.fmt && Object.keys(cell.fmt).length > 0) {
          // Notes stay on the row they were written on.
          const fmt = { ...cell.fmt };
          delete fmt.note;
          row[c] = { v: '', fmt };
        }
      });
      if (row.length > 0) sheet.rows[at - 1 + i] = row;
    }
  }

  insertRowsAfter(afterPosition: number, howMany: number): RealSheet {
    this._checkRowPos(afterPosition);
    this._insertRows(afterPosition + 1, howMany, afterPosition);
    return this._api();
  }
  insertRowAfter(afterPosition: number): RealSheet {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowsBefore(beforePosition: number, howMany: number): RealSheet {
    this._checkRowPos(beforePosition);
    this._insertRows(beforePosition, howMany, beforePosition > 1 ? beforePosition - 1 : null);
    return this._api();
  }
  insertRowBefore(beforePosition: number): RealSheet {
    return this.insertRowsBefore(beforePosition, 1);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): RealSheet {
    this._checkColPos(afterPosition);
    if (!(howMany >= 1)) throw gasError('Invalid argument: howMany');
    this._alive().insertColumns(afterPosition + 1, howMany);
    return this._api();
  }
  insertColumnAfter(afterPosition: number): RealSheet {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): RealSheet {
    this._checkColPos(beforePosition);
    if (!(howMany >= 1)) throw gasError('Invalid argument: howMany');
    this._alive().insertColumns(beforePosition, howMany);
    return this._api();
  }
  insertColumnBefore(beforePosition: number): RealSheet {
    return this.insertColumnsBefore(beforePosition, 1);
  }

  deleteRows(rowPosition: number, howMany: number): void {
    const sheet = this._alive();
    this._checkRowPos(rowPosition);
    if (!(howMany >= 1) || rowPosition + howMany - 1 > sheet.maxRows) {
      throw gasError('Those rows are out of bounds.');
    }
    if (howMany >= sheet.maxRows - sheet.frozenRows && rowPosition > sheet.frozenRows) {
      throw gasError('Sorry, it is not possible to delete all non-frozen rows.');
    }
    sheet.deleteRows(rowPosition, howMany);
  }
  deleteRow(rowPosition: number): RealSheet {
    this.deleteRows(rowPosition, 1);
    return this._api();
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const sheet = this._alive();
    this._checkColPos(columnPosition);
    if (!(howMany >= 1) || columnPosition + howMany - 1 > sheet.maxColumns) {
      throw gasError('Those columns are out of bounds.');
    }
    if (howMany >= sheet.maxColumns) {
      throw gasError('Sorry, it is not possible to delete all non-frozen columns.');
    }
    sheet.deleteColumns(columnPosition, howMany);
  }
  deleteColumn(columnPosition: number): RealSheet {
    this.deleteColumns(columnPosition, 1);
    return this._api();
  }

  _wholeSheet(): GridRect {
    const s = this._alive();
    return { row: 1, col: 1, numRows: s.maxRows, numCols: s.maxColumns };
  }

  clear(options?: {
    formatOnly?: boolean | undefined;
    contentsOnly?: boolean | undefined;
  }): RealSheet {
    const sheet = this._alive();
    const contentsOnly = !!options?.contentsOnly && !options.formatOnly;
    const formatOnly = !!options?.formatOnly && !options.contentsOnly;
    for (const row of sheet.rows) {
      row?.forEach((cell) => {
        if (!cell) return;
        if (!formatOnly) {
          cell.v = '';
          delete cell.f;
        }
        if (!contentsOnly && cell.fmt) {
          const { validation, note } = cell.fmt;
          cell.fmt = {};
          if (validation) cell.fmt.validation = validation;
          if (note !== undefined) cell.fmt.note = note;
        }
      });
    }
    return this._api();
  }
  clearContents(): RealSheet {
    return this.clear({ contentsOnly: true });
  }
  clearFormats(): RealSheet {
    return this.clear({ formatOnly: true });
  }
  clearNotes(): RealSheet {
    for (const row of this._alive().rows) {
      row?.forEach((cell) => {
        if (cell?.fmt) delete cell.fmt.note;
      });
    }
    return this._api();
  }

  setFrozenRows(rows: number): void {
    const sheet = this._alive();
    if (rows < 0 || rows > sheet.maxRows) throw gasError('Those rows are out of bounds.');
    sheet.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this._alive().frozenRows;
  }
  setFrozenColumns(columns: number): void {
    const sheet = this._alive();
    if (columns < 0 || columns > sheet.maxColumns)
      throw gasError('Those columns are out of bounds.');
    sheet.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    return this._alive().frozenColumns;
  }

  /** The sheet's protection (an existing one is returned rather than a second created). */
  protect(): RealProtection {
    const sheet = this._alive();
    let state = sheet.protections.find((p) => p.type === 'SHEET');
    if (!state) {
      state = {
        id: this._ss.nextProtectionId++,
        type: 'SHEET',
        description: '',
        warningOnly: false,
        editors: [],
        domainEdit: false,
        unprotected: [],
      };
      sheet.protections.push(state);
    }
    return protectionHandle(this._ctx, this._ss, sheet, state);
  }

  getProtections(type: RealProtectionType): RealProtection[] {
    const t = String(type) === 'SHEET' ? 'SHEET' : 'RANGE';
    return protectionOf(this._ss, this._alive(), t).map((x) =>
      protectionHandle(this._ctx, x.ss, x.sheet, x.p),
    );
  }

  /** Widths are kept; auto-resizing picks a width from the longest display text. */
  autoResizeColumns(startColumn: number, numColumns: number): RealSheet {
    const sheet = this._alive();
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      this._checkColPos(c);
      let longest = 0;
      for (const row of sheet.rows) {
        const v = row?.[c - 1]?.v;
        if (v !== undefined) longest = Math.max(longest, String(v).length);
      }
      sheet.columnWidths[c] = Math.max(DEFAULT_COLUMN_WIDTH / 4, Math.min(1000, 7 * longest + 10));
    }
    return this._api();
  }
  autoResizeColumn(columnPosition: number): RealSheet {
    return this.autoResizeColumns(columnPosition, 1);
  }
  setColumnWidth(columnPosition: number, width: number): RealSheet {
    this._checkColPos(columnPosition);
    this._alive().columnWidths[columnPosition] = width;
    return this._api();
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): RealSheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.setColumnWidth(c, width);
    return this._api();
  }
  getColumnWidth(columnPosition: number): number {
    this._checkColPos(columnPosition);
    return this._alive().columnWidths[columnPosition] ?? DEFAULT_COLUMN_WIDTH;
  }

  activate(): RealSheet {
    this._ss.activeSheetId = this._alive().id;
    this._sheet.hidden = false;
    return this._api();
  }
  hideSheet(): RealSheet {
    const visible = this._ss.sheets.filter((s) => !s.hidden);
    if (visible.length === 1 && visible[0] === this._sheet) {
      throw gasError("You can't hide all the sheets in a document.");
    }
    this._alive().hidden = true;
    return this._api();
  }
  showSheet(): RealSheet {
    this._alive().hidden = false;
    return this._api();
  }
  isSheetHidden(): boolean {
    return this._alive().hidden;
  }
  setTabColor(color: string | null): RealSheet {
    this._alive().tabColor = color;
    return this._api();
  }
  getTabColor(): string | null {
    return this._alive().tabColor;
  }
}

export function sheetHandle(ctx: SimContext, ss: SpreadsheetState, sheet: SheetState): RealSheet {
  return api(track(new SheetHandle(ctx, ss, sheet), 'Sheet', ctx.rec));
}

/* ---------------- Spreadsheet ---------------- */

export class SpreadsheetHandle
  extends Handle
  implements
    Pick<
      RealSs,
      | 'getId'
      | 'getName'
      | 'rename'
      | 'getUrl'
      | 'getSheets'
      | 'getNumSheets'
      | 'getSheetByName'
      | 'getSheetById'
      | 'getActiveSheet'
      | 'setActiveSheet'
      | 'insertSheet'
      | 'deleteSheet'
      | 'getSpreadsheetTimeZone'
      | 'setSpreadsheetTimeZone'
      | 'getSpreadsheetLocale'
      | 'setSpreadsheetLocale'
      | 'toast'
      | 'getRange'
      | 'getProtections'
    >
{
  constructor(
    readonly _ctx: SimContext,
    readonly _ss: SpreadsheetState,
  ) {
    super();
  }

  _sheet(s: SheetState): RealSheet {
    return sheetHandle(this._ctx, this._ss, s);
  }

  getId(): string {
    return this._ss.id;
  }
  addDeveloperMetadata(...args: unknown[]): RealSs {
    addMetadata(this._ss, args);
    return api(this);
  }
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return this._ss.metadata.map((m) => metadataHandle(this._ctx, this._ss, m.id));
  }
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return metadataFinder(this._ctx, this._ss);
  }
  getName(): string {
    return this._ss.name;
  }
  rename(newName: string): void {
    this._ss.name = newName;
  }
  getUrl(): string {
    return spreadsheetUrl(this._ss.id);
  }
  getSheets(): RealSheet[] {
    return this._ss.sheets.map((s) => this._sheet(s));
  }
  getNumSheets(): number {
    return this._ss.sheets.length;
  }
  getSheetByName(name: string): RealSheet | null {
    const s = this._ss.sheetByName(name);
    return s ? this._sheet(s) : null;
  }
  getSheetById(id: number): RealSheet | null {
    const s = this._ss.sheetById(id);
    return s ? this._sheet(s) : null;
  }
  getActiveSheet(): RealSheet {
    const s = this._ss.activeSheet();
    if (!s) throw gasError('The spreadsheet has no sheet.');
    return this._sheet(s);
  }
  setActiveSheet(sheet: RealSheet): RealSheet {
    if (!(sheet instanceof SheetHandle) || sheet._ss !== this._ss) {
      throw gasError('Invalid argument: sheet');
    }
    this._ss.activeSheetId = sheet._sheet.id;
    return this._sheet(sheet._sheet);
  }

  /**
   * `insertSheet()`, `insertSheet(index)`, `insertSheet(name)`, `insertSheet(name, index)`; the
   * index is 0-based. The new sheet becomes the active one.
   */
  insertSheet(a?: unknown, b?: unknown): RealSheet {
    let name: string | undefined;
    let index: number | undefined;
    if (typeof a === 'string') {
      name = a;
      if (typeof b === 'number') index = b;
    } else if (typeof a === 'number') index = a;
    if (name === undefined) {
      const base = localeInfo(this._ss.locale).newSheetName;
      let n = this._ss.sheets.length + 1;
      while (this._ss.sheetByName(base(n))) n++;
      name = base(n);
    }
    if (name.trim() === '') throw gasError('Invalid argument: sheetName');
    if (this._ss.sheetByName(name)) throw sheetExists(name);
    if (index !== undefined && (index < 0 || index > this._ss.sheets.length)) {
      throw gasError('Invalid argument: sheetIndex');
    }
    const sheet = this._ss.addSheet(name, index);
    this._ss.activeSheetId = sheet.id;
    return this._sheet(sheet);
  }

  deleteSheet(sheet: RealSheet): void {
    if (!(sheet instanceof SheetHandle) || sheet._ss !== this._ss) {
      throw gasError('Invalid argument: sheet');
    }
    if (this._ss.sheets.length <= 1) {
      throw gasError('This operation is not allowed because it would delete all visible sheets.');
    }
    this._ss.sheets = this._ss.sheets.filter((s) => s !== sheet._sheet);
    if (this._ss.activeSheetId === sheet._sheet.id)
      this._ss.activeSheetId = this._ss.sheets[0]?.id ?? null;
  }

  getSpreadsheetTimeZone(): string {
    return this._ss.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this._ss.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    return this._ss.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this._ss.locale = locale;
  }

  /** Recorded in the world's UI log; in a trigger nobody sees it, but it is not an error. */
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this._ctx.world.ui.toasts.push({
      message: String(msg),
      title: title ?? '',
      timeoutSeconds: timeoutSeconds ?? null,
      spreadsheetId: this._ss.id,
      executionId: this._ctx.executionId,
      atMs: this._ctx.now().getTime(),
      interactive: this._ctx.interactive,
    });
  }

  /** `Sheet!A1:B2`; without a sheet name, the active sheet. */
  getRange(a1Notation: string): RealRange {
    const ref = parseA1(a1Notation);
    const sheet =
      ref.sheetName === null ? this._ss.activeSheet() : this._ss.sheetByName(ref.sheetName);
    if (!sheet) throw gasError('Range not found');
    return rangeHandle(this._ctx, this._ss, sheet, resolveA1(ref, sheet.maxRows, sheet.maxColumns));
  }

  getProtections(type: RealProtectionType): RealProtection[] {
    const t = String(type) === 'SHEET' ? 'SHEET' : 'RANGE';
    return this._ss.sheets
      .flatMap((s) => protectionOf(this._ss, s, t))
      .map((x) => protectionHandle(this._ctx, x.ss, x.sheet, x.p));
  }
}

export function spreadsheetHandle(ctx: SimContext, ss: SpreadsheetState): RealSs {
  return api(track(new SpreadsheetHandle(ctx, ss), 'Spreadsheet', ctx.rec));
}

/* ---------------- SpreadsheetApp ---------------- */

export class SpreadsheetAppHandle
  extends Handle
  implements
    Pick<
      RealApp,
      | 'BorderStyle'
      | 'DataValidationCriteria'
      | 'ProtectionType'
      | 'SheetType'
      | 'WrapStrategy'
      | 'DeveloperMetadataVisibility'
      | 'getActiveSpreadsheet'
      | 'getActive'
      | 'getActiveSheet'
      | 'setActiveSpreadsheet'
      | 'openById'
      | 'openByUrl'
      | 'create'
      | 'flush'
      | 'getUi'
      | 'newDataValidation'
    >
{
  readonly BorderStyle = BorderStyle as unknown as RealApp['BorderStyle'];
  readonly DataValidationCriteria =
    DataValidationCriteria as unknown as RealApp['DataValidationCriteria'];
  readonly ProtectionType = ProtectionType as unknown as RealApp['ProtectionType'];
  readonly SheetType = SheetType as unknown as RealApp['SheetType'];
  readonly WrapStrategy = WrapStrategy as unknown as RealApp['WrapStrategy'];
  readonly DeveloperMetadataVisibility = {
    DOCUMENT: 'DOCUMENT',
    PROJECT: 'PROJECT',
  } as unknown as RealApp['DeveloperMetadataVisibility'];

  constructor(private readonly ctx: SimContext) {
    super();
  }

  /** The workbook the add-on runs in; null when there is none (a standalone script). */
  getActiveSpreadsheet(): RealSs {
    const ss = this.ctx.hasDocument ? this.ctx.world.sheets.active() : undefined;
    return (ss ? spreadsheetHandle(this.ctx, ss) : null) as RealSs;
  }
  getActive(): RealSs {
    return this.getActiveSpreadsheet();
  }
  getActiveSheet(): RealSheet {
    const ss = this.ctx.hasDocument ? this.ctx.world.sheets.active() : undefined;
    const sheet = ss?.activeSheet();
    if (!ss || !sheet) return null as unknown as RealSheet;
    return sheetHandle(this.ctx, ss, sheet);
  }
  setActiveSpreadsheet(newActiveSpreadsheet: RealSs): void {
    if (!(newActiveSpreadsheet instanceof SpreadsheetHandle)) {
      throw gasError('Invalid argument: spreadsheet');
    }
    this.ctx.world.sheets.activeId = newActiveSpreadsheet._ss.id;
  }
  openById(id: string): RealSs {
    const ss = this.ctx.world.sheets.get(id);
    if (!ss) {
      throw gasError(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    return spreadsheetHandle(this.ctx, ss);
  }
  openByUrl(url: string): RealSs {
    const m = /\/spreadsheets\/d\/([^/]+)/.exec(url);
    const ss = m?.[1] ? this.ctx.world.sheets.get(m[1]) : undefined;
    if (!ss) {
      throw gasError(
        'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
      );
    }
    return spreadsheetHandle(this.ctx, ss);
  }
  create(name: string, rows?: number, columns?: number): RealSs {
    return spreadsheetHandle(this.ctx, createSpreadsheetState(this.ctx, name, rows, columns));
  }
  /**
   * Applies this execution's pending writes, so that other executions see them (sheet-view.ts);
   * until then, or the end of the execution, they see the workbook as it was.
   */
  flush(): void {
    this.ctx.world.sheetView.flush(this.ctx.executionId);
  }
  getUi(): GoogleAppsScript.Base.Ui {
    return createUi(this.ctx);
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return newValidationBuilder(this.ctx);
  }
}

export function createSpreadsheetApp(ctx: SimContext): RealApp {
  return api(track(new SpreadsheetAppHandle(ctx), 'SpreadsheetApp', ctx.rec));
}
