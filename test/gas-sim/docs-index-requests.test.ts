/**
 * Docs API batchUpdate with index-based requests: indices as documents.get reports them, requests
 * applied in order, all or nothing, what DocumentApp and the PDF renderer see afterwards.
 */
import fc from 'fast-check';
import { applyBatchUpdate, getDocumentJson } from '../../tools/gas-sim/docs-api';
import { createDocsAdvanced, createDocumentApp } from '../../tools/gas-sim/drive';
import { renderDocPdf } from '../../tools/gas-sim/pdf';
import { pdfPages, squash } from './pdf-text';
import { execution, newWorld, type TestContext } from './sim-context';

type ApiDoc = GoogleAppsScript.Docs.Schema.Document;
type Element = GoogleAppsScript.Docs.Schema.StructuralElement;
type Req = GoogleAppsScript.Docs.Schema.Request;

/** A saved Doc: a title, a table (header row and one template row), a total line. */
function invoiceDoc(ctx: TestContext): string {
  const docs = createDocumentApp(ctx);
  const doc = docs.create('Facture');
  const body = doc.getBody();
  body.setText('FACTURE F-1');
  const table = body.appendTable([
    ['Désignation', 'Montant'],
    ['{{ligne}}', '{{montant}}'],
  ]);
  table.getRow(0).getCell(0).setBackgroundColor('#1f3a5f');
  table.getRow(1).getCell(1).editAsText().setBold(true);
  table.getRow(1).getCell(1).getChild(0).asParagraph().setAlignment(docs.HorizontalAlignment.RIGHT);
  body.appendParagraph('Total : 0,00 €');
  doc.saveAndClose();
  return doc.getId();
}

/**
 * Every index the document reports, checked: each element starts where the previous one ended,
 * a table's rows and cells one index after their parent's start, text runs as long as their
 * content. Returns the flat content: one character per index, '§' for table marks.
 */
function flatten(content: readonly Element[], start: number): string {
  let at = start;
  let out = '';
  const expectAt = (i: number | undefined): void => expect(i).toBe(at);
  for (const el of content) {
    expectAt(el.startIndex ?? 0);
    if (el.sectionBreak) {
      at = el.endIndex ?? 0;
      out += '§';
      continue;
    }
    if (el.paragraph) {
      for (const pe of el.paragraph.elements ?? []) {
        expectAt(pe.startIndex);
        const text = pe.textRun?.content ?? '§';
        expect((pe.endIndex ?? 0) - (pe.startIndex ?? 0)).toBe(text.length);
        out += text;
        at = pe.endIndex ?? 0;
      }
      expect(out.endsWith('\n')).toBe(true);
    } else if (el.table) {
      out += '§';
      at += 1;
      for (const row of el.table.tableRows ?? []) {
        expectAt(row.startIndex);
        out += '§';
        at += 1;
        for (const cell of row.tableCells ?? []) {
          expectAt(cell.startIndex);
          out += '§';
          at += 1;
          out += flatten(cell.content ?? [], at);
          at = cell.endIndex ?? 0;
        }
        expect(row.endIndex).toBe(at);
      }
      out += '§';
      at += 1;
    }
    expect(el.endIndex).toBe(at);
  }
  return out;
}

function bodyFlat(doc: ApiDoc): string {
  return flatten(doc.body?.content ?? [], 0);
}

function tableOf(doc: ApiDoc): Element {
  const t = (doc.body?.content ?? []).find((e) => e.table);
  if (!t) throw new Error('no table');
  return t;
}

function cellAt(doc: ApiDoc, row: number, col: number): GoogleAppsScript.Docs.Schema.TableCell {
  const c = tableOf(doc).table?.tableRows?.[row]?.tableCells?.[col];
  if (!c) throw new Error(`no cell ${row},${col}`);
  return c;
}

function cellText(doc: ApiDoc, row: number, col: number): string {
  return (cellAt(doc, row, col).content ?? [])
    .flatMap((e) => e.paragraph?.elements ?? [])
    .map((pe) => pe.textRun?.content ?? '')
    .join('');
}

function batch(ctx: TestContext, id: string, requests: Req[]): void {
  applyBatchUpdate(ctx, { requests }, id);
}

