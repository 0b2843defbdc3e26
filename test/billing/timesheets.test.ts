import { timesheetBilling, type TimesheetInput } from '../../src/billing/timesheets';
import {
  CLIENTS,
  PROVIDERS,
  amounts,
  directory,
  issueProblems,
  settings,
  tab,
  type Values,
} from './helpers';

const cra = (
  provider: string,
  client: string,
  mission: string,
  days: string,
  dailyRate: string,
  status: string,
  validatedOn: string | null,
  month = '2026-11',
): Values => ({ month, provider, client, mission, days, dailyRate, status, validatedOn });

const ROWS: Values[] = [
  cra('NGUYEN', 'ACME', 'Refonte SI', '18.5', '600', 'validated', '2026-12-02'), // T1
  cra('DURAND', 'acme', 'Refonte SI', '10', '500', 'validated', '2026-12-03'), // T2
  cra('ROSSI', 'ACME', 'Audit', '4', '700', 'validated', '2026-12-01'), // T3
  cra('NGUYEN', 'LUMEN', 'Refonte SI', '2.5', '640', 'submitted', null), // T4
  cra('NGUYEN', 'LUMEN', 'Refonte SI', '3', '640', 'draft', null), // T5
  cra('NGUYEN', 'LUMEN', 'Refonte SI', '3', '640', 'rejected', null), // T6
  cra('NGUYEN', 'ACME', 'Refonte SI', '3', '600', 'validated', '2026-11-03', '2026-10'), // T7
  cra('MARTIN', 'ACME', 'Audit', '1', '500', 'validated', '2026-12-01'), // T8
  cra('NGUYEN', 'ACME', 'Audit', '1', '500', 'validated', null), // T9
  cra('NGUYEN', 'ZORG', 'Audit', '1', '500', 'validated', '2026-12-01'), // T10
];

const input = (rows = ROWS, overrides: Partial<TimesheetInput> = {}): TimesheetInput => ({
  timesheets: tab('timesheets', rows, 'T'),
  clients: CLIENTS,
  providers: PROVIDERS,
  settings: settings(),
  billed: new Set(),
  ...overrides,
});

