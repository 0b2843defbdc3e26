/**
 * Turning the PDF a Google Doc exports into a Factur-X PDF, synchronously, with no library: an
 * incremental update (ISO 32000-1 §7.5.6) appended to the exported bytes. The original objects
 * stay as they are; the update adds
 * - `factur-x.xml` as an embedded file (§7.11.4) with its file specification, declared an
 *   associated file of the document (`/AF`, ISO 19005-3 §6.8) named `factur-x.xml`, with
 *   `/AFRelationship /Alternative`: the Factur-X 1.0 specification keeps `/Data` for its MINIMUM
 *   and BASIC WL profiles, whose XML does not carry the whole invoice, and has the EN 16931
 *   profile's XML declared an alternative representation of the visible invoice;
 * - XMP metadata (§14.3.2) naming PDF/A-3 (`pdfaid:part 3`, conformance B) and the Factur-X
 *   extension schema with its four properties, as the Factur-X specification requires;
 * - an sRGB output intent (`/GTS_PDFA1`, ISO 19005 §6.2.3);
 * - a new version of the catalog pointing at them (and at the document's names tree, kept), a
 *   document information dictionary that says what the XMP says, and a trailer `/ID`.
 *
 * Why not a PDF library: Apps Script runs one synchronous call per execution step and pdf-lib's
 * load and save are asynchronous; a library also costs the bundle's parse time at every
 * execution. The update only needs to read the trailer and the catalog: the exported file's
 * objects are found by their `N G obj` definitions (the last definition wins, as in an update).
 * A catalog kept inside a compressed object stream, or an encrypted file, is refused with
 * `UnsupportedPdf`; the caller then keeps the plain PDF and the XML beside it.
 *
 * Bytes: the file is read as Latin-1 (one character per byte), so offsets are byte offsets;
 * text that is not ASCII (the XML, the XMP) is encoded to UTF-8 here, as Apps Script has no
 * TextEncoder.
 */
import { msg, render, type Message } from '../texts';

/** Why the exported PDF cannot be updated: `reason` for the person reading it. */
export class UnsupportedPdf extends Error {
  constructor(readonly reason: Message) {
    super(render(reason, 'en'));
    this.name = 'UnsupportedPdf';
  }
}

/** UTF-8 bytes of a string (surrogate pairs joined), without TextEncoder. */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    // A lone surrogate is no character: U+FFFD, as every UTF-8 encoder writes it.
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** Bytes as a Latin-1 string: one character per byte, so string offsets are byte offsets. */
export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return s;
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

const DELIMITERS = '()<>[]{}/%';
const isWhite = (c: string): boolean =>
  c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0';

/** The index just past the PDF value starting at `i` (whitespace before it skipped). */
function valueEnd(s: string, start: number): number {
  let i = start;
  while (i < s.length && isWhite(s[i] ?? '')) i++;
  const c = s[i];
  if (c === '<' && s[i + 1] === '<') {
    let depth = 0;
    while (i < s.length) {
      if (s[i] === '(') i = stringEnd(s, i);
      else if (s[i] === '<' && s[i + 1] === '<') {
        depth++;
        i += 2;
      } else if (s[i] === '>' && s[i + 1] === '>') {
        depth--;
        i += 2;
        if (depth === 0) return i;
      } else i++;
    }
    throw new UnsupportedPdf(msg('facturx-pdf.unterminated-dictionary'));
  }
  if (c === '[') {
    let depth = 0;
    while (i < s.length) {
      if (s[i] === '(') i = stringEnd(s, i);
      else if (s[i] === '[') {
        depth++;
        i++;
      } else if (s[i] === ']') {
        depth--;
        i++;
        if (depth === 0) return i;
      } else i++;
    }
    throw new UnsupportedPdf(msg('facturx-pdf.unterminated-array'));
  }
  if (c === '(') return stringEnd(s, i);
  if (c === '<') return s.indexOf('>', i) + 1;
  if (c === '/') {
    i++;
    while (i < s.length && !isWhite(s[i] ?? '') && !DELIMITERS.includes(s[i] ?? '')) i++;
    return i;
  }
  // A number, a boolean, null, or a reference `N G R`.
  const ref = /^(\d+)\s+(\d+)\s+R/.exec(s.slice(i, i + 40));
  if (ref) return i + ref[0].length;
  while (i < s.length && !isWhite(s[i] ?? '') && !DELIMITERS.includes(s[i] ?? '')) i++;
  return i;
}

