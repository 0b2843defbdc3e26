/** Running the built bundle in the in-memory Apps Script, for end-to-end tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExecutionOptions } from '../../tools/gas-sim/execution';
import { fireTrigger, runEntry, type RunResult } from '../../tools/gas-sim/vm-loader';
import type { World } from '../../tools/gas-sim/world';
import { runLocal, type LocalRunOptions, type LocalRunSummary } from '../../tools/local/run-local';

export const root = path.resolve(__dirname, '..', '..');
export const bundleFile = path.join(root, 'dist', 'Code.js');
export const demoWorkbook = path.join(root, 'sheets-templates', 'demo');

export function bundleCode(): string {
  if (!fs.existsSync(bundleFile)) throw new Error('dist/Code.js missing: npm test builds it first');
  return fs.readFileSync(bundleFile, 'utf8');
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `facturier-${prefix}-`));
}

export async function local(
  opts: Omit<LocalRunOptions, 'out'> & { out?: string },
): Promise<LocalRunSummary & { out: string }> {
  const out = opts.out ?? tempDir(opts.action);
  const summary = await runLocal({ ...opts, out });
  return { ...summary, out };
}

export function readCsv(out: string, tab: string): string[][] {
  const file = path.join(out, 'workbook', `${tab}.csv`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
  return parse(fs.readFileSync(file, 'utf8'), { relax_column_count: true }) as string[][];
}

export function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/**
 * The hourly trigger fires, as Apps Script runs it: with its event and, unless the world says
 * otherwise, no containing document. Scheduled first through the menu when the world has none.
 */
export function hourly(world: World, code: string, opts: ExecutionOptions = {}): RunResult {
  if (!world.triggers.some((t) => t.eventType === 'CLOCK')) {
    const scheduled = runEntry(world, code, 'menuSchedule');
    if (scheduled.error) throw scheduled.error;
  }
  return fireTrigger(world, code, undefined, opts);
}
