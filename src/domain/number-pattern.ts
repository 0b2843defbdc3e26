/**
 * Invoice number patterns: `FA-{YYYY}-{SEQ:5}`, `AV-{YYYY}-{SEQ:5}`, `AF-{PROVIDER}-{YYYY}-{SEQ:4}`.
 *
 * Placeholders: `{YYYY}` year of the issue date, `{YY}` its last two digits, `{MM}` its month,
 * `{SEQ:n}` the sequence number zero-padded to at least n digits (n = 1..10; `{SEQ}` = n 1),
 * `{PROVIDER}` the provider's code (self-billing series). Everything else is literal text.
 *
 * A number is at most 35 characters of `A-Z a-z 0-9 + - _ /` (the limit and alphabet the French
 * e-invoicing rules set for BT-1). The *series key* is the pattern with every placeholder but the
 * sequence filled in: each key has its own counter, which is how a pattern with a year restarts
 * every year, and how each provider's self-billing has its own series (SPEC §3.5).
 */
import { dateParts, type CalendarDate } from './dates';
import { both, msg, type Message } from '../texts';
import type { Problem } from './problem';

export const MAX_NUMBER_LENGTH = 35;
const ALLOWED_CHARS = /^[A-Za-z0-9+\-_/]*$/;

export type PatternToken =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'year4' }
  | { readonly kind: 'year2' }
  | { readonly kind: 'month' }
  | { readonly kind: 'provider' }
  | { readonly kind: 'seq'; readonly width: number };

export interface NumberPattern {
  readonly source: string;
  readonly tokens: readonly PatternToken[];
}

export type PatternResult =
  | { readonly ok: true; readonly pattern: NumberPattern }
  | { readonly ok: false; readonly problems: readonly Problem[] };

function patternProblem(pattern: string, code: string, reason: Message): Problem {
  return {
    code: `numbering.pattern.${code}`,
    field: 'numberPattern',
    message: msg('pattern.invalid', { pattern, reason }),
    value: pattern,
  };
}

/** Parses and validates a number pattern. */
export function parseNumberPattern(pattern: string): PatternResult {
  const problems: Problem[] = [];
  const tokens: PatternToken[] = [];
  const placeholder = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = placeholder.exec(pattern); m !== null; m = placeholder.exec(pattern)) {
    if (m.index > last) tokens.push({ kind: 'literal', text: pattern.slice(last, m.index) });
    last = m.index + m[0].length;
    const name = (m[1] ?? '').trim().toUpperCase();
    const seq = /^SEQ(?::(\d+))?$/.exec(name);
    if (name === 'YYYY') tokens.push({ kind: 'year4' });
    else if (name === 'YY') tokens.push({ kind: 'year2' });
    else if (name === 'MM') tokens.push({ kind: 'month' });
    else if (name === 'PROVIDER') tokens.push({ kind: 'provider' });
    else if (seq) {
      const width = seq[1] === undefined ? 1 : Number(seq[1]);
      if (width < 1 || width > 10) {
        problems.push(patternProblem(pattern, 'seq-width', msg('pattern.seq-width')));
      }
      tokens.push({ kind: 'seq', width });
    } else {
      problems.push(
        patternProblem(
          pattern,
          'unknown-placeholder',
          msg('pattern.unknown-placeholder', { placeholder: m[0] }),
        ),
      );
    }
  }
  if (last < pattern.length) tokens.push({ kind: 'literal', text: pattern.slice(last) });

  const literals = tokens.flatMap((t) => (t.kind === 'literal' ? [t.text] : []));
  if (literals.some((text) => !ALLOWED_CHARS.test(text))) {
    problems.push(patternProblem(pattern, 'characters', msg('pattern.characters')));
  }
  const seqCount = tokens.filter((t) => t.kind === 'seq').length;
  if (seqCount !== 1) {
    problems.push(patternProblem(pattern, 'seq-count', msg('pattern.seq-count')));
  }
  const hasYear = tokens.some((t) => t.kind === 'year4' || t.kind === 'year2');
  if (tokens.some((t) => t.kind === 'month') && !hasYear) {
    problems.push(patternProblem(pattern, 'month-without-year', msg('pattern.month-without-year')));
  }
  const parsed: NumberPattern = { source: pattern, tokens };
  if (problems.length === 0 && minimumLength(parsed) > MAX_NUMBER_LENGTH) {
    problems.push(
      patternProblem(pattern, 'too-long', msg('pattern.too-long', { max: MAX_NUMBER_LENGTH })),
    );
  }
  return problems.length === 0 ? { ok: true, pattern: parsed } : { ok: false, problems };
}

/** Length of the shortest number the pattern can produce (a one-character provider code). */
function minimumLength(pattern: NumberPattern): number {
  return pattern.tokens.reduce((n, t) => {
    switch (t.kind) {
      case 'literal':
        return n + t.text.length;
      case 'year4':
        return n + 4;
      case 'year2':
      case 'month':
        return n + 2;
      case 'provider':
        return n + 1;
      case 'seq':
        return n + t.width;
    }
  }, 0);
}

/** True when the pattern's counter restarts with each year (or month). */
export function hasPeriod(pattern: NumberPattern): boolean {
  return pattern.tokens.some((t) => t.kind === 'year4' || t.kind === 'year2');
}

