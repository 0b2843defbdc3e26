/**
 * docs/settings-sidebar.png: the settings sidebar of the demo workbook as Sheets shows it
 * (300 px wide), the whole page, once the next run's preview has loaded.
 */
import * as path from 'node:path';
import { launchChromium } from './chromium';
import { startSidebarBridge } from './ui-bridge';

const OUT = path.resolve(__dirname, '..', '..', 'docs', 'settings-sidebar.png');

async function main(): Promise<void> {
  const bridge = await startSidebarBridge();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
    await page.goto(bridge.url);
    await page.locator('#next-date').waitFor();
    // The whole page in one viewport, so that the sticky Save bar sits under the form.
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    await page.setViewportSize({ width: 300, height });
    await page.screenshot({ path: OUT, fullPage: true });
    console.log(`${path.relative(process.cwd(), OUT)} written`);
  } finally {
    await browser.close();
    await bridge.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
