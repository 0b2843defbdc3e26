/**
 * What a received e-invoice says, whatever its syntax (CII or UBL), and the checks of its totals
 * by EN 16931's calculation rules:
 *
 *   BT-106 = Σ BT-131 (the stated line nets)                                   BR-CO-10
 *   BT-109 = BT-106 − BT-107 + BT-108                                           BR-CO-13
 *   per VAT category and rate: BT-116 = Σ its line nets + its charges − its allowances
 *                                                               (BR-S-08, BR-E-08, BR-AE-08…)
 *   BT-117 = BT-116 × rate / 100, rounded half-up to the cent                   BR-CO-17
 *   BT-110 = Σ BT-117                                                           BR-CO-14
 *   BT-112 = BT-109 + BT-110                                                    BR-CO-15
 *   BT-115 = BT-112 − BT-113 + BT-114                                           BR-CO-16
 *
 * and, line by line, BT-131 = BT-129 × BT-146 / BT-149 − Σ line allowances (BT-136) + Σ line
 * charges (BT-141), rounded half-up to the cent once, at the end.
 *
 * Amounts are decimal (`Money`), read from their text, never through binary floating point.
 */
import { dec, isDecimalString, percentToFraction, toPlainString } from '../../domain/decimal';
import type { DecimalString } from '../../domain/decimal';
import { formatPercent } from '../../domain/format';
import { CENT_SCALE, Money } from '../../domain/money';
import { msg, perLanguage, render, type Message, type Param } from '../../texts';
import { attr, path, textOf, type XmlError, type XmlNode } from './xml-read';

/** UNTDID 1001 codes of credit notes among those EN 16931 allows. */
export const CREDIT_NOTE_TYPE_CODES: readonly string[] = [
  '81',
  '83',
  '261',
  '262',
  '296',
  '308',
  '381',
  '396',
  '420',
  '458',
  '532',
];

export interface Identifier {
  readonly id: string;
  readonly scheme?: string;
}

export interface ReceivedParty {
  /** BT-27 / BT-44. */
  readonly name?: string;
  /** French company number: legal registration identifier of scheme 0002, or of 9 digits. */
  readonly siren?: string;
  /** French establishment number: global identifier of scheme 0009, or an identifier of 14 digits. */
  readonly siret?: string;
  /** BT-31 / BT-48, tax registration of scheme VA. */
  readonly vatNumber?: string;
  /** BT-32, tax registration of scheme FC (a seller without a VAT number). */
  readonly taxRegistration?: string;
  /** ISO 3166-1 alpha-2 of the postal address (BT-40 / BT-55). */
  readonly country?: string;
  /** BT-34 / BT-49. */
  readonly electronicAddress?: Identifier;
  /** BT-30 / BT-47, as stated. */
  readonly legalIds: readonly Identifier[];
  /** BT-29 / BT-46 (global identifiers and plain IDs), as stated. */
  readonly ids: readonly Identifier[];
}

/** A VAT category (BT-151, BT-95, BT-102, BT-118) with its rate in percent ('0' when none). */
export interface VatRef {
  readonly category: string;
  readonly ratePercent: DecimalString;
}

export interface ReceivedAllowanceCharge {
  /** true for a charge (BG-21, BG-28), false for an allowance (BG-20, BG-27). */
  readonly charge: boolean;
  /** BT-92 / BT-99 / BT-136 / BT-141. */
  readonly amount: Money;
  readonly basisAmount?: Money;
  readonly percent?: DecimalString;
  readonly reason?: string;
  readonly reasonCode?: string;
  /** Document level only. */
  readonly vat?: VatRef;
}

export interface Period {
  readonly start?: string;
  readonly end?: string;
}

export interface ReceivedLine {
  /** BT-126. */
  readonly id: string;
  /** BT-153. */
  readonly name: string;
  /** BT-129. */
  readonly quantity?: DecimalString;
  /** BT-130 (UN/ECE rec. 20). */
  readonly unitCode?: string;
  /** BT-146. */
  readonly netPrice?: DecimalString;
  /** BT-148. */
  readonly grossPrice?: DecimalString;
  /** BT-149. */
  readonly priceBaseQuantity?: DecimalString;
  /** BT-151, BT-152. */
  readonly vat: VatRef;
  readonly allowancesCharges: readonly ReceivedAllowanceCharge[];
  /** BT-131 as stated. */
  readonly netAmount: Money;
  /** BT-131 as computed from quantity, price and line allowances and charges, when possible. */
  readonly recomputedNet?: Money;
  /** BG-26. */
  readonly period?: Period;
}

