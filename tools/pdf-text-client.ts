/** Text of a PDF, extracted by pdfjs-dist in a child process (pdfjs is ESM-only). */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export function pdfText(file: string): string {
  const script = path.resolve(__dirname, 'pdf-text.mjs');
  return execFileSync(process.execPath, [script, file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}