export function usesProvider(pattern: NumberPattern): boolean {
  return pattern.tokens.some((t) => t.kind === 'provider');
}

/** What fills a pattern's placeholders besides the sequence. */
export interface SeriesContext {
  readonly issueDate: CalendarDate;
  /** The provider's code, for patterns with `{PROVIDER}`. */
  readonly provider?: string;
}

function fill(pattern: NumberPattern, context: SeriesContext, seqText: string): string {
  const { year, month } = dateParts(context.issueDate);
  return pattern.tokens
    .map((t) => {
      switch (t.kind) {
        case 'literal':
          return t.text;
        case 'year4':
          return String(year);
        case 'year2':
          return String(year % 100).padStart(2, '0');
        case 'month':
          return String(month).padStart(2, '0');
        case 'provider':
          return context.provider ?? '';
        case 'seq':
          return seqText;
      }
    })
    .join('');
}

/** The series key: the pattern with year, month and provider filled and `{SEQ}` left in. */
export function seriesKey(pattern: NumberPattern, context: SeriesContext): string {
  return fill(pattern, context, '{SEQ}');
}

/** Problems with a provider code used in a number (empty code, forbidden characters). */
export function providerCodeProblems(
  pattern: NumberPattern,
  provider: string | undefined,
): Problem[] {
  if (!usesProvider(pattern)) return [];
  if (provider === undefined || provider === '' || !ALLOWED_CHARS.test(provider)) {
    return [
      {
        code: 'numbering.provider-code',
        field: 'provider',
        source: {
          tab: 'providers',
          ...(provider === undefined ? {} : { record: provider }),
          field: both('field.code'),
        },
        message: msg('number.provider-code', { code: provider ?? '' }),
        value: provider ?? '',
      },
    ];
  }
  return [];
}

/** Problems with a finished number: length and alphabet (empty when it is valid). */
export function invoiceNumberProblems(invoiceNumber: string): Problem[] {
  const problems: Problem[] = [];
  if (invoiceNumber.length === 0 || invoiceNumber.length > MAX_NUMBER_LENGTH) {
    problems.push({
      code: 'numbering.length',
      field: 'number',
      message: msg('number.length', { number: invoiceNumber, max: MAX_NUMBER_LENGTH }),
      value: invoiceNumber,
    });
  }
  if (!ALLOWED_CHARS.test(invoiceNumber)) {
    problems.push({
      code: 'numbering.characters',
      field: 'number',
      message: msg('number.characters', { number: invoiceNumber }),
      value: invoiceNumber,
    });
  }
  return problems;
}

/** True when `invoiceNumber` is 1 to 35 characters of `A-Z a-z 0-9 + - _ /`. */
export function isValidInvoiceNumber(invoiceNumber: string): boolean {
  return invoiceNumberProblems(invoiceNumber).length === 0;
}

/** Formats the number of sequence `seq` (≥ 1) in the series of `context`. */
export function formatInvoiceNumber(
  pattern: NumberPattern,
  context: SeriesContext,
  seq: number,
): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`Invalid sequence number ${seq}`);
  const seqToken = pattern.tokens.find((t) => t.kind === 'seq');
  const width = seqToken?.kind === 'seq' ? seqToken.width : 1;
  // The width is a minimum: past 10^width − 1 the number simply gets longer (still unique).
  return fill(pattern, context, String(seq).padStart(width, '0'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export interface ParsedNumber {
  readonly seriesKey: string;
  readonly seq: number;
  readonly year?: number;
  readonly month?: number;
  readonly provider?: string;
}

/** Reads an existing number back into its series key and sequence; undefined if it does not fit. */
export function parseInvoiceNumber(
  pattern: NumberPattern,
  invoiceNumber: string,
): ParsedNumber | undefined {
  const source = pattern.tokens
    .map((t) => {
      switch (t.kind) {
        case 'literal':
          return escapeRegExp(t.text);
        case 'year4':
          return '(\\d{4})';
        case 'year2':
          return '(\\d{2})';
        case 'month':
          return '(0[1-9]|1[0-2])';
        case 'provider':
          return '([A-Za-z0-9+_/-]+)';
        case 'seq':
          return `(\\d{${t.width},})`;
      }
    })
    .join('');
  const m = new RegExp(`^${source}$`).exec(invoiceNumber);
  if (!m) return undefined;
  let group = 0;
  let seq = Number.NaN;
  let year: number | undefined;
  let month: number | undefined;
  let provider: string | undefined;
  // The series key is the number with its sequence digits replaced by {SEQ}.
  const key = pattern.tokens
    .map((t) => {
      if (t.kind === 'literal') return t.text;
      group += 1;
      const value = m[group] ?? '';
      if (t.kind === 'seq') {
        seq = Number(value);
        return '{SEQ}';
      }
      if (t.kind === 'year4') year = Number(value);
      else if (t.kind === 'year2') year = 2000 + Number(value);
      else if (t.kind === 'month') month = Number(value);
      else provider = value;
      return value;
    })
    .join('');
  if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
  return {
    seriesKey: key,
    seq,
    ...(year === undefined ? {} : { year }),
    ...(month === undefined ? {} : { month }),
    ...(provider === undefined ? {} : { provider }),
  };
}