export interface VatBreakdownRow extends VatRef {
  /** BT-116. */
  readonly basis: Money;
  /** BT-117. */
  readonly tax: Money;
  readonly exemptionReason?: string;
  readonly exemptionReasonCode?: string;
}

/** The document totals (BG-22). Optional ones that are absent are zero. */
export interface StatedTotals {
  /** BT-106. */
  readonly lineTotal: Money;
  /** BT-107. */
  readonly allowanceTotal: Money;
  /** BT-108. */
  readonly chargeTotal: Money;
  /** BT-109. */
  readonly taxBasisTotal: Money;
  /** BT-110, in the invoice currency. */
  readonly taxTotal: Money;
  /** BT-112. */
  readonly grandTotal: Money;
  /** BT-113. */
  readonly prepaidAmount: Money;
  /** BT-114. */
  readonly roundingAmount: Money;
  /** BT-115. */
  readonly duePayableAmount: Money;
}

export interface RecomputedTotals {
  readonly lineTotal: Money;
  readonly allowanceTotal: Money;
  readonly chargeTotal: Money;
  readonly taxBasisTotal: Money;
  readonly taxTotal: Money;
  readonly grandTotal: Money;
  readonly duePayableAmount: Money;
  readonly vatBreakdown: readonly VatBreakdownRow[];
}

export interface PaymentMeans {
  /** BT-81 (UNTDID 4461: 30 credit transfer, 58 SEPA credit transfer…). */
  readonly typeCode?: string;
  /** BT-84. */
  readonly iban?: string;
  readonly accountId?: string;
  /** BT-86. */
  readonly bic?: string;
}

export interface ReceivedInvoice {
  readonly syntax: 'CII' | 'UBL';
  /** BT-24. */
  readonly guideline?: string;
  /** BT-23. */
  readonly businessProcess?: string;
  /** BT-1. */
  readonly number: string;
  /** BT-3. */
  readonly typeCode: string;
  readonly isCreditNote: boolean;
  /** BT-2, YYYY-MM-DD. */
  readonly issueDate: string;
  /** BT-5. */
  readonly currency: string;
  /** BT-6. */
  readonly taxCurrency?: string;
  readonly seller: ReceivedParty;
  readonly buyer: ReceivedParty;
  /** BT-10. */
  readonly buyerReference?: string;
  /** BT-13. */
  readonly purchaseOrderReference?: string;
  /** BT-12. */
  readonly contractReference?: string;
  /** BG-14. */
  readonly period?: Period;
  /** BT-72. */
  readonly deliveryDate?: string;
  /** BT-9. */
  readonly dueDate?: string;
  /** BT-83. */
  readonly paymentReference?: string;
  readonly paymentMeans: readonly PaymentMeans[];
  /** BG-3. */
  readonly precedingInvoices: readonly { readonly number: string; readonly issueDate?: string }[];
  /** BG-1. */
  readonly notes: readonly { readonly text: string; readonly subjectCode?: string }[];
  readonly lines: readonly ReceivedLine[];
  /** BG-20, BG-21. */
  readonly allowancesCharges: readonly ReceivedAllowanceCharge[];
  /** BG-23 as stated. */
  readonly vatBreakdown: readonly VatBreakdownRow[];
  readonly stated: StatedTotals;
  /** BT-111: the VAT total in the tax currency, when the invoice states one. */
  readonly taxTotalInTaxCurrency?: Money;
  readonly recomputed: RecomputedTotals;
  /** What was read but not understood (an unknown date format…), for the person checking. */
  readonly warnings: readonly Message[];
}

/**
 * A reason the document cannot be read, raised inside and returned as `{ error }`: `reason` for
 * the person reading it, in their language; the error's message is its English text.
 */
