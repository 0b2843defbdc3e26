/**
 * Persistent spreadsheet state: spreadsheets, their sheets and typed cells. Handles in
 * spreadsheet.ts and range.ts read and write it; World serialises it.
 */
import type { GridRect } from './a1';
import type { CellValue } from './cell-parse';
import { dateMs, isDateLike } from './time';

export interface ValidationState {
  /** Apps Script's DataValidationCriteria name, e.g. `VALUE_IN_LIST`. */
  criteria: string;
  /** Criteria arguments as Apps Script reports them (`getCriteriaValues`). */
  values: CellValue[];
  /** For VALUE_IN_RANGE: where the allowed values are. */
  rangeRef?: { spreadsheetId: string; sheetId: number; rect: GridRect };
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string | null;
}

export interface CellFormat {
  numberFormat?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontSize?: number;
  fontFamily?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrap?: boolean;
  note?: string;
  validation?: ValidationState;
}

export interface Cell {
  v: CellValue;
  /** Formula text (`=…`) when the cell holds one; `v` is then what it shows. */
  f?: string;
  fmt?: CellFormat;
}

export interface ProtectionState {
  id: number;
  type: 'SHEET' | 'RANGE';
  /** For RANGE protections. */
  rect?: GridRect;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  unprotected: GridRect[];
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;

function isEmptyCell(c: Cell | undefined): boolean {
  return c === undefined || (c.v === '' && c.f === undefined);
}

export class SheetState {
  rows: Array<Array<Cell | undefined> | undefined> = [];
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  columnWidths: Record<number, number> = {};
  protections: ProtectionState[] = [];

  constructor(
    public id: number,
    public name: string,
    public maxRows = DEFAULT_ROWS,
    public maxColumns = DEFAULT_COLUMNS,
  ) {}

  /** 1-based. */
  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  /** 1-based; creates the cell. */
  ensureCell(row: number, col: number): Cell {
    const r = (this.rows[row - 1] ??= []);
    let c = r[col - 1];
    if (!c) {
      c = { v: '' };
      r[col - 1] = c;
    }
    return c;
  }

  value(row: number, col: number): CellValue {
    return this.cell(row, col)?.v ?? '';
  }

