/**
 * A synchronous decompressor for zlib streams (RFC 1950) and raw DEFLATE data (RFC 1951).
 *
 * Why here: PDFs compress their streams with /FlateDecode (zlib), and Apps Script has no zlib
 * that can be called on bytes synchronously from the bundle. Reading an embedded Factur-X XML
 * therefore needs its own decompressor.
 *
 * All three block types are decoded: stored (BTYPE 00), fixed Huffman codes (01) and dynamic
 * Huffman codes (10). Everything the RFCs call an error is refused with an `InflateError` naming
 * the byte offset: a reserved block type, a stored block whose LEN and NLEN disagree, an
 * over-subscribed code, a code that is not in the table, a length or distance symbol outside the
 * alphabet, a distance reaching before the start of the output, data ending early, and for zlib a
 * bad header, a preset dictionary (a PDF never uses one), or a wrong Adler-32 checksum.
 *
 * Huffman decoding uses one lookup table per code, indexed by the next `maxLength` input bits
 * (DEFLATE sends codes most-significant bit first inside an LSB-first bit stream, so the table is
 * indexed by bit-reversed codes): a symbol costs one table read, which keeps a 1 MB stream fast
 * in Apps Script's V8.
 */

import { msg, render, type Message } from '../../texts';

export class InflateError extends Error {
  /** The problem and where it is, for the person reading it (the error's message: its English). */
  readonly reason: Message;

  constructor(
    /** What is wrong. */
    readonly problem: Message,
    /** Offset in the input (bytes) where the problem was found. */
    readonly offset: number,
  ) {
    const reason = msg('received-file.inflate.at', { problem, offset });
    super(render(reason, 'en'));
    this.reason = reason;
    this.name = 'InflateError';
  }
}

export interface InflateOptions {
  /**
   * Refuse to produce more than this many bytes: a few hundred bytes of DEFLATE can stand for
   * gigabytes, and a received file must not exhaust the script's memory. Default 64 MiB.
   */
  readonly maxOutputBytes?: number;
}

const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

/** RFC 1951 §3.2.5: base lengths and extra bits of the length symbols 257…285. */
const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
const LENGTH_EXTRA = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/** Base distances and extra bits of the distance symbols 0…29. */
const DISTANCE_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/** RFC 1951 §3.2.7: the order in which code length code lengths are sent. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const MAX_BITS = 15;

/**
 * A canonical Huffman code as a lookup table: `table[next maxLength bits]` is
 * `symbol << 4 | codeLength`, or 0 where no code of the set starts with those bits.
 */
interface HuffmanTable {
  readonly table: Int32Array;
  readonly maxLength: number;
}

function reverseBits(code: number, length: number): number {
  let r = 0;
  for (let i = 0; i < length; i++) {
    r = (r << 1) | (code & 1);
    code >>>= 1;
  }
  return r;
}

/**
 * Builds the table of the canonical code with these code lengths (RFC 1951 §3.2.2). An
 * over-subscribed set cannot be decoded unambiguously and is refused; an incomplete set is
 * accepted (RFC 1951 allows a single distance code) and its unused bit patterns stay 0, which
 * the decoder refuses if the data ever uses them.
 */
function buildTable(lengths: ArrayLike<number>, offset: number): HuffmanTable {
  const count = new Array<number>(MAX_BITS + 1).fill(0);
  let maxLength = 0;
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s] ?? 0;
    if (len > 0) {
      count[len] = (count[len] ?? 0) + 1;
      if (len > maxLength) maxLength = len;
    }
  }
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = (left << 1) - (count[len] ?? 0);
    if (left < 0) throw new InflateError(msg('received-file.inflate.over-subscribed'), offset);
  }
  const next = new Array<number>(MAX_BITS + 2).fill(0);
  let code = 0;
  for (let len = 1; len <= MAX_BITS; len++) {
    code = (code + (count[len - 1] ?? 0)) << 1;
    next[len] = code;
  }
  next[0] = 0;
  const size = 1 << maxLength;
  const table = new Int32Array(maxLength === 0 ? 0 : size);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s] ?? 0;
    if (len === 0) continue;
    const c = next[len] ?? 0;
    next[len] = c + 1;
    const entry = (s << 4) | len;
    for (let j = reverseBits(c, len); j < size; j += 1 << len) table[j] = entry;
  }
  return { table, maxLength };
}

