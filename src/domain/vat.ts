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
    text: {
      fr: 'Exonération de TVA – art. 261-4-4° a du CGI',
      en: 'VAT exemption – art. 261-4-4° a of the French General Tax Code (CGI)',
    },
  },
  // "Franchise en base" of small businesses: CGI art. 293 B (the wording is the one art. 242
  // nonies A, I-9° calls for).
  franchise: {
    category: 'E',
    code: 'VATEX-FR-FRANCHISE',
    text: {
      fr: 'TVA non applicable, art. 293 B du CGI',
      en: 'VAT not applicable, art. 293 B of the French General Tax Code (CGI)',
    },
  },
  // Services to a business established in another EU country: the buyer accounts for the VAT
  // (CGI art. 283-2, directive 2006/112/EC art. 196); "Autoliquidation" is the required mention.
  'reverse-charge': {
    category: 'AE',
    code: 'VATEX-EU-AE',
    text: { fr: 'Autoliquidation', en: 'Autoliquidation – reverse charge' },
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
export function lineVatErrors(vat: LineVat): LocalizedText[] {
  const errors: LocalizedText[] = [];
  if (!VAT_CATEGORIES.includes(vat.category)) {
    return [
      {
        fr: `catégorie de TVA inconnue « ${vat.category} »`,
        en: `unknown VAT category "${vat.category}"`,
      },
    ];
  }
  if (!isDecimalString(vat.ratePercent)) {
    return [
      {
        fr: `taux de TVA illisible « ${vat.ratePercent} »`,
        en: `unreadable VAT rate "${vat.ratePercent}"`,
      },
    ];
  }
  const sign = decimalSign(vat.ratePercent);
  if (vat.category === 'S') {
    if (sign <= 0 || Money.of(vat.ratePercent).greaterThanOrEqual(HUNDRED)) {
      errors.push({
        fr: 'le taux de TVA doit être compris entre 0 et 100 %',
        en: 'the VAT rate must be between 0 and 100%',
      });
    }
  } else if (sign !== 0) {
    errors.push({
      fr: `le taux de TVA doit être 0 pour la catégorie ${vat.category}`,
      en: `the VAT rate must be 0 for category ${vat.category}`,
    });
  }
  const needsExemption = vat.category === 'E' || vat.category === 'AE';
  if (needsExemption && vat.exemption === undefined) {
    errors.push({
      fr: "le motif d'exonération de TVA manque",
      en: 'the VAT exemption reason is missing',
    });
  }
  if (vat.exemption !== undefined && VAT_EXEMPTIONS[vat.exemption].category !== vat.category) {
    errors.push({
      fr: `le motif « ${vat.exemption} » ne correspond pas à la catégorie ${vat.category}`,
      en: `reason "${vat.exemption}" does not match category ${vat.category}`,
    });
  }
  return errors;
}
