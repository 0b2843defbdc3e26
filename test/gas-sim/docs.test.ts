import { createDocsAdvanced, createDocumentApp, createDriveApp } from '../../tools/gas-sim/drive';
import { execution, newWorld, type TestContext } from './sim-context';

const PDF = 'application/pdf';

function services(ctx: TestContext): {
  docs: GoogleAppsScript.Document.DocumentApp;
  drive: GoogleAppsScript.Drive.DriveApp;
  api: GoogleAppsScript.Docs;
} {
  return {
    docs: createDocumentApp(ctx),
    drive: createDriveApp(ctx),
    api: createDocsAdvanced(ctx),
  };
}

function paragraphs(body: GoogleAppsScript.Document.Body): string[] {
  return body.getParagraphs().map((p) => p.getText());
}

describe('DocumentApp: building a Doc', () => {
  it('starts with one empty paragraph and appends paragraphs, headings and tables', () => {
    const ctx = execution(newWorld());
    const { docs } = services(ctx);
    const doc = docs.create('Facture');
    const body = doc.getBody();
    expect(body.getNumChildren()).toBe(1);
    const h = body.appendParagraph('FACTURE').setHeading(docs.ParagraphHeading.HEADING1);
    h.setAlignment(docs.HorizontalAlignment.RIGHT);
    expect(h.getHeading()).toBe(docs.ParagraphHeading.HEADING1);
    expect(h.getAlignment()).toBe(docs.HorizontalAlignment.RIGHT);
    const t = body.appendTable([
      ['Désignation', 'Montant'],
      ['Séance', '50,00 €'],
    ]);
    // Docs adds an empty paragraph after an appended table.
    expect(body.getNumChildren()).toBe(4);
    expect(String(body.getChild(2).getType())).toBe('TABLE');
    expect(body.getChildIndex(t)).toBe(2);
    expect(t.getNumRows()).toBe(2);
    expect(t.getCell(1, 1).getText()).toBe('50,00 €');
    expect(t.getRow(0).getNumCells()).toBe(2);
    body.insertParagraph(0, 'En-tête\nsur deux lignes');
    expect(body.getChild(0).asParagraph().getText()).toBe('En-tête\rsur deux lignes');
    expect(body.getText()).toBe(
      'En-tête\rsur deux lignes\n\nFACTURE\nDésignation\tMontant\nSéance\t50,00 €\n',
    );
    expect(body.getTables()).toHaveLength(1);
    expect(() => body.getChild(9)).toThrow(
      'Child index (9) must be less than the number of child elements (5).',
    );
  });

  it('styles text through editAsText and attributes', () => {
    const ctx = execution(newWorld());
    const { docs } = services(ctx);
    const body = docs.create('Styles').getBody();
    const p = body.appendParagraph('Total TTC : 120,00 €');
    const text = p.editAsText();
    text.setBold(0, 8, true).setFontSize(14).setForegroundColor('#cc0000');
    expect(text.isBold(0)).toBe(true);
    expect(text.isBold(12)).toBeFalsy();
    expect(text.isBold()).toBeNull();
    expect(text.getFontSize()).toBe(14);
    const style: Record<string, unknown> = {};
    style[String(docs.Attribute.ITALIC)] = true;
    style[String(docs.Attribute.SPACING_AFTER)] = 6;
    p.setAttributes(style);
    expect(p.getSpacingAfter()).toBe(6);
    expect(p.editAsText().isItalic()).toBe(true);
    expect(p.getAttributes()['FOREGROUND_COLOR']).toBe('#cc0000');
    p.appendText(' HT');
    expect(p.getText()).toBe('Total TTC : 120,00 € HT');
    expect(p.editAsText().getForegroundColor(21)).toBe('#cc0000');
  });

  it('has headers and footers, one each', () => {
    const ctx = execution(newWorld());
    const { docs } = services(ctx);
    const doc = docs.create('HF');
    expect(doc.getHeader()).toBeNull();
    doc.addHeader().appendParagraph('ACME SAS');
    doc.addFooter().appendParagraph('Pas d’escompte pour paiement anticipé');
    expect(() => doc.addHeader()).toThrow('already contains a header');
    expect(doc.getHeader().getText()).toBe('\nACME SAS');
    expect(String(doc.getFooter().getType())).toBe('FOOTER_SECTION');
  });

  it('refuses to remove the last paragraph of a section', () => {
    const ctx = execution(newWorld());
    const body = services(ctx).docs.create('x').getBody();
    expect(() => body.getParagraphs()[0]?.removeFromParent()).toThrow(
      "Can't remove the last paragraph in a document section.",
    );
    body.appendParagraph('second');
    body.removeChild(body.getChild(0));
    expect(paragraphs(body)).toEqual(['second']);
  });

  it('opens by id and by URL; unknown ids throw', () => {
    const ctx = execution(newWorld());
    const { docs } = services(ctx);
    const doc = docs.create('Open me');
    doc.getBody().appendParagraph('hello');
    expect(doc.getUrl()).toBe(`https://docs.google.com/document/d/${doc.getId()}/edit`);
    expect(docs.openByUrl(doc.getUrl()).getName()).toBe('Open me');
    expect(docs.openById(doc.getId()).getBody().getText()).toBe('\nhello');
    expect(() => docs.openById('missing')).toThrow(
      "Document missing is missing (perhaps it was deleted, or you don't have read access?)",
    );
  });
});