/** The index just past the literal string starting at `i` (balanced parentheses, escapes). */
function stringEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new UnsupportedPdf(msg('facturx-pdf.unterminated-string'));
}

/** The top-level entries of the dictionary starting at `i`, as key → value text. */
export function dictEntries(s: string, start: number): Map<string, string> {
  const end = valueEnd(s, start);
  const open = s.indexOf('<<', start);
  const entries = new Map<string, string>();
  let i = open + 2;
  while (i < end - 2) {
    while (i < end && isWhite(s[i] ?? '')) i++;
    if (s[i] !== '/') {
      i++;
      continue;
    }
    const keyEnd = valueEnd(s, i);
    const key = s.slice(i + 1, keyEnd);
    const vEnd = valueEnd(s, keyEnd);
    entries.set(key, s.slice(keyEnd, vEnd).trim());
    i = vEnd;
  }
  return entries;
}

function refOf(v: string | undefined): { num: number; gen: number } | undefined {
  const m = v === undefined ? null : /^(\d+)\s+(\d+)\s+R$/.exec(v);
  return m ? { num: Number(m[1]), gen: Number(m[2]) } : undefined;
}

/** Where the last definition of object `num gen` starts its value (after `obj`). */
function objectValueAt(s: string, num: number, gen: number): number {
  const re = new RegExp(`(?:^|[^0-9])${num}\\s+${gen}\\s+obj\\b`, 'g');
  let last = -1;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) last = m.index + m[0].length;
  if (last < 0) throw new UnsupportedPdf(msg('facturx-pdf.object-not-found', { num, gen }));
  return last;
}

interface Trailer {
  entries: Map<string, string>;
  /** Offset of the last cross-reference section. */
  prev: number;
  /** The last section is a cross-reference stream (PDF 1.5). */
  stream: boolean;
}

function readTrailer(s: string): Trailer {
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(s.slice(-1024));
  if (!m) throw new UnsupportedPdf(msg('facturx-pdf.no-startxref'));
  const prev = Number(m[1]);
  if (s.startsWith('xref', prev)) {
    const t = s.indexOf('trailer', prev);
    if (t < 0) throw new UnsupportedPdf(msg('facturx-pdf.no-trailer'));
    return { entries: dictEntries(s, t + 7), prev, stream: false };
  }
  const obj = /^\s*\d+\s+\d+\s+obj/.exec(s.slice(prev, prev + 40));
  if (!obj) throw new UnsupportedPdf(msg('facturx-pdf.bad-startxref'));
  return { entries: dictEntries(s, prev + obj[0].length), prev, stream: true };
}

/** A PDF text string: ASCII as a literal string, anything else UTF-16BE with its mark. */
export function pdfText(v: string): string {
  if (/^[\x20-\x7e]*$/.test(v)) return `(${v.replace(/([\\()])/g, '\\$1')})`;
  let hex = 'FEFF';
  for (let i = 0; i < v.length; i++) hex += v.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
}

