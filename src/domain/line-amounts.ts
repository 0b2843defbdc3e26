/**
 * The amounts of one invoice line (EN 16931 BT-131 and its parts).
 *
 * Line net (BT-131) = quantity × unit price ÷ price base quantity × (1 − discount %), computed
 * exactly and rounded half-up to the cent once, per line (SPEC §3). The gross amount and the
 * discount amount are derived so that they are consistent to the cent (gross − discount = net)
 * for documents that show them, without rounding the net twice.
 */
import { dec, percentToFraction, shiftPoint } from './decimal';
import type { InvoiceLine } from './invoice';
import { CENT_SCALE, Money } from './money';

export interface LineAmounts {
  /** quantity × unit price ÷ base quantity, rounded half-up to the cent. */
  readonly gross: Money;
  /** gross − net: the discount as printed (a line allowance, BT-136). */
  readonly discount: Money;
  /** Line net amount excluding VAT (BT-131), rounded half-up to the cent once. */
  readonly net: Money;
  /** The exact net before rounding, for checks. */
  readonly exactNet: Money;
}

/** Computes a line's amounts; throws on malformed decimals (validate with missingMentions). */
export function lineAmounts(line: InvoiceLine): LineAmounts {
  // Exact either way: Money multiplies as scaled integers when the figures fit, else in decimal.js.
  if (line.priceBaseQuantity === undefined) {
    const exactGross = Money.of(line.quantity).times(line.unitPrice);
    const percent = line.discountPercent;
    let kept: string | undefined;
    if (percent !== undefined) {
      const off = Money.of(percent);
      if (off.isNegative() || off.greaterThan(HUNDRED)) {
        throw new RangeError(`Discount must be between 0 and 100 %: ${percent}`);
      }
      kept = shiftPoint(HUNDRED.minus(off).toString(), -2);
    }
    const exactNet = kept === undefined ? exactGross : exactGross.times(kept);
    const gross = exactGross.roundHalfUp(CENT_SCALE);
    const net = exactNet.roundHalfUp(CENT_SCALE);
    return { gross, discount: gross.minus(net), net, exactNet };
  }
  const quantity = dec(line.quantity);
  const unitPrice = dec(line.unitPrice);
  const baseQuantity =
    line.priceBaseQuantity === undefined ? undefined : dec(line.priceBaseQuantity);
  if (baseQuantity !== undefined && !baseQuantity.gt(0)) {
    throw new RangeError(`Price base quantity must be positive: ${line.priceBaseQuantity ?? ''}`);
  }
  const discount =
    line.discountPercent === undefined ? undefined : percentToFraction(line.discountPercent);
  if (discount !== undefined && (discount.lt(0) || discount.gt(1))) {
    throw new RangeError(`Discount must be between 0 and 100 %: ${line.discountPercent ?? ''}`);
  }
  let exactGross = quantity.times(unitPrice);
  if (baseQuantity !== undefined) exactGross = exactGross.div(baseQuantity);
  const exactNet = discount === undefined ? exactGross : exactGross.times(discount.neg().plus(1));
  const gross = Money.fromDecimal(exactGross).roundHalfUp(CENT_SCALE);
  const net = Money.fromDecimal(exactNet).roundHalfUp(CENT_SCALE);
  return { gross, discount: gross.minus(net), net, exactNet: Money.fromDecimal(exactNet) };
}

const HUNDRED = Money.of('100');

/** Line net amount (BT-131), rounded half-up to the cent. */
export function lineNet(line: InvoiceLine): Money {
  // The net alone, as lineAmounts computes it, without the gross and the discount.
  if (line.priceBaseQuantity !== undefined) return lineAmounts(line).net;
  const percent = line.discountPercent;
  if (percent === undefined)
    return Money.productRoundedHalfUp(line.quantity, line.unitPrice, CENT_SCALE);
  const exactGross = Money.of(line.quantity).times(line.unitPrice);
  const off = Money.of(percent);
  if (off.isNegative() || off.greaterThan(HUNDRED)) {
    throw new RangeError(`Discount must be between 0 and 100 %: ${percent}`);
  }
  return exactGross.times(shiftPoint(HUNDRED.minus(off).toString(), -2)).roundHalfUp(CENT_SCALE);
}
