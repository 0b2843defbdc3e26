import { calendarDate as d } from '../../src/domain/dates';
import { Money } from '../../src/domain/money';
import {
  numberKey,
  parseReminderSchedule,
  paymentBook,
  reminderDue,
  type BookInput,
  type BookInvoice,
  type BookPayable,
  type BookPayment,
} from '../../src/billing/payment-book';
import { fr } from '../texts/helpers';

const NBSP = '\u00a0';

function invoice(number: string, total: string, patch: Partial<BookInvoice> = {}): BookInvoice {
  return {
    number,
    counterparty: `Client of ${number}`,
    code: 'BRIO',
    total: Money.of(total),
    issueDate: d('2026-12-05'),
    dueDate: d('2027-01-04'),
    writtenOff: false,
    language: 'fr',
    sent: true,
    ...patch,
  };
}

let row = 1;
function payment(
  invoiceNo: string,
  amount: string,
  date = '2026-12-10',
  reference = '',
): BookPayment {
  row += 1;
  return {
    date: d(date),
    invoice: invoiceNo,
    amount: Money.of(amount),
    reference,
    cells: { invoice: `C${row}`, amount: `D${row}`, reference: `F${row}` },
  };
}

function payable(reference: string, total: string, patch: Partial<BookPayable> = {}): BookPayable {
  return {
    reference,
    number: '',
    counterparty: `Provider ${reference}`,
    total: Money.of(total),
    dueDate: d('2026-12-20'),
    waiting: null,
    language: 'fr',
    ...patch,
  };
}

function book(patch: Partial<BookInput>) {
  return paymentBook({
    tab: 'Paiements',
    asOf: d('2026-12-15'),
    currency: 'EUR',
    invoices: [],
    creditNotes: [],
    payables: [],
    payments: [],
    ...patch,
  });
}