function xmlEscape(v: string): string {
  return v
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A 32-hex-digit identifier of the content (FNV-1a, four lanes): stable for the same input. */
export function contentId(bytes: Uint8Array, salt: string): string {
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  const feed = (b: number, k: number): void => {
    const lane = k & 3;
    lanes[lane] = Math.imul((lanes[lane] ?? 0) ^ b, 0x01000193) >>> 0;
  };
  for (let i = 0; i < bytes.length; i++) feed(bytes[i] ?? 0, i);
  for (let i = 0; i < salt.length; i++) feed(salt.charCodeAt(i) & 0xff, i + 1);
  return lanes
    .map((x) => x.toString(16).padStart(8, '0'))
    .join('')
    .toUpperCase();
}

export interface FacturXMeta {
  /** The invoice number, for the description. */
  readonly number: string;
  readonly title: string;
  /** The seller: who the document is from. */
  readonly author: string;
  readonly subject: string;
  /** Application name written as creator and producer. */
  readonly producer: string;
  /** When the PDF is made (its creation and modification dates). */
  readonly now: Date;
  /** The Factur-X profile of the XML: `EN 16931`. */
  readonly conformanceLevel: string;
  /** An sRGB ICC profile, for the output intent. */
  readonly iccProfile: Uint8Array;
}

function pdfDate(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

function xmpDate(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

const FX_NS = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

/** The XMP packet: PDF/A-3B identification, Dublin Core, XMP basic, PDF, and Factur-X. */
export function xmpPacket(meta: FacturXMeta): string {
  const date = xmpDate(meta.now);
  const property = (name: string, type: string, description: string) =>
    `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>${type}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    '<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xmlEscape(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.subject)}</rdf:li></rdf:Alt></dc:description>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreatorTool>${xmlEscape(meta.producer)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${xmlEscape(meta.producer)}</pdf:Producer>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
    '<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>',
    `<pdfaSchema:namespaceURI>${FX_NS}</pdfaSchema:namespaceURI>`,
    '<pdfaSchema:prefix>fx</pdfaSchema:prefix>',
    '<pdfaSchema:property><rdf:Seq>',
    property('DocumentFileName', 'Text', 'The name of the embedded XML document'),
    property(
      'DocumentType',
      'Text',
      'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER',
    ),
    property(
      'Version',
      'Text',
      'The actual version of the standard applying to the embedded XML document',
    ),
    property('ConformanceLevel', 'Text', 'The conformance level of the embedded XML document'),
    '</rdf:Seq></pdfaSchema:property>',
    '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
    '</rdf:Description>',
    `<rdf:Description rdf:about="" xmlns:fx="${FX_NS}">`,
    '<fx:DocumentType>INVOICE</fx:DocumentType><fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>',
    `<fx:Version>1.0</fx:Version><fx:ConformanceLevel>${xmlEscape(meta.conformanceLevel)}</fx:ConformanceLevel>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The Factur-X PDF: `pdf` with `xml` embedded and the PDF/A-3 metadata, as an update. */
export function facturXPdf(pdf: Uint8Array, xml: string, meta: FacturXMeta): Uint8Array {
  const s = latin1(pdf);
  if (!s.startsWith('%PDF-')) throw new UnsupportedPdf(msg('facturx-pdf.not-pdf'));
  const trailer = readTrailer(s);
  if (trailer.entries.has('Encrypt')) throw new UnsupportedPdf(msg('facturx-pdf.encrypted'));
  const root = refOf(trailer.entries.get('Root'));
  if (!root) throw new UnsupportedPdf(msg('facturx-pdf.no-root'));
  const size = Number(trailer.entries.get('Size'));
  if (!Number.isInteger(size) || size <= 0) throw new UnsupportedPdf(msg('facturx-pdf.no-size'));
  const catalog = dictEntries(s, objectValueAt(s, root.num, root.gen));
  // The document's names tree is kept, with the embedded file added to it.
  let names = new Map<string, string>();
  const namesValue = catalog.get('Names');
  const namesRef = refOf(namesValue);
  if (namesRef) names = dictEntries(s, objectValueAt(s, namesRef.num, namesRef.gen));
  else if (namesValue?.startsWith('<<')) names = dictEntries(namesValue, 0);

  const xmlBytes = utf8(xml);
  const xmpBytes = utf8(xmpPacket(meta));
  const date = pdfDate(meta.now);
  const n = {
    file: size,
    spec: size + 1,
    names: size + 2,
    xmp: size + 3,
    icc: size + 4,
    intent: size + 5,
    info: size + 6,
  };
  const newSize = size + 7;
  const dict = (entries: Map<string, string>) =>
    `<<${[...entries].map(([k, v]) => ` /${k} ${v}`).join('')} >>`;
  names.set('EmbeddedFiles', `<< /Names [(factur-x.xml) ${n.spec} 0 R] >>`);
  const newCatalog = new Map(catalog);
  newCatalog.set('Names', `${n.names} 0 R`);
  newCatalog.set('Metadata', `${n.xmp} 0 R`);
  newCatalog.set('AF', `[${n.spec} 0 R]`);
  newCatalog.set('OutputIntents', `[${n.intent} 0 R]`);
  // PDF/A-3 is based on PDF 1.7; the header of an exported file may say less.
  newCatalog.set('Version', '/1.7');

  type Obj = { num: number; gen: number; parts: Uint8Array[] };
  const text = (t: string) => latin1Bytes(t);
  const stream = (head: string, body: Uint8Array): Uint8Array[] => [
    text(`${head.replace(/>>$/, '')} /Length ${body.length} >>\nstream\n`),
    body,
    text('\nendstream'),
  ];
  const objects: Obj[] = [
    {
      num: n.file,
      gen: 0,
      parts: stream(
        `<< /Type /EmbeddedFile /Subtype /text#2Fxml /Params << /Size ${xmlBytes.length} /ModDate (${date}) >> >>`,
        xmlBytes,
      ),
    },
    {
      num: n.spec,
      gen: 0,
      parts: [
        text(
          `<< /Type /Filespec /F (factur-x.xml) /UF ${pdfText('factur-x.xml')} /Desc ${pdfText(`Factur-X ${meta.number}`)} /AFRelationship /Alternative /EF << /F ${n.file} 0 R /UF ${n.file} 0 R >> >>`,
        ),
      ],
    },
    { num: n.names, gen: 0, parts: [text(dict(names))] },
    { num: n.xmp, gen: 0, parts: stream('<< /Type /Metadata /Subtype /XML >>', xmpBytes) },
    { num: n.icc, gen: 0, parts: stream('<< /N 3 >>', meta.iccProfile) },
    {
      num: n.intent,
      gen: 0,
      parts: [
        text(
          `<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile ${n.icc} 0 R >>`,
        ),
      ],
    },
    {
      num: n.info,
      gen: 0,
      parts: [
        text(
          `<< /Title ${pdfText(meta.title)} /Author ${pdfText(meta.author)} /Subject ${pdfText(meta.subject)} /Creator ${pdfText(meta.producer)} /Producer ${pdfText(meta.producer)} /CreationDate (${date}) /ModDate (${date}) >>`,
        ),
      ],
    },
    { num: root.num, gen: root.gen, parts: [text(dict(newCatalog))] },
  ];

  const chunks: Uint8Array[] = [pdf];
  let offset = pdf.length;
  if (!s.endsWith('\n')) {
    chunks.push(text('\n'));
    offset++;
  }
  const offsets = new Map<number, { at: number; gen: number }>();
  for (const o of objects) {
    offsets.set(o.num, { at: offset, gen: o.gen });
    const bytes = concat([text(`${o.num} ${o.gen} obj\n`), ...o.parts, text('\nendobj\n')]);
    chunks.push(bytes);
    offset += bytes.length;
  }
  // The file's permanent identifier is kept; the second one names this version.
  const id = contentId(pdf, meta.number);
  const firstId = /^\[\s*(<[0-9A-Fa-f]*>|\([^)]*\))/.exec(trailer.entries.get('ID') ?? '')?.[1];
  const ids = `[${firstId ?? `<${id}>`} <${id}>]`;
  const sorted = [...offsets.entries()].sort((a, b) => a[0] - b[0]);
  const trailerEntries = `/Size ${newSize} /Root ${root.num} ${root.gen} R /Info ${n.info} 0 R /Prev ${trailer.prev} /ID ${ids}`;
  const xrefAt = offset;
  if (!trailer.stream) {
    // Subsections of consecutive numbers; each entry 20 bytes, "nnnnnnnnnn ggggg n\r\n".
    let table = 'xref\n';
    let i = 0;
    while (i < sorted.length) {
      let j = i;
      while (j + 1 < sorted.length && (sorted[j + 1]?.[0] ?? 0) === (sorted[j]?.[0] ?? 0) + 1) j++;
      table += `${sorted[i]?.[0] ?? 0} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) {
        const e = sorted[k]?.[1];
        table += `${String(e?.at ?? 0).padStart(10, '0')} ${String(e?.gen ?? 0).padStart(5, '0')} n\r\n`;
      }
      i = j + 1;
    }
    chunks.push(text(`${table}trailer\n<< ${trailerEntries} >>\nstartxref\n${xrefAt}\n%%EOF\n`));
  } else {
    // A cross-reference stream, as the file's own: uncompressed, fields of 1, 4 and 2 bytes.
    const index: number[] = [];
    const rows: number[] = [];
    const xrefNum = newSize;
    const all = [...sorted, [xrefNum, { at: xrefAt, gen: 0 }] as const];
    for (const [num, e] of all) {
      index.push(num, 1);
      rows.push(
        1,
        (e.at >>> 24) & 255,
        (e.at >>> 16) & 255,
        (e.at >>> 8) & 255,
        e.at & 255,
        0,
        e.gen & 255,
      );
    }
    const body = Uint8Array.from(rows);
    chunks.push(
      text(
        `${xrefNum} 0 obj\n<< /Type /XRef /W [1 4 2] /Index [${index.join(' ')}] ${trailerEntries.replace(`/Size ${newSize}`, `/Size ${newSize + 1}`)} /Length ${body.length} >>\nstream\n`,
      ),
      body,
      text(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`),
    );
  }
  return concat(chunks);
}
