/**
 * The settings sidebar through the built bundle: the menu opens it, the page's server calls
 * (sidebarLoad, sidebarSave, sidebarPreviewNumber, sidebarSchedule) read and write the demo
 * workbook as google.script.run would call them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CellValue } from '../../src/sheets/cells';
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { Recorder } from '../../tools/gas-sim/recorder';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook, local } from './helpers';

const SETTINGS = 'Paramètres';

interface Reply {
  ok: boolean;
  message: string;
  errors?: Record<string, string>;
  changed?: string[];
  values?: Record<string, string>;
  numbers?: Record<string, { ok: boolean; next?: string; provider?: string; error?: string }>;
  scheduled?: boolean;
  nextRun?: {
    date: string;
    autoSend: boolean;
    drafts: { buyer: string; total: string }[];
    unsentInvoices: number;
    billingCalls: number;
  };
  next?: string;
  provider?: string;
  error?: string;
}

function demo(today = '2026-12-05', isAddOn = true): World {
  const world = new World({ today, isAddOn });
  importCsvFolder(demoWorkbook, world);
  return world;
}

function call(world: World, fn: string, arg?: unknown, rec?: Recorder) {
  const run = runEntry(world, bundleCode(), fn, arg, rec ? { recorder: rec } : {});
  expect(run.error).toBeNull();
  return { reply: run.result as Reply, run };
}

/** A tab's cells (row by row), as the in-memory spreadsheet holds them. */
function cells(world: World, tab: string): CellValue[][] {
  const sheet = world.sheets.active()?.sheetByName(tab);
  if (!sheet) throw new Error(`no tab ${tab}`);
  const out: CellValue[][] = [];
  for (let r = 1; r <= sheet.lastRow(); r++) {
    const row: CellValue[] = [];
    for (let c = 1; c <= sheet.lastColumn(); c++) row.push(sheet.value(r, c));
    out.push(row);
  }
  return out;
}

function setting(world: World, key: string): CellValue | undefined {
  return cells(world, SETTINGS).find((r) => r[0] === key)?.[1];
}

/** Amounts are written with no-break spaces; the expectations use plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/**
 * Every tab, cell by cell. The add-on's own state (developer metadata: the lease a write takes
 * and gives back) is left out: it is not the user's data.
 */
const snapshot = (world: World) =>
  JSON.stringify(
    world.sheets.toJSON().spreadsheets.map(({ metadata: _m, nextMetadataId: _n, ...tabs }) => tabs),
  );

/** Every trigger's handler, through ScriptApp, as the script sees them. */
function handlers(world: World): string[] {
  return world.triggers.map((t) => t.handlerFunction).sort();
}

