/** Text of each page of a PDF, through tools/pdf-text.mjs (pdfjs-dist is ESM only). */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '..', '..', 'tools', 'pdf-text.mjs');

export function pdfPages(pdf: Uint8Array): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-text-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const out = execFileSync(process.execPath, [SCRIPT, file, '--json'], { encoding: 'utf8' });
    return (JSON.parse(out) as { pages: string[] }).pages;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Whitespace (including no-break spaces) collapsed to single spaces. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}
