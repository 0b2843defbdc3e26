/**
 * An sRGB ICC profile (version 2.1, display class, matrix/TRC model), built in code from the
 * published parameters of IEC 61966-2-1:1999 rather than copied from a file: the PDF/A output
 * intent of the Factur-X PDF needs one, and a profile generated here carries no third-party
 * licence. The profile is a little under 2.6 KB.
 *
 * What goes in, all of it public facts:
 * - sRGB primaries and white point (IEC 61966-2-1, also ITU-R BT.709): red x 0.64 y 0.33,
 *   green 0.30 0.60, blue 0.15 0.06, white D65 0.3127 0.3290;
 * - the sRGB transfer function: linear = v / 12.92 for v <= 0.04045,
 *   else ((v + 0.055) / 1.055)^2.4;
 * - the ICC profile connection space illuminant, D50 = (0.9642, 1.0, 0.8249)
 *   (ICC.1:2001-04, the profile connection space);
 * - the linear Bradford transform, to adapt the D65 colorants to D50, as ICC.1 recommends for
 *   matrix/TRC display profiles.
 *
 * Layout (ICC.1:2001-04, "File Format for Color Profiles", version 2.4: header, tag table, tags):
 * a 128-byte header, the tag count and table, then the tag data, each element on a 4-byte boundary,
 * all numbers big-endian. Tags: desc (textDescriptionType), cprt (textType), wtpt (D50, as for a
 * profile whose colorants were adapted to the PCS), rXYZ/gXYZ/bXYZ (XYZType, s15Fixed16Number),
 * rTRC/gTRC/bTRC (one shared curveType of 1024 samples). The header date is fixed so the bytes are
 * the same on every run. Pure: no Node or Apps Script API.
 *
 * Checked with LittleCMS (transicc, from Debian's liblcms2-utils): red, green, blue, white, grey
 * and a mixed colour come out in CIELAB within 0.01 of LittleCMS's built-in sRGB.
 */

type Vec3 = readonly [number, number, number];
type Mat3 = readonly [Vec3, Vec3, Vec3];

/** ICC PCS illuminant, D50, as the header and the wtpt tag give it. */
const D50: Vec3 = [0.9642, 1.0, 0.8249];

/** Bradford cone response matrix (K. M. Lam, 1985), as ICC.1 quotes it. */
const BRADFORD: Mat3 = [
  [0.8951, 0.2664, -0.1614],
  [-0.7502, 1.7135, 0.0367],
  [0.0389, -0.0685, 1.0296],
];

/** Samples of the transfer curve: enough for linear interpolation to stay below 1/65535 off. */
const TRC_SAMPLES = 1024;

export const SRGB_DESCRIPTION = 'sRGB IEC61966-2.1';

function xyToXyz(x: number, y: number): Vec3 {
  return [x / y, 1, (1 - x - y) / y];
}

function mulMatVec(m: Mat3, v: Vec3): Vec3 {
  return [
    m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
    m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
    m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
  ];
}

function mulMat(a: Mat3, b: Mat3): Mat3 {
  const c0 = mulMatVec(a, [b[0][0], b[1][0], b[2][0]]);
  const c1 = mulMatVec(a, [b[0][1], b[1][1], b[2][1]]);
  const c2 = mulMatVec(a, [b[0][2], b[1][2], b[2][2]]);
  return [
    [c0[0], c1[0], c2[0]],
    [c0[1], c1[1], c2[1]],
    [c0[2], c1[2], c2[2]],
  ];
}

