/**
 * The settings sidebar in Debian's Chromium: the page the bundle shows, its google.script.run
 * calls served by the bundle in the in-memory Apps Script (tools/local/ui-bridge.ts), and
 * the workbook read back from the same World. Chromium missing is a failure, not a skip.
 */
import type { Browser, Page } from 'playwright-core';
import type { CellValue } from '../../src/sheets/cells';
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { chromiumMissing, launchChromium } from '../../tools/local/chromium';
import {
  BUNDLE,
  DEMO_WORKBOOK,
  startSidebarBridge,
  type SidebarBridge,
} from '../../tools/local/ui-bridge';
import * as fs from 'node:fs';

const SETTINGS = 'Paramètres';
const WAIT = { timeout: 15_000 };

function demoWorld(): World {
  const world = new World({ today: '2026-12-05' });
  importCsvFolder(DEMO_WORKBOOK, world);
  return world;
}

/** The Settings tab's key → value, read from the World's spreadsheet. */
function settingsTab(world: World): Map<string, CellValue> {
  const sheet = world.sheets.active()?.sheetByName(SETTINGS);
  if (!sheet) throw new Error('no Settings tab');
  const out = new Map<string, CellValue>();
  for (let r = 2; r <= sheet.lastRow(); r++) out.set(String(sheet.value(r, 1)), sheet.value(r, 2));
  return out;
}

const sheetsJson = (world: World) => JSON.stringify(world.sheets.toJSON());

