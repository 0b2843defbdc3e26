/**
 * Expected failures of the core (a missing mandatory mention, a gap in a register, an invalid
 * number pattern) are values, not exceptions: each names the field, where its value should come
 * from, and a message of the catalogue. The shell decides how to show them (Journal row, toast),
 * in its language. Exceptions are kept for bugs (an unparsable decimal string that should have
 * been validated).
 */
import { both, render, type Message } from '../texts';
import type { Language, LocalizedText } from './language';

/** The workbook tabs of SPEC §2, plus `invoice` for values the run itself sets on a document. */
export type TabKey =
  | 'settings'
  | 'clients'
  | 'providers'
  | 'rates'
  | 'sessions'
  | 'timesheets'
  | 'trainings'
  | 'enrolments'
  | 'extra-lines'
  | 'payments'
  | 'invoices'
  | 'invoice-lines'
  | 'invoice';

export const TAB_LABELS: Readonly<Record<TabKey, LocalizedText>> = {
  settings: both('tab.settings'),
  clients: both('tab.clients'),
  providers: both('tab.providers'),
  rates: both('tab.rates'),
  sessions: both('tab.sessions'),
  timesheets: both('tab.timesheets'),
  trainings: both('tab.trainings'),
  enrolments: both('tab.enrolments'),
  'extra-lines': both('tab.extra-lines'),
  payments: both('tab.payments'),
  invoices: both('tab.invoices'),
  'invoice-lines': both('tab.invoice-lines'),
  invoice: both('source.invoice'),
};

/** Where a value should come from: a tab, the record in it (a code, a row ID), a column or key. */
export interface SourceRef {
  readonly tab: TabKey;
  /** The record's identifier (client or provider code, row ID, invoice number), if any. */
  readonly record?: string;
  /** The column (or settings key) name, in both languages. */
  readonly field: LocalizedText;
}

export interface Problem {
  /** Stable machine code, e.g. `mention.missing`, `numbering.gap`. */
  readonly code: string;
  /** Path of the value in the document or input, e.g. `seller.siren`, `lines[2].unitPrice`. */
  readonly field: string;
  readonly source?: SourceRef;
  readonly message: Message;
  /** The offending value as seen, when there is one (never an IBAN in full: see missingMentions). */
  readonly value?: string;
}

/**
 * `Paramètres: SIREN`, `Clients: ACME: adresse` (fr) or `Clients: ACME: address` (en). The colon
 * is written without the French space before it: these are references, like A1 addresses.
 */
export function formatSource(source: SourceRef, language: Language): string {
  const parts = [TAB_LABELS[source.tab][language]];
  if (source.record !== undefined && source.record !== '') parts.push(source.record);
  parts.push(source.field[language]);
  return parts.join(': ');
}

/** A problem's message in one language. */
export function problemMessage(problem: Problem, language: Language): string {
  return render(problem.message, language);
}
