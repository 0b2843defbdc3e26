/**
 * Accounting entries in the FEC layout, on generated months: every entry balances, numbers run
 * without gaps per journal and are unique in the file, the file has the 18 fields of article
 * A47 A-1 LPF on every line, and the same documents in any order give the same file.
 */
import fc from 'fast-check';
import {
  balances,
  defaultChart,
  FEC_FIELDS,
  fecFile,
  fecFileName,
  fecRows,
  ledgerEntries,
  type LedgerDocument,
  type LedgerPayment,
} from '../../src/accounting/fec';
import { calendarDate, type CalendarDate } from '../../src/domain/dates';
import { Money } from '../../src/domain/money';

const RATES = ['20', '10', '5.5', '0'] as const;
const KINDS = ['training', 'mentoring', 'default', 'fees'] as const;

const money = fc.integer({ min: 1, max: 5_000_000 }).map((c) => Money.fromCents(c));
const day = fc
  .integer({ min: 1, max: 30 })
  .map((d) => calendarDate(`2026-11-${String(d).padStart(2, '0')}`));
const party = fc
  .integer({ min: 1, max: 6 })
  .map((n) => ({ code: `CL${n}`, name: `Client ${n} & Fils` }));

const document: fc.Arbitrary<LedgerDocument> = fc
  .record({
    n: fc.integer({ min: 1, max: 99999 }),
    journal: fc.constantFrom('VE' as const, 'AC' as const),
    credit: fc.boolean(),
    date: day,
    party,
    nets: fc.array(fc.record({ kind: fc.constantFrom(...KINDS), amount: money }), {
      minLength: 1,
      maxLength: 6,
    }),
    rates: fc.array(fc.constantFrom(...RATES), { minLength: 1, maxLength: 3 }),
  })
  .map(({ n, journal, credit, date, party: p, nets, rates }) => {
    // VAT per rate on the nets shared among the rates: any split, rounded to the cent.
    const vat = [...new Set(rates)].map((rate, i) => {
      const base = nets[i % nets.length]?.amount ?? Money.zero();
      return { rate, amount: base.times(rate).dividedBy('100').roundHalfUp(2) };
    });
    const total = Money.sum([...nets.map((x) => x.amount), ...vat.map((v) => v.amount)]);
    return {
      number: `${journal === 'VE' ? (credit ? 'AV' : 'FA') : 'AF'}-2026-${String(n).padStart(5, '0')}`,
      journal,
      credit,
      date,
      party: p,
      nets,
      vat,
      total,
      label: `${credit ? 'Avoir' : 'Facture'} ${n} ${p.name}`,
    };
  });

const payment: fc.Arbitrary<LedgerPayment> = fc.record({
  reference: fc.integer({ min: 1, max: 5 }).map((n) => `FA-2026-0000${n}`),
  date: day,
  direction: fc.constantFrom('received' as const, 'made' as const),
  party,
  amount: money,
  label: fc.constant('Virement'),
});

const month = fc.record({
  documents: fc.uniqueArray(document, { maxLength: 40, selector: (d) => d.number }),
  // References may repeat: one invoice paid in several parts, the same day.
  payments: fc.array(payment, { maxLength: 20 }),
});

