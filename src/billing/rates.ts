/**
 * The mentoring rate grid (Tarifs tab, SPEC §2.1): per session type and level, a rate HT valid
 * from a date. The rate of a session is the one of the latest row valid on the session's date;
 * mentoring sessions are graded by the project's level, defences by the expertise level, and the
 * Sessions tab's level column holds the one that applies.
 */
import type { DecimalString } from '../domain/decimal';
import type { RowRecord, TabRead } from '../sheets/read-tab';
import { decimalField, field } from './values';

export type SessionType = 'mentorat' | 'soutenance';

export interface RateRow {
  readonly type: SessionType;
  readonly level: number;
  readonly rate: DecimalString;
  readonly validFrom: string;
  readonly id: string;
  readonly row: number;
}

export interface RateGrid {
  readonly rows: readonly RateRow[];
}

export function sessionTypeOf(value: string): SessionType | undefined {
  return value === 'mentorat' || value === 'soutenance' ? value : undefined;
}

export function rateGrid(rates: Pick<TabRead, 'records'> | undefined): RateGrid {
  const rows: RateRow[] = [];
  for (const rec of rates?.records ?? []) {
    const r = rateRow(rec);
    if (r !== undefined) rows.push(r);
  }
  return { rows };
}

function rateRow(rec: RowRecord): RateRow | undefined {
  const type = sessionTypeOf(field(rec, 'sessionType'));
  const level = rec.values['level'];
  const rate = decimalField(rec, 'rate');
  const validFrom = field(rec, 'validFrom');
  if (type === undefined || typeof level !== 'number' || rate === undefined || validFrom === '') {
    return undefined;
  }
  return { type, level, rate, validFrom, id: rec.id, row: rec.row };
}

/**
 * The row that applies on `date` for (type, level): the latest `validFrom` on or before the
 * date; of two rows from the same day, the lower one in the sheet (the later entry) wins.
 */
export function findRate(
  grid: RateGrid,
  type: SessionType,
  level: number,
  date: string,
): RateRow | undefined {
  let best: RateRow | undefined;
  for (const r of grid.rows) {
    if (r.type !== type || r.level !== level || r.validFrom > date) continue;
    if (
      best === undefined ||
      r.validFrom > best.validFrom ||
      (r.validFrom === best.validFrom && r.row > best.row)
    ) {
      best = r;
    }
  }
  return best;
}