describe('replaceText', () => {
  function docWith(ctx: TestContext, lines: string[]): GoogleAppsScript.Document.Body {
    const body = services(ctx).docs.create('T').getBody();
    body.setText(lines.join('\n'));
    return body;
  }

  it('treats braces that are not a repetition as literals (RE2)', () => {
    const body = docWith(execution(newWorld()), ['Total : {{total}} €', 'Encore {{total}}']);
    body.replaceText('{{total}}', '1 234,56');
    expect(paragraphs(body)).toEqual(['Total : 1 234,56 €', 'Encore 1 234,56']);
  });

  it('takes the search pattern as a regular expression: an unescaped dot matches anything', () => {
    const ctx = execution(newWorld());
    const body = docWith(ctx, ['{{client.name}}', '{{clientXname}}']);
    body.replaceText('\\{\\{client\\.name\\}\\}', 'ACME');
    expect(paragraphs(body)).toEqual(['ACME', '{{clientXname}}']);
    body.replaceText('{{client.name}}', 'Other');
    expect(paragraphs(body)).toEqual(['ACME', 'Other']);
  });

  it('inserts the replacement literally: $, \\ and group references are not expanded', () => {
    const body = docWith(execution(newWorld()), ['Prix : {{p}}', 'Ref (AB-12)']);
    body.replaceText('{{p}}', '$1 $& $$ \\1 \\');
    body.replaceText('\\((\\w+)-(\\d+)\\)', '$2-$1');
    expect(paragraphs(body)).toEqual(['Prix : $1 $& $$ \\1 \\', 'Ref $2-$1']);
  });

  it('reads $ in a pattern as an anchor unless escaped', () => {
    const body = docWith(execution(newWorld()), ['a ${x} b ${x}', 'end ${x}']);
    body.replaceText('\\$\\{x\\}$', 'LAST');
    expect(paragraphs(body)).toEqual(['a ${x} b LAST', 'end LAST']);
    body.replaceText('\\$\\{x\\}', 'v');
    expect(paragraphs(body)).toEqual(['a v b LAST', 'end LAST']);
  });

  it('matches within one paragraph, never across paragraphs', () => {
    const body = docWith(execution(newWorld()), ['début', 'fin']);
    body.replaceText('début.fin', 'X');
    body.replaceText('début\\nfin', 'X');
    body.replaceText('(?s)début.*fin', 'X');
    expect(paragraphs(body)).toEqual(['début', 'fin']);
    body.replaceText('^fin$', 'FIN');
    expect(paragraphs(body)).toEqual(['début', 'FIN']);
  });

  it('reaches table cells from the body, but header and footer only from themselves', () => {
    const ctx = execution(newWorld());
    const doc = services(ctx).docs.create('Sections');
    doc.addHeader().setText('Header {{n}}');
    doc.addFooter().setText('Footer {{n}}');
    const body = doc.getBody();
    body.setText('Body {{n}}');
    body.appendTable([['Cell {{n}}', 'x']]);
    body.replaceText('\\{\\{n\\}\\}', '42');
    expect(body.getText()).toBe('Body 42\nCell 42\tx\n');
    expect(doc.getHeader().getText()).toBe('Header {{n}}');
    doc.getHeader().replaceText('\\{\\{n\\}\\}', '42');
    doc.getFooter().replaceText('\\{\\{n\\}\\}', '42');
    expect(doc.getHeader().getText()).toBe('Header 42');
    expect(doc.getFooter().getText()).toBe('Footer 42');
  });

  it('gives the replacement the style of the placeholder', () => {
    const ctx = execution(newWorld());
    const body = services(ctx).docs.create('S').getBody();
    const p = body.appendParagraph('Total: {{total}} TTC');
    p.editAsText().setBold(7, 15, true);
    body.replaceText('\\{\\{total\\}\\}', '99,00 €');
    const t = p.editAsText();
    expect(p.getText()).toBe('Total: 99,00 € TTC');
    expect(t.isBold(7)).toBe(true);
    expect(t.isBold(13)).toBe(true);
    expect(t.isBold(15)).toBeFalsy();
  });

  it('rejects what RE2 does not support', () => {
    const body = docWith(execution(newWorld()), ['x']);
    expect(() => body.replaceText('x(?=y)', 'z')).toThrow('lookaround');
    expect(() => body.replaceText('(x)\\1', 'z')).toThrow('backreferences');
    expect(() => body.replaceText('x', undefined as unknown as string)).toThrow(
      'Invalid argument: replacement',
    );
  });

  it('finds text with offsets, and the next match from the previous one', () => {
    const ctx = execution(newWorld());
    const body = docWith(ctx, ['aa {{x}} bb {{x}}', 'cc {{x}}']);
    const first = body.findText('\\{\\{x\\}\\}');
    expect(first.getStartOffset()).toBe(3);
    expect(first.getEndOffsetInclusive()).toBe(7);
    expect(first.getElement().asText().getText()).toBe('aa {{x}} bb {{x}}');
    const second = body.findText('\\{\\{x\\}\\}', first);
    expect(second.getStartOffset()).toBe(12);
    const third = body.findText('\\{\\{x\\}\\}', second);
    expect(third.getElement().asText().getText()).toBe('cc {{x}}');
    expect(body.findText('\\{\\{x\\}\\}', third)).toBeNull();
  });
});

