/**
 * A financer's coverage of an enrolment, as typed in the Inscriptions tab (SPEC §2.1): an amount
 * HT (`700`, `700 €`, `1 250,50`) or a percentage (`70 %`, `70%`); empty means 100 %.
 * A bare number below 1 is read as a fraction (a cell formatted as a percentage: 0.7 = 70 %),
 * like the percentage columns; exactly 1 could be 1 € or 100 % and is refused.
 */
import { dec } from '../domain/decimal';
import type { Share } from '../domain/allocation';
import { Money } from '../domain/money';
import { parseDecimalText, shiftDecimal } from '../sheets/cells';
import { msg, type Message } from '../texts';

export type CoverageResult =
  { readonly ok: true; readonly share: Share } | { readonly ok: false; readonly why: Message };

const FULL: Share = { percent: '100' };

export function parseCoverage(raw: string): CoverageResult {
  const s = raw.trim();
  if (s === '') return { ok: true, share: FULL };
  if (s.includes('%')) {
    const p = parseDecimalText(s.replace('%', ''));
    if (!p.ok) return p;
    const v = dec(p.value);
    if (v.lt(0) || v.gt(100)) {
      return { ok: false, why: msg('coverage.out-of-range', { raw }) };
    }
    return { ok: true, share: { percent: p.value } };
  }
  const a = parseDecimalText(s);
  if (!a.ok) return a;
  const v = dec(a.value);
  if (v.isNegative()) {
    return { ok: false, why: msg('cell.negative-coverage', { found: raw }) };
  }
  if (v.eq(1)) {
    return { ok: false, why: msg('cell.ambiguous-coverage') };
  }
  if (v.gt(0) && v.lt(1)) return { ok: true, share: { percent: shiftDecimal(a.value, 2) } };
  if (v.decimalPlaces() > 2) {
    return { ok: false, why: msg('cell.coverage-below-cent', { found: raw }) };
  }
  return { ok: true, share: { amount: Money.of(a.value) } };
}
