/**
 * Tabs are read with `rowParser`, which gives what the zod row schema gives without zod per row:
 * same values, same refusals (cell, problem and words) for rows of every input tab.
 */
import fc from 'fast-check';
import { numberToDecimalString, shiftDecimal, type CellValue } from '../../src/sheets/cells';
import { isIssueParams, rowParser, rowSchema } from '../../src/sheets/schema';
import { tabDef, type TabKey } from '../../src/sheets/tabs';

const TABS: readonly TabKey[] = [
  'clients',
  'providers',
  'rates',
  'sessions',
  'timesheets',
  'trainings',
  'enrolments',
  'extra-lines',
  'payments',
];

/** Cells such as users type them: good values, bad ones, empty ones. */
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'abc',
    'oui',
    'non',
    'validé',
    'réalisée',
    'absent',
    'mentorat',
    'soutenance',
    'financeur',
    'entreprise',
    'jours',
    'apprenant',
    '20 %',
    '5,5 %',
    '150 %',
    '-3',
    '0',
    '1 234,56',
    '1.234',
    '12,5',
    '2026-11',
    '05/11/2026',
    '31/11/2026',
    'a@b.example',
    'x@y, z@w.example',
    'ACME',
    '=A1',
  ),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -5, max: 400 }),
  fc.boolean(),
  fc.integer({ min: 0, max: 4000 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d, 11))),
);

describe('rowParser equals the zod row schema', () => {
  const ctx = { timeZone: 'Europe/Paris', lang: 'fr' as const };
  it.each(TABS)('on random rows of %s', (key) => {
    const def = tabDef(key);
    const schema = rowSchema(def, ctx);
    const parse = rowParser(def, ctx);
    const keys = def.columns.filter((c) => c.kind !== 'id').map((c) => c.key);
    fc.assert(
      fc.property(fc.array(cell, { minLength: keys.length, maxLength: keys.length }), (cells) => {
        const input = Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
        const expected = schema.safeParse(input);
        const actual = parse(input);
        expect(actual.success).toBe(expected.success);
        if (expected.success && actual.success) {
          expect(JSON.stringify(actual.data)).toBe(JSON.stringify(expected.data));
        } else if (!expected.success && !actual.success) {
          expect(actual.issues).toEqual(
            expected.error.issues.map((i) => {
              const params: unknown = (i as { params?: unknown }).params;
              return { key: String(i.path[0] ?? ''), params: isIssueParams(params) ? params : {} };
            }),
          );
        }
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('numbers of a sheet as decimal strings', () => {
  /** Sheets shows at most 15 significant digits; exponent forms are written out. */
  function reference(n: number): string {
    if (!Number.isFinite(n)) return 'NaN';
    const s = String(Number(n.toPrecision(15)));
    const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
    if (!m) return s;
    return (m[1] ?? '') + shiftDecimal(`${m[2] ?? '0'}.${m[3] ?? ''}`, Number(m[4]));
  }

  it('keeps what was typed and cuts binary noise to 15 digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true }),
          fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).map((n) => n / 100),
          fc.integer().map((n) => n * 1e10),
          fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
        ),
        (n) => {
          expect(numberToDecimalString(n)).toBe(reference(n));
        },
      ),
      { numRuns: 10_000 },
    );
    for (const n of [0.1 + 0.2, 1 / 3, 1e21, 1e-7, -0, 123456789012345.6, 2 ** 53 + 2])
      expect(numberToDecimalString(n)).toBe(reference(n));
  });
});
