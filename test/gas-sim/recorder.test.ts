/**
 * Call accounting through the handles: counts per Apps Script class and method, simulated
 * latency from the shared model, injected faults and the 6-minute limit.
 */
import { latencyFor, Recorder, TIME_LIMIT_MESSAGE } from '../../tools/gas-sim/recorder';
import { start, thrown, worldWithWorkbook } from './helpers';

function bigSheet(rows: number, cols: number) {
  const { world, ss } = worldWithWorkbook();
  const sheet = ss.sheets[0];
  if (!sheet) throw new Error('no sheet');
  sheet.maxRows = rows;
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= cols; c++) sheet.ensureCell(r, c).v = r * c;
  return { world };
}

describe('counting through handles', () => {
  it('reading a 10,000-row sheet with one getValues is one Range.getValues, 7 + 0.0125 ms per cell', () => {
    const { world } = bigSheet(10_000, 8);
    const { ex, gas } = start(world);
    const sheet = gas.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    const range = sheet?.getDataRange();
    const before = ex.rec.simulatedMs;
    const values = range?.getValues();
    expect(values).toHaveLength(10_000);
    expect(ex.rec.count('Range.getValues')).toBe(1);
    const entry = latencyFor(ex.rec.model, 'Range', 'getValues');
    expect(entry).toEqual(expect.objectContaining({ ms: 7, perCellMs: 0.0125 }));
    expect(ex.rec.simulatedMs - before).toBeCloseTo(7 + 0.0125 * 80_000, 6);
  });

  it('counts every call by Class.method, chained calls included', () => {
    const { world } = worldWithWorkbook();
    const { ex, gas } = start(world);
    const sh = gas.SpreadsheetApp.getActiveSheet();
    sh.getRange('A1:B2')
      .setValues([
        [1, 2],
        [3, 4],
      ])
      .setBackground('#eeeeee')
      .setFontWeight('bold');
    gas.SpreadsheetApp.flush();
    expect(ex.rec.byService()).toEqual({
      Range: { setBackground: 1, setFontWeight: 1, setValues: 1 },
      Sheet: { getRange: 1 },
      SpreadsheetApp: { flush: 1, getActiveSheet: 1 },
    });
    expect(ex.rec.total()).toBe(6);
  });

  it('a per-cell loop costs what the best-practices page warns about', () => {
    const { world } = worldWithWorkbook();
    const { ex, gas } = start(world);
    const sh = gas.SpreadsheetApp.getActiveSheet();
    for (let r = 1; r <= 100; r++) sh.getRange(r, 1).setValue(r);
    expect(ex.rec.count('Sheet.getRange')).toBe(100);
    expect(ex.rec.count('Range.setValue')).toBe(100);
    const batched = start(world);
    const sh2 = batched.gas.SpreadsheetApp.getActiveSheet();
    sh2.getRange(1, 2, 100, 1).setValues(Array.from({ length: 100 }, (_, i) => [i]));
    expect(batched.ex.rec.simulatedMs).toBeLessThan(ex.rec.simulatedMs / 20);
  });

  it('SpreadsheetApp.flush costs 560 ms (latency model)', () => {
    const { world } = worldWithWorkbook();
    const { ex, gas } = start(world);
    gas.SpreadsheetApp.flush();
    expect(ex.rec.simulatedMs).toBe(560);
  });

  it("the simulator's own helpers (sim*, _*) are not counted", () => {
    const { world } = worldWithWorkbook();
    const { ex, gas } = start(world);
    const range = gas.SpreadsheetApp.getActiveSheet().getRange('A1:C3');
    const n = ex.rec.total();
    expect((range as unknown as { simCellCount(): number }).simCellCount()).toBe(9);
    expect(ex.rec.total()).toBe(n);
  });
});