describe('documents.get indices', () => {
  it('counts every element in UTF-16 code units, tables with their row and cell marks', () => {
    const ctx = execution(newWorld());
    const id = invoiceDoc(ctx);
    const doc = getDocumentJson(ctx, id);
    const flat = bodyFlat(doc);
    // Section break, title, table (header row, template row), the paragraph Docs adds, total.
    expect(flat).toBe(
      '§FACTURE F-1\n§§§Désignation\n§Montant\n§§{{ligne}}\n§{{montant}}\n§\nTotal : 0,00 €\n',
    );
    const t = tableOf(doc);
    expect(t.startIndex).toBe(13);
    expect(cellAt(doc, 1, 0).startIndex).toBe(38);
    // What a client needs to copy the template row's look.
    expect(cellAt(doc, 0, 0).tableCellStyle?.backgroundColor?.color?.rgbColor).toEqual({
      red: 0x1f / 255,
      green: 0x3a / 255,
      blue: 0x5f / 255,
    });
    const amount = cellAt(doc, 1, 1).content?.[0]?.paragraph;
    expect(amount?.paragraphStyle?.alignment).toBe('END');
    expect(amount?.elements?.[0]?.textRun?.textStyle).toEqual({ bold: true });
  });
});

describe('documents.batchUpdate with index-based requests', () => {
  it('inserts empty rows below the template row, then text into their cells', () => {
    const ctx = execution(newWorld());
    const id = invoiceDoc(ctx);
    const before = getDocumentJson(ctx, id);
    const tableStart = tableOf(before).startIndex ?? 0;
    const loc = { tableStartLocation: { index: tableStart }, rowIndex: 1, columnIndex: 0 };
    batch(ctx, id, [
      { insertTableRow: { tableCellLocation: loc, insertBelow: true } },
      { insertTableRow: { tableCellLocation: loc, insertBelow: true } },
    ]);
    const rows = getDocumentJson(ctx, id);
    bodyFlat(rows);
    expect(tableOf(rows).table?.rows).toBe(4);
    // The new rows copy nothing of the template row but its cell count.
    expect(cellText(rows, 2, 0)).toBe('\n');
    expect(cellAt(rows, 2, 1).tableCellStyle?.backgroundColor).toBeUndefined();
    expect(cellAt(rows, 2, 1).content?.[0]?.paragraph?.paragraphStyle?.alignment).toBeUndefined();

    // Fill rows 3 then 2 (end first, so that earlier indices hold), styled as the template.
    const at = (r: number, c: number): number => (cellAt(rows, r, c).startIndex ?? 0) + 1;
    const requests: Req[] = [];
    for (const [r, label, amount] of [
      [3, 'Séance 2', '60,00 €'],
      [2, 'Séance 1', '50,00 €'],
    ] as const) {
      requests.push(
        { insertText: { text: amount, location: { index: at(r, 1) } } },
        {
          updateTextStyle: {
            range: { startIndex: at(r, 1), endIndex: at(r, 1) + amount.length },
            textStyle: { bold: true },
            fields: 'bold',
          },
        },
        {
          updateParagraphStyle: {
            range: { startIndex: at(r, 1), endIndex: at(r, 1) + amount.length },
            paragraphStyle: { alignment: 'END' },
            fields: 'alignment',
          },
        },
        { insertText: { text: label, location: { index: at(r, 0) } } },
      );
    }
    requests.push({
      updateTableCellStyle: {
        tableRange: {
          tableCellLocation: {
            tableStartLocation: { index: tableStart },
            rowIndex: 2,
            columnIndex: 0,
          },
          rowSpan: 2,
          columnSpan: 1,
        },
        tableCellStyle: { backgroundColor: { color: { rgbColor: { red: 1, green: 1, blue: 1 } } } },
        fields: 'backgroundColor',
      },
    } as Req);
    const res = applyBatchUpdate(ctx, { requests }, id);
    expect(res.replies).toHaveLength(requests.length);
    expect(res.replies?.every((r) => Object.keys(r).length === 0)).toBe(true);

    const after = getDocumentJson(ctx, id);
    bodyFlat(after);
    expect(cellText(after, 2, 0)).toBe('Séance 1\n');
    expect(cellText(after, 3, 1)).toBe('60,00 €\n');
    const amount = cellAt(after, 3, 1).content?.[0]?.paragraph;
    expect(amount?.paragraphStyle?.alignment).toBe('END');
    expect(amount?.elements?.[0]?.textRun?.textStyle).toEqual({ bold: true });
    expect(cellAt(after, 3, 0).tableCellStyle?.backgroundColor?.color?.rgbColor).toEqual({
      red: 1,
      green: 1,
      blue: 1,
    });

    // The template row goes; DocumentApp sees the result.
    batch(ctx, id, [
      {
        deleteTableRow: {
          tableCellLocation: {
            tableStartLocation: { index: tableStart },
            rowIndex: 1,
            columnIndex: 0,
          },
        },
      },
    ]);
    const docs = createDocumentApp(ctx);
    const table = docs.openById(id).getBody().getTables()[0];
    expect(table?.getNumRows()).toBe(3);
    expect(table?.getRow(1).getText()).toBe('Séance 1\t50,00 €');
    expect(table?.getRow(2).getCell(1).editAsText().isBold()).toBe(true);
    expect(String(table?.getRow(2).getCell(1).getChild(0).asParagraph().getAlignment())).toBe(
      'RIGHT',
    );

    // And the PDF renderer draws it.
    const f = ctx.world.drive.file(id);
    const text = squash(pdfPages(renderDocPdf(f?.doc as never)).join(' '));
    expect(text).toContain('Séance 1 50,00 €');
    expect(text).toContain('Séance 2 60,00 €');
    expect(text).not.toContain('{{ligne}}');
  });

  it('splits paragraphs on "\\n", copying the paragraph style, and the text style before', () => {
    const ctx = execution(newWorld());
    const id = invoiceDoc(ctx);
    const total = (getDocumentJson(ctx, id).body?.content ?? []).at(-1);
    const start = total?.startIndex ?? 0;
    batch(ctx, id, [
      {
        updateParagraphStyle: {
          range: { startIndex: start, endIndex: start + 1 },
          paragraphStyle: {
            alignment: 'CENTER',
            spaceAbove: { magnitude: 12, unit: 'PT' },
            keepWithNext: true,
          },
          fields: 'alignment,spaceAbove,keepWithNext',
        },
      },
      {
        updateTextStyle: {
          range: { startIndex: start, endIndex: start + 5 },
          textStyle: {
            italic: true,
            fontSize: { magnitude: 9, unit: 'PT' },
            weightedFontFamily: { fontFamily: 'Arial', weight: 400 },
            foregroundColor: { color: { rgbColor: { red: 1 } } },
          },
          fields: '*',
        },
      },
      { insertText: { text: ' HT\nTVA : 0,00 €', location: { index: start + 5 } } },
    ]);
    const doc = getDocumentJson(ctx, id);
    const content = doc.body?.content ?? [];
    const [a, b] = content.slice(-2).map((e) => e.paragraph);
    const texts = [a, b].map((p) => (p?.elements ?? []).map((e) => e.textRun?.content).join(''));
    expect(texts).toEqual(['Total HT\n', 'TVA : 0,00 € : 0,00 €\n']);
    for (const p of [a, b]) {
      expect(p?.paragraphStyle).toMatchObject({
        alignment: 'CENTER',
        spaceAbove: { magnitude: 12, unit: 'PT' },
        keepWithNext: true,
      });
    }
    // The inserted text takes the style of the character before it (the styled "Total").
    expect(a?.elements?.[0]?.textRun).toEqual({
      content: 'Total HT\n',
      textStyle: {
        italic: true,
        fontSize: { magnitude: 9, unit: 'PT' },
        weightedFontFamily: { fontFamily: 'Arial', weight: 400 },
        foregroundColor: { color: { rgbColor: { red: 1, green: 0, blue: 0 } } },
      },
    });
    bodyFlat(doc);
  });

  it('takes no style for text put at the start of a paragraph', () => {
    const ctx = execution(newWorld());
    const id = invoiceDoc(ctx);
    const amount = cellAt(getDocumentJson(ctx, id), 1, 1);
    batch(ctx, id, [
      { insertText: { text: 'x', location: { index: (amount.startIndex ?? 0) + 1 } } },
    ]);
    const runs = cellAt(getDocumentJson(ctx, id), 1, 1).content?.[0]?.paragraph?.elements;
    expect(runs?.map((e) => [e.textRun?.content, e.textRun?.textStyle])).toEqual([
      ['x', {}],
      ['{{montant}}\n', { bold: true }],
    ]);
  });

  it('deletes whole paragraphs and text within one, in body and header', () => {
    const ctx = execution(newWorld());
    const docs = createDocumentApp(ctx);
    const doc = docs.create('D');
    doc.addHeader().setText('ACME SAS');
    doc.getBody().setText('un');
    doc.getBody().appendParagraph('deux');
    doc.getBody().appendParagraph('trois');
    doc.saveAndClose();
    const id = doc.getId();
    // "deux\n" is [4, 9); "trois" [9, 15).
    batch(ctx, id, [
      { deleteContentRange: { range: { startIndex: 4, endIndex: 9 } } },
      { deleteContentRange: { range: { startIndex: 5, endIndex: 7 } } },
      { deleteContentRange: { range: { startIndex: 0, endIndex: 4, segmentId: 'kix.simheader' } } },
      { insertText: { text: 'Acme', location: { index: 0, segmentId: 'kix.simheader' } } },
    ]);
    const again = docs.openById(id);
    expect(again.getBody().getText()).toBe('un\ntis');
    expect(again.getHeader().getText()).toBe('Acme SAS');
  });

  it('merges paragraphs when a deletion crosses a paragraph end', () => {
    const ctx = execution(newWorld());
    const docs = createDocumentApp(ctx);
    const doc = docs.create('D');
    doc.getBody().setText('abc');
    doc.getBody().appendParagraph('def').setAlignment(docs.HorizontalAlignment.CENTER);
    doc.saveAndClose();
    batch(ctx, doc.getId(), [{ deleteContentRange: { range: { startIndex: 2, endIndex: 6 } } }]);
    const p = getDocumentJson(ctx, doc.getId()).body?.content?.[1]?.paragraph;
    expect(p?.elements?.map((e) => e.textRun?.content).join('')).toBe('aef\n');
    // The surviving newline is the second paragraph's: its style is kept.
    expect(p?.paragraphStyle?.alignment).toBe('CENTER');
  });

  it("refuses what the API refuses, with the API's text, and applies nothing", () => {
    const ctx = execution(newWorld());
    const id = invoiceDoc(ctx);
    const before = getDocumentJson(ctx, id);
    const t = tableOf(before);
    const tableStart = t.startIndex ?? 0;
    const end = before.body?.content?.at(-1)?.endIndex ?? 0;
    // A valid first request, so that each case shows the whole batch refused.
    const ok: Req = {
      updateTextStyle: {
        range: { startIndex: 1, endIndex: 3 },
        textStyle: { bold: true },
        fields: 'bold',
      },
    };
    const cases: [Req, string][] = [
      [
        { insertText: { text: 'x', location: { index: tableStart } } },
        'Invalid requests[1].insertText: The insertion index must be inside the bounds of an existing paragraph.',
      ],
      [
        { insertText: { text: 'x', location: { index: end } } },
        `Invalid requests[1].insertText: Index ${end} must be less than the end index of the referenced segment, ${end}.`,
      ],
      [
        { deleteContentRange: { range: { startIndex: end - 2, endIndex: end } } },
        'Invalid requests[1].deleteContentRange: The range cannot include the newline character at the end of the segment.',
      ],
      [
        // The last newline of a cell.
        {
          deleteContentRange: {
            range: {
              startIndex: (cellAt(before, 0, 0).endIndex ?? 0) - 3,
              endIndex: cellAt(before, 0, 0).endIndex ?? 0,
            },
          },
        },
        'Invalid requests[1].deleteContentRange: The range cannot include the newline character at the end of the segment.',
      ],
      [
        // Part of a table.
        { deleteContentRange: { range: { startIndex: tableStart + 1, endIndex: tableStart + 5 } } },
        'Invalid requests[1].deleteContentRange: Invalid deletion range. Cannot delete the requested range.',
      ],
      [
        // The newline before a table, without the table.
        { deleteContentRange: { range: { startIndex: tableStart, endIndex: tableStart + 1 } } },
        'Invalid requests[1].deleteContentRange: Invalid deletion range. Cannot delete the requested range.',
      ],
      [
        { deleteContentRange: { range: { startIndex: 5, endIndex: 5 } } },
        'Invalid requests[1].deleteContentRange: The range should not be empty.',
      ],
      [
        {
          insertTableRow: {
            tableCellLocation: { tableStartLocation: { index: tableStart + 1 }, rowIndex: 0 },
          },
        },
        'Invalid requests[1].insertTableRow: Invalid table start location. Must specify the start index of the table.',
      ],
      [
        { updateTextStyle: { range: { startIndex: 2, endIndex: 4 }, textStyle: { bold: true } } },
        "Invalid requests[1].updateTextStyle: At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)",
      ],
      [
        { createParagraphBullets: { range: { startIndex: 1, endIndex: 2 } } },
        'Invalid requests[1]: the in-memory Docs service implements replaceAllText, insertText',
      ],
    ];
    for (const [req, message] of cases) {
      expect(() => batch(ctx, id, [ok, req])).toThrow(
        `API call to docs.documents.batchUpdate failed with error: ${message}`,
      );
      expect(getDocumentJson(ctx, id)).toEqual(before);
    }
    // Deleting a whole table, and the text before it, is allowed.
    batch(ctx, id, [
      { deleteContentRange: { range: { startIndex: 3, endIndex: t.endIndex ?? 0 } } },
    ]);
    expect(bodyFlat(getDocumentJson(ctx, id))).toBe('§FA\nTotal : 0,00 €\n');
  });

  it('counts a call on the advanced service, not on the uncounted functions', () => {
    const ctx = execution(newWorld());
    const id = invoiceDoc(ctx);
    getDocumentJson(ctx, id);
    batch(ctx, id, [{ insertText: { text: 'x', location: { index: 1 } } }]);
    expect(ctx.rec.count('Docs.Documents.get')).toBe(0);
    expect(ctx.rec.count('Docs.Documents.batchUpdate')).toBe(0);
    const api = createDocsAdvanced(ctx);
    api.Documents.batchUpdate(
      { requests: [{ insertText: { text: 'y', location: { index: 1 } } }] },
      id,
    );
    expect(
      api.Documents.get(id).body?.content?.[1]?.paragraph?.elements?.[0]?.textRun?.content,
    ).toBe('yxFACTURE F-1\n');
    expect(ctx.rec.count('Docs.Documents.batchUpdate')).toBe(1);
  });

  it('edits an open DocumentApp copy that has no unsaved edit, and leaves one that has', () => {
    const ctx = execution(newWorld());
    const id = invoiceDoc(ctx);
    const docs = createDocumentApp(ctx);
    const open = docs.openById(id);
    batch(ctx, id, [{ insertText: { text: 'x', location: { index: 1 } } }]);
    expect(open.getBody().getParagraphs()[0]?.getText()).toBe('xFACTURE F-1');
    open.getBody().appendParagraph('unsaved');
    batch(ctx, id, [{ insertText: { text: 'y', location: { index: 1 } } }]);
    expect(open.getBody().getParagraphs()[0]?.getText()).toBe('xFACTURE F-1');
    expect(
      getDocumentJson(ctx, id).body?.content?.[1]?.paragraph?.elements?.[0]?.textRun?.content,
    ).toBe('yxFACTURE F-1\n');
  });
});

