/** The languages invoices, labels and messages are written in (French by default). */
export type Language = 'fr' | 'en';

/** A text in each language. */
export interface LocalizedText {
  readonly fr: string;
  readonly en: string;
}

export const LANGUAGES: readonly Language[] = ['fr', 'en'];

export function isLanguage(value: string): value is Language {
  return value === 'fr' || value === 'en';
}

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

type TemplateValues = Readonly<Record<string, string>>;

/**
 * Fills the placeholders of both languages, with the same values or with values that depend on
 * the language (dates and amounts are formatted per language).
 */
export function localize(
  text: LocalizedText,
  values: TemplateValues | ((language: Language) => TemplateValues) = {},
): LocalizedText {
  const of = (language: Language): TemplateValues =>
    typeof values === 'function' ? values(language) : values;
  return { fr: fillTemplate(text.fr, of('fr')), en: fillTemplate(text.en, of('en')) };
}
