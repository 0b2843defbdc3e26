import { createDocumentApp, createDriveApp } from '../../tools/gas-sim/drive';
import {
  newDocModel,
  newListItem,
  newParagraph,
  newTable,
  type DocModel,
} from '../../tools/gas-sim/doc-model';
import { renderDocPdf, toWinAnsi } from '../../tools/gas-sim/pdf';
import { pdfPages, squash } from './pdf-text';
import { execution, newWorld } from './sim-context';

const LEGAL =
  "Pas d'escompte pour paiement anticipé. Indemnité forfaitaire de recouvrement : 40 €.";

function invoiceModel(lines: number): DocModel {
  const m = newDocModel();
  m.header = {
    kind: 'section',
    blocks: [newParagraph('ACME SAS — 12 rue de la Paix, 75002 Paris')],
  };
  m.footer = { kind: 'section', blocks: [newParagraph(LEGAL)] };
  const title = newParagraph('FACTURE F-2026-001');
  title.heading = 'HEADING1';
  title.align = 'RIGHT';
  m.body.blocks = [title, newParagraph('Client : Société Générale des Études Économiques')];
  const t = newTable([
    ['Désignation', 'Qté', 'Total HT'],
    ...Array.from({ length: lines }, (_, i) => [
      `Ligne ${i + 1} : séance de mentorat, préparation et compte rendu détaillé`,
      '1',
      `${i + 1},00 €`,
    ]),
  ]);
  t.columnWidths = [300, null, null];
  for (const c of t.rows[0]?.cells ?? []) c.background = '#1f3864';
  m.body.blocks.push(t, newParagraph('Total TTC : 1 234,56 €'));
  m.body.blocks.push(newListItem('Premier point', 'l'), newListItem('Second point', 'l'));
  return m;
}

describe('renderDocPdf', () => {
  it('renders paragraphs, table cells, header, footer, accents and the euro sign as text', () => {
    const pages = pdfPages(renderDocPdf(invoiceModel(3)));
    expect(pages).toHaveLength(1);
    const text = squash(pages[0] ?? '');
    for (const s of [
      'FACTURE F-2026-001',
      'Client : Société Générale des Études Économiques',
      'Désignation',
      'Total HT',
      'Ligne 2 : séance de mentorat',
      '2,00 €',
      'Total TTC : 1 234,56 €',
      'ACME SAS — 12 rue de la Paix, 75002 Paris',
      "Pas d'escompte pour paiement anticipé",
      '40 €',
      'Premier point',
    ]) {
      expect(text).toContain(s);
    }
    // Reading order: header, body, footer.
    expect(text.indexOf('ACME SAS')).toBeLessThan(text.indexOf('FACTURE'));
    expect(text.indexOf('Total TTC')).toBeLessThan(text.indexOf("Pas d'escompte"));
  });

  it('breaks a long table across pages, rows whole, with header and footer on every page', () => {
    const pages = pdfPages(renderDocPdf(invoiceModel(80)));
    expect(pages.length).toBeGreaterThan(2);
    const all = pages.map(squash);
    for (const p of all) {
      expect(p).toContain('ACME SAS');
      expect(p).toContain('Indemnité forfaitaire de recouvrement : 40 €.');
    }
    for (let i = 1; i <= 80; i += 1) {
      const holding = all.filter((p) => p.includes(`Ligne ${i} : séance`));
      expect(holding).toHaveLength(1);
      // The row's last cell is on the same page as its first line.
      expect(holding[0]).toContain(`${i},00 €`);
      expect(holding[0]).toContain(`Ligne ${i} : séance de mentorat, préparation et compte rendu`);
    }
    expect(all[all.length - 1]).toContain('Total TTC');
  });

  it('starts a new page at a page break', () => {
    const m = newDocModel();
    const p = newParagraph('page one');
    p.inline.push('pageBreak');
    m.body.blocks = [p, newParagraph('page two')];
    const pages = pdfPages(renderDocPdf(m)).map(squash);
    expect(pages).toEqual(['page one', 'page two']);
  });

  it('gives the same bytes for the same model and date', () => {
    const date = new Date('2026-11-05T10:00:00Z');
    const a = renderDocPdf(invoiceModel(5), { date, title: 'F' });
    const b = renderDocPdf(invoiceModel(5), { date, title: 'F' });
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
  });

  it('keeps WinAnsi characters and replaces the others', () => {
    expect(toWinAnsi('1\u202f234,56\u00a0€ – « œuvre » ™')).toBe(
      '1\u00a0234,56\u00a0€ – « œuvre » ™',
    );
    expect(toWinAnsi('→ 日本')).toBe('? ??');
  });

  it('is what File.getAs(PDF) returns for a Doc built with DocumentApp', () => {
    const ctx = execution(newWorld());
    const docs = createDocumentApp(ctx);
    const doc = docs.create('F-2026-002');
    doc.addFooter().appendParagraph(LEGAL);
    const body = doc.getBody();
    body.appendParagraph('Facture F-2026-002').setHeading(docs.ParagraphHeading.TITLE);
    body.appendTable([
      ['Désignation', 'Montant'],
      ['Formation « Excel avancé »', '700,00 €'],
    ]);
    doc.saveAndClose();
    const blob = createDriveApp(ctx).getFileById(doc.getId()).getAs('application/pdf');
    const text = squash(pdfPages(Uint8Array.from(blob.getBytes(), (b) => b & 0xff)).join(' '));
    expect(text).toContain('Facture F-2026-002');
    expect(text).toContain('Formation « Excel avancé »');
    expect(text).toContain('700,00 €');
    expect(text).toContain('Indemnité forfaitaire');
    expect(ctx.rec.count('File.getAs')).toBe(1);
  });
});
