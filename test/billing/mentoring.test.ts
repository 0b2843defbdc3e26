import { calendarDate, type MonthKey } from '../../src/domain/dates';
import { invoiceTotals } from '../../src/domain/totals';
import { billingCallKey, mentoringBilling, type MentoringInput } from '../../src/billing/mentoring';
import { payableDueDate } from '../../src/billing/payable';
import { findRate, rateGrid } from '../../src/billing/rates';
import { PROVIDERS, issueProblems, settings, tab, type Values } from './helpers';

const RATES = tab('rates', [
  { sessionType: 'mentorat', level: 1, rate: '30', validFrom: '2026-01-01' },
  { sessionType: 'mentorat', level: 1, rate: '35', validFrom: '2026-11-15' },
  { sessionType: 'mentorat', level: 2, rate: '40', validFrom: '2026-01-01' },
  { sessionType: 'soutenance', level: 1, rate: '50', validFrom: '2026-01-01' },
  { sessionType: 'soutenance', level: 2, rate: '55', validFrom: '2026-01-01' },
  { sessionType: 'soutenance', level: 2, rate: '60', validFrom: '2026-06-01' },
]);

const s = (
  date: string,
  provider: string,
  student: string,
  type: string,
  level: number,
  status: string,
  extra: Values = {},
): Values => ({ date, provider, student, type, level, status, minutes: 45, ...extra });

const SESSIONS = tab(
  'sessions',
  [
    s('2026-11-03', 'CLEMENT', 'Alice', 'mentorat', 1, 'done'), // S1: 30 (before the 15th)
    s('2026-11-20', 'clement', 'Bob', 'mentorat', 1, 'done'), // S2: 35
    s('2026-11-21', 'CLEMENT', 'Chloé', 'mentorat', 2, 'no-show'), // S3: 40 × 50 % = 20
    s('2026-11-22', 'CLEMENT', 'Chloé', 'mentorat', 2, 'cancelled'), // S4: nothing
    s('2026-11-25', 'CLEMENT', 'Dan', 'soutenance', 2, 'done'), // S5: 60 (expertise level 2)
    s('2026-10-30', 'CLEMENT', 'Alice', 'mentorat', 1, 'done'), // S6: October
    s('2026-11-05', 'NGUYEN', 'Eve', 'mentorat', 2, 'done', { billedAs: '45' }), // S7: 45
    s('2026-11-06', 'NGUYEN', 'Fay', 'soutenance', 1, 'no-show'), // S8: 50 × 50 % = 25
    s('2026-11-07', 'NGUYEN', 'Gus', 'mentorat', 3, 'done'), // S9: no rate
    s('2026-11-10', 'ROSSI', 'Hugo', 'soutenance', 1, 'done'), // S10: 50
    s('2026-11-12', 'XAVIER', 'Iris', 'mentorat', 1, 'done'), // S11: unknown provider
  ],
  'S',
);

const input = (overrides: Partial<MentoringInput> = {}): MentoringInput => ({
  month: '2026-11' as MonthKey,
  issueDate: calendarDate('2026-12-05'),
  sessions: SESSIONS,
  rates: RATES,
  providers: PROVIDERS,
  settings: settings(),
  billed: new Set(),
  ...overrides,
});

