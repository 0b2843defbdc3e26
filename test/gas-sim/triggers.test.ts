/** ScriptApp triggers with the add-on rules of Apps Script. */
import { ADDON_MINUTE_TRIGGER, TOO_MANY_TIME_TRIGGERS } from '../../tools/gas-sim/script-app';
import { newWorld, start, thrown, worldWithWorkbook } from './helpers';

describe('time-driven triggers', () => {
  it('creates a monthly trigger and reports it as Apps Script does', () => {
    const { world, ss } = worldWithWorkbook();
    const { gas } = start(world);
    const t = gas.ScriptApp.newTrigger('dispatch')
      .timeBased()
      .onMonthDay(5)
      .atHour(6)
      .nearMinute(30)
      .inTimezone('Europe/Paris')
      .create();
    expect(t.getHandlerFunction()).toBe('dispatch');
    expect(t.getEventType()).toBe(gas.ScriptApp.EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(gas.ScriptApp.TriggerSource.CLOCK);
    expect(t.getTriggerSourceId()).toBeNull();
    expect(t.getUniqueId()).toMatch(/^\d+$/);
    expect(world.triggers[0]).toMatchObject({
      handlerFunction: 'dispatch',
      documentId: ss.id,
      owner: world.userEmail,
      schedule: { onMonthDay: 5, atHour: 6, nearMinute: 30, timeZone: 'Europe/Paris' },
    });
    const listed = gas.ScriptApp.getProjectTriggers();
    expect(listed.map((x) => x.getUniqueId())).toEqual([t.getUniqueId()]);
    const mine = gas.ScriptApp.getUserTriggers(gas.SpreadsheetApp.getActiveSpreadsheet());
    expect(mine).toHaveLength(1);
  });

  it('an add-on may have one time-driven trigger per user and document: a second throws', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world);
    gas.ScriptApp.newTrigger('dispatch').timeBased().everyHours(1).create();
    const e = thrown(() => gas.ScriptApp.newTrigger('dispatch').timeBased().everyDays(1).create());
    expect(String(e)).toBe(`Exception: ${TOO_MANY_TIME_TRIGGERS}`);
    expect(TOO_MANY_TIME_TRIGGERS).toBe(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    expect(world.triggers).toHaveLength(1);
  });

  it('an add-on trigger cannot run more often than hourly: everyMinutes is refused', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world);
    const e = thrown(() => gas.ScriptApp.newTrigger('dispatch').timeBased().everyMinutes(30));
    expect(e.message).toBe(ADDON_MINUTE_TRIGGER);
  });

  it('a script that is not an add-on may use everyMinutes (1, 5, 10, 15 or 30) and several triggers', () => {
    const world = newWorld({ isAddOn: false });
    const { gas } = start(world);
    gas.ScriptApp.newTrigger('a').timeBased().everyMinutes(5).create();
    gas.ScriptApp.newTrigger('b').timeBased().everyHours(2).create();
    expect(gas.ScriptApp.getProjectTriggers()).toHaveLength(2);
    expect(() => gas.ScriptApp.newTrigger('c').timeBased().everyMinutes(7)).toThrow(/everyMinutes/);
  });

  it('deleteTrigger removes it; a new one may then be created', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world);
    const t = gas.ScriptApp.newTrigger('dispatch').timeBased().everyDays(1).atHour(7).create();
    gas.ScriptApp.deleteTrigger(t);
    expect(gas.ScriptApp.getProjectTriggers()).toHaveLength(0);
    gas.ScriptApp.newTrigger('dispatch').timeBased().everyDays(1).create();
    expect(world.triggers).toHaveLength(1);
  });

  it('triggers are shared by executions and other documents have their own allowance', () => {
    const { world } = worldWithWorkbook();
    start(world).gas.ScriptApp.newTrigger('dispatch').timeBased().everyHours(4).create();
    const { gas } = start(world);
    const h = gas.ScriptApp.getProjectTriggers()[0];
    expect(h?.getHandlerFunction()).toBe('dispatch');
    const other = gas.SpreadsheetApp.create('Autre');
    gas.SpreadsheetApp.setActiveSpreadsheet(other);
    gas.ScriptApp.newTrigger('dispatch').timeBased().everyHours(4).create();
    expect(world.triggers).toHaveLength(2);
  });

  it('a schedule is required before create()', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world);
    expect(() => gas.ScriptApp.newTrigger('x').timeBased().atHour(3).create()).toThrow(
      /incomplete/,
    );
  });
});

describe('spreadsheet triggers and project facts', () => {
  it('forSpreadsheet(ss).onOpen().create() names the spreadsheet as source', () => {
    const { world, ss } = worldWithWorkbook();
    const { gas } = start(world);
    const t = gas.ScriptApp.newTrigger('onOpenInstalled')
      .forSpreadsheet(gas.SpreadsheetApp.getActiveSpreadsheet())
      .onOpen()
      .create();
    expect(t.getEventType()).toBe(gas.ScriptApp.EventType.ON_OPEN);
    expect(t.getTriggerSource()).toBe(gas.ScriptApp.TriggerSource.SPREADSHEETS);
    expect(t.getTriggerSourceId()).toBe(ss.id);
  });

  it('getOAuthToken and getScriptId return stable strings', () => {
    const world = newWorld();
    const { gas } = start(world);
    expect(gas.ScriptApp.getOAuthToken()).toMatch(/^ya29\./);
    expect(gas.ScriptApp.getScriptId()).toBe(world.scriptId);
    expect(String(gas.ScriptApp.AuthMode.FULL)).toBe('FULL');
  });
});
