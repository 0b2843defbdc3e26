/**
 * Allocating invoice numbers from counters, as a pure function: state in, numbers and new state
 * out. The caller holds the lock, reads the state, calls `allocateNumbers` once for the whole
 * batch, and writes the state back with the register rows (SPEC §3.5).
 *
 * Guarantees, per series key: numbers are consecutive (no gap, no reuse), and their issue dates
 * never go backwards (no back-dating: a request dated before the last number of its series is
 * refused). Within a batch, requests are numbered in order of issue date (then of position), so a
 * batch given in any order still yields chronological numbers. A refused request consumes nothing.
 */
import { compareDates, type CalendarDate } from './dates';
import { formatDate } from './format';
import { both, msg, perLanguage } from '../texts';
import {
  formatInvoiceNumber,
  invoiceNumberProblems,
  parseNumberPattern,
  providerCodeProblems,
  seriesKey,
  type NumberPattern,
  type PatternResult,
} from './number-pattern';
import type { Problem } from './problem';

/** The last number given in a series, and its issue date. */
export interface SeriesCounter {
  readonly last: number;
  readonly lastDate: CalendarDate;
}

/** Counters by series key; JSON-compatible, to be stored as is (script properties, a sheet). */
export type CounterState = Readonly<Record<string, SeriesCounter>>;

export interface NumberRequest {
  /** A pattern such as `FA-{YYYY}-{SEQ:5}`, parsed or not. */
  readonly pattern: string | NumberPattern;
  readonly issueDate: CalendarDate;
  /** Provider code, for self-billing patterns with `{PROVIDER}`. */
  readonly provider?: string;
}

export interface AllocatedNumber {
  readonly number: string;
  readonly seriesKey: string;
  readonly seq: number;
}

export type AllocationOutcome =
  | ({ readonly ok: true } & AllocatedNumber)
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface AllocationResult {
  /** One outcome per request, in the order of the requests. */
  readonly outcomes: readonly AllocationOutcome[];
  readonly state: CounterState;
}

/** Allocates one number per request, in one step. */
export function allocateNumbers(
  state: CounterState,
  requests: readonly NumberRequest[],
): AllocationResult {
  const outcomes: AllocationOutcome[] = requests.map(() => ({ ok: false, problems: [] }));
  const prepared: { index: number; pattern: NumberPattern; request: NumberRequest; key: string }[] =
    [];
  const parsedPatterns = new Map<string, PatternResult>();
  requests.forEach((request, index) => {
    let pattern: NumberPattern;
    if (typeof request.pattern === 'string') {
      let parsed = parsedPatterns.get(request.pattern);
      if (parsed === undefined) {
        parsed = parseNumberPattern(request.pattern);
        parsedPatterns.set(request.pattern, parsed);
      }
      if (!parsed.ok) {
        outcomes[index] = { ok: false, problems: parsed.problems };
        return;
      }
      pattern = parsed.pattern;
    } else {
      pattern = request.pattern;
    }
    const providerProblems = providerCodeProblems(pattern, request.provider);
    if (providerProblems.length > 0) {
      outcomes[index] = { ok: false, problems: providerProblems };
      return;
    }
    prepared.push({ index, pattern, request, key: seriesKey(pattern, request) });
  });

  prepared.sort(
    (a, b) => compareDates(a.request.issueDate, b.request.issueDate) || a.index - b.index,
  );
  const next: Record<string, SeriesCounter> = { ...state };
  for (const { index, pattern, request, key } of prepared) {
    const counter = next[key];
    if (counter !== undefined && compareDates(request.issueDate, counter.lastDate) < 0) {
      outcomes[index] = {
        ok: false,
        problems: [backdatedProblem(key, request.issueDate, counter)],
      };
      continue;
    }
    const seq = (counter?.last ?? 0) + 1;
    const number = formatInvoiceNumber(pattern, request, seq);
    const numberProblems = invoiceNumberProblems(number);
    if (numberProblems.length > 0) {
      outcomes[index] = { ok: false, problems: numberProblems };
      continue;
    }
    next[key] = { last: seq, lastDate: request.issueDate };
    outcomes[index] = { ok: true, number, seriesKey: key, seq };
  }
  return { outcomes, state: next };
}

function backdatedProblem(key: string, issueDate: CalendarDate, counter: SeriesCounter): Problem {
  return {
    code: 'numbering.backdated',
    field: 'issueDate',
    source: { tab: 'invoices', record: key, field: both('field.issueDate') },
    message: msg('number.backdated', {
      key,
      last: perLanguage((language) => formatDate(counter.lastDate, language)),
      date: perLanguage((language) => formatDate(issueDate, language)),
    }),
    value: issueDate,
  };
}

/** The next sequence number of a series (1 when the series has none yet). */
export function nextSequence(state: CounterState, key: string): number {
  return (state[key]?.last ?? 0) + 1;
}
