/**
 * Mentoring sessions → billing calls or self-billed invoices (SPEC §3.1).
 *
 * For each provider and each month with billable sessions — the month before the billing-call
 * run, and any earlier month with sessions typed after its call (a supplementary call, its key
 * `2026-11:CLEMENT:2`), back to the first month billed here: done sessions at the full rate, no-shows at the settings' share (default 50 %),
 * cancelled sessions not at all. The rate is the Tarifs row that applies on the session's date,
 * unless the session's "billed as" cell overrides it; the no-show share applies to either.
 *
 * A provider whose self-billing mandate is signed on or before the issue date gets a self-billed
 * invoice (seller = the provider, under its own VAT regime; buyer = the organisation; numbered
 * later in the provider's own series), payable 30 days after approval. Any other provider gets a
 * billing call (the amount its own invoice must show), payable 30 days after that invoice is
 * received. Either way the month's recap is a `BillingCall` (one row of the billing-calls tab).
 */
import { msg, t, type PlainTextKey } from '../texts';
import { SESSION_TYPES } from '../sheets/tabs';
import {
  firstDayOfMonth,
  lastDayOfMonth,
  monthKey,
  parseCalendarDate,
  type CalendarDate,
  type MonthKey,
} from '../domain/dates';
import { dec, isDecimalString, toPlainString, type DecimalString } from '../domain/decimal';
import type { InvoiceDocument, InvoiceLine } from '../domain/invoice';
import type { Language } from '../domain/language';
import { lineNet } from '../domain/line-amounts';
import { lineVatFor, type VatExemption } from '../domain/vat';
import { problem, type Problem } from '../sheets/problems';
import type { RowRecord, TabRead } from '../sheets/read-tab';
import type { Settings } from '../sheets/settings';
import { isBilled, type Unbilled } from './billed';
import type { Draft, LineOrigin } from './draft';
import { organisationParty, providerParty, vatRegimeOf } from './parties';
import {
  MENTOR_PAYMENT_DAYS,
  linesTotals,
  type Payable,
  type PayableLine,
  type SessionDetail,
} from './payable';
import { findRate, rateGrid, sessionTypeOf, type SessionType } from './rates';
import {
  cellOf,
  codeField,
  decimalField,
  emailsOf,
  field,
  languageOf,
  originOf,
  byDateThenRow,
} from './values';

export interface MentoringInput {
  /** The month billed, `YYYY-MM` (the month before the run). */
  month: MonthKey;
  /** The run's day: a mandate signed after it does not count yet. */
  issueDate: CalendarDate;
  sessions: TabRead;
  rates: Pick<TabRead, 'records'> | undefined;
  /** Intervenants rows by upper-case code. */
  providers: ReadonlyMap<string, RowRecord>;
  settings: Settings;
  /** Session IDs already on an issued self-billed invoice or a recorded billing call. */
  billed: ReadonlySet<string>;
  /**
   * The billing calls already made (`2026-11:CLEMENT`, `2026-11:CLEMENT:2`…), each with the IDs
   * of the sessions it covered, or, for a row written before rows listed them, their number.
   */
  called?: ReadonlyMap<string, number | ReadonlySet<string>>;
}

export interface BillingCallLine {
  readonly origin: LineOrigin;
  readonly date: CalendarDate;
  readonly student: string;
  readonly type: SessionType;
  readonly level: number;
  readonly status: 'done' | 'no-show';
  /** Rate HT of one session (the grid's or the "billed as" override). */
  readonly rate: DecimalString;
  readonly sharePercent: DecimalString;
  /** Net HT billed for the session, 2 decimals. */
  readonly amount: DecimalString;
}

