/**
 * Texts that leave the workbook (the Diagnostic report, log lines) carry no email address and
 * no IBAN: an error text may quote either.
 */
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[A-Za-z]{2,}/g;
/** Two letters, two check digits, then 10 to 30 letters or digits, possibly in groups of four. */
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;

export function redact(text: string): string {
  return text.replace(EMAIL, '<email>').replace(IBAN, '<iban>');
}
