/**
 * A client credit deducted from the client's next invoice, on request (SPEC §3.5), through the
 * bundle: Brioche pays FA-2026-00007 in full, gets a 120,00 credit note, the credit is asked for
 * its next invoice; January's job deducts it once, whatever run is killed where.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayRows, importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { writeDriveTree } from '../../tools/gas-sim/drive';
import { Recorder } from '../../tools/gas-sim/recorder';
import { typeRow } from '../../tools/gas-sim/typing';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World, type WorldJson } from '../../tools/gas-sim/world';
import { pdfText } from '../../tools/pdf-text-client';
import { bundleCode, demoWorkbook, tempDir } from './helpers';

const code = bundleCode();
const MONTHLY = { interactive: false, document: true, limitMs: null } as const;
type Outcome = { ok: boolean; message: string; errors?: Record<string, string> };

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function tab(world: World, name: string): string[][] {
  const ss = world.sheets.active();
  return ((ss ? displayRows(ss) : []).find((t) => t.tab === name)?.rows ?? []).map((r) =>
    r.map(plain),
  );
}

function column(world: World, name: string, number: string, header: string): string {
  const rows = tab(world, name);
  const h = rows[0] ?? [];
  return rows.find((r) => r[0] === number)?.[h.indexOf(header)] ?? '';
}

function form(world: World, entry: string, values: Record<string, string>): Outcome {
  const r = runEntry(world, code, entry, values, { interactive: true });
  expect(r.error).toBeNull();
  return r.result as Outcome;
}

/** A line for Brioche, as a user types it in Prestations. */
function addLine(world: World, date: string, what: string, ht: string): void {
  typeRow(world, 'Prestations', {
    Date: date,
    Client: 'BRIOCHE',
    Projet: 'Audit formation',
    Désignation: what,
    Quantité: '1',
    Unité: 'forfait',
    'Prix unitaire HT': ht,
    'Taux TVA': '20 %',
    Nature: 'forfait',
  });
}

/** The world on 5 January, the credit asked, before January's job. */
let beforeJanuary: string;
/** After January's job without faults. */
let january: World;

beforeAll(() => {
  const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
  importCsvFolder(demoWorkbook, world);
  expect(runEntry(world, code, 'runMonthly', undefined, MONTHLY).error).toBeNull();
  world.advanceTo('2026-12-06', '09:00');
  // FA-2026-00007: 2 × 1 150,00 less 10 % = 2 070,00 + 86,40 = 2 156,40 HT + 431,28 VAT.
  expect(
    form(world, 'submitPayment', {
      invoice: 'FA-2026-00007',
      date: '06/12/2026',
      amount: '2 587,68',
      method: 'virement',
    }).ok,
  ).toBe(true);
  world.advanceTo('2026-12-08', '09:00');
  expect(
    form(world, 'submitCreditNote', {
      invoice: 'FA-2026-00007',
      amount: '120,00',
      reason: 'Geste commercial : retard de livraison du rapport',
    }).ok,
  ).toBe(true);
  const asked = form(world, 'submitApplyCredit', { invoice: 'AV-2026-00001' });
  expect(plain(asked.message)).toBe(
    'Crédit de 120,00 € (facture FA-2026-00007) à déduire de la prochaine facture de Brioche & Compagnie SARL.',
  );
  addLine(world, '15/12/2026', 'Restitution au comité de direction', '500');
  world.advanceTo('2027-01-05', '08:00');
  beforeJanuary = JSON.stringify(world.toJSON());
  expect(runEntry(world, code, 'runMonthly', undefined, MONTHLY).error).toBeNull();
  january = world;
});

