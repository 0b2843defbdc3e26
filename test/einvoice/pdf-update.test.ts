/**
 * The Factur-X update of an exported PDF (src/einvoice/pdf-update.ts), checked with real PDF
 * tools: qpdf finds no error, pdfdetach extracts the XML byte for byte, the XMP is well-formed and
 * names PDF/A-3, for a file with a cross-reference table and one with a cross-reference stream;
 * what it cannot read is refused, never mangled.
 */
import * as fs from 'node:fs';
import { tool } from './pdf-tools';
import * as path from 'node:path';
import {
  contentId,
  dictEntries,
  facturXPdf,
  latin1,
  pdfText,
  UnsupportedPdf,
  utf8,
  type FacturXMeta,
} from '../../src/einvoice/pdf-update';
import { srgbIccProfile } from '../../src/einvoice/srgb-icc';
import { render } from '../../src/texts';
import { standInPdf } from '../../tools/gas-sim/drive-files';
import { tempDir } from '../e2e/helpers';

const XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<x>Société générale — é ü € 😀 &amp; &lt;</x>\n';

const META: FacturXMeta = {
  number: 'FA-2026-00001',
  title: 'Facture FA-2026-00001 — Société « Brioche » & Cie',
  author: 'Atelier Formation Conseil',
  subject: 'Facture FA-2026-00001',
  producer: 'Facturier',
  now: new Date('2026-12-05T08:00:00Z'),
  conformanceLevel: 'EN 16931',
  iccProfile: srgbIccProfile(),
};

