/**
 * The BPF's cadre C and F-1 on a generated year, recomputed here line by line from the inputs,
 * and on a small year computed by hand.
 */
import fc from 'fast-check';
import {
  BPF_C_LINES,
  BPF_F1_LINES,
  bpfFigures,
  type BpfLearner,
  type BpfRevenue,
} from '../../src/accounting/bpf';
import { calendarDate } from '../../src/domain/dates';
import { Money } from '../../src/domain/money';

const C_CODES = BPF_C_LINES.map(([c]) => c);
const F1_CODES = BPF_F1_LINES.map(([c]) => c);
const date = fc
  .record({
    y: fc.constantFrom(2025, 2026, 2027),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) =>
    calendarDate(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  );
const revenue: fc.Arbitrary<BpfRevenue> = fc.record({
  document: fc.string(),
  date,
  credit: fc.boolean(),
  line: fc.constantFrom(...C_CODES),
  net: fc.integer({ min: 0, max: 10_000_000 }).map((c) => Money.fromCents(c)),
});
const learner: fc.Arbitrary<BpfLearner> = fc.record({
  session: fc.string(),
  end: date,
  line: fc.constantFrom(...F1_CODES),
  hours: fc.integer({ min: 0, max: 700 }).map((h) => Money.of(String(h / 2))),
});

describe('BPF figures', () => {
  it('cadre C and F-1 of a generated year, recomputed line by line', () => {
    fc.assert(
      fc.property(
        fc.array(revenue, { maxLength: 80 }),
        fc.array(learner, { maxLength: 80 }),
        (rs, ls) => {
          const f = bpfFigures(2026, rs, ls);
          const cents = (code: string): number =>
            rs
              .filter((r) => r.line === code && r.date.startsWith('2026-'))
              .reduce((s, r) => s + (r.credit ? -1 : 1) * r.net.toCents(), 0);
          const byCode = new Map(f.c.map((l) => [l.code, l.amount.toCents()]));
          for (const code of C_CODES) expect(byCode.get(code)).toBe(cents(code));
          const funds = C_CODES.filter((c) => c.startsWith('2')).reduce((s, c) => s + cents(c), 0);
          expect(byCode.get('2')).toBe(funds);
          expect(byCode.get('total')).toBe(C_CODES.reduce((s, c) => s + cents(c), 0));
          // Line 2 right after 2h, the total last, every label there.
          expect(f.c.map((l) => l.code)).toEqual([
            ...C_CODES.slice(0, 9),
            '2',
            ...C_CODES.slice(9),
            'total',
          ]);
          for (const l of f.c) expect(l.label.length).toBeGreaterThan(3);
          for (const code of F1_CODES) {
            const mine = ls.filter((l) => l.line === code && l.end.startsWith('2026-'));
            const row = f.f1.find((r) => r.code === code);
            expect(row?.learners).toBe(mine.length);
            expect(row?.hours.toString()).toBe(Money.sum(mine.map((l) => l.hours)).toString());
          }
          const total = f.f1.find((r) => r.code === 'total');
          expect(total?.learners).toBe(ls.filter((l) => l.end.startsWith('2026-')).length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a small year by hand: an OPCO, a company, an individual, a credit note', () => {
    const d = calendarDate('2026-03-10');
    const f = bpfFigures(
      2026,
      [
        { document: 'FA-1', date: d, credit: false, line: '2h', net: Money.of('2100') },
        { document: 'FA-2', date: d, credit: false, line: '1', net: Money.of('900') },
        { document: 'FA-3', date: d, credit: false, line: '9', net: Money.of('1290') },
        { document: 'AV-1', date: d, credit: true, line: '1', net: Money.of('300') },
        {
          document: 'FA-0',
          date: calendarDate('2025-12-31'),
          credit: false,
          line: '1',
          net: Money.of('5000'),
        },
      ],
      [
        { session: 'S1', end: d, line: 'a', hours: Money.of('21') },
        { session: 'S1', end: d, line: 'a', hours: Money.of('14') },
        { session: 'S1', end: d, line: 'd', hours: Money.of('21') },
      ],
    );
    const c = Object.fromEntries(f.c.map((l) => [l.code, l.amount.toFixed(2)]));
    expect(c).toMatchObject({
      '1': '600.00',
      '2h': '2100.00',
      '2': '2100.00',
      '9': '1290.00',
      total: '3990.00',
    });
    const f1 = Object.fromEntries(f.f1.map((l) => [l.code, [l.learners, l.hours.toString()]]));
    expect(f1).toEqual({
      a: [2, '35'],
      b: [0, '0'],
      c: [0, '0'],
      d: [1, '21'],
      e: [0, '0'],
      total: [3, '56'],
    });
  });
});
