/**
 * The fault suite's scenarios: a workbook, the monthly job run once without faults (the
 * reference), then the same start with one fault at one call, resumed as a user or the hourly
 * trigger would until the job says it is finished, and compared with the reference.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LIMIT_PROPERTY } from '../../src/app/time-budget';
import { readAddonState, writeAddonState } from '../gas-sim/addon-state';
import { importCsvFolder } from '../gas-sim/csv-workbook';
import { exportOptions } from '../gas-sim/drive-files';
import { Recorder, TIME_LIMIT_MESSAGE } from '../gas-sim/recorder';
import { fireTrigger, runEntry, type RunResult } from '../gas-sim/vm-loader';
import { World, type WorldJson } from '../gas-sim/world';
import { normalize, compare, type Snapshot } from './normalize';

const root = path.resolve(__dirname, '..', '..');
export const demoWorkbook = path.join(root, 'sheets-templates', 'demo');

/** The four faults, as the services raise them. */
export const FAULTS = {
  kill: { kind: 'kill', message: 'Execution killed' },
  timeLimit: { kind: 'kill', message: TIME_LIMIT_MESSAGE },
  mailQuota: { kind: 'throw', message: 'Service invoked too many times for one day: email.' },
  sheetsError: { kind: 'throw', message: 'Service error: Spreadsheets' },
  // The day's quota used up after k more Docs (or k more email recipients): every later one
  // that day is refused by the service itself; the next day the quota is whole again.
  docsDay: { kind: 'quota', message: 'Service invoked too many times for one day: docs create.' },
  mailDay: { kind: 'quota', message: 'Service invoked too many times for one day: email.' },
} as const;
/** The faults tried at every call index; the quota faults are tried at every Doc or recipient. */
export const CALL_FAULTS = ['kill', 'timeLimit', 'mailQuota', 'sheetsError'] as const;
export const QUOTA_FAULTS = ['docsDay', 'mailDay'] as const;
export type FaultName = keyof typeof FAULTS;

/**
 * The demo workbook with every kind of document the monthly job makes on top of the demo's:
 * a deposit invoice, training financed per sponsor by a second financer, a description too long
 * for the register's copy to fit in one cell.
 */
export function everyKindWorkbook(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facturier-every-kind-'));
  for (const f of fs.readdirSync(demoWorkbook)) {
    fs.copyFileSync(path.join(demoWorkbook, f), path.join(dir, f));
  }
  fs.appendFileSync(
    path.join(dir, 'Prestations.csv'),
    ',25/11/2026,NEXUM,,Déploiement WMS,Acompte de 30 % à la commande,1,forfait,"3 600,00",,20 %,forfait,acompte\n',
  );
  // A description as long as a cell holds: its register copy and Lignes row do not fit in one.
  fs.appendFileSync(
    path.join(dir, 'Prestations.csv'),
    `,20/11/2026,NEXUM,,Déploiement WMS,"Cahier des charges ${'x'.repeat(50_000 - 19)}",1,forfait,"900,00",,20 %,forfait,\n`,
  );
  fs.appendFileSync(
    path.join(dir, 'Inscriptions.csv'),
    ',FORM-2611-EXCEL,Léo Martin,NEXUM,FT,jour,3,"420,00",,50 %,,\n',
  );
  return dir;
}

export interface Scenario {
  name: string;
  workbook: string;
}

export interface Reference {
  json: string;
  calls: number;
  /** Docs created and email recipients on the first day by the uninterrupted run. */
  docs: number;
  recipients: number;
  snapshot: Snapshot;
}

const FIRST_DAY = '2026-12-05';
const FULL_QUOTA = { docs: 1500, mail: 1500 };

/** Every run of the suite is unlimited in time (the faults are what stops them). */
function prepare(world: World): void {
  writeAddonState(world, (s) => {
    s[LIMIT_PROPERTY] = '0';
  });
}

/**
 * The workbook as the user leaves it before the month's job: set up (_Configurer le classeur_:
 * tabs, settings, folder and invoice template) and the hourly run scheduled, as in real use.
 * `setUp` false: the bare workbook, the start of the set-up scenario, which stops set-up itself
 * at each of its calls (see `runSetupCase`).
 */
export function startWorld(workbook: string, code: string, setUp = true): string {
  exportOptions.standInPdf = true;
  const world = new World({
    today: FIRST_DAY,
    mailDailyQuota: FULL_QUOTA.mail,
    docsDailyQuota: FULL_QUOTA.docs,
    seed: 'faults',
  });
  importCsvFolder(workbook, world);
  if (!setUp) {
    prepare(world);
    return JSON.stringify(world.toJSON());
  }
  const setup = runEntry(world, code, 'menuSetup');
  if (setup.error) throw setup.error;
  // The user scheduled the hourly run beforehand, as in real use.
  const scheduled = runEntry(world, code, 'menuSchedule');
  if (scheduled.error) throw scheduled.error;
  prepare(world);
  return JSON.stringify(world.toJSON());
}

/** Who starts and resumes: the user (menu), the hourly trigger, or set-up run again by the user. */
export type Starter = 'user' | 'trigger' | 'setup';

function first(world: World, code: string, starter: Starter, rec?: Recorder): RunResult {
  const opts = { limitMs: null, ...(rec ? { recorder: rec } : {}) };
  return starter === 'trigger'
    ? fireTrigger(world, code, undefined, opts)
    : runEntry(world, code, 'runMonthly', undefined, {
        ...opts,
        interactive: false,
        document: true,
      });
}

function finished(world: World): boolean {
  const s = readAddonState(world);
  const job = JSON.parse(s['job:monthly'] ?? 'null') as { finishedOn: string | null } | null;
  return job !== null && job.finishedOn !== null && s['job:pending'] === undefined;
}

