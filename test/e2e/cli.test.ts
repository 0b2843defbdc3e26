/** The local runner's command line: bad input gets one clear line and a non-zero exit. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root, tempDir } from './helpers';

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const r = spawnSync(tsx, [path.join(root, 'tools', 'local', 'cli.ts'), ...args], {
    encoding: 'utf8',
    cwd: root,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run local', () => {
  it.each([
    [
      ['bogus', '--workbook', 'sheets-templates/demo', '--out', 'X', '--today', '2026-12-05'],
      /unknown action "bogus"/,
    ],
    [
      ['issue', '--workbook', 'no/such/dir', '--out', 'X', '--today', '2026-12-05'],
      /workbook folder not found: no\/such\/dir/,
    ],
    [
      ['issue', '--workbook', 'sheets-templates/demo', '--out', 'X', '--today', '2026-02-30'],
      /--today must be a calendar date/,
    ],
    [
      ['issue', '--workbook', 'sheets-templates/demo', '--out', 'X'],
      /--today YYYY-MM-DD is required/,
    ],
    [
      ['issue', '--from', 'no/such/run', '--out', 'X', '--today', '2026-12-05'],
      /no earlier run in no\/such\/run/,
    ],
  ])('%j is refused with one clear line', (args, message) => {
    const r = cli(args.map((a) => (a === 'X' ? tempDir('cli') : a)));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs an action and says what it did', () => {
    const out = tempDir('cli-ok');
    const r = cli([
      'setup',
      '--workbook',
      'sheets-templates/demo',
      '--out',
      out,
      '--today',
      '2026-12-01',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/setup on 2026-12-01: Classeur configuré/);
    expect(r.stdout).toMatch(/\d+ Apps Script calls, [\d.]+ s simulated/);
  });

  it('sets up an empty workbook folder: every tab made', () => {
    const empty = tempDir('cli-empty');
    const out = tempDir('cli-empty-out');
    const r = cli(['setup', '--workbook', empty, '--out', out, '--today', '2026-12-01']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/15 onglet\(s\) créé\(s\)/);
    expect(fs.readdirSync(path.join(out, 'workbook'))).toEqual(
      expect.arrayContaining(['Paramètres.csv', 'Factures.csv', 'Journal.csv']),
    );
  });

  it('prints each field error of a refused form and exits with 1', () => {
    const out = tempDir('cli-form');
    const r = cli([
      'record-payment',
      '--workbook',
      'sheets-templates/demo',
      '--out',
      out,
      '--today',
      '2026-12-05',
      '--form',
      '{"invoice":"FA-2026-00099","amount":"abc"}',
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}amount: nombre invalide\u00a0: «\u00a0abc\u00a0»$/m);
    expect(r.stdout).toMatch(/^ {2}invoice: Numéro inconnu\u00a0: «\u00a0FA-2026-00099\u00a0»$/m);
  });
});
