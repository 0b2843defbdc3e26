import { calendarDate } from '../../src/domain/dates';
import { Money } from '../../src/domain/money';
import { agencyFee, agencyFeeSetting } from '../../src/billing/agency';
import { billedKey } from '../../src/billing/billed';
import {
  depositDraftKey,
  depositPairOf,
  extraLineDrafts,
  type ExtrasInput,
} from '../../src/billing/extra-lines';
import {
  CLIENTS,
  PROVIDERS,
  amounts,
  company,
  directory,
  issueProblems,
  settings,
  tab,
  type Values,
} from './helpers';

const x = (
  date: string,
  client: string,
  provider: string | null,
  project: string | null,
  description: string,
  quantity: string,
  unitPrice: string,
  extra: Values = {},
): Values => ({
  date,
  client,
  provider,
  project,
  description,
  quantity,
  unitPrice,
  vatRate: '20',
  ...extra,
});

/** The demo workbook's Prestations (without its two deliberate mistakes). */
const DEMO: Values[] = [
  x('2026-11-03', 'LUMEN', 'NGUYEN', 'Refonte identité', 'Direction artistique', '6.5', '650', {
    unit: 'jours',
    lineKind: 'days',
  }),
  x('2026-11-10', 'LUMEN', 'ROSSI', 'Refonte identité', 'Maquettes site vitrine', '8', '412.5', {
    unit: 'jours',
    lineKind: 'days',
  }),
  x('2026-11-18', 'LUMEN', 'ROSSI', 'Refonte identité', 'Achat de droits photo', '1', '360', {
    unit: 'forfait',
    lineKind: 'rights',
  }),
  x('2026-11-20', 'ACME', null, 'Audit formation', 'Frais de déplacement', '1', '86.4', {
    unit: 'forfait',
    lineKind: 'expenses',
  }),
  x('2026-11-25', 'ACME', null, 'Audit formation', 'Audit des besoins', '2', '1150', {
    unit: 'jours',
    discount: '10',
    lineKind: 'days',
  }),
];

const input = (rows: Values[], overrides: Partial<ExtrasInput> = {}): ExtrasInput => ({
  extras: tab('extra-lines', rows, 'X'),
  clients: CLIENTS,
  providers: PROVIDERS,
  settings: settings({ agencyFee: '17' }),
  billed: new Set(),
  ...overrides,
});

describe('agency fee', () => {
  it.each([
    ['8300.00', '17', '1700.00', '10000.00'],
    ['7885.00', '17', '1615.00', '9500.00'],
    ['1000.00', '17', '204.82', '1204.82'],
    ['100.00', '20', '25.00', '125.00'],
    ['0.01', '17', '0.00', '0.01'],
    ['999.99', '12.5', '142.86', '1142.85'],
  ])('on %s at %s %: fee %s, total HT %s', (total, rate, fee, final) => {
    const f = agencyFee(Money.of(total), rate);
    expect(f.toFixed(2)).toBe(fee);
    expect(Money.of(total).plus(f).toFixed(2)).toBe(final);
  });

  it.each([
    ['', { on: false }],
    ['0', { on: false }],
    ['17', { on: true, percent: '17' }],
    ['100', { on: false, invalid: '100' }],
    ['-1', { on: false, invalid: '-1' }],
  ])('setting %j → %j', (text, expected) => {
    expect(agencyFeeSetting(text)).toEqual(expected);
  });
});

