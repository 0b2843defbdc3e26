/**
 * Range: typed cells, USER_ENTERED typing of strings, number formats and display values,
 * formatting, notes, validation and protection. Errors carry Apps Script's texts.
 */
import { rectToA1, type GridRect } from './a1';
import { evaluateFormula, MAX_CELL_CHARS, parseUserEntered, type CellValue } from './cell-parse';
import { DEFAULT_NUMBER_FORMAT, formatCell } from './cell-format';
import type { SimContext } from './context';
import { gasError } from './errors';
import { api, Handle, track } from './handle';
import { localeInfo } from './locale';
import type {
  Cell,
  CellFormat,
  SheetState,
  SpreadsheetState,
  ValidationState,
} from './sheets-state';
import { toScriptDate } from './script-date';
import { sheetHandle } from './spreadsheet';
import { dateMs, isDateLike, zonedParts } from './time';
import { protectionHandle, satisfies, validationHandle, DataValidationHandle } from './validation';

type RealRange = GoogleAppsScript.Spreadsheet.Range;

/* ---------------- checks shared with Sheet ---------------- */

export function checkStart(row: number, col: number): void {
  if (!(row >= 1)) throw gasError('The starting row of the range is too small.');
  if (!(col >= 1)) throw gasError('The starting column of the range is too small.');
}

/** Validates a numeric range request against the sheet's grid. */
export function checkRect(sheet: SheetState, rect: GridRect): void {
  checkStart(rect.row, rect.col);
  if (!(rect.numRows >= 1)) throw gasError('The number of rows in the range must be at least 1.');
  if (!(rect.numCols >= 1)) {
    throw gasError('The number of columns in the range must be at least 1.');
  }
  if (rect.row + rect.numRows - 1 > sheet.maxRows) throw gasError('Those rows are out of bounds.');
  if (rect.col + rect.numCols - 1 > sheet.maxColumns) {
    throw gasError('Those columns are out of bounds.');
  }
}