function invert(m: Mat3): Mat3 {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

function diag(v: Vec3): Mat3 {
  return [
    [v[0], 0, 0],
    [0, v[1], 0],
    [0, 0, v[2]],
  ];
}

/**
 * The sRGB colorants adapted to D50: columns are the XYZ of full red, green and blue, i.e. the
 * rXYZ, gXYZ and bXYZ tags. To 4 decimals: red 0.4360 0.2225 0.0139, green 0.3851 0.7169
 * 0.0971, blue 0.1430 0.0606 0.7139 (older profiles rounded the D65 white differently and print
 * 0.4361, 0.1431, 0.7141: the difference is below 0.01 in CIELAB).
 */
export function srgbColorantsD50(): Mat3 {
  const r = xyToXyz(0.64, 0.33);
  const g = xyToXyz(0.3, 0.6);
  const b = xyToXyz(0.15, 0.06);
  const white = xyToXyz(0.3127, 0.329);
  const primaries: Mat3 = [
    [r[0], g[0], b[0]],
    [r[1], g[1], b[1]],
    [r[2], g[2], b[2]],
  ];
  const scale = mulMatVec(invert(primaries), white);
  const rgbToXyzD65 = mulMat(primaries, diag(scale));
  const coneSrc = mulMatVec(BRADFORD, white);
  const coneDst = mulMatVec(BRADFORD, D50);
  const adapt = mulMat(
    invert(BRADFORD),
    mulMat(
      diag([coneDst[0] / coneSrc[0], coneDst[1] / coneSrc[1], coneDst[2] / coneSrc[2]]),
      BRADFORD,
    ),
  );
  return mulMat(adapt, rgbToXyzD65);
}

/** sRGB encoded value (0..1) to linear light (0..1), IEC 61966-2-1 section 5.2. */
export function srgbToLinear(v: number): number {
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

/** A growing big-endian byte buffer. */
class Bytes {
  private data: number[] = [];

  get length(): number {
    return this.data.length;
  }

  u8(v: number): this {
    this.data.push(v & 0xff);
    return this;
  }

  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }

  u32(v: number): this {
    return this.u16(v >>> 16).u16(v & 0xffff);
  }

  /** s15Fixed16Number: a signed 32-bit integer holding the value times 65536. */
  s15f16(v: number): this {
    return this.u32(Math.round(v * 65536) >>> 0);
  }

  /** Four ASCII characters, as every ICC signature is. */
  sig(s: string): this {
    for (let i = 0; i < 4; i++) this.u8(s.charCodeAt(i));
    return this;
  }

  ascii(s: string): this {
    for (let i = 0; i < s.length; i++) this.u8(s.charCodeAt(i) & 0x7f);
    return this;
  }

  zeros(n: number): this {
    for (let i = 0; i < n; i++) this.u8(0);
    return this;
  }

  align4(): this {
    while (this.data.length % 4 !== 0) this.u8(0);
    return this;
  }

  append(other: Bytes): this {
    for (const b of other.data) this.data.push(b);
    return this;
  }

  setU32(at: number, v: number): void {
    this.data[at] = (v >>> 24) & 0xff;
    this.data[at + 1] = (v >>> 16) & 0xff;
    this.data[at + 2] = (v >>> 8) & 0xff;
    this.data[at + 3] = v & 0xff;
  }

  toUint8Array(): Uint8Array {
    return Uint8Array.from(this.data);
  }
}

function xyzTag(v: Vec3): Bytes {
  return new Bytes().sig('XYZ ').zeros(4).s15f16(v[0]).s15f16(v[1]).s15f16(v[2]);
}

/**
 * textDescriptionType (ICC.1:2001-04): the ASCII part, empty Unicode and ScriptCode parts.
 */
function descTag(text: string): Bytes {
  return new Bytes()
    .sig('desc')
    .zeros(4)
    .u32(text.length + 1)
    .ascii(text)
    .u8(0)
    .u32(0) // Unicode language code
    .u32(0) // Unicode count
    .u16(0) // ScriptCode code
    .u8(0) // ScriptCode count
    .zeros(67); // ScriptCode description, fixed size
}

/** textType: NUL-terminated ASCII. */
function textTag(text: string): Bytes {
  return new Bytes().sig('text').zeros(4).ascii(text).u8(0);
}

/** curveType sampling the sRGB transfer function over 0..1. */
function curveTag(): Bytes {
  const out = new Bytes().sig('curv').zeros(4).u32(TRC_SAMPLES);
  for (let i = 0; i < TRC_SAMPLES; i++) {
    out.u16(Math.round(srgbToLinear(i / (TRC_SAMPLES - 1)) * 65535));
  }
  return out;
}

/** The profile's bytes; a new array on each call. */
export function srgbIccProfile(): Uint8Array {
  const m = srgbColorantsD50();
  const curve = curveTag();
  // Tags in table order; the three TRC tags share one curve.
  const tags: { sig: string; data: Bytes | 'shared-curve' }[] = [
    { sig: 'desc', data: descTag(SRGB_DESCRIPTION) },
    { sig: 'cprt', data: textTag('No copyright, use freely') },
    { sig: 'wtpt', data: xyzTag(D50) },
    { sig: 'rXYZ', data: xyzTag([m[0][0], m[1][0], m[2][0]]) },
    { sig: 'gXYZ', data: xyzTag([m[0][1], m[1][1], m[2][1]]) },
    { sig: 'bXYZ', data: xyzTag([m[0][2], m[1][2], m[2][2]]) },
    { sig: 'rTRC', data: curve },
    { sig: 'gTRC', data: 'shared-curve' },
    { sig: 'bTRC', data: 'shared-curve' },
  ];

  const header = new Bytes()
    .u32(0) // profile size, set below
    .u32(0) // preferred CMM: none
    .u32(0x02100000) // version 2.1.0
    .sig('mntr')
    .sig('RGB ')
    .sig('XYZ ')
    .u16(2024) // creation date and time, fixed
    .u16(1)
    .u16(1)
    .u16(0)
    .u16(0)
    .u16(0)
    .sig('acsp')
    .u32(0) // primary platform: none
    .u32(0) // flags: not embedded-only, may be used independently
    .u32(0) // device manufacturer
    .u32(0) // device model
    .zeros(8) // device attributes: reflective, glossy, positive, colour
    .u32(0) // rendering intent: perceptual
    .s15f16(D50[0])
    .s15f16(D50[1])
    .s15f16(D50[2])
    .u32(0) // profile creator
    .zeros(44); // reserved (the version 4 profile ID included)

  const tableSize = 4 + 12 * tags.length;
  const table = new Bytes().u32(tags.length);
  const body = new Bytes();
  let curveAt = { offset: 0, size: 0 };
  for (const tag of tags) {
    if (tag.data === 'shared-curve') {
      table.sig(tag.sig).u32(curveAt.offset).u32(curveAt.size);
      continue;
    }
    const offset = header.length + tableSize + body.length;
    table.sig(tag.sig).u32(offset).u32(tag.data.length);
    if (tag.data === curve) curveAt = { offset, size: curve.length };
    body.append(tag.data).align4();
  }

  const profile = header.append(table).append(body);
  profile.setU32(0, profile.length);
  return profile.toUint8Array();
}
