/**
 * The zlib / DEFLATE decompressor (src/einvoice/receive/inflate.ts) against Node's zlib: every
 * compression level and strategy (stored blocks at level 0, fixed codes with Z_FIXED, dynamic
 * codes otherwise), several window sizes, random and text data, empty and ~1 MB inputs. Then
 * what must be refused: truncation, a wrong checksum, bad headers, and hand-made streams that
 * break each DEFLATE rule; and random corruption never gives wrong bytes silently.
 */
import * as zlib from 'node:zlib';
import { adler32, inflate, InflateError, inflateRaw } from '../../../src/einvoice/receive/inflate';
import { render } from '../../../src/texts';

/** A small deterministic generator (mulberry32), so that failures can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(n: number, seed: number): Uint8Array {
  const next = random(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
}

const TEXT = Buffer.from(
  Array.from(
    { length: 400 },
    (_, i) =>
      `<ram:IncludedSupplyChainTradeLineItem><ram:LineID>${i + 1}</ram:LineID>` +
      `<ram:Name>Formation « Excel avancé » — session ${i % 7} €</ram:Name></ram:IncludedSupplyChainTradeLineItem>\n`,
  ).join(''),
  'utf8',
);

/** ~1 MB mixing runs, text and noise, so that every kind of block and match occurs. */
function large(): Uint8Array {
  const next = random(42);
  const out = new Uint8Array(1_000_000);
  let i = 0;
  while (i < out.length) {
    const kind = Math.floor(next() * 3);
    const n = Math.min(out.length - i, 1 + Math.floor(next() * 5000));
    for (let k = 0; k < n; k++, i++) {
      out[i] =
        kind === 0
          ? 97
          : kind === 1
            ? (TEXT[(i * 13) % TEXT.length] ?? 0)
            : Math.floor(next() * 256);
    }
  }
  return out;
}

const SAMPLES: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['one byte', Uint8Array.of(0x41)],
  ['random 64 KiB', randomBytes(65536, 1)],
  ['text', new Uint8Array(TEXT)],
  ['zeros 300 KiB', new Uint8Array(300_000)],
  ['large mixed ~1 MB', large()],
];

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

describe('inflate against Node zlib', () => {
  it.each(SAMPLES)('decompresses %s at levels 0, 1, 6 and 9', (_name, data) => {
    for (const level of [0, 1, 6, 9]) {
      const compressed = zlib.deflateSync(data, { level });
      expect(same(inflate(compressed), data)).toBe(true);
    }
  });

  it.each(SAMPLES)('decompresses %s with each strategy (fixed codes included)', (_name, data) => {
    const { Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED, Z_DEFAULT_STRATEGY } = zlib.constants;
    for (const strategy of [Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED, Z_DEFAULT_STRATEGY]) {
      expect(same(inflate(zlib.deflateSync(data, { strategy })), data)).toBe(true);
    }
  });

  it('uses the block types it claims to: stored at level 0, fixed with Z_FIXED', () => {
    // The first block header is the low bits of the byte after the zlib header.
    const btype = (z: Buffer): number => ((z[2] ?? 0) >> 1) & 3;
    expect(btype(zlib.deflateSync(TEXT, { level: 0 }))).toBe(0);
    expect(btype(zlib.deflateSync(TEXT, { strategy: zlib.constants.Z_FIXED }))).toBe(1);
    expect(btype(zlib.deflateSync(TEXT, { level: 9 }))).toBe(2);
  });

  it('reads every window size (CINFO 1 to 7)', () => {
    const data = large().subarray(0, 200_000);
    for (let windowBits = 9; windowBits <= 15; windowBits++) {
      expect(same(inflate(zlib.deflateSync(data, { windowBits })), data)).toBe(true);
    }
  });

  it('decompresses raw DEFLATE data', () => {
    for (const [, data] of SAMPLES) {
      for (const level of [0, 1, 9]) {
        expect(same(inflateRaw(zlib.deflateRawSync(data, { level })), data)).toBe(true);
      }
    }
  });

  it('ignores bytes after the checksum (a PDF stream may count an end of line)', () => {
    const z = Buffer.concat([zlib.deflateSync(TEXT), Buffer.from('\r\n')]);
    expect(same(inflate(z), TEXT)).toBe(true);
  });

  it('computes Adler-32 as RFC 1950 and zlib do', () => {
    expect(adler32(new Uint8Array(0))).toBe(1);
    expect(adler32(new Uint8Array(Buffer.from('Wikipedia')))).toBe(0x11e60398);
    const data = large();
    const z = zlib.deflateSync(data);
    expect(adler32(data)).toBe(z.readUInt32BE(z.length - 4));
  });
});

