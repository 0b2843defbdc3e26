import fc from 'fast-check';
import {
  addDays,
  allocateNumbers,
  calendarDate,
  checkRegister,
  type CounterState,
  type RegisterEntry,
} from '../../src/domain';
import { fr, en } from '../texts/helpers';

const FA = 'FA-{YYYY}-{SEQ:5}';
const AF = 'AF-{PROVIDER}-{YYYY}-{SEQ:4}';
const e = (number: string, date: string, pattern = FA): RegisterEntry => ({
  number,
  issueDate: calendarDate(date),
  pattern,
});

function summary(entries: RegisterEntry[], options = {}): [string, string | undefined][] {
  return checkRegister(entries, options).map((p) => [p.code, p.value]);
}

describe('checkRegister', () => {
  it.each([
    {
      name: 'a clean register',
      entries: [
        e('FA-2026-00001', '2026-01-05'),
        e('FA-2026-00002', '2026-01-05'),
        e('FA-2026-00003', '2026-02-01'),
      ],
      expected: [],
    },
    {
      name: 'a gap in the middle',
      entries: [e('FA-2026-00001', '2026-01-05'), e('FA-2026-00004', '2026-01-06')],
      expected: [['numbering.gap', '2–3']],
    },
    {
      name: 'a series that does not start at 1',
      entries: [e('FA-2026-00002', '2026-01-05')],
      expected: [['numbering.gap', '1']],
    },
    {
      name: 'a duplicate, even written with another padding',
      entries: [
        e('FA-2026-00001', '2026-01-05'),
        e('FA-2026-00002', '2026-01-06'),
        e('FA-2026-000002', '2026-01-07'),
      ],
      expected: [['numbering.duplicate', '2']],
    },
    {
      name: 'an out-of-order date',
      entries: [
        e('FA-2026-00001', '2026-01-05'),
        e('FA-2026-00002', '2026-01-04'),
        e('FA-2026-00003', '2026-01-06'),
      ],
      expected: [['numbering.out-of-order', '2026-01-04']],
    },
    {
      name: 'a number whose year is not its issue date',
      entries: [e('FA-2026-00001', '2025-12-31')],
      expected: [['numbering.period-mismatch', '2025-12-31']],
    },
    {
      name: 'a number that does not fit its pattern',
      entries: [e('FA-2026-00001', '2026-01-05'), e('FACT-12', '2026-01-05')],
      expected: [['numbering.unparsable', 'FACT-12']],
    },
    {
      name: 'series are checked separately (per year, per provider)',
      entries: [
        e('FA-2025-00001', '2025-12-30'),
        e('FA-2026-00001', '2026-01-02'),
        e('AF-M01-2026-0001', '2026-02-05', AF),
        e('AF-M02-2026-0001', '2026-02-05', AF),
        e('AF-M01-2026-0003', '2026-03-05', AF),
      ],
      expected: [['numbering.gap', '2']],
    },
  ])('$name', ({ entries, expected }) => {
    expect(summary(entries)).toEqual(expected);
  });

  it('starts a taken-over series where told', () => {
    expect(
      summary([e('FA-2026-00120', '2026-01-05')], { startSeq: { 'FA-2026-{SEQ}': 120 } }),
    ).toEqual([]);
  });

  it('compares the register with the counters', () => {
    const entries = [e('FA-2026-00001', '2026-01-05'), e('FA-2026-00002', '2026-01-06')];
    const counters = (last: number): CounterState => ({
      'FA-2026-{SEQ}': { last, lastDate: calendarDate('2026-01-06') },
    });
    expect(summary(entries, { counters: counters(2) })).toEqual([]);
    expect(summary(entries, { counters: counters(1) }).map(([c]) => c)).toEqual([
      'numbering.counter-behind',
    ]);
    expect(summary(entries, { counters: counters(4) }).map(([c]) => c)).toEqual([
      'numbering.counter-ahead',
    ]);
    expect(
      summary(entries, {
        counters: {
          ...counters(2),
          'AV-2026-{SEQ}': { last: 1, lastDate: calendarDate('2026-01-06') },
        },
      }).map(([c]) => c),
    ).toEqual(['numbering.counter-ahead']);
  });

  it('names the register and record in its messages', () => {
    const [gap] = checkRegister([
      e('FA-2026-00001', '2026-01-05'),
      e('FA-2026-00003', '2026-01-06'),
    ]);
    expect(gap?.source).toEqual({
      tab: 'invoices',
      record: 'FA-2026-00003',
      field: { fr: 'numéro', en: 'number' },
    });
    expect(fr(gap?.message)).toBe(
      'Trou dans la série FA-2026-{SEQ}\u00a0: numéro(s) 2 absent(s) avant FA-2026-00003',
    );
    expect(en(gap?.message)).toBe(
      'Gap in series FA-2026-{SEQ}: number(s) 2 missing before FA-2026-00003',
    );
  });

  it('finds nothing wrong in any register built by allocateNumbers, and finds a removed row', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 700 }),
            provider: fc.constantFrom('M01', 'M02'),
            self: fc.boolean(),
          }),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        fc.nat(),
        (requests, drop) => {
          const sorted = [...requests].sort((a, b) => a.day - b.day);
          const result = allocateNumbers(
            {},
            sorted.map((r) => ({
              pattern: r.self ? AF : FA,
              issueDate: addDays(calendarDate('2026-01-01'), r.day),
              provider: r.provider,
            })),
          );
          const entries: RegisterEntry[] = [];
          result.outcomes.forEach((o, i) => {
            const r = sorted[i];
            if (o.ok && r !== undefined) {
              entries.push({
                number: o.number,
                issueDate: addDays(calendarDate('2026-01-01'), r.day),
                pattern: r.self ? AF : FA,
              });
            }
          });
          expect(checkRegister(entries, { counters: result.state })).toEqual([]);
          const removed = entries.filter((_, i) => i !== drop % entries.length);
          const codes = checkRegister(removed, { counters: result.state }).map((p) => p.code);
          expect(codes.some((c) => c === 'numbering.gap' || c === 'numbering.counter-ahead')).toBe(
            true,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
