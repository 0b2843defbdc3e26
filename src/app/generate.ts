/**
 * Generate drafts (written to the register as `brouillon`, no number, replaced at every run) and
 * preview them (a dialog; nothing written).
 */
import { render } from '../texts';
import { formatMoney } from '../domain/format';
import { invoiceTotals } from '../domain/totals';
import { previewDialogHtml } from '../render/dialogs';
import { computeDrafts } from './drafts';
import { appendDraft, removeDrafts, STATUS } from './issue';
import { loadOutput, saveOutput, text } from './register';
import type { RunContext } from './run-context';
import type { Draft } from '../billing/draft';

export function generateDrafts(ctx: RunContext): number {
  const register = loadOutput(ctx, 'invoices');
  const lines = loadOutput(ctx, 'invoice-lines');
  const { drafts } = computeDrafts(ctx, lines, register, loadOutput(ctx, 'billingCalls'));
  ctx.flushIds();
  removeDrafts(register, lines);
  for (const d of drafts) appendDraft(register, lines, d);
  saveOutput(ctx, register);
  saveOutput(ctx, lines);
  return drafts.length;
}

export interface PreviewRow {
  buyer: string;
  kind: string;
  lines: number;
  totalHT: string;
  totalTTC: string;
}

export interface Preview {
  rows: PreviewRow[];
  html: string;
  /** Billing calls the next run would email to providers. */
  billingCalls: number;
  /** Issued invoices not emailed yet (the next run sends them). */
  unsent: number;
}

export function previewDrafts(ctx: RunContext): Preview {
  const lines = loadOutput(ctx, 'invoice-lines', false);
  const register = loadOutput(ctx, 'invoices', false);
  const set = computeDrafts(ctx, lines, register, loadOutput(ctx, 'billingCalls', false));
  const { drafts } = set;
  const billingCalls = set.billingCalls.filter((c) => c.mode === 'appel').length;
  const unsent = register.rows.filter(
    (r) => text(r['number']) !== '' && text(r['status']) === STATUS.issued && !text(r['emailedAt']),
  ).length;
  const rows = drafts.map((d: Draft) => {
    const t = invoiceTotals(d.invoice);
    const cur = d.invoice.currency;
    return {
      buyer: d.invoice.buyer.name,
      kind: d.invoice.kind,
      lines: d.invoice.lines.length,
      totalHT: formatMoney(t.taxBasisTotal, ctx.lang, cur),
      totalTTC: formatMoney(t.grandTotal, ctx.lang, cur),
    };
  });
  const html = previewDialogHtml({
    lang: ctx.lang,
    rows,
    problems: ctx.problems.map((p) => ({
      where: `${p.tab}${p.cell ? `!${p.cell}` : ''}`,
      message: render(p.message, ctx.lang),
    })),
    billingCalls,
    unsent,
  });
  return { rows, html, billingCalls, unsent };
}