describe('the payment book', () => {
  it.each<[string, Partial<BookInput>, string, string, string]>([
    [
      'nothing paid, not yet due',
      { invoices: [invoice('FA-1', '1200')] },
      'à payer',
      'À payer d’ici le 04/01/2027',
      '1200.00',
    ],
    [
      'nothing paid, overdue',
      { invoices: [invoice('FA-1', '1200')], asOf: d('2027-01-05') },
      'impayée',
      'Impayée (date limite\u00a0: 04/01/2027)',
      '1200.00',
    ],
    [
      'partly paid',
      { invoices: [invoice('FA-1', '1200')], payments: [payment('FA-1', '200')] },
      'partielle',
      `Payé 200,00${NBSP}€ sur un total de 1\u202f200,00${NBSP}€`,
      '1000.00',
    ],
    [
      'partial payment that becomes full',
      {
        invoices: [invoice('FA-1', '1200')],
        payments: [payment('FA-1', '200'), payment('FA-1', '1000', '2026-12-14')],
      },
      'payée',
      'Payée',
      '0.00',
    ],
    [
      'the second part not yet arrived on the day',
      {
        invoices: [invoice('FA-1', '1200')],
        payments: [payment('FA-1', '200'), payment('FA-1', '1000', '2026-12-16')],
      },
      'partielle',
      `Payé 200,00${NBSP}€ sur un total de 1\u202f200,00${NBSP}€`,
      '1000.00',
    ],
    [
      'a payment after a credit note pays what remains',
      {
        invoices: [invoice('FA-1', '1200')],
        creditNotes: [
          { number: 'AV-1', target: 'FA-1', total: Money.of('200'), issueDate: d('2026-12-08') },
        ],
        payments: [payment('FA-1', '1000', '2026-12-12')],
      },
      'payée',
      'Payée',
      '0.00',
    ],
    [
      'fully credited',
      {
        invoices: [invoice('FA-1', '1200')],
        creditNotes: [
          { number: 'AV-1', target: 'fa-1', total: Money.of('1200'), issueDate: d('2026-12-08') },
        ],
      },
      'annulée',
      'Annulée par avoir',
      '0.00',
    ],
    [
      'written off',
      { invoices: [invoice('FA-1', '1200', { writtenOff: true })] },
      'mise en perte',
      'Mise en perte',
      '1200.00',
    ],
    [
      'paid through a reference "client code + number", number column empty',
      {
        invoices: [invoice('FA-2026-00001', '1200')],
        payments: [payment('', '1200', '2026-12-10', 'VIR SEPA BRIO FA-2026-00001')],
      },
      'payée',
      'Payée',
      '0.00',
    ],
    [
      'number typed in another case and spacing',
      {
        invoices: [invoice('FA-2026-00001', '1200')],
        payments: [payment(' fa 2026-00001 ', '1200')],
      },
      'payée',
      'Payée',
      '0.00',
    ],
  ])('%s', (_name, patch, status, label, balance) => {
    const line = book(patch).lines[0];
    expect([line?.status, line?.label, line?.balance.toFixed(2)]).toEqual([status, label, balance]);
  });

  it('reports an unknown number and an unmatched reference at their cells, and keeps the payments', () => {
    const unknown = payment('FA-9999', '100');
    const vague = payment('', '100', '2026-12-10', 'VIREMENT CLIENT');
    const b = book({ invoices: [invoice('FA-1', '500')], payments: [unknown, vague] });
    expect(b.problems.map((p) => [p.code, p.tab, p.cell, p.value])).toEqual([
      ['unknown-invoice', 'Paiements', unknown.cells.invoice, 'FA-9999'],
      ['payment-without-invoice', 'Paiements', vague.cells.reference, 'VIREMENT CLIENT'],
    ]);
    expect(b.lines[0]?.paid.toFixed(2)).toBe('0.00');
  });

  it('reports an overpayment at the amount of the payment that went over', () => {
    const first = payment('FA-1', '300');
    const second = payment('FA-1', '250');
    const b = book({ invoices: [invoice('FA-1', '500')], payments: [first, second] });
    expect(b.lines[0]?.status).toBe('payée');
    expect(b.problems).toHaveLength(1);
    expect(b.problems[0]?.code).toBe('overpayment');
    expect(b.problems[0]?.cell).toBe(second.cells.amount);
    expect(fr(b.problems[0]?.message)).toContain('trop-perçu de 50,00');
  });

  it('an overpayment asked for the next invoice is no longer reported; what is beyond it is', () => {
    // 550,00 paid on 500,00: 50,00 over. 50,00 asked: nothing to report; 30,00 asked: 20,00 left.
    const payments = [payment('FA-1', '300'), payment('FA-1', '250')];
    const all = book({
      invoices: [{ ...invoice('FA-1', '500'), creditAsked: Money.of('50') }],
      payments,
    });
    expect(all.problems).toEqual([]);
    const part = book({
      invoices: [{ ...invoice('FA-1', '500'), creditAsked: Money.of('30') }],
      payments,
    });
    expect(fr(part.problems[0]?.message)).toContain('trop-perçu de 20,00');
    // Once deducted from a later invoice, it leaves this one: settled exactly.
    const moved = book({
      invoices: [
        { ...invoice('FA-1', '500'), applied: [{ date: d('2026-12-10'), amount: Money.of('50') }] },
      ],
      payments,
    });
    expect(moved.problems).toEqual([]);
    expect([moved.lines[0]?.paid.toFixed(2), moved.lines[0]?.balance.toFixed(2)]).toEqual([
      '500.00',
      '0.00',
    ]);
  });

  it('a reference naming two invoices is not guessed', () => {
    const b = book({
      invoices: [invoice('FA-1', '100'), invoice('FA-2', '100')],
      payments: [payment('', '200', '2026-12-10', 'FA-1 ET FA-2')],
    });
    expect(b.problems.map((p) => p.code)).toEqual(['payment-without-invoice']);
  });

  it('totals: outstanding and overdue receivables, payables due by the end of the month', () => {
    const b = book({
      asOf: d('2027-01-10'),
      invoices: [
        invoice('FA-1', '1000'),
        invoice('FA-2', '500', { dueDate: d('2027-02-01') }),
        invoice('FA-3', '300', { writtenOff: true }),
        invoice('FA-4', '800'),
      ],
      payments: [payment('FA-1', '400', '2027-01-02'), payment('FA-4', '800', '2027-01-02')],
      payables: [
        payable('P-1', '100', { dueDate: d('2027-01-31') }),
        payable('P-2', '70', { dueDate: d('2027-01-05') }),
        payable('P-3', '999', { dueDate: d('2027-02-01') }),
        payable('P-4', '50', { dueDate: null, waiting: 'approval' }),
      ],
    });
    expect(b.totals.outstanding.toFixed(2)).toBe('1100.00');
    expect(b.totals.overdue.toFixed(2)).toBe('600.00');
    expect(b.totals.payablesDueThisMonth.toFixed(2)).toBe('170.00');
  });

  it('payables: waiting ones say what they wait for; paid ones leave the list', () => {
    const b = book({
      payables: [
        payable('2026-11:CLEMENT', '222', {
          number: 'AF-CLEMENT-2026-0001',
          dueDate: null,
          waiting: 'approval',
        }),
        payable('2026-11:DURAND', '108', { dueDate: null, waiting: 'invoice' }),
        payable('payout:x', '5400', { dueDate: d('2026-12-04') }),
        payable('share:y', '300'),
      ],
      payments: [payment('share:y', '300', '2026-12-12'), payment('AF-CLEMENT-2026-0001', '100')],
    });
    expect(b.lines.map((l) => [l.number, l.status, l.label, l.balance.toFixed(2)])).toEqual([
      ['AF-CLEMENT-2026-0001', 'en attente', 'En attente d’approbation', '122.00'],
      ['2026-11:DURAND', 'en attente', 'En attente de la facture', '108.00'],
      ['payout:x', 'impayée', 'Impayée (date limite\u00a0: 04/12/2026)', '5400.00'],
    ]);
    expect(b.paidPayables.map((p) => [p.payable.reference, p.paid.toFixed(2), p.paidOn])).toEqual([
      ['share:y', '300.00', '2026-12-12'],
    ]);
  });
});