describe('CRA → client invoices and provider payouts', () => {
  const result = timesheetBilling(input());

  it('makes one client invoice per (client, mission, month), validated CRAs only', () => {
    expect(
      result.drafts.map((d) => [d.key, d.buyerCode, d.origins.map((o) => o.id), amounts(d).ht]),
    ).toEqual([
      ['timesheets:ACME:2026-10:refontesi', 'ACME', ['T7'], '1800.00'],
      ['timesheets:ACME:2026-11:audit', 'ACME', ['T3'], '2800.00'],
      ['timesheets:ACME:2026-11:refontesi', 'ACME', ['T2', 'T1'], '16100.00'],
    ]);
    const refonte = result.drafts[2];
    expect(amounts(refonte ?? fail())).toEqual({
      nets: ['5000.00', '11100.00'],
      ht: '16100.00',
      vat: '3220.00',
      ttc: '19320.00',
    });
    expect(refonte?.invoice.seller.source).toEqual({ tab: 'settings' });
    expect(refonte?.invoice.servicePeriod).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(refonte?.invoice.lines[1]).toMatchObject({
      description: 'Refonte SI — Nguyen Conseil SASU — novembre 2026',
      quantity: '18.5',
      unit: 'jour',
      unitPrice: '600',
    });
    expect(issueProblems(refonte ?? fail())).toEqual([]);
  });

  it('pays each freelancer under its payment option, from the validation date', () => {
    expect(
      result.payables.map((p) => [
        p.key,
        p.amountHT,
        p.vat,
        p.amountTTC,
        p.fee,
        p.net,
        p.due.from === 'validation' ? [p.due.option, p.due.dueDate] : [],
      ]),
    ).toEqual([
      ['payout:T7', '1800.00', '360.00', '2160.00', '45.00', '2115.00', ['Express', '2026-12-03']],
      ['payout:T3', '2800.00', '560.00', '3360.00', '0.00', '3360.00', ['Basic', '2027-01-30']],
      ['payout:T2', '5000.00', '0.00', '5000.00', '250.00', '4750.00', ['Flash', '2026-12-06']],
      [
        'payout:T1',
        '11100.00',
        '2220.00',
        '13320.00',
        '277.50',
        '13042.50',
        ['Express', '2027-01-01'],
      ],
    ]);
    expect(result.payables[3]).toMatchObject({
      kind: 'payout',
      providerCode: 'NGUYEN',
      sourceIds: ['T1'],
      draftKey: 'timesheets:ACME:2026-11:refontesi',
    });
  });

  it.each([
    // option, fee (x % of the daily rate per day), due date (validated 2026-12-02)
    ['Express', '277.50', '2027-01-01'],
    ['Flash', '555.00', '2026-12-05'],
    ['Basic', '0.00', '2027-01-31'],
    ['', '0.00', '2027-01-31'],
  ])('18.5 days at 600 € under %j: fee %s, due %s', (option, fee, due) => {
    const providers = directory('providers', [
      { code: 'FREE', name: 'Free Lance', vatRegime: 'standard', paymentOption: option || null },
    ]);
    const r = timesheetBilling(
      input([cra('FREE', 'ACME', 'M', '18.5', '600', 'validated', '2026-12-02')], { providers }),
    );
    const p = r.payables[0];
    expect(p?.fee).toBe(fee);
    expect(p?.due.from === 'validation' ? p.due.dueDate : '').toBe(due);
    expect(p?.amountHT).toBe('11100.00');
  });

  it.each([
    // the provider's option, the mission's (CRA row), fee, due date — 18.5 days at 600 €,
    // validated 2026-12-02. Express: 2.5 % of 600 = 15.00 a day × 18.5 = 277.50, 30 days;
    // Flash: 5 % = 30.00 × 18.5 = 555.00, 3 days; Basic: no fee, 60 days.
    ['Basic', 'Flash', '555.00', '2026-12-05'],
    ['Flash', 'Basic', '0.00', '2027-01-31'],
    ['Express', '', '277.50', '2027-01-01'],
    ['', 'express', '277.50', '2027-01-01'],
  ])('provider under %j, mission under %j: fee %s, due %s', (own, mission, fee, due) => {
    const providers = directory('providers', [
      { code: 'FREE', name: 'Free Lance', vatRegime: 'standard', paymentOption: own || null },
    ]);
    const rows = [
      {
        ...cra('FREE', 'ACME', 'M', '18.5', '600', 'validated', '2026-12-02'),
        paymentOption: mission || null,
      },
    ];
    const r = timesheetBilling(input(rows, { providers }));
    const p = r.payables[0];
    expect(p?.fee).toBe(fee);
    expect(p?.due.from === 'validation' ? p.due.dueDate : '').toBe(due);
  });

  it('reports a mission option the settings do not have at its own cell, and bills nothing for it', () => {
    const rows = [
      {
        ...cra('NGUYEN', 'ACME', 'M', '1', '600', 'validated', '2026-12-02'),
        paymentOption: 'Turbo',
      },
    ];
    const r = timesheetBilling(input(rows));
    expect(r.problems.map((p) => [p.code, p.cell, p.value])).toEqual([
      ['unknown-payment-option', 'J2', 'Turbo'],
    ]);
    expect(r.drafts).toEqual([]);
    expect(r.payables).toEqual([]);
  });

  it('reads the options from the settings, not from code', () => {
    const r = timesheetBilling(
      input(undefined, { settings: settings({ paymentOptions: 'Express: 15 j 1 %' }) }),
    );
    const t1 = r.payables.find((p) => p.key === 'payout:T1');
    expect([t1?.fee, t1?.due.from === 'validation' ? t1.due.dueDate : '']).toEqual([
      '111.00',
      '2026-12-17',
    ]);
    expect(r.problems.map((p) => p.code)).toContain('unknown-payment-option');
  });

  it('reports what cannot be billed on its cell', () => {
    expect(result.problems.map((p) => [p.code, p.cell, p.value])).toEqual([
      ['unknown-payment-option', 'C9', 'MARTIN'],
      ['missing-validation-date', 'I10', ''],
      ['unknown-client', 'D11', 'ZORG'],
    ]);
    expect(result.unbilled.map((u) => u.origin.id)).toEqual(['T8', 'T9', 'T10']);
  });

  it('reports unreadable payment options once and bills no CRA', () => {
    const r = timesheetBilling(
      input(undefined, { settings: settings({ paymentOptions: 'vite' }) }),
    );
    expect(r.drafts).toEqual([]);
    expect(r.problems[0]).toMatchObject({ code: 'bad-setting', tab: 'Paramètres' });
  });
});

function fail(): never {
  throw new Error('missing value');
}
