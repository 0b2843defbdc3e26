/**
 * Every source → drafts, payables and billing calls, for generate, preview and issue alike.
 * A source row (or part of one) already on an issued invoice — its item key in the Lignes tab
 * under a number — is never billed again.
 */
import { msg } from '../texts';
import { applyCredits, type PendingCredit } from '../billing/credits';
import type { Draft, IssuedDeposit } from '../billing/draft';
import { depositPairOf, extraLineDrafts } from '../billing/extra-lines';
import { mentoringBilling, type BillingCall } from '../billing/mentoring';
import type { Payable } from '../billing/payable';
import { timesheetBilling } from '../billing/timesheets';
import { trainingDrafts } from '../billing/training';
import { lastDayOfMonth, monthKey, previousMonth, type CalendarDate } from '../domain/dates';
import { Money } from '../domain/money';
import { toCalendarDate } from '../domain/time-zone';
import { a1 } from '../sheets/problems';
import type { RowRecord } from '../sheets/read-tab';
import { numberKey } from '../billing/payment-book';
import { dateText, snapshotOf, text, type OutputTab, type RegisterRow } from './register';
import type { RunContext } from './run-context';

/** Lines of drafts carry this prefix in the Lignes tab's invoice column, numbers do not. */
export const DRAFT_PREFIX = 'brouillon:';

/** Where a client's own value sits, for problems at its cell. */
function clientCells(ctx: RunContext): {
  clientsSheet?: string;
  clientCell?: (row: RowRecord, key: string) => string;
} {
  const read = ctx.tab('clients');
  if (!read) return {};
  return {
    clientsSheet: read.sheetName,
    clientCell: (row, key) => {
      const col = read.columns.get(key);
      return col === undefined ? '' : a1(row.row, col);
    },
  };
}

/** Sessions a user asked to bill by hand (billing mode `none`), kept until billed. */
export const MANUAL_SESSIONS_KEY = 'training:manual';