let fixedTables: { literal: HuffmanTable; distance: HuffmanTable } | undefined;

/** RFC 1951 §3.2.6: the fixed codes, built once. */
function fixed(): { literal: HuffmanTable; distance: HuffmanTable } {
  if (fixedTables === undefined) {
    const literal = new Array<number>(288);
    for (let s = 0; s < 288; s++) literal[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
    // 32 five-bit distance codes; 30 and 31 are in the code but invalid in data.
    fixedTables = {
      literal: buildTable(literal, 0),
      distance: buildTable(new Array<number>(32).fill(5), 0),
    };
  }
  return fixedTables;
}

/** The input as a stream of bits, least significant bit of each byte first (RFC 1951 §3.1.1). */
class BitReader {
  /** Next byte to load into `buffer`. */
  pos: number;
  private buffer = 0;
  private count = 0;

  constructor(
    private readonly data: Uint8Array,
    start: number,
  ) {
    this.pos = start;
  }

  /** Byte offset of the next unread bit, for error messages. */
  get offset(): number {
    return this.pos - (this.count >> 3);
  }

  private fail(problem: Message): never {
    throw new InflateError(problem, this.offset);
  }

  /** The next `n` (≤ 16) bits as a number, first bit in the lowest position. */
  bits(n: number): number {
    while (this.count < n) {
      if (this.pos >= this.data.length) this.fail(msg('received-file.inflate.unexpected-end'));
      this.buffer |= (this.data[this.pos++] ?? 0) << this.count;
      this.count += 8;
    }
    const v = this.buffer & ((1 << n) - 1);
    this.buffer >>>= n;
    this.count -= n;
    return v;
  }

  /** One symbol of `code`. */
  decode(code: HuffmanTable): number {
    const { table, maxLength } = code;
    // Load what is available up to maxLength bits: the last symbols of a stream may be shorter
    // than the longest code, with fewer bits left than that.
    while (this.count < maxLength && this.pos < this.data.length) {
      this.buffer |= (this.data[this.pos++] ?? 0) << this.count;
      this.count += 8;
    }
    const entry = maxLength === 0 ? 0 : (table[this.buffer & ((1 << maxLength) - 1)] ?? 0);
    const len = entry & 15;
    if (len === 0) this.fail(msg('received-file.inflate.invalid-code'));
    if (len > this.count) this.fail(msg('received-file.inflate.unexpected-end'));
    this.buffer >>>= len;
    this.count -= len;
    return entry >> 4;
  }

  /** Drops the bits left in the current byte (before a stored block, after the last block). */
  alignToByte(): void {
    const drop = this.count & 7;
    this.buffer >>>= drop;
    this.count -= drop;
  }

  /** Gives back whole buffered bytes, so that `pos` is the next unread byte. */
  release(): void {
    this.alignToByte();
    this.pos -= this.count >> 3;
    this.buffer = 0;
    this.count = 0;
  }
}

/** A growing output buffer; back-references read from it. */
class Output {
  bytes: Uint8Array;
  length = 0;

  constructor(
    sizeHint: number,
    private readonly max: number,
  ) {
    this.bytes = new Uint8Array(Math.max(1024, Math.min(sizeHint, max)));
  }

  reserve(n: number, offset: number): void {
    const needed = this.length + n;
    if (needed > this.max) {
      throw new InflateError(msg('received-file.inflate.too-large', { max: this.max }), offset);
    }
    if (needed <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    const grown = new Uint8Array(Math.min(size, this.max));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Reads the dynamic codes of a BTYPE 10 block header (RFC 1951 §3.2.7). */
function dynamicTables(input: BitReader): { literal: HuffmanTable; distance: HuffmanTable } {
  const at = input.offset;
  const literalCount = input.bits(5) + 257;
  const distanceCount = input.bits(5) + 1;
  const codeLengthCount = input.bits(4) + 4;
  // 286 literal/length and 30 distance symbols exist; counts beyond cannot be meaningful.
  if (literalCount > 286) {
    throw new InflateError(msg('received-file.inflate.too-many-literal-codes'), at);
  }
  if (distanceCount > 30) {
    throw new InflateError(msg('received-file.inflate.too-many-distance-codes'), at);
  }
  const codeLengthLengths = new Array<number>(19).fill(0);
  for (let i = 0; i < codeLengthCount; i++) {
    codeLengthLengths[CODE_LENGTH_ORDER[i] ?? 0] = input.bits(3);
  }
  const codeLengthCode = buildTable(codeLengthLengths, input.offset);
  const lengths = new Array<number>(literalCount + distanceCount).fill(0);
  let i = 0;
  while (i < lengths.length) {
    const symbol = input.decode(codeLengthCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    let repeat: number;
    let value = 0;
    if (symbol === 16) {
      if (i === 0) throw new InflateError(msg('received-file.inflate.repeat-none-before'), at);
      value = lengths[i - 1] ?? 0;
      repeat = 3 + input.bits(2);
    } else if (symbol === 17) {
      repeat = 3 + input.bits(3);
    } else {
      repeat = 11 + input.bits(7);
    }
    if (i + repeat > lengths.length) {
      throw new InflateError(msg('received-file.inflate.repeat-past-end'), input.offset);
    }
    while (repeat-- > 0) lengths[i++] = value;
  }
  if ((lengths[256] ?? 0) === 0) {
    throw new InflateError(msg('received-file.inflate.no-end-of-block'), at);
  }
  return {
    literal: buildTable(lengths.slice(0, literalCount), at),
    distance: buildTable(lengths.slice(literalCount), at),
  };
}

/** Decodes the symbols of one Huffman-coded block until its end-of-block code. */
function huffmanBlock(
  input: BitReader,
  out: Output,
  literal: HuffmanTable,
  distance: HuffmanTable,
): void {
  for (;;) {
    const symbol = input.decode(literal);
    if (symbol < 256) {
      out.reserve(1, input.offset);
      out.bytes[out.length++] = symbol;
      continue;
    }
    if (symbol === 256) return;
    const li = symbol - 257;
    if (li >= 29) {
      throw new InflateError(msg('received-file.inflate.length-symbol', { symbol }), input.offset);
    }
    const length = (LENGTH_BASE[li] ?? 0) + input.bits(LENGTH_EXTRA[li] ?? 0);
    const di = input.decode(distance);
    if (di >= 30) {
      throw new InflateError(
        msg('received-file.inflate.distance-symbol', { symbol: di }),
        input.offset,
      );
    }
    const dist = (DISTANCE_BASE[di] ?? 0) + input.bits(DISTANCE_EXTRA[di] ?? 0);
    if (dist > out.length) {
      throw new InflateError(
        msg('received-file.inflate.distance-too-far', { distance: dist, length: out.length }),
        input.offset,
      );
    }
    out.reserve(length, input.offset);
    const bytes = out.bytes;
    let to = out.length;
    // Byte by byte: a copy may overlap what it writes (distance < length repeats a pattern).
    for (let from = to - dist, end = to + length; to < end;) bytes[to++] = bytes[from++] ?? 0;
    out.length = to;
  }
}

/** Decodes DEFLATE blocks from `start` until the final block; returns the output and the end. */
function inflateBlocks(
  data: Uint8Array,
  start: number,
  options: InflateOptions,
): { output: Uint8Array; end: number } {
  const input = new BitReader(data, start);
  // Text and XML usually compress 3 to 10 times: start near that, grow when needed.
  const out = new Output(data.length * 4, options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT);
  let last = false;
  while (!last) {
    const at = input.offset;
    last = input.bits(1) === 1;
    const type = input.bits(2);
    if (type === 0) {
      input.release();
      const p = input.pos;
      if (p + 4 > data.length) {
        throw new InflateError(msg('received-file.inflate.unexpected-end'), p);
      }
      const len = (data[p] ?? 0) | ((data[p + 1] ?? 0) << 8);
      const nlen = (data[p + 2] ?? 0) | ((data[p + 3] ?? 0) << 8);
      if ((len ^ 0xffff) !== nlen) {
        throw new InflateError(msg('received-file.inflate.stored-length'), p);
      }
      if (p + 4 + len > data.length) {
        throw new InflateError(msg('received-file.inflate.stored-end'), p + 4);
      }
      out.reserve(len, p);
      out.bytes.set(data.subarray(p + 4, p + 4 + len), out.length);
      out.length += len;
      input.pos = p + 4 + len;
    } else if (type === 1) {
      const f = fixed();
      huffmanBlock(input, out, f.literal, f.distance);
    } else if (type === 2) {
      const d = dynamicTables(input);
      huffmanBlock(input, out, d.literal, d.distance);
    } else {
      throw new InflateError(msg('received-file.inflate.reserved-block'), at);
    }
  }
  input.release();
  return { output: out.result(), end: input.pos };
}

/** Decompresses raw DEFLATE data (RFC 1951, no header, no checksum). Trailing bytes are ignored. */
export function inflateRaw(bytes: Uint8Array, options: InflateOptions = {}): Uint8Array {
  return inflateBlocks(bytes, 0, options).output;
}

/** The Adler-32 checksum of RFC 1950 §8.2. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 is the largest run for which b stays below 2^32 before the reduction (RFC 1950's
  // reference code uses the same bound); JS numbers would allow more, but this keeps the sums
  // in the integer range V8 handles fastest.
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i] ?? 0;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Decompresses a zlib stream (RFC 1950): the two header bytes, the DEFLATE data, and the
 * Adler-32 of the output, which must match. Bytes after the checksum are ignored (a PDF stream's
 * length may count an end-of-line after it).
 */
export function inflate(bytes: Uint8Array, options: InflateOptions = {}): Uint8Array {
  if (bytes.length < 2) throw new InflateError(msg('received-file.inflate.too-short'), 0);
  const cmf = bytes[0] ?? 0;
  const flg = bytes[1] ?? 0;
  if ((cmf & 15) !== 8) {
    throw new InflateError(msg('received-file.inflate.method', { method: cmf & 15 }), 0);
  }
  if (cmf >> 4 > 7) {
    throw new InflateError(msg('received-file.inflate.window', { size: cmf >> 4 }), 0);
  }
  if (((cmf << 8) | flg) % 31 !== 0) {
    throw new InflateError(msg('received-file.inflate.header-check'), 1);
  }
  if (flg & 0x20) throw new InflateError(msg('received-file.inflate.preset-dictionary'), 1);
  const { output, end } = inflateBlocks(bytes, 2, options);
  if (end + 4 > bytes.length) {
    throw new InflateError(msg('received-file.inflate.missing-adler'), end);
  }
  const stated =
    (((bytes[end] ?? 0) << 24) |
      ((bytes[end + 1] ?? 0) << 16) |
      ((bytes[end + 2] ?? 0) << 8) |
      (bytes[end + 3] ?? 0)) >>>
    0;
  const actual = adler32(output);
  if (stated !== actual) {
    throw new InflateError(
      msg('received-file.inflate.adler-mismatch', {
        stated: stated.toString(16).padStart(8, '0'),
        actual: actual.toString(16).padStart(8, '0'),
      }),
      end,
    );
  }
  return output;
}
