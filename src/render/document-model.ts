/**
 * What a Doc copied from the template needs: the text of every placeholder, and one set of
 * placeholder values per cloned line row. Keys are written without braces (`invoice.number`);
 * the template writes them as `{{invoice.number}}`.
 */
export interface DocumentModel {
  placeholders: Readonly<Record<string, string>>;
  lines: readonly Readonly<Record<string, string>>[];
  /**
   * The other repeated rows, by prefix (`vat`, `deduction`, `session`, `share`): one set of
   * values per row, the template row's `{{prefix.*}}` placeholders filled with them.
   */
  rows?: Readonly<Record<string, readonly Readonly<Record<string, string>>[]>>;
  /**
   * Literal texts of the template replaced before any placeholder (never user text, which is
   * inert): `X : {{y}}` as a template of an earlier version writes it, given the colon of the
   * document's language.
   */
  literals?: readonly { readonly text: string; readonly by: string }[];
  /**
   * Placeholders whose whole paragraph this document leaves out (a credit note asks for no
   * payment: no bank details, no payment reference).
   */
  drop?: readonly string[];
}

export const PLACEHOLDER = /\{\{([a-zA-Z0-9_.]+)\}\}/g;

export function placeholder(key: string): string {
  return `{{${key}}}`;
}

/** Placeholders of a text, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const key = m[1] ?? '';
    if (!out.includes(key)) out.push(key);
  }
  return out;
}

/** Escape a literal for a regular-expression search pattern (replaceText, RE2 syntax). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * User text as it goes into a document: never read as a placeholder. A `{{` or `}}` typed in a
 * description or a name gets a zero-width space between its braces (invisible on the page), so
 * that no later replacement of the same batch fills it in.
 */
export function inert(text: string): string {
  return text.replace(/\{\{/g, '{\u200b{').replace(/\}\}/g, '}\u200b}');
}
