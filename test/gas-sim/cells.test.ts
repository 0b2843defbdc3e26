/**
 * Typed cells, ranges and sheets, each pinned to the behaviour of Apps Script's
 * SpreadsheetApp reference (Range.getValues, Range.setValues, Sheet.getRange…).
 */
import { start, thrown, worldWithWorkbook, zonedToEpoch } from './helpers';

const PARIS = 'Europe/Paris';

function sheet() {
  const { world, ss } = worldWithWorkbook();
  const { ex, gas } = start(world);
  const sh = gas.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  if (!sh) throw new Error('no sheet');
  return { world, ss, ex, gas, sh };
}

describe('typed cells (Range.getValues returns Number, Boolean, Date or String; "" for empty)', () => {
  it('keeps numbers, booleans, dates and strings with their types', () => {
    const { sh } = sheet();
    const d = new Date(zonedToEpoch(PARIS, 2026, 11, 5));
    sh.getRange(1, 1, 1, 5).setValues([[12.5, true, d, 'texte', '']]);
    const [row] = sh.getRange('A1:E1').getValues();
    expect(row?.[0]).toBe(12.5);
    expect(row?.[1]).toBe(true);
    expect(Object.prototype.toString.call(row?.[2])).toBe('[object Date]');
    expect((row?.[2] as Date).getTime()).toBe(d.getTime());
    expect(row?.[3]).toBe('texte');
    expect(row?.[4]).toBe('');
    expect(sh.getRange('F1').getValue()).toBe('');
  });

  it('null and undefined are written as empty cells', () => {
    const { sh } = sheet();
    sh.getRange('A1:B1').setValues([[null, undefined]]);
    expect(sh.getRange('A1:B1').getValues()).toEqual([['', '']]);
    expect(sh.getLastRow()).toBe(0);
  });

  it('getValues returns a fresh array each time: changing it or its dates does not touch the sheet', () => {
    const { sh } = sheet();
    const d = new Date(zonedToEpoch(PARIS, 2026, 1, 1));
    sh.getRange('A1:B1').setValues([[1, d]]);
    const first = sh.getRange('A1:B1').getValues();
    (first[0] as unknown[])[0] = 99;
    (first[0]?.[1] as Date).setFullYear(1990);
    const again = sh.getRange('A1:B1').getValues();
    expect(again[0]?.[0]).toBe(1);
    expect((again[0]?.[1] as Date).getTime()).toBe(d.getTime());
    expect(again).not.toBe(first);
  });

  it('setValue on a multi-cell range sets every cell (Range.setValue)', () => {
    const { sh } = sheet();
    sh.getRange('B2:C3').setValue(7);
    expect(sh.getRange('B2:C3').getValues()).toEqual([
      [7, 7],
      [7, 7],
    ]);
  });
});