describe('property: random insertText / deleteContentRange keep indices consistent', () => {
  it('matches a flat model of the content, index for index', () => {
    type Op = { insert: boolean; a: number; b: number; text: string };
    const op = fc.record({
      insert: fc.boolean(),
      a: fc.nat(),
      b: fc.nat(12),
      text: fc
        .array(fc.constantFrom('a', 'z', 'é', '€', '\n', '\u000b', '😀'), {
          minLength: 1,
          maxLength: 6,
        })
        .map((cs) => cs.join('')),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops: Op[]) => {
        const ctx = execution(newWorld());
        const id = invoiceDoc(ctx);
        let flat = bodyFlat(getDocumentJson(ctx, id));
        for (const o of ops) {
          const index = 1 + (o.a % (flat.length - 1));
          const req: Req = o.insert
            ? { insertText: { text: o.text, location: { index } } }
            : {
                deleteContentRange: {
                  range: { startIndex: index, endIndex: Math.min(index + 1 + o.b, flat.length) },
                },
              };
          let expected: string;
          if (o.insert) {
            expected = flat.slice(0, index) + o.text + flat.slice(index);
          } else {
            const end = Math.min(index + 1 + o.b, flat.length);
            expected = flat.slice(0, index) + flat.slice(end);
          }
          let refused = false;
          try {
            batch(ctx, id, [req]);
          } catch (e) {
            expect(String(e)).toMatch(/Invalid requests\[0\]/);
            refused = true;
          }
          const now = bodyFlat(getDocumentJson(ctx, id));
          if (refused) {
            expect(now).toBe(flat);
          } else {
            expect(now).toBe(expected);
            flat = now;
          }
        }
        // DocumentApp reads what the API wrote: the same paragraphs, in order.
        const body = createDocumentApp(ctx).openById(id).getBody();
        expect(body.getNumChildren()).toBe(
          (getDocumentJson(ctx, id).body?.content ?? []).length - 1,
        );
      }),
      { numRuns: 100, seed: 20261105 },
    );
  });

  it('accepts the insertions a client can always make (inside paragraphs) and refuses none', () => {
    const ctx = execution(newWorld());
    const id = invoiceDoc(ctx);
    const doc = getDocumentJson(ctx, id);
    const flat = bodyFlat(doc);
    // Every index whose character is inside a paragraph (not a table mark) takes text.
    const valid = [...flat].flatMap((ch, i) => (i > 0 && ch !== '§' ? [i] : []));
    for (const index of valid.reverse()) {
      batch(ctx, id, [{ insertText: { text: '·', location: { index } } }]);
    }
    const after = bodyFlat(getDocumentJson(ctx, id));
    expect(after.replace(/·/g, '')).toBe(flat);
    expect(after.length).toBe(flat.length + valid.length);
  });
});
