import { allMatches, compileRe2, translateRe2 } from '../../tools/gas-sim/re2';

describe('RE2 search patterns', () => {
  it.each([
    ['{{total}}', 'Total: {{total}} €', ['{{total}}']],
    ['\\{\\{total\\}\\}', 'Total: {{total}} €', ['{{total}}']],
    ['a{2}', 'caaat', ['aa']],
    ['x{2,}', 'xxxx', ['xxxx']],
    ['\\Q1+1=2\\E', 'is 1+1=2?', ['1+1=2']],
    ['\\$\\{amount\\}', 'pay ${amount} now', ['${amount}']],
    ['(?i)facture', 'FACTURE facture', ['FACTURE', 'facture']],
    ['[[:digit:]]+', 'n° 2026-001', ['2026', '001']],
    ['\\pL+', 'Été 42', ['Été']],
    ['caf.', 'café caf\r caf\n', ['café', 'caf\r']],
    ['\\-\\#\\@', 'a-#@b', ['-#@']],
    ['^Total', 'Total Total', ['Total']],
  ])('%s in %j matches %j', (pattern, text, expected) => {
    const re = compileRe2(pattern);
    expect(allMatches(re, text).map((m) => text.slice(m.start, m.end))).toEqual(expected);
  });

  it.each([
    ['(?=x)', 'lookaround'],
    ['(?<!x)y', 'lookaround'],
    ['(a)\\1', 'backreferences'],
    ['a++', 'possessive'],
    ['x(?i:y)', 'mode modifiers'],
    ['(?>a)', 'atomic'],
    ['(unclosed', 'missing )'],
    ['*start', 'missing argument'],
    ['\\k', 'invalid escape'],
  ])('rejects %s (%s), as RE2 does', (pattern, why) => {
    expect(() => compileRe2(pattern)).toThrow(why);
  });

  it('names groups the JS way and keeps classes valid in unicode mode', () => {
    expect(translateRe2('(?P<n>[a-z-]+)').source).toBe('(?<n>[a-z\\-]+)');
    expect(allMatches(compileRe2('[-a]+'), 'x-a-y').length).toBe(1);
  });
});
