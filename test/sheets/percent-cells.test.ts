/**
 * Percent cells as Sheets stores them: `300 %` typed in a cell is the number 3 with a percent
 * number format, `100 %` is 1. Every percent and coverage column of every input tab, with and
 * without the format, in both languages: read as the cell shows it, refused above 100 %, at its
 * own cell.
 */
import type { CellValue } from '../../src/sheets/cells';
import { readTab } from '../../src/sheets/read-tab';
import { tabDef, TABS, type Lang, type TabKey } from '../../src/sheets/tabs';
import { options, sheet, type RowInput } from './helpers';
import { fr, en } from '../texts/helpers';

const ROWS: Partial<Record<TabKey, RowInput>> = {
  clients: { code: 'LUMEN', name: 'Studio Lumen & Fils' },
  enrolments: {
    session: 'FORM-2611-EXCEL',
    learner: 'Camille Roux',
    sponsor: 'VERDI',
    financer: 'OPCOATL',
    unit: 'jour',
    quantity: 3,
    unitPrice: 420,
  },
  'extra-lines': {
    date: '23/11/2026',
    client: 'LUMEN',
    description: 'Direction artistique',
    quantity: 1,
    unitPrice: 650,
  },
};

const percentTabs = TABS.filter(
  (t) => !t.output && t.columns.some((c) => c.kind === 'percent' || c.kind === 'coverage'),
);

it('every input tab with a percent column has a sample row here', () => {
  expect(percentTabs.map((t) => t.key).sort()).toEqual(Object.keys(ROWS).sort());
});

type Case = [value: CellValue, format: string, expected: string | RegExp];

/** What a percent column reads; a coverage reads the same share with `%` after it. */
const CASES: Case[] = [
  [3, '0%', /300 %/],
  [1.5, '0.00%', /150 %/],
  [1, '0%', '100'],
  [0.2, '0%', '20'],
  [0.055, '0.0%', '5.5'],
  [0, '0%', '0'],
  [20, '', '20'],
  [0.2, '', '20'],
  [1, '', /ambigu/],
  [300, '', /300/],
];

describe.each(percentTabs.flatMap((t) => (['fr', 'en'] as Lang[]).map((lang) => [t.key, lang])))(
  '%s (%s)',
  (key, lang) => {
    const def = tabDef(key as TabKey);
    const columns = def.columns.filter((c) => c.kind === 'percent' || c.kind === 'coverage');
    it.each(columns.flatMap((c) => CASES.map((k) => [c.key, c.kind, ...k] as const)))(
      '%s (%s): %p formatted %p',
      (column, kind, value, format, expected) => {
        const s = sheet(key as TabKey, [{ ...ROWS[key as TabKey], [column]: value }], {
          lang: lang as Lang,
        });
        const col =
          s.values[0]?.indexOf(def.columns.find((c) => c.key === column)?.[lang as Lang] ?? '') ??
          -1;
        const read = readTab(def, def[lang as Lang], s.values, {
          ...options(lang as Lang),
          numberFormat: (row, c) => (row === 2 && c === col + 1 ? format : ''),
        });
        const cell = `${s.letter(column)}2`;
        // A coverage amount without a percent format is an amount, not a share.
        const asAmount =
          kind === 'coverage' && format === '' && typeof value === 'number' && value >= 1;
        if (typeof expected === 'string' || (asAmount && value !== 1)) {
          expect(read.problems).toEqual([]);
          const got = read.records[0]?.values[column];
          if (asAmount) expect(got).toBe(String(value));
          else expect(got).toBe(kind === 'coverage' ? `${String(expected)}%` : expected);
        } else {
          expect(read.records).toEqual([]);
          expect(read.problems).toHaveLength(1);
          expect(read.problems[0]?.cell).toBe(cell);
          expect(`${fr(read.problems[0]?.message)} ${en(read.problems[0]?.message)}`).toMatch(
            expected,
          );
        }
      },
    );
  },
);
