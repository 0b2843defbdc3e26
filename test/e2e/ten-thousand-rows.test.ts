/**
 * Reading a tab costs one getValues and giving its rows IDs one setValues, whatever its number of
 * rows: a 10,000-row Prestations tab in the in-memory Apps Script, read by the product's own read
 * path (RunContext over the Apps Script workbook adapter) and by the built bundle's monthly job.
 * Calls are told apart by the number of cells they move, which the recorder is given for each.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Ports } from '../../src/app/ports';
import { RunContext } from '../../src/app/run-context';
import { GasWorkbook } from '../../src/gas/workbook';
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { Execution } from '../../tools/gas-sim/execution';
import { Recorder } from '../../tools/gas-sim/recorder';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook, tempDir } from './helpers';

const WIDTH = 13; // columns of the Prestations tab

interface Call {
  key: string;
  cells: number;
  rows: number;
}

/** A recorder that also keeps, for each call, how many cells it moved. */
class SizingRecorder extends Recorder {
  readonly calls: Call[] = [];

  override call(className: string, method: string, args: readonly unknown[], cells = 0): void {
    const data = args[0];
    const rows = Array.isArray(data) ? data.length : 0;
    this.calls.push({ key: `${className}.${method}`, cells, rows });
    super.call(className, method, args, cells);
  }

  override count(key: string, minCells = 0): number {
    return this.calls.filter((c) => c.key === key && c.cells >= minCells).length;
  }
}

/** A workbook folder: the demo's settings and clients, and `n` extra lines. */
function workbook(n: number, client: string): string {
  const dir = tempDir(`rows-${n}`);
  for (const f of ['Paramètres.csv', 'Clients.csv'])
    fs.copyFileSync(path.join(demoWorkbook, f), path.join(dir, f));
  const lines = [
    'ID,Date,Client,Intervenant,Projet,Désignation,Quantité,Unité,Prix unitaire HT,Remise %,Taux TVA,Nature,Étape',
  ];
  for (let i = 0; i < n; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      `,${day}/11/2026,${client},,Projet ${i % 17},Ligne ${i + 1},"${(i % 9) + 1},5",jours,"${100 + (i % 50)},25",,20 %,jours,`,
    );
  }
  fs.writeFileSync(path.join(dir, 'Prestations.csv'), `${lines.join('\n')}\n`);
  return dir;
}

function unused(): never {
  throw new Error('not used by this test');
}

