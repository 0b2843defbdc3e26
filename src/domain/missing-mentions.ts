/**
 * The gate before issuing: every mandatory value of a French invoice (SPEC §3.5; CGI annexe II
 * art. 242 nonies A; Code de commerce L441-9) that is missing or unusable, each as a problem that
 * names the field, the record it should come from (`Paramètres: SIREN`, `Clients: ACME: adresse`)
 * and a message in French and English. An invoice with any problem is not issued.
 *
 * Run it before allocating the number (`expectNumber: false`): a number must never be spent on an
 * invoice that then cannot be issued, or the series would have a gap.
 *
 * When a value is required, and why:
 * - names and addresses of both parties: always;
 * - SIREN: the seller's when established in France; the buyer's when it is a French business
 *   (not a private person, not a foreign company);
 * - seller's VAT number: when the invoice bears VAT or reverse charge (a business under the
 *   franchise or with only exempt training may have none); buyer's: under reverse charge;
 * - NDA: when a line is exempt as vocational training;
 * - IBAN and BIC: when an amount is due (not on credit notes);
 * - the self-billing mandate: on self-billed documents, signed on or before the issue date;
 * - purchase-order reference: when the buyer's record has one;
 * - number, issue date, service date or period, due date (within the legal limit), lines with
 *   designation, quantity, unit price, discount and VAT rate or exemption;
 * - the late-penalty text: for business buyers;
 * - the payment reference (client code + number), once the number is known, except on credit notes;
 * - the corrected invoice's number and date: on credit and debit notes.
 */
import { maxDate, type CalendarDate } from './dates';
import { legalDueDateLimit } from './due-dates';
import { formatDate } from './format';
import { isCorrection, isCreditNote, partyFieldSource, type InvoiceDocument } from './invoice';
import { msg, perLanguage } from '../texts';
import type { LocalizedText } from './language';
import { isBusinessBuyer, OPERATION_CATEGORY_TEXTS } from './legal-texts';
import { checkAmounts } from './line-mentions';
import { FIELDS, blank, documentSource, invalid, missing } from './mention-problems';
import type { Money } from './money';
import { invoiceNumberProblems } from './number-pattern';
import { checkParty, checkSellerSpecifics } from './party-mentions';
import type { Problem, SourceRef } from './problem';
import { invoiceTotals, type Totals } from './totals';

export interface MentionCheckOptions {
  /** False when checking before the number is allocated (the usual case). Default true. */
  readonly expectNumber?: boolean;
}

function checkDates(invoice: InvoiceDocument, problems: Problem[]): void {
  const doc = (field: LocalizedText): SourceRef => documentSource(invoice, field);
  const issueDate = invoice.issueDate;
  if (issueDate === undefined)
    problems.push(missing('issueDate', FIELDS.issueDate, doc(FIELDS.issueDate)));
  if (invoice.serviceDate === undefined && invoice.servicePeriod === undefined) {
    problems.push(missing('serviceDate', FIELDS.serviceDate, doc(FIELDS.serviceDate)));
  }
  const period = invoice.servicePeriod;
  if (period !== undefined && period.start > period.end) {
    problems.push(
      invalid(
        'servicePeriod',
        FIELDS.serviceDate,
        doc(FIELDS.serviceDate),
        `${period.start}/${period.end}`,
        msg('mention.end-before-start'),
      ),
    );
  }
  if (isCreditNote(invoice.kind)) return;
  const dueDate = invoice.dueDate;
  if (dueDate === undefined) {
    problems.push(missing('dueDate', FIELDS.dueDate, doc(FIELDS.dueDate)));
    return;
  }
  if (issueDate === undefined) return;
  // The latest of the two legal limits (60 days, or 45 days end of month), 45 days if periodic.
  const limit: CalendarDate =
    invoice.periodic === true
      ? legalDueDateLimit(issueDate, {}, { periodic: true })
      : maxDate(legalDueDateLimit(issueDate), legalDueDateLimit(issueDate, { endOfMonth: true }));
  if (dueDate < issueDate || dueDate > limit) {
    problems.push(
      invalid(
        'dueDate',
        FIELDS.dueDate,
        doc(FIELDS.dueDate),
        dueDate,
        msg('mention.due-date-limit', {
          limit: perLanguage((language) => formatDate(limit, language)),
        }),
      ),
    );
  }
}

