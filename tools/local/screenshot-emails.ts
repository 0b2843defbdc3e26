/**
 * docs/email-invoice-fr.png, docs/email-invoice-en.png and docs/dialog-credit-note.png: two
 * invoice emails of the demo's month as the bundle sends them (a French client with a contact,
 * an English one), rendered in Chromium 680 px wide, and the Record a payment dialog after a
 * refused amount, at the size Sheets gives it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importCsvFolder } from '../gas-sim/csv-workbook';
import { runEntry } from '../gas-sim/vm-loader';
import { World } from '../gas-sim/world';
import { launchChromium } from './chromium';
import { BUNDLE, DEMO_WORKBOOK, startUiBridge } from './ui-bridge';

const DOCS = path.resolve(__dirname, '..', '..', 'docs');

const SHOTS = [
  { file: 'email-invoice-fr.png', subject: 'Facture FA-2026-00007 — Atelier Formation Conseil' },
  { file: 'email-invoice-en.png', subject: 'Invoice FA-2026-00003 — Atelier Formation Conseil' },
];

function monthWorld(): World {
  const world = new World({ today: '2026-12-05', seed: 'screenshots', mailDailyQuota: 1500 });
  importCsvFolder(DEMO_WORKBOOK, world);
  const run = runEntry(world, fs.readFileSync(BUNDLE, 'utf8'), 'runMonthly', undefined, {
    interactive: false,
    document: true,
    limitMs: null,
  });
  if (run.error) throw run.error;
  return world;
}

async function main(): Promise<void> {
  const world = monthWorld();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 680, height: 600 } });
    for (const shot of SHOTS) {
      const mail = world.mail.sent.find((m) => m.subject === shot.subject);
      if (!mail?.html) throw new Error(`the demo sent no "${shot.subject}"`);
      await page.setContent(mail.html);
      const out = path.join(DOCS, shot.file);
      await page.screenshot({ path: out, fullPage: true });
      console.log(`${path.relative(process.cwd(), out)} written`);
    }
    await page.close();
    const bridge = await startUiBridge({ entry: 'menuCreditNote', world, kind: 'modal' });
    try {
      const dialog = await browser.newPage({
        viewport: { width: bridge.shown.width ?? 640, height: bridge.shown.height ?? 420 },
      });
      await dialog.goto(bridge.url);
      await dialog.fill('#f-invoice', 'FA-2026-00006');
      await dialog.fill('#f-amount', '900,00');
      await dialog.fill('#f-reason', 'Formation annulée');
      await dialog.click('#submit');
      await dialog.locator('#outcome.ko').waitFor({ timeout: 15_000 });
      const out = path.join(DOCS, 'dialog-credit-note.png');
      await dialog.screenshot({ path: out });
      console.log(`${path.relative(process.cwd(), out)} written`);
    } finally {
      await bridge.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
