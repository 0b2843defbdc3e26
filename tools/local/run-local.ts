/**
 * One local run: build a world (from CSV files or an earlier run's state), call one entry point
 * of dist/Code.js in the in-memory Apps Script, and write the out/ folder of SPEC §7.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportCsvFolder, importCsvFolder } from '../gas-sim/csv-workbook';
import { writeDriveTree } from '../gas-sim/drive';
import { toEml } from '../gas-sim/eml';
import { writeAddonState } from '../gas-sim/addon-state';
import { typeCell, typeRow } from '../gas-sim/typing';
import { fireTrigger, runEntry } from '../gas-sim/vm-loader';
import { World } from '../gas-sim/world';
import { LIMIT_PROPERTY } from '../../src/app/time-budget';

export class LocalRunError extends Error {}

/** Runner action → bundle entry point, named as the menu's. */
export const ACTIONS: Readonly<
  Record<string, { entry: string; interactive: boolean; document?: boolean }>
> = {
  setup: { entry: 'menuSetup', interactive: true },
  preview: { entry: 'menuPreview', interactive: true },
  generate: { entry: 'menuGenerate', interactive: true },
  issue: { entry: 'menuIssue', interactive: true },
  'billing-calls': { entry: 'menuBillingCalls', interactive: true },
  'record-payment': { entry: 'menuRecordPayment', interactive: true },
  'credit-note': { entry: 'menuCreditNote', interactive: true },
  'debit-note': { entry: 'menuDebitNote', interactive: true },
  'apply-credit': { entry: 'menuApplyCredit', interactive: true },
  'bill-session': { entry: 'menuBillSession', interactive: true },
  'write-off': { entry: 'menuWriteOff', interactive: true },
  receive: { entry: 'menuReceive', interactive: true },
  refresh: { entry: 'menuRefresh', interactive: true },
  remind: { entry: 'menuRemind', interactive: true },
  entries: { entry: 'menuEntries', interactive: true },
  transfers: { entry: 'menuTransfers', interactive: true },
  bpf: { entry: 'menuBpf', interactive: true },
  schedule: { entry: 'menuSchedule', interactive: true },
  unschedule: { entry: 'menuUnschedule', interactive: true },
  settings: { entry: 'menuSettings', interactive: true },
  help: { entry: 'menuHelp', interactive: true },
  diagnostic: { entry: 'menuDiagnostic', interactive: true },
  authorize: { entry: 'menuAuthorize', interactive: true },
  // The hourly trigger: its event, and no containing document unless --trigger-document.
  dispatch: { entry: 'dispatch', interactive: false },
  // The monthly job whatever the day, as run from the workbook (it has its document).
  monthly: { entry: 'runMonthly', interactive: false, document: true },
};

export interface LocalRunOptions {
  action: string;
  workbook?: string;
  from?: string;
  out: string;
  today: string;
  time?: string;
  mailQuota?: number;
  noLimit?: boolean;
  bundle?: string;
  /** The trigger's run sees the workbook as its active document (default: it does not). */
  triggerDocument?: boolean;
  /**
   * A dialog's form, as the dialog would post it (record-payment, credit-note, write-off):
   * the run calls the form's server function instead of opening the dialog.
   */
  form?: Record<string, string>;
  /**
   * `receive`: a folder whose files are given to the import dialog, as the user would choose
   * them on their computer (posted as the dialog posts them).
   */
  inbox?: string;
  /** What the user types in the workbook before the run (rows added, cells changed). */
  typed?: readonly Typing[];
}

/**
 * A user's typing before a run: a new row (`row`: column header → text) in the first empty row
 * of `tab`, or one cell (`header`) of the row whose cells show `where`.
 */
export type Typing =
  | { tab: string; row: Record<string, string> }
  | { tab: string; where: Record<string, string>; header: string; text: string };

/** The server function each dialog posts its form to. */
const FORM_ENTRIES: Readonly<Record<string, string>> = {
  'record-payment': 'submitPayment',
  'credit-note': 'submitCreditNote',
  'debit-note': 'submitDebitNote',
  'apply-credit': 'submitApplyCredit',
  'bill-session': 'submitBillSession',
  'write-off': 'submitWriteOff',
  receive: 'submitReceive',
  entries: 'submitEntries',
  transfers: 'submitTransfers',
  bpf: 'submitBpf',
};

