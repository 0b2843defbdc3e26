/**
 * The sRGB ICC profile built in code: read back by a small parser written against ICC.1:2001-04
 * (header, tag table, XYZType, curveType, textDescriptionType), its colorants compared with the
 * published D50-adapted sRGB values and its curve with the sRGB transfer function.
 */
import { SRGB_DESCRIPTION, srgbIccProfile, srgbToLinear } from '../../src/einvoice/srgb-icc';

const profile = Buffer.from(srgbIccProfile());

const s15f16 = (at: number) => profile.readInt32BE(at) / 65536;
const sig = (at: number) => profile.subarray(at, at + 4).toString('latin1');

function tags(): Map<string, { offset: number; size: number }> {
  const count = profile.readUInt32BE(128);
  const out = new Map<string, { offset: number; size: number }>();
  for (let i = 0; i < count; i++) {
    const at = 132 + 12 * i;
    out.set(sig(at), { offset: profile.readUInt32BE(at + 4), size: profile.readUInt32BE(at + 8) });
  }
  return out;
}

function tag(name: string): { offset: number; size: number } {
  const t = tags().get(name);
  if (!t) throw new Error(`no ${name} tag`);
  return t;
}

function xyz(name: string): number[] {
  const { offset } = tag(name);
  expect(sig(offset)).toBe('XYZ ');
  return [s15f16(offset + 8), s15f16(offset + 12), s15f16(offset + 16)];
}

describe('the sRGB ICC profile', () => {
  it('is a small version 2 RGB display profile with a consistent header', () => {
    expect(profile.length).toBeLessThan(3000);
    expect(profile.readUInt32BE(0)).toBe(profile.length);
    expect(profile.readUInt32BE(8)).toBe(0x02100000);
    expect(sig(12)).toBe('mntr');
    expect(sig(16)).toBe('RGB ');
    expect(sig(20)).toBe('XYZ ');
    expect(sig(36)).toBe('acsp');
    expect([s15f16(68), s15f16(72), s15f16(76)].map((v) => v.toFixed(4))).toEqual([
      '0.9642',
      '1.0000',
      '0.8249',
    ]);
    expect(Buffer.from(srgbIccProfile()).equals(profile)).toBe(true);
  });

  it('has the tags a matrix/TRC display profile requires, inside the file, 4-byte aligned', () => {
    const names = [...tags().keys()].sort();
    expect(names).toEqual(
      ['bTRC', 'bXYZ', 'cprt', 'desc', 'gTRC', 'gXYZ', 'rTRC', 'rXYZ', 'wtpt'].sort(),
    );
    for (const { offset, size } of tags().values()) {
      expect(offset % 4).toBe(0);
      expect(offset + size).toBeLessThanOrEqual(profile.length);
    }
    const desc = tag('desc');
    expect(sig(desc.offset)).toBe('desc');
    const n = profile.readUInt32BE(desc.offset + 8);
    expect(profile.subarray(desc.offset + 12, desc.offset + 12 + n - 1).toString('latin1')).toBe(
      SRGB_DESCRIPTION,
    );
    expect(desc.size).toBe(12 + n + 4 + 4 + 2 + 1 + 67);
  });

  it('has the sRGB colorants adapted to D50, which add up to the D50 white', () => {
    const close = (got: number[], want: number[]) =>
      got.forEach((v, i) => expect(Math.abs(v - (want[i] ?? NaN))).toBeLessThan(3e-4));
    close(xyz('rXYZ'), [0.4361, 0.2225, 0.0139]);
    close(xyz('gXYZ'), [0.3851, 0.7169, 0.0971]);
    close(xyz('bXYZ'), [0.1431, 0.0606, 0.7141]);
    close(xyz('wtpt'), [0.9642, 1.0, 0.8249]);
    const sum = [0, 1, 2].map(
      (i) => (xyz('rXYZ')[i] ?? 0) + (xyz('gXYZ')[i] ?? 0) + (xyz('bXYZ')[i] ?? 0),
    );
    sum.forEach((v, i) =>
      expect(Math.abs(v - ([0.9642, 1.0, 0.8249][i] ?? NaN))).toBeLessThan(1e-4),
    );
  });

  it('has one sRGB transfer curve shared by the three channels', () => {
    const r = tag('rTRC');
    expect(tag('gTRC')).toEqual(r);
    expect(tag('bTRC')).toEqual(r);
    expect(sig(r.offset)).toBe('curv');
    const count = profile.readUInt32BE(r.offset + 8);
    expect(count).toBe(1024);
    const at = (i: number) => profile.readUInt16BE(r.offset + 12 + 2 * i);
    expect(at(0)).toBe(0);
    expect(at(count - 1)).toBe(65535);
    for (let i = 1; i < count; i++) expect(at(i)).toBeGreaterThanOrEqual(at(i - 1));
    for (const i of [10, 100, 511, 800]) {
      expect(Math.abs(at(i) / 65535 - srgbToLinear(i / (count - 1)))).toBeLessThan(1 / 65535);
    }
    // The linear segment near black, and mid-grey at about 21.4 % light.
    expect(srgbToLinear(0.04)).toBeCloseTo(0.04 / 12.92, 10);
    expect(srgbToLinear(0.5)).toBeCloseTo(0.214, 3);
  });
});
