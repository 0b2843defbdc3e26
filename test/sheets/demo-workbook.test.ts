/**
 * The demo workbook (sheets-templates/demo), imported as Sheets would type it, read through the
 * in-memory SpreadsheetApp: every input tab is there and read, its identifiers are valid, and the
 * deliberate mistakes — and only they — are reported, each at its cell.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  isValidBic,
  isValidIban,
  isValidSiren,
  isValidSiret,
  isValidVatNumber,
} from '../../src/domain/identifiers';
import type { CellValue } from '../../src/sheets/cells';
import { checkedTabs, type ReadTabs } from '../../src/sheets/cross-check';
import type { Problem } from '../../src/sheets/problems';
import { readTab, typedRecords } from '../../src/sheets/read-tab';
import { requiredSettingsProblems } from '../../src/sheets/required-settings';
import { readSettings } from '../../src/sheets/settings';
import { TABS, tabDef, type TabKey } from '../../src/sheets/tabs';
import { importCsvFolder, readCsvRows } from '../../tools/gas-sim/csv-workbook';
import { Execution } from '../../tools/gas-sim/execution';
import { World } from '../../tools/gas-sim/world';
import { idMaker } from './helpers';

const demo = path.resolve(__dirname, '..', '..', 'sheets-templates', 'demo');

function loadDemo(): {
  values: Map<string, CellValue[][]>;
  formats: Map<string, string[][]>;
  timeZone: string;
} {
  const world = new World({ today: '2026-12-05' });
  importCsvFolder(demo, world);
  const app = new Execution(world).globals()[
    'SpreadsheetApp'
  ] as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const ss = app.getActiveSpreadsheet();
  const values = new Map<string, CellValue[][]>();
  const formats = new Map<string, string[][]>();
  for (const sh of ss.getSheets()) {
    values.set(sh.getName(), sh.getDataRange().getValues() as CellValue[][]);
    // `100 %` typed in a cell is the number 1 with a percent format, as the add-on reads it.
    formats.set(sh.getName(), sh.getDataRange().getNumberFormats());
  }
  return { values, formats, timeZone: ss.getSpreadsheetTimeZone() };
}

describe('the demo workbook', () => {
  const { values, formats, timeZone } = loadDemo();
  const settings = readSettings(values.get('Paramètres') ?? [], 'Paramètres');
  const newId = idMaker('demo-');
  const tabs: ReadTabs = {};
  const readProblems: Problem[] = [];
  for (const def of TABS.filter((t) => !t.output && t.key !== 'settings')) {
    const v = values.get(def.fr);
    if (!v) continue;
    const f = formats.get(def.fr) ?? [];
    const r = readTab(def, def.fr, v, {
      timeZone,
      lang: settings.settings.locale,
      newId,
      numberFormat: (row, column) => f[row - 1]?.[column - 1] ?? '',
    });
    tabs[def.key] = r;
    readProblems.push(...r.problems);
  }
  const checked = checkedTabs(tabs);
  const count = (key: TabKey) => checked.tabs[key]?.records.length ?? 0;
  const checkedRows = <K extends TabKey>(key: K) =>
    typedRecords(checked.tabs[key] ?? { def: tabDef(key), records: [] }, key);
  const readRows = <K extends TabKey>(key: K) =>
    typedRecords(tabs[key] ?? { def: tabDef(key), records: [] }, key);

  it('quotes every cell holding a comma: each row has as many fields as its header', () => {
    for (const file of fs.readdirSync(demo).filter((f) => f.endsWith('.csv'))) {
      const rows = readCsvRows(path.join(demo, file));
      const width = rows[0]?.length ?? 0;
      expect([file, rows.filter((r) => r.length !== width).length]).toEqual([file, 0]);
    }
    expect(settings.settings.paymentOptions).toBe(
      'Basic: 60 j 0 %; Express: 30 j 2,5 %; Flash: 3 j 5 %',
    );
  });

  it('has every input tab of SPEC §2.1, in French', () => {
    expect([...values.keys()]).toEqual(TABS.filter((t) => !t.output).map((t) => t.fr));
  });

  it('has complete settings for every action, training invoices included', () => {
    expect(settings.problems).toEqual([]);
    for (const action of ['monthly', 'issue', 'billing-calls', 'credit-note', 'remind'])
      expect(requiredSettingsProblems(settings, action, { trainings: true })).toEqual([]);
    expect(settings.settings.timeZone).toBe('Europe/Paris');
  });

  it('reports its deliberate mistakes, and only them, each at its cell', () => {
    const all = [...settings.problems, ...readProblems, ...checked.problems];
    expect(all.map((p) => `${p.level} ${p.code} ${p.tab}!${p.cell} ${p.value}`).sort()).toEqual(
      [
        'error bad-value Prestations!K7 abc',
        'error bad-value Sessions!B14 31/11/2026',
        'error duplicate-code Intervenants!B7 DURAND',
        'error unknown-code Inscriptions!B8 FORM-2611-EXEL',
        'error unknown-code Prestations!C8 INCONNU',
        'error unknown-code Sessions!C18 MOREAU',
      ].sort(),
    );
  });

  it('exercises every tab with the rows the billing rules need', () => {
    expect(count('clients')).toBe(6);
    expect(count('providers')).toBe(5);
    expect(count('rates')).toBe(12);
    expect(count('sessions')).toBe(15);
    expect(count('timesheets')).toBe(6);
    expect(count('trainings')).toBe(2);
    expect(count('enrolments')).toBe(6);
    expect(count('extra-lines')).toBe(5);
    expect(count('payments')).toBe(2);

    const providers = checkedRows('providers');
    const mandates = providers.filter((p) => p.values.mandateOn !== null).map((p) => p.values.code);
    expect(mandates).toEqual(['CLEMENT', 'ROSSI']);
    expect(new Set(providers.map((p) => p.values.paymentOption))).toEqual(
      new Set(['Basic', 'Express']),
    );
    // Flash is chosen for one mission, on its CRA row (the provider's option is the default).
    expect(
      checkedRows('timesheets')
        .filter((c) => c.values.paymentOption)
        .map((c) => [c.values.provider, c.values.paymentOption]),
    ).toEqual([['NGUYEN', 'Flash']]);

    const sessions = checkedRows('sessions');
    expect(new Set(sessions.map((s) => s.values.status))).toEqual(
      new Set(['done', 'no-show', 'cancelled']),
    );
    expect(new Set(sessions.map((s) => s.values.provider))).toEqual(
      new Set(['CLEMENT', 'NGUYEN', 'DURAND']),
    );
    expect(new Set(sessions.map((s) => s.values.type))).toEqual(
      new Set(['mentorat', 'soutenance']),
    );

    const rates = checkedRows('rates');
    expect(new Set(rates.map((r) => r.values.validFrom)).size).toBeGreaterThanOrEqual(2);

    const cras = checkedRows('timesheets');
    expect(new Set(cras.map((c) => c.values.status))).toEqual(
      new Set(['validated', 'draft', 'rejected', 'submitted']),
    );
    expect(cras[0]?.values).toMatchObject({
      provider: 'NGUYEN',
      days: '18.5',
      dailyRate: '600',
      month: '2026-11',
    });

    const trainings = checkedRows('trainings');
    expect(trainings.map((t) => t.values.status)).toEqual(['finished', 'planned']);

    const enrolments = checkedRows('enrolments');
    const excel = enrolments.filter((e) => e.values.session === 'FORM-2611-EXCEL');
    expect(new Set(excel.map((e) => e.values.sponsor))).toEqual(new Set(['BRIOCHE', 'VERDI']));
    expect(excel.map((e) => [e.values.financer, e.values.coverage])).toContainEqual([
      'OPCOATL',
      '70%',
    ]);
    expect(excel.map((e) => e.values.financer)).toContain(null);
    expect(new Set(enrolments.map((e) => e.values.unit))).toEqual(new Set(['learner', 'day']));

    const extras = checkedRows('extra-lines');
    const lumen = extras.filter((e) => e.values.client === 'LUMEN');
    expect(new Set(lumen.map((e) => e.values.provider))).toEqual(new Set(['NGUYEN', 'ROSSI']));
  });

  it('carries valid identifiers (SIREN/SIRET Luhn, VAT key, IBAN mod 97, BIC)', () => {
    const s = settings.settings;
    expect([isValidSiren(s.siren), isValidSiret(s.siret), isValidVatNumber(s.vatNumber)]).toEqual([
      true,
      true,
      true,
    ]);
    expect([isValidIban(s.iban), isValidBic(s.bic)]).toEqual([true, true]);
    for (const c of readRows('clients')) {
      const id = (c.values.siren ?? '').replace(/\s/g, '');
      expect([c.values.code, id.length === 9 ? isValidSiren(id) : isValidSiret(id)]).toEqual([
        c.values.code,
        true,
      ]);
      if (c.values.vatNumber)
        expect([c.values.code, isValidVatNumber(c.values.vatNumber)]).toEqual([
          c.values.code,
          true,
        ]);
    }
    for (const p of readRows('providers')) {
      const v = p.values;
      expect([
        v.code,
        isValidSiret(v.siret ?? ''),
        isValidIban(v.iban ?? ''),
        isValidBic(v.bic ?? ''),
      ]).toEqual([v.code, true, true, true]);
      if (v.vatNumber) expect([v.code, isValidVatNumber(v.vatNumber)]).toEqual([v.code, true]);
    }
  });
});
