/** The world: its clock, and toJSON/fromJSON across runs and days. */
import { World } from '../../tools/gas-sim/world';
import { newWorld, start, worldWithWorkbook, zonedToEpoch } from './helpers';

describe('the clock', () => {
  it.each([
    ['2026-11-05', '08:00', '2026-11-05T07:00:00.000Z'],
    ['2026-07-01', '08:00', '2026-07-01T06:00:00.000Z'],
    // Spring forward in Paris: 02:30 does not exist; Sheets and the JVM move on to 03:30.
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25', '12:00', '2026-10-25T11:00:00.000Z'],
  ])('%s at %s in Paris starts at %s', (today, time, iso) => {
    expect(new Date(new World({ today, startTime: time }).clockStartMs).toISOString()).toBe(iso);
  });

  it('new Date() in an execution is the start time plus the simulated time spent', () => {
    const world = newWorld();
    const { gas } = start(world);
    expect(new gas.Date().getTime()).toBe(world.clockStartMs);
    gas.SpreadsheetApp.flush();
    expect(gas.Date.now()).toBe(world.clockStartMs + 560);
  });

  it('the next execution starts where the previous one ended; advanceTo starts a new day', () => {
    const world = newWorld();
    const a = start(world);
    a.gas.Utilities.sleep(60_000);
    a.ex.finish();
    const b = start(world);
    expect(b.gas.Date.now()).toBe(world.clockStartMs + 60_001);
    world.advanceTo('2026-11-06');
    expect(start(world).gas.Date.now()).toBe(zonedToEpoch('Europe/Paris', 2026, 11, 6, 8, 0));
  });

  it('rejects an unknown time zone', () => {
    expect(() => new World({ today: '2026-11-05', timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });
});

describe('toJSON / fromJSON', () => {
  function populated() {
    const { world, ss } = worldWithWorkbook({ seed: 'demo', mailDailyQuota: 100 });
    const { gas, ex } = start(world);
    const sh = gas.SpreadsheetApp.getActiveSheet().setName('Factures');
    const d = new Date(zonedToEpoch('Europe/Paris', 2026, 11, 5));
    sh.getRange('A1:E1').setValues([
      ['FA-2026-00001', d, 1234.5, true, '=HYPERLINK("http://x";"Doc")'],
    ]);
    sh.getRange('C1').setNumberFormat('#,##0.00 [$€]').setBackground('#ff0000');
    sh.getRange('F1').setDataValidation(
      gas.SpreadsheetApp.newDataValidation().requireDateOnOrAfter(d).setAllowInvalid(false).build(),
    );
    sh.protect().setWarningOnly(true).setDescription('géré');
    sh.setFrozenRows(1);
    gas.SpreadsheetApp.getActiveSpreadsheet().insertSheet('Journal');
    gas.PropertiesService.getScriptProperties().setProperty('seq:FA:2026', '1');
    gas.PropertiesService.getDocumentProperties().setProperty('folder', 'abc');
    gas.CacheService.getScriptCache().put('k', 'v', 3600);
    gas.ScriptApp.newTrigger('dispatch').timeBased().everyHours(1).create();
    gas.LockService.getScriptLock().waitLock(0);
    ex.finish();
    return { world, ss, d };
  }

  it('a JSON round trip keeps spreadsheets with types, formats, rules and protections', () => {
    const { world, d } = populated();
    const copy = World.fromJSON(JSON.parse(JSON.stringify(world.toJSON())));
    expect(copy.toJSON()).toEqual(world.toJSON());
    const { gas } = start(copy);
    const ss = gas.SpreadsheetApp.getActiveSpreadsheet();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Factures', 'Journal']);
    const sh = ss.getSheetByName('Factures');
    if (!sh) throw new Error('missing');
    const [row] = sh.getRange('A1:E1').getValues();
    expect(row?.[0]).toBe('FA-2026-00001');
    expect(Object.prototype.toString.call(row?.[1])).toBe('[object Date]');
    expect((row?.[1] as Date).getTime()).toBe(d.getTime());
    expect(row?.slice(2)).toEqual([1234.5, true, 'Doc']);
    expect(sh.getRange('E1').getFormula()).toBe('=HYPERLINK("http://x";"Doc")');
    expect(sh.getRange('C1').getDisplayValue()).toBe('1\u202f234,50 €');
    expect(sh.getRange('C1').getBackground()).toBe('#ff0000');
    expect(sh.getRange('B1').getDisplayValue()).toBe('05/11/2026');
    expect(sh.getFrozenRows()).toBe(1);
    const rule = sh.getRange('F1').getDataValidation();
    expect(rule?.getAllowInvalid()).toBe(false);
    expect((rule?.getCriteriaValues()[0] as Date).getTime()).toBe(d.getTime());
    const prot = sh.getProtections(gas.SpreadsheetApp.ProtectionType.SHEET)[0];
    expect([prot?.isWarningOnly(), prot?.getDescription()]).toEqual([true, 'géré']);
  });

  it('properties, cache, triggers and ids carry over; locks do not', () => {
    const { world } = populated();
    const copy = World.fromJSON(world.toJSON());
    const { gas } = start(copy);
    expect(gas.PropertiesService.getScriptProperties().getProperty('seq:FA:2026')).toBe('1');
    expect(gas.PropertiesService.getDocumentProperties().getProperty('folder')).toBe('abc');
    expect(gas.CacheService.getScriptCache().get('k')).toBe('v');
    expect(gas.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      'dispatch',
    ]);
    expect(gas.LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(copy.newId('spreadsheet')).toBe(world.newId('spreadsheet'));
    expect(copy.scriptId).toBe(world.scriptId);
  });

  it('restored on another day, the world keeps everything and the clock moves', () => {
    const { world } = populated();
    const next = World.fromJSON(world.toJSON(), { today: '2026-12-05', startTime: '06:30' });
    expect(next.today).toBe('2026-12-05');
    expect(new Date(next.clockStartMs).toISOString()).toBe('2026-12-05T05:30:00.000Z');
    expect(next.elapsedMs).toBe(0);
    expect(next.sheets.active()?.sheets.map((s) => s.name)).toEqual(['Factures', 'Journal']);
    expect(next.triggers).toHaveLength(1);
    // The hour-long cache entry of a month ago has expired.
    expect(start(next).gas.CacheService.getScriptCache().get('k')).toBeNull();
  });

  it('Drive and mail state go through their own toJSON/fromJSON', () => {
    const { world } = populated();
    const j = world.toJSON();
    expect(j.drive).toEqual(world.drive.toJSON());
    expect(j.mail).toEqual(world.mail.toJSON());
    expect(World.fromJSON(j).mail.toJSON()).toEqual(world.mail.toJSON());
  });
});
