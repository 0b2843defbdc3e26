/**
 * The files embedded in a PDF (ISO 32000-1 §7.11.4), read synchronously with no library: the way
 * a Factur-X / ZUGFeRD / XRechnung PDF carries its XML invoice.
 *
 * How the file is read. The bytes are taken as Latin-1 (one character per byte, so string offsets
 * are byte offsets). Objects are found by scanning for their `N G obj` definitions, in file
 * order, skipping over stream data, so that compressed bytes are never mistaken for syntax; the
 * last definition of a number wins, which is what an incremental update (§7.5.6) means. Objects
 * kept in compressed object streams (`/Type /ObjStm`, §7.5.7: pdf-lib, qpdf, LibreOffice and
 * Ghostscript write them) are decoded and indexed as if defined where their object stream is.
 * Not relying on the cross-reference table makes the reader indifferent to the many files whose
 * offsets are slightly wrong, and costs one pass over the file.
 *
 * Which files. The document's EmbeddedFiles name tree (§7.7.4) and the catalog's associated files
 * (`/AF`, PDF/A-3 and Factur-X) are authoritative; when neither yields a file (a damaged catalog,
 * an attachment only on a page annotation), every file specification with an `/EF` entry is
 * taken. Each file's name is its `/UF` (Unicode) or `/F` text string.
 *
 * Streams: `/FlateDecode` (with PNG or TIFF predictors) is decoded by `inflate`; other filters and
 * encrypted files are reported, not guessed at.
 */
import { msg, render, type Message } from '../../texts';
import { inflate, inflateRaw, InflateError } from './inflate';
import { decodeUtf8 } from './xml-read';

/** Why a PDF or one of its files cannot be read: `reason` for the person reading it. */
export class PdfReadError extends Error {
  constructor(readonly reason: Message) {
    super(render(reason, 'en'));
    this.name = 'PdfReadError';
  }
}

export interface EmbeddedFile {
  /** The file name (`/UF`, else `/F`), decoded from its PDF text string. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The MIME type of the embedded file stream's `/Subtype` (`text/xml`), when given. */
  readonly mimeType?: string;
  /** The file specification's `/Desc`, when given. */
  readonly description?: string;
  /** `/AFRelationship` (`Data`, `Alternative`, `Source`…), when given. */
  readonly relationship?: string;
}

export interface UnreadableFile {
  readonly name: string;
  readonly reason: Message;
}

// ---------------------------------------------------------------------------------------------
// Objects (§7.3)

interface PdfName {
  readonly t: 'name';
  readonly v: string;
}
/** A string's bytes, one character per byte. */
interface PdfString {
  readonly t: 'string';
  readonly v: string;
}
interface PdfRef {
  readonly t: 'ref';
  readonly num: number;
  readonly gen: number;
}
interface PdfArray {
  readonly t: 'array';
  readonly v: readonly PdfValue[];
}
interface PdfDict {
  readonly t: 'dict';
  readonly v: ReadonlyMap<string, PdfValue>;
}
type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfArray | PdfDict;

const isWhite = (c: number): boolean =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelimiter = (c: number): boolean =>
  c === 0x28 || // (
  c === 0x29 || // )
  c === 0x3c || // <
  c === 0x3e || // >
  c === 0x5b || // [
  c === 0x5d || // ]
  c === 0x7b || // {
  c === 0x7d || // }
  c === 0x2f || // /
  c === 0x25; // %
const isRegular = (c: number): boolean => !Number.isNaN(c) && !isWhite(c) && !isDelimiter(c);

/** Nesting deeper than this is no document structure, only an attempt to exhaust the stack. */
const MAX_DEPTH = 100;

/**
 * A value that cannot be read where one was expected. Never reported: the object is skipped (a
 * file is read whatever its damaged parts), so its message stays English.
 */
class SyntaxFault extends Error {}

/** Reads PDF values from a Latin-1 string. */
class Lexer {
  constructor(readonly s: string) {}

