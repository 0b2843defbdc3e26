/** Running script text in a vm context with the in-memory Apps Script as its globals. */
import { Execution } from '../../tools/gas-sim/execution';
import { Recorder } from '../../tools/gas-sim/recorder';
import { loadBundle, runEntry } from '../../tools/gas-sim/vm-loader';
import { newWorld, worldWithWorkbook, zonedToEpoch } from './helpers';

const SCRIPT = `
var LOADED = (typeof LOADED === 'number' ? LOADED : 0) + 1;

function isDate(v) { return Object.prototype.toString.call(v) === '[object Date]'; }

function writeToday(e) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  var now = new Date();
  sheet.getRange(1, 1, 1, 3).setValues([[now, new Date(2026, 10, 5), e && e.note || '']]);
  var back = sheet.getRange('A1:B1').getValues()[0];
  return {
    now: now.getTime(),
    nowFn: Date.now(),
    localMidnight: new Date(2026, 10, 5).getTime(),
    parsed: new Date('2026-11-05T00:00:00Z').getTime(),
    fromMs: new Date(0).getTime(),
    backIsDate: isDate(back[0]) && isDate(back[1]),
    hours: now.getHours(),
    dateString: typeof Date(),
    zone: Session.getScriptTimeZone()
  };
}

function failing() {
  SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(0, 1);
}

function swallowing() {
  var ui = [];
  for (var i = 0; i < 1000; i++) {
    try { SpreadsheetApp.flush(); } catch (err) { ui.push(String(err.message)); }
  }
  return ui.length;
}

function locking() {
  LockService.getScriptLock().waitLock(1000);
  return 'locked';
}

function realms() {
  var e;
  try { SpreadsheetApp.getActiveSheet().getRange(0, 1); } catch (err) { e = err; }
  var values = SpreadsheetApp.getActiveSheet().getRange('A1:B2').getValues();
  return [e instanceof Error, e instanceof TypeError, e.name, String(e), values instanceof Array,
    Array.isArray(values[0]), ({}) instanceof Array];
}

function noNode() {
  return [typeof require, typeof process, typeof setTimeout, typeof module];
}
`;

describe('loadBundle', () => {
  it('exposes the top-level functions and evaluates the bundle once per load', () => {
    const { world } = worldWithWorkbook();
    const g = loadBundle(SCRIPT, new Execution(world));
    expect(typeof g['writeToday']).toBe('function');
    expect(g['LOADED']).toBe(1);
    expect(loadBundle(SCRIPT, new Execution(world))['LOADED']).toBe(1);
  });

  it('gives the script no Node globals', () => {
    const { world } = worldWithWorkbook();
    const run = runEntry(world, SCRIPT, 'noNode');
    expect(run.result).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });
});

describe('realms', () => {
  it('service errors are Errors and returned arrays are Arrays for the script', () => {
    const { world } = worldWithWorkbook();
    expect(runEntry(world, SCRIPT, 'realms').result).toEqual([
      true,
      false,
      'Exception',
      'Exception: The starting row of the range is too small.',
      true,
      true,
      false,
    ]);
  });
});

describe('runEntry', () => {
  it('runs a function with SpreadsheetApp and the simulated clock in the vm', () => {
    const { world, ss } = worldWithWorkbook();
    const run = runEntry(world, SCRIPT, 'writeToday', { note: 'évènement' });
    expect(run.error).toBeNull();
    expect(run.killed).toBe(false);
    const r = run.result as Record<string, unknown>;
    // getActiveSpreadsheet (7 ms) and getActiveSheet (20 ms) ran before `new Date()`.
    expect(r['now']).toBe(world.clockStartMs + 7 + 20);
    expect(r['nowFn']).toBeGreaterThanOrEqual(world.clockStartMs);
    expect(r['localMidnight']).toBe(zonedToEpoch('Europe/Paris', 2026, 11, 5));
    expect(r['parsed']).toBe(Date.UTC(2026, 10, 5));
    expect(r['fromMs']).toBe(0);
    expect(r['backIsDate']).toBe(true);
    expect(r['hours']).toBe(8);
    expect(r['dateString']).toBe('string');
    expect(r['zone']).toBe('Europe/Paris');
    expect(ss.sheets[0]?.value(1, 3)).toBe('évènement');
    expect(run.rec.count('Range.setValues')).toBe(1);
    expect(run.rec.count('Range.getValues')).toBe(1);
  });

  it('an uncaught error ends the execution and is reported, not thrown', () => {
    const { world } = worldWithWorkbook();
    const run = runEntry(world, SCRIPT, 'failing');
    expect(run.error?.message).toBe('The starting row of the range is too small.');
    expect(String(run.error)).toBe('Exception: The starting row of the range is too small.');
  });

  it('an unknown entry point is reported like Apps Script does', () => {
    const run = runEntry(newWorld(), SCRIPT, 'nope');
    expect(run.error?.message).toBe('Script function not found: nope');
  });

  it('killed is reported even when the script swallowed the time-limit error', () => {
    const { world } = worldWithWorkbook();
    const run = runEntry(world, SCRIPT, 'swallowing', undefined, { limitMs: 5000 });
    expect(run.killed).toBe(true);
    expect(run.result).toBe(1000 - 9);
    expect(run.error?.message).toBe('Exceeded maximum execution time');
    expect(run.rec.count('SpreadsheetApp.flush')).toBe(9);
  });

  it('locks held at the end of an execution are released (Apps Script does so)', () => {
    const { world } = worldWithWorkbook();
    expect(runEntry(world, SCRIPT, 'locking').result).toBe('locked');
    expect(world.locks.holder('script')).toBeUndefined();
    expect(runEntry(world, SCRIPT, 'locking').error).toBeNull();
  });

  it('faults prepared on a recorder reach the script', () => {
    const { world } = worldWithWorkbook();
    const rec = new Recorder();
    rec.failWhen(
      (c) => c.method === 'setValues',
      'Service Spreadsheets failed while accessing document.',
    );
    const run = runEntry(world, SCRIPT, 'writeToday', undefined, { recorder: rec });
    expect(run.error?.message).toBe('Service Spreadsheets failed while accessing document.');
    expect(run.rec).toBe(rec);
  });

  it('getUi is refused in a non-interactive run (a time-driven trigger)', () => {
    const { world } = worldWithWorkbook();
    const code = 'function t() { SpreadsheetApp.getUi(); }';
    expect(runEntry(world, code, 't', undefined, { interactive: false }).error?.message).toBe(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
    expect(runEntry(world, code, 't').error).toBeNull();
  });
});