describe('extra lines and agency teams', () => {
  it('keeps one invoice per client for lines without provider, and puts a project team on one invoice with the fee', () => {
    const r = extraLineDrafts(input(DEMO));
    expect(r.drafts.map((d) => [d.key, d.buyerCode, d.origins.map(billedKey)])).toEqual([
      ['extra-lines:ACME:2026-11', 'ACME', ['X4', 'X5']],
      [
        'extra-lines:agency:LUMEN:refonteidentite:2026-11',
        'LUMEN',
        ['X1', 'X2', 'X3', 'X1#agency-fee'],
      ],
    ]);
    expect(amounts(r.drafts[0] ?? fail())).toMatchObject({
      ht: '2156.40',
      vat: '431.28',
      ttc: '2587.68',
    });
    const lumen = r.drafts[1] ?? fail();
    expect(amounts(lumen)).toEqual({
      nets: ['4225.00', '3300.00', '360.00', '1615.00'],
      ht: '9500.00',
      vat: '1900.00',
      ttc: '11400.00',
    });
    expect(lumen.invoice.lines[3]).toMatchObject({
      description: 'Refonte identité — Agency fee (17% of the final amount before VAT)',
      quantity: '1',
      unitPrice: '1615.00',
      vat: { category: 'S', ratePercent: '20' },
    });
    expect(lumen.invoice.seller.source).toEqual({ tab: 'settings' });
    expect(lumen.project).toBe('Refonte identité');
    expect(issueProblems(lumen)).toEqual([]);
  });

  it('gives each provider a payable for its own lines', () => {
    const r = extraLineDrafts(input(DEMO));
    expect(
      r.payables.map((p) => [
        p.kind,
        p.providerCode,
        p.amountHT,
        p.vat,
        p.amountTTC,
        p.sourceIds,
        p.due,
      ]),
    ).toEqual([
      [
        'agency-share',
        'NGUYEN',
        '4225.00',
        '845.00',
        '5070.00',
        ['X1'],
        { from: 'receipt', days: 30 },
      ],
      [
        'agency-share',
        'ROSSI',
        '3660.00',
        '732.00',
        '4392.00',
        ['X2', 'X3'],
        { from: 'receipt', days: 30 },
      ],
    ]);
    expect(r.payables[0]?.draftKey).toBe('extra-lines:agency:LUMEN:refonteidentite:2026-11');
  });

  it('makes the fee 17 % of the final amount: 8 300 € of providers → 1 700 € fee, 10 000 € HT', () => {
    const r = extraLineDrafts(
      input([
        x('2026-11-02', 'ACME', 'NGUYEN', 'Site', 'Développement', '10', '500'),
        x('2026-11-03', 'ACME', 'DURAND', 'Site', 'Graphisme', '6', '550'),
      ]),
    );
    expect(amounts(r.drafts[0] ?? fail())).toMatchObject({
      nets: ['5000.00', '3300.00', '1700.00'],
      ht: '10000.00',
    });
    expect(r.payables.map((p) => [p.providerCode, p.amountHT, p.vat])).toEqual([
      ['DURAND', '3300.00', '0.00'],
      ['NGUYEN', '5000.00', '1000.00'],
    ]);
  });

  it('puts each project of a client on its own agency invoice', () => {
    const r = extraLineDrafts(
      input([
        x('2026-11-02', 'ACME', 'NGUYEN', 'Site', 'Dev', '1', '830'),
        x('2026-11-03', 'ACME', 'ROSSI', 'Logo', 'Logo', '1', '830'),
        x('2026-11-04', 'ACME', 'ROSSI', 'site', 'Recette', '1', '830'),
      ]),
    );
    expect(r.drafts.map((d) => [d.key, amounts(d).ht])).toEqual([
      ['extra-lines:agency:ACME:logo:2026-11', '1000.00'],
      ['extra-lines:agency:ACME:site:2026-11', '2000.00'],
    ]);
  });

  it('keeps the current behaviour without an agency fee: one invoice per client, no payables', () => {
    const r = extraLineDrafts(input(DEMO, { settings: settings({ agencyFee: '' }) }));
    expect(r.drafts.map((d) => [d.key, amounts(d).ht])).toEqual([
      ['extra-lines:ACME:2026-11', '2156.40'],
      ['extra-lines:LUMEN:2026-11', '7885.00'],
    ]);
    expect(r.payables).toEqual([]);
  });

  it('reports an unknown provider of an agency line on its cell', () => {
    const r = extraLineDrafts(input([x('2026-11-02', 'ACME', 'ZED', 'Site', 'Dev', '1', '100')]));
    expect(r.problems.map((p) => [p.code, p.tab, p.cell, p.value])).toEqual([
      ['unknown-provider', 'Prestations', 'D2', 'ZED'],
    ]);
    expect(r.unbilled.map((u) => [u.origin.id, u.reason])).toEqual([['X1', 'problem']]);
  });

  it('bills nothing twice', () => {
    const first = extraLineDrafts(input(DEMO));
    const billed = new Set(first.drafts.flatMap((d) => d.origins.map(billedKey)));
    const again = extraLineDrafts(input(DEMO, { billed }));
    expect([again.drafts, again.payables, again.problems]).toEqual([[], [], []]);
  });
});

