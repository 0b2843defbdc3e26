/**
 * "Set up the workbook" in the built bundle, checked through the Sheets API as a user would see
 * the result: every tab with its headers in the workbook's language, frozen header row,
 * dropdowns for enumerated columns, date and currency formats, warning-only protection of the
 * output tabs; a second run changes nothing; a tab with moved or missing columns gets the missing
 * ones appended and nothing moved.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TABS, type TabDef } from '../../src/sheets/tabs';
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { Execution } from '../../tools/gas-sim/execution';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, tempDir } from './helpers';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const code = bundleCode();

function worldFrom(files: Record<string, string>): World {
  const dir = tempDir('setup');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const world = new World({ today: '2026-12-01' });
  importCsvFolder(dir, world);
  return world;
}

function spreadsheet(world: World): {
  ss: Spreadsheet;
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
} {
  const app = new Execution(world).globals()[
    'SpreadsheetApp'
  ] as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return { ss: app.getActiveSpreadsheet(), app };
}

function setup(world: World): void {
  const run = runEntry(world, code, 'menuSetup', undefined, { interactive: true });
  expect(run.error).toBeNull();
}

/** Every tab's values but the Journal's, which logs each run. */
function everything(world: World): Record<string, unknown[][]> {
  const { ss } = spreadsheet(world);
  return Object.fromEntries(
    ss
      .getSheets()
      .filter((s) => !['Journal', 'Log'].includes(s.getName()))
      .map((s) => [s.getName(), s.getDataRange().getValues()]),
  );
}

function header(ss: Spreadsheet, name: string): string[] {
  const sh = ss.getSheetByName(name);
  if (!sh) throw new Error(`no tab ${name}`);
  return sh.getRange(1, 1, 1, sh.getLastColumn()).getValues()[0]?.map(String) ?? [];
}

describe.each([
  ['fr' as const, 'Clé,Valeur\nLangue,fr\n'],
  ['en' as const, 'Key,Value\nLanguage,en\n'],
])('set-up of a new workbook in %s', (lang, settings) => {
  const world = worldFrom({ [lang === 'fr' ? 'Paramètres.csv' : 'Settings.csv']: settings });
  setup(world);
  const { ss, app } = spreadsheet(world);
  const dataTabs = TABS.filter((t) => t.key !== 'settings');

  it.each(dataTabs.map((t) => [t[lang], t] as [string, TabDef]))(
    '%s: headers in the workbook language, frozen header row',
    (name, def) => {
      expect(header(ss, name)).toEqual(def.columns.map((c) => c[lang]));
      expect(ss.getSheetByName(name)?.getFrozenRows()).toBe(1);
    },
  );

  it.each(dataTabs.map((t) => [t[lang], t] as [string, TabDef]))(
    '%s: dropdowns for enumerations, date and currency formats',
    (name, def) => {
      const sh = ss.getSheetByName(name);
      def.columns.forEach((c, i) => {
        const cell = sh?.getRange(2, i + 1);
        if (c.kind === 'enum') {
          const rule = cell?.getDataValidation();
          expect([c.key, rule?.getCriteriaValues()[0]]).toEqual([
            c.key,
            (c.values ?? []).map((v) => v[lang]),
          ]);
        }
        if (c.kind === 'date')
          expect([c.key, cell?.getNumberFormat()]).toEqual([c.key, 'dd/MM/yyyy']);
        if (c.kind === 'money')
          expect([c.key, cell?.getNumberFormat()]).toEqual([c.key, '#,##0.00']);
      });
    },
  );

  it('writes the settings it adds in the workbook language, and reads them back', () => {
    const sh = ss.getSheetByName(lang === 'fr' ? 'Paramètres' : 'Settings');
    const rows = (sh?.getDataRange().getValues() ?? []).map((r) => r.map(String));
    const value = (fr: string, en: string) =>
      rows.find((r) => r[0] === (lang === 'fr' ? fr : en))?.[1];
    expect(value('Envoi automatique', 'Auto-send')).toBe(lang === 'fr' ? 'non' : 'no');
    expect(value('Mode de facturation des formations', 'Training billing mode')).toBe(
      lang === 'fr' ? 'par commanditaire' : 'per-sponsor',
    );
    expect(value('Facturation périodique des formations', 'Periodic training invoicing')).toBe(
      lang === 'fr' ? 'non' : 'off',
    );
    expect(
      value(
        "Parts d'agence versées au paiement du client",
        'Agency shares paid when the client pays',
      ),
    ).toBe(lang === 'fr' ? 'non' : 'no');
    // Nothing in the Journal about an unreadable setting.
    const journal = ss.getSheetByName(lang === 'fr' ? 'Journal' : 'Log');
    const lines = (journal?.getDataRange().getValues() ?? []).map((r) => r.join(' '));
    expect(lines.filter((l) => /bad-setting|illisible|unreadable/.test(l))).toEqual([]);
  });

  it('protects the output tabs with a warning only, and no input tab', () => {
    for (const def of dataTabs) {
      const protections =
        ss.getSheetByName(def[lang])?.getProtections(app.ProtectionType.SHEET) ?? [];
      expect([def.key, protections.length, protections.every((p) => p.isWarningOnly())]).toEqual([
        def.key,
        def.output ? 1 : 0,
        true,
      ]);
    }
  });

  it('changes nothing when run again', () => {
    const before = everything(world);
    setup(world);
    expect(everything(world)).toEqual(before);
  });
});

describe('set-up of a workbook the user has arranged', () => {
  const world = worldFrom({
    'Paramètres.csv': 'Clé,Valeur\nLangue,fr\n',
    'Formations.csv': [
      'Statut,Intitulé,Notes internes,Référence session,Date de fin,Date de début,Durée (heures)',
      'terminée,Excel avancé,à relancer,FORM-2611-EXCEL,18/11/2026,16/11/2026,21',
      'planifiée,Manager une équipe,,FORM-2612-MGMT,08/12/2026,07/12/2026,14',
    ].join('\n'),
  });
  const before = spreadsheet(world).ss.getSheetByName('Formations')?.getDataRange().getValues();
  setup(world);
  const { ss } = spreadsheet(world);

  it('appends the missing columns after the last one, moving none', () => {
    expect(header(ss, 'Formations')).toEqual([
      'Statut',
      'Intitulé',
      'Notes internes',
      'Référence session',
      'Date de fin',
      'Date de début',
      'Durée (heures)',
      'ID',
      'Référence produit',
      'Lieu',
      'Formateur',
    ]);
  });

  it('leaves every user cell as it was', () => {
    const after = ss.getSheetByName('Formations')?.getRange(1, 1, 3, 7).getValues();
    expect(after?.slice(1)).toEqual(before?.slice(1));
  });

  it('changes nothing when run again', () => {
    const first = everything(world);
    setup(world);
    expect(everything(world)).toEqual(first);
  });
});