describe('the settings sidebar', () => {
  it('opens from the menu with the settings, their next numbers and the schedule', () => {
    const world = demo();
    const { reply } = call(world, 'menuSettings');
    expect(reply.ok).toBe(true);
    expect(reply.message).not.toMatch(/prochaine version/);
    const shown = world.ui.html.filter((h) => h.kind === 'sidebar');
    expect(shown).toHaveLength(1);
    const html = shown[0]?.content ?? '';
    expect(shown[0]?.title).toBe('Paramètres Facturier');
    expect(html).toContain('value="FR76 3000 4008 2800 0123 4567 841"');
    expect(html).toContain('value="832 954 317 00026"');
    expect(html).toContain('value="Atelier Formation Conseil — Facturation"');
    expect(html).toContain('Prochain numéro\u00a0: <b class="num">FA-2026-00001</b>');
    expect(html).toContain('AF-CLEMENT-2026-0001');
    expect(html).toContain('Non planifiée');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/i);
    for (const fn of ['sidebarLoad', 'sidebarSave', 'sidebarPreviewNumber', 'sidebarSchedule'])
      expect(html).toContain(`.${fn}(`);
  });

  it('escapes what the tab holds', () => {
    const world = demo();
    const sheet = world.sheets.active()?.sheetByName(SETTINGS);
    const row = cells(world, SETTINGS).findIndex((r) => r[0] === "Nom de l'organisation") + 1;
    const cell = sheet?.ensureCell(row, 2);
    if (cell) cell.v = '<script>alert("x")</script> & Cie';
    call(world, 'menuSettings');
    const html = world.ui.html[0]?.content ?? '';
    expect(html).toContain('value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cie"');
    expect(html).not.toContain('<script>alert');
  });

  it('loads what the next run would bill and send, and writes nothing', () => {
    const world = demo();
    const before = snapshot(world);
    const { reply } = call(world, 'sidebarLoad');
    expect(snapshot(world)).toBe(before);
    expect(reply.ok).toBe(true);
    expect(reply.values?.['siren']).toBe('832 954 317');
    expect(reply.values?.['trainingBillingMode']).toBe('par commanditaire');
    expect(reply.errors).toEqual({});
    expect(reply.scheduled).toBe(false);
    expect(reply.nextRun?.date).toBe('05/12/2026');
    expect(reply.nextRun?.drafts).toHaveLength(9);
    expect(reply.nextRun?.drafts.map((d) => `${d.buyer}: ${plain(d.total)}`)).toContain(
      // 1 848,00 HT (Camille Roux at 100 %, Hugo Lefèvre 70 % of his attended hours) + 20 %.
      'OPCO Atlas: 2 217,60 €',
    );
    expect(reply.nextRun?.billingCalls).toBe(2);
    expect(reply.nextRun?.unsentInvoices).toBe(0);
  });

  it('saves good values into their cells only, one write per block of adjacent rows', () => {
    const world = demo();
    const before = cells(world, SETTINGS);
    const rec = new Recorder();
    const { reply } = call(
      world,
      'sidebarSave',
      {
        orgName: 'Atelier Formation Conseil Lyon',
        legalForm: 'SASU',
        iban: 'fr76 3000 6000 0112 3456 7890 189',
        billingCallDay: '10',
        autoSend: 'false',
        trainingBillingMode: 'consolidated',
        siren: '832954317',
        paymentTerms: '30',
      },
      rec,
    );
    expect(reply).toMatchObject({ ok: true, errors: {} });
    expect(reply.changed).toEqual([
      'orgName',
      'legalForm',
      'iban',
      'billingCallDay',
      'autoSend',
      'trainingBillingMode',
    ]);
    expect(reply.values?.['iban']).toBe('FR76 3000 6000 0112 3456 7890 189');
    const after = cells(world, SETTINGS);
    const diff = after.flatMap((r, i) =>
      r.flatMap((v, c) => (v === before[i]?.[c] ? [] : [[r[0], v]])),
    );
    expect(diff).toEqual([
      ["Nom de l'organisation", 'Atelier Formation Conseil Lyon'],
      ['Forme juridique', 'SASU'],
      ['IBAN', 'FR76 3000 6000 0112 3456 7890 189'],
      ['Mode de facturation des formations', 'consolidée'],
      ['Jour des appels à facturation', 10],
      ['Envoi automatique', 'non'],
    ]);
    // Rows 2-3, 18, 28, 30 and 32: five blocks, then the Journal's tab and its row.
    expect(rec.count('Range.setValues')).toBe(5 + 2);
    // What the next runs read: the new values.
    const load = call(world, 'sidebarLoad').reply;
    expect(load.values?.['billingCallDay']).toBe('10');
    expect(load.nextRun?.date).toBe('10/12/2026');
    expect(load.nextRun?.autoSend).toBe(false);
    const journal = cells(world, 'Journal');
    expect(journal.map((r) => r[6]).join('\n')).toContain('6 paramètre(s) enregistré(s)');
    expect(journal.map((r) => r[6]).join('\n')).not.toContain('FR76');
  });

  it('refuses a bad SIRET and a bad IBAN with the fields’ errors, and writes nothing', () => {
    const world = demo();
    const before = snapshot(world);
    const { reply } = call(world, 'sidebarSave', {
      orgName: 'Autre nom',
      siret: '832 954 317 00027',
      iban: 'FR77 3000 4008 2800 0123 4567 841',
    });
    expect(reply.ok).toBe(false);
    expect(reply.errors).toEqual({
      siret: 'SIRET invalide (clé de contrôle fausse)',
      iban: 'IBAN invalide (chiffres de contrôle faux)\u00a0: vérifiez chaque caractère',
    });
    expect(reply.message).toBe('Rien n’a été enregistré\u00a0: corrigez les champs signalés.');
    expect(snapshot(world)).toBe(before);
    expect(setting(world, "Nom de l'organisation")).toBe('Atelier Formation Conseil');
  });

  it('checks the SIRET against the SIREN of the tab', () => {
    const world = demo();
    const { reply } = call(world, 'sidebarSave', { siret: '732 829 320 00074' });
    expect(reply.errors).toEqual({
      siret: 'Le SIRET doit commencer par le SIREN (832 954 317)',
    });
  });

  it('adds a row for a setting the tab lacks, leaving the others alone', () => {
    const world = demo();
    const sheet = world.sheets.active()?.sheetByName(SETTINGS);
    const rows = cells(world, SETTINGS);
    const at = rows.findIndex((r) => r[0] === 'Email du service financier');
    sheet?.deleteRows(at + 1, 1);
    const before = cells(world, SETTINGS);
    const { reply } = call(world, 'sidebarSave', { financeEmail: 'compta@atelier.example' });
    expect(reply.changed).toEqual(['financeEmail']);
    const after = cells(world, SETTINGS);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after[before.length]).toEqual(['Email du service financier', 'compta@atelier.example']);
  });

  it('says so when another run holds the lock, and writes nothing', () => {
    const world = demo();
    const before = snapshot(world);
    world.locks.owners.set('document', 'exec-monthly');
    const { reply } = call(world, 'sidebarSave', { orgName: 'Autre nom' });
    expect(reply.ok).toBe(false);
    expect(reply.message).toMatch(/Une autre exécution de Facturier est en cours/);
    expect(snapshot(world)).toBe(before);
    expect(call(world, 'sidebarSchedule', true).reply.ok).toBe(false);
    expect(world.triggers).toHaveLength(0);
  });

  it('shows no stack trace on an unexpected error, only a reference that is logged', () => {
    const world = demo();
    const rec = new Recorder();
    rec.failWhen(
      (c) => c.className === 'Range' && c.method === 'getValues',
      'Service Spreadsheets failed while accessing document',
    );
    const { reply } = call(world, 'sidebarLoad', undefined, rec);
    expect(reply.ok).toBe(false);
    const ref = /référence ([0-9a-f]{8})/.exec(reply.message)?.[1];
    expect(ref).toBeDefined();
    expect(reply.message).not.toMatch(/at |\.js|Service Spreadsheets/);
    expect(world.logs.some((l) => l.message.includes(`error ${ref ?? '?'}`))).toBe(true);
  });

  it('schedules the monthly run once, and removes only its own trigger', () => {
    // A script bound to the workbook (not an add-on) may hold other time-driven triggers.
    const world = demo('2026-12-05', false);
    const other = `${bundleCode()}\nfunction __other() { ScriptApp.newTrigger('myOwnJob').timeBased().everyHours(6).create(); }`;
    expect(runEntry(world, other, '__other').error).toBeNull();
    const first = call(world, 'sidebarSchedule', true).reply;
    const second = call(world, 'sidebarSchedule', true).reply;
    expect(first).toMatchObject({ ok: true, scheduled: true });
    expect(second).toMatchObject({ ok: true, scheduled: true });
    expect(second.message).toMatch(/déjà planifiée/);
    expect(handlers(world)).toEqual(['dispatch', 'myOwnJob']);
    expect(call(world, 'sidebarLoad').reply.scheduled).toBe(true);
    const off = call(world, 'sidebarSchedule', false).reply;
    expect(off).toMatchObject({ ok: true, scheduled: false });
    expect(handlers(world)).toEqual(['myOwnJob']);
  });

  it('previews the next number from the register, as a pattern is typed', () => {
    const world = demo();
    expect(runEntry(world, bundleCode(), 'runMonthly').error).toBeNull();
    const numbers = cells(world, 'Factures')
      .slice(1)
      .map((r) => String(r[0]));
    const last = (prefix: string) =>
      Math.max(...numbers.filter((n) => n.startsWith(prefix)).map((n) => Number(n.slice(-4))));
    expect(last('FA-2026-')).toBeGreaterThan(1);
    const preview = (key: string, pattern: string) =>
      call(world, 'sidebarPreviewNumber', { key, pattern }).reply;
    expect(preview('invoicePattern', 'FA-{YYYY}-{SEQ:5}')).toEqual({
      ok: true,
      next: `FA-2026-${String(last('FA-2026-') + 1).padStart(5, '0')}`,
    });
    expect(preview('selfBillingPattern', 'AF-{PROVIDER}-{YYYY}-{SEQ:4}')).toEqual({
      ok: true,
      next: `AF-CLEMENT-2026-${String(last('AF-CLEMENT-2026-') + 1).padStart(4, '0')}`,
      provider: 'CLEMENT',
    });
    // A new series starts at 1; a pattern that cannot number says why.
    expect(preview('invoicePattern', 'F{YY}{MM}-{SEQ:3}')).toEqual({ ok: true, next: 'F2612-001' });
    expect(preview('creditPattern', 'AV-{YYYY}')).toEqual({
      ok: false,
      error:
        'Modèle de numérotation «\u00a0AV-{YYYY}\u00a0» invalide\u00a0: il faut exactement un {SEQ:n}',
    });
    expect(call(world, 'sidebarLoad').reply.numbers?.['invoicePattern']?.next).toBe(
      `FA-2026-${String(last('FA-2026-') + 1).padStart(5, '0')}`,
    );
  });
});

describe('the local runner', () => {
  it('writes the sidebar and the dialogs a run shows as HTML files', async () => {
    const settings = await local({
      action: 'settings',
      workbook: demoWorkbook,
      today: '2026-12-01',
    });
    const page = fs.readFileSync(path.join(settings.out, 'ui', '001-sidebar.html'), 'utf8');
    expect(page).toContain('google.script.run');
    expect(page).toContain('sidebarSave');
    const payment = await local({
      action: 'record-payment',
      workbook: demoWorkbook,
      today: '2026-12-01',
    });
    const dialog = fs.readFileSync(path.join(payment.out, 'ui', '001-modal.html'), 'utf8');
    expect(dialog).toContain('submitPayment');
  });
});