describe('deposits and balances', () => {
  const rows = [
    x('2026-10-01', 'ACME', null, 'Site web', 'Acompte 30 % — site web', '1', '3000', {
      stage: 'deposit',
    }),
    x('2026-11-28', 'ACME', null, 'Site web', 'Site web vitrine', '1', '10000', {
      stage: 'balance',
    }),
  ];
  const noFee = settings({ agencyFee: '' });

  it('issues the deposit first and holds the balance until it is issued', () => {
    const r = extraLineDrafts(input(rows, { settings: noFee }));
    expect(r.drafts.map((d) => [d.key, d.invoice.kind, amounts(d).ht, amounts(d).ttc])).toEqual([
      [depositDraftKey('ACME', 'Site web'), 'acompte', '3000.00', '3600.00'],
    ]);
    expect(r.drafts[0]?.key).toBe('extra-lines:deposit:ACME:siteweb');
    expect(r.unbilled.map((u) => [u.origin.id, u.reason])).toEqual([['X2', 'awaiting-deposit']]);
    expect(issueProblems(r.drafts[0] ?? fail())).toEqual([]);
  });

  it('deducts the deposits already invoiced from the balance invoice', () => {
    const pair = depositPairOf(depositDraftKey('ACME', 'Site web')) ?? fail();
    expect(pair).toEqual({ buyerCode: 'ACME', project: 'siteweb' });
    const r = extraLineDrafts(
      input(rows, {
        settings: noFee,
        billed: new Set(['X1']),
        issuedDeposits: [
          {
            number: 'FA-2026-00007',
            issueDate: calendarDate('2026-10-02'),
            ...pair,
            // 3 000,00 HT + 20 % VAT.
            amountTTC: '3600.00',
            vat: '600.00',
          },
        ],
      }),
    );
    const balance = r.drafts[0] ?? fail();
    expect(balance.key).toBe('extra-lines:balance:ACME:siteweb');
    expect(balance.invoice.kind).toBe('facture');
    expect(balance.invoice.prepaidAmount).toBe('3600.00');
    expect(amounts(balance)).toMatchObject({ ht: '10000.00', ttc: '12000.00' });
    expect(balance.invoice.notes).toEqual([
      'Acompte facturé FA-2026-00007 du 02/10/2026, déduit\u00a0: 3\u202f600,00\u00a0€ TTC dont TVA 600,00\u00a0€',
    ]);
    expect(balance.deposits?.map((d) => d.number)).toEqual(['FA-2026-00007']);
    expect(issueProblems(balance)).toEqual([]);
  });

  it('refuses a balance with no deposit, naming its stage cell', () => {
    const r = extraLineDrafts(input([rows[1] ?? fail()], { settings: noFee }));
    expect(r.drafts).toEqual([]);
    expect(r.problems.map((p) => [p.code, p.cell])).toEqual([['balance-without-deposit', 'M2']]);
  });

  it('refuses deposits larger than the balance invoice', () => {
    const r = extraLineDrafts(
      input(rows, {
        settings: noFee,
        billed: new Set(['X1']),
        issuedDeposits: [
          {
            number: 'FA-1',
            issueDate: calendarDate('2026-10-02'),
            buyerCode: 'ACME',
            project: 'Site web',
            amountTTC: '15000.00',
          },
        ],
      }),
    );
    expect(r.drafts).toEqual([]);
    expect(r.problems.map((p) => p.code)).toEqual(['deposit-exceeds-balance']);
  });

  it('applies the agency fee and payables to a team balance, not to the deposit', () => {
    const team = [
      x('2026-10-01', 'ACME', null, 'Site web', 'Acompte', '1', '3000', { stage: 'deposit' }),
      x('2026-11-28', 'ACME', 'NGUYEN', 'Site web', 'Développement', '1', '8300', {
        stage: 'balance',
      }),
    ];
    const deposit = extraLineDrafts(input(team));
    expect(deposit.drafts.map((d) => amounts(d).nets)).toEqual([['3000.00']]);
    expect(deposit.payables).toEqual([]);
    const balance = extraLineDrafts(
      input(team, {
        billed: new Set(['X1']),
        issuedDeposits: [
          {
            number: 'FA-1',
            issueDate: calendarDate('2026-10-02'),
            buyerCode: 'ACME',
            project: 'site web',
            amountTTC: '3600.00',
          },
        ],
      }),
    );
    expect(amounts(balance.drafts[0] ?? fail())).toMatchObject({
      nets: ['8300.00', '1700.00'],
      ttc: '12000.00',
    });
    expect(balance.payables.map((p) => [p.providerCode, p.amountHT])).toEqual([
      ['NGUYEN', '8300.00'],
    ]);
  });
});

