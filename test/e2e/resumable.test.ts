/**
 * A monthly job too long for one 6-minute execution: the dispatcher installed from the menu runs
 * every hour, each run stops cleanly before the limit, the next one continues, and the end state
 * is the one a single unlimited run reaches.
 */
import { displayRows, importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { writeAddonState } from '../../tools/gas-sim/addon-state';
import { fireTrigger, runEntry, type RunResult } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { generatedWorkbook } from '../../tools/local/generated-workbook';
import { LIMIT_PROPERTY } from '../../src/app/time-budget';
import { bundleCode } from './helpers';

const SIX_MINUTES = 360_000;

interface Outcome {
  counts: Record<string, number>;
  message: string;
}

function outcomeOf(r: RunResult): Outcome {
  return r.result as Outcome;
}

function newWorld(dir: string): World {
  const world = new World({
    today: '2026-12-05',
    mailDailyQuota: 1500,
    docsDailyQuota: 1500,
    seed: 'resumable',
  });
  importCsvFolder(dir, world);
  return world;
}

/** Every tab but the Journal, with what may differ between runs made neutral. */
function tabs(world: World): Record<string, string[][]> {
  const ss = world.sheets.active();
  if (!ss) throw new Error('no active spreadsheet');
  const names = new Map<string, string>();
  for (const f of world.drive.files.values()) names.set(f.id, f.name);
  const neutral = (v: string): string =>
    v
      // Row IDs start with the run's prefix.
      .replace(/\b[0-9a-f]{12}-/g, '<run>-')
      // Timestamps keep their day: the runs happen at different hours of the same day.
      .replace(/(\d{2}\/\d{2}\/\d{4}) \d{2}:\d{2}(:\d{2})?/g, '$1')
      // Links point at files by id: compare the files' names.
      .replace(/\/d\/([\w-]+)/g, (_m, id: string) => `/d/<${names.get(id) ?? id}>`);
  const out: Record<string, string[][]> = {};
  for (const { tab, rows } of displayRows(ss)) {
    if (tab === 'Journal') continue;
    out[tab] = rows.map((r) => r.map(neutral));
  }
  return out;
}

function driveFiles(world: World): string[] {
  return [...world.drive.files.values()]
    .filter((f) => !f.trashed)
    .map(
      (f) =>
        `${f.name} ${f.mimeType} ${f.doc ? JSON.stringify(f.doc).length : (f.bytes?.length ?? 0) > 0}`,
    )
    .sort();
}

function mails(world: World): string[] {
  return world.mail.sent
    .map((m) => `${m.to.join(',')} | ${m.subject} | ${m.attachments.map((a) => a.name).join(',')}`)
    .sort();
}

describe('a monthly job longer than one execution', () => {
  const code = bundleCode();
  // 429 invoices: more than two 6-minute executions.
  const workbook = generatedWorkbook(420, 3);
  const runs: RunResult[] = [];
  let multi: World;
  let single: World;
  let singleRun: RunResult;

  beforeAll(() => {
    single = newWorld(workbook);
    writeAddonState(single, (state) => {
      state[LIMIT_PROPERTY] = '0';
    });
    singleRun = runEntry(single, code, 'runMonthly', undefined, {
      limitMs: null,
      interactive: false,
      document: true,
    });

    multi = newWorld(workbook);
    const scheduled = runEntry(multi, code, 'menuSchedule');
    expect(scheduled.error).toBeNull();
    expect(multi.triggers).toHaveLength(1);
    const trigger = multi.triggers[0]?.id ?? '';
    // The hourly trigger, as Apps Script fires it: 08:00, 09:00, ... of the billing-call day.
    for (let hour = 8; hour < 20; hour++) {
      multi.advanceTo('2026-12-05', `${String(hour).padStart(2, '0')}:00`);
      const run = fireTrigger(multi, code, trigger);
      runs.push(run);
      if (outcomeOf(run).counts['finished'] === 1) break;
    }
  });

  it('needs one unlimited run of more than 6 minutes (simulated)', () => {
    expect(singleRun.error).toBeNull();
    expect(singleRun.rec.simulatedMs).toBeGreaterThan(2 * SIX_MINUTES);
    expect(outcomeOf(singleRun).counts['issued']).toBe(429);
  });

  it('takes several executions, each stopping cleanly before the 6-minute limit', () => {
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const run of runs) {
      expect(run.killed).toBe(false);
      expect(run.error).toBeNull();
      expect(run.rec.simulatedMs).toBeLessThan(SIX_MINUTES);
    }
    const stopped = runs.slice(0, -1).map((r) => outcomeOf(r));
    for (const o of stopped) {
      expect(o.counts['stopped']).toBe(1);
      expect(o.message).toContain('arrêt propre');
    }
    expect(outcomeOf(runs[0] as RunResult).counts['issued']).toBe(429);
    const documents = runs.map((r) => outcomeOf(r).counts['documents'] ?? 0);
    expect(documents.reduce((a, b) => a + b, 0)).toBe(429);
    expect(outcomeOf(runs[runs.length - 1] as RunResult).message).toContain(
      `Facturation du mois terminée en ${runs.length} exécutions`,
    );
  });

  it('ends with the same tabs, files and emails as the single run', () => {
    expect(tabs(multi)).toEqual(tabs(single));
    expect(driveFiles(multi)).toEqual(driveFiles(single));
    const sent = mails(multi);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toEqual(mails(single));
  });

  it('then has nothing left to do that day', () => {
    const before = multi.mail.sent.length;
    multi.advanceTo('2026-12-05', '21:00');
    const idle = fireTrigger(multi, code);
    expect(outcomeOf(idle).message).toContain('Rien à faire');
    expect(idle.rec.total()).toBeLessThan(40);
    expect(multi.mail.sent.length).toBe(before);
  });
});
