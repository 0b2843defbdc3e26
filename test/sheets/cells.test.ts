/** Cell values as users type them, in French and English workbooks. */
import {
  looksLikeFormula,
  numberToDecimalString,
  parseBool,
  parseCode,
  parseCoverage,
  parseDate,
  parseDateTime,
  parseDecimal,
  parseEmails,
  parseEnum,
  parseInteger,
  parseMonth,
  parsePercent,
  parseText,
  shiftDecimal,
  type CellValue,
  type Parsed,
} from '../../src/sheets/cells';
import { tabDef } from '../../src/sheets/tabs';
import { en, fr } from '../texts/helpers';

const TZ = 'Europe/Paris';

const value = <T>(p: Parsed<T>): T | 'REFUSED' => (p.ok ? p.value : 'REFUSED');

/** Midnight in Paris on that day, as Sheets gives a date cell. */
const parisMidnight = (y: number, m: number, d: number): Date =>
  new Date(Date.UTC(y, m - 1, d) - (m >= 4 && m <= 10 ? 2 : 1) * 3600_000);

describe('numbers', () => {
  it.each<[CellValue, string | 'REFUSED', string | 'REFUSED']>([
    // cell, French workbook, English workbook
    [1234.56, '1234.56', '1234.56'],
    [0.1 + 0.2, '0.3', '0.3'],
    [-12.5, '-12.5', '-12.5'],
    [1e-7, '0.0000001', '0.0000001'],
    ['1 234,56', '1234.56', '1234.56'],
    ['1\u00a0234,56', '1234.56', '1234.56'],
    ['1\u202f234,56 €', '1234.56', '1234.56'],
    ['1234.56', '1234.56', '1234.56'],
    ['-12,5', '-12.5', '-12.5'],
    ['\u221212,5', '-12.5', '-12.5'],
    ['+12,5', '12.5', '12.5'],
    ['12 EUR', '12', '12'],
    ['€ 99,90', '99.9', '99.9'],
    ['0,125', '0.125', '0.125'],
    [',5', '0.5', '0.5'],
    ['1.234,56', '1234.56', 'REFUSED'],
    ['1,234.56', 'REFUSED', '1234.56'],
    ['1.234.567', '1234567', 'REFUSED'],
    ['1,234,567', 'REFUSED', '1234567'],
    ['1.234', 'REFUSED', '1.234'],
    ['1,234', '1.234', 'REFUSED'],
    ['12 34', 'REFUSED', 'REFUSED'],
    ['12,5 %', 'REFUSED', 'REFUSED'],
    ['=SUM(A1:A3)', 'REFUSED', 'REFUSED'],
    ['@total', 'REFUSED', 'REFUSED'],
    ['+33 6 12 34 56 78', 'REFUSED', 'REFUSED'],
    ['-B2', 'REFUSED', 'REFUSED'],
    ['abc', 'REFUSED', 'REFUSED'],
    ['1.2.3', 'REFUSED', 'REFUSED'],
    [true, 'REFUSED', 'REFUSED'],
    [new Date(), 'REFUSED', 'REFUSED'],
    [Number.NaN, 'REFUSED', 'REFUSED'],
  ])('%j → %s (fr), %s (en)', (cell, fr, en) => {
    expect(value(parseDecimal(cell, 'fr'))).toBe(fr);
    expect(value(parseDecimal(cell, 'en'))).toBe(en);
  });

  it('explains a refusal in both languages, quoting the value', () => {
    const p = parseDecimal('1.234', 'fr');
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(fr(p.why)).toContain('«\u00a01.234\u00a0»');
      expect(en(p.why)).toContain('"1.234"');
    }
  });

  it.each<[CellValue, number | 'REFUSED']>([
    [30, 30],
    ['30', 30],
    ['1 000', 1000],
    ['30,0', 30],
    [30.5, 'REFUSED'],
    ['30 jours', 'REFUSED'],
    [1e20, 'REFUSED'],
  ])('integer %j → %s', (cell, expected) => {
    expect(value(parseInteger(cell))).toBe(expected);
  });

  it.each([
    ['12.5', 2, '1250'],
    ['0.125', 2, '12.5'],
    ['-0.05', 2, '-5'],
    ['7', -3, '0.007'],
    ['1.5', 21, '1500000000000000000000'],
  ])('shiftDecimal(%s, %d) = %s', (s, places, out) => {
    expect(shiftDecimal(s, places)).toBe(out);
  });

  it('gives the shortest decimal form of a number, as Sheets shows at most 15 digits', () => {
    expect(numberToDecimalString(100 / 3)).toBe('33.3333333333333');
    expect(numberToDecimalString(1e21)).toBe('1000000000000000000000');
  });
});

