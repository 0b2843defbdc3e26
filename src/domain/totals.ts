/**
 * Document totals, following EN 16931 (calculation rules BR-CO-10 to BR-CO-16 and the VAT
 * breakdown rules BR-S-08 / BR-E-08 / BR-AE-08…):
 *
 *   BT-106 sum of line nets           = Σ BT-131 (each already rounded to the cent)
 *   BT-107 sum of allowances          = Σ document-level allowances (BT-92)
 *   BT-108 sum of charges             = Σ document-level charges (BT-99)
 *   BT-109 total without VAT          = BT-106 − BT-107 + BT-108
 *   BT-116 per (category, rate) base  = Σ its line nets − its allowances + its charges
 *   BT-117 per (category, rate) VAT   = BT-116 × rate, rounded half-up to the cent
 *   BT-110 total VAT                  = Σ BT-117
 *   BT-112 total with VAT             = BT-109 + BT-110
 *   BT-113 paid amount (deposit)      given
 *   BT-115 amount due                 = BT-112 − BT-113
 *
 * VAT is thus computed per rate on the sum of the nets at that rate, never line by line
 * (SPEC §3), so a sum of many small lines carries no accumulated rounding error. Negative
 * amounts (credit notes, returns) follow the same rules; rounding is symmetric.
 */
import { roundMoneySharesToTotal } from './allocation';
import { dec, shiftPoint, type DecimalString } from './decimal';
import type { InvoiceDocument } from './invoice';
import { lineNet } from './line-amounts';
import { CENT_SCALE, Money } from './money';
import {
  VAT_CATEGORIES,
  normalizeRate,
  vatKey,
  type LineVat,
  type VatCategory,
  type VatExemption,
} from './vat';

/** A line as far as totals are concerned: its net (BT-131, in cents) and its VAT. */
export interface TotalsLine {
  readonly net: Money;
  readonly vat: LineVat;
}

export interface TotalsAllowanceCharge {
  readonly charge: boolean;
  /** In cents; positive on invoices, negative on credit notes. */
  readonly amount: Money;
  readonly vat: LineVat;
}

export interface TotalsInput {
  readonly lines: readonly TotalsLine[];
  readonly allowancesCharges?: readonly TotalsAllowanceCharge[];
  /** BT-113, in cents. */
  readonly prepaidAmount?: Money;
}

/** One row of the VAT breakdown (BG-23). */
export interface VatBreakdown {
  /** `category:rate`, e.g. `S:20`. */
  readonly key: string;
  readonly category: VatCategory;
  /** Normalized rate in percent (`'5.5'`, `'0'`). */
  readonly ratePercent: DecimalString;
  /** The exemption reason of the first line in this row, for E and AE. */
  readonly exemption?: VatExemption;
  /** BT-116. */
  readonly taxableAmount: Money;
  /** BT-117. */
  readonly taxAmount: Money;
}

export interface Totals {
  /** BT-131 per line, in the order of the lines. */
  readonly lineNets: readonly Money[];
  /**
   * Each line's share of its row's VAT (informative, for the Lignes tab): the row's BT-117
   * split in proportion to the nets by largest remainder, so that the shares of a row add back to
   * its BT-117 exactly (with allowances and charges taking their own shares).
   */
  readonly lineVat: readonly Money[];
  /** Shares of VAT of the document-level allowances and charges, in their order. */
  readonly allowanceChargeVat: readonly Money[];
  readonly lineTotal: Money;
  readonly allowanceTotal: Money;
  readonly chargeTotal: Money;
  readonly taxBasisTotal: Money;
  readonly taxTotal: Money;
  readonly grandTotal: Money;
  readonly prepaidAmount: Money;
  readonly duePayableAmount: Money;
  /** Sorted by category (S, Z, E, AE, K, G, O) then by decreasing rate. */
  readonly vatBreakdown: readonly VatBreakdown[];
}

