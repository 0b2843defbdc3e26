/**
 * Mandatory mentions about the amounts: every line with a designation, a readable quantity, unit
 * price, discount and a consistent VAT rate or exemption; document-level allowances and charges
 * in cents with a reason; a readable deposit; one exemption reason per VAT category.
 */
import { dec, decimalSign, isDecimalString } from './decimal';
import type { InvoiceDocument } from './invoice';
import { both, msg, type Message } from '../texts';
import type { LocalizedText } from './language';
import { FIELDS, allVat, blank, documentSource, invalid, missing } from './mention-problems';
import { CENT_SCALE, Money } from './money';
import type { Problem, SourceRef } from './problem';
import { lineVatErrors, vatKey } from './vat';

const HUNDRED = Money.of('100');

/**
 * Checks lines, allowances and charges, and the deposit; returns true when every decimal of the
 * document can be computed with (the totals are only computed then).
 */
export function checkAmounts(invoice: InvoiceDocument, problems: Problem[]): boolean {
  let computable = true;
  if (invoice.lines.length === 0) {
    problems.push(missing('lines', FIELDS.lines, documentSource(invoice, FIELDS.lines)));
  }
  invoice.lines.forEach((line, i) => {
    const src = (field: LocalizedText): SourceRef =>
      line.source === undefined
        ? documentSource(invoice, both('source.line-field', { line: i + 1, field }))
        : { tab: line.source.tab, record: line.source.rowId, field };
    const what = (field: LocalizedText): Message => msg('field.of-line', { field, line: i + 1 });
    if (blank(line.description)) {
      problems.push(
        missing(`lines[${i}].description`, what(FIELDS.description), src(FIELDS.description)),
      );
    }
    if (!isDecimalString(line.quantity)) {
      computable = false;
      problems.push(
        invalid(`lines[${i}].quantity`, what(FIELDS.quantity), src(FIELDS.quantity), line.quantity),
      );
    }
    if (!isDecimalString(line.unitPrice) || decimalSign(line.unitPrice) < 0) {
      computable = false;
      problems.push(
        invalid(
          `lines[${i}].unitPrice`,
          what(FIELDS.unitPrice),
          src(FIELDS.unitPrice),
          line.unitPrice,
          msg('mention.price-not-negative'),
        ),
      );
    }
    const base = line.priceBaseQuantity;
    if (base !== undefined && (!isDecimalString(base) || decimalSign(base) <= 0)) {
      computable = false;
      problems.push(
        invalid(`lines[${i}].priceBaseQuantity`, what(FIELDS.quantity), src(FIELDS.quantity), base),
      );
    }
    const discount = line.discountPercent;
    if (
      discount !== undefined &&
      (!isDecimalString(discount) ||
        decimalSign(discount) < 0 ||
        Money.of(discount).greaterThan(HUNDRED))
    ) {
      computable = false;
      problems.push(
        invalid(
          `lines[${i}].discountPercent`,
          what(FIELDS.discount),
          src(FIELDS.discount),
          discount,
          msg('mention.discount-range'),
        ),
      );
    }
    const vatErrors = lineVatErrors(line.vat);
    if (vatErrors.length > 0) {
      computable = false;
      for (const error of vatErrors) {
        problems.push(
          invalid(
            `lines[${i}].vat`,
            what(FIELDS.vatRate),
            src(FIELDS.vatRate),
            `${line.vat.category} ${line.vat.ratePercent}`,
            error,
          ),
        );
      }
    }
  });
  (invoice.allowancesCharges ?? []).forEach((item, i) => {
    const label = msg(item.charge ? 'item.charge' : 'item.allowance', { n: i + 1 });
    const field = (f: LocalizedText): LocalizedText =>
      both('source.item-field', { item: label, field: f });
    if (!isDecimalString(item.amount) || dec(item.amount).decimalPlaces() > CENT_SCALE) {
      computable = false;
      problems.push(
        invalid(
          `allowancesCharges[${i}].amount`,
          field(FIELDS.amount),
          documentSource(invoice, field(FIELDS.amount)),
          item.amount,
          msg('mention.amount-in-cents'),
        ),
      );
    }
    if (blank(item.reason)) {
      problems.push(
        missing(
          `allowancesCharges[${i}].reason`,
          field(FIELDS.reason),
          documentSource(invoice, field(FIELDS.reason)),
        ),
      );
    }
    for (const error of lineVatErrors(item.vat)) {
      computable = false;
      problems.push(
        invalid(
          `allowancesCharges[${i}].vat`,
          field(FIELDS.vatRate),
          documentSource(invoice, field(FIELDS.vatRate)),
          `${item.vat.category} ${item.vat.ratePercent}`,
          error,
        ),
      );
    }
  });
  const prepaid = invoice.prepaidAmount;
  if (
    prepaid !== undefined &&
    (!isDecimalString(prepaid) || dec(prepaid).decimalPlaces() > CENT_SCALE)
  ) {
    computable = false;
    problems.push(
      invalid('prepaidAmount', FIELDS.prepaid, documentSource(invoice, FIELDS.prepaid), prepaid),
    );
  }
  // EN 16931 keeps one VAT breakdown per category and rate, with one exemption reason.
  const reasons = new Map<string, string>();
  for (const vat of allVat(invoice)) {
    if (vat.exemption === undefined) continue;
    const key = vatKey(vat);
    const seen = reasons.get(key);
    if (seen === undefined) reasons.set(key, vat.exemption);
    else if (seen !== vat.exemption) {
      problems.push(
        invalid(
          'vat.exemption',
          FIELDS.vatRate,
          documentSource(invoice, FIELDS.vatRate),
          `${seen} / ${vat.exemption}`,
          msg('mention.two-exemption-reasons'),
        ),
      );
      break;
    }
  }
  return computable;
}
