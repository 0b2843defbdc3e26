/**
 * The HTML checker finds what it is there to find: each broken page below is refused, by the
 * strict reading, by a content rule, or by Chromium's parser reading it differently.
 */
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../../tools/local/chromium';
import { checkHtml, validateAll } from './html-check';

const page = (body: string, head = '') =>
  `<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>t</title>${head}\n</head>\n<body>${body}</body>\n</html>`;

const BROKEN: readonly (readonly [string, string, RegExp, boolean])[] = [
  // [what, page, the problem named, whether Chromium's tree differs from the one written too]
  [
    'a table inside a paragraph (what the emails did)',
    page('<p>Sessions :<table><tbody><tr><td>1</td></tr></tbody></table></p>'),
    /<table> inside <p>/,
    true,
  ],
  [
    'a list inside a paragraph (what the emails did)',
    page('<p>Votre facture doit indiquer :<ul><li>SIRET</li></ul></p>'),
    /<ul> inside <p>/,
    true,
  ],
  [
    'a row straight in a table',
    page('<table><tr><td>1</td></tr></table>'),
    /<tr> inside <table>/,
    true,
  ],
  ['an unquoted attribute', page('<p class=x>a</p>'), /not starting a well-formed tag/, true],
  ['a single-quoted attribute', page("<p title='x'>a</p>"), /not starting a well-formed tag/, true],
  ['a bare & in text', page('<p>Dupont & Fils</p>'), /not written as an entity/, false],
  ['a raw < in text', page('<p>a < b</p>'), /not starting a well-formed tag/, false],
  ['a misnested end tag', page('<p><strong>a</p></strong>'), /closes <strong>/, false],
  ['an element never closed', page('<div><span>a</div>'), /closes <span>|never closed/, false],
  ['a div in a span', page('<span><div>a</div></span>'), /<div> inside <span>/, false],
  [
    'a link in a link',
    page('<a href="https://a.example">x<a href="https://b.example">y</a></a>'),
    /<a> inside <a>/,
    true,
  ],
  ['an event handler', page('<p onclick="x()">a</p>'), /event handler/, false],
  ['a javascript: link', page('<a href="javascript:alert(1)">a</a>'), /javascript: URL/, false],
  [
    'an obsolete attribute',
    page('<table border="1"><tbody><tr><td>1</td></tr></tbody></table>'),
    /obsolete attribute border/,
    false,
  ],
  [
    'an obsolete element',
    page('<center>a</center>'),
    /unknown or obsolete element <center>/,
    false,
  ],
  [
    'a field with no label',
    page('<form><input id="x" type="text"></form>'),
    /<input id="x"> has no label/,
    false,
  ],
  ['a label naming nothing', page('<label for="nope">N</label>'), /names no control/, false],
  ['an id used twice', page('<p id="a">1</p><p id="a">2</p>'), /id "a" used twice/, false],
  ['a list with a paragraph in it', page('<ul><p>a</p></ul>'), /<p> inside <ul>/, false],
];

describe('the HTML checker', () => {
  let browser: Browser | undefined;
  let tab: Page;

  beforeAll(async () => {
    const missing = chromiumMissing();
    if (missing) throw new Error(missing);
    browser = await launchChromium();
    tab = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('accepts a correct page', async () => {
    const ok = page(
      '<form><label for="a">A</label><input id="a" type="text" required><p>Dupont &amp; Fils &lt;b&gt;</p><table><thead><tr><th>x</th></tr></thead><tbody><tr><td><p>1</p></td></tr></tbody></table></form>',
    );
    const [r] = await validateAll(tab, [ok], { bareBooleans: true });
    expect(r?.problems).toEqual([]);
  });

  it.each(BROKEN.map((b) => [b[0], b] as const))('refuses %s', async (_w, [, html, why, moved]) => {
    expect(checkHtml(html).problems.join('\n')).toMatch(why);
    const [r] = await validateAll(tab, [html]);
    const chromium = (r?.problems ?? []).filter((p) => p.startsWith('Chromium reads it'));
    expect(chromium.length > 0).toBe(moved);
  });
});
