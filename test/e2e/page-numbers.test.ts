/**
 * Page numbers, "Page 1 / 3": no script can insert them (doc-model.ts, AUTO_PAGE_NUMBER), so
 * set-up's template has none; a user inserts them once in the template's footer with the Docs
 * editor, and every invoice, a copy of the template filled by the built bundle, shows them on
 * every page, a 40-line invoice on each of its pages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { getDocumentJson } from '../../tools/gas-sim/docs-api';
import { insertPageNumbers } from '../../tools/gas-sim/docs-ui';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { execution } from '../gas-sim/sim-context';
import { glyphPages } from '../gas-sim/pdf-glyphs';
import { bundleCode, demoWorkbook, tempDir } from './helpers';

function workbook(): string {
  const dir = tempDir('page-numbers');
  for (const f of fs.readdirSync(demoWorkbook)) {
    fs.copyFileSync(path.join(demoWorkbook, f), path.join(dir, f));
  }
  fs.appendFileSync(
    path.join(dir, 'Prestations.csv'),
    Array.from(
      { length: 40 },
      (_, i) =>
        `,${String((i % 28) + 1).padStart(2, '0')}/11/2026,NEXUM,,Warehouse support,"Scoping workshop no. ${i + 1}: preparation, facilitation and report",1,forfait,"1 250,00",,20 %,forfait,\n`,
    ).join(''),
  );
  return dir;
}

const world = new World({ today: '2026-12-05' });
importCsvFolder(workbook(), world);
const setup = runEntry(world, bundleCode(), 'menuSetup');
const template = [...world.drive.files.values()].find(
  (f) => f.name === 'Modèle de facture Facturier' && !f.trashed,
);
insertPageNumbers(world, template?.id ?? '', { before: 'Page ', between: ' / ' });
const monthly = runEntry(world, bundleCode(), 'runMonthly');

describe('page numbers a user inserted in the template', () => {
  it('are in the template as the Docs API shows them: AutoText, not text', () => {
    expect(setup.error).toBeNull();
    const doc = getDocumentJson(execution(world), template?.id ?? '');
    type Footer = { content?: GoogleAppsScript.Docs.Schema.StructuralElement[] };
    const footer = Object.values((doc.footers ?? {}) as Record<string, Footer>)[0];
    const elements: GoogleAppsScript.Docs.Schema.ParagraphElement[] = (
      footer?.content ?? []
    ).flatMap((e) => e.paragraph?.elements ?? []);
    expect(elements.map((e) => e.autoText?.type).filter(Boolean)).toEqual([
      'PAGE_NUMBER',
      'PAGE_COUNT',
    ]);
    expect(elements.map((e) => e.textRun?.content ?? '').join('')).toContain('Page  / ');
  });

  it('number every page of every invoice, "Page n / total"', async () => {
    expect(monthly.error).toBeNull();
    const pdfs = [...world.drive.files.values()].filter(
      (f) => !f.trashed && f.mimeType === 'application/pdf' && /^(FA|AF|AV)-/.test(f.name),
    );
    expect(pdfs.length).toBeGreaterThanOrEqual(9);
    let longest = 0;
    for (const f of pdfs) {
      const pages = await glyphPages(new Uint8Array(f.bytes ?? []));
      longest = Math.max(longest, pages.length);
      pages.forEach((p, i) => {
        expect([f.name, p.lines.map((l) => l.text)]).toEqual([
          f.name,
          expect.arrayContaining([`Page ${i + 1} / ${pages.length}`]),
        ]);
      });
    }
    expect(longest).toBeGreaterThan(1);
  });
});
