/**
 * The private decimal arithmetic of the invoice core.
 *
 * A clone of decimal.js with its own settings, so that nothing else in the bundle (nor a
 * library calling the global `Decimal.set`) can change how invoices are computed.
 * - precision: 40 significant digits. Invoice figures need at most ~15 (a 13-digit euro amount
 *   with 2 decimals); 40 leaves room for products of quantity × unit price × discount × rate
 *   and for the divisions of allocations without any intermediate rounding that matters.
 * - rounding: ROUND_HALF_UP, which in decimal.js means "to nearest, ties away from zero". That
 *   is the commercial rounding expected on French invoices, and it is symmetric: rounding -x
 *   gives -(rounding x), so a credit note that negates an invoice negates its totals exactly.
 *
 * Values cross the boundaries of the core as plain decimal strings (`DecimalString`), never as
 * binary floating-point numbers.
 */
import Decimal from 'decimal.js';

export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Dec = Decimal;

/**
 * A decimal number written in plain notation: an optional minus sign, digits, and optionally a
 * dot followed by digits (`12`, `-0.5`, `1234.5678`). No exponent, no thousands separator, no
 * locale comma: the sheets layer converts what users type into this form.
 */
export type DecimalString = string;

const DECIMAL_PATTERN = /^-?\d{1,30}(\.\d{1,30})?$/;

/** True when `text` is a `DecimalString` (plain notation, at most 30 digits each side). */
export function isDecimalString(text: string): boolean {
  return DECIMAL_PATTERN.test(text);
}

/** -1, 0 or 1: the sign of a `DecimalString` (`-0.00` is 0), read from its digits. */
export function decimalSign(text: DecimalString): -1 | 0 | 1 {
  if (!isDecimalString(text)) throw new RangeError(`Not a plain decimal string: "${text}"`);
  if (!/[1-9]/.test(text)) return 0;
  return text.startsWith('-') ? -1 : 1;
}

/** Parses a `DecimalString`; throws a RangeError on anything else (validate inputs upstream). */
export function dec(text: DecimalString): Dec {
  if (!isDecimalString(text)) {
    throw new RangeError(`Not a plain decimal string: "${text}"`);
  }
  return new Dec(text);
}

/**
 * The exact decimal that a spreadsheet number stands for, as a `DecimalString`.
 *
 * `String(n)` is the shortest decimal string that converts back to the same binary double.
 * A value typed into a sheet cell (at most 15 significant digits, which is all Sheets keeps) is
 * stored as the double nearest to it, and the shortest string that round-trips to that double is
 * the typed decimal itself: any decimal of 15 significant digits or fewer survives the trip
 * through a double. So `0.1` gives "0.1", not 0.1000000000000000055511151231257827.
 * A number computed by a formula may carry binary noise (`=0.1+0.2` gives "0.30000000000000004");
 * that is reported by `hasBinaryNoise` and must be rounded by the caller, deliberately.
 */
export function decimalStringFromNumber(n: number): DecimalString {
  if (!Number.isFinite(n)) {
    throw new RangeError(`Not a finite number: ${String(n)}`);
  }
  // String(n) is already plain between 1e-7 and 1e21 (and never ends with a zero after the
  // point). Decimal accepts the exponent form it gives outside (1e+21, 1e-7); toFixed() without
  // an argument writes it back in plain notation with no rounding.
  const shortest = String(n);
  if (!shortest.includes('e')) return shortest;
  const plain = new Dec(shortest).toFixed();
  return plain === '-0' ? '0' : plain;
}

/**
 * True when a spreadsheet number has more than 15 significant digits, the sign that it is the
 * result of binary arithmetic (a formula) rather than a value someone typed.
 */
export function hasBinaryNoise(n: number): boolean {
  if (!Number.isFinite(n)) return true;
  return new Dec(String(n)).sd(false) > 15;
}

/** Writes a decimal in plain notation with no rounding (`-0` is written `0`). */
export function toPlainString(value: Dec): DecimalString {
  const plain = value.toFixed();
  return plain === '-0' ? '0' : plain;
}

/**
 * A `DecimalString` times 10^places (`places` may be negative), written in plain notation like
 * `toPlainString`: `shiftPoint('5.5', -2)` is `0.055`, `shiftPoint('-12', 1)` is `-120`.
 */
export function shiftPoint(text: DecimalString, places: number): DecimalString {
  if (!isDecimalString(text)) throw new RangeError(`Not a plain decimal string: "${text}"`);
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const point = body.indexOf('.');
  const whole = point < 0 ? body : body.slice(0, point);
  const fraction = point < 0 ? '' : body.slice(point + 1);
  let digits = whole + fraction;
  let at = whole.length + places;
  if (at < 0) {
    digits = '0'.repeat(-at) + digits;
    at = 0;
  } else if (at > digits.length) {
    digits += '0'.repeat(at - digits.length);
  }
  const int = digits.slice(0, at).replace(/^0+/, '') || '0';
  const frac = digits.slice(at).replace(/0+$/, '');
  const plain = frac === '' ? int : `${int}.${frac}`;
  return negative && plain !== '0' ? `-${plain}` : plain;
}

/** The fraction that a percentage stands for: `20` → 0.2 (exact). */
export function percentToFraction(percent: DecimalString): Dec {
  return dec(percent).div(100);
}
