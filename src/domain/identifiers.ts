/**
 * Checks of the identifiers printed on invoices: SIREN / SIRET (INSEE, Luhn key), French VAT
 * numbers (key = (12 + 3 × (SIREN mod 97)) mod 97), IBAN (ISO 13616, mod 97 = 1) and BIC
 * (ISO 9362). Spaces are ignored, as people type them in groups.
 */

function compact(text: string): string {
  return text.replace(/[\s\u00a0]+/g, '').toUpperCase();
}

/** Luhn checksum over a string of digits. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * La Poste's establishments share one SIREN and have SIRETs that may not follow Luhn: for them,
 * the digits of the SIRET sum to a multiple of 5 (the head office, 356 000 000 00048, follows Luhn).
 */
const LA_POSTE_SIREN = '356000000';

export function normalizeSiren(text: string): string {
  return compact(text);
}

export function isValidSiren(text: string): boolean {
  const s = compact(text);
  return /^\d{9}$/.test(s) && luhnValid(s);
}

export function isValidSiret(text: string): boolean {
  const s = compact(text);
  if (!/^\d{14}$/.test(s)) return false;
  if (s.startsWith(LA_POSTE_SIREN)) {
    const sum = [...s].reduce((acc, c) => acc + Number(c), 0);
    return sum % 5 === 0 || luhnValid(s);
  }
  return luhnValid(s) && luhnValid(s.slice(0, 9));
}

/** The SIREN of a party: given, or the first 9 digits of its SIRET. */
export function sirenOf(party: {
  readonly siren?: string;
  readonly siret?: string;
}): string | undefined {
  const siren = party.siren === undefined ? '' : compact(party.siren);
  if (siren !== '') return siren;
  const siret = party.siret === undefined ? '' : compact(party.siret);
  return siret.length >= 9 ? siret.slice(0, 9) : undefined;
}

/**
 * A VAT number: two letters of the country then 2 to 13 characters. French numbers (`FR` + 2-char
 * key + SIREN) are checked against their key when the key is numeric.
 */
export function isValidVatNumber(text: string): boolean {
  const v = compact(text);
  if (!/^[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(v)) return false;
  if (!v.startsWith('FR')) return true;
  const m = /^FR([0-9A-Z]{2})(\d{9})$/.exec(v);
  if (!m) return false;
  const key = m[1] ?? '';
  const siren = m[2] ?? '';
  if (!/^\d{2}$/.test(key)) return true; // the older alphanumeric keys have no simple check
  return Number(key) === (12 + 3 * (Number(siren) % 97)) % 97;
}

/** ISO 13616: country, 2 check digits, up to 30 characters; the rearranged number mod 97 is 1. */
export function isValidIban(text: string): boolean {
  const iban = compact(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const code = c.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : c;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** ISO 9362: 4 letters (bank), 2 letters (country), 2 characters (location), optional 3 (branch). */
export function isValidBic(text: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(compact(text));
}

/** An IBAN with all but its first 4 and last 4 characters hidden, for messages and logs. */
export function maskIban(text: string): string {
  const iban = compact(text);
  if (iban.length <= 8) return '*'.repeat(iban.length);
  return `${iban.slice(0, 4)}${'*'.repeat(iban.length - 8)}${iban.slice(-4)}`;
}
