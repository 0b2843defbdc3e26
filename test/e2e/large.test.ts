/**
 * Documents larger than a cell: a description of nearly 50,000 characters, an invoice of a
 * thousand lines, a training session of 500 learners. Sheets holds at most 50,000 characters in a
 * cell; what does not fit goes to the Contenus longs tab and is read back whole.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayRows, importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { containerText } from '../../tools/gas-sim/doc-model';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook, tempDir } from './helpers';

const code = bundleCode();

/** The demo workbook with rows appended to some of its tabs (CSV lines, French locale). */
function worldWith(extra: Record<string, string[]>): World {
  const dir = tempDir('large');
  for (const f of fs.readdirSync(demoWorkbook)) {
    fs.copyFileSync(path.join(demoWorkbook, f), path.join(dir, f));
  }
  for (const [tab, rows] of Object.entries(extra)) {
    fs.appendFileSync(path.join(dir, `${tab}.csv`), rows.map((r) => `${r}\n`).join(''));
  }
  const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
  importCsvFolder(dir, world);
  return world;
}

function monthly(world: World): void {
  const run = runEntry(world, code, 'runMonthly', undefined, {
    interactive: false,
    document: true,
    limitMs: null,
  });
  expect(run.error).toBeNull();
  expect(JSON.stringify(run.result)).not.toContain('Erreur inattendue');
}

function tab(world: World, name: string): string[][] {
  const ss = world.sheets.active();
  return (ss ? displayRows(ss) : []).find((t) => t.tab === name)?.rows ?? [];
}

/** The longest cell of every tab. */
function longestCell(world: World): number {
  const ss = world.sheets.active();
  let max = 0;
  for (const t of ss ? displayRows(ss) : []) {
    for (const r of t.rows) for (const c of r) max = Math.max(max, c.length);
  }
  return max;
}

function docText(world: World, number: string): string {
  const f = [...world.drive.files.values()].find((x) => x.doc && x.name.startsWith(number));
  if (!f?.doc) throw new Error(`no Doc for ${number}`);
  return containerText(f.doc.body);
}

const registerRow = (world: World, draftPrefix: string): string[] => {
  const row = tab(world, 'Factures').find((r) => (r[1] ?? '').startsWith(draftPrefix));
  if (!row) throw new Error(`no register row for ${draftPrefix}`);
  return row;
};

describe('a description of 50,000 characters (as much as its cell holds)', () => {
  const long = `Audit détaillé ${'x'.repeat(50_000 - 15)}`;
  const world = worldWith({
    Prestations: [`,12/11/2026,BRIOCHE,,Plan 2027,"${long}",1,forfait,100,,20 %,forfait,`],
  });
  monthly(world);

  it('is issued whole: on its invoice, its Lignes row and the register copy', () => {
    const row = registerRow(world, 'extra-lines:BRIOCHE');
    const number = row[0] ?? '';
    expect(number).toMatch(/^FA-2026-\d{5}$/);
    expect(row[4]).toBe('envoyée');
    expect(docText(world, number)).toContain(long);
    const overflow = tab(world, 'Contenus longs');
    expect(overflow.length).toBeGreaterThan(2);
    expect(overflow.slice(1).map((r) => r[0])).toEqual(
      expect.arrayContaining(['invoices', 'invoice-lines']),
    );
  });

  it('leaves no cell over 50,000 characters in any tab', () => {
    expect(longestCell(world)).toBeLessThanOrEqual(50_000);
  });

  it('is read back whole by the next runs: nothing billed again, no part written twice', () => {
    const before = tab(world, 'Contenus longs').length;
    const issued = tab(world, 'Factures').filter((r) => r[0]).length;
    world.advanceTo('2026-12-06');
    monthly(world);
    world.advanceTo('2026-12-07');
    const daily = runEntry(world, code, 'menuIssue', undefined, {});
    expect(daily.error).toBeNull();
    expect(tab(world, 'Factures').filter((r) => r[0])).toHaveLength(issued);
    expect(tab(world, 'Contenus longs')).toHaveLength(before);
    const journal = tab(world, 'Journal').map((r) => r.join(' | '));
    expect(journal.some((l) => /illisible|introuvable/.test(l))).toBe(false);
  });

  it('a Contenus longs tab cut short stops issuing with a clear line, never a number twice', () => {
    const ss = world.sheets.active();
    const sheet = ss?.sheetByName('Contenus longs');
    if (!sheet) throw new Error('no Contenus longs tab');
    // Its parts deleted by hand (the rows cleared).
    for (let r = 2; r <= sheet.lastRow(); r++) {
      for (let c = 1; c <= 4; c++) sheet.ensureCell(r, c).v = '';
    }
    const issued = tab(world, 'Factures').filter((r) => r[0]).length;
    world.advanceTo('2027-01-05');
    monthly(world);
    const journal = tab(world, 'Journal').map((r) => r.join(' | '));
    expect(
      journal.some((l) => l.includes('introuvable dans l’onglet «\u00a0Contenus longs\u00a0»')),
    ).toBe(true);
    expect(tab(world, 'Factures').filter((r) => r[0])).toHaveLength(issued);
  });
});

describe('an invoice of 1,000 lines', () => {
  const rows = Array.from(
    { length: 1000 },
    (_, i) => `,12/11/2026,BRIOCHE,,,Ligne ${i + 1} du mois,1,forfait,"10,50",,20 %,forfait,`,
  );
  const world = worldWith({ Prestations: rows });
  monthly(world);

  it('is issued with every line on its invoice, in Lignes and in its total', () => {
    const row = registerRow(world, 'extra-lines:BRIOCHE');
    const number = row[0] ?? '';
    expect(row[4]).toBe('envoyée');
    const lines = tab(world, 'Lignes').filter((r) => r[0] === number);
    expect(lines.filter((r) => /^Ligne \d+ du mois$/.test(r[4] ?? ''))).toHaveLength(1000);
    const text = docText(world, number);
    expect(text).toContain('Ligne 1 du mois');
    expect(text).toContain('Ligne 1000 du mois');
    const pdf = [...world.drive.files.values()].find(
      (f) => f.name.startsWith(number) && f.mimeType === 'application/pdf',
    );
    expect(pdf).toBeDefined();
    expect(world.mail.sent.some((m) => m.subject.includes(number))).toBe(true);
    expect(longestCell(world)).toBeLessThanOrEqual(50_000);
  });
});

describe('a training session of 500 learners', () => {
  const rows = Array.from(
    { length: 500 },
    (_, i) => `,FORM-2611-EXCEL,Apprenant ${i + 1},BRIOCHE,,apprenant,1,"1 290,00",,,,`,
  );
  const world = worldWith({ Inscriptions: rows });
  monthly(world);

  it('is issued: one invoice to the sponsor with a line per learner', () => {
    const row = registerRow(world, 'training:session:FORM-2611-EXCEL:BRIOCHE');
    const number = row[0] ?? '';
    expect(row[4]).toBe('envoyée');
    const lines = tab(world, 'Lignes').filter((r) => r[0] === number);
    expect(lines.length).toBeGreaterThanOrEqual(500);
    expect(docText(world, number)).toContain('Apprenant 500');
    expect(longestCell(world)).toBeLessThanOrEqual(50_000);
  });
});
