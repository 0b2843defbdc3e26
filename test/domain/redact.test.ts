/** Email addresses and IBANs never leave in a report or a log line. */
import { redact } from '../../src/domain/redact';

describe('redact', () => {
  it.each([
    ['Invalid email: claire.clement@mentor.example', 'Invalid email: <email>'],
    ['to <paul.durand@freelance.example>, minh@nguyen-conseil.example', 'to <<email>>, <email>'],
    ['IBAN FR76 3000 4008 2800 0123 4567 841 refused', 'IBAN <iban> refused'],
    ['IBAN FR7630004008280001234567841 refused', 'IBAN <iban> refused'],
    [
      'FA-2026-00001 issued, 1 234,56 €, file 1WKu19AJMdRnxYUjJQbSrK5ed7GZfpHeZAM4nnQ7E0r0',
      'FA-2026-00001 issued, 1 234,56 €, file 1WKu19AJMdRnxYUjJQbSrK5ed7GZfpHeZAM4nnQ7E0r0',
    ],
  ])('%s', (input, output) => {
    expect(redact(input)).toBe(output);
  });
});
