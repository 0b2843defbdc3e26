/**
 * A source row changed or deleted after the invoice that billed it was issued is reported; the
 * invoice stands (an issued invoice is never edited: a credit note corrects it). Each line of
 * the register keeps a fingerprint of its source row as it was when issued.
 */
import { msg } from '../texts';
import { fingerprint } from '../billing/billed';
import type { LineOrigin } from '../billing/draft';
import { rowRef } from '../billing/values';
import { isTabKey, type TabKey } from '../sheets/tabs';
import type { RowRecord } from '../sheets/read-tab';
import { text, type OutputTab } from './register';
import type { RunContext } from './run-context';

/** The values of a source row, in a stable form; '' when there is no such row. */
export function fingerprintOf(rec: RowRecord | undefined, skipEmpty = false): string {
  if (!rec) return '';
  const keys = Object.keys(rec.values)
    .filter((k) => !skipEmpty || (rec.values[k] ?? '') !== '')
    .sort();
  return fingerprint(keys.map((k) => `${k}=${JSON.stringify(rec.values[k] ?? null)}`));
}

/** Rows by ID of one source tab, built once per run and tab. */
function rowsById(
  ctx: RunContext,
  cache: Map<string, Map<string, RowRecord>>,
  tab: TabKey,
): Map<string, RowRecord> {
  let rows = cache.get(tab);
  if (!rows) {
    rows = new Map((ctx.tab(tab)?.records ?? []).map((r) => [r.id, r]));
    cache.set(tab, rows);
  }
  return rows;
}

/** The fingerprint of a line's source row as it is now, for the register at issue time. */
export function sourceFingerprints(ctx: RunContext): (origin: LineOrigin) => string {
  const cache = new Map<string, Map<string, RowRecord>>();
  // Empty cells left out: a column added to the tab later does not change the row.
  return (o) => fingerprintOf(rowsById(ctx, cache, o.tab).get(o.id), true);
}

export function changesAfterIssue(ctx: RunContext, register: OutputTab, lines: OutputTab): number {
  const fingerprints = new Map<string, string[]>();
  for (const r of register.rows) {
    const number = text(r['number']);
    if (number) fingerprints.set(number, text(r['fingerprint']).split(' '));
  }
  const seen = new Set<string>();
  const cache = new Map<string, Map<string, RowRecord>>();
  let found = 0;
  for (const l of lines.rows) {
    const number = text(l['invoice']);
    const fps = fingerprints.get(number);
    const tab = text(l['sourceTab']);
    const id = text(l['sourceId']).split('#')[0] ?? '';
    const recorded = fps?.[Number(l['line']) - 1] ?? '';
    if (!fps || !id || !recorded || recorded.length !== 8 || !isTabKey(tab)) continue;
    const key = `${number}|${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const read = ctx.tab(tab);
    if (!read) continue;
    const rec = rowsById(ctx, cache, tab).get(id);
    // Recorded without its empty cells (or, by an earlier version, with them).
    if (rec && (fingerprintOf(rec) === recorded || fingerprintOf(rec, true) === recorded)) continue;
    found++;
    ctx.warn(
      rec ? 'changed-after-issue' : 'deleted-after-issue',
      read.sheetName,
      rec ? rowRef(rec) : '',
      id,
      msg(rec ? 'run.changed-after-issue' : 'run.deleted-after-issue', { number }),
    );
  }
  return found;
}
