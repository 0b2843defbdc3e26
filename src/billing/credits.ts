/**
 * Client credits applied to the next invoice (SPEC §3.5, on request): when a client holds a
 * credit — a credit note on an invoice it had already paid, or a payment beyond what it owed —
 * the organisation may deduct it from the client's next invoice instead of refunding it.
 *
 * The next invoice keeps its lines, VAT and totals (the credit note already corrected the VAT of
 * the invoice it names); the credit is deducted after the total with VAT, like a deposit, and
 * counted in the amount paid beforehand (BT-113), so that what is asked (BT-115) is the total less
 * the credit. A note names where the credit comes from. A credit larger than the invoice is
 * deducted up to its amount due; the rest waits for the following invoice.
 */
import { t } from '../texts';
import type { CalendarDate } from '../domain/dates';
import { formatDate, formatMoney } from '../domain/format';
import type { AppliedCredit, InvoiceDocument } from '../domain/invoice';
import type { Language } from '../domain/language';
import { Money } from '../domain/money';
import { invoiceTotals } from '../domain/totals';
import type { Draft } from './draft';

/** A credit a user asked to deduct from the client's next invoice, not yet (all) deducted. */
export interface PendingCredit {
  /** The client's code, as in the register. */
  buyerCode: string;
  /** The overpaid invoice the credit comes from. */
  invoice: string;
  /** Credit notes issued against it (number and issue date), named in the note. */
  creditNotes: readonly { number: string; issueDate: CalendarDate }[];
  /** What is left to deduct, with VAT, positive. */
  amount: Money;
}

/** Invoices that ask the client for money can take a credit; corrections cannot. */
function takesCredit(draft: Draft): boolean {
  return (
    draft.direction !== 'payable' &&
    (draft.invoice.kind === 'facture' || draft.invoice.kind === 'acompte')
  );
}

/** The note printed on the invoice for one credit deducted. */
export function appliedCreditNote(
  credit: PendingCredit,
  amount: Money,
  language: Language,
  currency: string,
): string {
  const m = formatMoney(amount, language, currency);
  const notes = credit.creditNotes
    .map((c) =>
      t(language, 'credit.credit-note-ref', {
        number: c.number,
        date: formatDate(c.issueDate, language),
      }),
    )
    .join(', ');
  return notes !== ''
    ? t(language, 'credit.applied-credit-note', {
        creditNotes: notes,
        invoice: credit.invoice,
        amount: m,
      })
    : t(language, 'credit.applied-overpayment', { invoice: credit.invoice, amount: m });
}

/** `invoice` with `amount` of `credit` deducted. */
function deduct(invoice: InvoiceDocument, credit: PendingCredit, amount: Money): InvoiceDocument {
  const prepaid = Money.of(invoice.prepaidAmount ?? '0').plus(amount);
  const applied: AppliedCredit = {
    invoice: credit.invoice,
    creditNotes: credit.creditNotes.map((c) => c.number),
    amount: amount.toFixed(2),
  };
  return {
    ...invoice,
    prepaidAmount: prepaid.toFixed(2),
    appliedCredits: [...(invoice.appliedCredits ?? []), applied],
    notes: [
      ...(invoice.notes ?? []),
      appliedCreditNote(credit, amount, invoice.language, invoice.currency),
    ],
  };
}

/**
 * Deducts the pending credits from the drafts of their client, in the drafts' order and the
 * credits' order, each draft up to what it asks. Returns the drafts (changed ones are copies) and
 * what is still pending after them.
 */
export function applyCredits(
  drafts: readonly Draft[],
  pending: readonly PendingCredit[],
): { drafts: Draft[]; left: PendingCredit[] } {
  const left = pending.map((c) => ({ ...c }));
  const out = drafts.map((draft) => {
    if (!takesCredit(draft)) return draft;
    let invoice = draft.invoice;
    for (const credit of left) {
      if (credit.buyerCode.toUpperCase() !== draft.buyerCode.toUpperCase()) continue;
      if (!credit.amount.isPositive()) continue;
      const due = invoiceTotals(invoice).duePayableAmount;
      if (!due.isPositive()) break;
      const take = credit.amount.greaterThan(due) ? due : credit.amount;
      invoice = deduct(invoice, credit, take);
      credit.amount = credit.amount.minus(take);
    }
    return invoice === draft.invoice ? draft : { ...draft, invoice };
  });
  return { drafts: out, left };
}
