/**
 * The emails' HTML read by a real HTML parser, Chromium's: every kind × language × ordinary or
 * hostile text × with or without a contact, and every email the demo sends through the bundle
 * (its month and the weeks after). Each must be read by Chromium exactly as written (nothing
 * closed early or moved), pass the content-model rules of html-check.ts, hold nothing a mail
 * client strips, and show hostile user text as text. Chromium missing is a failure, not a skip.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import PostalMime from 'postal-mime';
import { TEXT_WIDTH } from '../../src/render/emails';
import { chromiumMissing, launchChromium } from '../../tools/local/chromium';
import { runDemo } from '../../tools/local/demo';
import { demoWorkbook, tempDir, walk } from '../e2e/helpers';
import { allEmails } from '../render/email-cases';
import { elementsOf, textOf, validateAll, type Element } from './html-check';

/** What Outlook's Word engine needs on the 600 px container, obsolete as it is. */
const EMAIL_RULES = {
  allowObsolete: ['table.width', 'table.align'],
  forbid: ['script', 'style', 'link', 'img', 'form', 'input', 'button', 'select', 'textarea'],
};

const ALL = allEmails();

/** The elements the emails' layout writes. */
const WRITTEN = new Set(
  ['html', 'head', 'meta', 'title', 'body', 'table', 'thead', 'tbody', 'tr', 'th', 'td'].concat([
    'h1',
    'p',
    'strong',
    'span',
    'br',
    'a',
    'ul',
    'li',
  ]),
);

interface Sent {
  file: string;
  subject: string;
  to: string;
  text: string;
  html: string;
}

let browser: Browser | undefined;
let page: Page;
const results = new Map<string, { problems: string[]; tree: Element }>();
let demo: Sent[] = [];
let demoResults: { problems: string[]; tree: Element }[] = [];

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  browser = await launchChromium();
  page = await browser.newPage();
  const checked = await validateAll(
    page,
    ALL.map((x) => x.built.email.html),
    EMAIL_RULES,
  );
  ALL.forEach((x, k) => {
    const r = checked[k];
    if (r) results.set(x.name, r);
  });
  // The demo as `npm run demo` runs it: its month, then the weeks after.
  const out = tempDir('emails-html');
  const log: string[] = [];
  const code = await runDemo({ workbook: demoWorkbook, out }, (s) => log.push(s));
  if (code !== 0) throw new Error(`the demo failed:\n${log.join('\n')}`);
  const files = walk(out)
    .filter((f) => f.endsWith('.eml'))
    .sort();
  demo = await Promise.all(
    files.map(async (file) => {
      const m = await PostalMime.parse(fs.readFileSync(file));
      return {
        file: path.relative(out, file),
        subject: m.subject ?? '',
        to: m.to?.[0]?.address ?? '',
        text: m.text ?? '',
        html: m.html ?? '',
      };
    }),
  );
  demoResults = await validateAll(
    page,
    demo.map((m) => m.html),
    EMAIL_RULES,
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('every email kind, read by Chromium', () => {
  it.each(ALL.map((x) => [x.name, x] as const))('%s', (name, x) => {
    const r = results.get(name);
    expect(r?.problems).toEqual([]);
    const tree = r?.tree;
    if (!tree) throw new Error('no tree');
    // The page's text holds each user text whole, as text: no element came out of it.
    const body = elementsOf(tree).find((e) => e.tag === 'body');
    const shown = textOf(body ?? tree).replace(/\s+/g, ' ');
    for (const u of x.built.userTexts) expect(shown).toContain(u.replace(/\s+/g, ' '));
    // Only the elements the layout writes: none came from user text.
    const tags = new Set(elementsOf(tree).map((e) => e.tag));
    expect([...tags].filter((t) => !WRITTEN.has(t))).toEqual([]);
  });
});

describe('every email of the demo, as the bundle sends it', () => {
  it('sends every kind the demo goes through', () => {
    const kinds = [
      /^Autofacture .* à approuver/,
      /^Facture FA-/,
      /^Invoice FA-/,
      /^Appel à facturation/,
      /^Facturation de novembre 2026/,
      /^Avoir AF-/,
      /^Avoir AV-/,
      /^Rappel\u00a0: \d factures/,
      /^Rappel\u00a0: facture/,
    ];
    for (const k of kinds) expect(demo.filter((m) => k.test(m.subject)).length).toBeGreaterThan(0);
    expect(demo).toHaveLength(demoResults.length);
  });

  it('has valid HTML, read by Chromium as written', () => {
    const bad = demo
      .map((m, k) => ({ file: m.file, problems: demoResults[k]?.problems ?? ['no result'] }))
      .filter((r) => r.problems.length > 0);
    expect(bad).toEqual([]);
    expect(demo.length).toBeGreaterThan(20);
  });

  it('has a plain-text part of lines of at most 78 characters, with no HTML in it', () => {
    for (const m of demo) {
      const long = m.text
        .split('\n')
        .filter((l) => [...l].length > TEXT_WIDTH && /\s/.test(l.trim()));
      expect([m.file, long]).toEqual([m.file, []]);
      expect([m.file, /<\/?[a-z][^>]*>|&(amp|lt|gt|quot|#39|nbsp);/i.test(m.text)]).toEqual([
        m.file,
        false,
      ]);
    }
  });

  it('greets the contact named on the row, or no one, never a company', () => {
    const greeting = (m: Sent) =>
      m.text.split('\n').find((l) => /^(Bonjour|Dear|Hello)\b/.test(l)) ?? '';
    const by = (to: string) => demo.filter((m) => m.to === to).map(greeting);
    // Clients: the Nom du contact column; a client without one is greeted without a name.
    expect(new Set(by('compta@brioche-cie.example'))).toEqual(new Set(['Bonjour Camille Roux,']));
    expect(by('ap@nexum-logistics.example')).toEqual(['Dear Daniel Hughes,']);
    expect(new Set(by('factures@opco-atlas.example'))).toEqual(new Set(['Bonjour,']));
    expect(new Set(by('studio@lumen-fils.example'))).toEqual(new Set(['Bonjour,']));
    // Providers: their Name, a person's since their Company name column holds the company.
    expect(by('minh@nguyen-conseil.example')).toEqual(['Bonjour Minh Nguyen,']);
    expect(new Set(by('claire.clement@mentor.example'))).toEqual(
      new Set(['Bonjour Claire Clément,']),
    );
    expect(by('finance@atelier-formation.example')).toEqual(['Bonjour,', 'Bonjour,']);
    const companies = /SARL|SASU|\bSA\b|EURL|\bEI\b|OPCO|France Travail|Studio Lumen/;
    expect(demo.filter((m) => companies.test(greeting(m))).map((m) => m.file)).toEqual([]);
    expect(demo.every((m) => greeting(m) !== '')).toBe(true);
  });
});
