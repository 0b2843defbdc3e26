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

/**
 * Exact powers of ten as doubles (10^0 … 10^22 are all exactly representable), for amounts held
 * as a whole number of units of 10^-scale.
 */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const MAX_SCALE = 22;

/**
 * An exact decimal held as `units × 10^-scale`, `units` a safe integer, with no trailing zero
 * after the point (`scale` as small as it can be): the form of every amount with at most 15 or
 * so significant digits, computed with integer arithmetic that stays exact. Anything else is a
 * decimal.js value.
 */
interface Scaled {
  readonly units: number;
  readonly scale: number;
}

/** `units × 10^-scale` with its trailing zeros removed; null when it does not fit. */
function scaled(units: number, scale: number): Scaled | null {
  if (!Number.isSafeInteger(units)) return null;
  if (units === 0) return { units: 0, scale: 0 };
  let u = units;
  let k = scale;
  while (k > 0 && u % 10 === 0) {
    u /= 10;
    k--;
  }
  return k > MAX_SCALE ? null : { units: u, scale: k };
}

/**
 * A `DecimalString` as units and scale, or null when it is not one (or has too many digits to
 * be held that way).
 */
function parseScaled(text: string): Scaled | null {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const negative = i === 1;
  let units = 0;
  let intDigits = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    units = units * 10 + c;
    intDigits++;
  }
  if (intDigits === 0 || intDigits > 30) return null;
  let scale = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return null; // '.'
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      units = units * 10 + c;
      scale++;
    }
    if (scale === 0 || scale > 30) return null;
  }
  // Past 2^53 the digits were not added exactly.
  if (units > Number.MAX_SAFE_INTEGER) return null;
  return scaled(negative ? -units : units, scale);
}

/** Aligns two scaled values on the larger scale; null when a side stops being safe. */
function aligned(a: Scaled, b: Scaled): [number, number, number] | null {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  if (a.scale > b.scale) {
    const bu = b.units * (POW10[a.scale - b.scale] ?? NaN);
    return Number.isSafeInteger(bu) ? [a.units, bu, a.scale] : null;
  }
  const au = a.units * (POW10[b.scale - a.scale] ?? NaN);
  return Number.isSafeInteger(au) ? [au, b.units, b.scale] : null;
}