describe('a client credit applied to the next invoice', () => {
  it('is refused where there is no credit, or beyond it, and asked once', () => {
    const world = World.fromJSON(JSON.parse(beforeJanuary) as WorldJson);
    const refusals: [Record<string, string>, string, string][] = [
      // FA-2026-00004 is unpaid: a credit note on it would lower what is owed, not make a credit.
      [{ invoice: 'FA-2026-00004' }, 'invoice', 'Aucun crédit sur FA-2026-00004'],
      // The self-billed invoice is owed to a provider, not by a client.
      [{ invoice: 'AF-CLEMENT-2026-0001' }, 'invoice', 'n’est pas une facture client'],
      [{ invoice: 'FA-2026-09999' }, 'invoice', 'Facture inconnue'],
      // Already asked in full.
      [{ invoice: 'FA-2026-00007' }, 'invoice', 'déjà à imputer'],
      [{ invoice: 'FA-2026-00007', amount: '-5' }, 'amount', 'positif'],
      [{ invoice: '' }, 'invoice', 'Numéro obligatoire'],
    ];
    const before = tab(world, 'Factures');
    for (const [values, field, text] of refusals) {
      const o = form(world, 'submitApplyCredit', values);
      expect(o.ok).toBe(false);
      expect(plain(o.errors?.[field] ?? '')).toContain(text);
    }
    expect(tab(world, 'Factures')).toEqual(before);
  });

  it('the next invoice keeps its totals and asks them less the credit', () => {
    // 500,00 HT + 100,00 VAT = 600,00 TTC, less the 120,00 credit: 480,00 asked.
    expect(column(january, 'Factures', 'FA-2027-00001', 'Total TTC')).toBe('600,00');
    const status = tab(january, 'Suivi des paiements');
    const row = (n: string) => status.find((r) => r[0] === n)?.slice(3, 9);
    expect(row('FA-2027-00001')).toEqual([
      '480,00',
      '0,00',
      '480,00',
      '04/02/2027',
      'à payer',
      'À payer d’ici le 04/02/2027',
    ]);
    // FA-2026-00007: 2 587,68 paid, 120,00 credited, the 120,00 paid beyond it gone to the next
    // invoice: settled exactly.
    expect(row('FA-2026-00007')).toEqual([
      '2 587,68',
      '2 467,68',
      '0,00',
      '04/01/2027',
      'payée',
      'Payée',
    ]);
    const mail = january.mail.sent.find((m) => m.subject.includes('FA-2027-00001'));
    expect(plain(mail?.text ?? '')).toContain('480,00');
    expect(plain(mail?.text ?? '')).not.toContain('600,00');
  });

  it('the invoice shows the credit, where it comes from, and the net to pay', () => {
    const dir = tempDir('credit-pdf-');
    const files = writeDriveTree(january.drive, dir);
    const pdf = files.find(
      (f) =>
        path.basename(f).startsWith('FA-2027-00001') &&
        f.endsWith('.pdf') &&
        !f.endsWith('.gdoc.pdf'),
    );
    const text = plain(pdfText(pdf ?? '')).replace(/\s+/g, ' ');
    expect(text).toContain('Total TTC 600,00 €');
    expect(text).toContain('Crédit imputé (TTC) 120,00 €');
    expect(text).toContain('Net à payer 480,00 €');
    expect(text).toContain(
      'Avoir AV-2026-00001 du 08/12/2026 (facture FA-2026-00007) imputé sur la présente facture : 120,00 € TTC déduits',
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is deducted once: not again by a later run nor by the next month', () => {
    const world = World.fromJSON(january.toJSON());
    world.advanceTo('2027-01-05', '10:00');
    expect(runEntry(world, code, 'runMonthly', undefined, MONTHLY).error).toBeNull();
    addLine(world, '12/01/2027', 'Suivi à trois mois', '250');
    world.advanceTo('2027-02-05', '08:00');
    expect(runEntry(world, code, 'runMonthly', undefined, MONTHLY).error).toBeNull();
    // 250,00 HT + 50,00 VAT = 300,00, asked in full.
    expect(column(world, 'Factures', 'FA-2027-00002', 'Total TTC')).toBe('300,00');
    const status = tab(world, 'Suivi des paiements');
    expect(status.find((r) => r[0] === 'FA-2027-00002')?.[3]).toBe('300,00');
    expect(tab(world, 'Factures').filter((r) => (r[0] ?? '').startsWith('FA-2027-'))).toHaveLength(
      2,
    );
  });

  it('a run killed at any call and started again deducts it exactly once', () => {
    // Only calls that change something (a cell, a property, a file, an email) leave a different
    // state behind: killing the run just after each of them, and at its first call, reaches every
    // state a kill anywhere can leave.
    const probe = World.fromJSON(JSON.parse(beforeJanuary) as WorldJson);
    const rec = new Recorder(undefined, null);
    const changes: number[] = [];
    rec.failWhen((c) => {
      if (
        /^(set|insert|delete|append|clear|create|make|copy|send|remove|add|move|protect|save|batch|trash|flush|update)/i.test(
          c.method,
        )
      )
        changes.push(c.index);
      return false;
    }, 'never');
    expect(
      runEntry(probe, code, 'runMonthly', undefined, { ...MONTHLY, recorder: rec }).error,
    ).toBeNull();
    const kills = [1, ...changes.map((i) => i + 1)];
    expect(kills.length).toBeGreaterThan(20);
    const expected = {
      invoices: tab(january, 'Factures').map((r) => r.slice(0, 17).join('|')),
      status: tab(january, 'Suivi des paiements')
        .slice(4)
        .map((r) => r.slice(0, 8).join('|')),
    };
    const failures: string[] = [];
    for (const k of kills) {
      const world = World.fromJSON(JSON.parse(beforeJanuary) as WorldJson);
      world.sheetView.tracking = false;
      const killer = new Recorder(undefined, null);
      killer.killAt(k, 'Execution killed');
      runEntry(world, code, 'runMonthly', undefined, { ...MONTHLY, recorder: killer });
      world.advanceTo('2027-01-05', '09:00');
      const again = runEntry(world, code, 'runMonthly', undefined, MONTHLY);
      if (again.error) failures.push(`kill at ${k}: ${again.error.message}`);
      const got = {
        invoices: tab(world, 'Factures').map((r) => r.slice(0, 17).join('|')),
        status: tab(world, 'Suivi des paiements')
          .slice(4)
          .map((r) => r.slice(0, 8).join('|')),
      };
      // Links and send times differ with the run that made them: compare what is owed.
      const owed = (x: typeof got) => ({
        invoices: x.invoices.map((r) =>
          r
            .split('|')
            .slice(0, 17)
            .filter((_, i) => i !== 4)
            .join('|'),
        ),
        status: x.status,
      });
      if (JSON.stringify(owed(got)) !== JSON.stringify(owed(expected))) {
        failures.push(`kill at ${k}: ${JSON.stringify(owed(got)).slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
