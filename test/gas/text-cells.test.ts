/** Text the add-on writes stays text: never a formula, a number or a date (SPEC §8). */
import { needsQuote, asText } from '../../src/gas/workbook';

describe('text written to the sheet', () => {
  it.each([
    ['=HYPERLINK("x")', true],
    ['+33 6 12 34 56 78', true],
    ['-12', true],
    ['@mention', true],
    ['2026-11', true],
    ['05/12/2026', true],
    ['1 234,56', true],
    ['20 %', true],
    ['0612', true],
    ['VRAI', true],
    ['12:30', true],
    ['FA-2026-00001', false],
    ['e0b56d756727-19', false],
    ['Brioche & Compagnie SARL', false],
    ['2026-11:CLEMENT', false],
    ['', false],
  ])('%s needs an apostrophe: %s', (text, expected) => {
    expect(needsQuote(text)).toBe(expected);
    expect(asText(text)).toBe(expected ? `'${text}` : text);
  });
});