function ports(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Ports {
  let n = 0;
  return {
    workbook: new GasWorkbook(ss),
    drive: { ensureFolder: unused, folderExists: unused, fileExists: unused, findFile: unused },
    docs: {
      createTemplate: unused,
      templatePlaceholders: unused,
      renderBatch: unused,
      shareWith: unused,
    },
    mail: { remainingQuota: unused, send: unused },
    store: { get: () => null, set: unused, remove: unused, keys: () => [] },
    lock: { tryLock: () => true, release: () => undefined },
    triggers: { list: unused, createHourly: unused, remove: unused },
    clock: { now: () => new Date(Date.UTC(2026, 11, 5, 7)), startMs: Date.UTC(2026, 11, 5, 7) },
    ui: { interactive: false, alert: unused, confirm: unused, menu: unused, sidebar: unused },
    newId: () => `row-${String(++n).padStart(5, '0')}`,
    log: () => undefined,
  } as unknown as Ports;
}

/** One execution of the product's read path over the world: read the tab, write its IDs. */
function readOnce(world: World): { rec: SizingRecorder; records: number; problems: number } {
  const rec = new SizingRecorder(undefined, null);
  const execution = new Execution(world, { recorder: rec });
  const app = execution.globals()['SpreadsheetApp'] as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const ctx = new RunContext(ports(app.getActiveSpreadsheet()), 'test');
  const read = ctx.tab('extra-lines');
  ctx.flushIds();
  execution.finish();
  return { rec, records: read?.records.length ?? 0, problems: ctx.problems.length };
}

function idColumn(world: World): string[] {
  const app = new Execution(world).globals()[
    'SpreadsheetApp'
  ] as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const sh = app.getActiveSpreadsheet().getSheetByName('Prestations');
  return (sh?.getRange(2, 1, sh.getLastRow() - 1, 1).getValues() ?? []).map((r) => String(r[0]));
}

describe('a 10,000-row tab through the read path', () => {
  const N = 10_000;
  const world = new World({ today: '2026-12-05' });
  importCsvFolder(workbook(N, 'BRIOCHE'), world);

  it('is read with one getValues and its IDs written with one setValues', () => {
    const first = readOnce(world);
    expect(first.records).toBe(N);
    expect(first.problems).toBe(0);
    // One full read of the 10,000-row tab (the other getValues is the Settings tab).
    expect(first.rec.count('Range.getValues', N * WIDTH)).toBe(1);
    expect(first.rec.count('Range.getValues')).toBe(2);
    // One write of the ID column: 10,000 rows × 1 column, and no other write.
    const writes = first.rec.calls.filter((c) => c.key === 'Range.setValues');
    expect(writes.map((w) => [w.rows, w.cells])).toEqual([[N, N]]);
    const ids = idColumn(world);
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);

    // The next run finds every ID in place: the same single read, no write at all.
    const second = readOnce(world);
    expect(second.rec.count('Range.getValues', N * WIDTH)).toBe(1);
    expect(second.rec.count('Range.setValues')).toBe(0);
    expect(idColumn(world)).toEqual(ids);
  });

  it('makes the same calls for 10 rows as for 10,000', () => {
    const small = new World({ today: '2026-12-05' });
    importCsvFolder(workbook(10, 'BRIOCHE'), small);
    const big = new World({ today: '2026-12-05' });
    importCsvFolder(workbook(N, 'BRIOCHE'), big);
    expect(readOnce(small).rec.byService()).toEqual(readOnce(big).rec.byService());
  });
});

describe('a 10,000-row tab through the monthly job of dist/Code.js', () => {
  const N = 10_000;
  const code = bundleCode();

  function monthly(n: number) {
    const world = new World({ today: '2026-12-05' });
    // An unknown client: every line is read and reported, none billed (no 10,000-line invoice).
    importCsvFolder(workbook(n, 'ZZINCONNU'), world);
    const rec = new SizingRecorder(undefined, null);
    const run = runEntry(world, code, 'runMonthly', undefined, {
      recorder: rec,
      interactive: false,
      document: true,
    });
    expect(run.error).toBeNull();
    return { rec, world };
  }

  const big = monthly(N);
  const fullReads = big.rec.count('Range.getValues', N * WIDTH);
  const idWrites = big.rec.calls.filter(
    (c) => c.key === 'Range.setValues' && c.rows === N && c.cells === N,
  );

  it('writes the 10,000 IDs in one setValues and every problem in one Journal write', () => {
    expect(idWrites).toHaveLength(1);
    const journal = big.rec.calls.filter((c) => c.key === 'Range.setValues' && c.rows > N);
    expect(journal).toHaveLength(1);
  });

  const small = monthly(10);

  it('makes as many reads and writes for 10 rows as for 10,000', () => {
    // The grid differs: 10,000 Journal rows need the sheet to grow (insertRowsAfter).
    for (const key of ['Range.getValues', 'Range.setValues', 'Sheet.getDataRange'])
      expect([key, small.rec.count(key)]).toEqual([key, big.rec.count(key)]);
  });

  // New IDs are made in the script from one UUID per run: no call per row.
  it('makes no Apps Script call per row', () => {
    expect(big.rec.total() - small.rec.total()).toBeLessThan(10);
  });

  // Set-up, which the monthly job runs first, reads headers only; billing reads the tab once.
  it('reads the 10,000-row tab whole only once', () => {
    expect(fullReads).toBe(1);
  });
});
