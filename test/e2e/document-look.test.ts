/**
 * What people read, checked on every PDF the demo makes (`npm run demo`: the month, then the
 * weeks after) and on a month with a deposit and its balance, so that every kind of document is
 * there: invoices (CRA, extra lines, training per sponsor and per financer, a client credit
 * deducted), a deposit and its balance, a debit note, a credit note, self-billed invoices and a
 * self-billed credit note, in French and in English. The built bundle runs in the in-memory Apps
 * Script and the PDFs are read back character for character (test/gas-sim/pdf-glyphs.ts: PDF
 * text extractors turn no-break spaces into spaces):
 * - every character is drawn with an embedded font that has a glyph for it (no '?' stand-in);
 * - no word and no amount is broken across lines: every piece of text on a line is a whole
 *   word of the document (its Doc's text cut at breakable spaces);
 * - the totals are on one page, the page of the last line row;
 * - French documents have a no-break space before ':', English ones no space.
 * The invoice template's own export is checked for its fonts only (its placeholders are not
 * words), and the provider's invoice the demo receives is not ours (a stand-in without text).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fontkit from 'fontkit';
import PostalMime from 'postal-mime';
import { runDemo } from '../../tools/local/demo';
import { embeddedFontFiles } from '../../tools/gas-sim/pdf';
import {
  blockText,
  docSections,
  runsText,
  textBlocks,
  type DocModel,
  type TableNode,
} from '../../tools/gas-sim/doc-model';
import { glyphPages, type GlyphPage } from '../gas-sim/pdf-glyphs';
import { demoWorkbook, local, tempDir, walk } from './helpers';

/** The spaces a line may break at (tools/gas-sim/pdf.ts). */
const BREAKS = /[ \t\r\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+/;

interface Checked {
  name: string;
  /** Its Doc's name. */
  base: string;
  pages: GlyphPage[];
  doc: DocModel | null;
}

interface SavedFile {
  name: string;
  trashed: boolean;
  doc: DocModel | null;
  mimeType: string;
}

/** The Docs of a run's saved world, by name (the latest version of each). */
function docsOf(out: string): Map<string, DocModel> {
  const state = JSON.parse(fs.readFileSync(path.join(out, 'state.json'), 'utf8')) as {
    drive: { files: SavedFile[] };
  };
  const map = new Map<string, DocModel>();
  for (const f of state.drive.files) if (f.doc && !f.trashed) map.set(f.name, f.doc);
  return map;
}

const kindOf = (name: string): string => {
  if (name.startsWith('Modèle de facture')) return 'template';
  return name.replace(/\.gdoc$/, '').replace(/ - .*$/, '');
};

function wordsOf(doc: DocModel): Set<string> {
  const words = new Set<string>();
  for (const s of docSections(doc)) {
    for (const b of textBlocks(s)) {
      for (const w of runsText(b.runs).split(BREAKS)) if (w !== '') words.add(w);
    }
  }
  return words;
}

const squash = (s: string): string =>
  s
    .replace(/\u2060/g, '')
    .split(BREAKS)
    .filter(Boolean)
    .join(' ');

/** The page texts in drawing order, words joined by single spaces. */
const pageTexts = (c: Checked): string[] =>
  c.pages.map((p) => squash(p.lines.map((l) => l.text).join(' ')));

function cellText(t: TableNode, row: number): string {
  return squash((t.rows[row]?.cells ?? []).map((c) => c.blocks.map(blockText).join(' ')).join(' '));
}

/** The line table (its header's first cell is the description label) and the totals after it. */
function linesAndTotals(doc: DocModel): { lines: TableNode; totals: TableNode } | null {
  const blocks = doc.body.blocks;
  const at = blocks.findIndex(
    (b) =>
      b.kind === 'table' &&
      ['Désignation', 'Description'].includes(
        squash(b.rows[0]?.cells[0]?.blocks.map(blockText).join(' ') ?? ''),
      ),
  );
  const lines = blocks[at];
  const totals = blocks.slice(at + 1).find((b) => b.kind === 'table');
  return lines?.kind === 'table' && totals?.kind === 'table' ? { lines, totals } : null;
}

const checked: Checked[] = [];
const kinds = new Set<string>();

beforeAll(async () => {
  const demo = tempDir('look-demo');
  expect(await runDemo({ workbook: demoWorkbook, out: demo }, () => undefined)).toBe(0);
  const outs = [
    demo,
    ...fs.readdirSync(path.join(demo, 'after')).map((s) => path.join(demo, 'after', s)),
  ];
  // A month with a deposit and, the next day, its balance; and a client billed 40 lines, on
  // more than one page.
  const dir = tempDir('look-deposit');
  for (const f of fs.readdirSync(demoWorkbook))
    fs.copyFileSync(path.join(demoWorkbook, f), path.join(dir, f));
  fs.appendFileSync(
    path.join(dir, 'Prestations.csv'),
    [
      ',10/11/2026,VERDI,,Jardin partagé,Acompte conception du jardin,1,forfait,"1 000,00",,20 %,forfait,acompte',
      ',28/11/2026,VERDI,,Jardin partagé,Conception et plantation du jardin,1,forfait,"3 000,00",,20 %,forfait,solde',
      ...Array.from(
        { length: 40 },
        (_, i) =>
          `,${String((i % 28) + 1).padStart(2, '0')}/11/2026,NEXUM,,Warehouse support,"Scoping workshop no. ${i + 1}: preparation, facilitation and detailed written report for the operations team",1,forfait,"1 250,00",5 %,20 %,forfait,`,
      ),
      '',
    ].join('\n'),
  );
  const first = await local({ action: 'monthly', workbook: dir, today: '2026-12-05' });
  const second = await local({ action: 'issue', from: first.out, today: '2026-12-06' });
  outs.push(first.out, second.out);
  // Every PDF by name, the latest run's copy, and every PDF an email attaches.
  const found: { key: string; bytes: Buffer; out: string; base: string }[] = [];
  const seen = new Set<string>();
  const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const add = (key: string, bytes: Buffer, out: string, file: string) => {
    const h = hash(bytes);
    if (seen.has(h)) return;
    seen.add(h);
    found.push({ key, bytes, out, base: path.basename(file).replace(/(\.gdoc)?\.pdf$/, '') });
  };
  for (const out of [...outs].reverse()) {
    const tag = out === first.out || out === second.out ? 'deposit:' : '';
    for (const f of walk(path.join(out, 'drive'))) {
      if (!f.endsWith('.pdf') || f.includes(`${path.sep}Factures reçues${path.sep}`)) continue;
      if (found.some((x) => x.key === `${tag}${path.basename(f)}`)) continue;
      add(`${tag}${path.basename(f)}`, fs.readFileSync(f), out, f);
    }
    for (const f of walk(path.join(out, 'mail')).filter((x) => x.endsWith('.eml'))) {
      const m = await PostalMime.parse(fs.readFileSync(f));
      for (const a of m.attachments.filter((x) => x.mimeType === 'application/pdf')) {
        const name = a.filename ?? 'attachment.pdf';
        add(
          `${tag}mail ${path.basename(f)}: ${name}`,
          Buffer.from(a.content as ArrayBuffer),
          out,
          name,
        );
      }
    }
  }
  const docs = new Map<string, Map<string, DocModel>>();
  for (const { key, bytes, out, base } of found) {
    if (!docs.has(out)) docs.set(out, docsOf(out));
    const pages = await glyphPages(new Uint8Array(bytes));
    checked.push({ name: key, pages, doc: docs.get(out)?.get(base) ?? null, base });
    kinds.add(kindOf(base));
  }
  for (const out of outs) {
    const register = fs.readFileSync(path.join(out, 'workbook', 'Factures.csv'), 'utf8');
    for (const m of register.matchAll(/"+kind"+:"+([a-z-]+)"/g)) kinds.add(`kind:${m[1] ?? ''}`);
  }
}, 300_000);

const invoices = (): Checked[] =>
  checked.filter((c) => kindOf(c.name.replace(/^deposit:/, '')) !== 'template');

describe('every PDF the demo makes, read back', () => {
  it('covers every kind of document, each as its Doc and as its Factur-X PDF', () => {
    for (const k of [
      'facture',
      'acompte',
      'avoir',
      'note-de-debit',
      'autofacture',
      'autofacture-avoir',
    ]) {
      expect(kinds).toContain(`kind:${k}`);
    }
    expect(invoices().length).toBeGreaterThanOrEqual(30);
    for (const c of invoices()) expect([c.name, c.doc !== null]).toEqual([c.name, true]);
    const names = new Set(checked.map((c) => c.name));
    for (const c of invoices()) {
      if (c.name.endsWith('.gdoc.pdf'))
        expect(names).toContain(c.name.replace('.gdoc.pdf', '.pdf'));
    }
  });

  it('draws every character with an embedded font that has its glyph', () => {
    const faces = embeddedFontFiles();
    const fonts = {
      'Arimo-Regular': fontkit.openSync(faces.regular),
      'Arimo-Bold': fontkit.openSync(faces.bold),
      'Arimo-Italic': fontkit.openSync(faces.italic),
      'Arimo-BoldItalic': fontkit.openSync(faces.boldItalic),
    };
    for (const c of checked) {
      const words = c.doc
        ? runsText(
            docSections(c.doc)
              .flatMap((s) => textBlocks(s))
              .flatMap((b) => b.runs),
          )
        : '';
      for (const [i, page] of c.pages.entries()) {
        expect(page.lines.length).toBeGreaterThan(0);
        for (const f of page.fonts) {
          expect([c.name, i, f.name, f.embedded]).toEqual([
            c.name,
            i,
            expect.stringMatching(/^[A-Z]{6}\+Arimo-(Regular|Bold|Italic|BoldItalic)$/),
            true,
          ]);
        }
        for (const line of page.lines) {
          expect([c.name, line.text.includes('\ufffd')]).toEqual([c.name, false]);
          if (line.text.includes('?'))
            expect([c.name, words.includes('?')]).toEqual([c.name, true]);
          for (const name of line.fonts) {
            const font = fonts[name.replace(/^[A-Z]{6}\+/, '') as keyof typeof fonts];
            const missing = [...line.text].filter(
              (ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0),
            );
            expect([c.name, line.text, missing]).toEqual([c.name, line.text, []]);
          }
        }
      }
    }
  });

  it('breaks no word and no amount across lines', () => {
    for (const c of invoices()) {
      const words = wordsOf(c.doc as DocModel);
      for (const page of c.pages) {
        for (const line of page.lines) {
          for (const piece of line.text.split(BREAKS).filter(Boolean)) {
            expect([c.name, line.text, words.has(piece) ? piece : `broken: ${piece}`]).toEqual([
              c.name,
              line.text,
              piece,
            ]);
          }
        }
      }
    }
  });

  it('keeps the totals whole, on the page of the last line', () => {
    for (const c of invoices()) {
      const found = linesAndTotals(c.doc as DocModel);
      expect([c.name, found !== null]).toEqual([c.name, true]);
      if (!found) continue;
      const texts = pageTexts(c);
      const lastRow = cellText(found.lines, found.lines.rows.length - 1);
      const totals = found.totals.rows
        .map((_, r) => cellText(found.totals, r))
        .filter(Boolean)
        .join(' ');
      const rowPage = texts.map((t, i) => (t.includes(lastRow) ? i : -1)).filter((i) => i >= 0);
      const totalsPage = texts.map((t, i) => (t.includes(totals) ? i : -1)).filter((i) => i >= 0);
      expect([c.name, rowPage.length, totalsPage.length]).toEqual([c.name, 1, 1]);
      expect([c.name, rowPage[0]]).toEqual([c.name, totalsPage[0]]);
      expect(totals).toMatch(/Net à payer|Amount due|Montant de l’avoir|Credit note total/);
    }
  });

  it('puts a no-break space before a French colon and no space before an English one', () => {
    let french = 0;
    let english = 0;
    for (const c of invoices()) {
      const all = c.pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
      const fr = all.includes('Date d’émission');
      const en = all.includes('Issue date');
      expect([c.name, fr !== en]).toEqual([c.name, true]);
      if (fr) french += 1;
      else english += 1;
      const colons = [...all.matchAll(/(.):/g)].map((m) => m[1] ?? '');
      expect(colons.length).toBeGreaterThan(3);
      for (const before of colons) {
        if (fr)
          expect([c.name, before]).toEqual([c.name, expect.stringMatching(/^[\u00a0\u202f]$/)]);
        else
          expect([c.name, before]).toEqual([c.name, expect.stringMatching(/^[^\s\u00a0\u202f]$/)]);
      }
    }
    expect(french).toBeGreaterThan(20);
    expect(english).toBeGreaterThan(1);
  });
});
