/**
 * Debian's Chromium driven by playwright-core (which brings no browser of its own). Tests that
 * need it fail, never skip, when it is missing.
 */
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumMissing(): string | null {
  if (fs.existsSync(CHROMIUM)) return null;
  return `Chromium not found at ${CHROMIUM}. Install Debian's package (as root, or with sudo): apt-get update && apt-get install -y --no-install-recommends chromium. CI's .ci/run does it.`;
}

export async function launchChromium(): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
