/**
 * Checks an out/ folder of the local runner: every tab as CSV, run.json with call counts and
 * simulated time, at least one PDF whose text holds an invoice number and a total, and emails that
 * parse as MIME messages with that PDF attached. Exits non-zero with a line per failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import PostalMime from 'postal-mime';
import { pdfText } from '../pdf-text-client';

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

export async function checkOut(out: string): Promise<string[]> {
  const failures: string[] = [];
  const csvs = walk(path.join(out, 'workbook')).filter((f) => f.endsWith('.csv'));
  if (csvs.length < 10) failures.push(`expected every tab as CSV, found ${csvs.length}`);
  const runFile = path.join(out, 'run.json');
  if (!fs.existsSync(runFile)) failures.push('run.json missing');
  else {
    const run = JSON.parse(fs.readFileSync(runFile, 'utf8')) as {
      totalCalls?: number;
      simulatedMs?: number;
    };
    if (!run.totalCalls || !run.simulatedMs)
      failures.push('run.json lacks call counts or simulated time');
  }
  const pdfs = walk(path.join(out, 'drive')).filter(
    (f) => f.endsWith('.pdf') && /FA-/.test(path.basename(f)),
  );
  if (pdfs.length === 0) failures.push('no invoice PDF in drive/');
  for (const pdf of pdfs) {
    const text = pdfText(pdf);
    const number = path.basename(pdf).split(' - ')[0] ?? '';
    if (!text.includes(number)) failures.push(`${pdf}: number ${number} not in the PDF text`);
    if (!/Total TTC|Total incl\. VAT/.test(text)) failures.push(`${pdf}: no total in the PDF text`);
  }
  const emls = walk(path.join(out, 'mail')).filter((f) => f.endsWith('.eml'));
  if (emls.length === 0) failures.push('no .eml in mail/');
  for (const eml of emls) {
    const parsed = await PostalMime.parse(fs.readFileSync(eml));
    if (!parsed.subject || !parsed.to?.length) failures.push(`${eml}: no subject or recipient`);
    if (!parsed.text || !parsed.html) failures.push(`${eml}: missing text or HTML part`);
    // An email about an invoice carries its PDF (billing calls carry none).
    const pdf = parsed.attachments.find((a) => a.mimeType === 'application/pdf');
    const invoice = /\b(FA|AF|AV)-[\w-]+/.exec(parsed.subject ?? '')?.[0];
    if (invoice && !pdf) failures.push(`${eml}: no PDF attached for ${invoice}`);
    if (invoice && pdf && !pdf.filename?.startsWith(invoice)) {
      failures.push(`${eml}: attachment ${pdf.filename ?? ''} is not ${invoice}'s PDF`);
    }
  }
  return failures;
}

if (require.main === module) {
  const out = process.argv[2] ?? 'out/demo';
  checkOut(out).then(
    (failures) => {
      if (failures.length > 0) {
        for (const f of failures) console.error(`check: ${f}`);
        process.exitCode = 1;
      } else {
        console.log(
          `check: ${out} is complete (CSV tabs, PDFs with numbers and totals, parseable emails, run.json)`,
        );
      }
    },
    (e: unknown) => {
      console.error(`check: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
