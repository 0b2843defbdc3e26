import fc from 'fast-check';
import {
  Money,
  STATUS_COLORS,
  calendarDate,
  paymentStatus,
  type Language,
  type PaymentStatusInput,
} from '../../src/domain';

const d = calendarDate;
const NBSP = '\u00a0';

function input(patch: Partial<PaymentStatusInput> = {}): PaymentStatusInput {
  return {
    total: Money.of('1200.00'),
    dueDate: d('2026-12-05'),
    payments: [],
    creditNotes: [],
    asOf: d('2026-11-20'),
    language: 'fr',
    ...patch,
  };
}

const pay = (date: string, amount: string) => ({ date: d(date), amount: Money.of(amount) });

describe('paymentStatus', () => {
  it.each<[string, Partial<PaymentStatusInput>, string, string, string, string]>([
    ['not yet due', {}, 'à payer', 'À payer d’ici le 05/12/2026', '#d93025', '1200.00'],
    [
      'due today',
      { asOf: d('2026-12-05') },
      'à payer',
      'À payer d’ici le 05/12/2026',
      '#d93025',
      '1200.00',
    ],
    [
      'overdue',
      { asOf: d('2026-12-06') },
      'impayée',
      'Impayée (date limite\u00a0: 05/12/2026)',
      '#d93025',
      '1200.00',
    ],
    [
      'fully paid',
      { payments: [pay('2026-11-10', '1200.00')] },
      'payée',
      'Payée',
      '#188038',
      '0.00',
    ],
    [
      'paid in two parts',
      { payments: [pay('2026-11-10', '700'), pay('2026-11-15', '500')] },
      'payée',
      'Payée',
      '#188038',
      '0.00',
    ],
    ['overpaid', { payments: [pay('2026-11-10', '1250')] }, 'payée', 'Payée', '#188038', '-50.00'],
    [
      'partly paid',
      { payments: [pay('2026-11-10', '450.5')] },
      'partielle',
      `Payé 450,50${NBSP}€ sur un total de 1\u202f200,00${NBSP}€`,
      '#d93025',
      '749.50',
    ],
    [
      'partly credited and partly paid: the total is what is owed',
      { creditNotes: [pay('2026-11-12', '-200')], payments: [pay('2026-11-13', '300')] },
      'partielle',
      `Payé 300,00${NBSP}€ sur un total de 1\u202f000,00${NBSP}€`,
      '#d93025',
      '700.00',
    ],
    [
      'partly credited, rest paid',
      { creditNotes: [pay('2026-11-12', '-200')], payments: [pay('2026-11-13', '1000')] },
      'payée',
      'Payée',
      '#188038',
      '0.00',
    ],
    [
      'fully credited',
      { creditNotes: [pay('2026-11-12', '-1200')] },
      'annulée',
      'Annulée par avoir',
      '#80868b',
      '0.00',
    ],
    [
      'credited in two notes',
      { creditNotes: [pay('2026-11-12', '-200'), pay('2026-11-13', '-1000')] },
      'annulée',
      'Annulée par avoir',
      '#80868b',
      '0.00',
    ],
    [
      'credited after being paid (a refund is due)',
      { payments: [pay('2026-11-10', '1200')], creditNotes: [pay('2026-11-12', '-1200')] },
      'annulée',
      'Annulée par avoir',
      '#80868b',
      '-1200.00',
    ],
    [
      'written off',
      { writtenOff: true, asOf: d('2027-03-01') },
      'mise en perte',
      'Mise en perte',
      '#000000',
      '1200.00',
    ],
    [
      'written off but then paid',
      { writtenOff: true, payments: [pay('2027-03-01', '1200')], asOf: d('2027-03-02') },
      'payée',
      'Payée',
      '#188038',
      '0.00',
    ],
    [
      'a payment dated later is not counted yet',
      { payments: [pay('2026-11-21', '1200')] },
      'à payer',
      'À payer d’ici le 05/12/2026',
      '#d93025',
      '1200.00',
    ],
  ])('%s', (_name, patch, status, label, color, balance) => {
    const result = paymentStatus(input(patch));
    expect([result.status, result.label, result.color, result.balance.toFixed(2)]).toEqual([
      status,
      label,
      color,
      balance,
    ]);
  });

  it.each<[Language, Partial<PaymentStatusInput>, string]>([
    ['en', {}, 'To be paid by 5\u00a0Dec\u00a02026'],
    ['en', { asOf: d('2026-12-20') }, 'Unpaid (deadline: 5\u00a0Dec\u00a02026)'],
    [
      'en',
      { payments: [pay('2026-11-10', '1000.25')] },
      'Paid €1,000.25 out of a total of €1,200.00',
    ],
    ['en', { payments: [pay('2026-11-10', '1200')] }, 'Paid'],
    ['en', { writtenOff: true }, 'Written off'],
    ['en', { creditNotes: [pay('2026-11-12', '1200')] }, 'Cancelled by credit note'],
  ])('in %s: %j → %s', (language, patch, label) => {
    expect(paymentStatus(input({ ...patch, language })).label).toBe(label);
  });

  it('a credit deducted from a later invoice leaves this one: paid less by that much', () => {
    // 1 200,00 paid in full, then a 120,00 credit note: 120,00 paid beyond what is owed.
    const over = paymentStatus(
      input({ payments: [pay('2026-11-10', '1200')], creditNotes: [pay('2026-11-12', '120')] }),
    );
    expect([over.status, over.balance.toFixed(2)]).toEqual(['payée', '-120.00']);
    // Deducted from the next invoice on 5 January: settled exactly, from that day on.
    const applied = [pay('2027-01-05', '120')];
    const after = paymentStatus(
      input({
        payments: [pay('2026-11-10', '1200')],
        creditNotes: [pay('2026-11-12', '120')],
        applied,
        asOf: d('2027-01-05'),
      }),
    );
    expect([after.status, after.paid.toFixed(2), after.balance.toFixed(2)]).toEqual([
      'payée',
      '1080.00',
      '0.00',
    ]);
    const before = paymentStatus(
      input({
        payments: [pay('2026-11-10', '1200')],
        creditNotes: [pay('2026-11-12', '120')],
        applied,
        asOf: d('2027-01-04'),
      }),
    );
    expect(before.balance.toFixed(2)).toBe('-120.00');
  });

  it('counts days overdue', () => {
    expect(paymentStatus(input({ asOf: d('2027-01-04') }))).toMatchObject({
      overdue: true,
      daysOverdue: 30,
    });
    expect(paymentStatus(input({ asOf: d('2026-12-05') }))).toMatchObject({
      overdue: false,
      daysOverdue: 0,
    });
  });

  it('has the colours of SPEC §4', () => {
    expect(STATUS_COLORS).toEqual({
      payée: '#188038',
      'à payer': '#d93025',
      impayée: '#d93025',
      partielle: '#d93025',
      'mise en perte': '#000000',
      annulée: '#80868b',
    });
  });

  it('balance = total − credits − payments, and the status agrees with it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 3 }),
        fc.integer({ min: -30, max: 30 }),
        (totalCents, payments, credits, offset) => {
          const result = paymentStatus(
            input({
              total: Money.fromCents(totalCents),
              payments: payments.map((c) => ({
                date: d('2026-11-10'),
                amount: Money.fromCents(c),
              })),
              creditNotes: credits.map((c) => ({
                date: d('2026-11-10'),
                amount: Money.fromCents(-c),
              })),
              asOf:
                offset >= 0
                  ? d(`2026-12-${String(5 + Math.min(offset, 26)).padStart(2, '0')}`)
                  : d('2026-11-20'),
            }),
          );
          const sum = (list: number[]): number => list.reduce((a, b) => a + b, 0);
          expect(result.balance.toCents()).toBe(totalCents - sum(credits) - sum(payments));
          if (result.status === 'payée') expect(result.balance.isPositive()).toBe(false);
          if (
            result.status === 'partielle' ||
            result.status === 'à payer' ||
            result.status === 'impayée'
          ) {
            expect(result.balance.isPositive()).toBe(true);
          }
          if (result.status === 'annulée') expect(sum(credits)).toBeGreaterThanOrEqual(totalCents);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