describe('tables built from a template row', () => {
  function templateDoc(ctx: TestContext): GoogleAppsScript.Document.Document {
    const doc = services(ctx).docs.create('Template');
    const t = doc.getBody().appendTable([
      ['Désignation', 'Qté', 'Total'],
      ['{{designation}}', '{{qty}}', '{{total}}'],
    ]);
    t.getRow(0).getCell(0).setBackgroundColor('#1f3864');
    const line = t.getRow(1);
    line.getCell(0).setBackgroundColor('#f2f2f2').setWidth(250);
    line.getCell(2).editAsText().setBold(true).setForegroundColor('#333333');
    return doc;
  }

  it('appending a copy of a row keeps its cell styles', () => {
    const ctx = execution(newWorld());
    const doc = templateDoc(ctx);
    const table = doc.getBody().getTables()[0] as GoogleAppsScript.Document.Table;
    const tpl = table.getRow(1);
    const lines = [
      ['Séance 1', '1', '50,00 €'],
      ['Séance 2', '2', '100,00 €'],
    ];
    for (const [d, q, tot] of lines) {
      const row = table.appendTableRow(tpl.copy());
      row.replaceText('\\{\\{designation\\}\\}', d as string);
      row.replaceText('\\{\\{qty\\}\\}', q as string);
      row.replaceText('\\{\\{total\\}\\}', tot as string);
    }
    tpl.removeFromParent();
    expect(table.getNumRows()).toBe(3);
    expect(table.getText()).toBe(
      'Désignation\tQté\tTotal\nSéance 1\t1\t50,00 €\nSéance 2\t2\t100,00 €',
    );
    for (const r of [1, 2]) {
      const row = table.getRow(r);
      expect(row.getCell(0).getBackgroundColor()).toBe('#f2f2f2');
      expect(row.getCell(0).getWidth()).toBe(250);
      expect(row.getCell(2).editAsText().isBold()).toBe(true);
      expect(row.getCell(2).editAsText().getForegroundColor()).toBe('#333333');
    }
    expect(table.getRow(0).getCell(0).getBackgroundColor()).toBe('#1f3864');
  });

  it('refuses to append a row that is still in the table', () => {
    const ctx = execution(newWorld());
    const table = templateDoc(ctx).getBody().getTables()[0] as GoogleAppsScript.Document.Table;
    expect(() => table.appendTableRow(table.getRow(1))).toThrow('Element must be detached.');
    const inserted = table.insertTableRow(1, table.getRow(1).copy());
    expect(inserted.getCell(0).getText()).toBe('{{designation}}');
    expect(table.getNumRows()).toBe(3);
    expect(table.removeRow(1).getText()).toBe('{{designation}}\t{{qty}}\t{{total}}');
  });

  it('a copied row is detached and independent', () => {
    const ctx = execution(newWorld());
    const table = templateDoc(ctx).getBody().getTables()[0] as GoogleAppsScript.Document.Table;
    const copy = table.getRow(1).copy();
    copy.replaceText('.+', 'changed');
    expect(copy.getParent()).toBeNull();
    expect(table.getRow(1).getCell(0).getText()).toBe('{{designation}}');
  });
});