describe('percentages (in points) and coverage', () => {
  it.each<[CellValue, string | 'REFUSED']>([
    [0.2, '20'],
    [0.055, '5.5'],
    [0, '0'],
    [20, '20'],
    [100, '100'],
    [1, 'REFUSED'],
    [150, 'REFUSED'],
    [-0.1, 'REFUSED'],
    ['12,5 %', '12.5'],
    ['12,5%', '12.5'],
    ['20', '20'],
    ['-3 %', 'REFUSED'],
    ['100,5 %', 'REFUSED'],
    ['abc %', 'REFUSED'],
    [true, 'REFUSED'],
  ])('percent %j → %s', (cell, expected) => {
    expect(value(parsePercent(cell))).toBe(expected);
  });

  it.each<[CellValue, string | 'REFUSED']>([
    [0.7, '70%'],
    ['70 %', '70%'],
    ['70%', '70%'],
    [1200, '1200'],
    ['1 250,50 €', '1250.5'],
    [1, 'REFUSED'],
    ['12,345', 'REFUSED'],
    [-5, 'REFUSED'],
    ['120 %', 'REFUSED'],
  ])('coverage %j → %s', (cell, expected) => {
    expect(value(parseCoverage(cell))).toBe(expected);
  });
});

describe('dates', () => {
  it.each<[CellValue, string | 'REFUSED', string | 'REFUSED']>([
    [parisMidnight(2026, 11, 5), '2026-11-05', '2026-11-05'],
    [parisMidnight(2026, 7, 1), '2026-07-01', '2026-07-01'],
    ['05/11/2026', '2026-11-05', 'REFUSED'],
    ['5/11/2026', '2026-11-05', 'REFUSED'],
    ['25/11/2026', '2026-11-25', '2026-11-25'],
    ['11/25/2026', 'REFUSED', '2026-11-25'],
    ['05/05/2026', '2026-05-05', '2026-05-05'],
    ['05.11.2026', '2026-11-05', 'REFUSED'],
    ['2026-11-05', '2026-11-05', '2026-11-05'],
    [' 2026-11-05 ', '2026-11-05', '2026-11-05'],
    ['5 nov. 2026', '2026-11-05', '2026-11-05'],
    ['5 novembre 2026', '2026-11-05', '2026-11-05'],
    ['1er décembre 2026', '2026-12-01', '2026-12-01'],
    ['15 févr. 2026', '2026-02-15', '2026-02-15'],
    ['3 août 2026', '2026-08-03', '2026-08-03'],
    ['Nov 5, 2026', '2026-11-05', '2026-11-05'],
    ['31/11/2026', 'REFUSED', 'REFUSED'],
    ['29/02/2026', 'REFUSED', 'REFUSED'],
    ['29/02/2028', '2028-02-29', '2028-02-29'],
    ['05/11/26', 'REFUSED', 'REFUSED'],
    ['demain', 'REFUSED', 'REFUSED'],
    ['5 brumaire 2026', 'REFUSED', 'REFUSED'],
    [46331, 'REFUSED', 'REFUSED'],
    [new Date(Number.NaN), 'REFUSED', 'REFUSED'],
  ])('%j → %s (fr), %s (en)', (cell, fr, en) => {
    expect(value(parseDate(cell, TZ, 'fr'))).toBe(fr);
    expect(value(parseDate(cell, TZ, 'en'))).toBe(en);
  });

  it('reads a date cell in the workbook time zone, not in UTC', () => {
    const lateEvening = new Date(Date.UTC(2026, 10, 4, 23, 30)); // 5 Nov, 00:30 in Paris
    expect(value(parseDate(lateEvening, 'Europe/Paris'))).toBe('2026-11-05');
    expect(value(parseDate(lateEvening, 'America/New_York'))).toBe('2026-11-04');
  });

  it.each<[CellValue, string | 'REFUSED']>([
    ['2026-11', '2026-11'],
    ['11/2026', '2026-11'],
    ['novembre 2026', '2026-11'],
    ['Nov 2026', '2026-11'],
    ['05/11/2026', '2026-11'],
    [parisMidnight(2026, 11, 1), '2026-11'],
    ['13/2026', 'REFUSED'],
    ['2026-13', 'REFUSED'],
    [202611, 'REFUSED'],
  ])('month %j → %s', (cell, expected) => {
    expect(value(parseMonth(cell, TZ))).toBe(expected);
  });

  it.each<[CellValue, string | 'REFUSED']>([
    [new Date(Date.UTC(2026, 11, 5, 7, 15)), '2026-12-05T08:15:00'],
    ['05/12/2026 08:15', '2026-12-05T08:15:00'],
    ['2026-12-05T08:15:30', '2026-12-05T08:15:30'],
    ['2026-12-05', '2026-12-05T00:00:00'],
    ['05/12/2026 25:00', 'REFUSED'],
    ['hier', 'REFUSED'],
  ])('date and time %j → %s', (cell, expected) => {
    expect(value(parseDateTime(cell, TZ))).toBe(expected);
  });
});

