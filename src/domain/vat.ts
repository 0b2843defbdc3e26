/**
 * VAT categories, rates, regimes and exemptions.
 *
 * Categories are those of EN 16931 (UNTDID 5305 subset, BT-151 / BT-118): `S` standard rate,
 * `Z` zero rate, `E` exempt, `AE` reverse charge, `K` intra-community, `G` export, `O` outside
 * the scope. Exemption reasons carry the code of the VATEX list (BT-121) and the text printed on
 * the invoice (BT-120), which French law requires (CGI annexe II art. 242 nonies A, I-9°).
 */
import { dec, decimalSign, isDecimalString, toPlainString, type DecimalString } from './decimal';
import { Money } from './money';
import { both, msg, type Message } from '../texts';
import type { Language, LocalizedText } from './language';

export type VatCategory = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O';

export const VAT_CATEGORIES: readonly VatCategory[] = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'];

/** Reasons for not charging VAT that this product prints. */
export type VatExemption = 'formation' | 'franchise' | 'reverse-charge';

export interface VatExemptionInfo {
  readonly category: VatCategory;
  /** VATEX code (BT-121). */
  readonly code: string;
  /** Text printed on the invoice (BT-120). */
  readonly text: LocalizedText;
}

export const VAT_EXEMPTIONS: Readonly<Record<VatExemption, VatExemptionInfo>> = {
  // Vocational training by a declared training organisation: CGI art. 261-4-4° a.
  formation: {
    category: 'E',
    code: 'VATEX-FR-CGI261-4',
    text: both('legal.vat-exempt-training'),
  },
  // "Franchise en base" of small businesses: CGI art. 293 B (the wording is the one art. 242
  // nonies A, I-9° calls for).
  franchise: {
    category: 'E',
    code: 'VATEX-FR-FRANCHISE',
    text: both('legal.vat-franchise'),
  },
  // Services to a business established in another EU country: the buyer accounts for the VAT
  // (CGI art. 283-2, directive 2006/112/EC art. 196); "Autoliquidation" is the required mention.
  'reverse-charge': {
    category: 'AE',
    code: 'VATEX-EU-AE',
    text: both('legal.reverse-charge'),
  },
};

/** The VAT of an invoice line or of a document-level allowance or charge. */
export interface LineVat {
  readonly category: VatCategory;
  /** Rate in percent (`'20'`, `'5.5'`); `'0'` for every category but S. */
  readonly ratePercent: DecimalString;
  /** Required for E and AE: why no VAT is charged. */
  readonly exemption?: VatExemption;
}

/** The seller's VAT regime (SPEC §2.1 settings, and each provider's for self-billing). */
export type VatRegime = 'standard' | 'exonere-formation' | 'franchise';

function normalizeWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const REGIME_NAMES: Readonly<Record<string, VatRegime>> = {
  standard: 'standard',
  normal: 'standard',
  'exonere formation': 'exonere-formation',
  exonere: 'exonere-formation',
  'training exempt': 'exonere-formation',
  'exempt training': 'exonere-formation',
  franchise: 'franchise',
  'franchise en base': 'franchise',
};

/** Reads a regime as typed in a sheet (`standard`, `exonéré formation`, `franchise`, or English). */
export function parseVatRegime(text: string): VatRegime | undefined {
  return REGIME_NAMES[normalizeWord(text)];
}

/**
 * The VAT of a line under a seller's regime: training lines of an exempt training organisation
 * are exempt (art. 261-4-4° a), everything of a business under the franchise is exempt
 * (art. 293 B), the rest bears `ratePercent`.
 */
export function lineVatFor(
  regime: VatRegime,
  ratePercent: DecimalString,
  options: { readonly training?: boolean } = {},
): LineVat {
  if (regime === 'franchise') return { category: 'E', ratePercent: '0', exemption: 'franchise' };
  if (regime === 'exonere-formation' && options.training === true) {
    return { category: 'E', ratePercent: '0', exemption: 'formation' };
  }
  return decimalSign(ratePercent) === 0
    ? { category: 'Z', ratePercent: '0' }
    : { category: 'S', ratePercent };
}

/** The canonical form of a rate (`'20.00'` → `'20'`), so that equal rates group together. */
export function normalizeRate(ratePercent: DecimalString): DecimalString {
  // A workbook has a handful of rates, written on every line: each is worked out once.
  let rate = normalizedRates.get(ratePercent);
  if (rate === undefined) {
    rate = toPlainString(dec(ratePercent));
    if (normalizedRates.size >= 1_000) normalizedRates.clear();
    normalizedRates.set(ratePercent, rate);
  }
  return rate;
}

const normalizedRates = new Map<string, DecimalString>();
const HUNDRED = Money.of('100');

/** Key of a VAT breakdown (BG-23): one per category and rate, as EN 16931 requires. */
export function vatKey(vat: LineVat): string {
  return `${vat.category}:${normalizeRate(vat.ratePercent)}`;
}

/** The exemption text to print (BT-120) and its code (BT-121), in `language`. */
export function exemptionText(
  exemption: VatExemption,
  language: Language,
): { readonly code: string; readonly text: string } {
  const info = VAT_EXEMPTIONS[exemption];
  return { code: info.code, text: info.text[language] };
}

/** Why a line's VAT is inconsistent (empty when it is fine), per EN 16931 BR-S/E/AE/Z rules. */
export function lineVatErrors(vat: LineVat): Message[] {
  const errors: Message[] = [];
  if (!VAT_CATEGORIES.includes(vat.category)) {
    return [msg('vat.unknown-category', { category: vat.category })];
  }
  if (!isDecimalString(vat.ratePercent)) {
    return [msg('vat.unreadable-rate', { rate: vat.ratePercent })];
  }
  const sign = decimalSign(vat.ratePercent);
  if (vat.category === 'S') {
    if (sign <= 0 || Money.of(vat.ratePercent).greaterThanOrEqual(HUNDRED)) {
      errors.push(msg('vat.rate-range'));
    }
  } else if (sign !== 0) {
    errors.push(msg('vat.rate-zero', { category: vat.category }));
  }
  const needsExemption = vat.category === 'E' || vat.category === 'AE';
  if (needsExemption && vat.exemption === undefined) {
    errors.push(msg('vat.reason-missing'));
  }
  if (vat.exemption !== undefined && VAT_EXEMPTIONS[vat.exemption].category !== vat.category) {
    errors.push(msg('vat.reason-category', { reason: vat.exemption, category: vat.category }));
  }
  return errors;
}
