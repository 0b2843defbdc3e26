#!/usr/bin/env node
// Print the text of each page of a PDF, using pdfjs-dist (ESM only, hence a script of its own).
// Usage: node tools/pdf-text.mjs <file.pdf> [--json]
//   default: pages separated by a form feed line; --json: {"pages": ["...", ...]}
// Items on one line are joined as they come; a new line starts where pdfjs reports an end of line
// or the vertical position changes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const fontsDir = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: node tools/pdf-text.mjs <file.pdf> [--json]');
  process.exit(2);
}
const data = new Uint8Array(readFileSync(file));
const doc = await getDocument({ data, standardFontDataUrl: fontsDir, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i += 1) {
  const page = await doc.getPage(i);
  const content = await page.getTextContent();
  let text = '';
  let lastY = null;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const y = item.transform[5];
    if (lastY !== null && Math.abs(y - lastY) > 1 && !text.endsWith('\n')) text += '\n';
    text += item.str;
    if (item.hasEOL) text += '\n';
    lastY = y;
  }
  pages.push(text.trimEnd());
}
if (args.includes('--json')) process.stdout.write(JSON.stringify({ pages }));
else process.stdout.write(pages.join('\n\f\n') + '\n');