function fail(): never {
  throw new Error('missing value');
}

describe('a monthly invoice covers its period only', () => {
  // Run of 5 December: the period billed ends on 30 November.
  const periodEnd = calendarDate('2026-11-30');
  const rows: Values[] = [
    x('2026-10-30', 'ACME', null, 'Audit', 'Typed late for October', '1', '100'), // X1
    x('2026-11-20', 'ACME', null, 'Audit', 'November', '2', '50'), // X2
    x('2026-11-30', 'ACME', null, 'Audit', 'Last day of November', '1', '10'), // X3
    x('2026-12-01', 'ACME', null, 'Audit', 'First day of December', '1', '999'), // X4
    x('2026-12-03', 'LUMEN', 'ROSSI', 'Site', 'December team work', '1', '500'), // X5
    x('2026-12-03', 'ACME', null, 'Chantier', 'Deposit asked in December', '1', '300', {
      stage: 'deposit',
    }), // X6
  ];

  it.each([
    // line, where it goes on 5 December
    ['X1', 'extra-lines:ACME:2026-10'],
    ['X2', 'extra-lines:ACME:2026-11'],
    ['X3', 'extra-lines:ACME:2026-11'],
    ['X4', 'waits (month-open)'],
    ['X5', 'waits (month-open)'],
    ['X6', depositDraftKey('ACME', 'Chantier')],
  ])('%s → %s', (id, where) => {
    const r = extraLineDrafts(input(rows, { periodEnd }));
    const draft = r.drafts.find((d) => d.origins.some((o) => o.id === id));
    const waiting = r.unbilled.find((u) => u.origin.id === id);
    expect(draft?.key ?? `waits (${waiting?.reason ?? 'nowhere'})`).toBe(where);
  });

  it('each month gets its own invoice with its own period and amounts', () => {
    const r = extraLineDrafts(input(rows, { periodEnd }));
    // October: 1 × 100 = 100.00 HT + 20.00 VAT; November: 2 × 50 + 1 × 10 = 110.00 HT + 22.00.
    expect(
      r.drafts
        .filter((d) => d.key.startsWith('extra-lines:ACME:'))
        .map((d) => [d.key, d.invoice.serviceDate ?? d.invoice.servicePeriod, amounts(d)]),
    ).toEqual([
      [
        'extra-lines:ACME:2026-10',
        '2026-10-30',
        { nets: ['100.00'], ht: '100.00', vat: '20.00', ttc: '120.00' },
      ],
      [
        'extra-lines:ACME:2026-11',
        { start: '2026-11-20', end: '2026-11-30' },
        { nets: ['100.00', '10.00'], ht: '110.00', vat: '22.00', ttc: '132.00' },
      ],
    ]);
  });

  it("the December lines go on December's invoice at the run of 5 January", () => {
    const r = extraLineDrafts(
      input(rows, {
        periodEnd: calendarDate('2026-12-31'),
        billed: new Set(['X1', 'X2', 'X3', 'X6']),
      }),
    );
    expect(r.drafts.map((d) => d.key)).toEqual([
      'extra-lines:ACME:2026-12',
      'extra-lines:agency:LUMEN:site:2026-12',
    ]);
    expect(r.unbilled).toEqual([]);
  });
});