describe('saving, exporting and copying Docs', () => {
  it('closes the Document and its elements on saveAndClose', () => {
    const ctx = execution(newWorld());
    const { docs } = services(ctx);
    const doc = docs.create('Closed');
    const body = doc.getBody();
    doc.saveAndClose();
    expect(() => body.appendParagraph('late')).toThrow(
      'Document is closed, its contents cannot be updated.',
    );
    expect(() => doc.getBody()).toThrow('Document is closed');
    expect(doc.getId()).toMatch(/^[A-Za-z0-9_-]{44}$/);
  });

  it('exports the saved content: unsaved edits are not in the PDF until saveAndClose', () => {
    const world = newWorld();
    const ctx = execution(world);
    const { docs, drive } = services(ctx);
    const doc = docs.create('Export');
    doc.getBody().appendParagraph('Contenu ajouté');
    const file = drive.getFileById(doc.getId());
    const before = file.getAs(PDF);
    expect(before.getName()).toBe('Export.pdf');
    expect(before.getContentType()).toBe(PDF);
    expect(file.getAs('text/plain').getDataAsString()).toBe('');
    doc.saveAndClose();
    expect(file.getAs('text/plain').getDataAsString()).toBe('\nContenu ajouté');
    expect(file.getBlob().getContentType()).toBe(PDF);
    expect(() => file.getAs('application/msword')).toThrow('is not supported');
  });

  it('saves what an execution left open when another execution comes', () => {
    const world = newWorld();
    const first = services(execution(world));
    const doc = first.docs.create('Auto-saved');
    doc.getBody().appendParagraph('kept');
    const second = services(execution(world));
    const text = second.drive.getFileById(doc.getId()).getAs('text/plain').getDataAsString();
    expect(text).toBe('\nkept');
  });

  it('makeCopy of a Doc is a new, independent Doc', () => {
    const ctx = execution(newWorld());
    const { docs, drive } = services(ctx);
    const tpl = docs.create('Modèle');
    tpl.getBody().setText('Client : {{client}}');
    tpl.saveAndClose();
    const folder = drive.createFolder('2026');
    const copy = drive.getFileById(tpl.getId()).makeCopy('F-2026-001', folder);
    expect(copy.getMimeType()).toBe('application/vnd.google-apps.document');
    expect(copy.getUrl()).toBe(`https://docs.google.com/document/d/${copy.getId()}/edit`);
    const d = docs.openById(copy.getId());
    d.getBody().replaceText('\\{\\{client\\}\\}', 'ACME');
    d.saveAndClose();
    expect(docs.openById(copy.getId()).getBody().getText()).toBe('Client : ACME');
    expect(docs.openById(tpl.getId()).getBody().getText()).toBe('Client : {{client}}');
  });

  it('shares a Doc through the Document or its File', () => {
    const ctx = execution(newWorld());
    const { docs, drive } = services(ctx);
    const doc = docs.create('Shared');
    doc.addViewer('client@example.com');
    drive.getFileById(doc.getId()).addCommenter('finance@example.com');
    expect(doc.getViewers().map((u) => u.getEmail())).toEqual([
      'client@example.com',
      'finance@example.com',
    ]);
    expect(doc.getEditors()).toEqual([]);
  });

  it('counts calls under Document, Body, Table, TableRow and File', () => {
    const ctx = execution(newWorld());
    const { docs, drive } = services(ctx);
    const doc = docs.create('Counted');
    const body = doc.getBody();
    const table = body.appendTable([['a']]);
    table.appendTableRow(table.getRow(0).copy());
    body.replaceText('a', 'b');
    doc.saveAndClose();
    drive.getFileById(doc.getId()).getAs(PDF);
    expect(ctx.rec.byService()).toEqual({
      DocumentApp: { create: 1 },
      Document: { getBody: 1, saveAndClose: 1, getId: 1 },
      Body: { appendTable: 1, replaceText: 1 },
      Table: { appendTableRow: 1, getRow: 1 },
      TableRow: { copy: 1 },
      DriveApp: { getFileById: 1 },
      File: { getAs: 1 },
    });
  });
});