let dir: string;
beforeAll(() => {
  dir = tempDir('pdf-update');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A one-page PDF whose last cross-reference section is an (uncompressed) stream. */
function xrefStreamPdf(): Uint8Array {
  let body = '%PDF-1.5\n%\xe2\xe3\xcf\xd3\n';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Names << /Dests << /Names [] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xrefAt = body.length;
  const rows: number[] = [0, 0, 0, 0, 0, 0xff, 0xff];
  for (const at of [...offsets, xrefAt])
    rows.push(1, at >>> 24, (at >>> 16) & 255, (at >>> 8) & 255, at & 255, 0, 0);
  const head = `4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 1 0 R /Length ${rows.length} >>\nstream\n`;
  const tail = `\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`;
  const bytes = (t: string) => Array.from(t, (c) => c.charCodeAt(0) & 255);
  return Uint8Array.from([...bytes(body), ...bytes(head), ...rows, ...bytes(tail)]);
}

/** A file whose trailer names a catalog defined nowhere in plain text (as in an object stream). */
function objectStreamCatalog(): Uint8Array {
  const head = '%PDF-1.5\n1 0 obj\n<< >>\nendobj\n';
  return utf8(
    `${head}xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<< /Size 2 /Root 7 0 R >>\nstartxref\n${head.length}\n%%EOF\n`,
  );
}

function check(name: string, pdf: Uint8Array): void {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const qpdf = tool('qpdf', ['--check', file]);
  expect(qpdf).toContain('No syntax or stream encoding errors found');
  expect(qpdf).not.toMatch(/WARNING/i);
  expect(tool('pdfdetach', ['-list', file]).trim().split('\n')).toEqual([
    '1 embedded files',
    '1: factur-x.xml',
  ]);
  const out = path.join(dir, `${name}.xml`);
  tool('pdfdetach', ['-save', '1', '-o', out, file]);
  expect(fs.readFileSync(out)).toEqual(Buffer.from(XML, 'utf8'));
  const xmp = tool('pdfinfo', ['-meta', file]);
  const xmpFile = path.join(dir, `${name}.xmp`);
  fs.writeFileSync(xmpFile, xmp.slice(xmp.indexOf('<?xpacket')));
  tool('xmllint', ['--noout', xmpFile]);
  expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
  expect(xmp).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
  expect(xmp).toContain('Société « Brioche » &amp; Cie');
  const info = tool('pdfinfo', [file]);
  expect(info).toContain('Title:           Facture FA-2026-00001 — Société « Brioche » & Cie');
  const trailer = tool('qpdf', ['--show-object=trailer', file]);
  expect(trailer).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/);
  const root = /\/Root (\d+) 0 R/.exec(trailer)?.[1] ?? '';
  const catalog = tool('qpdf', [`--show-object=${root}`, file]);
  expect(catalog).toMatch(/\/AF \[ \d+ 0 R \]/);
  expect(catalog).toMatch(/\/OutputIntents \[ \d+ 0 R \]/);
  expect(catalog).toContain('/Version /1.7');
}

describe('facturXPdf', () => {
  it('updates a PDF with a cross-reference table', () => {
    const original = new Uint8Array(standInPdf('Facture FA-2026-00001\nSociété générale'));
    const updated = facturXPdf(original, XML, META);
    // The exported bytes are kept as they are: the update only appends.
    expect(Buffer.from(updated.subarray(0, original.length))).toEqual(Buffer.from(original));
    check('table', updated);
  });

  it('updates a PDF whose cross-reference section is a stream, keeping its names tree', () => {
    const updated = facturXPdf(xrefStreamPdf(), XML, META);
    check('stream', updated);
    const text = latin1(updated);
    expect(text).toContain('/Dests << /Names [] >>');
    expect(text).toContain('/Type /XRef');
  });

  it('refuses what it cannot read, and says why', () => {
    const encrypted = latin1(new Uint8Array(standInPdf('x'))).replace(
      '/Root 1 0 R',
      '/Root 1 0 R /Encrypt 9 0 R',
    );
    const cases: [string, Uint8Array, RegExp, string][] = [
      ['not a PDF', utf8('hello'), /not a PDF/, 'pas un PDF'],
      [
        'no trailer',
        utf8('%PDF-1.4\n% stand-in\n'),
        /startxref/,
        'pas de startxref à la fin du fichier',
      ],
      ['encrypted', Uint8Array.from(encrypted, (c) => c.charCodeAt(0)), /encrypted/, 'PDF chiffré'],
      [
        'a catalog in an object stream',
        objectStreamCatalog(),
        /object 7 0 not found/,
        'objet 7 0 introuvable (dans un flux d’objets\u00a0?)',
      ],
    ];
    for (const [, pdf, why, french] of cases) {
      expect(() => facturXPdf(pdf, XML, META)).toThrow(UnsupportedPdf);
      expect(() => facturXPdf(pdf, XML, META)).toThrow(why);
      // The reason the Journal gives, in a French workbook.
      let error: unknown;
      try {
        facturXPdf(pdf, XML, META);
      } catch (e) {
        error = e;
      }
      expect(error instanceof UnsupportedPdf && render(error.reason, 'fr')).toBe(french);
    }
  });
});

describe('the pieces', () => {
  it('encodes UTF-8 as Node does, surrogate pairs included', () => {
    for (const s of ['', 'abc', 'é€', '😀 a 😀', '\u{10FFFF}', 'x\uD800y']) {
      expect(Buffer.from(utf8(s))).toEqual(Buffer.from(s, 'utf8'));
    }
  });

  it('writes PDF text strings: ASCII escaped, anything else UTF-16BE with its mark', () => {
    expect(pdfText('a (b) \\c')).toBe('(a \\(b\\) \\\\c)');
    expect(pdfText('é')).toBe('<FEFF00E9>');
  });

  it('reads a dictionary with nested values, strings holding brackets, and references', () => {
    const d = dictEntries('<< /A 1 0 R /B << /C [1 (x>>]) 2] >> /D (a\\)b) /E /Name >>', 0);
    expect([...d]).toEqual([
      ['A', '1 0 R'],
      ['B', '<< /C [1 (x>>]) 2] >>'],
      ['D', '(a\\)b)'],
      ['E', '/Name'],
    ]);
  });

  it('names a version by its content', () => {
    const a = contentId(utf8('%PDF-1.4 a'), 'FA-1');
    expect(a).toMatch(/^[0-9A-F]{32}$/);
    expect(contentId(utf8('%PDF-1.4 a'), 'FA-1')).toBe(a);
    expect(contentId(utf8('%PDF-1.4 b'), 'FA-1')).not.toBe(a);
  });
});
