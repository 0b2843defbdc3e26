/** Utilities, Session, Logger and console. */
import * as crypto from 'node:crypto';
import { newWorld, start, thrown, zonedToEpoch } from './helpers';

const PARIS = 'Europe/Paris';

function gas(opts: Parameters<typeof newWorld>[0] = {}) {
  const world = newWorld(opts);
  return { world, ...start(world) };
}

describe('Utilities.formatDate (Java SimpleDateFormat, in the given zone)', () => {
  it.each([
    // Europe/Paris leaves summer time at 03:00 CEST on 2026-10-25 (01:00 UTC).
    [Date.UTC(2026, 9, 24, 23, 30), 'yyyy-MM-dd HH:mm Z', '2026-10-25 01:30 +0200'],
    [Date.UTC(2026, 9, 25, 0, 30), 'yyyy-MM-dd HH:mm Z', '2026-10-25 02:30 +0200'],
    [Date.UTC(2026, 9, 25, 1, 30), 'yyyy-MM-dd HH:mm Z', '2026-10-25 02:30 +0100'],
    [Date.UTC(2026, 9, 25, 12, 0), "yyyy-MM-dd'T'HH:mm:ssXXX", '2026-10-25T13:00:00+01:00'],
    // It enters summer time at 02:00 CET on 2026-03-29 (01:00 UTC).
    [Date.UTC(2026, 2, 29, 0, 59), 'HH:mm z', '01:59 CET'],
    [Date.UTC(2026, 2, 29, 1, 0), 'HH:mm z', '03:00 CEST'],
  ])('%i with %p → %p', (ms, pattern, text) => {
    expect(gas().gas.Utilities.formatDate(new Date(ms), PARIS, pattern)).toBe(text);
  });

  it.each([
    ['dd/MM/yyyy', '05/11/2026'],
    ['d MMM yy', '5 Nov 26'],
    ['EEEE d MMMM yyyy', 'Thursday 5 November 2026'],
    ['EEE', 'Thu'],
    ['yyyyMMdd', '20261105'],
    ["'le' dd 'à' HH'h'mm", 'le 05 à 14h07'],
    ["''yy''", "'26'"],
    ['hh:mm a', '02:07 PM'],
    ['HH:mm:ss.SSS', '14:07:09.000'],
    ['XXX', '+01:00'],
  ])('a Paris afternoon with %p → %p', (pattern, text) => {
    const d = new Date(zonedToEpoch(PARIS, 2026, 11, 5, 14, 7, 9));
    expect(gas().gas.Utilities.formatDate(d, PARIS, pattern)).toBe(text);
  });

  it('other zones, including fixed offsets and UTC', () => {
    const d = new Date(Date.UTC(2026, 10, 5, 23, 30));
    const { Utilities } = gas().gas;
    expect(Utilities.formatDate(d, 'UTC', 'yyyy-MM-dd HH:mm X')).toBe('2026-11-05 23:30 Z');
    expect(Utilities.formatDate(d, 'GMT+1', 'yyyy-MM-dd HH:mm')).toBe('2026-11-06 00:30');
    expect(Utilities.formatDate(d, 'America/New_York', 'yyyy-MM-dd HH:mm Z')).toBe(
      '2026-11-05 18:30 -0500',
    );
  });

  it('refuses a non-date and an illegal pattern letter', () => {
    const { Utilities } = gas().gas;
    expect(() => Utilities.formatDate('2026-11-05' as unknown as Date, PARIS, 'yyyy')).toThrow(
      /don't match the method signature for Utilities.formatDate/,
    );
    expect(() => Utilities.formatDate(new Date(), PARIS, 'yyyy-bb')).toThrow(
      /Illegal pattern character 'b'/,
    );
  });
});

describe('Utilities.parseDate', () => {
  it.each([
    ['05/11/2026 14:30', 'dd/MM/yyyy HH:mm', Date.UTC(2026, 10, 5, 13, 30)],
    ['2026-07-01', 'yyyy-MM-dd', Date.UTC(2026, 5, 30, 22)],
    ['5 Nov 2026 2:05 PM', 'd MMM yyyy h:mm a', Date.UTC(2026, 10, 5, 13, 5)],
    ['le 05/11/2026', "'le' dd/MM/yyyy", Date.UTC(2026, 10, 4, 23)],
  ])('%p with %p in Paris', (text, pattern, ms) => {
    expect(gas().gas.Utilities.parseDate(text, PARIS, pattern).getTime()).toBe(ms);
  });

  it('throws on text that does not match', () => {
    expect(() => gas().gas.Utilities.parseDate('hier', PARIS, 'dd/MM/yyyy')).toThrow(
      /Unparseable date/,
    );
  });
});

