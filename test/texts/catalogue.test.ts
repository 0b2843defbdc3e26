/**
 * The catalogue of texts (src/texts): every key in both languages, the same placeholders in
 * both, no empty text, and each language's typography and vocabulary. Typing does the first
 * checks at compile time too (en.ts is typed by the French keys; `PlaceholdersAgree`); these
 * tests say which key is wrong when a catalogue is edited.
 */
import { EN } from '../../src/texts/en';
import { FR } from '../../src/texts/fr';
import {
  PLACEHOLDER,
  both,
  localized,
  msg,
  pieces,
  render,
  t,
  textKeys,
  type ParamsOf,
  type PlaceholdersOf,
} from '../../src/texts';

const fr: Readonly<Record<string, string>> = FR;
const en: Readonly<Record<string, string>> = EN;

const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].sort();

/**
 * Texts matched against the users' sheets (tab names, column headers, setting keys, values of
 * enumerated columns): kept exactly as workbooks already have them, whatever the typography.
 */
const MATCHED = /^(tab|column|setting-key|value)\./;

/** Braces that are literal text: number-pattern tokens and the template's placeholders. */
const LITERAL_BRACES = /\{(YYYY|YY|MM|PROVIDER|SEQ(:n|:\d+)?)\}|\{\{[a-z][\w.]*\}\}/g;

const NBSP = '\u00a0';

/** Texts put between two others, spaces included. */
const SEPARATORS: ReadonlySet<string> = new Set(['form.problems-separator']);

describe('the catalogue', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    expect(textKeys().sort()).toEqual(Object.keys(fr).sort());
  });

  it.each(Object.keys(fr))('%s: a text in each language, none empty', (key) => {
    expect((fr[key] ?? '').trim()).not.toBe('');
    expect((en[key] ?? '').trim()).not.toBe('');
  });

  it.each(Object.keys(fr))('%s: the same placeholders in both languages', (key) => {
    expect(placeholders(en[key] ?? '')).toEqual(placeholders(fr[key] ?? ''));
  });

  it.each(Object.keys(fr))('%s: every brace is a placeholder or a known literal', (key) => {
    for (const text of [fr[key] ?? '', en[key] ?? '']) {
      const rest = text.replace(LITERAL_BRACES, '').replace(PLACEHOLDER, '');
      expect(rest).not.toMatch(/[{}]/);
    }
  });

  it('reads the same placeholders as the compiler does', () => {
    const sample = 'Le {number} de {count1} : {SEQ:5}, {PROVIDER}, {{doc.title}}, {{x}} {Bad}';
    // The compiler's reading of the sample, written out: a parameter the runtime would not fill
    // (`SEQ:5`, `Bad`) or one it would fill and the type missed does not compile.
    const read: readonly PlaceholdersOf<typeof sample>[] = ['number', 'count1', 'x'];
    const exact: [PlaceholdersOf<typeof sample>] extends ['number' | 'count1' | 'x']
      ? true
      : false = true;
    expect(exact).toBe(true);
    expect(placeholders(sample)).toEqual([...read].sort());
    // A key's parameters are its French text's, which en.ts must repeat (PlaceholdersAgree).
    const params: readonly ParamsOf<'check.no-rate'>[] = ['type', 'level', 'date'];
    expect(placeholders(fr['check.no-rate'] ?? '')).toEqual([...params].sort());
  });
});

