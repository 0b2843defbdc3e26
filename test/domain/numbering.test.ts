import fc from 'fast-check';
import {
  addDays,
  allocateNumbers,
  calendarDate,
  formatInvoiceNumber,
  isValidInvoiceNumber,
  parseInvoiceNumber,
  parseNumberPattern,
  seriesKey,
  type AllocationOutcome,
  type CounterState,
  type NumberPattern,
  type NumberRequest,
} from '../../src/domain';
import { fr, en } from '../texts/helpers';

const d = calendarDate;

function pattern(text: string): NumberPattern {
  const parsed = parseNumberPattern(text);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => en(p.message)).join('; '));
  return parsed.pattern;
}

function numbers(outcomes: readonly AllocationOutcome[]): (string | string[])[] {
  return outcomes.map((o) => (o.ok ? o.number : o.problems.map((p) => p.code)));
}

describe('number patterns', () => {
  it.each([
    ['FA-{YYYY}-{SEQ:5}', { issueDate: '2026-11-05' }, 42, 'FA-2026-00042', 'FA-2026-{SEQ}'],
    ['AV-{YYYY}-{SEQ:5}', { issueDate: '2026-01-01' }, 1, 'AV-2026-00001', 'AV-2026-{SEQ}'],
    [
      'AF-{PROVIDER}-{YYYY}-{SEQ:4}',
      { issueDate: '2026-12-05', provider: 'M01' },
      7,
      'AF-M01-2026-0007',
      'AF-M01-2026-{SEQ}',
    ],
    ['F{YY}{MM}/{SEQ:3}', { issueDate: '2027-03-31' }, 12, 'F2703/012', 'F2703/{SEQ}'],
    ['{SEQ}', { issueDate: '2026-11-05' }, 123, '123', '{SEQ}'],
    ['FA-{yyyy}-{seq:2}', { issueDate: '2026-11-05' }, 100, 'FA-2026-100', 'FA-2026-{SEQ}'], // width is a minimum
  ])('%s with %j, seq %i → %s (series %s)', (text, context, seq, expected, key) => {
    const p = pattern(text);
    const ctx = {
      issueDate: d(context.issueDate),
      ...('provider' in context ? { provider: context.provider } : {}),
    };
    expect(formatInvoiceNumber(p, ctx, seq)).toBe(expected);
    expect(seriesKey(p, ctx)).toBe(key);
    expect(parseInvoiceNumber(p, expected)).toMatchObject({ seriesKey: key, seq });
  });

  it.each([
    ['FA-{YYYY}', ['numbering.pattern.seq-count']],
    ['FA-{SEQ:5}-{SEQ:2}', ['numbering.pattern.seq-count']],
    ['FA {YYYY}-{SEQ:5}', ['numbering.pattern.characters']],
    ['FA.{SEQ:5}', ['numbering.pattern.characters']],
    ['FA-{DATE}-{SEQ}', ['numbering.pattern.unknown-placeholder']],
    ['FA-{MM}-{SEQ:4}', ['numbering.pattern.month-without-year']],
    ['FA-{SEQ:0}', ['numbering.pattern.seq-width']],
    ['FA-{SEQ:11}', ['numbering.pattern.seq-width']],
    ['FACTURE-ORGANISME-FORMATION-{YYYY}-{SEQ:8}', ['numbering.pattern.too-long']],
  ])('refuses %s', (text, codes) => {
    const parsed = parseNumberPattern(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.code)).toEqual(codes);
  });

  it.each([
    ['FA-2026-00001', true],
    ['AF-M01/2026_0001+B', true],
    ['A'.repeat(35), true],
    ['A'.repeat(36), false],
    ['', false],
    ['FA 2026 00001', false],
    ['FA-2026-É1', false],
    ['FA.2026', false],
  ])('isValidInvoiceNumber(%j) is %s', (text, expected) => {
    expect(isValidInvoiceNumber(text)).toBe(expected);
  });

  it('reads numbers back, providers with dashes included, and rejects others', () => {
    const p = pattern('AF-{PROVIDER}-{YYYY}-{SEQ:4}');
    expect(parseInvoiceNumber(p, 'AF-JEAN-M-2026-0012')).toEqual({
      seriesKey: 'AF-JEAN-M-2026-{SEQ}',
      seq: 12,
      year: 2026,
      provider: 'JEAN-M',
    });
    expect(parseInvoiceNumber(p, 'AF-M01-2026-012')).toBeUndefined();
    expect(parseInvoiceNumber(p, 'AV-M01-2026-0012')).toBeUndefined();
    expect(parseInvoiceNumber(pattern('FA-{YYYY}-{SEQ:5}'), 'FA-2026-00000')).toBeUndefined();
  });
});