function requireCents(amount: Money, what: string): void {
  if (!amount.isRoundedTo(CENT_SCALE)) {
    throw new RangeError(`${what} ${amount.toString()} is not rounded to the cent`);
  }
}

interface Contribution {
  readonly amount: Money;
  readonly vat: LineVat;
  /** Index in the lines (`line`) or in the allowances and charges (`document`). */
  readonly origin: 'line' | 'document';
  readonly index: number;
}

/** Computes BT-106 … BT-115 and the VAT breakdown from line nets and document-level items. */
export function computeTotals(input: TotalsInput): Totals {
  const documentItems = input.allowancesCharges ?? [];
  input.lines.forEach((line, i) => requireCents(line.net, `Net of line ${i + 1}`));
  documentItems.forEach((item, i) => requireCents(item.amount, `Allowance/charge ${i + 1}`));
  const prepaidAmount = input.prepaidAmount ?? Money.zero();
  requireCents(prepaidAmount, 'Prepaid amount');
  return centTotals(input, prepaidAmount) ?? decimalTotals(input, prepaidAmount);
}

/** A VAT rate in percent as `units × 10^-scale` (`'5.5'` → 55, 1), or null past a few digits. */
function rateUnits(ratePercent: DecimalString): { units: number; scale: number } | null {
  const m = /^(\d{1,3})(?:\.(\d{1,6}))?$/.exec(ratePercent);
  if (m === null) return null;
  const fraction = m[2] ?? '';
  return { units: Number((m[1] ?? '') + fraction), scale: fraction.length };
}

/** `n / d` rounded towards minus infinity, and the (non-negative) remainder; `d` positive. */
function floorDiv(n: number, d: number): [number, number] {
  const r = ((n % d) + d) % d;
  return [(n - r) / d, r];
}

/**
 * The same totals as `decimalTotals`, computed on whole cents (safe integers): a row's VAT in
 * units of `10^-(scale+2)` cent is a product of integers, rounded once to the cent, its shares
 * split by largest remainder. Null when an amount or a product would not stay a safe integer.
 */
