/**
 * The agency fee (SPEC §3.4, after OFF-WORKS): the fee is the set share r of the client's final
 * amount before VAT, so on top of the providers' total P it is fee = P × r / (1 − r), and
 * P + fee = P / (1 − r). Rounded half-up to the cent once; e.g. 17 % on 8 300,00 € → 1 700,00 €
 * (total HT 10 000,00 €).
 */
import { dec, isDecimalString, percentToFraction, type DecimalString } from '../domain/decimal';
import { CENT_SCALE, Money } from '../domain/money';

export type AgencyFeeSetting =
  | { readonly on: false }
  | { readonly on: true; readonly percent: DecimalString }
  | { readonly on: false; readonly invalid: string };

/** Reads the agency fee rate (percent points, e.g. `'17'`): empty or 0 = off; 100 % or more is invalid. */
export function agencyFeeSetting(percent: string): AgencyFeeSetting {
  const s = percent.trim();
  if (s === '') return { on: false };
  if (!isDecimalString(s) || dec(s).isNegative() || dec(s).gte(100)) {
    return { on: false, invalid: s };
  }
  return dec(s).isZero() ? { on: false } : { on: true, percent: s };
}

/** fee = providers' total × r / (1 − r), rounded half-up to the cent. */
export function agencyFee(providersTotal: Money, percent: DecimalString): Money {
  const r = percentToFraction(percent);
  return providersTotal.times(r.div(r.neg().plus(1))).roundHalfUp(CENT_SCALE);
}