describe('allocateNumbers', () => {
  const invoices = 'FA-{YYYY}-{SEQ:5}';
  const credits = 'AV-{YYYY}-{SEQ:5}';
  const selfBilling = 'AF-{PROVIDER}-{YYYY}-{SEQ:4}';

  it('allocates a batch across series in one step', () => {
    const state: CounterState = { 'FA-2026-{SEQ}': { last: 41, lastDate: d('2026-11-02') } };
    const result = allocateNumbers(state, [
      { pattern: invoices, issueDate: d('2026-11-05') },
      { pattern: credits, issueDate: d('2026-11-05') },
      { pattern: selfBilling, issueDate: d('2026-11-05'), provider: 'M01' },
      { pattern: invoices, issueDate: d('2026-11-05') },
      { pattern: selfBilling, issueDate: d('2026-11-05'), provider: 'M02' },
      { pattern: selfBilling, issueDate: d('2026-11-05'), provider: 'M01' },
    ]);
    expect(numbers(result.outcomes)).toEqual([
      'FA-2026-00042',
      'AV-2026-00001',
      'AF-M01-2026-0001',
      'FA-2026-00043',
      'AF-M02-2026-0001',
      'AF-M01-2026-0002',
    ]);
    expect(result.state).toEqual({
      'FA-2026-{SEQ}': { last: 43, lastDate: '2026-11-05' },
      'AV-2026-{SEQ}': { last: 1, lastDate: '2026-11-05' },
      'AF-M01-2026-{SEQ}': { last: 2, lastDate: '2026-11-05' },
      'AF-M02-2026-{SEQ}': { last: 1, lastDate: '2026-11-05' },
    });
    expect(state['FA-2026-{SEQ}']?.last).toBe(41); // the input state is not modified
  });

  it('restarts each year when the pattern has a year', () => {
    const first = allocateNumbers({}, [
      { pattern: invoices, issueDate: d('2026-12-31') },
      { pattern: invoices, issueDate: d('2027-01-01') },
      { pattern: 'FA-{SEQ:5}', issueDate: d('2026-12-31') },
      { pattern: 'FA-{SEQ:5}', issueDate: d('2027-01-01') },
    ]);
    expect(numbers(first.outcomes)).toEqual([
      'FA-2026-00001',
      'FA-2027-00001',
      'FA-00001',
      'FA-00002',
    ]);
  });

  it('numbers a batch in date order whatever the order of the requests', () => {
    const result = allocateNumbers({}, [
      { pattern: invoices, issueDate: d('2026-11-07') },
      { pattern: invoices, issueDate: d('2026-11-05') },
      { pattern: invoices, issueDate: d('2026-11-06') },
    ]);
    expect(numbers(result.outcomes)).toEqual(['FA-2026-00003', 'FA-2026-00001', 'FA-2026-00002']);
  });

  it('refuses back-dating and bad requests without consuming numbers', () => {
    const state: CounterState = { 'FA-2026-{SEQ}': { last: 10, lastDate: d('2026-11-05') } };
    const result = allocateNumbers(state, [
      { pattern: invoices, issueDate: d('2026-11-04') },
      { pattern: 'FA-{SEQ', issueDate: d('2026-11-05') },
      { pattern: selfBilling, issueDate: d('2026-11-05'), provider: 'Jean Dupont' },
      { pattern: selfBilling, issueDate: d('2026-11-05') },
      { pattern: invoices, issueDate: d('2026-11-05') },
      {
        pattern: 'FACTURE-{PROVIDER}-{YYYY}-{SEQ:6}',
        issueDate: d('2026-11-05'),
        provider: 'ORGANISME-PARTENAIRE',
      },
    ]);
    expect(numbers(result.outcomes)).toEqual([
      ['numbering.backdated'],
      ['numbering.pattern.characters', 'numbering.pattern.seq-count'],
      ['numbering.provider-code'],
      ['numbering.provider-code'],
      'FA-2026-00011',
      ['numbering.length'],
    ]);
    expect(result.state['FA-2026-{SEQ}']).toEqual({ last: 11, lastDate: '2026-11-05' });
    expect(Object.keys(result.state)).toEqual(['FA-2026-{SEQ}']);
    const backdated = result.outcomes[0];
    if (backdated?.ok === false) {
      expect(fr(backdated.problems[0]?.message)).toBe(
        'Numérotation refusée\u00a0: la série FA-2026-{SEQ} a déjà un numéro daté du 05/11/2026, une facture datée du 04/11/2026 serait antidatée',
      );
    }
  });
});