describe('resolving a text', () => {
  it('fills the placeholders in each language, numbers and nested messages included', () => {
    expect(t('fr', 'outcome.problems', { count: 3 })).toBe(
      render(msg('outcome.problems', { count: 3 }), 'fr'),
    );
    const nested = msg('payment.overpaid', {
      number: 'FA-1',
      amount: { fr: '5,00 €', en: '€5.00' },
      menu: msg('menu.menuApplyCredit'),
    });
    expect(render(nested, 'fr')).toContain('FA-1');
    expect(render(nested, 'fr')).toContain('5,00 €');
    expect(render(nested, 'fr')).toContain(t('fr', 'menu.menuApplyCredit'));
    expect(render(nested, 'en')).toContain('€5.00');
    expect(render(nested, 'en')).toContain(t('en', 'menu.menuApplyCredit'));
    expect(localized(msg('menu.menuHelp'))).toEqual(both('menu.menuHelp'));
  });

  it('cuts a text at its placeholders, handing each value back as given', () => {
    const bold = (v: string) => ({ bold: v });
    const parts = pieces('fr', 'email.invoice.quote-reference', { reference: bold('ACME FA-1') });
    expect(parts).toEqual([
      'Merci de rappeler la référence de paiement ',
      { bold: 'ACME FA-1' },
      ' dans le libellé de votre virement.',
    ]);
    expect(pieces('en', 'email.invoice.quote-reference', { reference: 'X' }).join('')).toBe(
      t('en', 'email.invoice.quote-reference', { reference: 'X' }),
    );
    // A value is not read again for placeholders; a text without any is one piece.
    expect(pieces('en', 'email.link', { label: '{label}' })).toEqual(['{label}', ':']);
    expect(pieces('fr', 'menu.menuHelp', {})).toEqual([t('fr', 'menu.menuHelp')]);
  });

  it('leaves a placeholder given no value visible, rather than empty', () => {
    const unfilled = { key: 'outcome.problems', params: {} } as const;
    expect(render(unfilled, 'fr')).toBe(fr['outcome.problems']);
    expect(render(unfilled, 'en')).toContain('{count}');
  });

  it('leaves the text as it is when it has no parameters, and a value in it unread', () => {
    expect(t('fr', 'menu.menuSetup')).toBe(fr['menu.menuSetup']);
    expect(t('en', 'check.unknown.client', { code: '{tab}', tab: 'Clients' })).toContain('"{tab}"');
  });
});

describe('French texts', () => {
  const texts = Object.entries(fr).filter(([key]) => !MATCHED.test(key));

  it.each(texts)('%s: a non-breaking space before : ; ! ? % € and inside « »', (_key, text) => {
    expect(text).not.toMatch(/ [:;!?»%€]/);
    expect(text).not.toMatch(/« /);
    expect(text.replace(/«\u00a0/g, '')).not.toContain('«');
    expect(text.replace(/\u00a0»/g, '')).not.toContain('»');
    // A colon, semicolon, ? or ! after a word is a French one: spaced. References such as
    // `Clients: ACME: adresse` and `ligne 2: quantité` are written without a space, as A1
    // addresses are; so are times and the examples of what to type.
    expect(text).not.toMatch(/[A-Za-zÀ-ÿ)»][;!?]/);
  });

  it.each(texts)('%s: the apostrophe is ’', (_key, text) => {
    expect(text).not.toContain("'");
  });

  it.each(texts)('%s: the users’ words', (key, text) => {
    // An intervenant, not a prestataire (SPEC §2.1); an email, never an e-mail or courriel.
    expect(text).not.toMatch(/prestataire|e-mail|courriel|auto-factur/i);
    if (!SEPARATORS.has(key)) expect(text).not.toMatch(/ {2}|^\s|\s$/);
  });
});

describe('English texts', () => {
  it.each(Object.entries(en))('%s: English typography', (key, text) => {
    expect(text).not.toContain(NBSP);
    expect(text).not.toMatch(/[«»’]/);
    expect(text).not.toMatch(/ [:;!?]/);
    if (!SEPARATORS.has(key)) expect(text).not.toMatch(/ {2}|^\s|\s$/);
  });

  it.each(Object.entries(en))('%s: the users’ words', (_key, text) => {
    // A provider (not a freelancer or supplier of ours), a self-billed invoice, an email.
    expect(text).not.toMatch(/e-mail|self-invoic|freelancer/i);
  });
});
