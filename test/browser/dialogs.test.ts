/**
 * The menu's dialogs in Debian's Chromium, as the bundle shows them: each opened by its menu
 * entry point in the in-memory Apps Script (tools/local/ui-bridge.ts), its HTML checked by
 * Chromium's parser and the content rules, filled in and submitted through google.script.run
 * served by the bundle, the workbook read back from the same World. A refused value shows its
 * error under its field; user text comes back as text. Chromium missing is a failure, not a skip.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { displayRows, importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { typeCell } from '../../tools/gas-sim/typing';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { chromiumMissing, launchChromium } from '../../tools/local/chromium';
import { writeDemoInbox } from '../../tools/local/demo-inbox';
import { BUNDLE, DEMO_WORKBOOK, startUiBridge, type UiBridge } from '../../tools/local/ui-bridge';
import { tempDir } from '../e2e/helpers';
import { attr, elementsOf, validateAll } from './html-check';

const WAIT = { timeout: 15_000 };
const code = fs.readFileSync(BUNDLE, 'utf8');

/** The dialogs of the menu: entry point, and its title in French and English. */
const DIALOGS = [
  ['menuPreview', 'Aperçu des factures', 'Invoice preview'],
  ['menuRecordPayment', 'Enregistrer un paiement', 'Record a payment'],
  ['menuCreditNote', 'Émettre un avoir', 'Issue a credit note'],
  ['menuDebitNote', 'Émettre une note de débit', 'Issue a debit note'],
  [
    'menuApplyCredit',
    'Imputer un crédit sur la prochaine facture',
    'Apply a credit to the next invoice',
  ],
  ['menuReceive', 'Importer des factures reçues', 'Import received invoices'],
  ['menuBillSession', 'Facturer une session', 'Bill a session'],
  ['menuWriteOff', 'Mettre en perte', 'Write off'],
  ['menuDiagnostic', 'Facturier — Diagnostic', 'Facturier — Diagnostic'],
] as const;

/** The dialogs that are forms. */
const FORMS = DIALOGS.filter(([e]) => e !== 'menuPreview' && e !== 'menuDiagnostic');

const HOSTILE = `<img src=x onerror="window.__pwned=1"> & {{seller.iban}} $& "q" 😀`;

function demoWorld(lang: 'fr' | 'en' = 'fr'): World {
  const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
  importCsvFolder(DEMO_WORKBOOK, world);
  if (lang === 'en') typeCell(world, 'Paramètres', { Clé: 'Langue' }, 'Valeur', 'en');
  return world;
}

/** The demo after its monthly job: 9 invoices issued and emailed. */
function monthWorld(prepare?: (w: World) => void): World {
  const world = demoWorld();
  prepare?.(world);
  const run = runEntry(world, code, 'runMonthly', undefined, {
    interactive: false,
    document: true,
    limitMs: null,
  });
  if (run.error) throw run.error;
  return world;
}

function tab(world: World, name: string): string[][] {
  const ss = world.sheets.active();
  return (ss && displayRows(ss).find((t) => t.tab === name)?.rows) ?? [];
}

/** The row of `name` whose first cell is `first`, as a header → cell map. */
function row(world: World, name: string, first: string): Record<string, string> {
  const rows = tab(world, name);
  const head = rows.find((r) => r.includes('Numéro') || r.includes('Date')) ?? rows[0] ?? [];
  const found = rows.find((r) => r[0] === first) ?? [];
  return Object.fromEntries(head.map((h, i) => [h, found[i] ?? '']));
}

/** Every tab but the Journal (where each run writes its line), as shown. */
function everything(world: World): string {
  const ss = world.sheets.active();
  return JSON.stringify(ss ? displayRows(ss).filter((t) => t.tab !== 'Journal') : []);
}