/** Apps Script's check of a 2-D array against a range's shape. */
export function checkShape(data: unknown, rect: GridRect): asserts data is unknown[][] {
  if (!Array.isArray(data))
    throw gasError(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  if (data.length !== rect.numRows) {
    throw gasError(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${rect.numRows}.`,
    );
  }
  for (const row of data) {
    const len = Array.isArray(row) ? row.length : 0;
    if (len !== rect.numCols) {
      throw gasError(
        `The number of columns in the data does not match the number of columns in the range. The data has ${len} but the range has ${rect.numCols}.`,
      );
    }
  }
}

/* ---------------- writing values ---------------- */

interface Converted {
  v: CellValue;
  f?: string;
  /** Format Sheets gives a cell that had none. */
  autoFormat?: string;
}

/** What a script value becomes in a cell (strings typed as USER_ENTERED unless the cell is `@`). */
export function convertInput(
  ss: SpreadsheetState,
  raw: unknown,
  cell: Cell | undefined,
  nowMs: number,
): Converted {
  if (raw === null || raw === undefined) return { v: '' };
  if (isDateLike(raw)) {
    const ms = dateMs(raw);
    if (Number.isNaN(ms)) return { v: '#VALUE!' };
    const locale = localeInfo(ss.locale);
    const p = zonedParts(ms, ss.timeZone);
    const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
    return { v: new Date(ms), autoFormat: midnight ? locale.dateFormat : locale.dateTimeFormat };
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { v: '#NUM!' };
    return { v: Object.is(raw, -0) ? 0 : raw };
  }
  if (typeof raw === 'boolean') return { v: raw };
  const text = typeof raw === 'string' ? raw : String(raw);
  if (text.length > MAX_CELL_CHARS) {
    throw gasError(
      `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
    );
  }
  if (cell?.fmt?.numberFormat === '@') return { v: text };
  const parsed = parseUserEntered(text, {
    locale: localeInfo(ss.locale),
    timeZone: ss.timeZone,
    currentYear: zonedParts(nowMs, ss.timeZone).year,
  });
  const out: Converted = { v: parsed.value };
  if (parsed.formula !== undefined) out.f = parsed.formula;
  if (parsed.numberFormat !== undefined) out.autoFormat = parsed.numberFormat;
  return out;
}

export function storeConverted(sheet: SheetState, row: number, col: number, c: Converted): void {
  const cell = sheet.ensureCell(row, col);
  cell.v = c.v;
  if (c.f !== undefined) cell.f = c.f;
  else delete cell.f;
  if (c.autoFormat !== undefined && !cell.fmt?.numberFormat) {
    cell.fmt = { ...cell.fmt, numberFormat: c.autoFormat };
  }
}

/** Reads the values a VALUE_IN_RANGE rule refers to. */
export function readRuleRange(
  ctx: SimContext,
  ref: NonNullable<ValidationState['rangeRef']>,
): CellValue[] {
  const sheet = ctx.world.sheets.get(ref.spreadsheetId)?.sheetById(ref.sheetId);
  if (!sheet) return [];
  const out: CellValue[] = [];
  sheet.forEachCell(ref.rect, (r, c) => out.push(sheet.value(r, c)));
  return out;
}

/** Apps Script refuses a write that breaks a "reject input" rule. */
export function checkValidation(
  ctx: SimContext,
  sheet: SheetState,
  row: number,
  col: number,
  v: CellValue,
): void {
  const rule = sheet.cell(row, col)?.fmt?.validation;
  if (!rule || rule.allowInvalid) return;
  if (!satisfies(rule, v, (ref) => readRuleRange(ctx, ref))) {
    throw gasError(
      `The data you entered in cell ${rectToA1({ row, col, numRows: 1, numCols: 1 })} violates the data validation rules set on this cell.`,
    );
  }
}

/** Writes one row of script values at (row, col…), all checked before any is stored. */
export function writeRow(
  ctx: SimContext,
  ss: SpreadsheetState,
  sheet: SheetState,
  row: number,
  col: number,
  values: readonly unknown[],
): void {
  const nowMs = ctx.now().getTime();
  const conv = values.map((v, i) => convertInput(ss, v, sheet.cell(row, col + i), nowMs));
  conv.forEach((c, i) => checkValidation(ctx, sheet, row, col + i, c.v));
  conv.forEach((c, i) => storeConverted(sheet, row, col + i, c));
}

/* ---------------- colours ---------------- */

const NAMED_COLOURS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
};

/** Sheets stores colours as lower-case `#rrggbb`. */
export function normaliseColour(c: string): string {
  const s = c.trim().toLowerCase();
  if (NAMED_COLOURS[s]) return NAMED_COLOURS[s];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return s;
}

/* ---------------- the handle ---------------- */

type FormatKey = Exclude<keyof CellFormat, 'validation' | 'note'>;
type Align = 'left' | 'center' | 'normal' | 'right' | null;
type VAlign = 'top' | 'middle' | 'bottom' | null;

