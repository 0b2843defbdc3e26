/**
 * Corrections of issued invoices (SPEC §3.5): an issued invoice is never edited; a wrong amount is
 * corrected by a credit note (avoir: negative amounts, referencing the original number and date)
 * or, for a supplement, by a debit note (positive amounts, same reference).
 *
 * What remains of an invoice = its total with VAT + its debit notes − its credit notes, and the
 * same per VAT category and rate on the amounts excluding VAT. A credit note may never take either
 * below zero: one cannot credit more than was invoiced, in total or at any rate.
 */
import type { CalendarDate } from './dates';
import { dec, toPlainString, type DecimalString } from './decimal';
import { formatDate, formatMoney } from './format';
import {
  isCreditNote,
  isSelfBilled,
  type InvoiceDocument,
  type InvoiceLine,
  type PrecedingInvoiceRef,
} from './invoice';
import { both, msg, perLanguage } from '../texts';
import { Money } from './money';
import type { Problem } from './problem';
import { invoiceTotals } from './totals';
import type { LineVat } from './vat';

export interface Remaining {
  /** Total with VAT not yet credited. */
  readonly grandTotal: Money;
  /** Amount excluding VAT not yet credited, per VAT breakdown key (`S:20`). */
  readonly byVat: ReadonlyMap<string, Money>;
}

function negate(value: DecimalString): DecimalString {
  return toPlainString(dec(value).neg());
}

/** What remains of `original` once the credit and debit notes in `related` are applied. */
export function remainingOfInvoice(
  original: InvoiceDocument,
  related: readonly InvoiceDocument[],
): Remaining {
  const byVat = new Map<string, Money>();
  let grandTotal = Money.zero();
  for (const doc of [original, ...related]) {
    const totals = invoiceTotals(doc);
    grandTotal = grandTotal.plus(totals.grandTotal);
    for (const row of totals.vatBreakdown) {
      byVat.set(row.key, (byVat.get(row.key) ?? Money.zero()).plus(row.taxableAmount));
    }
  }
  return { grandTotal, byVat };
}

function referenceOf(original: InvoiceDocument): PrecedingInvoiceRef {
  if (original.number === undefined || original.issueDate === undefined) {
    throw new RangeError(
      'Only an issued invoice (with a number and an issue date) can be corrected',
    );
  }
  return { number: original.number, issueDate: original.issueDate };
}

export interface CorrectionOptions {
  readonly issueDate: CalendarDate;
  /** Why the document is issued; printed as a note. */
  readonly reason?: string;
}

export interface CreditNoteOptions extends CorrectionOptions {
  /**
   * The lines to credit, written with positive quantities as on the invoice (they are negated
   * here). Absent: the whole invoice is credited, its document-level allowances and charges too.
   */
  readonly lines?: readonly InvoiceLine[];
}

/** A line for a correction by amount: quantity 1 at `amount` excluding VAT. */
export function amountLine(description: string, amount: Money, vat: LineVat): InvoiceLine {
  return { description, quantity: '1', unitPrice: amount.toString(), vat };
}

function baseOf(
  original: InvoiceDocument,
  options: CorrectionOptions,
): Omit<InvoiceDocument, 'kind' | 'lines'> {
  return {
    issueDate: options.issueDate,
    language: original.language,
    currency: original.currency,
    seller: original.seller,
    buyer: original.buyer,
    ...(original.serviceDate === undefined ? {} : { serviceDate: original.serviceDate }),
    ...(original.servicePeriod === undefined ? {} : { servicePeriod: original.servicePeriod }),
    ...(original.purchaseOrderReference === undefined
      ? {}
      : { purchaseOrderReference: original.purchaseOrderReference }),
    ...(original.latePenaltyText === undefined
      ? {}
      : { latePenaltyText: original.latePenaltyText }),
    precedingInvoice: referenceOf(original),
    operationCategory: original.operationCategory,
    ...(options.reason === undefined || options.reason === '' ? {} : { notes: [options.reason] }),
  };
}

/**
 * A credit note for all of `original` or for some lines: negative quantities, the same prices and
 * VAT, a reference to the original's number and date. Self-billed invoices get a self-billed
 * credit note. Check it with `creditNoteProblems` before issuing.
 */