export interface LocalRunSummary {
  exitCode: number;
  text: string;
  report: RunReport;
}

export interface RunReport {
  action: string;
  entry: string;
  today: string;
  calls: Record<string, Record<string, number>>;
  /** Google REST requests made through UrlFetchApp, by endpoint ('docs.documents.get'). */
  rest: Record<string, number>;
  totalCalls: number;
  simulatedMs: number;
  killed: boolean;
  error: string | null;
  anomalies: number;
  outcome: unknown;
  files: { workbook: string[]; drive: string[]; mail: string[] };
}

const STATE_FILE = 'state.json';
const bundlePath = path.resolve(__dirname, '..', '..', 'dist', 'Code.js');

function checkDate(today: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== today) {
    throw new LocalRunError(`--today must be a calendar date YYYY-MM-DD, got "${today}"`);
  }
}

function loadWorld(opts: LocalRunOptions): World {
  const startTime = opts.time ?? '08:00';
  if (opts.from) {
    const file = path.join(opts.from, STATE_FILE);
    if (!fs.existsSync(file))
      throw new LocalRunError(`no earlier run in ${opts.from} (missing ${STATE_FILE})`);
    const world = World.fromJSON(JSON.parse(fs.readFileSync(file, 'utf8')), {
      today: opts.today,
      startTime,
    });
    return world;
  }
  const dir = opts.workbook ?? '';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new LocalRunError(`workbook folder not found: ${dir}`);
  }
  const csvs = fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.csv'));
  // An empty folder is a new spreadsheet (one blank tab): what set-up starts from.
  if (csvs.length === 0 && opts.action !== 'setup') {
    throw new LocalRunError(
      `no .csv file in workbook folder ${dir} (run setup first to create the tabs)`,
    );
  }
  const world = new World({
    today: opts.today,
    startTime,
    ...(opts.mailQuota !== undefined ? { mailDailyQuota: opts.mailQuota } : {}),
  });
  importCsvFolder(dir, world);
  return world;
}