  /** Past white space and comments. */
  skip(i: number): number {
    const s = this.s;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (isWhite(c)) i++;
      else if (c === 0x25) {
        while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
      } else break;
    }
    return i;
  }

  private token(i: number): number {
    while (i < this.s.length && isRegular(this.s.charCodeAt(i))) i++;
    return i;
  }

  /** The value starting at or after `start`, and the index just past it. */
  value(start: number, depth = 0): [PdfValue, number] {
    if (depth > MAX_DEPTH) throw new SyntaxFault('nesting too deep');
    const s = this.s;
    let i = this.skip(start);
    const c = s[i];
    if (c === undefined) throw new SyntaxFault('unexpected end of file');
    if (c === '<' && s[i + 1] === '<') {
      const map = new Map<string, PdfValue>();
      i += 2;
      for (;;) {
        i = this.skip(i);
        if (s[i] === '>' && s[i + 1] === '>') return [{ t: 'dict', v: map }, i + 2];
        if (s[i] !== '/') throw new SyntaxFault(`expected a name as dictionary key at ${i}`);
        const [key, afterKey] = this.value(i, depth + 1);
        const [value, afterValue] = this.value(afterKey, depth + 1);
        map.set((key as PdfName).v, value);
        i = afterValue;
      }
    }
    if (c === '[') {
      const items: PdfValue[] = [];
      i++;
      for (;;) {
        i = this.skip(i);
        if (s[i] === ']') return [{ t: 'array', v: items }, i + 1];
        if (i >= s.length) throw new SyntaxFault('unterminated array');
        const [item, after] = this.value(i, depth + 1);
        items.push(item);
        i = after;
      }
    }
    if (c === '(') return this.literalString(i);
    if (c === '<') {
      const end = s.indexOf('>', i);
      if (end < 0) throw new SyntaxFault('unterminated hexadecimal string');
      const hex = s.slice(i + 1, end).replace(/[\0\t\n\f\r ]/g, '');
      if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new SyntaxFault(`bad hexadecimal string at ${i}`);
      // §7.3.4.3: a final odd digit stands for digit 0.
      const even = hex.length % 2 === 0 ? hex : `${hex}0`;
      let v = '';
      for (let k = 0; k < even.length; k += 2) {
        v += String.fromCharCode(parseInt(even.slice(k, k + 2), 16));
      }
      return [{ t: 'string', v }, end + 1];
    }
    if (c === '/') {
      const end = this.token(i + 1);
      // §7.3.5: #xx stands for the byte xx.
      const v = s
        .slice(i + 1, end)
        .replace(/#([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return [{ t: 'name', v }, end];
    }
    const end = this.token(i);
    if (end === i) throw new SyntaxFault(`unexpected "${c}" at ${i}`);
    const word = s.slice(i, end);
    if (/^\d+$/.test(word)) {
      // An indirect reference is `num gen R`.
      const ref = /^[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+R/.exec(s.slice(end, end + 32));
      if (ref && !isRegular(s.charCodeAt(end + ref[0].length))) {
        return [{ t: 'ref', num: Number(word), gen: Number(ref[1]) }, end + ref[0].length];
      }
      return [Number(word), end];
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return [Number(word), end];
    if (word === 'true') return [true, end];
    if (word === 'false') return [false, end];
    // null, and any operator found where a value was expected, stand for nothing.
    return [null, end];
  }

  /** §7.3.4.2: balanced parentheses, backslash escapes, octal codes, line continuations. */
  private literalString(start: number): [PdfString, number] {
    const s = this.s;
    let depth = 0;
    let v = '';
    for (let i = start; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') {
        const n = s[++i];
        if (n === undefined) break;
        const simple: Record<string, string> = {
          n: '\n',
          r: '\r',
          t: '\t',
          b: '\b',
          f: '\f',
          '(': '(',
          ')': ')',
          '\\': '\\',
        };
        if (n in simple) v += simple[n];
        else if (n >= '0' && n <= '7') {
          let octal = n;
          while (octal.length < 3 && (s[i + 1] ?? '') >= '0' && (s[i + 1] ?? '') <= '7') {
            octal += s[++i];
          }
          v += String.fromCharCode(parseInt(octal, 8) & 0xff);
        } else if (n === '\r') {
          if (s[i + 1] === '\n') i++;
        } else if (n !== '\n') v += n;
      } else if (c === '(') {
        if (depth++ > 0) v += c;
      } else if (c === ')') {
        if (--depth === 0) return [{ t: 'string', v }, i + 1];
        v += c;
      } else if (c === '\r') {
        // An unescaped end of line is a line feed, whichever it was (§7.3.4.2).
        if (s[i + 1] === '\n') i++;
        v += '\n';
      } else v += c;
    }
    throw new SyntaxFault('unterminated string');
  }
}

// ---------------------------------------------------------------------------------------------
// The file's objects

interface Definition {
  readonly value: PdfValue;
  /** Where it is defined (an object stream's members: where the object stream is). */
  readonly position: number;
  /** For a stream object: where its data starts and the end found by scanning. */
  readonly stream?: { readonly start: number; readonly scannedEnd: number };
}

const keyOf = (num: number, gen: number): string => `${num} ${gen}`;

function latin1(bytes: Uint8Array): string {
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    chunks.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
  }
  return chunks.join('');
}

