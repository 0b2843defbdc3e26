import { createDocumentApp, createDriveApp } from '../../tools/gas-sim/drive';
import {
  AUTO_PAGE_COUNT,
  AUTO_PAGE_NUMBER,
  textBlocks,
  newDocModel,
  newListItem,
  newParagraph,
  newTable,
  type DocModel,
} from '../../tools/gas-sim/doc-model';
import * as fontkit from 'fontkit';
import { glyphPages } from './pdf-glyphs';
import { embeddedFontFiles, renderDocPdf } from '../../tools/gas-sim/pdf';
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

  it('embeds its font and shows every character, beyond WinAnsi too', async () => {
    const m = newDocModel();
    const text = 'Remise \u22125\u202f% · 1\u202f058,40\u00a0€ → Ωμέγα Жюль « œuvre » ™';
    m.body.blocks = [newParagraph(text)];
    const pdf = renderDocPdf(m);
    expect(squash(pdfPages(pdf)[0] ?? '')).toBe(squash(text));
    const [page] = await glyphPages(pdf);
    expect(page?.lines.map((l) => l.text)).toEqual([text]);
    expect(page?.fonts).toEqual([
      { name: expect.stringMatching(/^[A-Z]{6}\+Arimo-Regular$/), embedded: true },
    ]);
    expect(pdf.includes('/FontFile2')).toBe(true);
    expect(pdf.includes('/Helvetica')).toBe(false);
    const font = fontkit.openSync(embeddedFontFiles().regular);
    for (const ch of text)
      expect([ch, font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)]).toEqual([ch, true]);
  });

  it('breaks lines at spaces, never at a no-break space, and cuts a long word after its hyphen', async () => {
    const m = newDocModel();
    const amounts = Array.from({ length: 40 }, (_, i) => `${i + 1}\u202f058,40\u00a0€`).join(' ');
    const word = 'Réf.\u00a0contrat-cadre-2026-formation-professionnelle-continue-entreprises';
    const t = newTable([[amounts, word]]);
    t.columnWidths = [200, 90];
    m.body.blocks = [t];
    const lines = (await glyphPages(renderDocPdf(m)))[0]?.lines.map((l) => l.text) ?? [];
    const tokens = amounts.split(' ');
    const amountLines = lines.filter((x) => x.includes('€'));
    expect(amountLines.length).toBeGreaterThan(3);
    for (const l of amountLines) for (const tok of l.split(' ')) expect(tokens).toContain(tok);
    const wordLines = lines.filter((l) => !l.includes('€'));
    expect(wordLines.length).toBeGreaterThan(1);
    for (const l of wordLines.slice(0, -1)) expect(l).toMatch(/-$/);
    expect(wordLines.join('')).toBe(word);
  });

  it('keeps a paragraph with the next one, and its lines together, when they do not fit the page', () => {
    const filler = (n: number) =>
      Array.from({ length: n }, (_, i) => newParagraph(`Ligne de remplissage ${i + 1}`));
    const page = (keep: boolean) => {
      const m = newDocModel();
      const title = newParagraph('Règlement');
      title.keepWithNext = keep;
      const body = newParagraph(
        Array.from(
          { length: 6 },
          () => 'IBAN FR76 3000 4008 2800 0123 4567 841, BIC BNPAFRPPXXX.',
        ).join(' '),
      );
      body.keepLinesTogether = keep;
      m.body.blocks = [...filler(44), title, body];
      return pdfPages(renderDocPdf(m)).map(squash);
    };
    const loose = page(false);
    expect(loose[0]).toContain('Règlement');
    const kept = page(true);
    expect(kept).toHaveLength(2);
    expect(kept[0]).not.toContain('Règlement');
    expect(kept[1]).toMatch(/^Règlement IBAN/);
    expect(kept[1]?.match(/IBAN/g)).toHaveLength(6);
  });

  it('keeps the last row of a table with the block after it (keepWithNext in its last cell)', () => {
    const build = (keep: boolean) => {
      const m = newDocModel();
      const t = newTable(
        Array.from({ length: 28 }, (_, i) => [`Ligne ${i + 1}`, `${i + 1},00\u00a0€`]),
      );
      const last = t.rows[t.rows.length - 1];
      for (const c of last?.cells ?? []) for (const b of textBlocks(c)) b.keepWithNext = keep;
      const totals = newTable([
        ['Total HT', '666,00\u00a0€'],
        ['Total TTC', '799,20\u00a0€'],
      ]);
      for (const b of textBlocks(totals.rows[0] as never)) b.keepWithNext = keep;
      m.body.blocks = [t, totals];
      return pdfPages(renderDocPdf(m)).map(squash);
    };
    const loose = build(false);
    const kept = build(true);
    const pageOf = (pages: string[], s: string) => pages.findIndex((p) => p.includes(s));
    expect(pageOf(loose, 'Ligne 28 ')).not.toBe(pageOf(loose, 'Total TTC'));
    expect(pageOf(kept, 'Ligne 28 ')).toBe(pageOf(kept, 'Total TTC'));
    expect(pageOf(kept, 'Total HT')).toBe(pageOf(kept, 'Total TTC'));
  });

  it('shows a page number and the page count where the Docs editor put them (AutoText)', async () => {
    const m = invoiceModel(80);
    m.footer?.blocks.push(newParagraph(`Page ${AUTO_PAGE_NUMBER} / ${AUTO_PAGE_COUNT}`));
    const pdf = renderDocPdf(m);
    const pages = await glyphPages(pdf);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      expect(p.lines.map((l) => l.text)).toContain(`Page ${i + 1} / ${pages.length}`);
    });
    // The same document with the editor's page numbers gives the same bytes twice.
    expect(renderDocPdf(m).equals(pdf)).toBe(true);
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