/** One provider's month (SPEC §2.2, billing-calls tab; §5, billing-call and recap emails). */
export interface BillingCall {
  /** `YYYY-MM:PROVIDER`, the row's identity in the billing-calls tab. */
  readonly key: string;
  readonly month: MonthKey;
  readonly providerCode: string;
  readonly providerName: string;
  readonly recipients: readonly string[];
  readonly language: Language;
  /** `autofacturation` (a self-billed invoice to approve) or `appel` (invoice us this amount). */
  readonly mode: 'autofacturation' | 'appel';
  readonly sessionsCount: number;
  /** Computed under the provider's VAT regime; 2 decimals. */
  readonly amountHT: DecimalString;
  readonly vat: DecimalString;
  readonly amountTTC: DecimalString;
  /** Why the provider's invoice bears no VAT (franchise: art. 293 B), if so. */
  readonly vatExemption?: VatExemption;
  /** Days the provider has to contest a self-billed invoice (default 15). */
  readonly contestDays: number;
  readonly lines: readonly BillingCallLine[];
  /** The self-billed invoice's draft key (mode `autofacturation`). */
  readonly draftKey?: string;
  readonly payableKey: string;
}

export interface MentoringResult {
  billingCalls: BillingCall[];
  /** Self-billed invoices (kind `autofacture`). */
  drafts: Draft[];
  payables: Payable[];
  problems: Problem[];
  unbilled: Unbilled[];
}

export function billingCallKey(month: string, providerCode: string): string {
  return `${month}:${providerCode.toUpperCase()}`;
}

export const DEFAULT_CONTEST_DAYS = 15;

interface SessionItem {
  rec: RowRecord;
  origin: LineOrigin;
  date: CalendarDate;
  type: SessionType;
  level: number;
  status: 'done' | 'no-show';
  rate: DecimalString;
  sharePercent: DecimalString;
}

const TYPE_LABELS = {
  mentorat: 'session.type.mentorat',
  soutenance: 'session.type.soutenance',
} as const satisfies Readonly<Record<SessionType, PlainTextKey>>;

function levelLabel(type: SessionType, level: number, language: Language): string {
  return t(language, type === 'soutenance' ? 'session.expertise-level' : 'session.project-level', {
    level,
  });
}

function sessionDescription(item: SessionItem, language: Language): string {
  const parts = [t(language, TYPE_LABELS[item.type])];
  const student = field(item.rec, 'student');
  if (student !== '') parts.push(student);
  parts.push(levelLabel(item.type, item.level, language));
  if (item.status === 'no-show') {
    const share = item.sharePercent;
    parts.push(t(language, 'session.no-show-billed', { share }));
  }
  return parts.join(' — ');
}

function noShowShare(settings: Settings): DecimalString {
  const s = settings.noShowShare;
  return isDecimalString(s) && dec(s).gte(0) && dec(s).lte(100) ? toPlainString(dec(s)) : '50';
}