describe('dimension checks (Apps Script exception texts)', () => {
  it('setValues with too few rows names both counts', () => {
    const { sh } = sheet();
    const e = thrown(() =>
      sh.getRange('A1:B3').setValues([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(String(e)).toBe(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    expect(e.message).toMatch(/^The number of rows/);
  });

  it('setValues with a wrong row width names the columns', () => {
    const { sh } = sheet();
    const e = thrown(() => sh.getRange('A1:C2').setValues([[1, 2, 3], [4]]));
    expect(String(e)).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 3.',
    );
  });

  it('a failed setValues writes nothing', () => {
    const { sh } = sheet();
    expect(() => sh.getRange('A1:B2').setValues([[1, 2]])).toThrow();
    expect(sh.getLastRow()).toBe(0);
  });

  it.each([
    [0, 1, 'The starting row of the range is too small.'],
    [1, 0, 'The starting column of the range is too small.'],
  ])('getRange(%i, %i) throws "%s"', (row, col, text) => {
    const { sh } = sheet();
    expect(String(thrown(() => sh.getRange(row, col)))).toBe(`Exception: ${text}`);
  });

  it('new sheets are 1000 rows × 26 columns; beyond is out of bounds, not grown', () => {
    const { sh } = sheet();
    expect(sh.getMaxRows()).toBe(1000);
    expect(sh.getMaxColumns()).toBe(26);
    expect(String(thrown(() => sh.getRange(1000, 1, 2, 1)))).toBe(
      'Exception: Those rows are out of bounds.',
    );
    expect(String(thrown(() => sh.getRange(1, 26, 1, 2)))).toBe(
      'Exception: Those columns are out of bounds.',
    );
    expect(sh.getRange(1000, 26).getA1Notation()).toBe('Z1000');
    expect(sh.getMaxRows()).toBe(1000);
  });

  it('appendRow and insertRowsAfter grow the sheet', () => {
    const { sh } = sheet();
    sh.getRange(1000, 1).setValue('last');
    sh.appendRow(['appended', 2]);
    expect(sh.getMaxRows()).toBe(1001);
    expect(sh.getRange(1001, 1, 1, 2).getValues()).toEqual([['appended', 2]]);
    sh.insertRowsAfter(1, 5);
    expect(sh.getMaxRows()).toBe(1006);
    expect(sh.getRange(1006, 1).getValue()).toBe('appended');
  });
});

describe('A1 notation', () => {
  it.each([
    ['A1', 1, 1, 1, 1],
    ['B2:D10', 2, 2, 9, 3],
    ['D10:B2', 2, 2, 9, 3],
    ['$B$2:$C$3', 2, 2, 2, 2],
    ['A:A', 1, 1, 1000, 1],
    ['B:C', 1, 2, 1000, 2],
    ['A2:C', 2, 1, 999, 3],
    ['2:5', 2, 1, 4, 26],
    ['Z1000', 1000, 26, 1, 1],
  ])('%s → row %i, column %i, %i × %i', (a1, row, col, rows, cols) => {
    const { sh } = sheet();
    const r = sh.getRange(a1);
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([
      row,
      col,
      rows,
      cols,
    ]);
  });

  it("'My Tab'!A1:B2 names a sheet (Spreadsheet.getRange)", () => {
    const { gas } = sheet();
    const ss = gas.SpreadsheetApp.getActiveSpreadsheet();
    ss.insertSheet("My Tab's");
    const r = ss.getRange("'My Tab''s'!A1:B2");
    expect(r.getSheet().getName()).toBe("My Tab's");
    expect(r.getA1Notation()).toBe('A1:B2');
  });

  it.each(['', 'A0', '1A', 'A1:B2:C3', 'AAAA1', 'A', 'A1001', 'AA1'])(
    'bad or out-of-grid reference %p → "Range not found"',
    (a1) => {
      const { sh } = sheet();
      expect(String(thrown(() => sh.getRange(a1)))).toBe('Exception: Range not found');
    },
  );

  it('an unknown sheet name is "Range not found"', () => {
    const { gas } = sheet();
    const ss = gas.SpreadsheetApp.getActiveSpreadsheet();
    expect(String(thrown(() => ss.getRange('Nope!A1')))).toBe('Exception: Range not found');
  });
});

describe('USER_ENTERED: strings are typed as the Sheets UI types them', () => {
  it('a leading = stores a formula, not text', () => {
    const { sh } = sheet();
    sh.getRange('A1').setValue('=SUM(B1:B3)');
    expect(sh.getRange('A1').getFormula()).toBe('=SUM(B1:B3)');
    expect(sh.getRange('A1').getValue()).toBe('#NAME?');
  });

  it.each(['=HYPERLINK("x")', '+33 6 12 34 56 78', '-abc', '@user'])(
    'unescaped %p becomes a formula',
    (text) => {
      const { sh } = sheet();
      sh.getRange('A1').setValue(text);
      expect(sh.getRange('A1').getFormula()).not.toBe('');
    },
  );

  it.each(['=1+1', '+33 6 12 34 56 78', '-abc', '@user', '0612', '05/11/2026', 'VRAI'])(
    'the apostrophe prefix keeps %p as plain text, and the apostrophe is not in the value',
    (text) => {
      const { sh } = sheet();
      sh.getRange('A1').setValue(`'${text}`);
      expect(sh.getRange('A1').getValue()).toBe(text);
      expect(sh.getRange('A1').getFormula()).toBe('');
      expect(sh.getRange('A1').getDisplayValue()).toBe(text);
    },
  );

  it('fr_FR numbers and dates written as strings become numbers and dates', () => {
    const { sh } = sheet();
    sh.getRange('A1:D1').setValues([['1 234,56', '05/11/2026', '12,5 %', '0612']]);
    const [row] = sh.getRange('A1:D1').getValues();
    expect(row?.[0]).toBe(1234.56);
    expect((row?.[1] as Date).getTime()).toBe(zonedToEpoch(PARIS, 2026, 11, 5));
    expect(row?.[2]).toBe(0.125);
    expect(row?.[3]).toBe(612);
    expect(sh.getRange('A1:C1').getDisplayValues()).toEqual([
      ['1\u202f234,56', '05/11/2026', '12,5%'],
    ]);
  });

  it('a cell formatted as plain text (@) keeps strings as typed, formulas included', () => {
    const { sh } = sheet();
    const cell = sh.getRange('A1').setNumberFormat('@');
    cell.setValue('=1+1');
    expect(cell.getValue()).toBe('=1+1');
    cell.setValue('0612');
    expect(cell.getValue()).toBe('0612');
  });

  it('appendRow types its strings the same way', () => {
    const { sh } = sheet();
    sh.appendRow(['=A2', "'=A2", '3,5']);
    expect(sh.getRange('A1').getFormula()).toBe('=A2');
    expect(sh.getRange('B1:C1').getValues()).toEqual([['=A2', 3.5]]);
  });

  it('numbers and booleans passed as such are never reinterpreted', () => {
    const { sh } = sheet();
    sh.getRange('A1:B1').setValues([[612, false]]);
    expect(sh.getRange('A1:B1').getValues()).toEqual([[612, false]]);
  });

  it('more than 50,000 characters in a cell is refused', () => {
    const { sh } = sheet();
    expect(String(thrown(() => sh.getRange('A1').setValue('x'.repeat(50_001))))).toBe(
      'Exception: Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });
});

describe('display values (Range.getDisplayValues) in fr_FR', () => {
  it.each([
    [1234.5, '0', '1235'],
    [1234.5, '0.00', '1234,50'],
    [1234.5, '#,##0.00', '1\u202f234,50'],
    [1234.5, '#,##0.00 [$€-1]', '1\u202f234,50 €'],
    [1234.5, '#,##0.00 "€"', '1\u202f234,50 €'],
    [1234.5, '#,##0.00 €', '1\u202f234,50 €'],
    [-1234.5, '#,##0.00 €', '-1\u202f234,50 €'],
    [0.125, '0%', '13%'],
    [0.125, '0.00%', '12,50%'],
    [2.675, '0.00', '2,68'],
    [1234.5, '@', '1234,5'],
    [1234.5, '0.###############', '1234,5'],
  ])('%p with %p shows %p', (value, format, shown) => {
    const { sh } = sheet();
    const r = sh.getRange('A1').setValue(value).setNumberFormat(format);
    expect(r.getDisplayValue()).toBe(shown);
    expect(r.getNumberFormat()).toBe(format);
  });

  it.each([
    ['dd/MM/yyyy', '05/11/2026'],
    ['yyyy-MM-dd', '2026-11-05'],
    ['dd/mm/yyyy hh:mm', '05/11/2026 14:07'],
    ['d mmmm yyyy', '5 novembre 2026'],
  ])('a date with %p shows %p', (format, shown) => {
    const { sh } = sheet();
    const d = new Date(zonedToEpoch(PARIS, 2026, 11, 5, 14, 7));
    expect(sh.getRange('A1').setValue(d).setNumberFormat(format).getDisplayValue()).toBe(shown);
  });

  it('defaults: automatic numbers, the locale date format, VRAI/FAUX', () => {
    const { sh } = sheet();
    sh.getRange('A1:E1').setValues([
      [1 / 3, 1234567, new Date(zonedToEpoch(PARIS, 2026, 11, 5)), true, false],
    ]);
    expect(sh.getRange('A1:E1').getDisplayValues()).toEqual([
      ['0,3333333333', '1234567', '05/11/2026', 'VRAI', 'FAUX'],
    ]);
    expect(sh.getRange('F1').getNumberFormat()).toBe('0.###############');
  });

  it('en_US spreadsheets use the US notation', () => {
    const { world } = worldWithWorkbook({ locale: 'en_US' });
    const { gas } = start(world);
    const sh = gas.SpreadsheetApp.getActiveSheet();
    sh.getRange('A1:C1').setValues([['1,234.5', '11/05/2026', true]]);
    sh.getRange('A1').setNumberFormat('#,##0.00');
    expect(sh.getRange('A1:C1').getDisplayValues()).toEqual([['1,234.50', '11/5/2026', 'TRUE']]);
  });
});

describe('sheet extent', () => {
  it('last row and column are the last non-empty ones; getDataRange spans A1 to them', () => {
    const { sh } = sheet();
    expect(sh.getLastRow()).toBe(0);
    expect(sh.getDataRange().getA1Notation()).toBe('A1');
    sh.getRange('C7').setValue('x');
    sh.getRange('E2').setValue(0);
    sh.getRange('A9').setBackground('#ff0000');
    expect(sh.getLastRow()).toBe(7);
    expect(sh.getLastColumn()).toBe(5);
    expect(sh.getDataRange().getA1Notation()).toBe('A1:E7');
    sh.getRange('C7').clearContent();
    expect(sh.getLastRow()).toBe(2);
  });

  it('deleteRows shifts rows up and shrinks the grid; all non-frozen rows cannot go', () => {
    const { sh } = sheet();
    sh.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sh.deleteRow(2);
    expect(sh.getRange('A1:A2').getValues()).toEqual([['a'], ['c']]);
    expect(sh.getMaxRows()).toBe(999);
    sh.setFrozenRows(1);
    expect(String(thrown(() => sh.deleteRows(2, 998)))).toBe(
      'Exception: Sorry, it is not possible to delete all non-frozen rows.',
    );
  });

  it('rows inserted after a formatted row take its formats and validation', () => {
    const { sh, gas } = sheet();
    const rule = gas.SpreadsheetApp.newDataValidation().requireValueInList(['a', 'b']).build();
    sh.getRange('A2').setNumberFormat('dd/MM/yyyy').setDataValidation(rule).setValue('x');
    sh.insertRowsAfter(2, 1);
    expect(sh.getRange('A3').getNumberFormat()).toBe('dd/MM/yyyy');
    expect(sh.getRange('A3').getDataValidation()?.getCriteriaValues()[0]).toEqual(['a', 'b']);
    expect(sh.getRange('A3').getValue()).toBe('');
  });

  it('clear() empties values and formats; clearContents() keeps formats', () => {
    const { sh } = sheet();
    sh.getRange('A1').setValue(3).setNumberFormat('0.00').setBackground('#00ff00');
    sh.clearContents();
    expect(sh.getRange('A1').getValue()).toBe('');
    expect(sh.getRange('A1').getBackground()).toBe('#00ff00');
    sh.clear();
    expect(sh.getRange('A1').getBackground()).toBe('#ffffff');
    expect(sh.getRange('A1').getNumberFormat()).toBe('0.###############');
  });
});

describe('spreadsheet and sheets', () => {
  it('insertSheet refuses a duplicate name with the Sheets message; getSheetByName finds tabs', () => {
    const { gas } = sheet();
    const ss = gas.SpreadsheetApp.getActiveSpreadsheet();
    const s = ss.insertSheet('Factures', 0);
    expect(s.getIndex()).toBe(1);
    expect(ss.getSheetByName('Factures')?.getSheetId()).toBe(s.getSheetId());
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(String(thrown(() => ss.insertSheet('Factures')))).toBe(
      'Exception: A sheet with the name "Factures" already exists. Please enter another name.',
    );
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['Factures', 'Feuille 1']);
  });

  it('properties of the workbook: id, url, locale, time zone', () => {
    const { gas, ss: state } = sheet();
    const ss = gas.SpreadsheetApp.getActiveSpreadsheet();
    expect(ss.getId()).toBe(state.id);
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${state.id}/edit`);
    expect(ss.getSpreadsheetLocale()).toBe('fr_FR');
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Paris');
    expect(gas.SpreadsheetApp.openById(state.id).getName()).toBe('Classeur');
    expect(String(thrown(() => gas.SpreadsheetApp.openById('missing')))).toMatch(/openById/);
  });

  it('formats: backgrounds default to #ffffff, font weight, notes, alignment, wrap', () => {
    const { sh } = sheet();
    const r = sh.getRange('A1:B1');
    expect(r.getBackgrounds()).toEqual([['#ffffff', '#ffffff']]);
    r.setBackgrounds([['#FF0000', null]])
      .setFontWeight('bold')
      .setNote('n')
      .setWrap(true);
    r.setHorizontalAlignment('center');
    expect(r.getBackgrounds()).toEqual([['#ff0000', '#ffffff']]);
    expect(r.getFontWeights()).toEqual([['bold', 'bold']]);
    expect(r.getNotes()).toEqual([['n', 'n']]);
    expect(r.getWraps()).toEqual([[true, true]]);
    expect(r.getHorizontalAlignment()).toBe('center');
    r.setNumberFormats([['0.00', '@']]);
    expect(r.getNumberFormats()).toEqual([['0.00', '@']]);
  });

  it('offset and getCell move within the sheet', () => {
    const { sh } = sheet();
    const r = sh.getRange('B2:C3');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(r.getCell(2, 2).getA1Notation()).toBe('C3');
    expect(r.getLastRow()).toBe(3);
    expect(r.getLastColumn()).toBe(3);
    expect(String(thrown(() => r.offset(-5, 0)))).toBe(
      'Exception: The starting row of the range is too small.',
    );
  });
});
