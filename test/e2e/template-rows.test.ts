/**
 * The rows of the template set-up creates (the built bundle's set-up, in the in-memory Apps
 * Script) that a document repeats: one per line, per VAT rate, per deduction, per training
 * session and per training line; a table left with none of its rows and nothing else to fill
 * goes whole. The last line row is kept with the totals (keepWithNext), and so are the totals'
 * rows but the last, as the template keeps them.
 */
import fc from 'fast-check';
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { applyBatchUpdate, getDocumentJson } from '../../tools/gas-sim/docs-api';
import {
  blockText,
  textBlocks,
  type DocModel,
  type TableNode,
} from '../../tools/gas-sim/doc-model';
import { documentRequests, planTemplate, type ApiDocument } from '../../src/render/doc-requests';
import type { DocumentModel } from '../../src/render/document-model';
import { execution } from '../gas-sim/sim-context';
import { bundleCode, demoWorkbook } from './helpers';

const world = new World({ today: '2026-12-05' });
importCsvFolder(demoWorkbook, world);
const setup = runEntry(world, bundleCode(), 'menuSetup');
const ctx = execution(world);
const template = [...world.drive.files.values()].find(
  (f) => f.name === 'Modèle de facture Facturier' && f.doc && !f.trashed,
);

function copy(): string {
  const f = template;
  if (!f?.doc) throw new Error('no template');
  return world.drive.addFile({
    name: 'copie',
    mimeType: f.mimeType,
    doc: JSON.parse(JSON.stringify(f.doc)) as DocModel,
    owner: world.userEmail,
    now: ctx.now(),
  }).id;
}

const tables = (doc: DocModel): TableNode[] =>
  doc.body.blocks.filter((b): b is TableNode => b.kind === 'table');
const cells = (t: TableNode, r: number): string[] =>
  (t.rows[r]?.cells ?? []).map((c) =>
    c.blocks
      .map(blockText)
      .join('\n')
      .replace(/\u2060/g, ''),
  );
const kept = (t: TableNode, r: number): boolean[] =>
  (t.rows[r]?.cells ?? []).flatMap((c) => textBlocks(c).map((b) => b.keepWithNext === true));

const item = (prefix: string, keys: readonly string[], i: number): Record<string, string> =>
  Object.fromEntries(keys.map((k) => [k, `${prefix}-${k}-${i}`]));

describe('the repeated rows of the template set-up creates', () => {
  it('exists, made by set-up', () => {
    expect(setup.error).toBeNull();
    expect(template?.doc).toBeDefined();
  });

  it('gives each item its row, removes what has none, keeps the last line with the totals', () => {
    const plan = planTemplate(getDocumentJson(ctx, template?.id ?? '') as ApiDocument);
    expect([...plan.repeats.keys()].sort()).toEqual([
      'deduction',
      'line',
      'session',
      'share',
      'vat',
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 4 }),
        (lines, vat, deduction, sessions, shares) => {
          const model: DocumentModel = {
            placeholders: { 'invoice.number': 'FA-1', 'totals.ht': 'HT', 'totals.due': 'DUE' },
            lines: Array.from({ length: lines }, (_, i) =>
              item(
                'line',
                ['description', 'quantity', 'unit', 'unitPrice', 'discount', 'vatRate', 'net'],
                i,
              ),
            ),
            rows: {
              vat: Array.from({ length: vat }, (_, i) => item('vat', ['label', 'amount'], i)),
              deduction: Array.from({ length: deduction }, (_, i) =>
                item('deduction', ['label', 'amount'], i),
              ),
              session: Array.from({ length: sessions }, (_, i) =>
                item('session', ['reference', 'product', 'dates', 'total'], i),
              ),
              share: Array.from({ length: shares }, (_, i) => item('share', ['line', 'price'], i)),
            },
          };
          const id = copy();
          applyBatchUpdate(ctx, { requests: documentRequests(plan, model) as never }, id);
          const doc = world.drive.file(id)?.doc as DocModel;
          const all = tables(doc);
          // Seller and title, dates and buyer, [sessions], [shares], lines, totals.
          expect(all).toHaveLength(4 + (sessions > 0 ? 1 : 0) + (shares > 0 ? 1 : 0));
          const [lineTable, totals] = all.slice(-2) as [TableNode, TableNode];
          expect(lineTable.rows).toHaveLength(1 + lines);
          for (let i = 0; i < lines; i++) {
            expect(cells(lineTable, i + 1)[0]).toBe(`line-description-${i}`);
            expect(kept(lineTable, i + 1).every((k) => k === (i === lines - 1))).toBe(true);
          }
          const labels = totals.rows.map((_, r) => cells(totals, r)[1]);
          expect(labels).toEqual(
            [
              'Total HT',
              ...Array.from({ length: vat }, (_, i) => `vat-label-${i}`),
              'Total TTC',
              ...Array.from({ length: deduction }, (_, i) => `deduction-label-${i}`),
              'Net à payer',
            ].map((l) => (l.startsWith('Total') || l.startsWith('Net') ? expect.any(String) : l)),
          );
          totals.rows.forEach((_, r) => {
            expect(kept(totals, r).every((k) => k === r < totals.rows.length - 1)).toBe(true);
          });
          if (sessions > 0) {
            const t = all[2] as TableNode;
            expect(t.rows).toHaveLength(1 + sessions);
            expect(cells(t, sessions)[0]).toContain(`session-reference-${sessions - 1}`);
          }
          const text = JSON.stringify(doc);
          expect(text).not.toMatch(/\{\{((line|deduction|session|share)\.|vat\.(label|amount))/);
        },
      ),
      { numRuns: 40 },
    );
  });
});