export function mentoringBilling(input: MentoringInput): MentoringResult {
  const { month, sessions, providers, settings, billed } = input;
  const called = input.called ?? new Map<string, number | ReadonlySet<string>>();
  const grid = rateGrid(input.rates);
  const share = noShowShare(settings);
  const problems: Problem[] = [];
  const unbilled: Unbilled[] = [];
  const groups = new Map<string, SessionItem[]>();
  const sheet = sessions.sheetName;
  const reject = (rec: RowRecord, p: Problem, reason: Unbilled['reason'] = 'problem'): void => {
    problems.push(p);
    unbilled.push({ origin: originOf('sessions', rec), reason });
  };

  // Which sessions the billing calls already made cover: the IDs their row lists, or, for a row
  // written before rows listed them, the first sessions entered (by row), as many as it counted.
  // A covered session is neither billed again nor reported at any later run.
  const inCall = new Set<string>();
  const counts = new Map<string, number>();
  for (const [key, cover] of called) {
    if (typeof cover === 'number') counts.set(key, cover);
    else for (const id of cover) inCall.add(id);
  }
  if (counts.size > 0) {
    const seen = new Map<string, number>();
    for (const rec of [...sessions.records].sort((a, b) => a.row - b.row)) {
      const date = parseCalendarDate(field(rec, 'date'));
      if (date === undefined) continue;
      const status = field(rec, 'status');
      if (status !== 'done' && status !== 'no-show') continue;
      if (status === 'no-show' && dec(share).isZero()) continue;
      if (isBilled(billed, rec.id) || inCall.has(rec.id)) continue;
      const key = billingCallKey(monthKey(date), codeField(rec, 'provider'));
      const covered = counts.get(key);
      if (covered === undefined) continue;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n <= covered) inCall.add(rec.id);
    }
  }
  // Months before the first one billed here were billed some other way: a session of such a
  // month is reported, not billed. From that month on, a session typed late is billed on its
  // own billing call (or self-billed invoice) for its month.
  const first = firstMonthBilled(month, called.keys());

  for (const rec of [...sessions.records].sort(byDateThenRow('date'))) {
    const date = parseCalendarDate(field(rec, 'date'));
    if (date === undefined) continue;
    const sessionMonth = monthKey(date);
    if (sessionMonth > month) continue;
    const status = field(rec, 'status');
    if (status !== 'done' && status !== 'no-show') continue;
    const sharePercent = status === 'done' ? '100' : share;
    if (dec(sharePercent).isZero()) continue;
    if (isBilled(billed, rec.id) || inCall.has(rec.id)) continue;
    const code = codeField(rec, 'provider');
    if (sessionMonth < first) {
      reject(
        rec,
        problem(
          'session-before-first-month',
          sheet,
          cellOf(sessions, rec, 'date'),
          date,
          msg('session.before-first-month', { month: sessionMonth, first }),
          'warning',
        ),
        'before-first-month',
      );
      continue;
    }
    if (!providers.has(code)) {
      reject(
        rec,
        problem(
          'unknown-provider',
          sheet,
          cellOf(sessions, rec, 'provider'),
          code,
          msg('session.unknown-provider', { code }),
        ),
      );
      continue;
    }
    const type = sessionTypeOf(field(rec, 'type'));
    const level = rec.values['level'];
    if (type === undefined || typeof level !== 'number') continue;
    let rate = decimalField(rec, 'billedAs');
    if (rate === undefined) {
      rate = findRate(grid, type, level, date)?.rate;
      if (rate === undefined) {
        reject(
          rec,
          problem(
            'no-rate',
            sheet,
            cellOf(sessions, rec, 'level'),
            level,
            msg('session.no-rate', {
              type: SESSION_TYPES.find((s) => s.code === type) ?? String(type),
              level,
              date,
            }),
          ),
        );
        continue;
      }
    }
    const groupKey = `${sessionMonth}|${code}`;
    const items = groups.get(groupKey) ?? [];
    items.push({
      rec,
      origin: originOf('sessions', rec),
      date,
      type,
      level,
      status,
      rate,
      sharePercent,
    });
    groups.set(groupKey, items);
  }

  const result: MentoringResult = {
    billingCalls: [],
    drafts: [],
    payables: [],
    problems,
    unbilled,
  };
  for (const [groupKey, items] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [itemsMonth = month, code = ''] = groupKey.split('|');
    const row = providers.get(code);
    const key = callKeyFor(itemsMonth as MonthKey, code, called);
    if (row !== undefined)
      providerMonth(input, itemsMonth as MonthKey, key, code, row, items, result);
  }
  return result;
}

const MONTH_KEY = /^(\d{4}-\d{2}):/;

/** The earliest month with a billing call made, or the month billed when there is none before. */
function firstMonthBilled(month: MonthKey, keys: Iterable<string>): MonthKey {
  let first: string = month;
  for (const key of keys) {
    const m = MONTH_KEY.exec(key)?.[1];
    if (m !== undefined && m < first) first = m;
  }
  return first as MonthKey;
}

/**
 * The key of a provider's month: `2026-11:CLEMENT`, or, once that month's call is made, the next
 * free supplement `2026-11:CLEMENT:2`, `:3`… for sessions typed after it.
 */
export function callKeyFor(
  month: MonthKey,
  code: string,
  called: ReadonlyMap<string, unknown>,
): string {
  const base = billingCallKey(month, code);
  if (!called.has(base)) return base;
  let n = 2;
  while (called.has(`${base}:${n}`)) n++;
  return `${base}:${n}`;
}