  /** Last row holding a value or formula; 0 for an empty sheet. */
  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      const row = this.rows[r - 1];
      if (row?.some((c) => !isEmptyCell(c))) return r;
    }
    return 0;
  }

  /** Last column holding a value or formula; 0 for an empty sheet. */
  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (!isEmptyCell(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Inserts `n` empty rows so that the first new one is row `at` (1-based). */
  insertRows(at: number, n: number): void {
    if (at - 1 <= this.rows.length) {
      this.rows.splice(at - 1, 0, ...new Array<undefined>(n).fill(undefined));
    }
    this.maxRows += n;
    for (const p of this.protections) {
      if (p.rect && p.rect.row >= at) p.rect = { ...p.rect, row: p.rect.row + n };
    }
  }

  deleteRows(at: number, n: number): void {
    this.rows.splice(at - 1, n);
    this.maxRows -= n;
  }

  insertColumns(at: number, n: number): void {
    for (const row of this.rows) {
      if (row && at - 1 <= row.length) {
        row.splice(at - 1, 0, ...new Array<undefined>(n).fill(undefined));
      }
    }
    this.maxColumns += n;
  }

  deleteColumns(at: number, n: number): void {
    for (const row of this.rows) row?.splice(at - 1, n);
    this.maxColumns -= n;
  }

  forEachCell(rect: GridRect, fn: (row: number, col: number) => void): void {
    for (let r = rect.row; r < rect.row + rect.numRows; r++) {
      for (let c = rect.col; c < rect.col + rect.numCols; c++) fn(r, c);
    }
  }
}

/** Developer metadata attached to the spreadsheet itself (Class DeveloperMetadata). */
export interface MetadataState {
  id: number;
  key: string;
  value: string | null;
  /** 'DOCUMENT' (any project) or 'PROJECT' (only the project that created it). */
  visibility: 'DOCUMENT' | 'PROJECT';
}

export class SpreadsheetState {
  sheets: SheetState[] = [];
  activeSheetId: number | null = null;
  nextSheetId = 0;
  nextProtectionId = 1;
  metadata: MetadataState[] = [];
  nextMetadataId = 1;

  constructor(
    public id: string,
    public name: string,
    public locale: string,
    public timeZone: string,
  ) {}

  addSheet(name: string, index?: number, rows?: number, cols?: number): SheetState {
    // Sheets gives the first tab gid 0 and later tabs large pseudo-random ids.
    const id = this.nextSheetId === 0 ? 0 : 100_000_000 + ((this.nextSheetId * 7_919_113) % 1e9);
    this.nextSheetId += 1;
    const sheet = new SheetState(id, name, rows, cols);
    if (index === undefined || index >= this.sheets.length) this.sheets.push(sheet);
    else this.sheets.splice(Math.max(0, index), 0, sheet);
    return sheet;
  }

  sheetByName(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  sheetById(id: number): SheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  activeSheet(): SheetState | undefined {
    return this.sheets.find((s) => s.id === this.activeSheetId) ?? this.sheets[0];
  }
}

/* ---------- serialisation ---------- */

export type JsonCellValue = string | number | boolean | { d: number };

export interface JsonCellFormat extends Omit<CellFormat, 'validation'> {
  validation?: Omit<ValidationState, 'values'> & { values: JsonCellValue[] };
}

/** [row, col, value, formula, format], 1-based; trailing nulls dropped. */
export type JsonCell =
  | [number, number, JsonCellValue]
  | [number, number, JsonCellValue, string | null]
  | [number, number, JsonCellValue, string | null, JsonCellFormat];

export interface SheetJson {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  columnWidths: Record<number, number>;
  protections: ProtectionState[];
  cells: JsonCell[];
}

export interface SpreadsheetJson {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  activeSheetId: number | null;
  nextSheetId: number;
  nextProtectionId: number;
  metadata?: MetadataState[];
  nextMetadataId?: number;
  sheets: SheetJson[];
}

export interface SheetsJson {
  activeId: string | null;
  spreadsheets: SpreadsheetJson[];
}

export function encodeValue(v: CellValue): JsonCellValue {
  return isDateLike(v) ? { d: dateMs(v) } : v;
}

export function decodeValue(v: JsonCellValue): CellValue {
  return typeof v === 'object' ? new Date(v.d) : v;
}

export function encodeFormat(f: CellFormat): JsonCellFormat {
  const { validation, ...rest } = f;
  const out: JsonCellFormat = { ...rest };
  if (validation) out.validation = { ...validation, values: validation.values.map(encodeValue) };
  return out;
}

export function decodeFormat(f: JsonCellFormat, shared: Map<string, ValidationState>): CellFormat {
  const { validation, ...rest } = f;
  const out: CellFormat = { ...rest };
  if (validation) {
    // Cells that shared one rule before saving share one again.
    const key = JSON.stringify(validation);
    let v = shared.get(key);
    if (!v) {
      v = { ...validation, values: validation.values.map(decodeValue) };
      shared.set(key, v);
    }
    out.validation = v;
  }
  return out;
}

export class SheetsState {
  spreadsheets = new Map<string, SpreadsheetState>();
  activeId: string | null = null;

  get(id: string): SpreadsheetState | undefined {
    return this.spreadsheets.get(id);
  }

  active(): SpreadsheetState | undefined {
    return this.activeId === null ? undefined : this.spreadsheets.get(this.activeId);
  }

  add(ss: SpreadsheetState): SpreadsheetState {
    this.spreadsheets.set(ss.id, ss);
    return ss;
  }

  toJSON(): SheetsJson {
    return {
      activeId: this.activeId,
      spreadsheets: [...this.spreadsheets.values()].map((ss) => ({
        id: ss.id,
        name: ss.name,
        locale: ss.locale,
        timeZone: ss.timeZone,
        activeSheetId: ss.activeSheetId,
        nextSheetId: ss.nextSheetId,
        nextProtectionId: ss.nextProtectionId,
        metadata: ss.metadata.map((m) => ({ ...m })),
        nextMetadataId: ss.nextMetadataId,
        sheets: ss.sheets.map((sh) => sheetToJson(sh)),
      })),
    };
  }

  static fromJSON(j: SheetsJson): SheetsState {
    const state = new SheetsState();
    state.activeId = j.activeId;
    for (const sj of j.spreadsheets) {
      const ss = new SpreadsheetState(sj.id, sj.name, sj.locale, sj.timeZone);
      ss.activeSheetId = sj.activeSheetId;
      ss.nextSheetId = sj.nextSheetId;
      ss.nextProtectionId = sj.nextProtectionId;
      ss.metadata = (sj.metadata ?? []).map((m) => ({ ...m }));
      ss.nextMetadataId = sj.nextMetadataId ?? 1;
      const shared = new Map<string, ValidationState>();
      for (const shj of sj.sheets) ss.sheets.push(sheetFromJson(shj, shared));
      state.add(ss);
    }
    return state;
  }
}

function sheetToJson(sh: SheetState): SheetJson {
  const cells: JsonCell[] = [];
  sh.rows.forEach((row, ri) => {
    row?.forEach((c, ci) => {
      if (!c) return;
      if (c.v === '' && c.f === undefined && (!c.fmt || Object.keys(c.fmt).length === 0)) return;
      const v = encodeValue(c.v);
      if (c.fmt && Object.keys(c.fmt).length > 0) {
        cells.push([ri + 1, ci + 1, v, c.f ?? null, encodeFormat(c.fmt)]);
      } else if (c.f !== undefined) cells.push([ri + 1, ci + 1, v, c.f]);
      else cells.push([ri + 1, ci + 1, v]);
    });
  });
  return {
    id: sh.id,
    name: sh.name,
    maxRows: sh.maxRows,
    maxColumns: sh.maxColumns,
    frozenRows: sh.frozenRows,
    frozenColumns: sh.frozenColumns,
    hidden: sh.hidden,
    tabColor: sh.tabColor,
    columnWidths: { ...sh.columnWidths },
    protections: sh.protections.map((p) => ({ ...p })),
    cells,
  };
}

function sheetFromJson(j: SheetJson, shared: Map<string, ValidationState>): SheetState {
  const sh = new SheetState(j.id, j.name, j.maxRows, j.maxColumns);
  sh.frozenRows = j.frozenRows;
  sh.frozenColumns = j.frozenColumns;
  sh.hidden = j.hidden;
  sh.tabColor = j.tabColor;
  sh.columnWidths = { ...j.columnWidths };
  sh.protections = j.protections.map((p) => ({ ...p }));
  for (const [r, c, v, f, fmt] of j.cells) {
    const cell = sh.ensureCell(r, c);
    cell.v = decodeValue(v);
    if (f !== undefined && f !== null) cell.f = f;
    if (fmt) cell.fmt = decodeFormat(fmt, shared);
  }
  return sh;
}
