/**
 * A client credit deducted from the client's next invoices (SPEC §3.5): amounts worked out by
 * hand in the comments; then a property over random credits and drafts.
 */
import fc from 'fast-check';
import { appliedCreditNote, applyCredits, type PendingCredit } from '../../src/billing/credits';
import type { Draft } from '../../src/billing/draft';
import { calendarDate } from '../../src/domain/dates';
import type { InvoiceDocument } from '../../src/domain/invoice';
import { Money } from '../../src/domain/money';
import { invoiceTotals } from '../../src/domain/totals';
import { CLIENT, PROVIDER, sampleInvoice, without } from '../domain/fixtures';

/** A draft for `buyerCode` of one line at 20 %: `ht` excluding VAT. */
function draft(buyerCode: string, ht: string, patch: Partial<InvoiceDocument> = {}): Draft {
  return {
    key: `extra-lines:${buyerCode}:2026-12:${ht}`,
    buyerCode,
    invoice: without(
      sampleInvoice({
        buyer: { ...CLIENT, source: { tab: 'clients', code: buyerCode } },
        lines: [
          {
            description: 'Conseil',
            quantity: '1',
            unitPrice: ht,
            vat: { category: 'S', ratePercent: '20' },
          },
        ],
        ...patch,
      }),
      'number',
    ),
    origins: [],
    recipients: [],
  };
}

const credit = (
  buyerCode: string,
  invoice: string,
  amount: string,
  notes = true,
): PendingCredit => ({
  buyerCode,
  invoice,
  creditNotes: notes ? [{ number: 'AV-2026-00001', issueDate: calendarDate('2026-12-08') }] : [],
  amount: Money.of(amount),
});

const due = (d: Draft) => invoiceTotals(d.invoice).duePayableAmount.toFixed(2);

describe('applyCredits', () => {
  it('deducts a credit smaller than the invoice after its total with VAT', () => {
    // 500,00 HT + 100,00 VAT = 600,00 TTC; 120,00 credit → 480,00 asked; lines and VAT unchanged.
    const { drafts, left } = applyCredits(
      [draft('BRIOCHE', '500')],
      [credit('BRIOCHE', 'FA-2026-00007', '120')],
    );
    const inv = drafts[0]!.invoice;
    expect(invoiceTotals(inv).grandTotal.toFixed(2)).toBe('600.00');
    expect(invoiceTotals(inv).taxTotal.toFixed(2)).toBe('100.00');
    expect(inv.prepaidAmount).toBe('120.00');
    expect(due(drafts[0]!)).toBe('480.00');
    expect(inv.appliedCredits).toEqual([
      { invoice: 'FA-2026-00007', creditNotes: ['AV-2026-00001'], amount: '120.00' },
    ]);
    expect(inv.notes?.at(-1)).toBe(
      'Avoir AV-2026-00001 du 08/12/2026 (facture FA-2026-00007) imputé sur la présente facture\u00a0: 120,00\u00a0€ TTC déduits',
    );
    expect(left[0]!.amount.isZero()).toBe(true);
  });

  it('a credit larger than the invoice goes on up to its amount due, the rest on the next one', () => {
    // 100 HT → 120,00 TTC takes 120,00 of 300,00; 200 HT → 240,00 takes the other 180,00 and
    // asks 60,00; nothing is left.
    const { drafts, left } = applyCredits(
      [draft('ACME', '100'), draft('ACME', '200')],
      [credit('ACME', 'FA-2026-00003', '300')],
    );
    expect(drafts.map(due)).toEqual(['0.00', '60.00']);
    expect(drafts.map((d) => d.invoice.prepaidAmount)).toEqual(['120.00', '180.00']);
    expect(left[0]!.amount.toFixed(2)).toBe('0.00');
    // With only the first invoice, 180,00 waits for a later one.
    const one = applyCredits([draft('ACME', '100')], [credit('ACME', 'FA-2026-00003', '300')]);
    expect(one.left[0]!.amount.toFixed(2)).toBe('180.00');
  });

  it("touches neither another client's invoices nor self-billed invoices nor corrections", () => {
    const other = draft('LUMEN', '100');
    const self: Draft = {
      ...draft('', '100', { kind: 'autofacture', seller: PROVIDER }),
      direction: 'payable',
    };
    const creditNote = draft('ACME', '100', { kind: 'avoir' });
    const { drafts, left } = applyCredits(
      [other, self, creditNote],
      [credit('ACME', 'FA-1', '50')],
    );
    expect(drafts[0]).toBe(other);
    expect(drafts[1]).toBe(self);
    expect(drafts[2]).toBe(creditNote);
    expect(left[0]!.amount.toFixed(2)).toBe('50.00');
  });

  it('adds to the deposits a balance invoice already deducts', () => {
    // 1 000 HT → 1 200,00 TTC, a 360,00 deposit: 840,00 due; a 40,00 credit → 800,00.
    const { drafts } = applyCredits(
      [draft('ACME', '1000', { prepaidAmount: '360.00' })],
      [credit('acme', 'FA-1', '40', false)],
    );
    expect(drafts[0]!.invoice.prepaidAmount).toBe('400.00');
    expect(due(drafts[0]!)).toBe('800.00');
  });

  it('names where the credit comes from, in the invoice language', () => {
    const c = credit('ACME', 'FA-2026-00007', '120');
    expect(appliedCreditNote(c, Money.of('120'), 'en', 'EUR')).toBe(
      'Credit note AV-2026-00001 of 8\u00a0Dec\u00a02026 (invoice FA-2026-00007) applied to this invoice: €120.00 incl. VAT deducted',
    );
    const over = credit('ACME', 'FA-2026-00007', '15.5', false);
    expect(appliedCreditNote(over, Money.of('15.5'), 'fr', 'EUR')).toBe(
      'Trop-perçu sur la facture FA-2026-00007 imputé sur la présente facture\u00a0: 15,50\u00a0€ TTC déduits',
    );
  });

  it('deducts min(credit, what the invoices ask), never more than an invoice asks', () => {
    const cents = (c: number) => Money.fromCents(c).toFixed(2);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 0, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 900_000 }), { minLength: 1, maxLength: 3 }),
        (hts, credits) => {
          const drafts = hts.map((c) => draft('ACME', cents(c)));
          const pending = credits.map((c, i) => credit('ACME', `FA-${i}`, cents(c)));
          const out = applyCredits(drafts, pending);
          const asked = Money.sum(drafts.map((d) => invoiceTotals(d.invoice).duePayableAmount));
          const total = Money.sum(pending.map((p) => p.amount));
          const deducted = Money.sum(
            out.drafts.flatMap((d) =>
              (d.invoice.appliedCredits ?? []).map((a) => Money.of(a.amount)),
            ),
          );
          expect(deducted.equals(Money.min(asked, total))).toBe(true);
          // What is left is what was not deducted, credit by credit.
          expect(Money.sum(out.left.map((l) => l.amount)).equals(total.minus(deducted))).toBe(true);
          for (const d of out.drafts) {
            const t = invoiceTotals(d.invoice);
            expect(t.duePayableAmount.isNegative()).toBe(false);
            expect(
              Money.of(d.invoice.prepaidAmount ?? '0').equals(
                Money.sum((d.invoice.appliedCredits ?? []).map((a) => Money.of(a.amount))),
              ),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
