/**
 * Every source → drafts, for generate, preview and issue alike. A source row already on an
 * issued invoice (its ID in the Lignes tab under a number) is never billed again.
 */
import type { Draft } from '../billing/draft';
import { extraLineDrafts } from '../billing/extra-lines';
import { problem } from '../sheets/problems';
import type { RowRecord } from '../sheets/read-tab';
import { text, type OutputTab } from './register';
import type { RunContext } from './run-context';

/** Lines of drafts carry this prefix in the Lignes tab's invoice column, numbers do not. */
export const DRAFT_PREFIX = 'brouillon:';

export function clientsByCode(ctx: RunContext): Map<string, RowRecord> {
  const map = new Map<string, RowRecord>();
  const clients = ctx.tab('clients');
  for (const rec of clients?.records ?? []) {
    const code = String(rec.values['code'] ?? '').toUpperCase();
    if (map.has(code)) {
      const col = clients?.columns.get('code') ?? 1;
      ctx.report(
        problem(
          'duplicate-code',
          clients?.sheetName ?? '',
          `${String.fromCharCode(64 + col)}${rec.row}`,
          code,
          `code client en double « ${code} » : seule la première ligne est utilisée`,
          `duplicate client code "${code}": only the first row is used`,
        ),
      );
      continue;
    }
    map.set(code, rec);
  }
  return map;
}

/** IDs of source rows on an issued invoice. */
export function billedSourceIds(lines: OutputTab): Set<string> {
  const ids = new Set<string>();
  for (const r of lines.rows) {
    const invoice = text(r['invoice']);
    const id = text(r['sourceId']);
    if (id && invoice && !invoice.startsWith(DRAFT_PREFIX)) ids.add(id);
  }
  return ids;
}

export interface DraftSet {
  drafts: Draft[];
}

export function computeDrafts(ctx: RunContext, lines: OutputTab): DraftSet {
  const billed = billedSourceIds(lines);
  const clients = clientsByCode(ctx);
  const drafts: Draft[] = [];
  const extras = ctx.tab('extra-lines');
  if (extras) {
    const r = extraLineDrafts({ extras, clients, settings: ctx.settings, billed });
    r.problems.forEach((p) => ctx.report(p));
    drafts.push(...r.drafts);
  }
  return { drafts };
}
