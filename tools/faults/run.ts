/**
 * The fault suite (`npm run test:faults`): for each workbook, the monthly job once without
 * faults, then at every call index k and for each of the four faults, the same start with that
 * fault at k, resumed until the job is finished, compared with the reference. Sharded over the
 * machine's cores (child processes). Prints crash points tried and survived per workbook and
 * fault, and the first failing k of each with its differences; exits 1 if any case failed.
 *
 *   tsx tools/faults/run.ts [--only demo|every-kind] [--faults kill,mailQuota] [--every N]
 *                           [--from K] [--to K] [--workers N]
 *
 * `--every N` tries every N-th call only (a quicker look while developing); CI tries them all.
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  demoWorkbook,
  everyKindWorkbook,
  CALL_FAULTS,
  FAULTS,
  QUOTA_FAULTS,
  reference,
  runCase,
  runSetupCase,
  setupReference,
  startWorld,
  type CaseResult,
  type FaultName,
  type Reference,
  type Starter,
} from './scenario';

const root = path.resolve(__dirname, '..', '..');
const bundle = path.join(root, 'dist', 'Code.js');

interface Task {
  workbook: string;
  k: number;
  fault: FaultName;
  starter: Starter;
}

interface WorkerInit {
  workbooks: Record<string, string>;
  tasks: Task[];
}

/**
 * Cases per child process (a child builds its workbook's reference run first, about 2 s). A
 * child's heap grows by about 10 MB a case (the executions' script contexts are freed late):
 * 100 cases keep it near 1 GB on any machine.
 */
const BATCH = 100;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A child: builds the references of its workbooks, runs its tasks, sends the results. */
function worker(): void {
  process.once('message', (msg: WorkerInit) => {
    const code = fs.readFileSync(bundle, 'utf8');
    const refs = new Map<string, Reference>();
    const refOf = (name: string, starter: Starter): Reference => {
      const key = `${name}|${starter}`;
      let r = refs.get(key);
      if (!r) {
        const dir = msg.workbooks[name] ?? '';
        r =
          starter === 'setup'
            ? setupReference(startWorld(dir, code, false), code)
            : reference(startWorld(dir, code), code, starter);
        refs.set(key, r);
      }
      return r;
    };
    const results: (CaseResult & { workbook: string })[] = [];
    for (const t of msg.tasks) {
      const ref = refOf(t.workbook, t.starter);
      results.push({
        ...(t.starter === 'setup'
          ? runSetupCase(ref, code, t.k, t.fault)
          : runCase(ref, code, t.k, t.fault, t.starter)),
        workbook: t.workbook,
      });
    }
    process.send?.(results, () => process.exit(0));
  });
}

