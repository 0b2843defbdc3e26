/**
 * Provider payout options for CRA missions (SPEC §3.2): how many days after the CRA's validation
 * the freelancer is paid, and the fee taken for paying early. They are settings, not code; the
 * defaults are those of the seed (Basic 60 days, no fee; Express 30 days, 2.5 %; Flash 3 days,
 * 5 %).
 *
 * The fee is "x % of the daily rate" for each day of the CRA, that is x % × TJM × days worked
 * (= x % of the CRA amount excluding VAT), rounded half-up to the cent once.
 */
import { addDays, type CalendarDate } from './dates';
import { dec, isDecimalString, percentToFraction, type DecimalString } from './decimal';
import { both, msg } from '../texts';
import { CENT_SCALE, Money } from './money';
import type { Problem } from './problem';

export interface PaymentOption {
  readonly name: string;
  /** Days from the CRA validation date to the payout. */
  readonly delayDays: number;
  /** Fee in percent of the daily rate, per day worked. */
  readonly feePercent: DecimalString;
}

export const DEFAULT_PAYMENT_OPTIONS: readonly PaymentOption[] = [
  { name: 'Basic', delayDays: 60, feePercent: '0' },
  { name: 'Express', delayDays: 30, feePercent: '2.5' },
  { name: 'Flash', delayDays: 3, feePercent: '5' },
];

export type PaymentOptionsResult =
  | { readonly ok: true; readonly options: readonly PaymentOption[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const ENTRY =
  /^([\p{L}\p{N}_ -]*?[\p{L}\p{N}_])\s*[:=|/]?\s*(\d{1,4})\s*(?:j|jours?|d|days?)?\s*[,;/|]?\s*(\d{1,3}(?:[.,]\d{1,4})?)\s*%?$/u;

/**
 * Reads the payment-options setting, entries separated by `;` or new lines, each a name, a delay
 * in days and a fee in percent: `Basic: 60 j / 0 %; Express: 30 j / 2,5 %; Flash: 3 j / 5 %`.
 * An empty setting gives the defaults.
 */
export function parsePaymentOptions(text: string): PaymentOptionsResult {
  const entries = text
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return { ok: true, options: DEFAULT_PAYMENT_OPTIONS };
  const options: PaymentOption[] = [];
  const problems: Problem[] = [];
  for (const entry of entries) {
    const m = ENTRY.exec(entry);
    const fee = (m?.[3] ?? '').replace(',', '.');
    if (!m || !isDecimalString(fee) || dec(fee).gt(100)) {
      problems.push({
        code: 'settings.payment-option',
        field: 'paymentOptions',
        source: { tab: 'settings', field: both('field.paymentOptions') },
        message: msg('setting.payment-option', { entry }),
        value: entry,
      });
      continue;
    }
    options.push({ name: (m[1] ?? '').trim(), delayDays: Number(m[2]), feePercent: fee });
  }
  return problems.length === 0 ? { ok: true, options } : { ok: false, problems };
}

/** The option named `name` (case and accents ignored), if any. */
export function findPaymentOption(
  options: readonly PaymentOption[],
  name: string,
): PaymentOption | undefined {
  const key = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .trim()
      .toLowerCase();
  return options.find((o) => key(o.name) === key(name));
}

export interface Payout {
  readonly dueDate: CalendarDate;
  /** CRA amount excluding VAT: days × daily rate, rounded half-up to the cent. */
  readonly gross: Money;
  /** Fee: fee % × daily rate × days, rounded half-up to the cent. */
  readonly fee: Money;
  /** gross − fee. */
  readonly net: Money;
}

/** The provider's payout for a validated CRA under an option. */
export function computePayout(
  option: PaymentOption,
  cra: {
    readonly daysWorked: DecimalString;
    readonly dailyRate: DecimalString;
    readonly validatedOn: CalendarDate;
  },
): Payout {
  const exactGross = dec(cra.daysWorked).times(dec(cra.dailyRate));
  const gross = Money.fromDecimal(exactGross).roundHalfUp(CENT_SCALE);
  const fee = Money.fromDecimal(exactGross.times(percentToFraction(option.feePercent))).roundHalfUp(
    CENT_SCALE,
  );
  return { dueDate: addDays(cra.validatedOn, option.delayDays), gross, fee, net: gross.minus(fee) };
}