/** Spaces as typed: the no-break spaces of amounts made plain. */
const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the dialogs in Chromium', () => {
  let browser: Browser | undefined;
  let bridge: UiBridge | undefined;
  let page: Page;

  beforeAll(async () => {
    const missing = chromiumMissing();
    if (missing) throw new Error(missing);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    await page?.close();
    await bridge?.close();
    bridge = undefined;
  });

  /** Opens the dialog an entry point shows, at the size Sheets gives it. */
  async function open(entry: string, world: World): Promise<UiBridge> {
    if (!browser) throw new Error(chromiumMissing() ?? 'Chromium did not start');
    bridge = await startUiBridge({ entry, world, kind: 'modal' });
    page = await browser.newPage({
      viewport: { width: bridge.shown.width ?? 640, height: bridge.shown.height ?? 420 },
    });
    await page.goto(bridge.url);
    return bridge;
  }

  /** The text under a field, and whether it is shown and tied to the field. */
  async function errorOf(name: string): Promise<{ text: string; shown: boolean; tied: boolean }> {
    const error = page.locator(`#f-${name} ~ [data-error-for="${name}"]`);
    const text = plain((await error.textContent()) ?? '');
    const described = (await page.getAttribute(`#f-${name}`, 'aria-describedby')) ?? '';
    const invalid = await page.getAttribute(`#f-${name}`, 'aria-invalid');
    return {
      text,
      shown: await error.isVisible(),
      tied: described.split(' ').includes(`e-${name}`) && invalid === 'true',
    };
  }

  /** The outcome's first line, once the server has answered (a second line may point to the Journal). */
  async function submitted(ok: boolean): Promise<string> {
    await page.locator(`#outcome.${ok ? 'ok' : 'ko'}`).waitFor(WAIT);
    return plain((await page.textContent('#outcome')) ?? '').split('\n')[0] ?? '';
  }

  it('has Chromium to run in', () => {
    expect(chromiumMissing()).toBeNull();
  });

  it.each(['fr', 'en'] as const)(
    'every dialog, in %s: valid HTML as Chromium reads it, every field labelled, nothing fetched',
    async (lang) => {
      const world = demoWorld(lang);
      const pages = DIALOGS.map(([entry, fr, en]) => {
        const before = world.ui.html.length;
        const run = runEntry(world, code, entry);
        expect(run.error).toBeNull();
        const shown = world.ui.html.slice(before).pop();
        expect([entry, shown?.kind, shown?.title]).toEqual([
          entry,
          'modal',
          lang === 'fr' ? fr : en,
        ]);
        return shown?.content ?? '';
      });
      if (!browser) throw new Error('no browser');
      page = await browser.newPage();
      const checked = await validateAll(page, pages, { bareBooleans: true });
      expect(checked.map((c, k) => [DIALOGS[k]?.[0], c.problems])).toEqual(
        DIALOGS.map(([entry]) => [entry, []]),
      );
      for (const [k, c] of checked.entries()) {
        const els = elementsOf(c.tree);
        // (The diagnostic speaks the spreadsheet's locale, French here, whatever the setting.)
        const expected = DIALOGS[k]?.[0] === 'menuDiagnostic' ? 'fr' : lang;
        expect(els.find((e) => e.tag === 'html')?.attrs).toContainEqual(['lang', expected]);
        // No external resource: no link, no src, no remote script.
        expect(els.filter((e) => e.tag === 'link' || attr(e, 'src') !== undefined)).toEqual([]);
        // A form's every field has its label, its error place and the error tied to it.
        for (const f of els.filter((e) => ['input', 'select', 'textarea'].includes(e.tag))) {
          const name = attr(f, 'name') ?? '';
          expect([DIALOGS[k]?.[0], attr(f, 'id')]).toEqual([DIALOGS[k]?.[0], `f-${name}`]);
          expect(attr(f, 'aria-describedby')).toContain(`e-${name}`);
          expect(els.some((e) => e.tag === 'label' && attr(e, 'for') === `f-${name}`)).toBe(true);
        }
      }
    },
  );

  it('record a payment, by keyboard only: written to Payments, the status refreshed', async () => {
    const world = monthWorld();
    const b = await open('menuRecordPayment', world);
    // The first field has the focus; Tab goes through every field, then the buttons.
    const order: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = await page.evaluate<string>('document.activeElement && document.activeElement.id');
      if (order[order.length - 1] !== id) order.push(id);
      await page.keyboard.press('Tab');
    }
    expect(order.slice(0, 7)).toEqual([
      'f-invoice',
      'f-date',
      'f-amount',
      'f-method',
      'f-reference',
      'submit',
      'cancel',
    ]);
    await page.focus('#f-invoice');
    await page.keyboard.type('FA-2026-00002');
    await page.fill('#f-date', '2026-12-04');
    await page.focus('#f-amount');
    await page.keyboard.type('2 000,00');
    await page.focus('#f-method');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#f-method')).toBe('prélèvement');
    await page.focus('#f-reference');
    await page.keyboard.type('VIR LUMEN 0412');
    await page.keyboard.press('Enter');
    expect(await submitted(true)).toBe(
      'Paiement de 2 000,00 € enregistré sur FA-2026-00002 ; suivi des paiements à jour.',
    );
    const paid = (tab(world, 'Paiements').find((r) => r.includes('VIR LUMEN 0412')) ?? []).map(
      plain,
    );
    expect(paid).toEqual(
      expect.arrayContaining([
        '04/12/2026',
        'FA-2026-00002',
        '2 000,00',
        'prélèvement',
        'saisi par le menu',
      ]),
    );
    expect(plain(row(world, 'Suivi des paiements', 'FA-2026-00002')['Payé'] ?? '')).toBe(
      '2 000,00',
    );
    // The form is emptied once recorded, so it is not posted twice by mistake.
    expect(await page.inputValue('#f-invoice')).toBe('');
    expect(b.log.map((c) => c.fn)).toEqual(['submitPayment']);
  });

  it('record a payment refused: each error under its field, nothing written, user text as text', async () => {
    const world = monthWorld();
    await open('menuRecordPayment', world);
    const before = everything(world);
    await page.fill('#f-invoice', HOSTILE);
    await page.fill('#f-amount', 'abc');
    await page.click('#submit');
    expect(await submitted(false)).toBe('Rien n’a été enregistré : corrigez les champs signalés.');
    expect(await errorOf('invoice')).toEqual({
      text: `Numéro inconnu : « ${HOSTILE} »`,
      shown: true,
      tied: true,
    });
    expect(await errorOf('date')).toEqual({ text: 'Date obligatoire', shown: true, tied: true });
    expect((await errorOf('amount')).text).toMatch(/^nombre invalide/);
    expect((await errorOf('reference')).shown).toBe(false);
    expect(await page.getAttribute('#f-reference', 'aria-invalid')).toBe('false');
    // The first refused field has the focus.
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('f-invoice');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
    expect(everything(world)).toBe(before);
    // Amount above what is left: refused at the amount.
    await page.fill('#f-invoice', 'FA-2026-00002');
    await page.fill('#f-date', '2026-12-04');
    await page.fill('#f-amount', '9 999,00');
    await page.click('#submit');
    await page.locator('[data-error-for="amount"]', { hasText: 'Montant supérieur' }).waitFor(WAIT);
    expect(await errorOf('amount')).toEqual({
      text: 'Montant supérieur au reste dû de FA-2026-00002 (5 928,00 €)',
      shown: true,
      tied: true,
    });
    expect((await errorOf('invoice')).shown).toBe(false);
    expect(everything(world)).toBe(before);
  });

  it('record a payment in an English workbook: English labels and errors', async () => {
    const world = demoWorld('en');
    await open('menuRecordPayment', world);
    expect(await page.getByLabel('Invoice number').getAttribute('id')).toBe('f-invoice');
    expect(await page.getByLabel('Payment date').getAttribute('id')).toBe('f-date');
    await page.fill('#f-invoice', 'FA-2099-00001');
    await page.click('#submit');
    expect(await submitted(false)).toBe('Nothing was recorded: correct the fields shown.');
    expect((await errorOf('invoice')).text).toBe('Unknown number: "FA-2099-00001"');
    expect((await errorOf('amount')).text).toBe('Amount required');
  });

  it('issue a credit note: numbered, in the register, emailed; an unknown invoice refused', async () => {
    const world = monthWorld();
    await open('menuCreditNote', world);
    const sent = world.mail.sent.length;
    await page.fill('#f-invoice', 'FA-2099-00001');
    await page.fill('#f-reason', 'Formation annulée');
    await page.click('#submit');
    await submitted(false);
    expect(await errorOf('invoice')).toEqual(expect.objectContaining({ shown: true, tied: true }));
    expect((await errorOf('invoice')).text).toContain('FA-2099-00001');
    await page.fill('#f-invoice', 'FA-2026-00006');
    await page.fill('#f-reason', 'Formation annulée');
    await page.click('#submit');
    expect(await submitted(true)).toBe(
      'Avoir AV-2026-00001 émis (806,40 € TTC) : la facture est annulée.',
    );
    expect(row(world, 'Factures', 'AV-2026-00001')['Type']).toBe('avoir');
    expect(world.mail.sent.slice(sent).map((m) => m.subject)).toEqual([
      'Avoir AV-2026-00001 — Atelier Formation Conseil',
    ]);
  });

  it('issue a debit note: numbered in the invoice series; a negative supplement and no reason refused', async () => {
    const world = monthWorld();
    await open('menuDebitNote', world);
    const before = everything(world);
    await page.fill('#f-invoice', 'FA-2026-00002');
    await page.fill('#f-amount', '-5');
    await page.click('#submit');
    await submitted(false);
    expect((await errorOf('amount')).text).toBe(
      'Le supplément doit être positif (une réduction se fait par un avoir)',
    );
    expect(await errorOf('reason')).toEqual({ text: 'Indiquez le motif', shown: true, tied: true });
    expect(everything(world)).toBe(before);
    await page.fill('#f-amount', '120,00');
    await page.fill('#f-reason', 'Deux visuels supplémentaires');
    await page.click('#submit');
    expect(await submitted(true)).toBe('Note de débit FA-2026-00009 émise (120,00 € TTC).');
    expect(row(world, 'Factures', 'FA-2026-00009')['Type']).toBe('note-de-debit');
  });

  it('apply a credit: kept on the invoice for the next one; an invoice without credit refused', async () => {
    const world = monthWorld();
    const menu = { interactive: true, limitMs: null };
    const paid = runEntry(
      world,
      code,
      'submitPayment',
      { invoice: 'FA-2026-00007', date: '05/12/2026', amount: '2 587,68', method: 'virement' },
      menu,
    );
    expect((paid.result as { ok: boolean }).ok).toBe(true);
    const credit = runEntry(
      world,
      code,
      'submitCreditNote',
      { invoice: 'FA-2026-00007', amount: '120,00', reason: 'Geste commercial' },
      menu,
    );
    expect((credit.result as { ok: boolean }).ok).toBe(true);
    await open('menuApplyCredit', world);
    await page.fill('#f-invoice', 'FA-2026-00003');
    await page.click('#submit');
    await submitted(false);
    expect(await errorOf('invoice')).toEqual(expect.objectContaining({ shown: true, tied: true }));
    await page.fill('#f-invoice', 'AV-2026-00001');
    await page.click('#submit');
    expect(await submitted(true)).toBe(
      'Crédit de 120,00 € (facture FA-2026-00007) à déduire de la prochaine facture de Brioche & Compagnie SARL.',
    );
    expect(row(world, 'Factures', 'FA-2026-00007')['Crédit à imputer']).toBe('120,00');
  });

  it('import received invoices: the chosen files read and matched; none chosen refused', async () => {
    const world = monthWorld();
    await open('menuReceive', world);
    await page.click('#submit');
    await submitted(false);
    expect(await errorOf('files')).toEqual({
      text: 'Choisissez un ou plusieurs fichiers',
      shown: true,
      tied: true,
    });
    const inbox = tempDir('inbox');
    writeDemoInbox(inbox);
    const files = fs.readdirSync(inbox).map((f) => path.join(inbox, f));
    await page.setInputFiles('#f-files', files);
    await page.click('#submit');
    expect(await submitted(true)).toBe(
      '2 fichier(s) lu(s) : 1 rapproché(s) d’un appel à facturation, 1 à vérifier, 0 illisible(s), 0 déjà lu(s). Voir l’onglet Factures reçues.',
    );
    expect(tab(world, 'Factures reçues').slice(1)).toHaveLength(2);
  });

  it('bill a session by hand: its invoice issued; an unknown session refused', async () => {
    const world = monthWorld((w) =>
      typeCell(w, 'Clients', { Code: 'OPCOATL' }, 'Mode de facturation', 'aucune'),
    );
    const opco = () => tab(world, 'Factures').filter((r) => r.includes('OPCOATL') && r[0] !== '');
    expect(opco()).toEqual([]);
    await open('menuBillSession', world);
    await page.fill('#f-session', 'FORM-9999');
    await page.keyboard.press('Enter');
    await submitted(false);
    expect(await errorOf('session')).toEqual({
      text: 'Session inconnue : « FORM-9999 » (onglet Formations)',
      shown: true,
      tied: true,
    });
    await page.fill('#f-session', 'form-2611-excel');
    await page.keyboard.press('Enter');
    expect(await submitted(true)).toBe(
      'Session FORM-2611-EXCEL : 1 facture(s) émise(s), 1 email(s) envoyé(s).',
    );
    expect(opco()).toHaveLength(1);
  });

  it('write off: the reason kept as typed, the status "mise en perte"; missing values refused', async () => {
    const world = monthWorld();
    await open('menuWriteOff', world);
    await page.click('#submit');
    await submitted(false);
    expect((await errorOf('invoice')).text).toBe('Numéro obligatoire');
    expect((await errorOf('reason')).text).toBe('Motif obligatoire');
    await page.fill('#f-invoice', 'FA-2026-00003');
    // Kept as typed: not markup, not a formula.
    await page.fill('#f-reason', `=1+1 Liquidation ${HOSTILE}`);
    await page.click('#submit');
    expect(await submitted(true)).toBe('FA-2026-00003 mise en perte (13 320,00 € non recouvrés).');
    expect(row(world, 'Factures', 'FA-2026-00003')['Motif de la perte']).toBe(
      `=1+1 Liquidation ${HOSTILE}`,
    );
    const register = world.sheets.active()?.sheetByName('Factures');
    const formulas: string[] = [];
    for (let r = 1; r <= (register?.lastRow() ?? 0); r++)
      for (let c = 1; c <= (register?.lastColumn() ?? 0); c++) {
        const f = register?.cell(r, c)?.f;
        if (f) formulas.push(f);
      }
    expect(formulas).toEqual([]);
    expect(row(world, 'Suivi des paiements', 'FA-2026-00003')['Statut']).toBe('mise en perte');
    expect(await page.locator('img').count()).toBe(0);
  });

  it('the preview: what would be billed and sent, the problems with their cells; Close and Escape close it', async () => {
    const world = demoWorld();
    typeCell(world, 'Clients', { Code: 'LUMEN' }, 'Nom', HOSTILE);
    const before = everything(world);
    await open('menuPreview', world);
    expect(await page.textContent('#count')).toBe('9 facture(s) seraient générées');
    const rows = await page
      .$$eval('table.list tbody tr', (trs) =>
        trs.map((tr) =>
          Array.from(tr.children).map(
            (td) => (td as { textContent: string | null }).textContent ?? '',
          ),
        ),
      )
      .then((r) => r.map((cells) => cells.map(plain)));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual([
      'Atelier Formation Conseil',
      'Autofacture',
      '6',
      '222,00 €',
      '222,00 €',
    ]);
    // The hostile client name is shown as typed, as text.
    expect(rows.filter((r) => r[0] === HOSTILE)).toHaveLength(2);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#to-send li').allTextContents()).toEqual([
      '0 facture(s) émise(s) pas encore envoyée(s)',
      '2 appel(s) à facturation aux intervenants',
    ]);
    const problems = (await page.locator('#problems li').allTextContents()).map(plain);
    expect(problems).toHaveLength(6);
    expect(problems).toContain(
      'Prestations!K7 Taux TVA : nombre invalide : « abc » ; ligne ignorée',
    );
    // Nothing written by a preview.
    expect(everything(world)).toBe(before);
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('close');
    await page.keyboard.press('Escape');
    await page.click('#close');
    expect(await page.evaluate<number>('window.__hostClosed')).toBe(2);
  });

  it('the diagnostic report: each step with its outcome, time and detail; Escape and Close close it', async () => {
    const world = demoWorld();
    await open('menuDiagnostic', world);
    expect(plain((await page.textContent('#summary')) ?? '')).toMatch(
      /^Diagnostic : les \d+ étapes ont réussi/,
    );
    const steps = await page.locator('table.list tbody tr').count();
    expect(steps).toBeGreaterThan(10);
    expect(await page.locator('table.list td.ok').count()).toBe(steps);
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('close');
    await page.keyboard.press('Escape');
    await page.click('#close');
    expect(await page.evaluate<number>('window.__hostClosed')).toBe(2);
  });

  it('every form closes with its Close button or Escape', async () => {
    const world = demoWorld();
    for (const [entry] of FORMS) {
      await open(entry, world);
      await page.keyboard.press('Escape');
      await page.click('#cancel');
      expect([entry, await page.evaluate<number>('window.__hostClosed')]).toEqual([entry, 2]);
      await page.close();
      await bridge?.close();
      bridge = undefined;
    }
  });
});
