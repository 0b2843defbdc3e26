/**
 * The one batchUpdate per document, applied by the in-memory Docs API to a template laid out as
 * set-up lays it out: every number of lines from 0 to 12, every combination of paragraphs left
 * out, user text of every kind (braces, newlines, accents, characters outside the BMP). The
 * document must hold each line's values in its own row, in order, with the template row's look,
 * and nothing else of the template's placeholders.
 */
import fc from 'fast-check';
import { applyBatchUpdate, getDocumentJson } from '../../tools/gas-sim/docs-api';
import { createDocumentApp } from '../../tools/gas-sim/drive';
import { execution, newWorld, type TestContext } from '../gas-sim/sim-context';
import { documentRequests, planTemplate, type ApiDocument } from '../../src/render/doc-requests';
import type { DocumentModel } from '../../src/render/document-model';

type ApiDoc = GoogleAppsScript.Docs.Schema.Document;

/**
 * A template with what the real one has: a header placeholder, paragraphs that a credit note
 * leaves out (one before the table, one right before it, one last in the body), a header row and
 * a line row whose description cell has two styled runs and whose amounts are right-aligned.
 */
function template(ctx: TestContext): string {
  const docs = createDocumentApp(ctx);
  const doc = docs.create('Modèle');
  const header = doc.addHeader();
  header.appendParagraph('{{seller.name}}');
  const body = doc.getBody();
  body.setText('FACTURE {{invoice.number}}');
  body.appendParagraph('IBAN : {{payment.iban}}');
  body.appendParagraph('Client : {{buyer.name}}');
  body.appendParagraph('Référence : {{payment.reference}}');
  const table = body.appendTable([
    ['Désignation', 'Qté', 'PU HT', 'Total HT'],
    [
      '{{line.description}} ({{line.quantity}})',
      '{{line.quantity}}',
      '{{line.unitPrice}}',
      '{{line.net}}',
    ],
  ]);
  table.getRow(0).getCell(0).setBackgroundColor('#1f3a5f');
  const row = table.getRow(1);
  row
    .getCell(0)
    .editAsText()
    .setBold(0, '{{line.description}}'.length - 1, true);
  for (const c of [1, 2, 3]) {
    row.getCell(c).getChild(0).asParagraph().setAlignment(docs.HorizontalAlignment.RIGHT);
  }
  row.getCell(3).editAsText().setFontSize(9);
  body.appendParagraph('Total : {{totals.ttc}}');
  body.appendParagraph('Mentions : {{legal.mentions}}');
  doc.saveAndClose();
  return doc.getId();
}

function copyOf(ctx: TestContext, templateId: string): string {
  const f = ctx.world.drive.file(templateId);
  if (!f?.doc) throw new Error('no template');
  const rec = ctx.world.drive.addFile({
    name: 'copie',
    mimeType: f.mimeType,
    doc: JSON.parse(JSON.stringify(f.doc)) as typeof f.doc,
    owner: ctx.world.userEmail,
    now: ctx.now(),
  });
  return rec.id;
}

function paragraphs(
  content: GoogleAppsScript.Docs.Schema.StructuralElement[] | undefined,
): string[] {
  return (content ?? []).flatMap((e) =>
    e.paragraph ? [(e.paragraph.elements ?? []).map((x) => x.textRun?.content ?? '').join('')] : [],
  );
}

function tableRows(doc: ApiDoc): GoogleAppsScript.Docs.Schema.TableRow[] {
  return (doc.body?.content ?? []).find((e) => e.table)?.table?.tableRows ?? [];
}

const userText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '{{invoice.number}}',
    '{{line.net}}',
    'a}}b{{c',
    'Café – 3 × 1 000,00 €',
    '😀 emoji',
    '',
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

const lineArb = fc.record({
  description: userText,
  quantity: fc.constantFrom('1', '2,5', '10'),
  unitPrice: fc.constantFrom('420,00 €', '1 000,00 €'),
  net: fc.constantFrom('1 260,00 €', '0,00 €'),
});

/** What a text becomes in the document: inert braces, newlines as Docs keeps them. */
function shown(s: string): string {
  return s.replace(/\{\{/g, '{\u200b{').replace(/\}\}/g, '}\u200b}');
}

describe('one batchUpdate per document', () => {
  it('fills every line in its own row, in order, for 0 to 12 lines and any paragraphs left out', () => {
    const ctx = execution(newWorld());
    const templateId = template(ctx);
    const plan = planTemplate(getDocumentJson(ctx, templateId) as ApiDocument);
    expect(plan.lineRow).not.toBeNull();
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 12 }),
        fc.subarray(['payment.iban', 'payment.reference', 'legal.mentions']),
        userText,
        (lines, drop, buyer) => {
          // Newlines inside a cell value would make extra paragraphs; the document model never
          // produces them in line values, and the check below reads paragraphs.
          const clean = lines.map((l) => ({
            ...l,
            description: l.description.replace(/[\n\r\v]/g, ' '),
          }));
          const model: DocumentModel = {
            placeholders: {
              'seller.name': 'Atelier',
              'invoice.number': 'FA-2026-00001',
              'buyer.name': buyer.replace(/[\n\r\v]/g, ' '),
              'payment.iban': 'FR76 3000',
              'payment.reference': 'REF-1',
              'totals.ttc': '1 512,00 €',
              'legal.mentions': 'Pénalités',
            },
            lines: clean,
            drop,
          };
          const id = copyOf(ctx, templateId);
          applyBatchUpdate(ctx, { requests: documentRequests(plan, model) as never }, id);
          const doc = getDocumentJson(ctx, id);
          const rows = tableRows(doc);
          expect(rows).toHaveLength(1 + clean.length);
          clean.forEach((line, i) => {
            const cells = (rows[i + 1]?.tableCells ?? []).map((c) =>
              paragraphs(c.content).join(''),
            );
            expect(cells).toEqual([
              `${shown(line.description)} (${line.quantity})\n`,
              `${line.quantity}\n`,
              `${line.unitPrice}\n`,
              `${line.net}\n`,
            ]);
            const row = rows[i + 1]?.tableCells ?? [];
            // The template row's look: amounts right-aligned, the description's run bold.
            for (const c of [1, 2, 3]) {
              expect(row[c]?.content?.[0]?.paragraph?.paragraphStyle?.alignment).toBe('END');
            }
            const first = row[0]?.content?.[0]?.paragraph?.elements?.[0];
            if (line.description !== '') expect(first?.textRun?.textStyle?.bold).toBe(true);
            expect(
              row[3]?.content?.[0]?.paragraph?.elements?.[0]?.textRun?.textStyle?.fontSize
                ?.magnitude,
            ).toBe(9);
          });
          const body = paragraphs(doc.body?.content).join('');
          expect(body).toContain('FACTURE FA-2026-00001');
          expect(body.includes('FR76 3000')).toBe(!drop.includes('payment.iban'));
          expect(body.includes('REF-1')).toBe(!drop.includes('payment.reference'));
          expect(body.includes('Pénalités')).toBe(!drop.includes('legal.mentions'));
          expect(body).toContain('Total : 1 512,00 €');
          const all = JSON.stringify(doc);
          // No placeholder of the template is left; user braces stay inert.
          expect(all).not.toMatch(/\{\{(seller|invoice|buyer|payment|totals|legal|line)\./);
          expect(
            paragraphs(Object.values(doc.headers ?? {})[0]?.content)
              .join('')
              .trim(),
          ).toBe('Atelier');
        },
      ),
      { numRuns: 150 },
    );
  });
});
