/**
 * What is already billed, and what is left unbilled and why.
 *
 * A re-run knows a source row is billed from the Lignes tab: each line records the key of the
 * item it bills, `billedKey(origin)`. That is the row ID itself when the line bills the whole
 * row (so extra lines, sessions and CRA keep plain IDs), and `ID#part` when a row is billed in
 * parts on several invoices (a training enrolment's financer share and sponsor remainder), so
 * that issuing one part does not mark the other as billed. A plain ID in the set marks every
 * part of the row as billed.
 */
import type { Problem } from '../sheets/problems';
import type { ItemPart, LineOrigin } from './draft';

export function billedKey(origin: Pick<LineOrigin, 'id' | 'part'>): string {
  return origin.part === undefined ? origin.id : `${origin.id}#${origin.part}`;
}

export function isBilled(billed: ReadonlySet<string>, id: string, part?: ItemPart): boolean {
  return billed.has(id) || (part !== undefined && billed.has(`${id}#${part}`));
}

/** True when some part of the row, but not the whole row, is billed. */
export function isPartlyBilled(billed: ReadonlySet<string>, id: string): boolean {
  return (
    !billed.has(id) &&
    (billed.has(`${id}#financer`) || billed.has(`${id}#sponsor`) || billed.has(`${id}#agency-fee`))
  );
}

/**
 * Why a billable item is on no draft this run:
 * - `problem`: a value is missing or wrong (the problem names the cell);
 * - `manual-billing`: its payer's billing mode is `none` (a menu action bills it);
 * - `awaiting-deposit`: a balance line waits for its project's deposit invoice to be issued;
 * - `month-open`: periodic invoicing, and the month of the session is not over;
 * - `before-first-month`: a session of a month before the first one billed here.
 */
export type UnbilledReason =
  'problem' | 'manual-billing' | 'awaiting-deposit' | 'month-open' | 'before-first-month';

export interface Unbilled {
  origin: LineOrigin;
  reason: UnbilledReason;
}

export interface RuleOutput {
  problems: Problem[];
  unbilled: Unbilled[];
}

/** 32-bit FNV-1a of the JSON of `parts`, as 8 hex digits: a short, stable content fingerprint. */
export function fingerprint(parts: readonly string[]): string {
  const s = JSON.stringify(parts);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