describe("a client's own agency fee and its business introducer", () => {
  // Two providers' lines for the client: 6 000,00 + 2 300,00 = 8 300,00 HT.
  const rows: Values[] = [
    x('2026-11-03', 'LUMEN', 'NGUYEN', 'Site', 'Direction artistique', '10', '600'),
    x('2026-11-10', 'LUMEN', 'ROSSI', 'Site', 'Maquettes', '4', '575'),
  ];
  const clients = (extra: Values) =>
    directory('clients', [company('LUMEN', 'Studio Lumen', { language: 'en', ...extra })]);

  it.each([
    // client's rate, fee on 8 300,00 (fee = P × r / (1 − r)), final HT
    [null, '1700.00', '10000.00'], // the setting's 17 %: 8 300 × 0,17 / 0,83
    ['12', '1131.82', '9431.82'], // 8 300 × 0,12 / 0,88 = 1 131,818…
    ['20', '2075.00', '10375.00'], // 8 300 × 0,2 / 0,8
  ])('client rate %j: fee %s, total HT %s', (rate, fee, total) => {
    const r = extraLineDrafts(input(rows, { clients: clients({ agencyFee: rate }) }));
    const d = r.drafts[0] ?? fail();
    expect(amounts(d).nets[2]).toBe(fee);
    expect(amounts(d).ht).toBe(total);
  });

  it.each([
    // introducer's share of the 1 700,00 fee; NGUYEN is under the standard regime (20 % VAT)
    ['6', '102.00', '20.40'],
    ['14', '238.00', '47.60'],
    ['20', '340.00', '68.00'],
  ])(
    'an introducer at %s %% earns %s HT of the fee (+ %s VAT), a payable due on its invoice',
    (share, ht, vat) => {
      const r = extraLineDrafts(
        input(rows, { clients: clients({ introducer: 'NGUYEN', introducerRebate: share }) }),
      );
      const p = r.payables.find((x) => x.kind === 'introducer');
      expect(p).toMatchObject({
        providerCode: 'NGUYEN',
        amountHT: ht,
        vat,
        draftKey: r.drafts[0]?.key,
        due: { from: 'receipt', days: 30 },
      });
    },
  );

  it('reports an unknown introducer or a share out of range at the client cell, and bills the invoice all the same', () => {
    const cell = (row: { row: number }, key: string) => `${key}@${row.row}`;
    const unknown = extraLineDrafts(
      input(rows, {
        clients: clients({ introducer: 'NOBODY', introducerRebate: '6' }),
        clientsSheet: 'Clients',
        clientCell: cell,
      }),
    );
    expect(unknown.problems.map((p) => [p.code, p.cell, p.value])).toEqual([
      ['unknown-provider', 'introducer@2', 'NOBODY'],
    ]);
    expect(unknown.drafts).toHaveLength(1);
    const bad = extraLineDrafts(
      input(rows, {
        clients: clients({ introducer: 'NGUYEN', introducerRebate: '0' }),
        clientCell: cell,
      }),
    );
    expect(bad.problems.map((p) => [p.code, p.cell])).toEqual([
      ['bad-introducer-share', 'introducerRebate@2'],
    ]);
    expect(bad.payables.some((p) => p.kind === 'introducer')).toBe(false);
  });
});