describe('numbering properties', () => {
  const patterns = [
    'FA-{YYYY}-{SEQ:5}',
    'AV-{YYYY}-{SEQ:5}',
    'AF-{PROVIDER}-{YYYY}-{SEQ:4}',
    'N{YY}{MM}-{SEQ:3}',
    'X-{SEQ}',
  ];
  const requestArb = fc.record({
    pattern: fc.constantFrom(...patterns),
    day: fc.integer({ min: 0, max: 800 }),
    provider: fc.constantFrom('M01', 'M02', 'TR-7'),
  });

  it('is gapless, unique and strictly increasing with non-decreasing dates, under any sequence of batches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(requestArb, { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
        (batches) => {
          let state: CounterState = {};
          const failures: string[] = [];
          const seen = new Set<string>();
          const bySeries = new Map<string, { seq: number; date: string }[]>();
          for (const batch of batches) {
            const requests: NumberRequest[] = batch.map((r) => ({
              pattern: r.pattern,
              issueDate: addDays(d('2026-01-01'), r.day),
              provider: r.provider,
            }));
            const result = allocateNumbers(state, requests);
            result.outcomes.forEach((o, i) => {
              if (!o.ok) {
                // The only refusal possible here is back-dating.
                const codes = o.problems.map((p) => p.code).join();
                if (codes !== 'numbering.backdated') failures.push(`refused with ${codes}`);
                return;
              }
              if (seen.has(o.number)) failures.push(`${o.number} given twice`);
              seen.add(o.number);
              const list = bySeries.get(o.seriesKey) ?? [];
              list.push({ seq: o.seq, date: requests[i]?.issueDate ?? '' });
              bySeries.set(o.seriesKey, list);
            });
            state = result.state;
          }
          for (const [key, list] of bySeries) {
            // In number order, each series goes 1, 2, 3… (no gap, no reuse) with dates that never go back.
            const sorted = [...list].sort((a, b) => a.seq - b.seq);
            sorted.forEach((entry, i) => {
              if (entry.seq !== i + 1) failures.push(`${key}: ${entry.seq} at position ${i + 1}`);
              const previous = sorted[i - 1];
              if (previous !== undefined && entry.date < previous.date)
                failures.push(`${key}: ${entry.seq} back-dated`);
            });
            if (state[key]?.last !== list.length)
              failures.push(`${key}: counter ${state[key]?.last} for ${list.length}`);
          }
          expect(failures).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