export class ReadFault extends Error {
  constructor(readonly reason: Message) {
    super(render(reason, 'en'));
    this.name = 'ReadFault';
  }
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * A decimal as XML Schema writes it (`12`, `-0.50`, `+3`, `.5`, `7.`) in the plain form the
 * domain's decimals use.
 */
export function decimalOf(raw: string | undefined, what: Param): DecimalString | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) {
    throw new ReadFault(msg('received-file.not-decimal', { what, raw }));
  }
  const int = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = m[3] ?? '';
  const text = `${m[1] === '-' ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`;
  if (!isDecimalString(text)) {
    throw new ReadFault(msg('received-file.too-many-digits', { what, raw }));
  }
  return toPlainString(dec(text));
}

/** True for a day that exists in the Gregorian calendar (leap years included). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30];
  const more = [31, 31, 30, 31, 30, 31];
  return d <= ([...days, ...more][m - 1] ?? 0);
}

/** A `YYYYMMDD` date (format 102 of UNTDID 2379) as `YYYY-MM-DD`. */
export function date102(raw: string, what: Param): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw.trim());
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new ReadFault(msg('received-file.not-date-102', { what, raw }));
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** The defined values of a list. */
export function defined<T>(values: readonly (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}

/** `{ key: value }` when the value is defined, else `{}`: optional properties stay absent. */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `category:rate`, the key of a VAT breakdown row. */
export function vatKey(v: VatRef): string {
  return `${v.category}:${v.ratePercent}`;
}

/** A VAT category and rate as the texts name them (`S`, `20 %` or `20%`). */
export function vatParams(v: VatRef): { category: string; rate: Param } {
  return {
    category: v.category,
    rate: perLanguage((lang) => formatPercent(v.ratePercent, lang)),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading values from XML elements

/** An amount from an element's text; undefined when there is no element or text. */
export function moneyOf(node: XmlNode | undefined, what: Param): Money | undefined {
  const d = decimalOf(textOf(node), what);
  return d === undefined ? undefined : Money.of(d);
}

/** An amount the document must state. */
export function requiredMoney(node: XmlNode | undefined, what: Param): Money {
  const m = moneyOf(node, what);
  if (m === undefined) throw new ReadFault(msg('received-file.missing', { what }));
  return m;
}

/** The trimmed text at a path of local names. */
export function textAt(node: XmlNode | undefined, ...locals: string[]): string | undefined {
  return textOf(path(node, ...locals));
}

/** An identifier with its `schemeID`. */
export function identifier(node: XmlNode | undefined): Identifier | undefined {
  const id = textOf(node);
  if (id === undefined) return undefined;
  const scheme = attr(node, 'schemeID');
  return scheme === undefined ? { id } : { id, scheme };
}

/** Why a document is not well-formed XML, with where. */
export function notWellFormed(e: XmlError): Message {
  return msg('received-file.not-well-formed', { reason: e.reason });
}

// ---------------------------------------------------------------------------------------------
// Allowances and charges

/**
 * What an allowance or charge belongs to, as the texts name it before its kind is read and once
 * it is.
 */
export interface AllowanceChargeOwner {
  readonly either: Message;
  readonly allowance: Message;
  readonly charge: Message;
  /** A document-level one has its own VAT category (BT-95, BT-102). */
  readonly documentLevel: boolean;
}

/** The allowances and charges of a line (BG-27, BG-28). */
export function lineAllowanceCharge(line: string): AllowanceChargeOwner {
  return {
    either: msg('received-file.field.line-allowance-charge', { line }),
    allowance: msg('received-file.field.line-allowance', { line }),
    charge: msg('received-file.field.line-charge', { line }),
    documentLevel: false,
  };
}

/** The `n`th allowance or charge of the document (BG-20, BG-21), from 1. */
export function documentAllowanceCharge(n: number): AllowanceChargeOwner {
  return {
    either: msg('received-file.field.document-allowance-charge', { n }),
    allowance: msg('received-file.field.document-allowance', { n }),
    charge: msg('received-file.field.document-charge', { n }),
    documentLevel: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Parties

const digitsOnly = (s: string): string => s.replace(/[\s.]/g, '');

/**
 * The French identifiers of a party, from what it states: the SIREN is a legal registration
 * identifier (BT-30) of scheme 0002 (ISO 6523 ICD for SIRENE), or one of 9 digits whatever its
 * scheme; the SIRET a global identifier of scheme 0009, or any identifier of 14 digits.
 */
export function frenchIds(
  legalIds: readonly Identifier[],
  ids: readonly Identifier[],
): { siren?: string; siret?: string } {
  const siren =
    legalIds.find((l) => l.scheme === '0002')?.id ??
    legalIds.find((l) => /^\d{9}$/.test(digitsOnly(l.id)))?.id;
  const siret =
    ids.find((l) => l.scheme === '0009')?.id ??
    [...ids, ...legalIds].find((l) => /^\d{14}$/.test(digitsOnly(l.id)))?.id;
  return {
    ...opt('siren', siren === undefined ? undefined : digitsOnly(siren)),
    ...opt('siret', siret === undefined ? undefined : digitsOnly(siret)),
  };
}

// ---------------------------------------------------------------------------------------------
// Lines

/**
 * BT-131 from the line's price data: quantity × net price ÷ base quantity, minus its allowances,
 * plus its charges, computed exactly and rounded half-up to the cent once.
 */
export function lineNetFrom(
  quantity: DecimalString,
  netPrice: DecimalString,
  priceBaseQuantity: DecimalString | undefined,
  allowancesCharges: readonly ReceivedAllowanceCharge[],
): Money {
  let net = Money.of(netPrice).times(quantity);
  if (priceBaseQuantity !== undefined) net = net.dividedBy(priceBaseQuantity);
  for (const ac of allowancesCharges) net = ac.charge ? net.plus(ac.amount) : net.minus(ac.amount);
  return net.roundHalfUp(CENT_SCALE);
}

// ---------------------------------------------------------------------------------------------
// Totals

/** The totals by EN 16931's rules from the lines, allowances and charges (see file comment). */
export function recomputeTotals(input: {
  readonly lines: readonly { readonly netAmount: Money; readonly vat: VatRef }[];
  readonly allowancesCharges: readonly ReceivedAllowanceCharge[];
  readonly prepaidAmount: Money;
  readonly roundingAmount: Money;
  /** The stated breakdown, whose order the recomputed one follows. */
  readonly vatBreakdown?: readonly VatRef[];
}): RecomputedTotals {
  const groups = new Map<string, { vat: VatRef; basis: Money }>();
  for (const v of input.vatBreakdown ?? []) {
    const vat = { category: v.category, ratePercent: v.ratePercent };
    if (!groups.has(vatKey(vat))) groups.set(vatKey(vat), { vat, basis: Money.zero() });
  }
  const add = (vat: VatRef | undefined, amount: Money): void => {
    const v = vat ?? { category: '', ratePercent: '0' };
    const g = groups.get(vatKey(v));
    if (g) g.basis = g.basis.plus(amount);
    else groups.set(vatKey(v), { vat: v, basis: amount });
  };
  const used = new Set<string>();
  for (const l of input.lines) {
    add(l.vat, l.netAmount);
    used.add(vatKey(l.vat));
  }
  for (const ac of input.allowancesCharges) {
    add(ac.vat, ac.charge ? ac.amount : ac.amount.negated());
    used.add(vatKey(ac.vat ?? { category: '', ratePercent: '0' }));
  }
  // A stated row that nothing contributes to stays out: its absence is the difference to show.
  const vatBreakdown = [...groups.entries()]
    .filter(([key]) => used.has(key))
    .map(([, { vat, basis }]) => ({
      ...vat,
      basis,
      tax: basis.times(percentToFraction(vat.ratePercent)).roundHalfUp(CENT_SCALE),
    }));
  const lineTotal = Money.sum(input.lines.map((l) => l.netAmount));
  const allowanceTotal = Money.sum(
    input.allowancesCharges.filter((a) => !a.charge).map((a) => a.amount),
  );
  const chargeTotal = Money.sum(
    input.allowancesCharges.filter((a) => a.charge).map((a) => a.amount),
  );
  const taxBasisTotal = lineTotal.minus(allowanceTotal).plus(chargeTotal);
  const taxTotal = Money.sum(vatBreakdown.map((r) => r.tax));
  const grandTotal = taxBasisTotal.plus(taxTotal);
  return {
    lineTotal,
    allowanceTotal,
    chargeTotal,
    taxBasisTotal,
    taxTotal,
    grandTotal,
    duePayableAmount: grandTotal.minus(input.prepaidAmount).plus(input.roundingAmount),
    vatBreakdown,
  };
}

export interface TotalDifference {
  /** The total, by its EN 16931 term and what it is. */
  readonly field: Message;
  readonly stated: Money;
  readonly recomputed: Money;
}

/**
 * The tolerance EN 16931 allows on a VAT category tax amount (BT-117): the CEN validation
 * artefacts (release 1.3.16, rule BR-CO-17) accept a stated amount within 1.00 of
 * BT-116 × BT-119 / 100 rounded to the cent, as VAT may have been computed line by line. Every
 * other total must be exact.
 */
export const VAT_CATEGORY_TAX_TOLERANCE = Money.of('1');

/**
 * The stated totals against the recomputed ones. A difference is any deviation, except on a VAT
 * category's tax amount (BT-117), where up to `VAT_CATEGORY_TAX_TOLERANCE` is allowed: such
 * deviations are listed in `tolerated`, not in `differences`. Lines whose stated net (BT-131)
 * differs from their price data are differences too.
 */
export function compareTotals(inv: ReceivedInvoice): {
  ok: boolean;
  differences: TotalDifference[];
  tolerated: TotalDifference[];
} {
  const differences: TotalDifference[] = [];
  const tolerated: TotalDifference[] = [];
  const s = inv.stated;
  const r = inv.recomputed;
  const exact = (field: Message, stated: Money, recomputed: Money): void => {
    if (!stated.equals(recomputed)) differences.push({ field, stated, recomputed });
  };
  for (const l of inv.lines) {
    if (l.recomputedNet) {
      exact(msg('received-file.total.line-net', { line: l.id }), l.netAmount, l.recomputedNet);
    }
  }
  exact(msg('received-file.total.line-total'), s.lineTotal, r.lineTotal);
  exact(msg('received-file.total.allowance-total'), s.allowanceTotal, r.allowanceTotal);
  exact(msg('received-file.total.charge-total'), s.chargeTotal, r.chargeTotal);
  exact(msg('received-file.total.tax-basis-total'), s.taxBasisTotal, r.taxBasisTotal);
  const refs = new Map<string, VatRef>();
  const stated = new Map<string, { basis: Money; tax: Money }>();
  for (const row of inv.vatBreakdown) {
    const k = vatKey(row);
    refs.set(k, row);
    const prev = stated.get(k);
    stated.set(k, {
      basis: (prev?.basis ?? Money.zero()).plus(row.basis),
      tax: (prev?.tax ?? Money.zero()).plus(row.tax),
    });
  }
  const recomputed = new Map(r.vatBreakdown.map((row) => [vatKey(row), row]));
  for (const row of r.vatBreakdown) refs.set(vatKey(row), row);
  for (const k of new Set([...stated.keys(), ...recomputed.keys()])) {
    const a = stated.get(k) ?? { basis: Money.zero(), tax: Money.zero() };
    const b = recomputed.get(k) ?? { basis: Money.zero(), tax: Money.zero() };
    const vat = vatParams(refs.get(k) ?? { category: '', ratePercent: '0' });
    exact(msg('received-file.total.vat-taxable', vat), a.basis, b.basis);
    if (!a.tax.equals(b.tax)) {
      const field = msg('received-file.total.vat-tax', vat);
      const d = { field, stated: a.tax, recomputed: b.tax };
      const within =
        stated.has(k) &&
        recomputed.has(k) &&
        a.tax.minus(b.tax).abs().lessThanOrEqual(VAT_CATEGORY_TAX_TOLERANCE);
      (within ? tolerated : differences).push(d);
    }
  }
  exact(msg('received-file.total.tax-total'), s.taxTotal, r.taxTotal);
  exact(msg('received-file.total.grand-total'), s.grandTotal, r.grandTotal);
  exact(msg('received-file.total.due-payable'), s.duePayableAmount, r.duePayableAmount);
  return { ok: differences.length === 0, differences, tolerated };
}
