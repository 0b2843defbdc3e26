/**
 * Audit of an invoice register: every series must be unique, continuous and chronological
 * (SPEC §3.5; CGI art. 242 nonies A, I-7°). Reports, per series key:
 * - `numbering.gap`: sequence numbers missing between 1 (or the given start) and the highest;
 * - `numbering.duplicate`: a sequence number present more than once;
 * - `numbering.out-of-order`: a higher number with an earlier issue date than a lower one;
 * - `numbering.period-mismatch`: the year or month in the number is not the issue date's;
 * - `numbering.unparsable`: a number that does not fit its pattern;
 * - with the counters: `numbering.counter-behind` (the next number would reuse one) and
 *   `numbering.counter-ahead` (numbers were allocated but never recorded).
 */
import { compareDates, dateParts, type CalendarDate } from './dates';
import { formatDate } from './format';
import { both, msg, perLanguage, type Message } from '../texts';
import type { LocalizedText } from './language';
import { parseInvoiceNumber, parseNumberPattern, type NumberPattern } from './number-pattern';
import type { CounterState } from './numbering';
import type { Problem } from './problem';

export interface RegisterEntry {
  readonly number: string;
  readonly issueDate: CalendarDate;
  /** The pattern of the series the number belongs to. */
  readonly pattern: string | NumberPattern;
}

export interface RegisterCheckOptions {
  /** The counters the next allocation would use, to compare with the register. */
  readonly counters?: CounterState;
  /** First sequence number of some series (a series taken over from another tool); default 1. */
  readonly startSeq?: Readonly<Record<string, number>>;
}

const NUMBER_FIELD: LocalizedText = both('field.number');

function problem(code: string, record: string, message: Message, value?: string): Problem {
  return {
    code: `numbering.${code}`,
    field: 'number',
    source: { tab: 'invoices', record, field: NUMBER_FIELD },
    message,
    ...(value === undefined ? {} : { value }),
  };
}

interface Parsed {
  readonly entry: RegisterEntry;
  readonly seq: number;
}

export function checkRegister(
  entries: readonly RegisterEntry[],
  options: RegisterCheckOptions = {},
): Problem[] {
  const problems: Problem[] = [];
  const patterns = new Map<string, NumberPattern | undefined>();
  const series = new Map<string, Parsed[]>();

  for (const entry of entries) {
    let pattern: NumberPattern | undefined;
    if (typeof entry.pattern === 'string') {
      if (!patterns.has(entry.pattern)) {
        const parsed = parseNumberPattern(entry.pattern);
        patterns.set(entry.pattern, parsed.ok ? parsed.pattern : undefined);
      }
      pattern = patterns.get(entry.pattern);
    } else {
      pattern = entry.pattern;
    }
    const parsed = pattern === undefined ? undefined : parseInvoiceNumber(pattern, entry.number);
    if (parsed === undefined) {
      const patternText = typeof entry.pattern === 'string' ? entry.pattern : entry.pattern.source;
      problems.push(
        problem(
          'unparsable',
          entry.number,
          msg('register.unparsable', { number: entry.number, pattern: patternText }),
          entry.number,
        ),
      );
      continue;
    }
    const { year, month } = dateParts(entry.issueDate);
    if (
      (parsed.year !== undefined && parsed.year !== year) ||
      (parsed.month !== undefined && parsed.month !== month)
    ) {
      problems.push(
        problem(
          'period-mismatch',
          entry.number,
          msg('register.period-mismatch', {
            number: entry.number,
            date: perLanguage((language) => formatDate(entry.issueDate, language)),
          }),
          entry.issueDate,
        ),
      );
    }
    const list = series.get(parsed.seriesKey);
    if (list === undefined) series.set(parsed.seriesKey, [{ entry, seq: parsed.seq }]);
    else list.push({ entry, seq: parsed.seq });
  }

  for (const [key, list] of series) {
    problems.push(...checkSeries(key, list, options.startSeq?.[key] ?? 1));
    const counter = options.counters?.[key];
    const highest = Math.max(...list.map((p) => p.seq));
    if (options.counters !== undefined) {
      const last = counter?.last ?? 0;
      if (last < highest) {
        problems.push(
          problem(
            'counter-behind',
            key,
            msg('register.counter-behind', { key, counter: last, highest }),
          ),
        );
      } else if (last > highest) {
        problems.push(counterAhead(key, last, highest));
      }
    }
  }
  if (options.counters !== undefined) {
    for (const [key, counter] of Object.entries(options.counters)) {
      if (!series.has(key) && counter.last > 0) problems.push(counterAhead(key, counter.last, 0));
    }
  }
  return problems;
}

function counterAhead(key: string, last: number, highest: number): Problem {
  return problem(
    'counter-ahead',
    key,
    msg('register.counter-ahead', { key, counter: last, highest }),
  );
}

function checkSeries(key: string, list: readonly Parsed[], startSeq: number): Problem[] {
  const problems: Problem[] = [];
  const bySeq = new Map<number, Parsed[]>();
  for (const p of list) {
    const same = bySeq.get(p.seq);
    if (same === undefined) bySeq.set(p.seq, [p]);
    else same.push(p);
  }
  const seqs = [...bySeq.keys()].sort((a, b) => a - b);

  for (const seq of seqs) {
    const same = bySeq.get(seq) ?? [];
    if (same.length > 1) {
      const numbers = same.map((p) => p.entry.number);
      problems.push(
        problem(
          'duplicate',
          numbers[0] ?? key,
          msg('register.duplicate', { times: same.length, key, list: numbers.join(', ') }),
          String(seq),
        ),
      );
    }
  }

  let expected = startSeq;
  for (const seq of seqs) {
    if (seq > expected) {
      const range = seq - 1 === expected ? String(expected) : `${expected}–${seq - 1}`;
      const record = bySeq.get(seq)?.[0]?.entry.number ?? key;
      problems.push(
        problem('gap', record, msg('register.gap', { key, range, number: record }), range),
      );
    }
    expected = Math.max(expected, seq + 1);
  }

  for (let i = 1; i < seqs.length; i++) {
    const previous = bySeq.get(seqs[i - 1] ?? 0)?.[0];
    const current = bySeq.get(seqs[i] ?? 0)?.[0];
    if (previous === undefined || current === undefined) continue;
    if (compareDates(current.entry.issueDate, previous.entry.issueDate) < 0) {
      problems.push(
        problem(
          'out-of-order',
          current.entry.number,
          msg('register.out-of-order', {
            number: current.entry.number,
            date: perLanguage((language) => formatDate(current.entry.issueDate, language)),
            previous: previous.entry.number,
            previousDate: perLanguage((language) => formatDate(previous.entry.issueDate, language)),
          }),
          current.entry.issueDate,
        ),
      );
    }
  }
  return problems;
}