describe('the settings sidebar in Chromium', () => {
  let browser: Browser | undefined;
  let bridge: SidebarBridge | undefined;
  let page: Page;
  /** Every URL the page asked for. */
  let requests: string[];

  beforeAll(async () => {
    const missing = chromiumMissing();
    if (missing) throw new Error(missing);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(world: World = demoWorld()): Promise<SidebarBridge> {
    if (!browser) throw new Error(chromiumMissing() ?? 'Chromium did not start');
    bridge = await startSidebarBridge({ world });
    page = await browser.newPage({ viewport: { width: 300, height: 900 } });
    requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(bridge.url);
    await page.locator('#next-date').waitFor(WAIT);
    return bridge;
  }

  afterEach(async () => {
    await page?.close();
    await bridge?.close();
    bridge = undefined;
  });

  it('has Chromium to run in', () => {
    expect(chromiumMissing()).toBeNull();
    expect(fs.existsSync(BUNDLE)).toBe(true);
  });

  it('loads what the next run would bill and send, with nothing fetched from the network', async () => {
    const b = await open();
    expect(await page.locator('#next-date').textContent()).toBe('05/12/2026');
    expect(await page.locator('ul.drafts li').count()).toBe(9);
    expect(await page.locator('#next-run').textContent()).toContain(
      '2 appel(s) à facturation aux intervenants',
    );
    expect(await page.locator('#schedule-status').textContent()).toMatch(/^Non planifiée/);
    expect(requests.every((u) => u.startsWith(b.url))).toBe(true);
    expect(b.log.map((c) => c.fn)).toEqual(['sidebarLoad']);
  });

  it('saves what is typed into the Settings tab', async () => {
    const b = await open();
    await page.fill('#f-orgName', 'Atelier Formation Conseil Lyon');
    await page.fill('#f-iban', 'fr76 3000 6000 0112 3456 7890 189');
    await page.fill('#f-billingCallDay', '12');
    await page.uncheck('#f-autoSend');
    await page.selectOption('#f-trainingBillingMode', 'consolidated');
    await page.click('#save');
    await page.locator('#outcome.ok').waitFor(WAIT);
    expect(await page.locator('#outcome').textContent()).toBe(
      "5 paramètre(s) enregistré(s)\u00a0: Nom de l'organisation, IBAN, Jour des appels à facturation, Envoi automatique, Mode de facturation des formations.",
    );
    const tab = settingsTab(b.world);
    expect(tab.get("Nom de l'organisation")).toBe('Atelier Formation Conseil Lyon');
    expect(tab.get('IBAN')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(tab.get('Jour des appels à facturation')).toBe(12);
    expect(tab.get('Envoi automatique')).toBe('non');
    expect(tab.get('Mode de facturation des formations')).toBe('consolidée');
    expect(tab.get('SIRET')).toBe('832 954 317 00026');
    // The page shows the value as saved, and the next run as it now stands.
    expect(await page.inputValue('#f-iban')).toBe('FR76 3000 6000 0112 3456 7890 189');
    await page.locator('#next-date', { hasText: '12/12/2026' }).waitFor(WAIT);
    expect(await page.locator('#next-run').textContent()).toContain('resteront en brouillon');
  });

  it('shows the errors of a bad SIRET and a bad IBAN, and writes nothing', async () => {
    const b = await open();
    const before = sheetsJson(b.world);
    await page.fill('#f-orgName', 'Un autre nom');
    await page.fill('#f-siret', '832 954 317 00027');
    await page.fill('#f-iban', 'FR77 3000 4008 2800 0123 4567 841');
    await page.click('#save');
    await page.locator('#outcome.ko').waitFor(WAIT);
    const siret = page.locator('[data-error-for="siret"]');
    const iban = page.locator('[data-error-for="iban"]');
    expect(await siret.isVisible()).toBe(true);
    expect(await siret.textContent()).toBe('SIRET invalide (clé de contrôle fausse)');
    expect(await iban.isVisible()).toBe(true);
    expect(await iban.textContent()).toBe(
      'IBAN invalide (chiffres de contrôle faux)\u00a0: vérifiez chaque caractère',
    );
    expect(await page.locator('[data-error-for="orgName"]').isVisible()).toBe(false);
    expect(await page.locator('#outcome').textContent()).toBe(
      'Rien n’a été enregistré\u00a0: corrigez les champs signalés.',
    );
    expect(await page.getAttribute('#f-siret', 'aria-invalid')).toBe('true');
    expect(sheetsJson(b.world)).toBe(before);
    expect(settingsTab(b.world).get("Nom de l'organisation")).toBe('Atelier Formation Conseil');
  });

  it('shows the next number of a pattern from the register, as it is typed', async () => {
    const world = demoWorld();
    expect(runEntry(world, fs.readFileSync(BUNDLE, 'utf8'), 'runMonthly').error).toBeNull();
    const register = world.sheets.active()?.sheetByName('Factures');
    const numbers: string[] = [];
    for (let r = 2; r <= (register?.lastRow() ?? 0); r++)
      numbers.push(String(register?.value(r, 1)));
    const lastFa = Math.max(
      ...numbers.filter((n) => n.startsWith('FA-2026-')).map((n) => Number(n.slice(8))),
    );
    const nextFa = `FA-2026-${String(lastFa + 1).padStart(5, '0')}`;
    await open(world);
    const next = page.locator('[data-next-for="invoicePattern"]');
    expect(await next.textContent()).toBe(`Prochain numéro\u00a0: ${nextFa}`);
    await page.fill('#f-invoicePattern', 'FAC-{YY}{MM}-{SEQ:3}');
    await page
      .locator('[data-next-for="invoicePattern"]', { hasText: 'FAC-2612-001' })
      .waitFor(WAIT);
    await page.fill('#f-invoicePattern', 'FAC-{YY}-{SEQ:3}-{SEQ:2}');
    await page
      .locator('[data-next-for="invoicePattern"]', { hasText: 'il faut exactement un {SEQ:n}' })
      .waitFor(WAIT);
    await page.fill('#f-invoicePattern', 'FA-{YYYY}-{SEQ:5}');
    await page.locator('[data-next-for="invoicePattern"]', { hasText: nextFa }).waitFor(WAIT);
  });

  it('installs and removes the monthly run', async () => {
    const b = await open();
    await page.click('#install');
    await page.locator('#schedule-status', { hasText: 'Planifiée' }).waitFor(WAIT);
    expect(b.world.triggers.map((t) => t.handlerFunction)).toEqual(['dispatch']);
    expect(await page.isDisabled('#install')).toBe(true);
    await page.click('#remove');
    await page.locator('#schedule-status', { hasText: 'Non planifiée' }).waitFor(WAIT);
    expect(b.world.triggers).toEqual([]);
    expect(await page.locator('#schedule-outcome').textContent()).toBe(
      'Exécution mensuelle déplanifiée.',
    );
  });
});