describe('fault injection', () => {
  it('failAt(n) makes the n-th call throw the given message, and only that one', () => {
    const { world } = worldWithWorkbook();
    const rec = new Recorder();
    rec.failAt(3, 'Service Spreadsheets timed out while accessing document with id x.');
    const { gas } = start(world, { recorder: rec });
    const sh = gas.SpreadsheetApp.getActiveSheet(); // 1
    const r = sh.getRange('A1'); // 2
    expect(thrown(() => r.setValue(1)).message).toBe(
      'Service Spreadsheets timed out while accessing document with id x.',
    ); // 3
    r.setValue(2); // 4
    expect(r.getValue()).toBe(2);
  });

  it('failWhen matches calls by class, method and arguments, a number of times', () => {
    const { world } = worldWithWorkbook();
    const rec = new Recorder();
    rec.failWhen(
      (c) => c.className === 'Properties' && c.method === 'setProperty' && c.args[0] === 'seq',
      'Service invoked too many times for one day: properties.',
      2,
    );
    const { gas } = start(world, { recorder: rec });
    const p = gas.PropertiesService.getScriptProperties();
    p.setProperty('other', '1');
    expect(() => p.setProperty('seq', '1')).toThrow(
      'Service invoked too many times for one day: properties.',
    );
    expect(() => p.setProperty('seq', '1')).toThrow('Service invoked too many times');
    p.setProperty('seq', '3');
    expect(p.getProperty('seq')).toBe('3');
    expect(p.getProperty('other')).toBe('1');
  });

  it('a failed call has no effect on the world', () => {
    const { world } = worldWithWorkbook();
    const rec = new Recorder();
    rec.failWhen((c) => c.method === 'setValues', 'boom');
    const { gas } = start(world, { recorder: rec });
    const r = gas.SpreadsheetApp.getActiveSheet().getRange('A1:A2');
    expect(() => r.setValues([[1], [2]])).toThrow('boom');
    expect(r.getValues()).toEqual([[''], ['']]);
  });
});

describe('the execution time limit', () => {
  it('once past the limit every call throws "Exceeded maximum execution time" and killed stays set', () => {
    const { world } = worldWithWorkbook();
    const { ex, gas } = start(world, { limitMs: 1000 });
    const sh = gas.SpreadsheetApp.getActiveSheet();
    gas.SpreadsheetApp.flush(); // 7 + 560
    gas.SpreadsheetApp.flush(); // 1127: past the limit after this call
    let caught: Error | null = null;
    try {
      sh.getRange('A1').setValue('late');
    } catch (e) {
      caught = e as Error; // the script swallows it…
    }
    expect(caught?.message).toBe(TIME_LIMIT_MESSAGE);
    expect(TIME_LIMIT_MESSAGE).toBe('Exceeded maximum execution time');
    expect(ex.rec.killed).toBe(true);
    // …but the execution is dead: nothing more gets through.
    expect(() => gas.PropertiesService.getScriptProperties()).toThrow(TIME_LIMIT_MESSAGE);
    expect(world.sheets.active()?.sheets[0]?.value(1, 1)).toBe('');
  });

  it("the default limit is the model's 6 minutes; null means none", () => {
    const { world } = worldWithWorkbook();
    expect(start(world).ex.rec.limitMs).toBe(360_000);
    const { ex, gas } = start(world, { limitMs: null });
    gas.Utilities.sleep(300_000);
    gas.Utilities.sleep(300_000);
    gas.SpreadsheetApp.flush();
    expect(ex.rec.killed).toBe(false);
  });

  it('waiting on a lock and sleeping use up the time too', () => {
    const { world } = worldWithWorkbook();
    const holder = start(world);
    holder.gas.LockService.getScriptLock().waitLock(0);
    const { ex, gas } = start(world, { limitMs: 10_000 });
    expect(gas.LockService.getScriptLock().tryLock(30_000)).toBe(false);
    expect(() => gas.Utilities.sleep(1)).toThrow(TIME_LIMIT_MESSAGE);
    expect(ex.rec.killed).toBe(true);
  });
});
