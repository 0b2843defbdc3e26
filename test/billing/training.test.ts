import { calendarDate } from '../../src/domain/dates';
import { trainingDrafts, type TrainingInput } from '../../src/billing/training';
import { parseCoverage } from '../../src/billing/coverage';
import { billedKey } from '../../src/billing/billed';
import { CLIENTS, amounts, issueProblems, settings, tab, type Values } from './helpers';

const TRAININGS = tab(
  'trainings',
  [
    {
      session: 'S-INTER',
      product: 'MV-01',
      label: 'Management visuel',
      start: '2026-11-16',
      end: '2026-11-17',
      hours: '14',
      location: 'Lyon',
      trainer: 'Anne Roy',
      status: 'finished',
    },
    {
      session: 'S-CONS',
      product: 'EX-02',
      label: 'Excel avancé',
      start: '2026-11-20',
      end: '2026-11-20',
      hours: '7',
      location: 'Vienne',
      trainer: 'Paul Blanc',
      status: 'finished',
    },
    {
      session: 'S-PLAN',
      label: 'Sécurité',
      start: '2026-12-20',
      end: '2026-12-21',
      hours: '14',
      status: 'planned',
    },
  ],
  'F',
);

const e = (
  session: string,
  learner: string,
  sponsor: string,
  financer: string | null,
  unitPrice: string,
  extra: Values = {},
): Values => ({
  session,
  learner,
  sponsor,
  financer,
  unit: 'learner',
  quantity: '1',
  unitPrice,
  ...extra,
});

const input = (rows: Values[], overrides: Partial<TrainingInput> = {}): TrainingInput => ({
  trainings: TRAININGS,
  enrolments: tab('enrolments', rows, 'E'),
  clients: CLIENTS,
  settings: settings(),
  billed: new Set(),
  today: calendarDate('2026-12-05'),
  ...overrides,
});

const summary = (r: ReturnType<typeof trainingDrafts>) =>
  r.drafts.map((d) => [d.key, d.buyerCode, amounts(d).ht, d.origins.map(billedKey)]);

/** An inter-company session: two sponsors, one financer. */
const INTER: Values[] = [
  e('S-INTER', 'Léa', 'VERDI', 'OPCO', '1200'),
  e('S-INTER', 'Marc', 'VERDI', 'OPCO', '1200'),
  e('S-INTER', 'Nina', 'BRIO', 'OPCO', '1200', { discount: '10' }),
];