describe('advanced Docs service', () => {
  it('applies every replaceAllText request in one counted call, in body, header, footer and cells', () => {
    const world = newWorld();
    const ctx = execution(world);
    const { docs, api } = services(ctx);
    const doc = docs.create('Batch');
    doc.addHeader().setText('{{NUM}}');
    doc.addFooter().setText('IBAN {{iban}}');
    const body = doc.getBody();
    body.setText('Facture {{num}} du {{date}}');
    body.appendTable([['{{num}}', 'total {{total}}']]);
    doc.saveAndClose();

    const res = api.Documents.batchUpdate(
      {
        requests: [
          { replaceAllText: { containsText: { text: '{{num}}' }, replaceText: 'F-1' } },
          {
            replaceAllText: {
              containsText: { text: '{{iban}}', matchCase: true },
              replaceText: 'FR76 $1',
            },
          },
          { replaceAllText: { containsText: { text: '{{missing}}' }, replaceText: 'x' } },
        ],
      },
      doc.getId(),
    );
    expect(res.replies).toEqual([
      { replaceAllText: { occurrencesChanged: 3 } },
      { replaceAllText: { occurrencesChanged: 1 } },
      { replaceAllText: { occurrencesChanged: 0 } },
    ]);
    expect(ctx.rec.count('Docs.Documents.batchUpdate')).toBe(1);

    const again = docs.openById(doc.getId());
    expect(again.getHeader().getText()).toBe('F-1');
    expect(again.getFooter().getText()).toBe('IBAN FR76 $1');
    expect(again.getBody().getText()).toBe('Facture F-1 du {{date}}\nF-1\ttotal {{total}}\n');
  });

  it('is all or nothing, and tells unknown documents apart', () => {
    const ctx = execution(newWorld());
    const { docs, api } = services(ctx);
    const doc = docs.create('Atomic');
    doc.getBody().setText('{{a}}');
    doc.saveAndClose();
    expect(() =>
      api.Documents.batchUpdate(
        {
          requests: [
            { replaceAllText: { containsText: { text: '{{a}}' }, replaceText: 'A' } },
            { insertText: { text: 'x', location: { index: 99 } } },
          ],
        },
        doc.getId(),
      ),
    ).toThrow(
      'Invalid requests[1].insertText: Index 99 must be less than the end index of the referenced segment, 3.',
    );
    expect(docs.openById(doc.getId()).getBody().getText()).toBe('{{a}}');
    expect(() => api.Documents.get('nope')).toThrow(
      'API call to docs.documents.get failed with error: Requested entity was not found.',
    );
  });

  it('returns the document structure from Documents.get', () => {
    const ctx = execution(newWorld());
    const { docs, api } = services(ctx);
    const doc = docs.create('Structure');
    const body = doc.getBody();
    body.setText('Titre');
    body.appendTable([['a', 'b']]);
    doc.saveAndClose();
    const json = api.Documents.get(doc.getId());
    expect(json.title).toBe('Structure');
    const content = json.body?.content ?? [];
    expect(content[0]?.sectionBreak).toBeDefined();
    expect(content[1]?.paragraph?.elements?.[0]?.textRun?.content).toBe('Titre\n');
    expect(content[1]?.startIndex).toBe(1);
    expect(content[2]?.table?.rows).toBe(1);
    expect(content[2]?.table?.columns).toBe(2);
    expect(ctx.rec.count('Docs.Documents.get')).toBe(1);
  });
});