function centTotals(input: TotalsInput, prepaidAmount: Money): Totals | null {
  const documentItems = input.allowancesCharges ?? [];
  const lineCount = input.lines.length;
  const count = lineCount + documentItems.length;
  const cents: number[] = new Array<number>(count);
  const vats: LineVat[] = new Array<LineVat>(count);
  let lineTotal = 0;
  let allowanceTotal = 0;
  let chargeTotal = 0;
  for (let i = 0; i < lineCount; i++) {
    const line = input.lines[i] as TotalsLine;
    const c = line.net.toCents();
    cents[i] = c;
    vats[i] = line.vat;
    lineTotal += c;
  }
  for (let j = 0; j < documentItems.length; j++) {
    const item = documentItems[j] as TotalsAllowanceCharge;
    const c = item.amount.toCents();
    if (item.charge) chargeTotal += c;
    else allowanceTotal += c;
    cents[lineCount + j] = item.charge ? c : c === 0 ? 0 : -c;
    vats[lineCount + j] = item.vat;
  }
  const prepaid = prepaidAmount.toCents();
  if (
    !Number.isSafeInteger(lineTotal) ||
    !Number.isSafeInteger(allowanceTotal) ||
    !Number.isSafeInteger(chargeTotal)
  )
    return null;

  // Contributions grouped by VAT row, in order of first appearance.
  const groups = new Map<string, number[]>();
  for (let k = 0; k < count; k++) {
    const key = vatKey(vats[k] as LineVat);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [k]);
    else group.push(k);
  }
  const shares: number[] = new Array<number>(count).fill(0);
  const rows: {
    key: string;
    first: LineVat;
    exemption?: VatExemption;
    base: number;
    tax: number;
  }[] = [];
  for (const [key, group] of groups) {
    const first = vats[group[0] as number] as LineVat;
    const rate = rateUnits(first.ratePercent);
    if (rate === null) return null;
    // Exact VAT of an amount of c cents: c × units / d cents.
    const d = 10 ** (rate.scale + 2);
    let base = 0;
    for (const k of group) base += cents[k] as number;
    const exact = base * rate.units;
    if (!Number.isSafeInteger(exact) || !Number.isSafeInteger(base)) return null;
    const [q, r] = floorDiv(Math.abs(exact), d);
    const rounded = 2 * r >= d ? q + 1 : q;
    const tax = exact < 0 && rounded !== 0 ? -rounded : rounded;
    // Largest remainder, on the amounts negated when the row's VAT is negative.
    const sign = tax < 0 ? -1 : 1;
    const lost: number[] = new Array<number>(group.length);
    let floorSum = 0;
    for (let g = 0; g < group.length; g++) {
      const k = group[g] as number;
      const product = sign * (cents[k] as number) * rate.units;
      if (!Number.isSafeInteger(product)) return null;
      const [f, rest] = floorDiv(product, d);
      shares[k] = f;
      lost[g] = rest;
      floorSum += f;
    }
    const leftover = sign * tax - floorSum;
    if (leftover < 0 || leftover > group.length) return null;
    if (leftover > 0) {
      const order = group
        .map((_, g) => g)
        .sort((a, b) => (lost[b] as number) - (lost[a] as number) || a - b);
      for (let n = 0; n < leftover; n++) {
        const k = group[order[n] as number] as number;
        shares[k] = (shares[k] as number) + 1;
      }
    }
    if (sign < 0) for (const k of group) shares[k] = 0 - (shares[k] as number) || 0;
    const exemption = group.find((k) => (vats[k] as LineVat).exemption !== undefined);
    rows.push({
      key,
      first,
      ...(exemption === undefined ? {} : { exemption: (vats[exemption] as LineVat).exemption }),
      base,
      tax,
    });
  }
  const vatBreakdown: VatBreakdown[] = rows.map((row) => ({
    key: row.key,
    category: row.first.category,
    ratePercent: normalizeRate(row.first.ratePercent),
    ...(row.exemption === undefined ? {} : { exemption: row.exemption }),
    taxableAmount: Money.fromCents(row.base),
    taxAmount: Money.fromCents(row.tax),
  }));
  vatBreakdown.sort(
    (a, b) =>
      VAT_CATEGORIES.indexOf(a.category) - VAT_CATEGORIES.indexOf(b.category) ||
      dec(b.ratePercent).comparedTo(dec(a.ratePercent)),
  );
  let taxTotal = 0;
  for (const row of rows) taxTotal += row.tax;
  const taxBasisTotal = lineTotal - allowanceTotal + chargeTotal;
  const grandTotal = taxBasisTotal + taxTotal;
  const due = grandTotal - prepaid;
  if (!Number.isSafeInteger(due) || !Number.isSafeInteger(grandTotal)) return null;
  const lineVat: Money[] = new Array<Money>(lineCount);
  for (let i = 0; i < lineCount; i++) lineVat[i] = Money.fromCents(shares[i] as number);
  const allowanceChargeVat: Money[] = new Array<Money>(documentItems.length);
  for (let j = 0; j < documentItems.length; j++)
    allowanceChargeVat[j] = Money.fromCents(shares[lineCount + j] as number);
  const lineNets: Money[] = new Array<Money>(lineCount);
  for (let i = 0; i < lineCount; i++) lineNets[i] = (input.lines[i] as TotalsLine).net;
  return {
    lineNets,
    lineVat,
    allowanceChargeVat,
    lineTotal: Money.fromCents(lineTotal),
    allowanceTotal: Money.fromCents(allowanceTotal),
    chargeTotal: Money.fromCents(chargeTotal),
    taxBasisTotal: Money.fromCents(taxBasisTotal),
    taxTotal: Money.fromCents(taxTotal),
    grandTotal: Money.fromCents(grandTotal),
    prepaidAmount,
    duePayableAmount: Money.fromCents(due),
    vatBreakdown,
  };
}

