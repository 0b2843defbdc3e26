/**
 * The REST waves under the Google APIs' limits, through the bundle in the in-memory Apps Script:
 * a 429 or a 5xx is tried again with exponential backoff; one that lasts leaves the documents
 * to the next run without duplicating any; Docs writes are paced to 60 a minute per user, so
 * that the API never has to refuse one.
 */
import { displayRows, importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { runEntry, type RunResult } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { generatedWorkbook } from '../../tools/local/generated-workbook';
import { bundleCode, demoWorkbook } from './helpers';

const code = bundleCode();

function tab(world: World, name: string): string[][] {
  const ss = world.sheets.active();
  if (!ss) return [];
  return displayRows(ss).find((t) => t.tab === name)?.rows ?? [];
}

function journal(world: World): string[] {
  return tab(world, 'Journal').map((r) => r.join(' | '));
}

/** Register rows with a number, and those of them with both their Doc and their PDF. */
function documents(world: World): { issued: string[]; made: string[] } {
  const register = tab(world, 'Factures');
  const header = register[0] ?? [];
  const doc = header.indexOf('Lien Doc');
  const pdf = header.indexOf('Lien PDF');
  expect(doc).toBeGreaterThan(0);
  expect(pdf).toBeGreaterThan(0);
  const issued = register.slice(1).filter((r) => r[0]);
  return {
    issued: issued.map((r) => r[0] ?? ''),
    made: issued.filter((r) => r[doc] && r[pdf]).map((r) => r[0] ?? ''),
  };
}

/** Docs of each number in Drive, not in the trash: exactly one each. */
function docsPerNumber(world: World, numbers: readonly string[]): number[] {
  return numbers.map(
    (n) =>
      [...world.drive.files.values()].filter(
        (f) => f.doc && f.name.startsWith(`${n} `) && !world.drive.isTrashed(f),
      ).length,
  );
}

function monthly(world: World): RunResult {
  return runEntry(world, code, 'runMonthly', undefined, {
    interactive: false,
    document: true,
    limitMs: null,
  });
}

describe('REST requests the API refuses for a while', () => {
  it('are tried again with backoff: every document is made, none twice, nothing reported', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    world.rest.failNext('docs.documents.batchUpdate', 429, 2);
    world.rest.failNext('drive.files.export', 503, 1);
    world.rest.failNext('drive.files.create', 500, 1);
    const run = monthly(world);
    expect(run.error).toBeNull();
    const { issued, made } = documents(world);
    expect(issued.length).toBeGreaterThan(5);
    expect(made).toEqual(issued);
    expect(docsPerNumber(world, issued).every((n) => n === 1)).toBe(true);
    expect(journal(world).filter((l) => /document non créé|momentanément limité/.test(l))).toEqual(
      [],
    );
    // Two more batchUpdates than documents (the two refused), one more export, one more upload.
    const rest = run.rec.restByEndpoint();
    expect(rest['docs.documents.batchUpdate']).toBe(issued.length + 2);
    expect(rest['drive.files.export']).toBe(issued.length + 1);
    // Waited between the attempts (1 s, then 2 s for the second refusal of the same request).
    expect(run.rec.count('Utilities.sleep')).toBeGreaterThanOrEqual(2);
  });

  it('and refused past every retry: the wave waits for the next run, which makes it once', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    world.rest.failNext('docs.documents.batchUpdate', 429, 1000);
    const first = monthly(world);
    expect(first.error).toBeNull();
    const before = documents(world);
    expect(before.made).toEqual([]);
    expect(journal(world).some((l) => l.includes('Service Google momentanément limité'))).toBe(
      true,
    );

    // The API accepts requests again.
    while (world.rest.takeForced('docs.documents.batchUpdate') !== null);
    world.advanceTo('2026-12-05', '11:00');
    const again = monthly(world);
    expect(again.error).toBeNull();
    const after = documents(world);
    expect(after.made).toEqual(after.issued);
    expect(docsPerNumber(world, after.issued).every((n) => n === 1)).toBe(true);
    // Each invoice emailed once.
    const subjects = world.mail.sent.map((m) => `${m.to.join(',')} ${m.subject}`);
    expect(new Set(subjects).size).toBe(subjects.length);
  });
});

describe('Docs API writes', () => {
  it('stay within 60 a minute per user: none is refused, the run waits instead', () => {
    // No email to send (no mail quota left): the waves follow each other as fast as they can.
    const world = new World({ today: '2026-12-05', mailDailyQuota: 0, docsDailyQuota: 1500 });
    importCsvFolder(generatedWorkbook(140, 1), world);
    const run = monthly(world);
    expect(run.error).toBeNull();
    const { issued, made } = documents(world);
    expect(issued.length).toBeGreaterThan(120);
    expect(made).toEqual(issued);
    // Not one batchUpdate was refused (a 429 would have been sent again)...
    expect(run.rec.restByEndpoint()['docs.documents.batchUpdate']).toBe(issued.length);
    // ...because the run paced them: it waited.
    expect(run.rec.count('Utilities.sleep')).toBeGreaterThan(0);
  });
});

describe('the register written row by row', () => {
  it('puts each document link in its own row, blank rows typed into the register included', () => {
    // The day's Docs quota used up: the numbers are issued, the documents wait.
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500, docsDailyQuota: 0 });
    importCsvFolder(demoWorkbook, world);
    const first = monthly(world);
    expect(first.error).toBeNull();
    expect(documents(world).made).toEqual([]);
    const issued = documents(world).issued;
    expect(issued.length).toBeGreaterThan(5);
    // Someone inserts blank rows between the register's rows.
    const sheet = world.sheets.active()?.sheetByName('Factures');
    if (!sheet) throw new Error('no register');
    sheet.insertRows(4, 2);
    sheet.insertRows(9, 1);

    world.drive.docsDailyQuota = 1500;
    world.advanceTo('2026-12-06', '09:00');
    const again = monthly(world);
    expect(again.error).toBeNull();
    const register = tab(world, 'Factures');
    const header = register[0] ?? [];
    const doc = header.indexOf('Lien Doc');
    const pdf = header.indexOf('Lien PDF');
    const sent = header.indexOf('Envoyée le');
    const names = new Map([...world.drive.files.values()].map((f) => [f.id, f.name]));
    const fileName = (link: string): string =>
      names.get(/\/d\/([\w-]+)/.exec(link)?.[1] ?? '') ?? '';
    const rows = register.slice(1).filter((r) => r[0]);
    expect(rows.map((r) => r[0])).toEqual(issued);
    for (const r of rows) {
      // Each row's links name the row's own number.
      expect(fileName(r[doc] ?? '').startsWith(`${r[0]} `)).toBe(true);
      expect(fileName(r[pdf] ?? '').startsWith(`${r[0]} `)).toBe(true);
      if (sent >= 0 && (r[0] ?? '').startsWith('FA-')) expect(r[sent]).not.toBe('');
    }
    // The blank rows typed are still there: nothing else of the tab was rewritten.
    expect(register.slice(1).some((r) => r.every((v) => v === ''))).toBe(true);
  });
});