function providerMonth(
  input: MentoringInput,
  month: MonthKey,
  callKey: string,
  code: string,
  row: RowRecord,
  items: readonly SessionItem[],
  out: MentoringResult,
): void {
  const { settings } = input;
  const seller = providerParty(row);
  const language = languageOf(row, settings.locale);
  const vat = lineVatFor(vatRegimeOf(field(row, 'vatRegime')), settings.vatRate || '20', {
    training: true,
  });
  const lines: InvoiceLine[] = items.map((item) => ({
    source: { tab: 'sessions', rowId: item.rec.id },
    description: sessionDescription(item, language),
    quantity: toPlainString(dec(item.sharePercent).div(100)),
    unit: 'session',
    unitPrice: item.rate,
    vat,
    serviceDate: item.date,
  }));
  const totals = linesTotals(lines);
  const mandate = seller.selfBillingMandateSignedOn;
  const selfBilled = mandate !== undefined && mandate <= input.issueDate;
  const period = { start: firstDayOfMonth(month), end: lastDayOfMonth(month) };
  // The call's key after its month (`2026-11:CLEMENT`, `2026-11:CLEMENT:2`…).
  const suffix = callKey.slice(7);
  const draftKey = `sessions:${month}${suffix}`;
  const payableKey = `payable:sessions:${month}${suffix}`;
  const recipients = emailsOf(row);
  const details: SessionDetail[] = items.map((item) => ({
    student: field(item.rec, 'student'),
    type: item.type,
    level: item.level,
    status: item.status,
    sharePercent: item.sharePercent,
  }));
  const nets = lines.map((l) => lineNet(l).toFixed(2));
  const contest = row.values['contestDays'];
  out.billingCalls.push({
    key: callKey,
    month,
    providerCode: code,
    providerName: seller.name,
    recipients,
    language,
    mode: selfBilled ? 'autofacturation' : 'appel',
    sessionsCount: items.length,
    amountHT: totals.ht.toFixed(2),
    vat: totals.vat.toFixed(2),
    amountTTC: totals.ttc.toFixed(2),
    ...(vat.exemption === undefined ? {} : { vatExemption: vat.exemption }),
    contestDays: typeof contest === 'number' && contest >= 0 ? contest : DEFAULT_CONTEST_DAYS,
    lines: items.map((item, i) => ({
      origin: item.origin,
      date: item.date,
      student: field(item.rec, 'student'),
      type: item.type,
      level: item.level,
      status: item.status,
      rate: item.rate,
      sharePercent: item.sharePercent,
      amount: nets[i] ?? '0.00',
    })),
    ...(selfBilled ? { draftKey } : {}),
    payableKey,
  });
  out.payables.push({
    key: payableKey,
    kind: selfBilled ? 'autofacture' : 'appel',
    providerCode: code,
    providerName: seller.name,
    month,
    period,
    amountHT: totals.ht.toFixed(2),
    vat: totals.vat.toFixed(2),
    amountTTC: totals.ttc.toFixed(2),
    fee: '0.00',
    net: totals.ttc.toFixed(2),
    due: { from: selfBilled ? 'approval' : 'receipt', days: MENTOR_PAYMENT_DAYS },
    sourceIds: items.map((i) => i.rec.id),
    lines: items.map((item, i): PayableLine => ({
      origin: item.origin,
      date: item.date,
      description: lines[i]?.description ?? '',
      quantity: lines[i]?.quantity ?? '1',
      unitPrice: item.rate,
      net: nets[i] ?? '0.00',
      ...(details[i] === undefined ? {} : { session: details[i] }),
    })),
    ...(selfBilled ? { draftKey } : {}),
  });
  if (!selfBilled) return;
  const invoice: InvoiceDocument = {
    kind: 'autofacture',
    language,
    currency: settings.currency || 'EUR',
    seller,
    buyer: organisationParty(settings),
    servicePeriod: period,
    lines,
    latePenaltyText: settings.latePenalty,
    operationCategory: 'services',
  };
  out.drafts.push({
    key: draftKey,
    buyerCode: '',
    invoice,
    origins: items.map((i) => i.origin),
    recipients,
    direction: 'payable',
    providerCode: code,
    termsDays: MENTOR_PAYMENT_DAYS,
  });
}