async function main(): Promise<number> {
  if (!fs.existsSync(bundle)) throw new Error('dist/Code.js missing: npm run build first');
  const started = Date.now();
  const code = fs.readFileSync(bundle, 'utf8');
  const workbooks: Record<string, string> = {
    demo: demoWorkbook,
    'every-kind': everyKindWorkbook(),
  };
  const only = arg('only');
  const faults = (arg('faults')?.split(',') ?? Object.keys(FAULTS)) as FaultName[];
  const callFaults = faults.filter((f) => (CALL_FAULTS as readonly string[]).includes(f));
  const quotaFaults = faults.filter((f) => (QUOTA_FAULTS as readonly string[]).includes(f));
  const every = Number(arg('every') ?? '1');
  const from = Number(arg('from') ?? '1');
  const workers = Number(arg('workers') ?? String(Math.max(1, os.availableParallelism())));
  const tasks: Task[] = [];
  const calls: Record<string, { calls: number; docs: number; recipients: number }> = {};
  // Set-up (tabs, settings, the invoice template) stopped at each of its calls, on the demo
  // workbook: the job's cases below start from a workbook already set up.
  if (!only || only === 'demo') {
    const ref = setupReference(startWorld(demoWorkbook, code, false), code);
    calls['demo set-up'] = { calls: ref.calls, docs: 0, recipients: 0 };
    const to = Math.min(ref.calls, Number(arg('to') ?? String(ref.calls)));
    for (let k = from; k <= to; k += every) {
      for (const fault of callFaults) {
        if (fault !== 'mailQuota') tasks.push({ workbook: 'demo', k, fault, starter: 'setup' });
      }
    }
  }
  for (const name of Object.keys(workbooks)) {
    if (only && only !== name) continue;
    const ref = reference(startWorld(workbooks[name] ?? '', code), code, 'user');
    calls[name] = { calls: ref.calls, docs: ref.docs, recipients: ref.recipients };
    const to = Math.min(ref.calls, Number(arg('to') ?? String(ref.calls)));
    // Each quota used up after k = 0 … n−1 more Docs or recipients of the first day.
    for (const fault of quotaFaults) {
      const n = fault === 'docsDay' ? ref.docs : ref.recipients;
      for (let k = 0; k < n; k += every) tasks.push({ workbook: name, k, fault, starter: 'user' });
    }
    for (let k = from; k <= to; k += every) {
      for (const fault of callFaults) tasks.push({ workbook: name, k, fault, starter: 'user' });
      // The hourly trigger as the one that starts and resumes the job, for every tenth call.
      if (k % 10 === 0) tasks.push({ workbook: name, k, fault: 'kill', starter: 'trigger' });
    }
  }
  console.log(
    `fault suite: ${tasks.length} cases (${Object.entries(calls)
      .map(([n, c]) => `${n}: ${c.calls} calls, ${c.docs} Docs, ${c.recipients} recipients`)
      .join(', ')}), ${workers} worker(s)`,
  );
  // Batches of cases of one workbook and starter, each run by a fresh child process: a child's
  // memory never grows past one batch, and `workers` children run at a time.
  const groupsOf = new Map<string, Task[]>();
  for (const t of tasks) {
    const key = `${t.workbook}|${t.starter}`;
    const g = groupsOf.get(key) ?? [];
    g.push(t);
    groupsOf.set(key, g);
  }
  const batches: Task[][] = [];
  for (const g of groupsOf.values()) {
    for (let i = 0; i < g.length; i += BATCH) batches.push(g.slice(i, i + BATCH));
  }
  const runBatch = (batch: Task[]): Promise<(CaseResult & { workbook: string })[]> =>
    new Promise((resolve, reject) => {
      const child = fork(__filename, ['--worker'], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.once('message', (m) => resolve(m as (CaseResult & { workbook: string })[]));
      child.once('exit', (c) => {
        if (c !== 0) reject(new Error(`a worker exited with ${c}`));
      });
      child.send({ workbooks, tasks: batch } satisfies WorkerInit);
    });
  const results: (CaseResult & { workbook: string })[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, workers) }, async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        if (batch) results.push(...(await runBatch(batch)));
      }
    }),
  );
  const groups = new Map<string, (CaseResult & { workbook: string })[]>();
  for (const r of results) {
    const key = `${r.workbook} | ${r.starter === 'user' ? '' : `${r.starter} `}${r.fault}`;
    const g = groups.get(key) ?? [];
    g.push(r);
    groups.set(key, g);
  }
  let failed = 0;
  console.log('\nworkbook | fault | tried | survived | flagged once');
  for (const [key, g] of [...groups].sort()) {
    const ok = g.filter((r) => r.ok);
    failed += g.length - ok.length;
    console.log(
      `${key} | ${g.length} | ${ok.length} | ${ok.filter((r) => r.flagged === 1).length}`,
    );
  }
  for (const [key, g] of [...groups].sort()) {
    const bad = g.filter((r) => !r.ok).sort((a, b) => a.k - b.k);
    const firstBad = bad[0];
    if (!firstBad) continue;
    console.log(
      `\n${key}: ${bad.length} failing, first at k=${firstBad.k} (${firstBad.runs} runs):`,
    );
    for (const d of firstBad.diffs.slice(0, 12)) console.log(`  ${d}`);
    console.log(
      `  failing k: ${bad
        .map((r) => r.k)
        .join(' ')
        .slice(0, 400)}`,
    );
  }
  console.log(
    `\n${results.length} cases in ${((Date.now() - started) / 1000).toFixed(0)} s; ${failed} failed`,
  );
  return failed === 0 ? 0 : 1;
}

if (process.argv.includes('--worker')) worker();
else
  main().then(
    (c) => {
      process.exitCode = c;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
