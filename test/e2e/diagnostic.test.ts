import PostalMime from 'postal-mime';
/**
 * The self-test for a real account, run here in the in-memory Apps Script: every kind of call
 * the product makes, a report in a dialog and in the Diagnostic tab, nothing left behind.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { SCOPE } from '../../tools/gas-sim/scopes';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { productScopes } from '../../tools/gas-sim/manifest';
import { bundleCode, demoWorkbook, local, readCsv } from './helpers';

const STEPS = [
  'authorization',
  'workbook',
  'lock',
  'sheet-write',
  'flush',
  'metadata',
  'user-properties',
  'drive-folder',
  'doc-create',
  'doc-copy',
  'docs-batch',
  'pdf-export',
  'facturx',
  'pdf-file',
  'rest-wave',
  'share',
  'mail-quota',
  'mail-send',
  'triggers',
  'cleanup',
];

describe('Diagnostic from the local runner', () => {
  it('passes every step, reports them in the tab and a dialog, and removes what it made', async () => {
    const run = await local({ action: 'diagnostic', workbook: demoWorkbook, today: '2026-12-05' });
    expect(run.report.error).toBeNull();
    const rows = readCsv(run.out, 'Diagnostic');
    expect(rows[0]).toEqual(['Date', 'Étape', 'Description', 'Résultat', 'Durée (ms)', 'Détail']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(STEPS);
    expect(rows.slice(1).filter((r) => r[3] !== 'OK')).toEqual([]);
    // Each step timed (simulated), the Drive ones at the latency model's figures.
    expect(rows.slice(1).find((r) => r[1] === 'doc-copy')?.[4]).toBe('1000');
    // Nothing left: no file in Drive, no scratch tab.
    expect(run.report.files.drive).toEqual([]);
    expect(fs.readdirSync(path.join(run.out, 'workbook'))).not.toContain(
      'Facturier – diagnostic (temporaire).csv',
    );
    // One email to the user, with the PDF.
    const eml = fs.readFileSync(path.join(run.out, 'mail', '001.eml'), 'utf8');
    expect(eml).toMatch(/^To: user@example\.com$/m);
    expect(eml).toMatch(/application\/pdf/);
    // And the Factur-X PDF made from that real export, carrying its XML.
    const parsed = await PostalMime.parse(eml);
    expect(parsed.attachments.map((a) => a.filename)).toEqual([
      'Facture diagnostic.pdf',
      'Facture diagnostic Factur-X.pdf',
    ]);
    const fx = Buffer.from(parsed.attachments[1]?.content as ArrayBuffer).toString('latin1');
    expect(fx).toContain('/AFRelationship /Alternative');
    expect(fx).toContain('<ram:ID>DIAG-0001</ram:ID>');
    const dialog = fs.readFileSync(path.join(run.out, 'ui', '001-modal.html'), 'utf8');
    expect(dialog).toContain(`les ${STEPS.length} étapes ont réussi`);
  });
});

describe('Diagnostic when a service is out of reach', () => {
  it('reports the failing steps with the error text, skips what depends on them, still cleans up', () => {
    // A manifest without drive.file (say, edited by hand): the Drive API calls are refused.
    const world = new World({
      today: '2026-12-05',
      oauthScopes: productScopes().filter((s) => s !== SCOPE.driveFile),
    });
    importCsvFolder(demoWorkbook, world);
    const filesBefore = world.drive.files.size;
    const run = runEntry(world, bundleCode(), 'menuDiagnostic');
    expect(run.error).toBeNull();
    const steps = run.result as { step: string; ok: boolean; detail: string }[];
    const failed = Object.fromEntries(steps.filter((s) => !s.ok).map((s) => [s.step, s.detail]));
    expect(failed['drive-folder']).toBe(
      'GoogleJsonResponseException: API call to drive.files.create failed with error: Request had insufficient authentication scopes.',
    );
    expect(failed['doc-create']).toBe('non fait\u00a0: drive-folder a échoué');
    expect(failed['mail-send']).toBe('non fait\u00a0: doc-create a échoué');
    for (const ok of [
      'authorization',
      'workbook',
      'lock',
      'sheet-write',
      'mail-quota',
      'cleanup',
    ]) {
      expect(steps.find((s) => s.step === ok)?.ok).toBe(true);
    }
    expect(world.drive.files.size).toBe(filesBefore);
    expect(world.ui.html.at(-1)?.content).toContain('étape(s) sur');
  });

  it('fails the wave of documents, and only it, without script.external_request', () => {
    const world = new World({
      today: '2026-12-05',
      oauthScopes: productScopes().filter((s) => s !== SCOPE.externalRequest),
    });
    importCsvFolder(demoWorkbook, world);
    const run = runEntry(world, bundleCode(), 'menuDiagnostic');
    expect(run.error).toBeNull();
    const steps = run.result as { step: string; ok: boolean; detail: string }[];
    const failed = steps.filter((s) => !s.ok).map((s) => s.step);
    expect(failed).toEqual(['rest-wave']);
    expect(steps.find((s) => s.step === 'rest-wave')?.detail).toMatch(
      /UrlFetchApp\.fetchAll|script\.external_request/,
    );
  });
});
