/**
 * Embedded files read back from PDFs made by other tools: the project's own Factur-X update
 * (uncompressed stream, cross-reference table), pdf-lib (Flate-compressed attachments, with and
 * without object streams), qpdf rewrites of both (object streams, linearization, recompression)
 * and a Factur-X update of a pdf-lib file. pdfdetach (poppler) extracts the same files, as an
 * independent reader. Then hand-made files for what the tools do not write: indirect and wrong
 * /Length, predictors, raw DEFLATE, escapes and encodings of names, a file specification reached
 * only by scanning, and what must be reported rather than guessed.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { AFRelationship, PDFDocument } from 'pdf-lib';
import { facturXPdf, utf8, type FacturXMeta } from '../../../src/einvoice/pdf-update';
import {
  decodePdfText,
  embeddedFiles,
  invoiceXmlOf,
  pdfAttachments,
  PdfReadError,
  type EmbeddedFile,
} from '../../../src/einvoice/receive/pdf-attachments';
import { srgbIccProfile } from '../../../src/einvoice/srgb-icc';
import { render } from '../../../src/texts';
import { standInPdf } from '../../../tools/gas-sim/drive-files';
import { tempDir } from '../../e2e/helpers';

const XML = utf8(
  `<?xml version="1.0" encoding="UTF-8"?>\n<rsm:CrossIndustryInvoice>${'<ram:Name>Société « Brioche » — é ü € 😀</ram:Name>\n'.repeat(200)}</rsm:CrossIndustryInvoice>\n`,
);
const XML_TEXT = Buffer.from(XML).toString('utf8');
const NOTE = utf8('Pièce jointe annexe\n');
const IMAGE = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) & 255);

const META: FacturXMeta = {
  number: 'FA-2026-00001',
  title: 'Facture FA-2026-00001',
  author: 'Formations du Midi SAS',
  subject: 'Facture FA-2026-00001 — ACME',
  producer: 'Facturier',
  now: new Date('2026-12-05T08:00:00Z'),
  conformanceLevel: 'EN 16931',
  iccProfile: srgbIccProfile(),
};

let dir: string;
beforeAll(() => {
  dir = tempDir('pdf-attachments');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function tool(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { code?: string; status?: number; stdout?: string; stderr?: string };
    if (err.code === 'ENOENT') {
      throw new Error(`${cmd} is not installed (CI installs it)`, { cause: e });
    }
    // qpdf exits 3 for warnings only, with its output written.
    if (cmd === 'qpdf' && err.status === 3) return err.stdout ?? '';
    throw new Error(`${cmd} ${args.join(' ')}: ${err.stderr ?? ''}${err.stdout ?? ''}`, {
      cause: e,
    });
  }
}

let counter = 0;
function save(pdf: Uint8Array): string {
  const file = path.join(dir, `f${++counter}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
}

/** What pdfdetach extracts: names from -list, bytes from -save. */
function pdfdetach(pdf: Uint8Array): { name: string; bytes: Buffer }[] {
  const file = save(pdf);
  const lines = tool('pdfdetach', ['-list', '-enc', 'UTF-8', file]).trim().split('\n');
  const count = Number(/^(\d+) embedded files?/.exec(lines[0] ?? '')?.[1]);
  return Array.from({ length: count }, (_, i) => {
    const out = path.join(dir, `f${counter}-${i + 1}.bin`);
    tool('pdfdetach', ['-save', String(i + 1), '-o', out, file]);
    const name = (lines[i + 1] ?? '').replace(/^\d+: /, '');
    return { name, bytes: fs.readFileSync(out) };
  });
}

function qpdf(pdf: Uint8Array, ...args: string[]): Uint8Array {
  const input = save(pdf);
  const output = path.join(dir, `q${++counter}.pdf`);
  tool('qpdf', [...args, input, output]);
  return new Uint8Array(fs.readFileSync(output));
}

/** Names with the length and hash of their bytes (readable when a test fails). */
const summary = (files: readonly { name: string; bytes: Uint8Array }[]) =>
  files.map((f) => ({
    name: f.name,
    bytes: `${f.bytes.length}:${createHash('sha256').update(f.bytes).digest('hex').slice(0, 16)}`,
  }));

/**
 * Reads with both readers and checks they agree. poppler lists a names tree sorted by name
 * (pdf-lib writes it in insertion order), so the two are compared as sets.
 */