describe('digests, base64 and blobs', () => {
  const signed = (buf: Buffer) => Array.from(buf, (b) => (b > 127 ? b - 256 : b));

  it.each([
    ['SHA_256', 'sha256'],
    ['MD5', 'md5'],
    ['SHA_1', 'sha1'],
    ['SHA_512', 'sha512'],
  ] as const)('computeDigest(%s) equals node crypto %s, as signed bytes', (alg, nodeAlg) => {
    const { Utilities } = gas().gas;
    const text = 'Facture FA-2026-00001 — 1 234,56 €';
    const got = Utilities.computeDigest(Utilities.DigestAlgorithm[alg], text);
    expect(got).toEqual(signed(crypto.createHash(nodeAlg).update(text, 'utf8').digest()));
    expect(got.some((b) => b < 0)).toBe(true);
    expect(got.every((b) => b >= -128 && b <= 127)).toBe(true);
  });

  it('computeDigest accepts bytes and charsets', () => {
    const { Utilities } = gas().gas;
    const bytes = [0, 1, -1, 127, -128];
    expect(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, bytes)).toEqual(
      signed(
        crypto
          .createHash('sha256')
          .update(Buffer.from([0, 1, 255, 127, 128]))
          .digest(),
      ),
    );
    expect(
      Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'é', Utilities.Charset.US_ASCII),
    ).toEqual(
      signed(
        crypto
          .createHash('md5')
          .update(Buffer.from([0xe9]))
          .digest(),
      ),
    );
  });

  it('HMAC-SHA256 equals node crypto', () => {
    const { Utilities } = gas().gas;
    expect(Utilities.computeHmacSha256Signature('msg', 'key')).toEqual(
      signed(crypto.createHmac('sha256', 'key').update('msg').digest()),
    );
  });

  it('base64 round trips, web-safe alphabet included', () => {
    const { Utilities } = gas().gas;
    const enc = Utilities.base64Encode('Ça coûte 12 €');
    expect(enc).toBe(Buffer.from('Ça coûte 12 €').toString('base64'));
    expect(Buffer.from(Utilities.base64Decode(enc).map((b) => b & 0xff)).toString()).toBe(
      'Ça coûte 12 €',
    );
    const bytes = [-5, -1, -2];
    const safe = Utilities.base64EncodeWebSafe(bytes);
    expect(safe).not.toMatch(/[+/]/);
    expect(Utilities.base64DecodeWebSafe(safe)).toEqual(bytes);
  });

  it('newBlob from a string or bytes, with type and name', () => {
    const { Utilities } = gas().gas;
    const b = Utilities.newBlob('<p>é</p>', 'text/html', 'a.html');
    expect([b.getContentType(), b.getName(), b.getDataAsString()]).toEqual([
      'text/html',
      'a.html',
      '<p>é</p>',
    ]);
    expect(Utilities.newBlob([72, 105]).getDataAsString()).toBe('Hi');
  });
});

describe('other utilities', () => {
  it('getUuid is random, or reproducible on a world with a seed', () => {
    const a = gas().gas.Utilities.getUuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(gas().gas.Utilities.getUuid()).not.toBe(a);
    const s1 = gas({ seed: 'demo' }).gas.Utilities;
    const s2 = gas({ seed: 'demo' }).gas.Utilities;
    const first = [s1.getUuid(), s1.getUuid()];
    expect([s2.getUuid(), s2.getUuid()]).toEqual(first);
    expect(first[0]).not.toBe(first[1]);
    expect(first[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
  });

  it('sleep adds simulated time only', () => {
    const { ex, gas: g } = gas();
    const t0 = Date.now();
    g.Utilities.sleep(120_000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(ex.rec.simulatedMs).toBe(1 + 120_000);
    expect(() => g.Utilities.sleep(300_001)).toThrow();
  });

  it('formatString and parseCsv', () => {
    const { Utilities } = gas().gas;
    expect(
      Utilities.formatString('%s: %d items, %.2f €, %5s|%-3s|', 'Lot', 3.9, 1.005, 'ab', 'c'),
    ).toBe('Lot: 3 items, 1.00 €,    ab|c  |');
    expect(Utilities.parseCsv('a,"b,c"\n1,2')).toEqual([
      ['a', 'b,c'],
      ['1', '2'],
    ]);
    expect(Utilities.parseCsv('a;b', ';')).toEqual([['a', 'b']]);
  });
});

describe('Session, Logger, console', () => {
  it('Session reports the world user, zone and locale', () => {
    const { gas: g, world } = gas({ userEmail: 'compta@example.fr' });
    expect(g.Session.getActiveUser().getEmail()).toBe('compta@example.fr');
    expect(g.Session.getEffectiveUser().getEmail()).toBe('compta@example.fr');
    expect(g.Session.getScriptTimeZone()).toBe('Europe/Paris');
    expect(g.Session.getActiveUserLocale()).toBe('fr');
    expect(g.Session.getTemporaryActiveUserKey()).toBe(
      start(world).gas.Session.getTemporaryActiveUserKey(),
    );
  });

  it('Logger.log formats %s and records lines; getLog is this execution only', () => {
    const { gas: g, world, ex } = gas();
    g.Logger.log('run %s: %s rows', 'A', 12);
    g.Logger.log({ a: 1 });
    expect(world.logs.map((l) => l.message)).toEqual(['run A: 12 rows', '{"a":1}']);
    expect(g.Logger.getLog()).toMatch(/INFO: run A: 12 rows\n.*INFO: \{"a":1\}\n$/);
    expect(start(world).gas.Logger.getLog()).toBe('');
    g.Logger.clear();
    expect(g.Logger.getLog()).toBe('');
    expect(ex.rec.count('Logger.log')).toBe(2);
  });

  it('console records levels and is not counted as a service call', () => {
    const { gas: g, world, ex } = gas();
    g.console.log('a', 1);
    g.console.warn('attention');
    g.console.error(new Error('boom'));
    expect(world.logs.map((l) => [l.level, l.message])).toEqual([
      ['log', 'a 1'],
      ['warn', 'attention'],
      ['error', 'Error: boom'],
    ]);
    expect(ex.rec.total()).toBe(0);
  });

  it('formatDate refuses nothing it should accept: dates from the clock-aware Date', () => {
    const { gas: g } = gas();
    const now = new g.Date();
    expect(g.Utilities.formatDate(now, PARIS, 'yyyy-MM-dd HH:mm')).toBe('2026-11-05 08:00');
    expect(
      String(thrown(() => g.Utilities.formatDate(null as unknown as Date, PARIS, 'y'))),
    ).toMatch(/^Exception: /);
  });
});