describe('enumerations, booleans, emails, text and codes', () => {
  const trainingStatus = tabDef('trainings').columns.find((c) => c.key === 'status')?.values ?? [];
  const craStatus = tabDef('timesheets').columns.find((c) => c.key === 'status')?.values ?? [];

  it.each<[readonly { code: string }[], string, string | 'REFUSED']>([
    [trainingStatus, 'terminée', 'finished'],
    [trainingStatus, 'TERMINEE', 'finished'],
    [trainingStatus, 'finished', 'finished'],
    [trainingStatus, ' En cours ', 'running'],
    [trainingStatus, 'in progress', 'running'],
    [trainingStatus, 'planifiée', 'planned'],
    [trainingStatus, 'fini', 'REFUSED'],
    [craStatus, 'validé', 'validated'],
    [craStatus, 'Validated', 'validated'],
    [craStatus, 'refusé', 'rejected'],
    [craStatus, 'brouillon', 'draft'],
    [craStatus, 'soumis', 'submitted'],
    [craStatus, 'ok', 'REFUSED'],
  ])('%#: %s → %s', (values, cell, expected) => {
    expect(value(parseEnum(cell, values as never))).toBe(expected);
  });

  it('lists the accepted values in the message', () => {
    const p = parseEnum('fini', trainingStatus);
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(fr(p.why)).toContain('planifiée, en cours, terminée, annulée');
      expect(en(p.why)).toContain('planned, in progress, finished, cancelled');
    }
  });

  it.each<[CellValue, boolean | 'REFUSED']>([
    [true, true],
    [false, false],
    ['oui', true],
    ['Oui', true],
    ['yes', true],
    ['VRAI', true],
    ['TRUE', true],
    ['non', false],
    ['no', false],
    ['FAUX', false],
    ['false', false],
    [1, true],
    [0, false],
    ['peut-être', 'REFUSED'],
  ])('boolean %j → %s', (cell, expected) => {
    expect(value(parseBool(cell))).toBe(expected);
  });

  it.each<[CellValue, string[] | 'REFUSED']>([
    ['compta@brioche.example', ['compta@brioche.example']],
    ['a@x.example; b@y.example', ['a@x.example', 'b@y.example']],
    ['a@x.example, b@y.example  c@z.example', ['a@x.example', 'b@y.example', 'c@z.example']],
    ['compta@brioche', 'REFUSED'],
    ['Compta <compta@x.example>', 'REFUSED'],
  ])('emails %j → %j', (cell, expected) => {
    expect(value(parseEmails(cell))).toEqual(expected);
  });

  it.each<[CellValue, string]>([
    ['  Refonte identité  ', 'Refonte identité'],
    ['=HYPERLINK("x")', '=HYPERLINK("x")'],
    ['+33 6 12 34 56 78', '+33 6 12 34 56 78'],
    ['-', '-'],
    ['@home', '@home'],
    [69002, '69002'],
    [parisMidnight(2026, 11, 5), '2026-11-05'],
  ])('text %j stays text: %j', (cell, expected) => {
    expect(value(parseText(cell, TZ))).toBe(expected);
  });

  it('formula-looking text is recognised', () => {
    expect(['=A1', '+A1', '-B2', '@x', ' =1'].map(looksLikeFormula)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(looksLikeFormula('A=1')).toBe(false);
  });

  it.each<[CellValue, string | 'REFUSED']>([
    [' brioche ', 'BRIOCHE'],
    ['Lumen', 'LUMEN'],
    [612, '612'],
    ['BRI\nOCHE', 'REFUSED'],
  ])('code %j → %s', (cell, expected) => {
    expect(value(parseCode(cell, TZ))).toBe(expected);
  });
});
