/**
 * The month as its users live it, through the bundle and the hourly trigger: a billing-call day
 * that no run saw (trigger installed later, an outage) is caught up by the first run after it.
 */
import { displayRows, importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook, hourly } from './helpers';

const code = bundleCode();

function register(world: World): string[][] {
  const ss = world.sheets.active();
  return ((ss ? displayRows(ss) : []).find((t) => t.tab === 'Factures')?.rows ?? []).slice(1);
}

describe('a billing-call day no run saw', () => {
  it.each([
    ['the trigger installed on the 20th', '2026-12-20'],
    ['an outage from the 1st to the 6th', '2026-12-07'],
  ])("%s: the first hourly run runs the month's job", (_label, day) => {
    const world = new World({ today: day, mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    expect(runEntry(world, code, 'menuSchedule').error).toBeNull();
    world.advanceTo(day, '08:00');
    const run = hourly(world, code, { limitMs: null });
    expect(run.error).toBeNull();
    const rows = register(world);
    // November's month, self-billed included, issued with November's period.
    const self = rows.find((r) => (r[0] ?? '').startsWith('AF-CLEMENT-2026-'));
    expect(self).toBeDefined();
    expect(self?.[10]).toBe('2026-11');
    const issued = rows.filter((r) => r[0]);
    expect(issued.length).toBeGreaterThanOrEqual(9);
    expect(issued.every((r) => r[10] === '2026-11')).toBe(true);
    // The next hour does not run it again.
    world.advanceTo(day, '09:00');
    expect(hourly(world, code, { limitMs: null }).error).toBeNull();
    expect(register(world).filter((r) => r[0])).toHaveLength(issued.length);
  });
});

/** Sets the cell of `header` in the row of `tabName` whose `keyHeader` cell is `key`. */
function setCell(
  world: World,
  tabName: string,
  keyHeader: string,
  key: string,
  header: string,
  v: string,
): void {
  const ss = world.sheets.active();
  const rows = (ss ? displayRows(ss) : []).find((t) => t.tab === tabName)?.rows ?? [];
  const col = (rows[0] ?? []).indexOf(header);
  const keyCol = (rows[0] ?? []).indexOf(keyHeader);
  const r = rows.findIndex((x) => x[keyCol] === key);
  const sheet = ss?.sheetByName(tabName);
  if (!sheet || col < 0 || r < 1) throw new Error(`no ${tabName}!${header} for ${key}`);
  sheet.ensureCell(r + 1, col + 1).v = v;
}

describe('one language per workbook', () => {
  it.each([
    ['fr', 'Facture'],
    ['en', 'Invoice'],
  ])('a client without a language gets the workbook language (%s)', (lang, subject) => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    setCell(world, 'Paramètres', 'Clé', 'Langue', 'Valeur', lang);
    setCell(world, 'Clients', 'Code', 'BRIOCHE', 'Langue', '');
    const run = runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    expect(run.error).toBeNull();
    const brioche = world.mail.sent.filter((m) => m.to.includes('compta@brioche-cie.example'));
    expect(brioche.length).toBeGreaterThan(0);
    expect(brioche.every((m) => m.subject.startsWith(subject))).toBe(true);
  });
});