/** Plain decimal string of a scaled value (`-0.05`, `12.3`, `0`). */
function scaledToString(v: Scaled): string {
  if (v.scale === 0) return String(v.units);
  const digits = String(Math.abs(v.units)).padStart(v.scale + 1, '0');
  const cut = digits.length - v.scale;
  return `${v.units < 0 ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/**
 * Rounds a scaled value to `scale` decimals: half away from zero (`up`) or towards minus
 * infinity; exact (`%` and the division of a multiple are exact on safe integers).
 */
function roundScaled(v: Scaled, scale: number, up: boolean): Scaled | null {
  if (v.scale <= scale) return v;
  const d = POW10[v.scale - scale] ?? NaN;
  const magnitude = Math.abs(v.units);
  const r = magnitude % d;
  let q = (magnitude - r) / d;
  if (up) {
    if (2 * r >= d) q++;
    return scaled(v.units < 0 ? -q : q, scale);
  }
  if (v.units < 0) return scaled(r > 0 ? -(q + 1) : -q, scale);
  return scaled(q, scale);
}

export class Money {
  /**
   * Held as a scaled integer when the amount fits one (`fast`), else as a decimal.js value
   * (`value`); never both, so that equal amounts have equal fields.
   */
  private readonly fast: Scaled | null;
  private readonly value: Dec | null;

  private constructor(fast: Scaled | null, value: Dec | null) {
    this.fast = fast;
    this.value = fast === null ? value : null;
    Object.freeze(this);
  }

  /** A decimal.js result, held as a scaled integer when it fits one. */
  private static ofDec(value: Dec): Money {
    if (value.isZero()) return ZERO;
    if (value.decimalPlaces() <= MAX_SCALE && value.precision(true) <= 15) {
      const fast = parseScaled(toPlainString(value));
      if (fast !== null) return new Money(fast, null);
    }
    return new Money(null, value);
  }

  private static ofScaled(fast: Scaled | null, slow: () => Dec): Money {
    return fast === null ? Money.ofDec(slow()) : new Money(fast, null);
  }

  /** The value as decimal.js (built from the scaled integer when held that way). */
  private dec(): Dec {
    return this.value ?? new Dec(scaledToString(this.fast ?? { units: 0, scale: 0 }));
  }

  /** From a plain decimal string such as `'12.34'`, `'-0.5'` or `'1.2605'`; throws otherwise. */
  static of(amount: DecimalString): Money {
    const fast = parseScaled(amount);
    return fast === null ? Money.ofDec(dec(amount)) : new Money(fast, null);
  }

  /** From an integer number of cents (a JS safe integer or a bigint). */
  static fromCents(cents: number | bigint): Money {
    if (typeof cents === 'number' && !Number.isSafeInteger(cents)) {
      throw new RangeError(`Not a whole number of cents: ${String(cents)}`);
    }
    const n = Number(cents);
    if (Number.isSafeInteger(n)) return Money.ofScaled(scaled(n, CENT_SCALE), () => new Dec(0));
    return Money.ofDec(new Dec(cents.toString()).div(100));
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
    return Money.ofDec(new Dec(value));
  }

  static zero(): Money {
    return ZERO;
  }

  /** Sum of a list of amounts (0 for an empty list), exact. */
  static sum(amounts: Iterable<Money>): Money {
    let total = ZERO;
    for (const amount of amounts) total = total.plus(amount);
    return total;
  }

  /** @internal The decimal of the core's private clone, for the core's own computations. */
  toDecimal(): Dec {
    return this.dec();
  }

  plus(other: Money): Money {
    const a = this.fast;
    const b = other.fast;
    if (a !== null && b !== null) {
      const x = aligned(a, b);
      if (x !== null)
        return Money.ofScaled(scaled(x[0] + x[1], x[2]), () => this.dec().plus(other.dec()));
    }
    return Money.ofDec(this.dec().plus(other.dec()));
  }

  minus(other: Money): Money {
    const a = this.fast;
    const b = other.fast;
    if (a !== null && b !== null) {
      const x = aligned(a, b);
      if (x !== null)
        return Money.ofScaled(scaled(x[0] - x[1], x[2]), () => this.dec().minus(other.dec()));
    }
    return Money.ofDec(this.dec().minus(other.dec()));
  }

  /**
   * `a × b` rounded half-up to `scale` decimals: what `Money.of(a).times(b).roundHalfUp(scale)`
   * gives, with no intermediate amount when both fit scaled integers (a line's quantity × price).
   */
  static productRoundedHalfUp(
    a: DecimalString,
    b: DecimalString,
    scale: number = CENT_SCALE,
  ): Money {
    const x = parseScaled(a);
    const y = x === null ? null : parseScaled(b);
    if (x !== null && y !== null && Number.isInteger(scale) && scale >= 0) {
      const product = scaled(x.units * y.units, x.scale + y.scale);
      const rounded = product === null ? null : roundScaled(product, scale, true);
      if (rounded !== null) return rounded.units === 0 ? ZERO : new Money(rounded, null);
    }
    return Money.of(a).times(b).roundHalfUp(scale);
  }

  /** Exact product by a decimal factor (a quantity, a rate as a fraction…), not rounded. */
  times(factor: DecimalString | Dec): Money {
    const a = this.fast;
    if (a !== null && typeof factor === 'string') {
      const f = parseScaled(factor);
      if (f !== null) {
        const product = scaled(a.units * f.units, a.scale + f.scale);
        if (product !== null) return new Money(product, null);
      }
    }
    return Money.ofDec(this.dec().times(typeof factor === 'string' ? dec(factor) : factor));
  }

  /** Quotient to 40 significant digits, not rounded to cents. Throws on division by zero. */
  dividedBy(divisor: DecimalString | Dec): Money {
    const d = typeof divisor === 'string' ? dec(divisor) : divisor;
    if (d.isZero()) throw new RangeError('Division of an amount by zero');
    return Money.ofDec(this.dec().div(d));
  }

  negated(): Money {
    const a = this.fast;
    if (a !== null)
      return a.units === 0 ? this : new Money({ units: -a.units, scale: a.scale }, null);
    return Money.ofDec(this.dec().neg());
  }

  abs(): Money {
    const a = this.fast;
    if (a !== null)
      return a.units >= 0 ? this : new Money({ units: -a.units, scale: a.scale }, null);
    return Money.ofDec(this.dec().abs());
  }

  /** Rounds to `scale` decimals, ties away from zero (commercial rounding; 2 = cents). */
  roundHalfUp(scale: number = CENT_SCALE): Money {
    const a = this.fast;
    if (a !== null && Number.isInteger(scale) && scale >= 0) {
      const r = roundScaled(a, scale, true);
      if (r !== null) return r === a ? this : new Money(r, null);
    }
    return Money.ofDec(this.dec().toDecimalPlaces(scale, Dec.ROUND_HALF_UP));
  }

  /** Rounds to `scale` decimals towards minus infinity (used by allocations). */
  roundFloor(scale: number = CENT_SCALE): Money {
    const a = this.fast;
    if (a !== null && Number.isInteger(scale) && scale >= 0) {
      const r = roundScaled(a, scale, false);
      if (r !== null) return r === a ? this : new Money(r, null);
    }
    return Money.ofDec(this.dec().toDecimalPlaces(scale, Dec.ROUND_FLOOR));
  }

  /** Number of decimals needed to write the amount exactly (`12.30` → 1). */
  decimalPlaces(): number {
    return this.fast !== null ? this.fast.scale : this.dec().decimalPlaces();
  }

  /** True when the amount has at most `scale` decimals, i.e. rounding would not change it. */
  isRoundedTo(scale: number = CENT_SCALE): boolean {
    return this.decimalPlaces() <= scale;
  }

  isZero(): boolean {
    return this.fast !== null ? this.fast.units === 0 : this.dec().isZero();
  }

  isNegative(): boolean {
    if (this.fast !== null) return this.fast.units < 0;
    const v = this.dec();
    return v.isNegative() && !v.isZero();
  }

  isPositive(): boolean {
    if (this.fast !== null) return this.fast.units > 0;
    const v = this.dec();
    return v.isPositive() && !v.isZero();
  }

  /** -1, 0 or 1. */
  compare(other: Money): -1 | 0 | 1 {
    const a = this.fast;
    const b = other.fast;
    if (a !== null && b !== null) {
      const x = aligned(a, b);
      if (x !== null) return x[0] < x[1] ? -1 : x[0] > x[1] ? 1 : 0;
    }
    const c = this.dec().comparedTo(other.dec());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }

  equals(other: Money): boolean {
    return this.compare(other) === 0;
  }

  lessThan(other: Money): boolean {
    return this.compare(other) < 0;
  }

  lessThanOrEqual(other: Money): boolean {
    return this.compare(other) <= 0;
  }

  greaterThan(other: Money): boolean {
    return this.compare(other) > 0;
  }

  greaterThanOrEqual(other: Money): boolean {
    return this.compare(other) >= 0;
  }

  static min(a: Money, b: Money): Money {
    return a.lessThanOrEqual(b) ? a : b;
  }

  static max(a: Money, b: Money): Money {
    return a.greaterThanOrEqual(b) ? a : b;
  }

  /** Plain decimal string with no rounding and no trailing zeros (`12.3`, `-0.005`). */
  toString(): DecimalString {
    return this.fast !== null ? scaledToString(this.fast) : toPlainString(this.dec());
  }

  /**
   * Plain decimal string with exactly `scale` decimals (`12.30`). Throws when the amount has more
   * decimals: round first, explicitly, so that no rounding happens by accident while writing.
   */
  toFixed(scale: number = CENT_SCALE): DecimalString {
    if (!this.isRoundedTo(scale)) {
      throw new RangeError(`Amount ${this.toString()} has more than ${scale} decimals`);
    }
    const a = this.fast;
    if (a !== null) {
      const text = scaledToString(a);
      if (scale === 0) return text;
      const point = text.indexOf('.');
      return point < 0
        ? `${text}.${'0'.repeat(scale)}`
        : text + '0'.repeat(scale - (text.length - point - 1));
    }
    const fixed = this.dec().toFixed(scale);
    return /^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed;
  }

  /**
   * The whole number of cents when the amount is held as a scaled integer with at most two
   * decimals, else null (the caller then takes the general path): no exception, no allocation.
   */
  centsIfWhole(): number | null {
    const a = this.fast;
    if (a === null || a.scale > CENT_SCALE) return null;
    const cents = a.units * (POW10[CENT_SCALE - a.scale] ?? NaN);
    return Number.isSafeInteger(cents) ? cents : null;
  }

  /** Whole number of cents; throws when the amount is not rounded to cents. */
  toCents(): number {
    if (!this.isRoundedTo(CENT_SCALE)) {
      throw new RangeError(`Amount ${this.toString()} is not a whole number of cents`);
    }
    const a = this.fast;
    const cents =
      a !== null
        ? a.units * (POW10[CENT_SCALE - a.scale] ?? NaN)
        : this.dec().times(100).toNumber();
    if (!Number.isSafeInteger(cents))
      throw new RangeError(`Amount ${this.toString()} is too large`);
    return cents === 0 ? 0 : cents;
  }

  /**
   * The nearest binary number, for writing a rounded amount into a spreadsheet cell (which holds
   * doubles). Never compute with the result.
   */
  toNumber(): number {
    // units and 10^scale are exact doubles: one division rounds the exact quotient once, to the
    // same double as reading its decimal string.
    const a = this.fast;
    const n = a !== null ? a.units / (POW10[a.scale] ?? NaN) : this.dec().toNumber();
    return n === 0 ? 0 : n;
  }

  toJSON(): DecimalString {
    return this.toString();
  }
}

const ZERO = Money.fromCents(0);