function checkDocument(
  invoice: InvoiceDocument,
  options: MentionCheckOptions,
  problems: Problem[],
): void {
  const doc = (field: LocalizedText): SourceRef => documentSource(invoice, field);
  if (options.expectNumber !== false) {
    if (blank(invoice.number)) problems.push(missing('number', FIELDS.number, doc(FIELDS.number)));
    else if (invoiceNumberProblems(invoice.number ?? '').length > 0) {
      problems.push(
        invalid(
          'number',
          FIELDS.number,
          doc(FIELDS.number),
          invoice.number ?? '',
          msg('mention.number-characters'),
        ),
      );
    }
  }
  if (options.expectNumber !== false && !isCreditNote(invoice.kind)) {
    // The remittance reference (client code + number) lets the payment be matched to the invoice.
    const reference = invoice.paymentReference;
    if (blank(reference)) {
      problems.push(
        missing('paymentReference', FIELDS.paymentReference, doc(FIELDS.paymentReference)),
      );
    } else if (!blank(invoice.number) && !(reference ?? '').includes(invoice.number ?? '')) {
      problems.push(
        invalid(
          'paymentReference',
          FIELDS.paymentReference,
          doc(FIELDS.paymentReference),
          reference ?? '',
          msg('mention.reference-has-number'),
        ),
      );
    }
  }
  if (!/^[A-Z]{3}$/.test(invoice.currency)) {
    problems.push(
      invalid(
        'currency',
        FIELDS.currency,
        { tab: 'settings', field: FIELDS.currency },
        invoice.currency,
      ),
    );
  }
  if (!(invoice.operationCategory in OPERATION_CATEGORY_TEXTS)) {
    problems.push(
      missing('operationCategory', FIELDS.operationCategory, doc(FIELDS.operationCategory)),
    );
  }
  const buyerOrder = invoice.buyer.purchaseOrderReference;
  if (!blank(buyerOrder) && blank(invoice.purchaseOrderReference)) {
    problems.push(
      missing(
        'purchaseOrderReference',
        FIELDS.purchaseOrder,
        partyFieldSource(invoice.buyer, FIELDS.purchaseOrder),
      ),
    );
  }
  if (isBusinessBuyer(invoice) && !isCreditNote(invoice.kind) && blank(invoice.latePenaltyText)) {
    problems.push(
      missing('latePenaltyText', FIELDS.latePenalty, {
        tab: 'settings',
        field: FIELDS.latePenalty,
      }),
    );
  }
  if (isCorrection(invoice.kind)) {
    const ref = invoice.precedingInvoice;
    if (ref === undefined || blank(ref.number)) {
      problems.push(
        missing('precedingInvoice', FIELDS.precedingInvoice, doc(FIELDS.precedingInvoice)),
      );
    } else if (invoice.issueDate !== undefined && ref.issueDate > invoice.issueDate) {
      problems.push(
        invalid(
          'precedingInvoice.issueDate',
          FIELDS.precedingInvoice,
          { tab: 'invoices', record: ref.number, field: FIELDS.issueDate },
          ref.issueDate,
          msg('mention.preceding-after'),
        ),
      );
    }
  }
}

/** Every missing or unusable mandatory value of `invoice`; empty when it may be issued. */
export function missingMentions(
  invoice: InvoiceDocument,
  options: MentionCheckOptions = {},
): Problem[] {
  return checkMentions(invoice, options).problems;
}

/**
 * `missingMentions`, with the totals it computed on the way (null when the amounts cannot be
 * computed): they depend on the lines, allowances, charges and deposit only, so a caller that
 * numbers the invoice next uses them for its document rather than computing them again.
 */
export function checkMentions(
  invoice: InvoiceDocument,
  options: MentionCheckOptions = {},
): { problems: Problem[]; totals: Totals | null } {
  const problems: Problem[] = [];
  checkDocument(invoice, options, problems);
  checkDates(invoice, problems);
  const computable = checkAmounts(invoice, problems);
  let amountDue: Money | undefined;
  let totals: Totals | null = null;
  if (computable) {
    totals = invoiceTotals(invoice);
    amountDue = totals.duePayableAmount;
    const prepaid = totals.prepaidAmount;
    if (
      !isCreditNote(invoice.kind) &&
      (prepaid.isNegative() || prepaid.greaterThan(totals.grandTotal))
    ) {
      problems.push(
        invalid(
          'prepaidAmount',
          FIELDS.prepaid,
          documentSource(invoice, FIELDS.prepaid),
          prepaid.toString(),
          msg('mention.prepaid-above-total'),
        ),
      );
    }
  }
  checkParty(invoice.seller, 'seller', invoice, problems);
  checkParty(invoice.buyer, 'buyer', invoice, problems);
  checkSellerSpecifics(invoice, amountDue, problems);
  return { problems, totals };
}
