/**
 * The catalogue of texts: every message, label and sentence the add-on shows or writes, by key,
 * in French (`fr.ts`) and in English (`en.ts`). Code names keys, never sentences.
 *
 * A text's parameters are its `{name}` placeholders: a lower-case letter, then letters and
 * digits. Other braces are literal text (`{SEQ:5}`, `{PROVIDER}`, `{{doc.title}}`). A key's
 * parameters are read from its French text, so `t('fr', key, params)` does not compile when a
 * parameter is missing or unknown; an English text with other placeholders than its French one
 * does not compile either (`PlaceholdersAgree` below).
 *
 * Resolving a text is one property lookup, plus one replace when it has parameters. Messages that
 * are kept before being shown (problems for the Journal) are `Message` values, `{ key, params }`,
 * rendered in the run's language when they are written.
 */
import { EN } from './en';
import { FR, type TextKey } from './fr';

export type { TextKey } from './fr';

export type Language = 'fr' | 'en';

/** A text in each language (the same shape as the domain's). */
export interface LocalizedText {
  readonly fr: string;
  readonly en: string;
}

/** A parameter: a value shown as is, a text per language, or another message. */
export type Param = string | number | LocalizedText | Message;

/** A text to show later: its key and the values of its placeholders. */
export interface Message {
  readonly key: TextKey;
  readonly params?: Readonly<Record<string, Param>>;
}

type Lower =
  | 'a'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'f'
  | 'g'
  | 'h'
  | 'i'
  | 'j'
  | 'k'
  | 'l'
  | 'm'
  | 'n'
  | 'o'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'v'
  | 'w'
  | 'x'
  | 'y'
  | 'z';
type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type Alnum = Lower | Uppercase<Lower> | Digit;
type AllAlnum<S extends string> = S extends ''
  ? true
  : S extends `${Alnum}${infer R}`
    ? AllAlnum<R>
    : false;
type IsName<S extends string> = S extends `${Lower}${infer R}` ? AllAlnum<R> : false;
type AfterLastBrace<S extends string> = S extends `${string}{${infer R}` ? AfterLastBrace<R> : S;
type NameIn<P extends string> = IsName<AfterLastBrace<P>> extends true ? AfterLastBrace<P> : never;

/** The parameter names of a text, as the runtime's PLACEHOLDER finds them. */
export type PlaceholdersOf<S extends string> = S extends `${string}{${infer P}}${infer R}`
  ? NameIn<P> | PlaceholdersOf<R>
  : never;

/** A key's parameters, from its French text. */
export type ParamsOf<K extends TextKey> = PlaceholdersOf<(typeof FR)[K]>;
export type Params<K extends TextKey> = { readonly [P in ParamsOf<K>]: Param };
/** The keys of texts without parameters. */
export type PlainTextKey = {
  [K in TextKey]: [ParamsOf<K>] extends [never] ? K : never;
}[TextKey];
/** No argument for a text without parameters, its parameters otherwise. */
export type ParamArgs<K extends TextKey> = [ParamsOf<K>] extends [never] ? [] : [params: Params<K>];

type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mismatched = {
  [K in TextKey]: SameSet<PlaceholdersOf<(typeof EN)[K]>, ParamsOf<K>> extends true ? never : K;
}[TextKey];
type MustBeNever<T extends never> = T;
/** Does not compile, naming the key, when an English text has other placeholders than its French one. */
export type PlaceholdersAgree = MustBeNever<Mismatched>;

const CATALOGUES: Readonly<Record<Language, Readonly<Record<TextKey, string>>>> = {
  fr: FR,
  en: EN,
};

/** A placeholder as `PlaceholdersOf` reads it. */
export const PLACEHOLDER = /\{([a-z][A-Za-z0-9]*)\}/g;

function paramText(value: Param, lang: Language): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if ('fr' in value) return value[lang];
  return render(value, lang);
}

function fill(
  text: string,
  params: Readonly<Record<string, Param>> | undefined,
  lang: Language,
): string {
  if (params === undefined) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : paramText(value, lang);
  });
}

/** The text of `key` in `lang`, its placeholders filled. */
export function t<K extends TextKey>(lang: Language, key: K, ...args: ParamArgs<K>): string {
  return fill(CATALOGUES[lang][key], args[0], lang);
}

/**
 * The text of `key` in `lang` cut at its placeholders: the runs of text between them as strings,
 * each placeholder as the value given for it, untouched, for the caller to set apart (an amount
 * in bold, a reference kept on one line). A placeholder given no value stays visible, as in `t`.
 */
export function pieces<K extends TextKey, V>(
  lang: Language,
  key: K,
  values: { readonly [P in ParamsOf<K>]: string | V },
): (string | V)[] {
  const text = CATALOGUES[lang][key];
  const given: Readonly<Record<string, string | V>> = values;
  const out: (string | V)[] = [];
  let at = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    out.push(given[m[1] ?? ''] ?? m[0]);
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** A message to render later, in the language of whoever reads it. */
export function msg<K extends TextKey>(key: K, ...args: ParamArgs<K>): Message {
  const params = args[0];
  return params === undefined ? { key } : { key, params };
}

/** A message in one language. */
export function render(message: Message, lang: Language): string {
  return fill(CATALOGUES[lang][message.key], message.params, lang);
}

/** A message in both languages. */
export function localized(message: Message): LocalizedText {
  return { fr: render(message, 'fr'), en: render(message, 'en') };
}

/** The text of `key` in both languages (labels kept as `{ fr, en }` pairs). */
export function both<K extends TextKey>(key: K, ...args: ParamArgs<K>): LocalizedText {
  return { fr: fill(FR[key], args[0], 'fr'), en: fill(EN[key], args[0], 'en') };
}

/** A value formatted per language (a date, an amount) as a parameter. */
export function perLanguage(format: (lang: Language) => string): LocalizedText {
  return { fr: format('fr'), en: format('en') };
}

/** Every key of the catalogue. */
export function textKeys(): TextKey[] {
  return Object.keys(FR) as TextKey[];
}

/** The raw catalogues, for the tests that check them. */
export const CATALOGUE_TEXTS: Readonly<Record<Language, Readonly<Record<string, string>>>> =
  CATALOGUES;
