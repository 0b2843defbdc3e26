/**
 * Splitting an amount into parts that add back to it exactly (financer share and remainder,
 * deposits, per-line shares of a VAT amount).
 *
 * Method: largest remainder. Each part gets its exact share rounded down to the scale; the cents
 * left over (always between 0 and the number of parts) go one each to the parts whose exact
 * share lost the most in rounding down, earlier parts first on ties. Every part is therefore
 * within one unit of the scale of its exact share, and the parts always sum to the total.
 * Negative totals are split as their opposite and negated, so that splitting -x gives exactly
 * the opposite parts of splitting x (a credit note mirrors its invoice).
 */
import { Dec, dec, type DecimalString } from './decimal';
import { CENT_SCALE, Money } from './money';

/**
 * Rounds exact shares to `scale` so that they sum to `total` exactly. `total` must already be at
 * that scale and must be the rounding (any direction) of the sum of the shares to within the
 * number of shares; callers in this core guarantee it.
 */
export function roundSharesToTotal(
  exactShares: readonly Dec[],
  total: Dec,
  scale: number = CENT_SCALE,
): Dec[] {
  if (total.lt(0)) {
    return roundSharesToTotal(
      exactShares.map((s) => s.neg()),
      total.neg(),
      scale,
    ).map((s) => s.neg());
  }
  const unit = new Dec(1).div(new Dec(10).pow(scale));
  const floors = exactShares.map((s) => s.toDecimalPlaces(scale, Dec.ROUND_FLOOR));
  const floorSum = floors.reduce((acc, f) => acc.plus(f), new Dec(0));
  const leftoverUnits = total.minus(floorSum).div(unit);
  if (!leftoverUnits.isInteger() || leftoverUnits.lt(0) || leftoverUnits.gt(floors.length)) {
    throw new RangeError(
      `Cannot round shares summing to ${floorSum.toFixed()} (floored) to a total of ${total.toFixed()}`,
    );
  }
  const order = exactShares
    .map((share, index) => ({ index, lost: share.minus(floors[index] ?? share) }))
    .sort((a, b) => b.lost.comparedTo(a.lost) || a.index - b.index);
  const result = floors.slice();
  for (let k = 0; k < leftoverUnits.toNumber(); k++) {
    const target = order[k];
    if (target === undefined) break;
    result[target.index] = (result[target.index] ?? new Dec(0)).plus(unit);
  }
  return result;
}

/**
 * `roundSharesToTotal` on amounts: the same parts, computed with Money's exact arithmetic (scaled
 * integers when the amounts fit them) rather than always in decimal.js.
 */
export function roundMoneySharesToTotal(
  exactShares: readonly Money[],
  total: Money,
  scale: number = CENT_SCALE,
): Money[] {
  if (total.isNegative()) {
    return roundMoneySharesToTotal(
      exactShares.map((s) => s.negated()),
      total.negated(),
      scale,
    ).map((s) => s.negated());
  }
  const unit = Money.of(scale === 0 ? '1' : `0.${'1'.padStart(scale, '0')}`);
  const floors = exactShares.map((s) => s.roundFloor(scale));
  const floorSum = Money.sum(floors);
  const left = total.minus(floorSum);
  const leftoverUnits = left.isRoundedTo(scale)
    ? left.times(`1${'0'.repeat(scale)}`).toNumber()
    : Number.NaN;
  if (!Number.isInteger(leftoverUnits) || leftoverUnits < 0 || leftoverUnits > floors.length) {
    throw new RangeError(
      `Cannot round shares summing to ${floorSum.toString()} (floored) to a total of ${total.toString()}`,
    );
  }
  const order = exactShares
    .map((share, index) => ({ index, lost: share.minus(floors[index] ?? share) }))
    .sort((a, b) => b.lost.compare(a.lost) || a.index - b.index);
  const result = floors.slice();
  for (let k = 0; k < leftoverUnits; k++) {
    const target = order[k];
    if (target === undefined) break;
    result[target.index] = (result[target.index] ?? Money.zero()).plus(unit);
  }
  return result;
}

/**
 * Splits `total` (rounded to `scale`, cents by default) in proportion to non-negative `ratios`
 * (`['1', '1', '1']`, `['70', '30']`, `['0.25', '0.75']`). The parts add back to `total`
 * exactly; ties go to the earlier part. Throws when the ratios are negative or sum to zero.
 */
export function allocate(
  total: Money,
  ratios: readonly DecimalString[],
  scale: number = CENT_SCALE,
): Money[] {
  if (!total.isRoundedTo(scale)) {
    throw new RangeError(`Total ${total.toString()} has more than ${scale} decimals`);
  }
  const weights = ratios.map((r) => dec(r));
  if (weights.length === 0) throw new RangeError('Allocation needs at least one ratio');
  if (weights.some((w) => w.lt(0))) {
    throw new RangeError('Allocation ratios must not be negative');
  }
  const weightSum = weights.reduce((acc, w) => acc.plus(w), new Dec(0));
  if (weightSum.isZero()) throw new RangeError('Allocation ratios sum to zero');
  const t = total.toDecimal();
  const exact = weights.map((w) => t.times(w).div(weightSum));
  return roundSharesToTotal(exact, t, scale).map((d) => Money.fromDecimal(d));
}

/** What a party covers of an amount: a percentage of it, or a fixed amount. */
export type Share = { readonly percent: DecimalString } | { readonly amount: Money };

export interface SplitResult {
  /** The share, rounded half-up to the cent. */
  readonly share: Money;
  /** `total - share`, so that share + remainder = total exactly. */
  readonly remainder: Money;
  /** True when a fixed-amount share was larger than the total and was reduced to it. */
  readonly capped: boolean;
}

/**
 * Splits `total` (in cents) between a party that covers `share` and the remainder. A percentage
 * share is rounded half-up to the cent (`33.33 %` of 100.00 → 33.33 / 66.67); a fixed share above
 * the total is capped to the total (and flagged) so that the remainder is never of the opposite
 * sign. Works on negative totals symmetrically (a credit note of a split invoice).
 */
export function split(total: Money, share: Share): SplitResult {
  if (!total.isRoundedTo(CENT_SCALE)) {
    throw new RangeError(`Total ${total.toString()} is not rounded to the cent`);
  }
  if ('percent' in share) {
    const p = dec(share.percent);
    if (p.lt(0) || p.gt(100)) {
      throw new RangeError(`Share ${share.percent} % is outside 0..100`);
    }
    const part = total.times(p.div(100)).roundHalfUp(CENT_SCALE);
    return { share: part, remainder: total.minus(part), capped: false };
  }
  const amount = share.amount;
  if (!amount.isRoundedTo(CENT_SCALE)) {
    throw new RangeError(`Share ${amount.toString()} is not rounded to the cent`);
  }
  if (amount.isNegative() !== total.isNegative() && !amount.isZero() && !total.isZero()) {
    throw new RangeError('A fixed share must have the sign of the total');
  }
  const capped = amount.abs().greaterThan(total.abs());
  const part = capped ? total : amount;
  return { share: part, remainder: total.minus(part), capped };
}
