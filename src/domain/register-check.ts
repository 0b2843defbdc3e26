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
import { localize, type LocalizedText } from './language';
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

const NUMBER_FIELD: LocalizedText = { fr: 'numéro', en: 'number' };

function problem(code: string, record: string, message: LocalizedText, value?: string): Problem {
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
          localize(
            {
              fr: 'Le numéro « {n} » ne suit pas le modèle {p} de sa série',
              en: 'Number "{n}" does not follow the pattern {p} of its series',
            },
            { n: entry.number, p: patternText },
          ),
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
          localize(
            {
              fr: "Le numéro « {n} » ne correspond pas à sa date d'émission ({d})",
              en: 'Number "{n}" does not match its issue date ({d})',
            },
            (language) => ({ n: entry.number, d: formatDate(entry.issueDate, language) }),
          ),
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
            localize(
              {
                fr: "Le compteur de la série {key} est à {c} alors que le registre va jusqu'à {h} : le prochain numéro serait réutilisé",
                en: 'The counter of series {key} is at {c} while the register goes up to {h}: the next number would be reused',
              },
              { key, c: String(last), h: String(highest) },
            ),
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
    localize(
      {
        fr: "Le compteur de la série {key} est à {c} mais le registre s'arrête à {h} : des numéros attribués n'ont pas été enregistrés",
        en: 'The counter of series {key} is at {c} but the register stops at {h}: allocated numbers were never recorded',
      },
      { key, c: String(last), h: String(highest) },
    ),
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
          localize(
            {
              fr: 'Numéro attribué {k} fois dans la série {key} : {list}',
              en: 'Number used {k} times in series {key}: {list}',
            },
            { k: String(same.length), key, list: numbers.join(', ') },
          ),
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
        problem(
          'gap',
          record,
          localize(
            {
              fr: 'Trou dans la série {key} : numéro(s) {range} absent(s) avant {n}',
              en: 'Gap in series {key}: number(s) {range} missing before {n}',
            },
            { key, range, n: record },
          ),
          range,
        ),
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
          localize(
            {
              fr: 'Le numéro « {n} » est daté du {d}, avant « {p} » daté du {pd}',
              en: 'Number "{n}" is dated {d}, before "{p}" dated {pd}',
            },
            (language) => ({
              n: current.entry.number,
              d: formatDate(current.entry.issueDate, language),
              p: previous.entry.number,
              pd: formatDate(previous.entry.issueDate, language),
            }),
          ),
          current.entry.issueDate,
        ),
      );
    }
  }
  return problems;
}