describe('accounting entries (FEC)', () => {
  it('balance, run without gaps per journal, and give the same file whatever the order', () => {
    const chart = defaultChart();
    fc.assert(
      fc.property(month, fc.integer(), ({ documents, payments }, seed) => {
        const { entries, problems } = ledgerEntries(documents, payments, chart);
        expect(problems).toEqual([]);
        expect(entries).toHaveLength(documents.length + payments.length);
        for (const e of entries) expect(balances(e)).toBe(true);
        // Continuous per journal, unique in the file.
        for (const j of ['VE', 'AC', 'BQ'] as const) {
          const numbers = entries.filter((e) => e.journal === j).map((e) => e.number);
          expect(numbers).toEqual(numbers.map((_, i) => `${j}${String(i + 1).padStart(6, '0')}`));
        }
        expect(new Set(entries.map((e) => e.number)).size).toBe(entries.length);
        // Chronological.
        const dates = entries.map((e) => e.date);
        expect([...dates].sort()).toEqual(dates);
        // The same documents in another order: the same file.
        const shuffle = <T>(xs: readonly T[]): T[] =>
          xs
            .map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 }))
            .sort((a, b) => a.k - b.k)
            .map((o) => o.x);
        const again = ledgerEntries(shuffle(documents), shuffle(payments), chart).entries;
        const validOn = calendarDate('2026-12-05');
        expect(fecFile(fecRows(again, chart, validOn))).toBe(
          fecFile(fecRows(entries, chart, validOn)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('each client account holds what was invoiced, less credit notes and payments received', () => {
    const chart = defaultChart();
    fc.assert(
      fc.property(month, ({ documents, payments }) => {
        const { entries } = ledgerEntries(documents, payments, chart);
        const held = new Map<string, Money>();
        for (const e of entries)
          for (const l of e.lines)
            if (l.account.number === chart.clients.number && l.aux)
              held.set(
                l.aux.code,
                (held.get(l.aux.code) ?? Money.zero()).plus(l.debit).minus(l.credit),
              );
        // Recomputed from the documents alone, without the entries.
        const expected = new Map<string, Money>();
        const add = (code: string, m: Money) =>
          expected.set(code, (expected.get(code) ?? Money.zero()).plus(m));
        for (const d of documents)
          if (d.journal === 'VE') add(d.party.code, d.credit ? d.total.negated() : d.total);
        for (const p of payments)
          if (p.direction === 'received') add(p.party.code, p.amount.negated());
        for (const [code, m] of expected)
          expect((held.get(code) ?? Money.zero()).toFixed(2)).toBe(m.toFixed(2));
      }),
      { numRuns: 200 },
    );
  });

  it('writes 18 fields per line, dates AAAAMMJJ and amounts with a decimal comma', () => {
    const chart = defaultChart();
    const [m] = fc.sample(month, { numRuns: 1, seed: 42 });
    if (m === undefined) throw new Error('no sample');
    const { entries } = ledgerEntries(m.documents, m.payments, chart);
    const text = fecFile(fecRows(entries, chart, calendarDate('2026-12-05')), '|');
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines[0]).toBe(FEC_FIELDS.join('|'));
    expect(FEC_FIELDS).toHaveLength(18);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(1)) {
      const f = l.split('|');
      expect(f).toHaveLength(18);
      expect(f[3]).toMatch(/^202611\d{2}$/);
      expect(f[4]).toMatch(/^\d{3}/);
      expect(f[11]).toMatch(/^\d+,\d{2}$/);
      expect(f[12]).toMatch(/^\d+,\d{2}$/);
      expect([f[11], f[12]].filter((a) => a !== '0,00')).toHaveLength(1);
      expect(f[15]).toBe('20261205');
    }
    expect(fecFileName('451 236 780', calendarDate('2026-12-31'))).toBe('451236780FEC20261231.txt');
  });

  it('labels the default chart in French, the FEC being a French file, or in English when asked', () => {
    const fr = defaultChart();
    const en = defaultChart('en');
    expect([fr.journals.VE, fr.revenue.default.label, fr.vatCollected.default.label]).toEqual([
      'Ventes',
      'Prestations de services',
      'TVA collectée',
    ]);
    expect([en.journals.VE, en.revenue.default.label, en.vatCollected.default.label]).toEqual([
      'Sales',
      'Services',
      'VAT collected',
    ]);
    // The same accounts whatever the language.
    expect(en.expenses.default.number).toBe(fr.expenses.default.number);
  });

  it('refuses a document whose total is not its nets plus VAT, and keeps the others', () => {
    const date: CalendarDate = calendarDate('2026-11-03');
    const good: LedgerDocument = {
      number: 'FA-1',
      journal: 'VE',
      credit: false,
      date,
      party: { code: 'C', name: 'C' },
      nets: [{ kind: 'training', amount: Money.of('100') }],
      vat: [{ rate: '20', amount: Money.of('20') }],
      total: Money.of('120'),
      label: 'FA-1',
    };
    const bad = { ...good, number: 'FA-2', total: Money.of('120.01') };
    const { entries, problems } = ledgerEntries([good, bad], []);
    expect(entries.map((e) => e.pieceRef)).toEqual(['FA-1']);
    expect(problems.map((p) => [p.reference, p.message.key])).toEqual([
      ['FA-2', 'ledger.unbalanced'],
    ]);
    // The sale: 411 debit 120, 706100 credit 100, 445710 credit 20.
    expect(
      entries[0]?.lines.map((l) => [l.account.number, l.debit.toFixed(2), l.credit.toFixed(2)]),
    ).toEqual([
      ['411000', '120.00', '0.00'],
      ['706100', '0.00', '100.00'],
      ['445710', '0.00', '20.00'],
    ]);
    // Its credit note reverses it.
    const { entries: credit } = ledgerEntries([{ ...good, number: 'AV-1', credit: true }], []);
    expect(
      credit[0]?.lines.map((l) => [l.account.number, l.debit.toFixed(2), l.credit.toFixed(2)]),
    ).toEqual([
      ['411000', '0.00', '120.00'],
      ['706100', '100.00', '0.00'],
      ['445710', '20.00', '0.00'],
    ]);
  });
});
