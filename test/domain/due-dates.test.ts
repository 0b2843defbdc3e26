import {
  DEFAULT_PAYMENT_OPTIONS,
  calendarDate,
  computeDueDate,
  computePayout,
  effectiveTermsDays,
  findPaymentOption,
  legalDueDateLimit,
  parsePaymentOptions,
} from '../../src/domain';

const d = calendarDate;

describe('computeDueDate', () => {
  it.each([
    // issue date, days, end of month, periodic, due date, capped
    ['2026-11-05', 30, false, false, '2026-12-05', false],
    ['2026-11-05', 0, false, false, '2026-11-05', false],
    ['2026-11-05', 60, false, false, '2027-01-04', false],
    ['2026-11-05', 90, false, false, '2027-01-04', true], // capped at 60 days
    ['2026-12-15', 45, false, false, '2027-01-29', false],
    ['2024-01-31', 30, false, false, '2024-03-01', false], // leap year
    ['2026-11-05', 45, false, true, '2026-12-20', false], // periodic: 45 days allowed
    ['2026-11-05', 60, false, true, '2026-12-20', true], // periodic: capped at 45 days
    ['2026-11-05', 30, true, false, '2026-12-31', false], // 30 days end of month: 5 Dec → 31 Dec
    ['2026-01-31', 30, true, false, '2026-03-31', false], // 2 Mar → 31 Mar
    ['2026-11-05', 45, true, false, '2026-12-31', false], // 20 Dec → 31 Dec
    ['2026-11-20', 75, true, false, '2027-01-31', true], // 3 Feb → 28 Feb, capped at 45 days end of month (4 Jan → 31 Jan)
    ['2026-11-05', 30, true, true, '2026-12-20', true], // periodic wins over end of month
  ])(
    '%s + %i days (end of month: %s, periodic: %s) → %s (capped: %s)',
    (issue, days, endOfMonth, periodic, expected, capped) => {
      const result = computeDueDate(d(issue), { days, endOfMonth }, { periodic });
      expect([result.dueDate, result.capped]).toEqual([expected, capped]);
    },
  );

  it.each([-1, 1.5, 366, Number.NaN])('refuses terms of %p days', (days) => {
    expect(() => computeDueDate(d('2026-11-05'), { days })).toThrow(RangeError);
  });

  it('gives the legal limit', () => {
    expect(legalDueDateLimit(d('2026-11-05'))).toBe('2027-01-04');
    expect(legalDueDateLimit(d('2026-11-05'), {}, { periodic: true })).toBe('2026-12-20');
    expect(legalDueDateLimit(d('2026-11-20'), { endOfMonth: true })).toBe('2027-01-31');
  });

  it('uses the client terms when set, else the default', () => {
    expect(effectiveTermsDays(45, 30)).toBe(45);
    expect(effectiveTermsDays(0, 30)).toBe(0);
    expect(effectiveTermsDays(undefined, 30)).toBe(30);
  });
});

describe('payment options (CRA payouts)', () => {
  it('has the defaults of the specification', () => {
    expect(DEFAULT_PAYMENT_OPTIONS).toEqual([
      { name: 'Basic', delayDays: 60, feePercent: '0' },
      { name: 'Express', delayDays: 30, feePercent: '2.5' },
      { name: 'Flash', delayDays: 3, feePercent: '5' },
    ]);
  });

  it.each([
    ['', DEFAULT_PAYMENT_OPTIONS],
    [
      'Basic: 60 j / 0 %; Express: 30 j / 2,5 %; Flash: 3 j / 5 %',
      [
        { name: 'Basic', delayDays: 60, feePercent: '0' },
        { name: 'Express', delayDays: 30, feePercent: '2.5' },
        { name: 'Flash', delayDays: 3, feePercent: '5' },
      ],
    ],
    [
      'Standard 45 0\nRapide 10 3.75%',
      [
        { name: 'Standard', delayDays: 45, feePercent: '0' },
        { name: 'Rapide', delayDays: 10, feePercent: '3.75' },
      ],
    ],
    ['Très rapide = 1 days, 7', [{ name: 'Très rapide', delayDays: 1, feePercent: '7' }]],
  ])('parses %j', (text, expected) => {
    expect(parsePaymentOptions(text)).toEqual({ ok: true, options: expected });
  });

  it.each(['Express', 'Express: trente jours', 'Flash: 3 j / 150 %'])('refuses %j', (text) => {
    const result = parsePaymentOptions(text);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]?.source).toEqual({
        tab: 'settings',
        field: { fr: 'options de paiement', en: 'payment options' },
      });
  });

  it('finds an option by name, ignoring case and accents', () => {
    expect(findPaymentOption(DEFAULT_PAYMENT_OPTIONS, ' express ')?.delayDays).toBe(30);
    expect(findPaymentOption(DEFAULT_PAYMENT_OPTIONS, 'Éclair')).toBeUndefined();
  });

  it.each([
    // option, days, daily rate, validated on → due date, gross, fee, net
    ['Basic', '20', '450', '2026-11-03', '2027-01-02', '9000.00', '0.00', '9000.00'],
    ['Express', '20', '450', '2026-11-03', '2026-12-03', '9000.00', '225.00', '8775.00'],
    ['Flash', '12.5', '512.30', '2026-11-03', '2026-11-06', '6403.75', '320.19', '6083.56'], // 5 % of 6403.75 = 320.1875
    ['Express', '0.5', '333.33', '2026-12-30', '2027-01-29', '166.67', '4.17', '162.50'], // 166.665 → 166.67; fee 4.166625 → 4.17
  ])(
    '%s: %s days at %s, validated %s → due %s, gross %s, fee %s, net %s',
    (name, daysWorked, dailyRate, validatedOn, due, gross, fee, net) => {
      const option = findPaymentOption(DEFAULT_PAYMENT_OPTIONS, name);
      if (option === undefined) throw new Error(name);
      const payout = computePayout(option, { daysWorked, dailyRate, validatedOn: d(validatedOn) });
      expect([
        payout.dueDate,
        payout.gross.toFixed(2),
        payout.fee.toFixed(2),
        payout.net.toFixed(2),
      ]).toEqual([due, gross, fee, net]);
    },
  );
});