describe('mentoring sessions → billing calls and self-billed invoices', () => {
  const result = mentoringBilling(input());

  it.each([
    // provider, mode, sessions, HT, VAT, TTC, session IDs
    ['CLEMENT', 'autofacturation', 4, '145.00', '0.00', '145.00', ['S1', 'S2', 'S3', 'S5']],
    ['NGUYEN', 'appel', 2, '70.00', '14.00', '84.00', ['S7', 'S8']],
    ['ROSSI', 'appel', 1, '50.00', '10.00', '60.00', ['S10']],
  ])('%s: %s, %i sessions, %s HT + %s VAT = %s', (code, mode, count, ht, vat, ttc, ids) => {
    const call = result.billingCalls.find((c) => c.providerCode === code);
    expect(call).toMatchObject({
      key: `2026-11:${code}`,
      month: '2026-11',
      mode,
      sessionsCount: count,
      amountHT: ht,
      vat,
      amountTTC: ttc,
    });
    expect(call?.lines.map((l) => l.origin.id)).toEqual(ids);
  });

  it('lists each session with date, student, type, level and rate for the billing-call email', () => {
    const call = result.billingCalls.find((c) => c.providerCode === 'NGUYEN');
    expect(call?.lines.map((l) => [l.date, l.student, l.type, l.level, l.rate, l.amount])).toEqual([
      ['2026-11-05', 'Eve', 'mentorat', 2, '45', '45.00'],
      ['2026-11-06', 'Fay', 'soutenance', 1, '50', '25.00'],
    ]);
    expect(call?.lines[1]).toMatchObject({ status: 'no-show', sharePercent: '50' });
    expect(call?.recipients).toEqual(['nguyen@mentor.example']);
  });

  it('makes a self-billed invoice only for the provider whose mandate is signed by the issue date', () => {
    expect(result.drafts.map((d) => d.key)).toEqual(['sessions:2026-11:CLEMENT']);
    const draft = result.drafts[0];
    expect(draft?.invoice.kind).toBe('autofacture');
    expect(draft?.invoice.seller.source).toEqual({ tab: 'providers', code: 'CLEMENT' });
    expect(draft?.invoice.buyer.source).toEqual({ tab: 'settings' });
    expect(draft?.invoice.servicePeriod).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(draft).toMatchObject({ direction: 'payable', providerCode: 'CLEMENT', termsDays: 30 });
    expect(draft?.invoice.lines.map((l) => l.vat)).toEqual(
      Array(4).fill({ category: 'E', ratePercent: '0', exemption: 'franchise' }),
    );
    expect(draft?.invoice.lines.map((l) => [l.quantity, l.unitPrice])).toEqual([
      ['1', '30'],
      ['1', '35'],
      ['0.5', '40'],
      ['1', '60'],
    ]);
    expect(draft?.invoice.lines[2]?.description).toBe(
      'Session de mentorat — Chloé — projet de niveau 2 — absence facturée 50\u00a0%',
    );
    expect(invoiceTotals(draft?.invoice ?? fail()).grandTotal.toFixed(2)).toBe('145.00');
    expect(draft?.origins.map((o) => o.id)).toEqual(['S1', 'S2', 'S3', 'S5']);
    expect(issueProblems(draft ?? fail())).toEqual([]);
  });

  it('makes payables: 30 days after approval (self-billing) or after the invoice is received', () => {
    expect(
      result.payables.map((p) => [p.kind, p.providerCode, p.amountTTC, p.due, p.draftKey ?? '']),
    ).toEqual([
      [
        'autofacture',
        'CLEMENT',
        '145.00',
        { from: 'approval', days: 30 },
        'sessions:2026-11:CLEMENT',
      ],
      ['appel', 'NGUYEN', '84.00', { from: 'receipt', days: 30 }, ''],
      ['appel', 'ROSSI', '60.00', { from: 'receipt', days: 30 }, ''],
    ]);
    const [self, call] = result.payables;
    expect(payableDueDate(self ?? fail(), { approvedOn: calendarDate('2026-12-10') })).toBe(
      '2027-01-09',
    );
    expect(payableDueDate(self ?? fail(), { contested: true })).toBeUndefined();
    expect(payableDueDate(self ?? fail())).toBeUndefined();
    expect(payableDueDate(call ?? fail(), { receivedOn: calendarDate('2026-12-12') })).toBe(
      '2027-01-11',
    );
    expect(call?.lines.map((l) => l.session?.student)).toEqual(['Eve', 'Fay']);
  });

  it('reports a session with no rate on its level cell, an unknown provider on its cell, and a month before the first billed at its date', () => {
    expect(result.problems.map((p) => [p.code, p.tab, p.cell, p.value, p.level])).toEqual([
      ['session-before-first-month', 'Sessions', 'B7', '2026-10-30', 'warning'],
      ['no-rate', 'Sessions', 'F10', '3', 'error'],
      ['unknown-provider', 'Sessions', 'C12', 'XAVIER', 'error'],
    ]);
    expect(result.unbilled.map((u) => [u.origin.id, u.reason])).toEqual([
      ['S6', 'before-first-month'],
      ['S9', 'problem'],
      ['S11', 'problem'],
    ]);
  });

  it.each([
    ['40', '16.00'],
    ['100', '40.00'],
  ])('bills no-shows at the settings share (%s %)', (share, amount) => {
    const r = mentoringBilling(input({ settings: settings({ noShowShare: share }) }));
    const line = r.billingCalls[0]?.lines.find((l) => l.origin.id === 'S3');
    expect(line?.amount).toBe(amount);
  });

  it('leaves no-shows out when their share is 0 %', () => {
    const r = mentoringBilling(input({ settings: settings({ noShowShare: '0' }) }));
    expect(r.billingCalls.flatMap((c) => c.lines.map((l) => l.origin.id))).not.toContain('S3');
    expect(r.unbilled.map((u) => u.origin.id)).not.toContain('S3');
  });

  it('a session the billing call covered is neither billed again nor reported; one typed after it is', () => {
    const billed = new Set(['S1', 'S2', 'S3', 'S5', 'S7', 'S8']);
    // ROSSI's call covered one session (S10): it stays quiet at every later run of the month.
    const covered = mentoringBilling(
      input({ billed, called: new Map([[billingCallKey('2026-11', 'ROSSI'), 1]]) }),
    );
    expect(covered.billingCalls).toEqual([]);
    expect(covered.unbilled.map((u) => u.origin.id)).not.toContain('S10');
    expect(covered.problems.filter((p) => p.code === 'session-after-billing-call')).toEqual([]);
  });

  it('a call that lists its sessions covers exactly those, whatever their row order', () => {
    const billed = new Set(['S1', 'S2', 'S3', 'S5', 'S7', 'S8']);
    const called = new Map([[billingCallKey('2026-11', 'ROSSI'), new Set(['S10'])]]);
    const again = mentoringBilling(input({ billed, called }));
    expect(again.billingCalls).toEqual([]);
    expect(again.drafts).toEqual([]);
    expect(again.payables).toEqual([]);
    // S6 is October, before the first month billed (2026-11): reported, not billed.
    expect(again.unbilled.map((u) => [u.origin.id, u.reason])).toEqual([
      ['S6', 'before-first-month'],
      ['S9', 'problem'],
      ['S11', 'problem'],
    ]);
  });

  it.each([
    // call made for ROSSI's November, covering: what the next run bills for November
    ['no session (an empty list of IDs is an older row: its count, 0)', 0, ['2026-11:ROSSI:2']],
    ['S10 by its ID', new Set(['S10']), []],
    ['one session by count (the first row of the month: S10)', 1, []],
  ])(
    'a session typed after its month was called goes on a supplementary call — %s',
    (_, cover, keys) => {
      const billed = new Set(['S1', 'S2', 'S3', 'S5', 'S7', 'S8']);
      const called = new Map([[billingCallKey('2026-11', 'ROSSI'), cover]]);
      const r = mentoringBilling(input({ billed, called }));
      expect(r.billingCalls.map((c) => c.key)).toEqual(keys);
      if (keys.length > 0) {
        // S10: soutenance level 1 = 50.00 HT; ROSSI is under the standard regime: VAT 10.00.
        expect(r.billingCalls[0]).toMatchObject({
          month: '2026-11',
          sessionsCount: 1,
          amountHT: '50.00',
          vat: '10.00',
          amountTTC: '60.00',
          payableKey: 'payable:sessions:2026-11:ROSSI:2',
        });
        expect(r.payables[0]?.sourceIds).toEqual(['S10']);
      }
    },
  );

  it('the supplement takes the next free number: :2 made, then :3', () => {
    const billed = new Set(['S1', 'S2', 'S3', 'S5', 'S7', 'S8']);
    const called = new Map<string, ReadonlySet<string>>([
      [billingCallKey('2026-11', 'ROSSI'), new Set()],
      [`${billingCallKey('2026-11', 'ROSSI')}:2`, new Set(['S99'])],
    ]);
    const r = mentoringBilling(input({ billed, called }));
    expect(r.billingCalls.map((c) => c.key)).toEqual(['2026-11:ROSSI:3']);
  });

  it('a late session of an earlier month is billed on its own call for that month, never mixed', () => {
    // October was called for CLEMENT (covering nothing left here); S6 (30 Oct) was typed after.
    const billed = new Set(['S1', 'S2', 'S3', 'S5', 'S7', 'S8', 'S10']);
    const called = new Map([
      [billingCallKey('2026-10', 'CLEMENT'), new Set(['S0'])],
      [billingCallKey('2026-11', 'ROSSI'), new Set(['S10'])],
    ]);
    const r = mentoringBilling(input({ billed, called }));
    // S6: mentorat level 1 on 30 October = 30.00 (the 35.00 rate starts 15 November).
    expect(r.billingCalls.map((c) => [c.key, c.month, c.amountHT])).toEqual([
      ['2026-10:CLEMENT:2', '2026-10', '30.00'],
    ]);
    // CLEMENT has a mandate: a self-billed invoice for October only.
    expect(r.drafts.map((d) => [d.key, d.invoice.servicePeriod])).toEqual([
      ['sessions:2026-10:CLEMENT:2', { start: '2026-10-01', end: '2026-10-31' }],
    ]);
  });

  it("an October session with no call yet for October is billed on October's own call", () => {
    const billed = new Set(['S1', 'S2', 'S3', 'S5', 'S7', 'S8', 'S10']);
    // The first month billed here is September: October and November are both billed.
    const called = new Map([[billingCallKey('2026-09', 'NGUYEN'), new Set(['S0'])]]);
    const r = mentoringBilling(input({ billed, called }));
    expect(r.billingCalls.map((c) => [c.key, c.amountHT])).toEqual([['2026-10:CLEMENT', '30.00']]);
  });

  it('sessions of a month not over yet wait', () => {
    const r = mentoringBilling(input({ month: '2026-10' as MonthKey }));
    // Only S6 (October) is billed; November's sessions are after the month billed.
    expect(r.billingCalls.map((c) => [c.providerCode, c.amountHT])).toEqual([['CLEMENT', '30.00']]);
  });
});

describe('the rate grid', () => {
  const grid = rateGrid(
    tab('rates', [
      { sessionType: 'mentorat', level: 1, rate: '30', validFrom: '2026-01-01' },
      { sessionType: 'mentorat', level: 1, rate: '35', validFrom: '2026-11-15' },
      { sessionType: 'mentorat', level: 1, rate: '36', validFrom: '2026-11-15' },
      { sessionType: 'soutenance', level: 1, rate: '50', validFrom: '2026-01-01' },
    ]),
  );

  it.each([
    ['mentorat', 1, '2025-12-31', undefined],
    ['mentorat', 1, '2026-01-01', '30'],
    ['mentorat', 1, '2026-11-14', '30'],
    ['mentorat', 1, '2026-11-15', '36'],
    ['mentorat', 2, '2026-11-15', undefined],
    ['soutenance', 1, '2026-11-15', '50'],
  ] as const)('%s level %i on %s: %s', (type, level, date, rate) => {
    expect(findRate(grid, type, level, date)?.rate).toBe(rate);
  });
});

function fail(): never {
  throw new Error('missing value');
}