const OBJ = /(\d+)[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+obj(?![^\0\t\n\f\r ()<>[\]{}/%])/g;
const END_STREAM = 'endstream';

class PdfFile {
  readonly s: string;
  readonly lexer: Lexer;
  readonly objects = new Map<string, Definition>();
  /** Trailer dictionaries (classic or of cross-reference streams), in file order. */
  readonly trailers: ReadonlyMap<string, PdfValue>[] = [];

  constructor(readonly bytes: Uint8Array) {
    this.s = latin1(bytes);
    const header = this.s.indexOf('%PDF-');
    if (header < 0 || header > 1024) throw new PdfReadError(msg('received-file.pdf.not-pdf'));
    this.lexer = new Lexer(this.s);
    this.scan();
    this.readTrailers();
    this.expandObjectStreams();
  }

  /** Every `N G obj` definition in file order; stream data is stepped over. */
  private scan(): void {
    const s = this.s;
    const re = new RegExp(OBJ.source, 'g');
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      const before = m.index > 0 ? s.charCodeAt(m.index - 1) : 0x20;
      if (isRegular(before)) continue;
      const num = Number(m[1]);
      const gen = Number(m[2]);
      let value: PdfValue;
      let end: number;
      try {
        [value, end] = this.lexer.value(m.index + m[0].length);
      } catch (e) {
        if (e instanceof SyntaxFault) continue;
        throw e;
      }
      const after = this.lexer.skip(end);
      if (s.startsWith('stream', after) && isDict(value)) {
        let start = after + 6;
        if (s[start] === '\r' && s[start + 1] === '\n') start += 2;
        else if (s[start] === '\n' || s[start] === '\r') start++;
        const scannedEnd = this.scannedEnd(start, value.v.get('Length'));
        this.objects.set(keyOf(num, gen), {
          value,
          position: m.index,
          stream: { start, scannedEnd },
        });
        const resume = s.indexOf(END_STREAM, scannedEnd);
        re.lastIndex = resume < 0 ? s.length : resume + END_STREAM.length;
      } else {
        this.objects.set(keyOf(num, gen), { value, position: m.index });
        re.lastIndex = end;
      }
    }
  }

  /** The end of stream data, from a direct /Length when it is right, else from `endstream`. */
  private scannedEnd(start: number, length: PdfValue | undefined): number {
    if (typeof length === 'number') {
      const end = this.checkedEnd(start, length);
      if (end !== undefined) return end;
    }
    return this.endstreamEnd(start);
  }

  /** `start + length` when `endstream` follows it (after at most an end of line or so). */
  checkedEnd(start: number, length: number): number | undefined {
    if (!Number.isInteger(length) || length < 0 || start + length > this.s.length) return undefined;
    const end = start + length;
    const tail = this.s.slice(end, end + 4 + END_STREAM.length);
    return /^[\0\t\n\f\r ]{0,4}endstream/.test(tail) ? end : undefined;
  }

  /** The data end before the next `endstream`, its end of line excluded. */
  endstreamEnd(start: number): number {
    let end = this.s.indexOf(END_STREAM, start);
    if (end < 0) return this.s.length;
    if (this.s[end - 1] === '\n') end--;
    if (this.s[end - 1] === '\r' && end > start) end--;
    return end;
  }

  private readTrailers(): void {
    const found: { at: number; dict: ReadonlyMap<string, PdfValue> }[] = [];
    const re = /trailer[\0\t\n\f\r ]*<</g;
    for (let m = re.exec(this.s); m !== null; m = re.exec(this.s)) {
      try {
        const [dict] = this.lexer.value(m.index + 7);
        if (isDict(dict)) found.push({ at: m.index, dict: dict.v });
      } catch (e) {
        if (!(e instanceof SyntaxFault)) throw e;
      }
    }
    for (const def of this.objects.values()) {
      if (isDict(def.value) && nameOf(def.value.v.get('Type')) === 'XRef') {
        found.push({ at: def.position, dict: def.value.v });
      }
    }
    found.sort((a, b) => a.at - b.at);
    this.trailers.push(...found.map((f) => f.dict));
  }

  /** Members of object streams join the index, unless defined again later in the file. */
  private expandObjectStreams(): void {
    const streams = [...this.objects.values()]
      .filter((d) => d.stream && isDict(d.value) && nameOf(d.value.v.get('Type')) === 'ObjStm')
      .sort((a, b) => a.position - b.position);
    for (const def of streams) {
      const dict = (def.value as PdfDict).v;
      let text: string;
      try {
        text = latin1(this.streamData(def));
      } catch {
        // An unreadable object stream hides its objects; whatever else is readable still is.
        continue;
      }
      const n = this.resolve(dict.get('N'));
      const first = this.resolve(dict.get('First'));
      if (typeof n !== 'number' || typeof first !== 'number') continue;
      const lexer = new Lexer(text);
      let at = 0;
      const members: [number, number][] = [];
      try {
        for (let k = 0; k < n; k++) {
          const [num, a1] = lexer.value(at);
          const [offset, a2] = lexer.value(a1);
          if (typeof num !== 'number' || typeof offset !== 'number') break;
          members.push([num, offset]);
          at = a2;
        }
      } catch (e) {
        if (!(e instanceof SyntaxFault)) throw e;
      }
      for (const [num, offset] of members) {
        const key = keyOf(num, 0);
        const existing = this.objects.get(key);
        if (existing && existing.position > def.position) continue;
        try {
          const [value] = lexer.value(first + offset);
          this.objects.set(key, { value, position: def.position });
        } catch (e) {
          if (!(e instanceof SyntaxFault)) throw e;
        }
      }
    }
  }

  /** A value with indirect references followed. */
  resolve(value: PdfValue | undefined): PdfValue {
    let v: PdfValue | undefined = value;
    for (let hops = 0; v !== null && typeof v === 'object' && v.t === 'ref'; hops++) {
      if (hops > 32) return null;
      v = this.objects.get(keyOf(v.num, v.gen))?.value;
    }
    return v ?? null;
  }

  dict(value: PdfValue | undefined): ReadonlyMap<string, PdfValue> | undefined {
    const v = this.resolve(value);
    return isDict(v) ? v.v : undefined;
  }

  /** The decoded data of a stream object. */
  streamData(def: Definition): Uint8Array {
    const stream = def.stream;
    // Callers pass stream objects only: anything else is a mistake in this file.
    if (!stream || !isDict(def.value)) throw new Error('not a stream');
    const dict = def.value.v;
    if (dict.has('F')) throw new PdfReadError(msg('received-file.pdf.external-stream'));
    const length = this.resolve(dict.get('Length'));
    const end =
      (typeof length === 'number' ? this.checkedEnd(stream.start, length) : undefined) ??
      stream.scannedEnd;
    let data = this.bytes.subarray(stream.start, end);
    const filters = this.list(dict.get('Filter'));
    const parms = this.list(dict.get('DecodeParms') ?? dict.get('DP'));
    filters.forEach((f, i) => {
      const name = nameOf(f);
      if (name === 'FlateDecode' || name === 'Fl') {
        data = applyPredictor(flate(data), this.dict(parms[i] ?? null));
      } else {
        throw new PdfReadError(msg('received-file.pdf.filter', { name: name ?? '?' }));
      }
    });
    return data;
  }

  private list(value: PdfValue | undefined): PdfValue[] {
    const v = this.resolve(value);
    if (v === null) return [];
    return typeof v === 'object' && v.t === 'array' ? v.v.map((x) => this.resolve(x)) : [v];
  }
}