/** DEFLATE bits, least significant first; Huffman codes are given MSB first, as sent. */
class Bits {
  private readonly bytes: number[] = [];
  private bit = 0;

  put(value: number, n: number): this {
    for (let i = 0; i < n; i++) this.push((value >> i) & 1);
    return this;
  }

  code(code: number, n: number): this {
    for (let i = n - 1; i >= 0; i--) this.push((code >> i) & 1);
    return this;
  }

  private push(b: number): void {
    if (this.bit === 0) this.bytes.push(0);
    const last = this.bytes.length - 1;
    this.bytes[last] = (this.bytes[last] ?? 0) | (b << this.bit);
    this.bit = (this.bit + 1) & 7;
  }

  get raw(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  /** As a zlib stream, with a header (and a checksum of nothing: never reached). */
  get zlib(): Uint8Array {
    return Uint8Array.from([0x78, 0x9c, ...this.bytes, 0, 0, 0, 1]);
  }
}

describe('inflate refuses corrupt data', () => {
  const good = zlib.deflateSync(TEXT, { level: 9 });

  it('refuses every truncation of a stream', () => {
    for (let n = 0; n < good.length; n += Math.max(1, Math.floor(good.length / 97))) {
      expect(() => inflate(good.subarray(0, n))).toThrow(InflateError);
    }
    expect(() => inflate(good.subarray(0, good.length - 1))).toThrow(/Adler-32/);
  });

  it('refuses a wrong checksum', () => {
    const bad = Buffer.from(good);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
    expect(() => inflate(bad)).toThrow(/Adler-32 mismatch/);
    // The reason for the person reading it, in the workbook's language, with where.
    let error: unknown;
    try {
      inflate(bad);
    } catch (e) {
      error = e;
    }
    if (!(error instanceof InflateError)) throw new Error('no InflateError');
    expect(render(error.reason, 'en')).toBe(error.message);
    expect(render(error.reason, 'fr')).toMatch(
      /^Adler-32 différent\u00a0: le flux indique [0-9a-f]{8}, les données donnent [0-9a-f]{8} \(octet \d+\)$/,
    );
  });

  it('refuses bad zlib headers and preset dictionaries', () => {
    expect(() => inflate(Uint8Array.of(0x78))).toThrow(/too short/);
    expect(() => inflate(Uint8Array.of(0x79, 0x9c, 3, 0))).toThrow(/compression method 9/);
    expect(() => inflate(Uint8Array.of(0x78, 0x9d, 3, 0))).toThrow(/header check/);
    expect(() => inflate(Uint8Array.of(0x88, 0x98, 3, 0))).toThrow(/window size 8/);
    const dict = zlib.deflateSync(TEXT, { dictionary: Buffer.from('Formation') });
    expect(() => inflate(dict)).toThrow(/preset dictionar/);
  });

  it('refuses the reserved block type', () => {
    expect(() => inflate(new Bits().put(1, 1).put(3, 2).zlib)).toThrow(/reserved block type/);
  });

  it('refuses a stored block whose length and complement disagree', () => {
    const raw = Uint8Array.of(0x01, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5);
    expect(() => inflateRaw(raw)).toThrow(/complement/);
    const short = Uint8Array.of(0x01, 0x05, 0x00, 0xfa, 0xff, 1, 2);
    expect(() => inflateRaw(short)).toThrow(/unexpected end/);
  });

  it('refuses a distance before the start of the output', () => {
    // Fixed block: length symbol 257 (7-bit code 0000001), distance symbol 0 (00000).
    const bits = new Bits().put(1, 1).put(1, 2).code(0b0000001, 7).code(0, 5).code(0, 7);
    expect(() => inflateRaw(bits.raw)).toThrow(/reaches before the start/);
  });

  it('refuses invalid length and distance symbols of the fixed code', () => {
    // 'a' (literal 97: 8-bit code 0x30 + 97), then length symbol 286 (8-bit code 0b11000110).
    const length = new Bits()
      .put(1, 1)
      .put(1, 2)
      .code(0x30 + 97, 8)
      .code(0b11000110, 8);
    expect(() => inflateRaw(length.raw)).toThrow(/invalid length symbol 286/);
    // 'a', then length 3 (symbol 257) at distance symbol 30.
    const distance = new Bits()
      .put(1, 1)
      .put(1, 2)
      .code(0x30 + 97, 8)
      .code(1, 7)
      .code(30, 5);
    expect(() => inflateRaw(distance.raw)).toThrow(/invalid distance symbol 30/);
  });

  it('refuses over-subscribed and malformed dynamic codes', () => {
    // 19 code length codes, all of length 1: over-subscribed.
    const over = new Bits().put(1, 1).put(2, 2).put(0, 5).put(0, 5).put(15, 4);
    for (let i = 0; i < 19; i++) over.put(1, 3);
    expect(() => inflateRaw(over.raw)).toThrow(/over-subscribed/);
    // Code length codes 16 and 17 of length 1 (order 16, 17, 18, 0…): a complete code, then
    // symbol 16 (repeat the previous length) first, with no previous length.
    const repeat = new Bits().put(1, 1).put(2, 2).put(0, 5).put(0, 5).put(0, 4);
    repeat.put(1, 3).put(1, 3).put(0, 3).put(0, 3);
    repeat.code(0, 1).put(0, 2);
    expect(() => inflateRaw(repeat.raw)).toThrow(/none before/);
    // HLIT of 287 and 288 codes cannot be.
    const many = new Bits().put(1, 1).put(2, 2).put(30, 5).put(0, 5).put(0, 4);
    expect(() => inflateRaw(many.raw)).toThrow(/too many literal/);
  });

  it('refuses a dynamic block without an end-of-block code', () => {
    // Code length codes: 0 and 18 of length 1. Lengths: 18 ×(11+127) zeros, 18 ×(11+109) zeros
    // = 258 zeros for 257 literal/length + 1 distance codes: symbol 256 has no code.
    const b = new Bits().put(1, 1).put(2, 2).put(0, 5).put(0, 5).put(0, 4);
    b.put(0, 3).put(0, 3).put(1, 3).put(1, 3); // 16:0, 17:0, 18:1, 0:1
    b.code(1, 1).put(127, 7).code(1, 1).put(109, 7);
    expect(() => inflateRaw(b.raw)).toThrow(/no end-of-block code/);
  });

  it('never returns wrong bytes from a randomly corrupted stream', () => {
    const next = random(7);
    const source = zlib.deflateSync(large().subarray(0, 50_000), { level: 6 });
    let refused = 0;
    for (let trial = 0; trial < 300; trial++) {
      const bad = Buffer.from(source);
      const flips = 1 + Math.floor(next() * 3);
      for (let k = 0; k < flips; k++) {
        const at = 2 + Math.floor(next() * (bad.length - 6));
        bad[at] = (bad[at] ?? 0) ^ (1 << Math.floor(next() * 8));
      }
      try {
        inflate(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(InflateError);
        refused++;
      }
    }
    // Every flip lands in the compressed data: the checksum or the decoder catches it.
    expect(refused).toBe(300);
  });

  it('stops at the output limit', () => {
    const bomb = zlib.deflateSync(new Uint8Array(2_000_000));
    expect(bomb.length).toBeLessThan(3000);
    expect(() => inflate(bomb, { maxOutputBytes: 1_000_000 })).toThrow(/larger than 1000000/);
    expect(inflate(bomb, { maxOutputBytes: 2_000_000 }).length).toBe(2_000_000);
  });
});
