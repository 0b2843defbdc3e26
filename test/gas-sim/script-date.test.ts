/**
 * The script's Date follows the project's time zone for local-time methods, as in Apps Script,
 * whatever the machine's zone; `new Date()` reads the simulated clock.
 */
import { makeClockDate, scriptDateClass, toScriptDate } from '../../tools/gas-sim/script-date';
import { zonedToEpoch } from '../../tools/gas-sim/time';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { worldWithWorkbook } from './helpers';

describe.each(['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC'])('in %s', (tz) => {
  const D = scriptDateClass(tz);

  it('new Date(y, m, d, h, mi) is that wall time in the zone', () => {
    const d = new D(2026, 10, 5, 14, 30);
    expect(d.getTime()).toBe(zonedToEpoch(tz, 2026, 11, 5, 14, 30));
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([
      2026, 10, 5, 14, 30,
    ]);
    expect(d.getDay()).toBe(4);
  });

  it('fields roll over as in the Date constructor (month 12, day 0)', () => {
    expect(new D(2026, 12, 1).getTime()).toBe(zonedToEpoch(tz, 2027, 1, 1));
    expect(new D(2026, 1, 0).getDate()).toBe(31);
    expect(new D(2026, 2, 0).getDate()).toBe(28);
  });

  it('local setters keep the zone', () => {
    const d = new D(2026, 0, 31, 10);
    d.setMonth(1);
    expect([d.getMonth(), d.getDate()]).toEqual([2, 3]);
    d.setHours(0, 0, 0, 0);
    expect(d.getTime()).toBe(zonedToEpoch(tz, 2026, 3, 3));
    d.setDate(d.getDate() + 30);
    expect(d.getTime()).toBe(zonedToEpoch(tz, 2026, 4, 2));
  });

  it('strings: date-only ISO is UTC, date-time without offset is local, with offset is exact', () => {
    expect(new D('2026-11-05').getTime()).toBe(Date.UTC(2026, 10, 5));
    expect(new D('2026-11-05T10:00:00').getTime()).toBe(zonedToEpoch(tz, 2026, 11, 5, 10));
    expect(new D('2026-11-05T10:00:00Z').getTime()).toBe(Date.UTC(2026, 10, 5, 10));
    expect(D.parse('2026-11-05T10:00:00+02:00')).toBe(Date.UTC(2026, 10, 5, 8));
  });
});

describe('script dates', () => {
  it('Paris: getTimezoneOffset and toString follow summer and winter time', () => {
    const D = scriptDateClass('Europe/Paris');
    expect(new D(2026, 6, 1).getTimezoneOffset()).toBe(-120);
    expect(new D(2026, 11, 1).getTimezoneOffset()).toBe(-60);
    expect(new D(2026, 10, 5, 8).toString()).toBe(
      'Thu Nov 05 2026 08:00:00 GMT+0100 (Central European Standard Time)',
    );
    expect(String(new D(NaN))).toBe('Invalid Date');
  });

  it('toScriptDate builds a zoned date from ms; it is a Date for every test', () => {
    const d = toScriptDate(Date.UTC(2026, 10, 4, 23), 'Europe/Paris');
    expect(d.getDate()).toBe(5);
    expect(Object.prototype.toString.call(d)).toBe('[object Date]');
    expect(d).toBeInstanceOf(Date);
  });

  it('the clock-aware Date: new Date(), Date() and Date.now() read the clock; instanceof accepts any date', () => {
    let now = Date.UTC(2026, 10, 5, 7);
    const C = makeClockDate(() => now, 'Europe/Paris');
    expect(new C().getTime()).toBe(now);
    now += 1000;
    expect(C.now()).toBe(now);
    expect((C as unknown as () => string)()).toMatch(/^Thu Nov 05 2026 08:00:01 GMT\+0100/);
    expect(new C(0).getTime()).toBe(0);
    expect(new Date(0) instanceof C).toBe(true);
    expect({} instanceof C).toBe(false);
  });

  it('in the vm, dates read from a sheet have local methods in the script zone', () => {
    const { world, ss } = worldWithWorkbook({ timeZone: 'Asia/Tokyo' });
    const sheet = ss.sheets[0];
    if (!sheet) throw new Error('no sheet');
    sheet.ensureCell(1, 1).v = new Date(zonedToEpoch('Asia/Tokyo', 2026, 11, 5));
    const code = `function f() {
      var d = SpreadsheetApp.getActiveSheet().getRange('A1').getValue();
      return [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d instanceof Date];
    }`;
    expect(runEntry(world, code, 'f').result).toEqual([2026, 10, 5, 0, true]);
  });
});