function isDict(v: PdfValue | undefined): v is PdfDict {
  return v !== null && typeof v === 'object' && v.t === 'dict';
}

function nameOf(v: PdfValue | undefined): string | undefined {
  return v !== null && typeof v === 'object' && v.t === 'name' ? v.v : undefined;
}

function stringOf(v: PdfValue | undefined): string | undefined {
  return v !== null && typeof v === 'object' && v.t === 'string' ? v.v : undefined;
}

/** zlib data; a few writers leave out the zlib header, whose raw DEFLATE is decoded as such. */
function flate(data: Uint8Array): Uint8Array {
  const cmf = data[0] ?? 0;
  const flg = data[1] ?? 0;
  const zlibHeader = (cmf & 15) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
  try {
    return zlibHeader ? inflate(data) : inflateRaw(data);
  } catch (e) {
    if (e instanceof InflateError) {
      throw new PdfReadError(msg('received-file.pdf.corrupt', { reason: e.reason }));
    }
    throw e;
  }
}

/** §7.4.4.4: undoes the TIFF (2) and PNG (10–15) predictors of /FlateDecode. */
function applyPredictor(
  data: Uint8Array,
  parms: ReadonlyMap<string, PdfValue> | undefined,
): Uint8Array {
  const num = (key: string, fallback: number): number => {
    const v = parms?.get(key);
    return typeof v === 'number' ? v : fallback;
  };
  const predictor = num('Predictor', 1);
  if (predictor === 1) return data;
  const colors = num('Colors', 1);
  const bits = num('BitsPerComponent', 8);
  const columns = num('Columns', 1);
  const bytesPerPixel = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowLength = Math.ceil((colors * bits * columns) / 8);
  if (predictor === 2) {
    if (bits !== 8) throw new PdfReadError(msg('received-file.pdf.tiff-bits'));
    const out = data.slice();
    for (let row = 0; row < out.length; row += rowLength) {
      for (let i = row + colors; i < Math.min(row + rowLength, out.length); i++) {
        out[i] = ((out[i] ?? 0) + (out[i - colors] ?? 0)) & 0xff;
      }
    }
    return out;
  }
  if (predictor < 10) throw new PdfReadError(msg('received-file.pdf.predictor', { predictor }));
  // PNG: each row starts with its filter type (RFC 2083 §6).
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)] ?? 0;
    const src = r * (rowLength + 1) + 1;
    const at = r * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const raw = data[src + i] ?? 0;
      const left = i >= bytesPerPixel ? (out[at + i - bytesPerPixel] ?? 0) : 0;
      const up = r > 0 ? (out[at - rowLength + i] ?? 0) : 0;
      const upLeft =
        r > 0 && i >= bytesPerPixel ? (out[at - rowLength + i - bytesPerPixel] ?? 0) : 0;
      let v: number;
      if (type === 0) v = raw;
      else if (type === 1) v = raw + left;
      else if (type === 2) v = raw + up;
      else if (type === 3) v = raw + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      } else throw new PdfReadError(msg('received-file.pdf.png-row-type', { type }));
      out[at + i] = v & 0xff;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text strings (§7.9.2.2)

