/**
 * The product's e-invoices against the official validators (the Factur-X EN 16931 XSD, the
 * Factur-X, CEN EN 16931 and French CTC schematrons, see tools/einvoice/validate.ts): every
 * document of the demo — its monthly job and the weeks after, as `npm run demo` runs them through
 * the bundle — and a generated set covering every kind and VAT case (test/einvoice/
 * generated-set.ts). Zero failed assertions, warnings included. Then the same checks proven able to
 * fail on the product's own XML: a wrong total (BR-CO-15), no seller SIREN (BR-FR-10), a credit note
 * without its invoice (BR-FR-CO-05). And the demo's Factur-X PDFs: qpdf finds no error, the
 * attachment extracts byte-identical to the XML beside it, the XMP parses and names PDF/A-3.
 */
import * as fs from 'node:fs';
import { tool } from '../einvoice/pdf-tools';
import * as path from 'node:path';
import { eInvoiceXml } from '../../src/einvoice';
import { runDemo } from '../../tools/local/demo';
import { validateCiiBatch, type BatchResult, type CiiText } from '../../tools/einvoice/validate';
import { generatedSet } from '../einvoice/generated-set';
import { demoWorkbook, tempDir, walk } from '../e2e/helpers';

const JVM_TIMEOUT_MS = 300_000;

let out: string;
let batch: BatchResult;
let demoXml: CiiText[];
let generated: CiiText[];
const broken: Record<string, string> = {};

beforeAll(async () => {
  out = tempDir('einvoice');
  const code = await runDemo({ workbook: demoWorkbook, out }, () => undefined);
  expect(code).toBe(0);
  // Every e-invoice the demo made, once each (a later step's Drive holds the earlier ones too).
  const seen = new Map<string, string>();
  // (The providers' invoices the demo receives are not the product's documents.)
  const own = (f: string) =>
    !f.includes('Factures reçues') && !f.includes(`${path.sep}inbox${path.sep}`);
  for (const f of walk(out).filter((x) => x.endsWith('.xml') && own(x)))
    seen.set(path.basename(f), f);
  demoXml = [...seen].map(([name, file]) => ({
    name: `demo/${name}`,
    xml: fs.readFileSync(file, 'utf8'),
  }));
  generated = generatedSet().map(({ name, doc }) => ({
    name: `generated/${name}.xml`,
    xml: eInvoiceXml(doc),
  }));
  const base = generated.find((g) => g.name === 'generated/standard.xml')?.xml ?? '';
  const credit = generated.find((g) => g.name === 'generated/credit-note-partial.xml')?.xml ?? '';
  broken['wrong-total'] = base.replace(
    /<ram:GrandTotalAmount>([\d.]+)</,
    (_m, v: string) => `<ram:GrandTotalAmount>${(Number(v) + 1).toFixed(2)}<`,
  );
  broken['no-seller-siren'] = base.replace(
    /(<ram:SellerTradeParty>[\s\S]*?)<ram:SpecifiedLegalOrganization>[\s\S]*?<\/ram:SpecifiedLegalOrganization>/,
    '$1',
  );
  broken['credit-without-invoice'] = credit.replace(
    /<ram:InvoiceReferencedDocument>[\s\S]*?<\/ram:InvoiceReferencedDocument>\s*/,
    '',
  );
  for (const [k, v] of Object.entries(broken)) {
    if (v === base || v === credit) throw new Error(`the alteration ${k} changed nothing`);
  }
  batch = await validateCiiBatch([
    ...demoXml,
    ...generated,
    ...Object.entries(broken).map(([name, xml]) => ({ name: `broken/${name}.xml`, xml })),
  ]);
}, JVM_TIMEOUT_MS);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const report = (name: string) => {
  const r = batch.reports.find((x) => x.file === name);
  if (!r) throw new Error(`${name} was not validated`);
  return r;
};

const findings = (name: string) =>
  report(name).schematrons.flatMap((s) =>
    s.findings.map((f) => `${s.schematron} ${f.flag} ${f.rule} ${f.id}`),
  );

describe('the e-invoices pass every official check, warnings included', () => {
  it('every document of the demo', () => {
    // The monthly job's 9, then 2 self-billed, the debit note, the credit note and January's.
    expect(demoXml.length).toBe(14);
    for (const d of demoXml) {
      expect([d.name, report(d.name).xsd.errors, findings(d.name)]).toEqual([d.name, [], []]);
    }
  });

  it('the generated set: every kind and VAT case', () => {
    expect(generated.length).toBe(18);
    for (const g of generated) {
      expect([g.name, report(g.name).xsd.errors, findings(g.name)]).toEqual([g.name, [], []]);
    }
    const docs = [...demoXml, ...generated].length;
    const fired = batch.reports.reduce(
      (n, r) => n + r.schematrons.reduce((m, s) => m + s.firedRules, 0),
      0,
    );
    const ms = batch.reports.reduce((n, r) => n + r.documentMs, 0);
    console.log(
      `e-invoices: ${docs} documents validated, ${fired} rules fired, ${(ms / batch.reports.length).toFixed(0)} ms per document after compilation; batch ${JSON.stringify(batch.timing)}`,
    );
  });
});

describe('the checks fail on a broken e-invoice of ours', () => {
  it.each([
    ['wrong-total', 'BR-CO-15'],
    ['no-seller-siren', 'BR-FR-10'],
    ['credit-without-invoice', 'BR-FR-CO-05'],
  ])('%s: %s', (name, rule) => {
    const r = report(`broken/${name}.xml`);
    expect(r.passed).toBe(false);
    expect(r.failures.map((f) => (f.schematron === 'fr-ctc' ? f.pattern : f.rule))).toContain(rule);
  });
});

describe("the demo's Factur-X PDFs", () => {
  it('pass qpdf, carry their XML byte for byte, and say PDF/A-3 in a well-formed XMP', () => {
    const pdfs = walk(path.join(out, 'drive')).filter(
      (f) => f.endsWith('.pdf') && !f.endsWith('.gdoc.pdf'),
    );
    expect(pdfs.length).toBe(9);
    const dir = tempDir('facturx');
    for (const pdf of pdfs) {
      expect(tool('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors');
      expect(tool('pdfdetach', ['-list', pdf]).trim().split('\n')).toEqual([
        '1 embedded files',
        '1: factur-x.xml',
      ]);
      const xml = path.join(dir, 'factur-x.xml');
      tool('pdfdetach', ['-save', '1', '-o', xml, pdf]);
      expect(fs.readFileSync(xml)).toEqual(fs.readFileSync(pdf.replace(/\.pdf$/, '.xml')));
      const xmp = tool('pdfinfo', ['-meta', pdf]);
      fs.writeFileSync(path.join(dir, 'xmp.xml'), xmp.slice(xmp.indexOf('<?xpacket')));
      tool('xmllint', ['--noout', path.join(dir, 'xmp.xml')]);
      expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
      expect(xmp).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
      // Info and XMP say the same title.
      const title = /^Title:\s+(.*)$/m.exec(tool('pdfinfo', [pdf]))?.[1] ?? '';
      expect(xmp).toContain(
        `<rdf:li xml:lang="x-default">${title.replace(/&/g, '&amp;')}</rdf:li>`,
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