export class RangeHandle
  extends Handle
  implements
    Pick<
      RealRange,
      | 'activate'
      | 'clear'
      | 'clearContent'
      | 'clearDataValidations'
      | 'clearFormat'
      | 'clearNote'
      | 'getA1Notation'
      | 'getBackground'
      | 'getBackgrounds'
      | 'getCell'
      | 'getColumn'
      | 'getDataValidation'
      | 'getDataValidations'
      | 'getDisplayValue'
      | 'getDisplayValues'
      | 'getFontWeight'
      | 'getFontWeights'
      | 'getFormula'
      | 'getFormulas'
      | 'getGridId'
      | 'getHeight'
      | 'getHorizontalAlignment'
      | 'getHorizontalAlignments'
      | 'getLastColumn'
      | 'getLastRow'
      | 'getNote'
      | 'getNotes'
      | 'getNumColumns'
      | 'getNumRows'
      | 'getNumberFormat'
      | 'getNumberFormats'
      | 'getRow'
      | 'getRowIndex'
      | 'getSheet'
      | 'getValue'
      | 'getValues'
      | 'getWidth'
      | 'getWrap'
      | 'getWraps'
      | 'isBlank'
      | 'offset'
      | 'protect'
      | 'setBackground'
      | 'setBackgrounds'
      | 'setBorder'
      | 'setDataValidation'
      | 'setDataValidations'
      | 'setFontColor'
      | 'setFontColors'
      | 'setFontFamily'
      | 'setFontSize'
      | 'setFontStyle'
      | 'setFontWeight'
      | 'setFontWeights'
      | 'setFormula'
      | 'setFormulas'
      | 'setHorizontalAlignment'
      | 'setHorizontalAlignments'
      | 'setNote'
      | 'setNotes'
      | 'setNumberFormat'
      | 'setNumberFormats'
      | 'setValue'
      | 'setValues'
      | 'setVerticalAlignment'
      | 'setWrap'
      | 'setWraps'
    >
{
  constructor(
    readonly _ctx: SimContext,
    readonly _ss: SpreadsheetState,
    readonly _sheet: SheetState,
    readonly _rect: GridRect,
  ) {
    super();
  }

  /** Cells moved by a call on this range, for per-cell latency. */
  simCellCount(): number {
    return this._rect.numRows * this._rect.numCols;
  }

  _api(): RealRange {
    return api<RealRange>(this);
  }

  _grid<T>(fn: (row: number, col: number) => T): T[][] {
    const { row, col, numRows, numCols } = this._rect;
    const out: T[][] = new Array<T[]>(numRows);
    for (let r = 0; r < numRows; r++) {
      const line = new Array<T>(numCols);
      for (let c = 0; c < numCols; c++) line[c] = fn(row + r, col + c);
      out[r] = line;
    }
    return out;
  }

  _each(fn: (row: number, col: number, i: number, j: number) => void): void {
    const { row, col, numRows, numCols } = this._rect;
    for (let r = 0; r < numRows; r++) for (let c = 0; c < numCols; c++) fn(row + r, col + c, r, c);
  }

  _setFormat<K extends FormatKey>(
    key: K,
    value: CellFormat[K] | null | undefined,
    row: number,
    col: number,
  ): void {
    const cell = this._sheet.ensureCell(row, col);
    const fmt: CellFormat = { ...cell.fmt };
    if (value === null || value === undefined) delete fmt[key];
    else fmt[key] = value;
    cell.fmt = fmt;
  }

  _setFormatAll<K extends FormatKey>(key: K, value: CellFormat[K] | null | undefined): RealRange {
    this._each((r, c) => this._setFormat(key, value, r, c));
    return this._api();
  }

  _setFormatGrid<K extends FormatKey>(
    key: K,
    grid: unknown,
    map: (v: unknown) => CellFormat[K] | null,
  ): RealRange {
    checkShape(grid, this._rect);
    this._each((r, c, i, j) => this._setFormat(key, map(grid[i]?.[j]), r, c));
    return this._api();
  }

  _fmt(row: number, col: number): CellFormat | undefined {
    return this._sheet.cell(row, col)?.fmt;
  }

  _display(row: number, col: number): string {
    const cell = this._sheet.cell(row, col);
    if (!cell) return '';
    return formatCell(
      cell.v,
      cell.fmt?.numberFormat,
      localeInfo(this._ss.locale),
      this._ss.timeZone,
    );
  }

  /* values */

  /** Dates come out as new script dates (local methods in the script's zone), never aliased. */
  _out(v: CellValue): unknown {
    return isDateLike(v) ? toScriptDate(dateMs(v), this._ctx.world.timeZone) : v;
  }

  getValues(): unknown[][] {
    return this._grid((r, c) => this._out(this._sheet.value(r, c)));
  }

  getValue(): unknown {
    return this._out(this._sheet.value(this._rect.row, this._rect.col));
  }

  getDisplayValues(): string[][] {
    return this._grid((r, c) => this._display(r, c));
  }

  getDisplayValue(): string {
    return this._display(this._rect.row, this._rect.col);
  }

  setValues(values: unknown[][]): RealRange {
    checkShape(values, this._rect);
    const nowMs = this._ctx.now().getTime();
    const conv = this._grid((r, c) =>
      convertInput(
        this._ss,
        values[r - this._rect.row]?.[c - this._rect.col],
        this._sheet.cell(r, c),
        nowMs,
      ),
    );
    this._each((r, c, i, j) => {
      const x = conv[i]?.[j];
      if (x) checkValidation(this._ctx, this._sheet, r, c, x.v);
    });
    this._each((r, c, i, j) => {
      const x = conv[i]?.[j];
      if (x) storeConverted(this._sheet, r, c, x);
    });
    return this._api();
  }

  /** Sets every cell of the range to the value, as Apps Script does. */
  setValue(value: unknown): RealRange {
    const grid = this._grid(() => value);
    return this.setValues(grid);
  }

  getFormula(): string {
    return this._sheet.cell(this._rect.row, this._rect.col)?.f ?? '';
  }

  getFormulas(): string[][] {
    return this._grid((r, c) => this._sheet.cell(r, c)?.f ?? '');
  }

  setFormula(formula: string): RealRange {
    return this.setFormulas(this._grid(() => formula));
  }

  setFormulas(formulas: string[][]): RealRange {
    checkShape(formulas, this._rect);
    this._each((r, c, i, j) => {
      const f = String(formulas[i]?.[j] ?? '');
      if (f === '') {
        storeConverted(this._sheet, r, c, { v: '' });
        return;
      }
      const formula = f.startsWith('=') ? f : `=${f}`;
      storeConverted(this._sheet, r, c, { v: evaluateFormula(formula), f: formula });
    });
    return this._api();
  }

  isBlank(): boolean {
    let blank = true;
    this._each((r, c) => {
      const cell = this._sheet.cell(r, c);
      if (cell && (cell.v !== '' || cell.f !== undefined)) blank = false;
    });
    return blank;
  }

  /* geometry */

  getRow(): number {
    return this._rect.row;
  }
  getRowIndex(): number {
    return this._rect.row;
  }
  getColumn(): number {
    return this._rect.col;
  }
  getNumRows(): number {
    return this._rect.numRows;
  }
  getNumColumns(): number {
    return this._rect.numCols;
  }
  getHeight(): number {
    return this._rect.numRows;
  }
  getWidth(): number {
    return this._rect.numCols;
  }
  getLastRow(): number {
    return this._rect.row + this._rect.numRows - 1;
  }
  getLastColumn(): number {
    return this._rect.col + this._rect.numCols - 1;
  }
  getA1Notation(): string {
    return rectToA1(this._rect);
  }
  getGridId(): number {
    return this._sheet.id;
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return sheetHandle(this._ctx, this._ss, this._sheet);
  }

  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): RealRange {
    const rect: GridRect = {
      row: this._rect.row + rowOffset,
      col: this._rect.col + columnOffset,
      numRows: numRows ?? this._rect.numRows,
      numCols: numColumns ?? this._rect.numCols,
    };
    checkRect(this._sheet, rect);
    return rangeHandle(this._ctx, this._ss, this._sheet, rect);
  }

  getCell(row: number, column: number): RealRange {
    if (row < 1 || column < 1 || row > this._rect.numRows || column > this._rect.numCols) {
      throw gasError('Cell reference out of range');
    }
    const rect = {
      row: this._rect.row + row - 1,
      col: this._rect.col + column - 1,
      numRows: 1,
      numCols: 1,
    };
    return rangeHandle(this._ctx, this._ss, this._sheet, rect);
  }

  activate(): RealRange {
    this._ss.activeSheetId = this._sheet.id;
    return this._api();
  }

  /* clearing */

  /** Contents and formats (not notes nor validation rules), or what the options say. */
  clear(options?: {
    commentsOnly?: boolean | undefined;
    contentsOnly?: boolean | undefined;
    formatOnly?: boolean | undefined;
    validationsOnly?: boolean | undefined;
    skipFilteredRows?: boolean | undefined;
  }): RealRange {
    const o = options ?? {};
    const any = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    const contents = !any || !!o.contentsOnly;
    const formats = !any || !!o.formatOnly;
    this._each((r, c) => {
      const cell = this._sheet.cell(r, c);
      if (!cell) return;
      if (contents) {
        cell.v = '';
        delete cell.f;
      }
      if (cell.fmt) {
        const { note, validation, ...rest } = cell.fmt;
        const keep: CellFormat = formats ? {} : { ...rest };
        if (note !== undefined && !o.commentsOnly) keep.note = note;
        if (validation !== undefined && !o.validationsOnly) keep.validation = validation;
        cell.fmt = keep;
      }
    });
    return this._api();
  }

  clearContent(): RealRange {
    return this.clear({ contentsOnly: true });
  }

  clearFormat(): RealRange {
    return this.clear({ formatOnly: true });
  }

  clearDataValidations(): RealRange {
    return this.clear({ validationsOnly: true });
  }

  clearNote(): RealRange {
    this._each((r, c) => {
      const cell = this._sheet.cell(r, c);
      if (cell?.fmt) delete cell.fmt.note;
    });
    return this._api();
  }

  /* number formats */

  getNumberFormat(): string {
    return this._fmt(this._rect.row, this._rect.col)?.numberFormat ?? DEFAULT_NUMBER_FORMAT;
  }
  getNumberFormats(): string[][] {
    return this._grid((r, c) => this._fmt(r, c)?.numberFormat ?? DEFAULT_NUMBER_FORMAT);
  }
  setNumberFormat(numberFormat: string): RealRange {
    return this._setFormatAll('numberFormat', numberFormat);
  }
  setNumberFormats(numberFormats: string[][]): RealRange {
    return this._setFormatGrid('numberFormat', numberFormats, (v) =>
      v === null || v === undefined ? null : String(v),
    );
  }

  /* colours and fonts */

  getBackground(): string {
    return this._fmt(this._rect.row, this._rect.col)?.background ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    return this._grid((r, c) => this._fmt(r, c)?.background ?? '#ffffff');
  }
  setBackground(color: string | null): RealRange {
    return this._setFormatAll('background', color === null ? null : normaliseColour(color));
  }
  setBackgrounds(color: Array<Array<string | null>>): RealRange {
    return this._setFormatGrid('background', color, (v) =>
      typeof v === 'string' ? normaliseColour(v) : null,
    );
  }
  setFontColor(color: string | null): RealRange {
    return this._setFormatAll('fontColor', color === null ? null : normaliseColour(color));
  }
  setFontColors(colors: unknown[][]): RealRange {
    return this._setFormatGrid('fontColor', colors, (v) =>
      typeof v === 'string' ? normaliseColour(v) : null,
    );
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return (this._fmt(this._rect.row, this._rect.col)?.fontWeight ??
      'normal') as GoogleAppsScript.Spreadsheet.FontWeight;
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this._grid(
      (r, c) =>
        (this._fmt(r, c)?.fontWeight ?? 'normal') as GoogleAppsScript.Spreadsheet.FontWeight,
    );
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): RealRange {
    return this._setFormatAll('fontWeight', fontWeight);
  }
  setFontWeights(
    fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>,
  ): RealRange {
    return this._setFormatGrid('fontWeight', fontWeights, (v) =>
      typeof v === 'string' ? v : null,
    );
  }
  setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): RealRange {
    return this._setFormatAll('fontStyle', fontStyle);
  }
  setFontSize(size: number): RealRange {
    return this._setFormatAll('fontSize', size);
  }
  setFontFamily(fontFamily: string | null): RealRange {
    return this._setFormatAll('fontFamily', fontFamily);
  }
  getHorizontalAlignment(): string {
    return this._fmt(this._rect.row, this._rect.col)?.horizontalAlignment ?? 'general';
  }
  getHorizontalAlignments(): string[][] {
    return this._grid((r, c) => this._fmt(r, c)?.horizontalAlignment ?? 'general');
  }
  setHorizontalAlignment(alignment: Align): RealRange {
    return this._setFormatAll('horizontalAlignment', alignment === 'normal' ? null : alignment);
  }
  setHorizontalAlignments(alignments: Align[][]): RealRange {
    return this._setFormatGrid('horizontalAlignment', alignments, (v) =>
      typeof v === 'string' && v !== 'normal' ? v : null,
    );
  }
  setVerticalAlignment(alignment: VAlign): RealRange {
    return this._setFormatAll('verticalAlignment', alignment);
  }
  getWrap(): boolean {
    return this._fmt(this._rect.row, this._rect.col)?.wrap ?? false;
  }
  getWraps(): boolean[][] {
    return this._grid((r, c) => this._fmt(r, c)?.wrap ?? false);
  }
  setWrap(isWrapEnabled: boolean): RealRange {
    return this._setFormatAll('wrap', isWrapEnabled);
  }
  setWraps(isWrapEnabled: boolean[][]): RealRange {
    return this._setFormatGrid('wrap', isWrapEnabled, (v) => Boolean(v));
  }
  /** Borders are accepted and not kept: nothing in the simulator shows them. */
  setBorder(..._args: unknown[]): RealRange {
    return this._api();
  }

  /* notes */

  getNote(): string {
    return this._fmt(this._rect.row, this._rect.col)?.note ?? '';
  }
  getNotes(): string[][] {
    return this._grid((r, c) => this._fmt(r, c)?.note ?? '');
  }
  setNote(note: string | null): RealRange {
    return this.setNotes(this._grid(() => note));
  }
  setNotes(notes: Array<Array<string | null>>): RealRange {
    checkShape(notes, this._rect);
    this._each((r, c, i, j) => {
      const n = notes[i]?.[j];
      const cell = this._sheet.ensureCell(r, c);
      const fmt: CellFormat = { ...cell.fmt };
      if (n === null || n === undefined || n === '') delete fmt.note;
      else fmt.note = String(n);
      cell.fmt = fmt;
    });
    return this._api();
  }

  /* validation and protection */

  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    const rule = this._fmt(this._rect.row, this._rect.col)?.validation;
    return rule ? validationHandle(this._ctx, rule) : null;
  }
  getDataValidations(): Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>> {
    return this._grid((r, c) => {
      const rule = this._fmt(r, c)?.validation;
      return rule ? validationHandle(this._ctx, rule) : null;
    });
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): RealRange {
    return this.setDataValidations(this._grid(() => rule));
  }
  setDataValidations(
    rules: Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>>,
  ): RealRange {
    checkShape(rules, this._rect);
    this._each((r, c, i, j) => {
      const rule = rules[i]?.[j] ?? null;
      if (rule !== null && !(rule instanceof DataValidationHandle)) {
        throw gasError('Invalid argument: rule');
      }
      const cell = this._sheet.ensureCell(r, c);
      const fmt: CellFormat = { ...cell.fmt };
      if (rule === null) delete fmt.validation;
      else fmt.validation = rule._state;
      cell.fmt = fmt;
    });
    return this._api();
  }

  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const state = {
      id: this._ss.nextProtectionId++,
      type: 'RANGE' as const,
      rect: { ...this._rect },
      description: '',
      warningOnly: false,
      editors: [],
      domainEdit: false,
      unprotected: [],
    };
    this._sheet.protections.push(state);
    return protectionHandle(this._ctx, this._ss, this._sheet, state);
  }
}

export function rangeHandle(
  ctx: SimContext,
  ss: SpreadsheetState,
  sheet: SheetState,
  rect: GridRect,
): RealRange {
  return api(track(new RangeHandle(ctx, ss, sheet, { ...rect }), 'Range', ctx.rec));
}
