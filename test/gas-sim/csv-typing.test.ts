/**
 * How a CSV workbook is typed on import, as Google Sheets types an imported CSV (with
 * "convert text to numbers, dates and formulas") in the workbook's locale, and how it is
 * exported (display values, as Sheets' File › Download › CSV).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatCell } from '../../tools/gas-sim/cell-format';
import { parseUserEntered, type CellValue } from '../../tools/gas-sim/cell-parse';
import {
  detectDelimiter,
  exportCsvFolder,
  importCsvFolder,
} from '../../tools/gas-sim/csv-workbook';
import { localeInfo } from '../../tools/gas-sim/locale';
import { newWorld, start, zonedToEpoch } from './helpers';

const PARIS = 'Europe/Paris';
const fr = localeInfo('fr_FR');
const typeFr = (s: string) =>
  parseUserEntered(s, { locale: fr, timeZone: PARIS, currentYear: 2026 });
const parisDay = (y: number, m: number, d: number) => new Date(zonedToEpoch(PARIS, y, m, d));

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gas-sim-csv-'));
}

describe('typing rules for fr_FR (import and USER_ENTERED share them)', () => {
  it.each<[string, CellValue, string | undefined]>([
    ['', '', undefined],
    ['texte libre', 'texte libre', undefined],
    ['1 234,56', 1234.56, '#,##0.00'],
    ['1\u00a0234,56', 1234.56, '#,##0.00'],
    ['1\u202f234,56', 1234.56, '#,##0.00'],
    ['1234,56', 1234.56, undefined],
    ['-3,5', -3.5, undefined],
    ['42', 42, undefined],
    [',5', 0.5, undefined],
    ['0612', 612, undefined],
    ["'0612", '0612', undefined],
    ['12,5 %', 0.125, '0.0%'],
    ['20%', 0.2, '0%'],
    ['12,50 €', 12.5, '#,##0.00 [$€]'],
    ['VRAI', true, undefined],
    ['vrai', true, undefined],
    ['TRUE', true, undefined],
    ['FAUX', false, undefined],
    ['FALSE', false, undefined],
    ['1234.56', '1234.56', undefined],
    ['31/02/2026', '31/02/2026', undefined],
    ['FR76 3000 6000 0112 3456 7890 189', 'FR76 3000 6000 0112 3456 7890 189', undefined],
    ['FA-2026-00001', 'FA-2026-00001', undefined],
  ])('%p → %p (format %p)', (input, value, format) => {
    const t = typeFr(input);
    expect(t.value).toEqual(value);
    expect(t.numberFormat).toBe(format);
    expect(t.formula).toBeUndefined();
  });

  it.each<[string, [number, number, number], string]>([
    ['05/11/2026', [2026, 11, 5], 'dd/MM/yyyy'],
    ['5/11/2026', [2026, 11, 5], 'dd/MM/yyyy'],
    ['05/11/26', [2026, 11, 5], 'dd/MM/yyyy'],
    ['2026-11-05', [2026, 11, 5], 'yyyy-MM-dd'],
    ['2026-11', [2026, 11, 1], 'yyyy-MM'],
    ['11/2026', [2026, 11, 1], 'MM/yyyy'],
    ['05/11', [2026, 11, 5], 'dd/MM'],
    ['29/03/2026', [2026, 3, 29], 'dd/MM/yyyy'],
  ])('%p → the date %p at midnight in Paris (format %p)', (input, [y, m, d], format) => {
    const t = typeFr(input);
    expect(Object.prototype.toString.call(t.value)).toBe('[object Date]');
    expect((t.value as Date).getTime()).toBe(parisDay(y, m, d).getTime());
    expect(t.numberFormat).toBe(format);
  });

  it('a date and time keeps the time in the spreadsheet zone', () => {
    const t = typeFr('05/11/2026 14:30');
    expect((t.value as Date).getTime()).toBe(zonedToEpoch(PARIS, 2026, 11, 5, 14, 30));
    expect(t.numberFormat).toBe('dd/MM/yyyy HH:mm:ss');
  });

  it.each([
    ['=SUM(A1:A3)', '=SUM(A1:A3)'],
    ['+33 6 12 34 56 78', '=+33 6 12 34 56 78'],
    ['-x', '=-x'],
    ['@x', '=x'],
  ])('%p is read as the formula %p', (input, formula) => {
    expect(typeFr(input).formula).toBe(formula);
  });

  it('the same typed value shows back as the text that was imported', () => {
    for (const s of ['1 234,56', '05/11/2026', '2026-11-05', '12,50 €', 'VRAI', '42']) {
      const t = typeFr(s);
      expect(formatCell(t.value, t.numberFormat, fr, PARIS).replace(/\u202f/g, ' ')).toBe(s);
    }
  });

  it.each([
    ['a,b,c\n1,2,3', ','],
    ['a;b;c\n1,5;2;3', ';'],
    ['"x;y",b,c\n', ','],
    ['a\tb\tc', '\t'],
  ])('delimiter of %p is %p (header line, outside quotes)', (text, delim) => {
    expect(detectDelimiter(text)).toBe(delim);
  });
});

describe('importCsvFolder / exportCsvFolder', () => {
  function writeFolder(files: Record<string, string>): string {
    const dir = tmp();
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }

  it('one tab per file, typed cells, formats and the active spreadsheet set', () => {
    const dir = writeFolder({
      'Sessions.csv': "\ufeffDate;Montant;Payé;Code\n05/11/2026;1 234,56;VRAI;'0612\n;;;\n",
      'Clients.csv': 'Code,Nom\nBRI,"Brioche, SARL"\n',
    });
    const world = newWorld();
    const id = importCsvFolder(dir, world, { name: 'Démo' });
    expect(world.sheets.activeId).toBe(id);
    const { gas } = start(world);
    const ss = gas.SpreadsheetApp.getActiveSpreadsheet();
    expect(ss.getName()).toBe('Démo');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Clients', 'Sessions']);
    const sessions = ss.getSheetByName('Sessions');
    const values = sessions?.getDataRange().getValues();
    expect(values?.[0]).toEqual(['Date', 'Montant', 'Payé', 'Code']);
    expect((values?.[1]?.[0] as Date).getTime()).toBe(parisDay(2026, 11, 5).getTime());
    expect(values?.[1]?.slice(1)).toEqual([1234.56, true, '0612']);
    expect(sessions?.getLastRow()).toBe(2);
    expect(sessions?.getRange('A2').getNumberFormat()).toBe('dd/MM/yyyy');
    expect(ss.getSheetByName('Clients')?.getRange('B2').getValue()).toBe('Brioche, SARL');
  });

  it('_order.txt sets the tab order; unlisted tabs follow alphabetically', () => {
    const dir = writeFolder({
      'A.csv': 'x\n',
      'B.csv': 'x\n',
      'C.csv': 'x\n',
      '_order.txt': 'C\n\nA\n',
    });
    const world = newWorld();
    importCsvFolder(dir, world);
    expect(world.sheets.active()?.sheets.map((s) => s.name)).toEqual(['C', 'A', 'B']);
  });

  it('big tabs get a grid large enough for them', () => {
    const lines = ['n', ...Array.from({ length: 1500 }, (_, i) => String(i))].join('\n');
    const wide = Array.from({ length: 30 }, (_, i) => `c${i}`).join(',');
    const world = newWorld();
    importCsvFolder(writeFolder({ 'Big.csv': lines, 'Wide.csv': wide }), world);
    const [big, wideSheet] = world.sheets.active()?.sheets ?? [];
    expect(big?.maxRows).toBe(1501);
    expect(wideSheet?.maxColumns).toBe(30);
  });

  it('export writes display values trimmed to the data range, and re-imports to the same values', () => {
    const world = newWorld();
    importCsvFolder(
      writeFolder({
        'Factures.csv':
          'Numéro;Date;Total;Taux\nFA-2026-00001;05/11/2026;1 234,56;20%\nFA-2026-00002;06/11/2026;10;5,5 %\n',
      }),
      world,
    );
    const { gas } = start(world);
    const sh = gas.SpreadsheetApp.getActiveSheet();
    sh.getRange('F10').setBackground('#ff0000');
    sh.getRange('A4').setValue("'=danger");
    const out = tmp();
    const files = exportCsvFolder(world, out);
    expect(files).toEqual([path.join(out, 'Factures.csv')]);
    const text = fs.readFileSync(path.join(out, 'Factures.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('Numéro,Date,Total,Taux');
    expect(text.split('\n')[1]).toBe('FA-2026-00001,05/11/2026,"1\u202f234,56",20%');
    expect(text).toContain('=danger');
    expect(text.trim().split('\n')).toHaveLength(4);
    expect(fs.readFileSync(path.join(out, '_order.txt'), 'utf8')).toBe('Factures\n');

    const again = newWorld();
    importCsvFolder(out, again);
    const a = world.sheets.active()?.sheets[0];
    const b = again.sheets.active()?.sheets[0];
    for (const [r, c] of [
      [2, 2],
      [2, 3],
      [2, 4],
      [3, 4],
    ] as const) {
      expect(b?.value(r, c)).toEqual(a?.value(r, c));
    }
  });

  it('exports a spreadsheet given by id with its world', () => {
    const world = newWorld();
    const id = importCsvFolder(writeFolder({ 'T.csv': 'a\n1\n' }), world);
    const out = tmp();
    expect(exportCsvFolder(id, out, world)).toEqual([path.join(out, 'T.csv')]);
    expect(() => exportCsvFolder('nope', out, world)).toThrow(/no such spreadsheet/);
  });
});
