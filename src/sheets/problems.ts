/**
 * Expected failures are values, not exceptions: a bad cell, a missing column, an unknown code.
 * Each names the tab, the A1 cell and the value seen, with a message of the catalogue; the run
 * writes them to the Journal tab in one write, in the workbook's language.
 */
import type { Message } from '../texts';

export type Level = 'info' | 'warning' | 'error';

export interface Problem {
  level: Level;
  code: string;
  tab: string;
  /** A1 address (`C12`), a column (`C:C`) or '' for a whole-tab problem. */
  cell: string;
  value: string;
  message: Message;
}

export function problem(
  code: string,
  tab: string,
  cell: string,
  value: unknown,
  message: Message,
  level: Level = 'error',
): Problem {
  return { level, code, tab, cell, value: displayValue(value), message };
}

/** A cell value as text for the Journal (dates as YYYY-MM-DD, never a stack of objects). */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const d = value as Date;
    return Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString();
  }
  return String(value);
}

/** Column number (1-based) to letters: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}
