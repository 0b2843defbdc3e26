/** A1 notation: `A1`, `B2:D10`, `A:A`, `A2:C`, `2:5`, with an optional `'My Tab'!` prefix. */
import { gasError } from './errors';

export interface A1Ref {
  sheetName: string | null;
  /** 1-based; null when the bound is open (a whole column or row). */
  startRow: number | null;
  startCol: number | null;
  endRow: number | null;
  endCol: number | null;
}

export interface GridRect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export function columnToLetters(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** `B2`, or `B2:D10` for more than one cell. */
export function rectToA1(rect: GridRect): string {
  const start = `${columnToLetters(rect.col)}${rect.row}`;
  if (rect.numRows === 1 && rect.numCols === 1) return start;
  const end = `${columnToLetters(rect.col + rect.numCols - 1)}${rect.row + rect.numRows - 1}`;
  return `${start}:${end}`;
}

/** Quotes a sheet name when A1 notation needs it (`'My Tab'!A1`). */
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

const CELL = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

function parseCell(s: string): { col: number | null; row: number | null } | null {
  const m = CELL.exec(s);
  if (!m) return null;
  const letters = m[1] ?? '';
  const digits = m[2] ?? '';
  if (letters === '' && digits === '') return null;
  const row = digits === '' ? null : Number(digits);
  if (row !== null && row < 1) return null;
  return { col: letters === '' ? null : lettersToColumn(letters), row };
}

/** Parses A1 notation; throws Apps Script's "Range not found" when it is not valid. */
export function parseA1(input: string): A1Ref {
  let text = input.trim();
  let sheetName: string | null = null;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    let name = text.slice(0, bang);
    text = text.slice(bang + 1);
    if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) {
      name = name.slice(1, -1).replace(/''/g, "'");
    }
    sheetName = name;
  }
  const pieces = text.split(':');
  if (pieces.length > 2 || pieces[0] === undefined) throw gasError('Range not found');
  const a = parseCell(pieces[0]);
  const b = pieces.length === 2 ? parseCell(pieces[1] ?? '') : a;
  if (!a || !b) throw gasError('Range not found');
  // A single reference must name both a column and a row (`A` alone or `3` alone is not a range).
  if (pieces.length === 1 && (a.col === null || a.row === null)) throw gasError('Range not found');
  // Column-only on one side and row-only on the other (`A:3`) is not valid either.
  if ((a.col === null) !== (b.col === null) && (a.row === null || b.row === null)) {
    if (!(a.col !== null && a.row !== null && b.col !== null)) throw gasError('Range not found');
  }
  const startRow = minOrNull(a.row, b.row);
  const endRow = a.row === null || b.row === null ? null : Math.max(a.row, b.row);
  const startCol = minOrNull(a.col, b.col);
  const endCol = a.col === null || b.col === null ? null : Math.max(a.col, b.col);
  return { sheetName, startRow, startCol, endRow, endCol };
}

function minOrNull(x: number | null, y: number | null): number | null {
  if (x === null) return y;
  if (y === null) return x;
  return Math.min(x, y);
}

/**
 * Turns a reference into a rectangle on a sheet of the given size. Open bounds run to the
 * sheet's edge (`A:A` is the whole column, `A2:C` runs to the last row). A reference beyond the
 * sheet is "Range not found", as Sheets answers.
 */
export function resolveA1(ref: A1Ref, maxRows: number, maxCols: number): GridRect {
  const row = ref.startRow ?? 1;
  const col = ref.startCol ?? 1;
  const endRow = ref.endRow ?? maxRows;
  const endCol = ref.endCol ?? maxCols;
  if (endRow > maxRows || endCol > maxCols || row > endRow || col > endCol) {
    throw gasError('Range not found');
  }
  return { row, col, numRows: endRow - row + 1, numCols: endCol - col + 1 };
}