function readBoth(pdf: Uint8Array): EmbeddedFile[] {
  const mine = embeddedFiles(pdf);
  const theirs = pdfdetach(pdf);
  const sorted = (files: readonly { name: string; bytes: Uint8Array }[]) =>
    summary(files).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  expect(sorted(mine)).toEqual(sorted(theirs));
  return mine;
}

async function pdfLib(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  await doc.attach(XML, 'factur-x.xml', {
    mimeType: 'text/xml',
    description: 'Factur-X — EN 16931',
    afRelationship: AFRelationship.Data,
  });
  // No character beyond U+FFFF in names pdfdetach must print: it garbles them.
  await doc.attach(NOTE, 'Annexe é € ü.txt', { mimeType: 'text/plain' });
  await doc.attach(IMAGE, 'image.bin', { mimeType: 'application/octet-stream' });
  return doc.save({ useObjectStreams });
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('PDFs made by tools', () => {
  it('reads the project’s own Factur-X update (uncompressed stream)', () => {
    const pdf = facturXPdf(new Uint8Array(standInPdf('Facture')), XML_TEXT, META);
    const files = readBoth(pdf);
    expect(files).toHaveLength(1);
    expect(files[0]?.name).toBe('factur-x.xml');
    expect(Buffer.from(files[0]?.bytes ?? []).equals(Buffer.from(XML))).toBe(true);
    const full = pdfAttachments(pdf).files[0];
    expect(full).toMatchObject({ mimeType: 'text/xml', description: 'Factur-X FA-2026-00001' });
    expect(full?.relationship).toMatch(/^(Data|Alternative)$/);
  });

  it.each([false, true])(
    'reads pdf-lib attachments (Flate), useObjectStreams %s',
    async (useObjectStreams) => {
      const pdf = await pdfLib(useObjectStreams);
      // pdf-lib compresses the attachments, and with object streams hides the file
      // specifications in them: neither is readable without decoding.
      expect(latin1(pdf)).toContain('/FlateDecode');
      expect(latin1(pdf).includes('/Type /Filespec')).toBe(!useObjectStreams);
      expect(latin1(pdf).includes('/ObjStm')).toBe(useObjectStreams);
      const files = readBoth(pdf);
      expect(files.map((f) => f.name)).toEqual(['factur-x.xml', 'Annexe é € ü.txt', 'image.bin']);
      expect(Buffer.from(files[0]?.bytes ?? []).equals(Buffer.from(XML))).toBe(true);
      expect(Buffer.from(files[1]?.bytes ?? []).equals(Buffer.from(NOTE))).toBe(true);
      expect(Buffer.from(files[2]?.bytes ?? []).equals(Buffer.from(IMAGE))).toBe(true);
      expect(pdfAttachments(pdf).files[0]).toMatchObject({
        mimeType: 'text/xml',
        description: 'Factur-X — EN 16931',
      });
      expect(invoiceXmlOf(files)?.name).toBe('factur-x.xml');
    },
  );

  it('reads qpdf rewrites: object streams, recompression, linearization, no compression', async () => {
    const own = facturXPdf(new Uint8Array(standInPdf('Facture')), XML_TEXT, META);
    const lib = await pdfLib(false);
    const variants: [string, Uint8Array][] = [
      ['own, object streams', qpdf(own, '--object-streams=generate')],
      ['own, linearized', qpdf(own, '--linearize', '--object-streams=generate')],
      [
        'pdf-lib, object streams',
        qpdf(lib, '--object-streams=generate', '--recompress-flate', '--compression-level=9'),
      ],
      ['pdf-lib, uncompressed', qpdf(lib, '--object-streams=disable', '--stream-data=uncompress')],
      ['pdf-lib, QDF', qpdf(lib, '--qdf')],
    ];
    for (const [name, pdf] of variants) {
      const files = readBoth(pdf);
      expect([name, files.length]).toEqual([name, name.startsWith('own') ? 1 : 3]);
      expect(Buffer.from(files[0]?.bytes ?? []).equals(Buffer.from(XML))).toBe(true);
    }
    // qpdf compressed the project's uncompressed XML and moved its file specification into an
    // object stream.
    const [, objectStreams] = variants[0] ?? [];
    expect(latin1(objectStreams ?? new Uint8Array())).not.toContain('CrossIndustryInvoice');
    expect(latin1(objectStreams ?? new Uint8Array())).not.toContain('/Filespec');
  });

  it('follows an incremental update: the names tree of the last version decides', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    await doc.attach(NOTE, 'old-invoice.xml', { mimeType: 'text/xml' });
    const first = await doc.save({ useObjectStreams: false });
    const updated = facturXPdf(first, XML_TEXT, META);
    // The earlier file specification is still in the file, but no longer in the document.
    expect(latin1(updated)).toContain('old-invoice.xml');
    const files = readBoth(updated);
    expect(files.map((f) => f.name)).toEqual(['factur-x.xml']);
  });

  it('refuses encrypted files and what is not a PDF', async () => {
    const encrypted = qpdf(await pdfLib(false), '--encrypt', 'user', 'owner', '256', '--');
    expect(() => embeddedFiles(encrypted)).toThrow(/encrypted PDF/);
    expect(() => embeddedFiles(utf8('<?xml version="1.0"?><a/>'))).toThrow(PdfReadError);
    expect(() => embeddedFiles(utf8('<?xml version="1.0"?><a/>'))).toThrow(/not a PDF/);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-made files

type Part = string | Uint8Array;

/** A PDF from object bodies (object i + 1), with a correct cross-reference table. */
function handPdf(objects: readonly Part[][], trailer = '/Root 1 0 R'): Uint8Array {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((parts, i) => {
    offsets.push(at);
    const bytes = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    chunks.push(bytes);
    at += bytes.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n\r\n`;
  xref += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${at}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

const PAGES: Part[][] = [
  ['<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>'],
  ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
  ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'],
];

/** Catalog, pages, then a names tree of `specs` (objects 5, 6…) each with its stream. */
function withFiles(files: { spec: string; streamHead: string; data: Uint8Array }[]): Uint8Array {
  const objects: Part[][] = [...PAGES];
  const names: string[] = [];
  files.forEach((f, i) => {
    const spec = 5 + 2 * i;
    names.push(`(file${i}) ${spec} 0 R`);
    objects[spec - 1] = [f.spec.replace('STREAM', `${spec + 1} 0 R`)];
    objects[spec] = [`${f.streamHead}\nstream\n`, f.data, '\nendstream'];
  });
  objects[3] = [`<< /Names [${names.join(' ')}] >>`];
  return handPdf(objects);
}

describe('hand-made files', () => {
  const z = new Uint8Array(zlib.deflateSync(XML));

  it('resolves an indirect /Length, and survives a wrong one', () => {
    const indirect = handPdf([
      ...PAGES,
      ['<< /Names [(a) 5 0 R] >>'],
      ['<< /Type /Filespec /F (a.xml) /EF << /F 6 0 R >> >>'],
      ['<< /Type /EmbeddedFile /Filter /FlateDecode /Length 7 0 R >>\nstream\n', z, '\nendstream'],
      [String(z.length)],
    ]);
    expect(summary(readBoth(indirect))).toEqual(summary([{ name: 'a.xml', bytes: XML }]));
    for (const wrong of [z.length - 10, z.length + 25, 999_999_999]) {
      const pdf = withFiles([
        {
          spec: '<< /Type /Filespec /F (a.xml) /EF << /F STREAM >> >>',
          streamHead: `<< /Filter /FlateDecode /Length ${wrong} >>`,
          data: z,
        },
      ]);
      expect(summary(embeddedFiles(pdf))).toEqual(summary([{ name: 'a.xml', bytes: XML }]));
    }
  });

  it('decodes names: escapes, octal codes, PDFDocEncoding, UTF-16BE hex, UTF-8', () => {
    const specs = [
      '(fa\\(c\\)t\\351\\\nure \\200 \\240.xml)',
      '<FE FF 00 E9 00 74 00 E9 D8 3D DE 00 00 2E 00 7 >',
      '(\\357\\273\\277caf\\303\\251.xml)',
    ].map((name) => ({
      spec: `<< /Type /Filespec /UF ${name} /EF << /F STREAM >> >>`,
      streamHead: `<< /Length ${NOTE.length} >>`,
      data: NOTE,
    }));
    const names = embeddedFiles(withFiles(specs)).map((f) => f.name);
    expect(names).toEqual(['fa(c)téure • €.xml', 'été😀.p', 'café.xml']);
    // A language escape: ESC (00 1B), the ASCII language code, ESC.
    expect(decodePdfText('\xfe\xff\x00A\x00\x1bfr\x00\x1b\x00B')).toBe('AB');
  });

  it('undoes PNG and TIFF predictors, and reads raw DEFLATE without a zlib header', () => {
    const columns = 5;
    const rows: number[] = [];
    const plain: number[] = [];
    // Up filter (2) on every row: each byte minus the byte above.
    for (let r = 0; r < 40; r++) {
      rows.push(2);
      for (let c = 0; c < columns; c++) {
        const v = (r * 31 + c * 7) & 255;
        plain.push(v);
        const above = r > 0 ? (plain[(r - 1) * columns + c] ?? 0) : 0;
        rows.push((v - above) & 255);
      }
    }
    const tiff = plain.map((v, i) => (i % columns === 0 ? v : (v - (plain[i - 1] ?? 0)) & 255));
    const pdf = withFiles([
      {
        spec: '<< /Type /Filespec /F (png.bin) /EF << /F STREAM >> >>',
        streamHead: `<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns ${columns} >> >>`,
        data: new Uint8Array(zlib.deflateSync(Uint8Array.from(rows))),
      },
      {
        spec: '<< /Type /Filespec /F (tiff.bin) /EF << /F STREAM >> >>',
        streamHead: `<< /Filter [/FlateDecode] /DecodeParms [<< /Predictor 2 /Columns ${columns} >>] >>`,
        data: new Uint8Array(zlib.deflateSync(Uint8Array.from(tiff))),
      },
      {
        spec: '<< /Type /Filespec /F (raw.xml) /EF << /F STREAM >> >>',
        streamHead: '<< /Filter /FlateDecode >>',
        data: new Uint8Array(zlib.deflateRawSync(XML)),
      },
    ]);
    const files = embeddedFiles(pdf);
    expect(Array.from(files[0]?.bytes ?? [])).toEqual(plain);
    expect(Array.from(files[1]?.bytes ?? [])).toEqual(plain);
    expect(Buffer.from(files[2]?.bytes ?? []).equals(Buffer.from(XML))).toBe(true);
  });

  it('finds file specifications outside the names tree when there is none', () => {
    const pdf = handPdf([
      ['<< /Type /Catalog /Pages 2 0 R >>'],
      ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
      [
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS << /Type /Filespec /F (zugferd-invoice.xml) /EF << /F 4 0 R >> >> >>] >>',
      ],
      [`<< /Filter /FlateDecode /Length ${z.length} >>\nstream\n`, z, '\nendstream'],
    ]);
    const files = embeddedFiles(pdf);
    expect(summary(files)).toEqual(summary([{ name: 'zugferd-invoice.xml', bytes: XML }]));
    expect(invoiceXmlOf(files)?.name).toBe('zugferd-invoice.xml');
  });

  it('reports unsupported filters and corrupt data, naming the file', () => {
    const corrupt = new Uint8Array(z);
    corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] ?? 0) ^ 0xff;
    const pdf = withFiles([
      {
        spec: '<< /Type /Filespec /F (hex.xml) /EF << /F STREAM >> >>',
        streamHead: '<< /Filter /ASCIIHexDecode >>',
        data: utf8('3C613E2F3E>'),
      },
      {
        spec: '<< /Type /Filespec /F (factur-x.xml) /EF << /F STREAM >> >>',
        streamHead: '<< /Filter /FlateDecode >>',
        data: corrupt,
      },
      {
        spec: '<< /Type /Filespec /F (ok.txt) /EF << /F STREAM >> >>',
        streamHead: `<< /Length ${NOTE.length} >>`,
        data: NOTE,
      },
    ]);
    const { files, unreadable } = pdfAttachments(pdf);
    expect(files.map((f) => f.name)).toEqual(['ok.txt']);
    expect(unreadable.map((u) => ({ name: u.name, reason: render(u.reason, 'en') }))).toEqual([
      { name: 'hex.xml', reason: 'filter /ASCIIHexDecode is not supported' },
      { name: 'factur-x.xml', reason: expect.stringMatching(/corrupt compressed data: Adler-32/) },
    ]);
    expect(unreadable.map((u) => render(u.reason, 'fr'))).toEqual([
      'filtre /ASCIIHexDecode non pris en charge',
      expect.stringMatching(/^données compressées corrompues\u00a0: Adler-32 différent/),
    ]);
    expect(() => embeddedFiles(pdf)).toThrow(/hex\.xml: filter \/ASCIIHexDecode is not supported/);
  });

  it('ignores binary data that looks like object syntax inside streams', () => {
    const trap = utf8('9 0 obj << /Type /Filespec /F (trap.xml) /EF << /F 6 0 R >> >> endobj');
    const pdf = withFiles([
      {
        spec: '<< /Type /Filespec /F (real.xml) /EF << /F STREAM >> >>',
        streamHead: `<< /Length ${trap.length} >>`,
        data: trap,
      },
    ]);
    expect(embeddedFiles(pdf).map((f) => f.name)).toEqual(['real.xml']);
  });
});
