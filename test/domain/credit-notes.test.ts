import fc from 'fast-check';
import {
  Money,
  amountLine,
  buildCreditNote,
  buildDebitNote,
  calendarDate,
  creditNoteProblems,
  invoiceTotals,
  missingMentions,
  remainingOfInvoice,
  type InvoiceDocument,
} from '../../src/domain';
import { LINE_20, ORGANISATION, PROVIDER, sampleInvoice, without } from './fixtures';
import { inBoth } from '../texts/helpers';

const d = calendarDate;
const S20 = { category: 'S', ratePercent: '20' } as const;
const S55 = { category: 'S', ratePercent: '5.5' } as const;

// 900.00 at 20 % and 53.97 at 5.5 %: total 1136.94 (VAT 180.00 + 2.97).
const INVOICE = sampleInvoice();

const totals = (doc: InvoiceDocument): string[] => {
  const t = invoiceTotals(doc);
  return [t.taxBasisTotal.toFixed(2), t.taxTotal.toFixed(2), t.grandTotal.toFixed(2)];
};

describe('credit notes', () => {
  it('credits a whole invoice with the exact opposite amounts', () => {
    const credit = buildCreditNote(INVOICE, {
      issueDate: d('2026-11-20'),
      reason: 'Session annulée',
    });
    expect(credit.kind).toBe('avoir');
    expect(credit.precedingInvoice).toEqual({ number: 'FA-2026-00001', issueDate: '2026-11-05' });
    expect(credit.lines.map((l) => l.quantity)).toEqual(['-2', '-3']);
    expect(credit.notes).toEqual(['Session annulée']);
    expect(totals(credit)).toEqual(['-953.97', '-182.97', '-1136.94']);
    expect(creditNoteProblems(INVOICE, [], { ...credit, number: 'AV-2026-00001' })).toEqual([]);
    expect(missingMentions({ ...credit, number: 'AV-2026-00001' })).toEqual([]);
  });

  it('credits some lines, or an amount', () => {
    const partial = buildCreditNote(INVOICE, {
      issueDate: d('2026-11-20'),
      lines: [{ ...LINE_20, quantity: '1' }],
    });
    expect(totals(partial)).toEqual(['-450.00', '-90.00', '-540.00']);
    const byAmount = buildCreditNote(INVOICE, {
      issueDate: d('2026-11-20'),
      lines: [amountLine('Geste commercial', Money.of('100'), S20)],
    });
    expect(totals(byAmount)).toEqual(['-100.00', '-20.00', '-120.00']);
    expect(creditNoteProblems(INVOICE, [partial], byAmount)).toEqual([]);
    expect(remainingOfInvoice(INVOICE, [partial, byAmount]).grandTotal.toFixed(2)).toBe('476.94');
  });

  it.each([
    [
      'more than the invoice',
      [],
      [{ ...LINE_20, quantity: '3' }],
      ['credit-note.exceeds', 'credit-note.exceeds-rate'],
    ],
    [
      'more than what remains',
      ['half'],
      [{ ...LINE_20, quantity: '1.5' }],
      ['credit-note.exceeds', 'credit-note.exceeds-rate'],
    ],
    [
      'more than what remains at a rate',
      ['half'],
      [amountLine('Erreur', Money.of('460'), S20)],
      ['credit-note.exceeds-rate'],
    ],
    [
      'a rate the invoice does not have',
      [],
      [amountLine('Erreur', Money.of('10'), { category: 'S', ratePercent: '10' })],
      ['credit-note.exceeds-rate'],
    ],
    [
      'more than the 5.5 % part',
      [],
      [amountLine('Erreur', Money.of('60'), S55)],
      ['credit-note.exceeds-rate'],
    ],
    ['exactly what remains', ['half'], [{ ...LINE_20, quantity: '1' }], []],
  ])('checks a credit note of %s', (_name, before, lines, codes) => {
    const related = before.map(() =>
      buildCreditNote(INVOICE, {
        issueDate: d('2026-11-10'),
        lines: [{ ...LINE_20, quantity: '1' }],
      }),
    );
    const credit = buildCreditNote(INVOICE, { issueDate: d('2026-11-20'), lines });
    expect(creditNoteProblems(INVOICE, related, credit).map((p) => p.code)).toEqual(codes);
  });

  it('refuses a document that is not a negative credit note of this invoice', () => {
    const credit = buildCreditNote(INVOICE, { issueDate: d('2026-11-20') });
    const positive = { ...credit, lines: INVOICE.lines };
    expect(creditNoteProblems(INVOICE, [], positive).map((p) => p.code)).toEqual([
      'credit-note.sign',
    ]);
    const elsewhere = {
      ...credit,
      precedingInvoice: { number: 'FA-2026-00002', issueDate: d('2026-11-05') },
    };
    expect(creditNoteProblems(INVOICE, [], elsewhere).map((p) => p.code)).toEqual([
      'credit-note.reference',
    ]);
    expect(
      creditNoteProblems(INVOICE, [], { ...credit, kind: 'facture' }).map((p) => p.code),
    ).toEqual(['credit-note.kind']);
  });

  it('explains an excess in both languages', () => {
    const credit = buildCreditNote(INVOICE, {
      issueDate: d('2026-11-20'),
      lines: [{ ...LINE_20, quantity: '3' }],
    });
    const [exceeds] = creditNoteProblems(INVOICE, [], credit);
    expect(inBoth(exceeds?.message)).toEqual({
      fr: 'L’avoir de 1\u202f620,00\u00a0€ dépasse ce qui reste de la facture FA-2026-00001 (1\u202f136,94\u00a0€)',
      en: 'The credit note of €1,620.00 exceeds what remains of invoice FA-2026-00001 (€1,136.94)',
    });
  });

  it('credits a self-billed invoice with a self-billed credit note, allowances included', () => {
    const selfBilled = sampleInvoice({
      kind: 'autofacture',
      number: 'AF-M01-2026-0001',
      seller: PROVIDER,
      buyer: ORGANISATION,
      allowancesCharges: [{ charge: false, amount: '10.00', reason: 'Remise', vat: S20 }],
    });
    const credit = buildCreditNote(selfBilled, { issueDate: d('2026-11-20') });
    expect(credit.kind).toBe('autofacture-avoir');
    expect(credit.allowancesCharges?.map((a) => a.amount)).toEqual(['-10']);
    expect(
      invoiceTotals(credit).grandTotal.equals(invoiceTotals(selfBilled).grandTotal.negated()),
    ).toBe(true);
  });

  it('refuses to credit what is not an issued invoice', () => {
    const credit = buildCreditNote(INVOICE, { issueDate: d('2026-11-20') });
    expect(() => buildCreditNote(credit, { issueDate: d('2026-11-21') })).toThrow(RangeError);
    expect(() =>
      buildCreditNote(without(INVOICE, 'number'), { issueDate: d('2026-11-21') }),
    ).toThrow(RangeError);
  });
});