/**
 * After the faulted run: the user clicks again the same day (up to three times, ten minutes
 * apart), then the hourly trigger goes on the next day. Returns the runs it took.
 */
function resume(world: World, code: string, starter: Starter): number {
  let runs = 0;
  const nextDay = (): void => {
    world.drive.docsDailyQuota = FULL_QUOTA.docs;
    world.mail.dailyQuota = FULL_QUOTA.mail;
  };
  for (let i = 1; i <= 3 && !finished(world); i++) {
    world.advanceTo('2026-12-05', `${String(9 + i).padStart(2, '0')}:00`);
    const r =
      starter === 'trigger'
        ? fireTrigger(world, code, undefined, { limitMs: null })
        : runEntry(world, code, 'runMonthly', undefined, {
            interactive: false,
            document: true,
            limitMs: null,
          });
    runs += 1;
    if (r.error && !r.killed) throw r.error;
  }
  nextDay();
  for (let h = 8; h < 12 && !finished(world); h++) {
    world.advanceTo('2026-12-06', `${String(h).padStart(2, '0')}:00`);
    fireTrigger(world, code, undefined, { limitMs: null });
    runs += 1;
  }
  return runs;
}

export function reference(startJson: string, code: string, starter: Starter = 'user'): Reference {
  const world = World.fromJSON(JSON.parse(startJson) as WorldJson);
  world.sheetView.tracking = false;
  const docsBefore = world.drive.docsCreated[FIRST_DAY] ?? 0;
  const mailBefore = world.mail.usedOn(FIRST_DAY);
  const run = first(world, code, starter);
  if (run.error) throw run.error;
  if (!finished(world)) throw new Error('the reference run did not finish the job');
  const docs = (world.drive.docsCreated[FIRST_DAY] ?? 0) - docsBefore;
  const recipients = world.mail.usedOn(FIRST_DAY) - mailBefore;
  // The same resumption as a faulted case, so that both end on the same day and hour.
  resume(world, code, starter);
  return {
    json: startJson,
    calls: run.rec.total(),
    docs,
    recipients,
    snapshot: normalize(world),
  };
}

export interface CaseResult {
  k: number;
  fault: FaultName;
  starter: Starter;
  ok: boolean;
  flagged: number;
  runs: number;
  diffs: string[];
}

export function runCase(
  ref: Reference,
  code: string,
  k: number,
  fault: FaultName,
  starter: Starter = 'user',
): CaseResult {
  const world = World.fromJSON(JSON.parse(ref.json) as WorldJson);
  // Its executions run one after the other: no pending writes to keep apart.
  world.sheetView.tracking = false;
  const rec = new Recorder(undefined, null);
  const f = FAULTS[fault];
  if (f.kind === 'kill') rec.killAt(k, f.message);
  else if (f.kind === 'throw') rec.failAt(k, f.message);
  else if (fault === 'docsDay') {
    world.drive.docsDailyQuota = (world.drive.docsCreated[FIRST_DAY] ?? 0) + k;
  } else world.mail.dailyQuota = world.mail.usedOn(FIRST_DAY) + k;
  let runs = 1;
  let diffs: string[];
  let flagged = 0;
  try {
    const r = first(world, code, starter, rec);
    if (r.error && !r.killed && f.kind !== 'throw') throw r.error;
    runs += resume(world, code, starter);
    // What the quota put off to the next day is dated that day.
    const outcome = compare(ref.snapshot, normalize(world), f.kind === 'quota');
    diffs = finished(world) ? outcome.diffs : ['the job never finished', ...outcome.diffs];
    flagged = outcome.flagged;
  } catch (e) {
    diffs = [`crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`];
  }
  return { k, fault, starter, ok: diffs.length === 0, flagged, runs, diffs };
}

/** Set-up run once on the bare workbook, uninterrupted: what every set-up case must end as. */
export function setupReference(startJson: string, code: string): Reference {
  const world = World.fromJSON(JSON.parse(startJson) as WorldJson);
  world.sheetView.tracking = false;
  const run = runEntry(world, code, 'menuSetup');
  if (run.error) throw run.error;
  return {
    json: startJson,
    calls: run.rec.total(),
    docs: 0,
    recipients: 0,
    snapshot: normalize(world),
  };
}

/**
 * Set-up stopped (or failed) at its k-th call, then chosen again from the menu, up to three
 * times, until it ends without error: the same tabs, settings, folder and one whole template as
 * an uninterrupted set-up, and no half-made template left.
 */
export function runSetupCase(
  ref: Reference,
  code: string,
  k: number,
  fault: FaultName,
): CaseResult {
  const world = World.fromJSON(JSON.parse(ref.json) as WorldJson);
  world.sheetView.tracking = false;
  const rec = new Recorder(undefined, null);
  const f = FAULTS[fault];
  if (f.kind === 'kill') rec.killAt(k, f.message);
  else rec.failAt(k, f.message);
  let runs = 1;
  let diffs: string[];
  try {
    runEntry(world, code, 'menuSetup', undefined, { recorder: rec });
    let done = false;
    for (let i = 1; i <= 3 && !done; i++) {
      world.advanceTo(FIRST_DAY, `${String(9 + i).padStart(2, '0')}:00`);
      const r = runEntry(world, code, 'menuSetup');
      runs += 1;
      done = r.error === null;
    }
    diffs = compare(ref.snapshot, normalize(world)).diffs;
    if (!done) diffs = ['set-up never ended without error', ...diffs];
  } catch (e) {
    diffs = [`crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`];
  }
  return { k, fault, starter: 'setup', ok: diffs.length === 0, flagged: 0, runs, diffs };
}
