/**
 * The local runner (SPEC §7): runs one action of the built bundle dist/Code.js against the
 * in-memory Apps Script, from a folder of CSV files or from an earlier run's output.
 *
 *   tsx tools/local/cli.ts <action> --workbook <dir> --out <dir> --today YYYY-MM-DD
 *   tsx tools/local/cli.ts <action> --from <earlier out> --out <dir> --today YYYY-MM-DD
 *   tsx tools/local/cli.ts demo
 */
import * as path from 'node:path';
import { runDemo } from './demo';
import { runLocal, ACTIONS, LocalRunError, type LocalRunOptions } from './run-local';

const root = path.resolve(__dirname, '..', '..');

const USAGE = `usage: npm run local -- <action> (--workbook <dir> | --from <out dir>) --out <dir> --today YYYY-MM-DD
  [--time HH:MM] [--mail-quota N] [--no-limit] [--trigger-document]
  [--form '{"invoice":"FA-2026-00001",...}'] [--inbox <folder of received PDF/XML>]
actions: ${Object.keys(ACTIONS).join(', ')}`;

interface Parsed {
  action: string;
  flags: Map<string, string | true>;
}

function parseArgs(argv: readonly string[]): Parsed {
  const [action = '', ...rest] = argv;
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (!a.startsWith('--')) throw new LocalRunError(`unexpected argument "${a}"\n${USAGE}`);
    const next = rest[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(a.slice(2), next);
      i++;
    } else {
      flags.set(a.slice(2), true);
    }
  }
  return { action, flags };
}

function str(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  if (v === true) throw new LocalRunError(`--${name} needs a value`);
  return v;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'demo') {
    const dir = path.join(root, 'out', 'demo');
    const out = path.relative(process.cwd(), dir);
    const code = await runDemo(
      { workbook: path.join(root, 'sheets-templates', 'demo'), out: dir },
      (s) => console.log(s),
    );
    console.log(
      `\nLook at:\n  ${out}/drive/   invoices as PDF\n  ${out}/mail/    emails as .eml\n  ${out}/workbook/ every tab as CSV\n  ${out}/run.json calls, simulated time, anomalies\n  ${out}/after/   the weeks after, one folder per run`,
    );
    return code;
  }
  const { action, flags } = parseArgs(argv);
  if (!action || action.startsWith('--')) throw new LocalRunError(USAGE);
  const today = str(flags, 'today');
  const out = str(flags, 'out');
  if (!today) throw new LocalRunError(`--today YYYY-MM-DD is required\n${USAGE}`);
  if (!out) throw new LocalRunError(`--out <dir> is required\n${USAGE}`);
  const workbook = str(flags, 'workbook');
  const from = str(flags, 'from');
  if (!workbook === !from)
    throw new LocalRunError(`give either --workbook <dir> or --from <dir>\n${USAGE}`);
  const opts: LocalRunOptions = { action, out, today };
  if (workbook) opts.workbook = workbook;
  if (from) opts.from = from;
  const time = str(flags, 'time');
  if (time) opts.time = time;
  const quota = str(flags, 'mail-quota');
  if (quota) opts.mailQuota = Number(quota);
  if (flags.get('no-limit') === true) opts.noLimit = true;
  if (flags.get('trigger-document') === true) opts.triggerDocument = true;
  const inbox = str(flags, 'inbox');
  if (inbox) opts.inbox = inbox;
  const form = str(flags, 'form');
  if (form) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(form);
    } catch {
      throw new LocalRunError(`--form must be a JSON object, e.g. '{"invoice":"FA-2026-00001"}'`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new LocalRunError(`--form must be a JSON object, e.g. '{"invoice":"FA-2026-00001"}'`);
    opts.form = Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
  }
  const summary = await runLocal(opts);
  console.log(summary.text);
  return summary.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof LocalRunError) {
      console.error(`facturier: ${e.message}`);
      process.exitCode = 2;
    } else {
      console.error(`facturier: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = 1;
    }
  },
);