export function manualSessionsOf(ctx: RunContext): Set<string> {
  try {
    const v: unknown = JSON.parse(ctx.ports.store.get(MANUAL_SESSIONS_KEY) ?? '[]');
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Rows by upper-case code; duplicates were reported and dropped by the cross-check. */
function byCode(ctx: RunContext, key: 'clients' | 'providers'): Map<string, RowRecord> {
  const map = new Map<string, RowRecord>();
  for (const rec of ctx.tab(key)?.records ?? []) {
    const code = String(rec.values['code'] ?? '').toUpperCase();
    if (!map.has(code)) map.set(code, rec);
  }
  return map;
}

export function clientsByCode(ctx: RunContext): Map<string, RowRecord> {
  return byCode(ctx, 'clients');
}

export function providersByCode(ctx: RunContext): Map<string, RowRecord> {
  return byCode(ctx, 'providers');
}

/**
 * Item keys (`billedKey`) of source rows on an issued invoice: from the Lignes tab, and from the
 * register's own list, which is written first.
 */
export function billedSourceIds(lines: OutputTab, register: OutputTab | null): Set<string> {
  const ids = new Set<string>();
  const released = releasedInvoices(register);
  for (const r of lines.rows) {
    const invoice = text(r['invoice']);
    const id = text(r['sourceId']);
    if (id && invoice && !invoice.startsWith(DRAFT_PREFIX) && !released.has(invoice)) ids.add(id);
  }
  for (const r of register?.rows ?? []) {
    if (!text(r['number']) || released.has(text(r['number']))) continue;
    for (const key of text(r['sourceRows']).split(' ')) if (key) ids.add(key);
  }
  return ids;
}

/**
 * Self-billed invoices cancelled by their credit note: their sessions are billed again (the
 * organisation corrects under the mandate; the corrected sessions go on a new self-billed
 * invoice). A client invoice credited in full is not billed again: it was cancelled on purpose.
 */
function releasedInvoices(register: OutputTab | null): Set<string> {
  return new Set(cancelledSelfBilled(register).map((r) => text(r['number'])));
}

/** Register rows of self-billed invoices cancelled by their credit note. */
export function cancelledSelfBilled(register: OutputTab | null): RegisterRow[] {
  return (register?.rows ?? []).filter(
    (r) => text(r['kind']) === 'autofacture' && text(r['status']).startsWith('annul'),
  );
}

/** The billing-call reference of a self-billed month's register row (`2026-11:CLEMENT`). */
export function callReferenceOf(row: RegisterRow): string {
  return text(row['draftId']).replace(/^sessions:/, '');
}

/** The VAT of a register row from its "VAT per rate" cell (`S:20=200.00; S:10=5.50`). */
function vatOf(byRate: string): string {
  const amounts = byRate.split(';').flatMap((part) => {
    const m = /=\s*(-?\d+(?:\.\d{1,2})?)\s*$/.exec(part);
    return m ? [Money.of(m[1] ?? '0')] : [];
  });
  return Money.sum(amounts).toFixed(2);
}

/** Deposit invoices issued and not cancelled, for balance invoices to deduct. */
function issuedDeposits(ctx: RunContext, register: OutputTab): IssuedDeposit[] {
  const out: IssuedDeposit[] = [];
  for (const r of register.rows) {
    if (text(r['kind']) !== 'acompte' || !text(r['number'])) continue;
    if (text(r['status']).startsWith('annul')) continue;
    const pair = depositPairOf(text(r['draftId']));
    if (!pair) continue;
    out.push({
      number: text(r['number']),
      issueDate: dateText(r['issueDate'], ctx.timeZone) as CalendarDate,
      buyerCode: pair.buyerCode,
      project: pair.project,
      amountTTC: Number(r['totalTTC'] ?? 0).toFixed(2),
      vat: vatOf(text(r['vatByRate'])),
    });
  }
  return out;
}

export interface DraftSet {
  drafts: Draft[];
  payables: Payable[];
  billingCalls: BillingCall[];
}

export function computeDrafts(
  ctx: RunContext,
  lines: OutputTab,
  register: OutputTab | null,
  calls: OutputTab | null,
): DraftSet {
  ctx.checkInputs();
  const billed = billedSourceIds(lines, register);
  const clients = clientsByCode(ctx);
  const providers = providersByCode(ctx);
  const settings = ctx.settings;
  const today = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
  const out: DraftSet = { drafts: [], payables: [], billingCalls: [] };
  const take = (r: {
    drafts: Draft[];
    problems: readonly import('../sheets/problems').Problem[];
    payables?: Payable[];
  }) => {
    r.problems.forEach((p) => ctx.report(p));
    out.drafts.push(...r.drafts);
    if (r.payables) out.payables.push(...r.payables);
  };

  const sessions = ctx.tab('sessions');
  if (sessions && sessions.records.length > 0) {
    // A month is called once its email went out (or its self-billed invoice exists); a call
    // still waiting for the mail quota is computed again, to be sent with its session detail.
    // Its row lists the sessions it covered (an older row gives only their number). A month
    // whose self-billed invoice was cancelled by a credit note covers none: they are billed
    // again, under the next key.
    const cancelledMonths = new Set(cancelledSelfBilled(register).map(callReferenceOf));
    const called = new Map(
      (calls?.rows ?? [])
        .filter((r) => text(r['mode']) !== 'appel' || text(r['emailedAt']) !== '')
        .filter((r) => text(r['reference']) !== '')
        .map((r): [string, number | Set<string>] => {
          const ref = text(r['reference']);
          if (cancelledMonths.has(ref)) return [ref, new Set<string>()];
          const ids = text(r['sourceRows'])
            .split(' ')
            .filter((id) => id !== '');
          return [ref, ids.length > 0 ? new Set(ids) : Number(r['sessions']) || 0];
        }),
    );
    const m = mentoringBilling({
      month: previousMonth(monthKey(today)),
      issueDate: today,
      sessions,
      rates: ctx.tab('rates') ?? undefined,
      providers,
      settings,
      billed,
      called,
    });
    take(m);
    out.billingCalls.push(...m.billingCalls);
  }
  const timesheets = ctx.tab('timesheets');
  if (timesheets) take(timesheetBilling({ timesheets, clients, providers, settings, billed }));
  const trainings = ctx.tab('trainings');
  const enrolments = ctx.tab('enrolments');
  if (trainings && enrolments) {
    const manualSessions = manualSessionsOf(ctx);
    const t = trainingDrafts({
      trainings,
      enrolments,
      clients,
      settings,
      billed,
      today,
      manualSessions,
    });
    take(t);
    // Billing mode "none": said once per session, with the way to bill it.
    const col = enrolments.columns.get('session');
    const told = new Set<string>();
    for (const u of t.unbilled) {
      if (u.reason !== 'manual-billing') continue;
      const rec = enrolments.records.find((r) => r.id === u.origin.id);
      const ref = text(rec?.values['session'] as string | undefined);
      if (told.has(ref)) continue;
      told.add(ref);
      ctx.warn(
        'manual-billing',
        enrolments.sheetName,
        col === undefined ? '' : a1(u.origin.row, col),
        ref,
        msg('run.manual-billing', {
          ref,
          mode: msg('value.billing-mode.none'),
          menu: msg('menu.menuBillSession'),
        }),
      );
    }
  }
  const extras = ctx.tab('extra-lines');
  if (extras) {
    take(
      extraLineDrafts({
        extras,
        clients,
        settings,
        billed,
        providers,
        issuedDeposits: register ? issuedDeposits(ctx, register) : [],
        periodEnd: lastDayOfMonth(previousMonth(monthKey(today))),
        ...clientCells(ctx),
      }),
    );
  }
  const distinct = distinctKeys(out, register);
  const pending = register ? pendingCredits(ctx, register) : [];
  return pending.length === 0
    ? distinct
    : { ...distinct, drafts: applyCredits(distinct.drafts, pending).drafts };
}

/** A money cell as an output tab holds it (a number, or text from an older write). */
export function moneyCell(v: unknown): Money {
  if (typeof v === 'number') return Money.fromNumberExact(v);
  const s = text(v as string)
    .replace(/\s/g, '')
    .replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Money.of(s) : Money.zero();
}

/**
 * Per issued invoice (by number key), the client credit deducted so far from later invoices:
 * the `appliedCredits` of every issued document, whatever became of it since.
 */
export function creditsApplied(register: OutputTab): Map<string, Money> {
  const out = new Map<string, Money>();
  for (const r of register.rows) {
    if (!text(r['number']) || !text(r['snapshot']).includes('appliedCredits')) continue;
    for (const c of snapshotOf(r)?.appliedCredits ?? []) {
      const key = numberKey(c.invoice);
      out.set(key, (out.get(key) ?? Money.zero()).plus(Money.of(c.amount)));
    }
  }
  return out;
}

/**
 * Client credits a user asked to deduct from the next invoice (`creditToApply` on the register)
 * and not deducted yet, oldest invoice first. Derived from the register alone, so a run stopped
 * anywhere deducts each credit once: a deduction exists only on an issued invoice.
 */
export function pendingCredits(ctx: RunContext, register: OutputTab): PendingCredit[] {
  const asked = register.rows.filter(
    (r) => text(r['number']) !== '' && moneyCell(r['creditToApply']).isPositive(),
  );
  if (asked.length === 0) return [];
  const applied = creditsApplied(register);
  const out: PendingCredit[] = [];
  for (const r of asked) {
    const number = text(r['number']);
    const left = moneyCell(r['creditToApply']).minus(
      applied.get(numberKey(number)) ?? Money.zero(),
    );
    if (!left.isPositive()) continue;
    out.push({
      buyerCode: text(r['buyerCode']),
      invoice: number,
      creditNotes: register.rows
        .filter((c) => text(c['kind']) === 'avoir' && text(c['creditTarget']) === number)
        .map((c) => ({
          number: text(c['number']),
          issueDate: dateText(c['issueDate'], ctx.timeZone) as CalendarDate,
        })),
      amount: left,
    });
  }
  return out;
}

/**
 * A draft whose key an issued document already has (rows of a month or a session typed after
 * it was billed) gets the next free key, `extra-lines:ACME:2026-11:2`: every document keeps a
 * key of its own, and what it owes providers follows it.
 */
function distinctKeys(set: DraftSet, register: OutputTab | null): DraftSet {
  const used = new Set<string>();
  for (const r of register?.rows ?? []) if (text(r['number'])) used.add(text(r['draftId']));
  const renamed = new Map<string, string>();
  for (const d of set.drafts) {
    if (!used.has(d.key)) {
      used.add(d.key);
      continue;
    }
    let n = 2;
    while (used.has(`${d.key}:${n}`)) n++;
    renamed.set(d.key, `${d.key}:${n}`);
    used.add(`${d.key}:${n}`);
  }
  if (renamed.size === 0) return set;
  const to = (k: string): string => renamed.get(k) ?? k;
  return {
    drafts: set.drafts.map((d) => ({ ...d, key: to(d.key) })),
    payables: set.payables.map((p) =>
      p.draftKey === undefined ? p : { ...p, draftKey: to(p.draftKey) },
    ),
    billingCalls: set.billingCalls.map((c) =>
      c.draftKey === undefined ? c : { ...c, draftKey: to(c.draftKey) },
    ),
  };
}
