/**
 * An amount of money in the invoice's currency (the currency itself is carried by the document:
 * a workbook bills in one currency, so amounts do not repeat it).
 *
 * Immutable. Arithmetic keeps full precision (up to 40 significant digits); the only place where
 * precision is dropped is a named rounding (`roundHalfUp`, `roundDown`), so that every rounding on
 * an invoice is visible in the code. Amounts printed on an invoice have 2 decimals (cents); unit
 * prices and intermediate products may carry more.
 */
import { Dec, dec, decimalStringFromNumber, toPlainString, type DecimalString } from './decimal';

/** Number of decimals of the amounts printed on invoices (cents). */
export const CENT_SCALE = 2;

export class Money {
  private constructor(private readonly value: Dec) {
    Object.freeze(this);
  }

  /** From a plain decimal string such as `'12.34'`, `'-0.5'` or `'1.2605'`; throws otherwise. */
  static of(amount: DecimalString): Money {
    return new Money(dec(amount));
  }

  /** From an integer number of cents (a JS safe integer or a bigint). */
  static fromCents(cents: number | bigint): Money {
    if (typeof cents === 'number' && !Number.isSafeInteger(cents)) {
      throw new RangeError(`Not a whole number of cents: ${String(cents)}`);
    }
    return new Money(new Dec(cents.toString()).div(100));
  }

  /**
   * From a spreadsheet number, deliberately: the amount is the shortest decimal that round-trips
   * to that double (see `decimalStringFromNumber`), which is exactly the value a user typed.
   * Numbers computed by formulas may carry binary noise; round them explicitly afterwards.
   */
  static fromNumberExact(n: number): Money {
    return Money.of(decimalStringFromNumber(n));
  }

  /** @internal From a decimal of the core's private clone. */
  static fromDecimal(value: Dec): Money {
    return new Money(new Dec(value));
  }

  static zero(): Money {
    return ZERO;
  }

  /** Sum of a list of amounts (0 for an empty list), exact. */
  static sum(amounts: Iterable<Money>): Money {
    let total = new Dec(0);
    for (const amount of amounts) total = total.plus(amount.value);
    return new Money(total);
  }

  /** @internal The decimal of the core's private clone, for the core's own computations. */
  toDecimal(): Dec {
    return this.value;
  }

  plus(other: Money): Money {
    return new Money(this.value.plus(other.value));
  }

  minus(other: Money): Money {
    return new Money(this.value.minus(other.value));
  }

  /** Exact product by a decimal factor (a quantity, a rate as a fraction…), not rounded. */
  times(factor: DecimalString | Dec): Money {
    return new Money(this.value.times(typeof factor === 'string' ? dec(factor) : factor));
  }

  /** Quotient to 40 significant digits, not rounded to cents. Throws on division by zero. */
  dividedBy(divisor: DecimalString | Dec): Money {
    const d = typeof divisor === 'string' ? dec(divisor) : divisor;
    if (d.isZero()) throw new RangeError('Division of an amount by zero');
    return new Money(this.value.div(d));
  }

  negated(): Money {
    return new Money(this.value.neg());
  }

  abs(): Money {
    return new Money(this.value.abs());
  }

  /** Rounds to `scale` decimals, ties away from zero (commercial rounding; 2 = cents). */
  roundHalfUp(scale: number = CENT_SCALE): Money {
    return new Money(this.value.toDecimalPlaces(scale, Dec.ROUND_HALF_UP));
  }

  /** Rounds to `scale` decimals towards minus infinity (used by allocations). */
  roundFloor(scale: number = CENT_SCALE): Money {
    return new Money(this.value.toDecimalPlaces(scale, Dec.ROUND_FLOOR));
  }

  /** Number of decimals needed to write the amount exactly (`12.30` → 1). */
  decimalPlaces(): number {
    return this.value.decimalPlaces();
  }

  /** True when the amount has at most `scale` decimals, i.e. rounding would not change it. */
  isRoundedTo(scale: number = CENT_SCALE): boolean {
    return this.value.decimalPlaces() <= scale;
  }

  isZero(): boolean {
    return this.value.isZero();
  }

  isNegative(): boolean {
    return this.value.isNegative() && !this.value.isZero();
  }

  isPositive(): boolean {
    return this.value.isPositive() && !this.value.isZero();
  }

  /** -1, 0 or 1. */
  compare(other: Money): -1 | 0 | 1 {
    const c = this.value.comparedTo(other.value);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }

  equals(other: Money): boolean {
    return this.value.equals(other.value);
  }

  lessThan(other: Money): boolean {
    return this.value.lessThan(other.value);
  }

  lessThanOrEqual(other: Money): boolean {
    return this.value.lessThanOrEqualTo(other.value);
  }

  greaterThan(other: Money): boolean {
    return this.value.greaterThan(other.value);
  }

  greaterThanOrEqual(other: Money): boolean {
    return this.value.greaterThanOrEqualTo(other.value);
  }

  static min(a: Money, b: Money): Money {
    return a.lessThanOrEqual(b) ? a : b;
  }

  static max(a: Money, b: Money): Money {
    return a.greaterThanOrEqual(b) ? a : b;
  }

  /** Plain decimal string with no rounding and no trailing zeros (`12.3`, `-0.005`). */
  toString(): DecimalString {
    return toPlainString(this.value);
  }

  /**
   * Plain decimal string with exactly `scale` decimals (`12.30`). Throws when the amount has more
   * decimals: round first, explicitly, so that no rounding happens by accident while writing.
   */
  toFixed(scale: number = CENT_SCALE): DecimalString {
    if (!this.isRoundedTo(scale)) {
      throw new RangeError(`Amount ${this.toString()} has more than ${scale} decimals`);
    }
    const fixed = this.value.toFixed(scale);
    return /^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed;
  }

  /** Whole number of cents; throws when the amount is not rounded to cents. */
  toCents(): number {
    if (!this.isRoundedTo(CENT_SCALE)) {
      throw new RangeError(`Amount ${this.toString()} is not a whole number of cents`);
    }
    const cents = this.value.times(100).toNumber();
    if (!Number.isSafeInteger(cents))
      throw new RangeError(`Amount ${this.toString()} is too large`);
    return cents === 0 ? 0 : cents;
  }

  /**
   * The nearest binary number, for writing a rounded amount into a spreadsheet cell (which holds
   * doubles). Never compute with the result.
   */
  toNumber(): number {
    const n = this.value.toNumber();
    return n === 0 ? 0 : n;
  }

  toJSON(): DecimalString {
    return this.toString();
  }
}

const ZERO = Money.of('0');