describe('debit notes', () => {
  it('adds a supplement referencing the invoice, and raises what may be credited', () => {
    const debit = buildDebitNote(INVOICE, {
      issueDate: d('2026-11-25'),
      dueDate: d('2026-12-25'),
      lines: [{ ...LINE_20, description: 'Journée supplémentaire', quantity: '1' }],
      reason: 'Journée oubliée',
    });
    expect(debit.kind).toBe('note-de-debit');
    expect(debit.precedingInvoice?.number).toBe('FA-2026-00001');
    expect(totals(debit)).toEqual(['450.00', '90.00', '540.00']);
    expect(
      missingMentions({
        ...debit,
        number: 'FA-2026-00002',
        paymentReference: 'ACME FA-2026-00002',
      }),
    ).toEqual([]);
    const credit = buildCreditNote(INVOICE, {
      issueDate: d('2026-11-26'),
      lines: [{ ...LINE_20, quantity: '3' }],
    });
    expect(creditNoteProblems(INVOICE, [debit], credit)).toEqual([]);
  });

  it('does not supplement credit notes or self-billed invoices', () => {
    const credit = buildCreditNote(INVOICE, { issueDate: d('2026-11-20') });
    expect(() => buildDebitNote(credit, { issueDate: d('2026-11-25'), lines: [LINE_20] })).toThrow(
      RangeError,
    );
    expect(() =>
      buildDebitNote(
        { ...INVOICE, kind: 'autofacture' },
        { issueDate: d('2026-11-25'), lines: [LINE_20] },
      ),
    ).toThrow(RangeError);
  });
});

describe('credit note property', () => {
  it('accepted credit notes never take what remains of an invoice below zero, in total or at any rate', () => {
    const rates = [S20, S55, { category: 'S', ratePercent: '10' } as const];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            quantity: fc.integer({ min: 1, max: 20 }),
            cents: fc.integer({ min: 1, max: 500_000 }),
            rate: fc.nat({ max: 2 }),
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.array(
          fc.record({
            quantity: fc.integer({ min: 1, max: 20 }),
            cents: fc.integer({ min: 1, max: 500_000 }),
            rate: fc.nat({ max: 2 }),
          }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (invoiceLines, attempts) => {
          const line = (l: { quantity: number; cents: number; rate: number }) => ({
            description: 'x',
            quantity: String(l.quantity),
            unitPrice: (l.cents / 100).toFixed(2),
            vat: rates[l.rate] ?? S20,
          });
          const invoice = sampleInvoice({ lines: invoiceLines.map(line) });
          const accepted: InvoiceDocument[] = [];
          const negative: string[] = [];
          for (const attempt of attempts) {
            const credit = buildCreditNote(invoice, {
              issueDate: d('2026-11-20'),
              lines: [line(attempt)],
            });
            if (creditNoteProblems(invoice, accepted, credit).length === 0) accepted.push(credit);
            const remaining = remainingOfInvoice(invoice, accepted);
            if (remaining.grandTotal.isNegative())
              negative.push(`total ${remaining.grandTotal.toString()}`);
            for (const [key, base] of remaining.byVat)
              if (base.isNegative()) negative.push(`${key} ${base.toString()}`);
          }
          expect(negative).toEqual([]);
          // The whole invoice can always be credited when nothing was credited yet.
          expect(
            creditNoteProblems(
              invoice,
              [],
              buildCreditNote(invoice, { issueDate: d('2026-11-20') }),
            ),
          ).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
