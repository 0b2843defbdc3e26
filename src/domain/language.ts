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