/** PDFDocEncoding where it differs from Latin-1 (ISO 32000-1 Annex D, table D.2). */
const PDF_DOC_ENCODING: Readonly<Record<number, number>> = {
  0x18: 0x02d8,
  0x19: 0x02c7,
  0x1a: 0x02c6,
  0x1b: 0x02d9,
  0x1c: 0x02dd,
  0x1d: 0x02db,
  0x1e: 0x02da,
  0x1f: 0x02dc,
  0x80: 0x2022,
  0x81: 0x2020,
  0x82: 0x2021,
  0x83: 0x2026,
  0x84: 0x2014,
  0x85: 0x2013,
  0x86: 0x0192,
  0x87: 0x2044,
  0x88: 0x2039,
  0x89: 0x203a,
  0x8a: 0x2212,
  0x8b: 0x2030,
  0x8c: 0x201e,
  0x8d: 0x201c,
  0x8e: 0x201d,
  0x8f: 0x2018,
  0x90: 0x2019,
  0x91: 0x201a,
  0x92: 0x2122,
  0x93: 0xfb01,
  0x94: 0xfb02,
  0x95: 0x0141,
  0x96: 0x0152,
  0x97: 0x0160,
  0x98: 0x0178,
  0x99: 0x017d,
  0x9a: 0x0131,
  0x9b: 0x0142,
  0x9c: 0x0153,
  0x9d: 0x0161,
  0x9e: 0x017e,
  0xa0: 0x20ac,
};

