/**
 * The built dist/Code.js in the in-memory Apps Script: entry points, menu, set-up, and the first
 * billing path (extra lines → issued invoice → Doc → PDF → email → register).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import PostalMime from 'postal-mime';
import { REQUIRED_ENTRY_POINTS } from '../../src/app/entry-points';
import { MENU_ITEMS, SEPARATOR } from '../../src/app/menu';
import { TABS } from '../../src/sheets/tabs';
import { loadBundle, runEntry } from '../../tools/gas-sim/vm-loader';
import { Execution } from '../../tools/gas-sim/execution';
import { World } from '../../tools/gas-sim/world';
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { pdfText } from '../../tools/pdf-text-client';
import { bundleCode, demoWorkbook, local, readCsv, walk } from './helpers';

describe('dist/Code.js', () => {
  const code = bundleCode();

  it('has no import or export left and declares every entry point as a top-level function', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    for (const name of REQUIRED_ENTRY_POINTS) {
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('exposes every entry point as a function in a vm context with the in-memory services', () => {
    const world = new World({ today: '2026-12-05' });
    const globals = loadBundle(code, new Execution(world));
    for (const name of REQUIRED_ENTRY_POINTS) {
      expect(typeof globals[name]).toBe('function');
    }
  });

  it('onOpen builds the add-on menu with every item of SPEC §6', () => {
    const world = new World({ today: '2026-12-05' });
    importCsvFolder(demoWorkbook, world);
    const run = runEntry(world, code, 'onOpen', { authMode: 'LIMITED' }, { interactive: true });
    expect(run.error).toBeNull();
    const menus = world.ui.menus;
    expect(menus).toHaveLength(1);
    const items = menus[0]?.items.filter((i) => i.functionName !== undefined) ?? [];
    const expected = MENU_ITEMS.flatMap((i) => (i === SEPARATOR ? [] : [i.handler]));
    expect(items.map((i) => i.functionName)).toEqual(expected);
    expect(items.map((i) => i.caption)).toContain('Émettre et envoyer');
  });
});

describe('set-up', () => {
  it('creates every tab of SPEC §2 with its French headers, and a second run changes nothing', async () => {
    const first = await local({ action: 'setup', workbook: demoWorkbook, today: '2026-12-01' });
    expect(first.report.error).toBeNull();
    for (const def of TABS) {
      const rows = readCsv(first.out, def.fr);
      expect(rows[0]?.slice(0, def.columns.length).length).toBeGreaterThan(0);
      for (const col of def.columns) {
        if (def.key === 'settings') continue;
        expect(rows[0]).toContain(col.fr);
      }
    }
    const template = walk(path.join(first.out, 'drive')).filter((f) =>
      f.includes('Modèle de facture'),
    );
    expect(template).toHaveLength(1);

    const second = await local({ action: 'setup', from: first.out, today: '2026-12-01' });
    expect(second.report.error).toBeNull();
    const outcome = second.report.outcome as { counts: Record<string, number> };
    expect(outcome.counts).toEqual({
      tabsCreated: 0,
      columnsAdded: 0,
      templateMissing: 0,
      templateUnknown: 0,
    });
    for (const def of TABS.filter((t) => !t.output)) {
      expect(readCsv(second.out, def.fr)).toEqual(readCsv(first.out, def.fr));
    }
  });
});

describe('the monthly job on the demo workbook', () => {
  let out = '';
  let register: string[][] = [];
  const col = (name: string) => register[0]?.indexOf(name) ?? -1;
  /** Rows of the Billing calls tab that are billing calls (an email each). */
  const billingCalls = () => readCsv(out, 'Appels à facturation').filter((r) => r[7] === 'appel');
  const rowOf = (draftId: string) => register.find((r) => r[col('Brouillon')] === draftId) ?? [];
  beforeAll(async () => {
    const run = await local({ action: 'monthly', workbook: demoWorkbook, today: '2026-12-05' });
    expect(run.report.error).toBeNull();
    out = run.out;
    register = readCsv(out, 'Factures');
  });

  it('issues every invoice in continuous series: invoices, and each provider its own self-billing series', () => {
    const numbers = register.slice(1).map((r) => r[0] ?? '');
    const invoices = numbers.filter((n) => n.startsWith('FA-')).sort();
    expect(invoices.length).toBeGreaterThanOrEqual(2);
    expect(invoices).toEqual(invoices.map((_, i) => `FA-2026-${String(i + 1).padStart(5, '0')}`));
    expect(numbers.filter((n) => n.startsWith('AF-'))).toEqual(['AF-CLEMENT-2026-0001']);
    expect(rowOf('extra-lines:BRIOCHE:2026-11')[col('Code acheteur')]).toBe('BRIOCHE');
  });

  it('writes the PDF of each invoice with its number and exact totals', () => {
    const number = rowOf('extra-lines:BRIOCHE:2026-11')[0] ?? '';
    const pdfs = walk(path.join(out, 'drive')).filter(
      (f) => f.endsWith('.pdf') && !f.endsWith('.gdoc.pdf'),
    );
    expect(pdfs).toHaveLength(register.length - 1);
    const brioche = pdfs.find((f) => path.basename(f).startsWith(`${number} - `));
    expect(brioche).toBeDefined();
    const text = pdfText(brioche ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(number);
    // 86,40 + 2 × 1 150,00 × 0,9 = 2 156,40 HT; VAT 20 % = 431,28; TTC 2 587,68
    expect(text).toMatch(/2 156,40 €/);
    expect(text).toMatch(/431,28 €/);
    expect(text).toMatch(/2 587,68 €/);
    expect(text).toContain('Pas d’escompte pour paiement anticipé');
    expect(text).toMatch(/40 €/);
    expect(text).toContain('BC-2026-118');
  });

  it('emails each invoice with its PDF attached', async () => {
    const number = rowOf('extra-lines:BRIOCHE:2026-11')[0] ?? '';
    const emls = walk(path.join(out, 'mail')).filter((f) => f.endsWith('.eml'));
    // One per invoice, one per billing call, and the summary to the finance contact.
    expect(emls).toHaveLength(register.length - 1 + billingCalls().length + 1);
    const all = await Promise.all(emls.map(async (f) => PostalMime.parse(fs.readFileSync(f))));
    const summary = all.filter((m) => m.to?.[0]?.address === 'finance@atelier-formation.example');
    expect(summary).toHaveLength(1);
    expect(summary[0]?.subject).toBe(
      `Facturation de novembre 2026\u00a0: ${register.length - 1} facture(s) émise(s) — Atelier Formation Conseil`,
    );
    expect(summary[0]?.text).toMatch(
      new RegExp(`^ {2}Factures émises +${register.length - 1}$`, 'm'),
    );
    expect(summary[0]?.text).toContain('en 1 exécution(s)');
    const parsed = all.find((m) => (m.subject ?? '').includes(number));
    expect(parsed?.to?.[0]?.address).toBe('compta@brioche-cie.example');
    expect(parsed?.text).toContain(`BRIOCHE ${number}`);
    expect(parsed?.html).toContain(`<strong>${number}</strong>`);
    const pdf = parsed?.attachments.find((a) => a.mimeType === 'application/pdf');
    expect(pdf?.filename).toBe(`${number} - Brioche & Compagnie SARL.pdf`);
    const selfBilled = all.find((m) => (m.subject ?? '').includes('AF-CLEMENT-2026-0001'));
    expect(selfBilled?.to?.[0]?.address).toBe('claire.clement@mentor.example');
    // A billing call lists the month's sessions and the exact amount to invoice.
    const call = all.find((m) => m.to?.[0]?.address === 'minh@nguyen-conseil.example');
    expect(call?.subject).toBe('Appel à facturation novembre 2026 — Atelier Formation Conseil');
    // Greeted by name, not by company; the month as people say it.
    expect(call?.text).toMatch(/^Bonjour Minh Nguyen,$/m);
    expect(call?.text).toContain('réalisées en novembre 2026');
    expect(selfBilled?.text).toMatch(/^(Bonjour|Hello) Claire Clément,/m);
    expect(call?.html).toContain('<table');
    expect(call?.text).toContain('242,40');
    expect(call?.text).toContain('SIRET');
  });

  it('reports the deliberate mistakes in the Journal with their cells', () => {
    const journal = readCsv(out, 'Journal');
    const cells = journal.slice(1).map((r) => `${r[4]}!${r[5]}`);
    expect(cells).toContain('Prestations!K7');
    expect(cells).toContain('Prestations!C8');
  });

  it('writes run.json with calls by service and simulated time', () => {
    const run = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8')) as {
      calls: Record<string, Record<string, number>>;
      simulatedMs: number;
    };
    expect(run.calls['MailApp']?.['sendEmail']).toBe(
      register.length - 1 + billingCalls().length + 1,
    );
    expect(run.simulatedMs).toBeGreaterThan(0);
  });

  it('a second run the next day issues nothing and sends nothing', async () => {
    const again = await local({ action: 'monthly', from: out, today: '2026-12-06' });
    expect(again.report.error).toBeNull();
    expect(readCsv(again.out, 'Factures')).toHaveLength(register.length);
    expect(walk(path.join(again.out, 'mail'))).toHaveLength(0);
  });
});
