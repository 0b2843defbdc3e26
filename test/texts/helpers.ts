/** A message of a problem or a refusal as each language shows it, for the tests' expectations. */
import { localized, render, type LocalizedText, type Message } from '../../src/texts';

export const fr = (m: Message | undefined): string | undefined => m && render(m, 'fr');
export const en = (m: Message | undefined): string | undefined => m && render(m, 'en');
export const inBoth = (m: Message | undefined): LocalizedText | undefined => m && localized(m);