/** Formatted text with plain spaces (amounts use no-break ones). */
const plain = (s: string | undefined): string => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('training sessions → invoices per financer', () => {
  it.each([
    [
      'per-sponsor',
      [
        ['training:session:S-INTER:OPCO:BRIO', 'OPCO', '1080.00', ['E3#financer']],
        ['training:session:S-INTER:OPCO:VERDI', 'OPCO', '2400.00', ['E1#financer', 'E2#financer']],
      ],
    ],
    [
      'consolidated',
      [
        [
          'training:session:S-INTER:OPCO',
          'OPCO',
          '3480.00',
          ['E3#financer', 'E1#financer', 'E2#financer'],
        ],
      ],
    ],
  ])('inter-company session, mode %s', (mode, expected) => {
    const r = trainingDrafts(input(INTER, { settings: settings({ trainingBillingMode: mode }) }));
    expect(summary(r)).toEqual(expected);
    expect(r.problems).toEqual([]);
  });

  it.each([
    // financer, default mode, expected invoices to it
    ['OPCOCONS', 'per-sponsor', 1],
    ['OPCO', 'per-sponsor', 2],
    ['OPCO', 'consolidated', 1],
  ])("the financer's own mode (%s) beats the default (%s)", (financer, mode, count) => {
    const rows = INTER.map((r) => ({ ...r, financer }));
    const r = trainingDrafts(input(rows, { settings: settings({ trainingBillingMode: mode }) }));
    expect(r.drafts.filter((d) => d.buyerCode === financer)).toHaveLength(count);
  });

  it("generates nothing for a financer in mode 'none', unless a menu action asks", () => {
    const rows = INTER.map((r) => ({ ...r, financer: 'FT' }));
    const auto = trainingDrafts(
      input(rows, { settings: settings({ trainingBillingMode: 'consolidated' }) }),
    );
    expect(auto.drafts).toEqual([]);
    expect(auto.unbilled.map((u) => [u.origin.id, u.reason])).toEqual([
      ['E1', 'manual-billing'],
      ['E2', 'manual-billing'],
      ['E3', 'manual-billing'],
    ]);
    const manual = trainingDrafts(input(rows, { manualSessions: new Set(['S-INTER']) }));
    expect(summary(manual).map((s) => s[0])).toEqual([
      'training:session:S-INTER:FT:BRIO',
      'training:session:S-INTER:FT:VERDI',
    ]);
  });

  it.each([
    // coverage, hours attended, financer HT, sponsor HT
    ['70 %', null, '700.00', '300.00'],
    ['70%', null, '700.00', '300.00'],
    ['0,7', null, '700.00', '300.00'],
    ['700', null, '700.00', '300.00'],
    ['1 500 €', null, '1000.00', null],
    [null, null, '1000.00', null],
    ['0 %', null, null, '1000.00'],
    [null, '10', '714.29', '285.71'],
    ['70 %', '10', '500.00', '500.00'],
    ['500', '7', '500.00', '500.00'],
    [null, '0', null, '1000.00'],
  ])(
    'coverage %j with %j hours attended of 14: financer %s, sponsor %s',
    (coverage, hours, fin, spo) => {
      const r = trainingDrafts(
        input([e('S-INTER', 'Léa', 'ACME', 'OPCO', '1000', { coverage, hoursAttended: hours })]),
      );
      const of = (code: string) => r.drafts.find((d) => d.buyerCode === code);
      expect(of('OPCO') ? amounts(of('OPCO') ?? fail()).ht : null).toBe(fin);
      expect(of('ACME') ? amounts(of('ACME') ?? fail()).ht : null).toBe(spo);
      const total = r.drafts.reduce((sum, d) => sum + Number(amounts(d).ht), 0);
      expect(total).toBeCloseTo(1000, 10);
    },
  );

  it('shows on each line the sponsor figures and the financer share (70 % coverage)', () => {
    const r = trainingDrafts(
      input([e('S-INTER', 'Léa', 'ACME', 'OPCO', '1000', { coverage: '70 %' })]),
    );
    const [sponsorDraft, financerDraft] = [...r.drafts].sort((a, b) =>
      a.buyerCode.localeCompare(b.buyerCode),
    );
    expect(financerDraft?.invoice.lines[0]).toMatchObject({
      quantity: '1',
      unit: 'forfait',
      unitPrice: '700.00',
      vat: { category: 'S', ratePercent: '20' },
    });
    // 70 % of 1 learner at 1 000,00 € HT = 700,00.
    expect(plain(financerDraft?.invoice.lines[0]?.description)).toBe(
      'S-INTER — Management visuel (MV-01) — ACME Industries — Léa — prise en charge 70 % de 1 apprenant × 1 000,00 €',
    );
    expect(financerDraft?.training?.lines[0]).toEqual({
      sessionRef: 'S-INTER',
      productRef: 'MV-01',
      productLabel: 'Management visuel',
      sponsorCode: 'ACME',
      sponsorName: 'ACME Industries',
      learner: 'Léa',
      learnersCount: '1',
      unit: 'learner',
      unitLabel: 'apprenant',
      quantity: '1',
      unitPrice: '1000',
      discountPercent: '0',
      sponsorTotalHT: '1000.00',
      sponsorTotalTTC: '1200.00',
      financerShareHT: '700.00',
      financerShareTTC: '840.00',
      billed: 'financer',
    });
    expect(financerDraft).toMatchObject({ financerCode: 'OPCO', sponsorCodes: ['ACME'] });
    expect(plain(sponsorDraft?.invoice.lines[0]?.description)).toBe(
      'S-INTER — Management visuel (MV-01) — ACME Industries — Léa — reste à charge après la prise en charge de 70 % par OPCO Atlas (1 apprenant × 1 000,00 €)',
    );
    expect(sponsorDraft?.origins[0]).toMatchObject({ id: 'E1', part: 'sponsor' });
    expect(sponsorDraft?.financerCode).toBeUndefined();
  });

  it.each([
    // coverage, the financer's invoice: the session total (whole) and what it bills
    // 3 jours × 420,00 = 1 260,00 HT per learner, 2 learners = 2 520,00.
    ['70 %', '2520.00', '1764.00'], // 70 % × 1 260 = 882 × 2
    ['100 %', '2520.00', '2520.00'],
    ['50 %', '2520.00', '1260.00'],
  ])(
    '"total de la session" is the session\'s total whatever the share billed (%s)',
    (coverage, total, billed) => {
      const rows = ['Léa', 'Marc'].map((l) =>
        e('S-INTER', l, 'VERDI', 'OPCO', '420', { unit: 'jour', quantity: '3', coverage }),
      );
      const r = trainingDrafts(input(rows));
      const financer = r.drafts.find((d) => d.buyerCode === 'OPCO');
      expect(financer?.training?.sessions.map((b) => [b.totalHT, b.billedHT])).toEqual([
        [total, billed],
      ]);
    },
  );

  it("hours not attended are the sponsor's own line; the agreement number is on the financer's invoice", () => {
    // 14 h session, 7 h attended: 1 200,00 HT → attended half 600,00, of which OPCO 70 % = 420,00;
    // the sponsor pays 180,00 of the attended half and the 600,00 not attended.
    const r = trainingDrafts(
      input([
        e('S-INTER', 'Léa', 'VERDI', 'OPCO', '1200', {
          coverage: '70 %',
          hoursAttended: '7',
          agreementNumber: 'PEC-2026-0042',
        }),
      ]),
    );
    const financer = r.drafts.find((d) => d.buyerCode === 'OPCO');
    const sponsor = r.drafts.find((d) => d.buyerCode === 'VERDI');
    expect(financer?.invoice.lines.map((l) => l.unitPrice)).toEqual(['420.00']);
    expect(financer?.invoice.lines[0]?.description).toContain(
      'n° de prise en charge PEC-2026-0042',
    );
    expect(sponsor?.invoice.lines.map((l) => l.unitPrice)).toEqual(['180.00', '600.00']);
    expect(sponsor?.invoice.lines[1]?.description).toContain('7 h non suivies sur 14 h');
    expect(sponsor?.invoice.lines[0]?.description).not.toContain('n° de prise en charge');
    expect(sponsor?.origins.map((o) => [o.id, o.part])).toEqual([
      ['E1', 'sponsor'],
      ['E1', 'sponsor'],
    ]);
    expect(sponsor?.training?.lines).toHaveLength(2);
    // One learner, counted once though she is on two lines.
    expect(sponsor?.training?.sessions.map((b) => [b.learnersCount, b.learners])).toEqual([
      ['1', ['Léa']],
    ]);
  });

  it('describes each session block: product, duration, period, place, trainer, learners, unit, total', () => {
    const r = trainingDrafts(
      input(INTER, { settings: settings({ trainingBillingMode: 'consolidated' }) }),
    );
    expect(r.drafts[0]?.training?.sessions).toEqual([
      {
        sessionRef: 'S-INTER',
        productRef: 'MV-01',
        productLabel: 'Management visuel',
        hours: '14',
        start: '2026-11-16',
        end: '2026-11-17',
        location: 'Lyon',
        trainer: 'Anne Roy',
        sponsorCode: 'BRIO',
        sponsorName: 'Brioche SARL',
        learners: ['Nina'],
        learnersCount: '1',
        unitLabels: ['apprenant'],
        totalHT: '1080.00',
        billedHT: '1080.00',
      },
      expect.objectContaining({
        sponsorCode: 'VERDI',
        learners: ['Léa', 'Marc'],
        learnersCount: '2',
        totalHT: '2400.00',
      }),
    ]);
    expect(r.drafts[0]?.sponsorCodes).toEqual(['BRIO', 'VERDI']);
    expect(r.drafts[0]?.invoice.servicePeriod).toEqual({ start: '2026-11-16', end: '2026-11-17' });
  });

  it('bills an enrolment without financer to its sponsor, with its purchase order', () => {
    const r = trainingDrafts(
      input([e('S-CONS', 'Groupe', 'BRIO', null, '500', { quantity: '2', discount: '5' })]),
    );
    expect(summary(r)).toEqual([['training:session:S-CONS:BRIO', 'BRIO', '950.00', ['E1']]]);
    expect(r.drafts[0]?.invoice.lines[0]).toMatchObject({
      quantity: '2',
      unitPrice: '500',
      discountPercent: '5',
    });
    expect(r.drafts[0]?.invoice.purchaseOrderReference).toBe('BC-118');
    expect(r.drafts[0]?.training?.sessions[0]?.learnersCount).toBe('2');
  });

  it.each([
    // regime, enrolment VAT rate, expected line VAT, HT, TTC
    [
      'exempt-training',
      null,
      { category: 'E', ratePercent: '0', exemption: 'formation' },
      '1000.00',
      '1000.00',
    ],
    [
      'exempt-training',
      '20',
      { category: 'E', ratePercent: '0', exemption: 'formation' },
      '1000.00',
      '1000.00',
    ],
    ['standard', null, { category: 'S', ratePercent: '20' }, '1000.00', '1200.00'],
    ['standard', '5.5', { category: 'S', ratePercent: '5.5' }, '1000.00', '1055.00'],
  ])('VAT: regime %s, enrolment rate %j', (vatRegime, vatRate, vat, ht, ttc) => {
    const r = trainingDrafts(
      input([e('S-CONS', 'Léa', 'ACME', null, '1000', { vatRate })], {
        settings: settings({ vatRegime }),
      }),
    );
    const d = r.drafts[0] ?? fail();
    expect(d.invoice.lines[0]?.vat).toEqual(vat);
    expect([amounts(d).ht, amounts(d).ttc]).toEqual([ht, ttc]);
    expect(issueProblems(d)).toEqual([]);
  });

  describe('periodic invoicing (monthly)', () => {
    const rows = [
      e('S-INTER', 'Léa', 'VERDI', 'OPCO', '1200'),
      e('S-CONS', 'Marc', 'VERDI', 'OPCO', '600'),
      e('S-CONS', 'Nina', 'BRIO', 'OPCO', '600'),
    ];
    const monthly = settings({ periodicTraining: 'monthly' });

    it("groups a month's finished sessions by the same key, once the month is over", () => {
      const r = trainingDrafts(input(rows, { settings: monthly }));
      expect(summary(r)).toEqual([
        ['training:month:2026-11:OPCO:BRIO', 'OPCO', '600.00', ['E3#financer']],
        ['training:month:2026-11:OPCO:VERDI', 'OPCO', '1800.00', ['E1#financer', 'E2#financer']],
      ]);
      expect(r.drafts.every((d) => d.invoice.periodic === true)).toBe(true);
      expect(r.drafts[1]?.invoice.servicePeriod).toEqual({
        start: '2026-11-16',
        end: '2026-11-20',
      });
      expect(r.drafts[1]?.training?.sessions.map((s) => s.sessionRef)).toEqual([
        'S-INTER',
        'S-CONS',
      ]);
    });

    it('holds the sessions of a month not over yet', () => {
      const r = trainingDrafts(
        input(rows, { settings: monthly, today: calendarDate('2026-11-30') }),
      );
      expect(r.drafts).toEqual([]);
      expect(r.unbilled.map((u) => u.reason)).toEqual(['month-open', 'month-open', 'month-open']);
    });
  });

  it('bills only finished sessions, and nothing twice', () => {
    const rows = [...INTER, e('S-PLAN', 'Zoé', 'VERDI', 'OPCO', '900')];
    const first = trainingDrafts(input(rows));
    expect(first.drafts.flatMap((d) => d.origins.map((o) => o.id))).not.toContain('E4');
    const billed = new Set(['E1', 'E3']);
    expect(summary(trainingDrafts(input(rows, { billed })))).toEqual([
      ['training:session:S-INTER:OPCO:VERDI', 'OPCO', '1200.00', ['E2#financer']],
    ]);
  });

  it('bills the other part of a split enrolment when one part is already issued', () => {
    const rows = [e('S-INTER', 'Léa', 'ACME', 'OPCO', '1000', { coverage: '70 %' })];
    const r = trainingDrafts(input(rows, { billed: new Set(['E1#financer']) }));
    expect(summary(r)).toEqual([
      ['training:session:S-INTER:ACME', 'ACME', '300.00', ['E1#sponsor']],
    ]);
    const gone = trainingDrafts(
      input([{ ...rows[0], financer: null }], { billed: new Set(['E1#financer']) }),
    );
    expect(gone.drafts).toEqual([]);
    expect(gone.problems.map((p) => [p.code, p.cell])).toEqual([
      ['enrolment-changed-after-issue', 'E2'],
    ]);
  });

  it('reports what cannot be billed on its cell', () => {
    const r = trainingDrafts(
      input([
        e('S-NONE', 'Léa', 'ACME', null, '100'),
        e('S-INTER', 'Léa', 'ZORG', null, '100'),
        e('S-INTER', 'Léa', 'ACME', 'ZORG', '100'),
        e('S-INTER', 'Léa', 'ACME', 'OPCO', '100', { coverage: 'beaucoup' }),
        e('S-INTER', 'Léa', 'ACME', 'OPCO', '100', { hoursAttended: '20' }),
        e('S-INTER', 'Léa', 'ACME', 'OPCO', '100', { coverage: '1' }),
        e('S-INTER', 'Léa', 'ACME', 'OPCO', '100', { discount: '120' }),
      ]),
    );
    expect(r.problems.map((p) => [p.code, p.tab, p.cell])).toEqual([
      ['unknown-session', 'Inscriptions', 'B2'],
      ['unknown-client', 'Inscriptions', 'D3'],
      ['unknown-client', 'Inscriptions', 'E4'],
      ['bad-coverage', 'Inscriptions', 'J5'],
      ['bad-hours', 'Inscriptions', 'L6'],
      ['bad-coverage', 'Inscriptions', 'J7'],
      ['bad-discount', 'Inscriptions', 'I8'],
    ]);
    expect(r.drafts).toEqual([]);
  });
});

describe('parseCoverage', () => {
  it.each([
    ['', { percent: '100' }],
    ['70 %', { percent: '70' }],
    ['12,5%', { percent: '12.5' }],
    ['0.7', { percent: '70' }],
  ])('%j → %j', (raw, share) => {
    expect(parseCoverage(raw)).toEqual({ ok: true, share });
  });

  it.each([
    ['700', '700'],
    ['1 250,50 €', '1250.5'],
  ])('%j → amount %s', (raw, amount) => {
    const r = parseCoverage(raw);
    expect(r.ok && 'amount' in r.share ? r.share.amount.toString() : '').toBe(amount);
  });

  it.each(['120 %', '-5', '1', 'abc', '10.001'])('refuses %j', (raw) => {
    expect(parseCoverage(raw).ok).toBe(false);
  });
});

function fail(): never {
  throw new Error('missing value');
}