export function buildCreditNote(
  original: InvoiceDocument,
  options: CreditNoteOptions,
): InvoiceDocument {
  if (isCreditNote(original.kind)) throw new RangeError('A credit note cannot itself be credited');
  const lines = options.lines ?? original.lines;
  const full = options.lines === undefined;
  return {
    ...baseOf(original, options),
    kind: isSelfBilled(original.kind) ? 'autofacture-avoir' : 'avoir',
    lines: lines.map((line) => ({ ...line, quantity: negate(line.quantity) })),
    ...(full && original.allowancesCharges !== undefined
      ? {
          allowancesCharges: original.allowancesCharges.map((a) => ({
            ...a,
            amount: negate(a.amount),
          })),
        }
      : {}),
  };
}

/**
 * A debit note adding `lines` (positive amounts) to `original`, with its due date to be set like
 * an invoice's. Self-billed supplements are issued as new self-billed invoices instead.
 */
export function buildDebitNote(
  original: InvoiceDocument,
  options: CorrectionOptions & {
    readonly lines: readonly InvoiceLine[];
    readonly dueDate?: CalendarDate;
  },
): InvoiceDocument {
  if (isCreditNote(original.kind) || isSelfBilled(original.kind)) {
    throw new RangeError(
      'Debit notes supplement invoices that are neither credit notes nor self-billed',
    );
  }
  return {
    ...baseOf(original, options),
    kind: 'note-de-debit',
    lines: options.lines,
    ...(options.dueDate === undefined ? {} : { dueDate: options.dueDate }),
  };
}

/**
 * Why `creditNote` may not be issued against `original` given the notes already issued
 * (`related`): wrong kind or reference, positive amounts, or more than what remains (in total with
 * VAT, or at a VAT rate). Empty when it may be issued.
 */
export function creditNoteProblems(
  original: InvoiceDocument,
  related: readonly InvoiceDocument[],
  creditNote: InvoiceDocument,
): Problem[] {
  const problems: Problem[] = [];
  const ref = referenceOf(original);
  const source = {
    tab: 'invoices' as const,
    record: ref.number,
    field: both('field.totalWithVat'),
  };
  if (!isCreditNote(creditNote.kind)) {
    problems.push({
      code: 'credit-note.kind',
      field: 'kind',
      source,
      message: msg('credit-note.not-a-credit-note'),
      value: creditNote.kind,
    });
  }
  if (
    creditNote.precedingInvoice?.number !== ref.number ||
    creditNote.precedingInvoice.issueDate !== ref.issueDate
  ) {
    problems.push({
      code: 'credit-note.reference',
      field: 'precedingInvoice',
      source,
      message: msg('credit-note.reference', {
        number: ref.number,
        date: perLanguage((language) => formatDate(ref.issueDate, language)),
      }),
    });
  }
  const totals = invoiceTotals(creditNote);
  if (!totals.grandTotal.isNegative()) {
    problems.push({
      code: 'credit-note.sign',
      field: 'lines',
      source,
      message: msg('credit-note.sign'),
      value: totals.grandTotal.toString(),
    });
  }
  const remaining = remainingOfInvoice(original, related);
  const after = remaining.grandTotal.plus(totals.grandTotal);
  const currency = original.currency;
  if (after.isNegative()) {
    problems.push({
      code: 'credit-note.exceeds',
      field: 'lines',
      source,
      message: msg('credit-note.exceeds', {
        amount: perLanguage((language) => formatMoney(totals.grandTotal.abs(), language, currency)),
        number: ref.number,
        remaining: perLanguage((language) => formatMoney(remaining.grandTotal, language, currency)),
      }),
      value: totals.grandTotal.toString(),
    });
  }
  for (const row of totals.vatBreakdown) {
    const left = remaining.byVat.get(row.key) ?? Money.zero();
    if (left.plus(row.taxableAmount).isNegative()) {
      problems.push({
        code: 'credit-note.exceeds-rate',
        field: 'lines',
        source,
        message: msg('credit-note.exceeds-rate', {
          amount: perLanguage((language) =>
            formatMoney(row.taxableAmount.abs(), language, currency),
          ),
          rate: row.key,
          remaining: perLanguage((language) => formatMoney(left, language, currency)),
          number: ref.number,
        }),
        value: row.taxableAmount.toString(),
      });
    }
  }
  return problems;
}