/** The totals in decimal arithmetic: the reference, for amounts past safe integers of cents. */
function decimalTotals(input: TotalsInput, prepaidAmount: Money): Totals {
  const documentItems = input.allowancesCharges ?? [];

  const contributions: Contribution[] = [
    ...input.lines.map((line, index) => ({
      amount: line.net,
      vat: line.vat,
      origin: 'line' as const,
      index,
    })),
    ...documentItems.map((item, index) => ({
      amount: item.charge ? item.amount : item.amount.negated(),
      vat: item.vat,
      origin: 'document' as const,
      index,
    })),
  ];

  const groups = new Map<string, Contribution[]>();
  for (const c of contributions) {
    const key = vatKey(c.vat);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [c]);
    else group.push(c);
  }

  const lineVat: Money[] = input.lines.map(() => Money.zero());
  const allowanceChargeVat: Money[] = documentItems.map(() => Money.zero());
  const vatBreakdown: VatBreakdown[] = [];
  for (const [key, group] of groups) {
    const first = group[0];
    if (first === undefined) continue;
    // The rate as a fraction, exact (`20` → `0.2`).
    const rate = shiftPoint(first.vat.ratePercent, -2);
    const taxableAmount = Money.sum(group.map((c) => c.amount));
    const taxAmount = taxableAmount.times(rate).roundHalfUp(CENT_SCALE);
    const shares = roundMoneySharesToTotal(
      group.map((c) => c.amount.times(rate)),
      taxAmount,
      CENT_SCALE,
    );
    group.forEach((c, i) => {
      const share = shares[i] ?? Money.zero();
      if (c.origin === 'line') lineVat[c.index] = share;
      else allowanceChargeVat[c.index] = share;
    });
    const exemption = group.find((c) => c.vat.exemption !== undefined)?.vat.exemption;
    vatBreakdown.push({
      key,
      category: first.vat.category,
      ratePercent: normalizeRate(first.vat.ratePercent),
      ...(exemption === undefined ? {} : { exemption }),
      taxableAmount,
      taxAmount,
    });
  }
  vatBreakdown.sort(
    (a, b) =>
      VAT_CATEGORIES.indexOf(a.category) - VAT_CATEGORIES.indexOf(b.category) ||
      dec(b.ratePercent).comparedTo(dec(a.ratePercent)),
  );

  const lineTotal = Money.sum(input.lines.map((l) => l.net));
  const allowanceTotal = Money.sum(documentItems.filter((i) => !i.charge).map((i) => i.amount));
  const chargeTotal = Money.sum(documentItems.filter((i) => i.charge).map((i) => i.amount));
  const taxBasisTotal = lineTotal.minus(allowanceTotal).plus(chargeTotal);
  const taxTotal = Money.sum(vatBreakdown.map((b) => b.taxAmount));
  const grandTotal = taxBasisTotal.plus(taxTotal);
  return {
    lineNets: input.lines.map((l) => l.net),
    lineVat,
    allowanceChargeVat,
    lineTotal,
    allowanceTotal,
    chargeTotal,
    taxBasisTotal,
    taxTotal,
    grandTotal,
    prepaidAmount,
    duePayableAmount: grandTotal.minus(prepaidAmount),
    vatBreakdown,
  };
}

/** The totals of an invoice document: line nets from quantity × price, then `computeTotals`. */
export function invoiceTotals(invoice: InvoiceDocument): Totals {
  return computeTotals({
    lines: invoice.lines.map((line) => ({ net: lineNet(line), vat: line.vat })),
    allowancesCharges: (invoice.allowancesCharges ?? []).map((item) => ({
      charge: item.charge,
      amount: Money.of(item.amount),
      vat: item.vat,
    })),
    ...(invoice.prepaidAmount === undefined
      ? {}
      : { prepaidAmount: Money.of(invoice.prepaidAmount) }),
  });
}
