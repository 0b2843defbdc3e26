/**
 * The figures of the Bilan pédagogique et financier (cerfa n° 10443*17, filed on Mon Activité
 * Formation for the 2024 and 2025 exercises) that the register and the training tabs hold:
 * - cadre C, the origin of the training revenue excl. VAT, per kind of payer (lines 1 to 11,
 *   line 2 the total of the fund managers' lines a to h), credit notes deducted;
 * - cadre F-1, the learners and the hours they followed, per kind of learner.
 * Labels are the form's own (\*17 wording), in src/texts/cerfa.ts. Pure: the app layer gathers the
 * lines and learners.
 */
import {
  CERFA_BPF_C_LINE_2,
  CERFA_BPF_C_LINES,
  CERFA_BPF_C_TOTAL,
  CERFA_BPF_F1_LINES,
  CERFA_BPF_F1_TOTAL,
} from '../texts/cerfa';
import { compareDates, type CalendarDate } from '../domain/dates';
import { Money } from '../domain/money';

/** Cadre C's lines that receive amounts (line 2 and the total are sums). */
export const BPF_C_LINES = CERFA_BPF_C_LINES;

export type BpfCLine = (typeof BPF_C_LINES)[number][0];

export const BPF_C_LINE_2 = CERFA_BPF_C_LINE_2;
export const BPF_C_TOTAL = CERFA_BPF_C_TOTAL;

/** Cadre F-1, « Type de stagiaires de l'organisme ». */
export const BPF_F1_LINES = CERFA_BPF_F1_LINES;

export type BpfF1Line = (typeof BPF_F1_LINES)[number][0];

export const BPF_F1_TOTAL = CERFA_BPF_F1_TOTAL;

/** A training line of an issued invoice or credit note (amount excl. VAT, after discounts). */
export interface BpfRevenue {
  document: string;
  date: CalendarDate;
  /** Credit note: the amount is deducted. */
  credit: boolean;
  line: BpfCLine;
  net: Money;
}

/** A learner of a training session that ended in the year. */
export interface BpfLearner {
  session: string;
  end: CalendarDate;
  line: BpfF1Line;
  /** Hours followed (the session's duration unless fewer were attended). */
  hours: Money;
}

export interface BpfFigures {
  year: number;
  /** Every line of cadre C, line 2 after 2h, the total last. */
  c: { code: string; label: string; amount: Money }[];
  f1: { code: string; label: string; learners: number; hours: Money }[];
}

function inYear(date: CalendarDate, year: number): boolean {
  return (
    compareDates(date, `${year}-01-01` as CalendarDate) >= 0 &&
    compareDates(date, `${year}-12-31` as CalendarDate) <= 0
  );
}

/** The year's figures: revenue dated in the year, learners of sessions that ended in it. */
export function bpfFigures(
  year: number,
  revenue: readonly BpfRevenue[],
  learners: readonly BpfLearner[],
): BpfFigures {
  const amounts = new Map<string, Money>();
  for (const r of revenue) {
    if (!inYear(r.date, year)) continue;
    const signed = r.credit ? r.net.negated() : r.net;
    amounts.set(r.line, (amounts.get(r.line) ?? Money.zero()).plus(signed));
  }
  const c: BpfFigures['c'] = [];
  let funds = Money.zero();
  let total = Money.zero();
  for (const [code, label] of BPF_C_LINES) {
    const amount = amounts.get(code) ?? Money.zero();
    c.push({ code, label, amount });
    total = total.plus(amount);
    if (code.startsWith('2')) funds = funds.plus(amount);
    if (code === '2h') c.push({ code: '2', label: BPF_C_LINE_2, amount: funds });
  }
  c.push({ code: 'total', label: BPF_C_TOTAL, amount: total });

  const f1: BpfFigures['f1'] = [];
  let count = 0;
  let hours = Money.zero();
  for (const [code, label] of BPF_F1_LINES) {
    const mine = learners.filter((l) => l.line === code && inYear(l.end, year));
    const h = Money.sum(mine.map((l) => l.hours));
    f1.push({ code, label, learners: mine.length, hours: h });
    count += mine.length;
    hours = hours.plus(h);
  }
  f1.push({ code: 'total', label: BPF_F1_TOTAL, learners: count, hours });
  return { year, c, f1 };
}
