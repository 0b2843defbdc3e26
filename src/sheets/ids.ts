/**
 * Stable row IDs (SPEC §2): rows of input tabs get an ID in their `ID` column on first sight, so
 * that sorting, inserting or deleting rows never changes which row was billed. The IDs given in
 * a read are written back as one block of the ID column (one setValues per tab), which holds the
 * header too when the column had to be added; cells between two new IDs are written with what
 * they held. No other column is touched.
 */
import type { CellValue } from './cells';
import type { TabRead } from './read-tab';

export interface CellBlock {
  /** 1-based top-left cell. */
  row: number;
  column: number;
  values: CellValue[][];
}

/**
 * The one block to write for the IDs given in `read` (null when none), from the values the tab
 * was read from (header first).
 */
export function idColumnBlock(
  read: Pick<TabRead, 'newIds' | 'idColumn' | 'idHeaderMissing'>,
  values: readonly (readonly CellValue[])[],
): CellBlock | null {
  if (read.newIds.length === 0) return null;
  const given = new Map<number, string>();
  let first = Infinity;
  let last = 0;
  for (const { row, id } of read.newIds) {
    given.set(row, id);
    if (row < first) first = row;
    if (row > last) last = row;
  }
  const top = read.idHeaderMissing ? 1 : first;
  const block: CellValue[][] = [];
  for (let r = top; r <= last; r++) {
    if (r === 1 && read.idHeaderMissing) {
      block.push(['ID']);
      continue;
    }
    const id = given.get(r);
    block.push([id ?? values[r - 1]?.[read.idColumn - 1] ?? '']);
  }
  return { row: top, column: read.idColumn, values: block };
}