describe('reminders', () => {
  const schedule = parseReminderSchedule('-3,7,15,30') ?? [];
  const lineOn = (asOf: string, patch: Partial<BookInput> = {}) =>
    book({ invoices: [invoice('FA-1', '1200')], asOf: d(asOf), ...patch }).lines[0]!;

  it('reads the schedule, and refuses one it cannot read', () => {
    expect(schedule).toEqual([-3, 7, 15, 30]);
    expect(parseReminderSchedule('30; 7 , -3')).toEqual([-3, 7, 30]);
    expect(parseReminderSchedule('J-3, J+7, J+15, J+30')).toEqual([-3, 7, 15, 30]);
    expect(parseReminderSchedule('D-3; D+7')).toEqual([-3, 7]);
    expect(parseReminderSchedule('7, quinze')).toBeNull();
    expect(parseReminderSchedule('#NAME?')).toBeNull();
  });

  it.each<[string, string, number[], number | null, string | null]>([
    ['too early', '2026-12-31', [], null, '2027-01-01'],
    ['3 days before', '2027-01-01', [], -3, '2027-01-11'],
    ['already sent today', '2027-01-01', [-3], null, '2027-01-11'],
    ['7 days after', '2027-01-11', [-3], 7, '2027-01-19'],
    ['missed steps are not sent late: only the latest', '2027-01-25', [-3], 15, '2027-02-03'],
    ['after the last step', '2027-03-01', [-3, 7, 15, 30], null, null],
    // Only the steps actually sent are recorded: -3 and 15, 7 was missed (no run that week).
    [
      'a missed step stays unrecorded and is never sent late',
      '2027-01-26',
      [-3, 15],
      null,
      '2027-02-03',
    ],
    ['then the next one goes', '2027-02-03', [-3, 15], 30, null],
    ['a first run long after the due date sends the latest step only', '2027-02-10', [], 30, null],
  ])('%s', (_name, today, sent, step, next) => {
    const r = reminderDue(lineOn(today), schedule, { sent }, d(today));
    expect([r.step, r.next]).toEqual([step, next]);
  });

  it('none for paid, cancelled or written-off invoices, nor one never sent', () => {
    const paid = lineOn('2027-01-11', { payments: [payment('FA-1', '1200', '2027-01-02')] });
    const cancelled = lineOn('2027-01-11', {
      creditNotes: [
        { number: 'AV-1', target: 'FA-1', total: Money.of('1200'), issueDate: d('2026-12-20') },
      ],
    });
    const lost = book({
      invoices: [invoice('FA-1', '1200', { writtenOff: true })],
      asOf: d('2027-01-11'),
    }).lines[0]!;
    const unsent = book({
      invoices: [invoice('FA-1', '1200', { sent: false })],
      asOf: d('2027-01-11'),
    }).lines[0]!;
    for (const line of [paid, cancelled, lost, unsent]) {
      expect(reminderDue(line, schedule, { sent: [] }, d('2027-01-11')).step).toBeNull();
    }
  });

  it('a partly paid invoice is reminded of what remains; a step falling before the issue date is skipped', () => {
    const partial = lineOn('2027-01-11', { payments: [payment('FA-1', '200', '2027-01-02')] });
    expect(reminderDue(partial, schedule, { sent: [-3] }, d('2027-01-11')).step).toBe(7);
    const short = book({
      invoices: [invoice('FA-1', '100', { issueDate: d('2026-12-05'), dueDate: d('2026-12-06') })],
      asOf: d('2026-12-05'),
    }).lines[0]!;
    expect(reminderDue(short, schedule, { sent: [] }, d('2026-12-05')).step).toBeNull();
  });

  it('compares numbers without case or punctuation', () => {
    expect(numberKey(' fa 2026-00001 ')).toBe(numberKey('FA-2026-00001'));
  });
});