/**
 * A PDF text string's bytes (one character per byte, escapes already undone) as text: UTF-16BE
 * after its byte order mark, UTF-8 after its mark (PDF 2.0), else PDFDocEncoding. Language
 * escape sequences (ESC … ESC) inside UTF-16 are dropped.
 */
export function decodePdfText(raw: string): string {
  if (raw.startsWith('\xfe\xff')) {
    let out = '';
    for (let i = 2; i + 1 < raw.length; i += 2) {
      out += String.fromCharCode((raw.charCodeAt(i) << 8) | raw.charCodeAt(i + 1));
    }
    // ESC is a control character by definition: matching it is the point.
    // eslint-disable-next-line no-control-regex
    return out.replace(/\u001b[^\u001b]*\u001b/g, '');
  }
  if (raw.startsWith('\xef\xbb\xbf')) {
    return decodeUtf8(
      Uint8Array.from(raw.slice(3), (c) => c.charCodeAt(0)),
      false,
    );
  }
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    out += String.fromCharCode(PDF_DOC_ENCODING[c] ?? c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Embedded files

interface Candidate {
  readonly spec: ReadonlyMap<string, PdfValue>;
  /** The key of the name tree entry, a fallback name. */
  readonly treeName?: string;
}

/** Name tree entries (§7.9.6), in order, with a guard against cycles. */
function nameTreeEntries(file: PdfFile, root: PdfValue | undefined): [string, PdfValue][] {
  const entries: [string, PdfValue][] = [];
  const seen = new Set<ReadonlyMap<string, PdfValue>>();
  const walk = (node: PdfValue | undefined, depth: number): void => {
    const dict = file.dict(node ?? null);
    if (!dict || seen.has(dict) || depth > MAX_DEPTH) return;
    seen.add(dict);
    const names = file.resolve(dict.get('Names'));
    if (names !== null && typeof names === 'object' && names.t === 'array') {
      for (let i = 0; i + 1 < names.v.length; i += 2) {
        const key = decodePdfText(stringOf(file.resolve(names.v[i])) ?? '');
        entries.push([key, names.v[i + 1] ?? null]);
      }
    }
    const kids = file.resolve(dict.get('Kids'));
    if (kids !== null && typeof kids === 'object' && kids.t === 'array') {
      for (const kid of kids.v) walk(kid, depth + 1);
    }
  };
  walk(root, 0);
  return entries;
}

/** Every dictionary with an /EF entry inside a value (file attachment annotations hold them). */
function specsWithin(file: PdfFile, value: PdfValue, out: Candidate[], depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  if (value.t === 'dict') {
    if (value.v.has('EF')) out.push({ spec: value.v });
    for (const v of value.v.values()) specsWithin(file, v, out, depth + 1);
  } else if (value.t === 'array') {
    for (const v of value.v) specsWithin(file, v, out, depth + 1);
  }
}

function candidates(file: PdfFile): Candidate[] {
  const found: Candidate[] = [];
  const root = [...file.trailers].reverse().find((t) => t.has('Root'));
  const catalog = file.dict(root?.get('Root'));
  if (catalog) {
    const names = file.dict(catalog.get('Names'));
    for (const [treeName, value] of nameTreeEntries(file, names?.get('EmbeddedFiles'))) {
      const spec = file.dict(value);
      if (spec) found.push({ spec, treeName });
    }
    const af = file.resolve(catalog.get('AF'));
    if (af !== null && typeof af === 'object' && af.t === 'array') {
      for (const item of af.v) {
        const spec = file.dict(item);
        if (spec) found.push({ spec });
      }
    }
  }
  if (found.length === 0) {
    for (const def of file.objects.values()) specsWithin(file, def.value, found);
  }
  return found;
}

function fileName(spec: ReadonlyMap<string, PdfValue>, fallback: string | undefined): string {
  for (const key of ['UF', 'F', 'Unix', 'Mac', 'DOS']) {
    const raw = stringOf(spec.get(key));
    if (raw !== undefined && raw !== '') return decodePdfText(raw);
  }
  return fallback ?? 'attachment';
}

/**
 * The embedded files of a PDF, with the ones that could not be decoded (an unsupported filter,
 * corrupt compressed data) listed apart with the reason. Throws `PdfReadError` for what is not a
 * PDF, or an encrypted one.
 */
export function pdfAttachments(pdf: Uint8Array): {
  files: EmbeddedFile[];
  unreadable: UnreadableFile[];
} {
  const file = new PdfFile(pdf);
  if (file.trailers.some((t) => t.has('Encrypt'))) {
    throw new PdfReadError(msg('received-file.pdf.encrypted'));
  }
  const files: EmbeddedFile[] = [];
  const unreadable: UnreadableFile[] = [];
  const done = new Set<string>();
  for (const { spec: rawSpec, treeName } of candidates(file)) {
    // Resolve the entries we read: a specification may hold them indirectly.
    const spec = new Map([...rawSpec].map(([k, v]) => [k, file.resolve(v)]));
    const name = fileName(spec, treeName);
    const ef = file.dict(spec.get('EF'));
    const ref = ef?.get('UF') ?? ef?.get('F');
    if (ref === undefined || ref === null || typeof ref !== 'object' || ref.t !== 'ref') {
      if (ef) unreadable.push({ name, reason: msg('received-file.pdf.no-file-stream') });
      continue;
    }
    const key = keyOf(ref.num, ref.gen);
    if (done.has(key)) continue;
    done.add(key);
    const def = file.objects.get(key);
    if (!def?.stream || !isDict(def.value)) {
      unreadable.push({
        name,
        reason: msg('received-file.pdf.file-stream-not-found', { ref: key }),
      });
      continue;
    }
    try {
      const bytes = file.streamData(def);
      const mimeType = nameOf(def.value.v.get('Subtype'));
      const description = stringOf(spec.get('Desc'));
      const relationship = nameOf(spec.get('AFRelationship'));
      files.push({
        name,
        bytes,
        ...(mimeType === undefined ? {} : { mimeType }),
        ...(description === undefined ? {} : { description: decodePdfText(description) }),
        ...(relationship === undefined ? {} : { relationship }),
      });
    } catch (e) {
      if (!(e instanceof PdfReadError)) throw e;
      unreadable.push({ name, reason: e.reason });
    }
  }
  return { files, unreadable };
}

/**
 * The embedded files of a PDF, in the order the document lists them. Throws `PdfReadError` for
 * what is not a PDF, an encrypted one, or when an embedded file cannot be decoded (naming it and
 * why), so that no attachment goes missing silently; `pdfAttachments` tolerates those.
 */
export function embeddedFiles(pdf: Uint8Array): EmbeddedFile[] {
  const { files, unreadable } = pdfAttachments(pdf);
  const [one, ...more] = unreadable.map((u) =>
    msg('received-file.in-attachment', { name: u.name, reason: u.reason }),
  );
  if (one) {
    throw new PdfReadError(
      more.reduce((first, next) => msg('received-file.list', { first, next }), one),
    );
  }
  return files;
}

/**
 * The names the hybrid invoice formats give their XML: Factur-X (`factur-x.xml`), ZUGFeRD 2
 * (`zugferd-invoice.xml`; ZUGFeRD 1 used `ZUGFeRD-invoice.xml`), XRechnung (`xrechnung.xml`).
 */
export const INVOICE_XML_NAMES: readonly string[] = [
  'factur-x.xml',
  'zugferd-invoice.xml',
  'xrechnung.xml',
];

/** The invoice XML among embedded files: by its standard name, else the only XML file. */
export function invoiceXmlOf<T extends { readonly name: string }>(
  files: readonly T[],
): T | undefined {
  for (const wanted of INVOICE_XML_NAMES) {
    const f = files.find((x) => x.name.toLowerCase() === wanted);
    if (f) return f;
  }
  const xml = files.filter((x) => x.name.toLowerCase().endsWith('.xml'));
  return xml.length === 1 ? xml[0] : undefined;
}
