/**
 * The invoice core: pure functions and values, no Apps Script, only decimal.js.
 * Money and rounding, dates, VAT, lines and totals (EN 16931), numbering, due dates, mandatory
 * mentions, credit and debit notes, payment status, formatting.
 */
export {
  isDecimalString,
  decimalStringFromNumber,
  hasBinaryNoise,
  type DecimalString,
} from './decimal';
export { Money, CENT_SCALE } from './money';
export { allocate, split, type Share, type SplitResult } from './allocation';
export * from './dates';
export { toCalendarDate, isValidTimeZone } from './time-zone';
export * from './language';
export * from './format';
export * from './problem';
export * from './vat';
export * from './invoice';
export * from './identifiers';
export { lineAmounts, lineNet, type LineAmounts } from './line-amounts';
export * from './totals';
export * from './number-pattern';
export * from './numbering';
export * from './register-check';
export * from './due-dates';
export * from './payment-options';
export * from './mentions';
export * from './credit-notes';
export * from './payment-status';