export async function runLocal(opts: LocalRunOptions): Promise<LocalRunSummary> {
  const spec = ACTIONS[opts.action];
  if (!spec)
    throw new LocalRunError(
      `unknown action "${opts.action}"; actions: ${Object.keys(ACTIONS).join(', ')}`,
    );
  checkDate(opts.today);
  const bundle = opts.bundle ?? bundlePath;
  if (!fs.existsSync(bundle))
    throw new LocalRunError(`${bundle} not found: run npm run build first`);
  const world = loadWorld(opts);
  for (const t of opts.typed ?? []) {
    if ('row' in t) typeRow(world, t.tab, t.row);
    else typeCell(world, t.tab, t.where, t.header, t.text);
  }
  if (opts.mailQuota !== undefined && opts.from) world.mail.dailyQuota = opts.mailQuota;
  if (opts.triggerDocument !== undefined) world.triggersHaveDocument = opts.triggerDocument;
  // Without a limit in the simulated execution, the bundle must not plan for one either.
  writeAddonState(world, (state) => {
    if (opts.noLimit) state[LIMIT_PROPERTY] = '0';
    else if (state[LIMIT_PROPERTY] === '0') delete state[LIMIT_PROPERTY];
  });
  const mailBefore = world.mail.sent.length;
  const code = fs.readFileSync(bundle, 'utf8');
  let entry = spec.entry;
  if (opts.inbox !== undefined) {
    if (opts.action !== 'receive') throw new LocalRunError('--inbox applies to receive');
    if (!fs.existsSync(opts.inbox) || !fs.statSync(opts.inbox).isDirectory()) {
      throw new LocalRunError(`inbox folder not found: ${opts.inbox}`);
    }
    const files = fs
      .readdirSync(opts.inbox)
      .filter((f) => /\.(pdf|xml)$/i.test(f))
      .sort()
      .map((f) => ({
        name: f,
        base64: fs.readFileSync(path.join(opts.inbox ?? '', f)).toString('base64'),
      }));
    opts.form = { ...(opts.form ?? {}), files: JSON.stringify(files) };
  }
  if (opts.form) {
    const submit = FORM_ENTRIES[opts.action];
    if (!submit)
      throw new LocalRunError(`--form applies to ${Object.keys(FORM_ENTRIES).join(', ')}`);
    entry = submit;
  }
  const execution = {
    interactive: spec.interactive,
    limitMs: opts.noLimit ? null : undefined,
    ...(spec.document !== undefined ? { document: spec.document } : {}),
  };
  // The trigger finds its workbook through what scheduling recorded: a world without one is
  // scheduled first, through the menu, as a user would.
  let scheduledFirst = false;
  const clockTrigger = () =>
    world.triggers.find((t) => t.eventType === 'CLOCK' && t.handlerFunction === entry);
  if (opts.action === 'dispatch' && !clockTrigger()) {
    const scheduled = runEntry(world, code, ACTIONS['schedule']?.entry ?? 'menuSchedule');
    if (scheduled.error) throw new LocalRunError(`scheduling failed: ${scheduled.error.message}`);
    scheduledFirst = true;
  }
  const trigger = clockTrigger();
  const run =
    opts.action === 'dispatch' && trigger
      ? fireTrigger(world, code, trigger.id, execution)
      : runEntry(world, code, entry, opts.form, execution);

  fs.rmSync(opts.out, { recursive: true, force: true });
  fs.mkdirSync(opts.out, { recursive: true });
  const workbookFiles = exportCsvFolder(world, path.join(opts.out, 'workbook'));
  const driveFiles = writeDriveTree(world.drive, path.join(opts.out, 'drive'));
  const mailDir = path.join(opts.out, 'mail');
  fs.mkdirSync(mailDir, { recursive: true });
  const mailFiles: string[] = [];
  const newMail = world.mail.sent.slice(mailBefore);
  for (let i = 0; i < newMail.length; i++) {
    const m = newMail[i];
    if (!m) continue;
    const file = path.join(mailDir, `${String(i + 1).padStart(3, '0')}.eml`);
    fs.writeFileSync(file, await toEml(m));
    mailFiles.push(file);
  }
  // Dialogs and sidebars the run showed, as the HTML the page gets (openable in a browser).
  const uiDir = path.join(opts.out, 'ui');
  const shown = world.ui.html.filter((h) => h.executionId === run.execution.ctx.executionId);
  shown.forEach((h, i) => {
    fs.mkdirSync(uiDir, { recursive: true });
    fs.writeFileSync(
      path.join(uiDir, `${String(i + 1).padStart(3, '0')}-${h.kind}.html`),
      h.content,
    );
  });
  fs.writeFileSync(path.join(opts.out, STATE_FILE), JSON.stringify(world.toJSON()));

  const outcome = run.result as { problems?: number } | undefined;
  const report: RunReport = {
    action: opts.action,
    entry,
    today: opts.today,
    calls: run.rec.byService(),
    rest: run.rec.restByEndpoint(),
    totalCalls: run.rec.total(),
    simulatedMs: Math.round(run.rec.simulatedMs),
    killed: run.killed,
    error: run.error ? run.error.message : null,
    anomalies: typeof outcome?.problems === 'number' ? outcome.problems : 0,
    outcome: run.result ?? null,
    files: {
      workbook: workbookFiles.map((f) => path.relative(opts.out, f)),
      drive: driveFiles.map((f) => path.relative(opts.out, f)),
      mail: mailFiles.map((f) => path.relative(opts.out, f)),
    },
  };
  fs.writeFileSync(path.join(opts.out, 'run.json'), `${JSON.stringify(report, null, 2)}\n`);
  const message = (run.result as { message?: string } | undefined)?.message;
  // A refused form: each field with what is wrong with it, as the dialog shows them.
  const errors = (run.result as { errors?: Record<string, string> } | undefined)?.errors ?? {};
  const refused =
    opts.form !== undefined && (run.result as { ok?: boolean } | undefined)?.ok === false;
  const lines = [
    ...(scheduledFirst ? ['(no hourly trigger yet: scheduled first, as from the menu)'] : []),
    `${opts.action} on ${opts.today}: ${message ?? (run.error ? `error: ${run.error.message}` : 'done')}`,
    ...Object.entries(errors).map(([field, why]) => `  ${field}: ${why}`),
    `${report.totalCalls} Apps Script calls, ${(report.simulatedMs / 1000).toFixed(1)} s simulated${run.killed ? ' (stopped at the time limit)' : ''}; ${report.anomalies} anomalies; ${driveFiles.length} Drive file(s), ${mailFiles.length} email(s).`,
  ];
  return {
    exitCode: (run.error && !run.killed) || refused ? 1 : 0,
    text: lines.join('\n'),
    report,
  };
}
