/**
 * Providers' e-invoices received through the import dialog, through the bundle: read, recomputed,
 * matched to their billing call, reported when they are not, never read twice, and a run stopped
 * anywhere completed by importing the same files again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eInvoiceXml } from '../../src/einvoice';
import { Recorder } from '../../tools/gas-sim/recorder';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World, type WorldJson } from '../../tools/gas-sim/world';
import { displayRows } from '../../tools/gas-sim/csv-workbook';
import { standInPdf } from '../../tools/gas-sim/drive-files';
import { writeDemoInbox } from '../../tools/local/demo-inbox';
import { sampleInvoice } from '../domain/fixtures';
import { bundleCode, demoWorkbook, local, readCsv, tempDir } from './helpers';

type Outcome = {
  ok: boolean;
  message: string;
  errors?: Record<string, string>;
  counts?: Record<string, number>;
};
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

let demo: string;
let inbox: string;

beforeAll(async () => {
  demo = (await local({ action: 'monthly', workbook: demoWorkbook, today: '2026-12-05' })).out;
  inbox = tempDir('inbox');
  writeDemoInbox(inbox);
  const pd11 = fs.readFileSync(path.join(inbox, 'Facture PD-2026-011.pdf'));
  // The same file under another name; a PDF without e-invoice; XML that is not well-formed; an
  // invoice whose total does not add up; one from a supplier who is not a provider.
  fs.writeFileSync(path.join(inbox, 'copie.pdf'), pd11);
  fs.writeFileSync(path.join(inbox, 'scan.pdf'), standInPdf('Facture papier scannée'));
  fs.writeFileSync(path.join(inbox, 'broken.xml'), '<rsm:CrossIndustryInvoice><oops>');
  const wrong = eInvoiceXml(sampleInvoice({ number: 'EXT-1' })).replace(
    /<ram:GrandTotalAmount>[^<]*</,
    '<ram:GrandTotalAmount>9999.00<',
  );
  fs.writeFileSync(path.join(inbox, 'wrong-total.xml'), wrong);
  fs.writeFileSync(
    path.join(inbox, 'stranger.xml'),
    eInvoiceXml(sampleInvoice({ number: 'EXT-2' })),
  );
});

const received = (out: string) => readCsv(out, 'Factures reçues').map((r) => r.map(plain));

describe('importing received invoices', () => {
  it('reads each file once and says, file by file, what became of it', async () => {
    const run = await local({ action: 'receive', from: demo, today: '2026-12-14', inbox });
    const o = run.report.outcome as Outcome;
    expect(o.ok).toBe(true);
    // 7 files: PD-2026-011 matched; its copy a duplicate; PD-2026-012 (120,00) and the two
    // strangers' invoices read but not matched; the scan and the broken XML unreadable.
    expect(o.counts).toEqual({ files: 7, matched: 1, unmatched: 3, unreadable: 2, duplicates: 1 });
    const rows = received(run.out);
    const h = rows[0] ?? [];
    const by = (file: string) => rows.find((r) => r[h.indexOf('Fichier')] === file) ?? [];
    const outcome = (file: string) => by(file)[h.indexOf('Résultat')] ?? '';
    expect(outcome('Facture PD-2026-011.pdf')).toBe(
      'rapprochée de l’appel 2026-11:DURAND : facture reçue le 14/12/2026',
    );
    expect(rows.filter((r) => r[h.indexOf('Fichier')] === 'copie.pdf')).toEqual([]);
    expect(outcome('PD-2026-012.xml')).toContain('aucun appel à facturation ouvert de DURAND');
    expect(outcome('scan.pdf')).toContain('illisible');
    expect(outcome('broken.xml')).toContain('illisible');
    // The sample invoice: 1 136,94 TTC stated 9 999,00, recomputed from its lines.
    expect(outcome('wrong-total.xml')).toContain('totaux incohérents');
    expect(by('wrong-total.xml')[h.indexOf('TTC indiqué')]).toBe('9 999,00');
    expect(by('wrong-total.xml')[h.indexOf('TTC recalculé')]).toBe('1 136,94');
    expect(outcome('stranger.xml')).toContain('fournisseur inconnu');
    // Each file kept in Drive and linked from its row.
    expect(
      rows
        .slice(1)
        .every((r) => (r[h.indexOf('Lien')] ?? '').startsWith('https://drive.google.com/file/d/')),
    ).toBe(true);
    const calls = readCsv(run.out, 'Appels à facturation');
    const ch = calls[0] ?? [];
    const durand = calls.find((r) => r[0] === '2026-11:DURAND') ?? [];
    expect([durand[ch.indexOf('Facture reçue le')], durand[ch.indexOf("Date d'échéance")]]).toEqual(
      ['14/12/2026', '13/01/2027'],
    );
    const journal = readCsv(run.out, 'Journal').map((r) => r.join('|'));
    expect(journal.filter((l) => l.includes('Facture reçue'))).toHaveLength(5);

    // The same files again: all already read, nothing matched twice, nothing added.
    const again = await local({ action: 'receive', from: run.out, today: '2026-12-15', inbox });
    expect((again.report.outcome as Outcome).counts).toEqual({
      files: 7,
      matched: 0,
      unmatched: 0,
      unreadable: 0,
      duplicates: 7,
    });
    expect(received(again.out)).toEqual(rows);
  });

  it('refuses a form with no file', async () => {
    const run = await local({
      action: 'receive',
      from: demo,
      today: '2026-12-14',
      form: { files: '[]' },
    });
    const o = run.report.outcome as Outcome;
    expect(o.ok).toBe(false);
    expect(o.errors?.['files']).toBe('Choisissez un ou plusieurs fichiers');
  });

  it('a run stopped at any call is completed by importing the same files again', () => {
    const code = bundleCode();
    const start = World.fromJSON(
      JSON.parse(fs.readFileSync(path.join(demo, 'state.json'), 'utf8')) as WorldJson,
      {
        today: '2026-12-14',
        startTime: '09:00',
      },
    );
    const form = {
      files: JSON.stringify(
        ['Facture PD-2026-011.pdf', 'PD-2026-012.xml'].map((name) => ({
          name,
          base64: fs.readFileSync(path.join(inbox, name)).toString('base64'),
        })),
      ),
    };
    const json = JSON.stringify(start.toJSON());
    const tabs = (w: World) => {
      const ss = w.sheets.active();
      const all = ss ? displayRows(ss) : [];
      const rec = (all.find((t) => t.tab === 'Factures reçues')?.rows ?? []).map((r) =>
        [r[1], r[5], r[14], r[15]].join('|'),
      );
      const calls = (all.find((t) => t.tab === 'Appels à facturation')?.rows ?? []).map((r) =>
        r.slice(0, 13).join('|'),
      );
      const files = [...w.drive.files.values()].filter(
        (f) => !f.trashed && f.name.includes('PD-2026-01'),
      ).length;
      return { rec, calls, files };
    };
    const reference = World.fromJSON(JSON.parse(json) as WorldJson);
    const rec = new Recorder(undefined, null);
    const changes: number[] = [];
    rec.failWhen((c) => {
      if (
        /^(set|insert|delete|append|clear|create|copy|remove|protect|flush|update)/i.test(c.method)
      )
        changes.push(c.index);
      return false;
    }, 'never');
    expect(
      runEntry(reference, code, 'submitReceive', form, { interactive: true, recorder: rec }).error,
    ).toBeNull();
    const expected = tabs(reference);
    expect(expected.files).toBe(2);
    const failures: string[] = [];
    for (const k of [1, ...changes.map((i) => i + 1)]) {
      const world = World.fromJSON(JSON.parse(json) as WorldJson);
      world.sheetView.tracking = false;
      const killer = new Recorder(undefined, null);
      killer.killAt(k, 'Execution killed');
      runEntry(world, code, 'submitReceive', form, { interactive: true, recorder: killer });
      const again = runEntry(world, code, 'submitReceive', form, { interactive: true });
      if (again.error) failures.push(`kill at ${k}: ${again.error.message}`);
      const got = tabs(world);
      if (JSON.stringify(got) !== JSON.stringify(expected))
        failures.push(`kill at ${k}: ${JSON.stringify(got).slice(0, 400)}`);
    }
    expect(failures).toEqual([]);
  });
});
