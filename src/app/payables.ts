/**
 * What the organisation owes its providers (SPEC §3.1, §3.2, §3.4), one row each in the Billing
 * calls tab: a month of mentoring sessions (billing call or self-billed invoice), a CRA payout,
 * an agency provider's share. Rows are keyed by their reference; the columns users write
 * (approval, approved on, invoice received on) are never overwritten, and the due date follows
 * them: 30 days after approval or receipt, fixed by the payment option for payouts.
 */
import { msg, t } from '../texts';
import { SESSION_TYPES } from '../sheets/tabs';
import type { MonthKey } from '../domain/dates';
import type { BillingCall } from '../billing/mentoring';
import { payableDueDate, type Payable } from '../billing/payable';
import { calendarDate, compareDates, type CalendarDate } from '../domain/dates';
import { formatDate, formatMoney, formatPercent } from '../domain/format';
import { Money } from '../domain/money';
import { billingCallEmail, type BillingCallSession } from '../render/emails';
import type { Language } from '../domain/language';
import { providersByCode } from './drafts';
import { monthLabel } from '../billing/timesheets';
import { isValidEmail, parseDateText } from '../sheets/cells';
import { normalizeName } from '../sheets/normalize';
import { a1, problem } from '../sheets/problems';
import type { DraftSet } from './drafts';
import { dateCell, owedByIssued, STATUS } from './issue';
import {
  dateText,
  loadOutput,
  saveOutput,
  text,
  type OutputTab,
  type RegisterRow,
} from './register';
import type { RunContext } from './run-context';
import { contactNameOf, mailGate, markerState, sendMarked, sweepMarkers } from './mailing';

const MODES: Readonly<Record<Payable['kind'], string>> = {
  autofacture: 'autofacturation',
  appel: 'appel',
  payout: 'versement CRA',
  'agency-share': 'part agence',
  introducer: "apport d'affaires",
};

/**
 * A payable as Appels à facturation records it: under its billing call's key when it has one
 * (a month of sessions), else under its own key.
 */
export function owedEntry(
  p: Payable,
  callsByPayable: ReadonlyMap<string, BillingCall>,
): { ref: string; sessions: number | ''; payable: Payable } {
  const call = callsByPayable.get(p.key);
  return { ref: call ? call.key : p.key, sessions: call ? call.sessionsCount : '', payable: p };
}

const KIND_ORDER: Readonly<Record<Payable['kind'], number>> = {
  autofacture: 0,
  appel: 1,
  payout: 2,
  'agency-share': 3,
  introducer: 4,
};

const money = (v: string): number => Number(Money.of(v).toFixed(2));

function approvalOf(row: RegisterRow): 'approved' | 'contested' | 'pending' {
  const v = normalizeName(text(row['approval']));
  if (v.startsWith('approuv') || v.startsWith('approved')) return 'approved';
  if (v.startsWith('contest')) return 'contested';
  return 'pending';
}

/**
 * A date users typed in a row of the tab: a date cell, or text as the workbook's language
 * writes dates. Text that is not a date is reported at its cell, and counts as empty.
 */
function typedDate(
  ctx: RunContext,
  tab: OutputTab,
  index: number,
  key: 'approvedOn' | 'receivedOn',
): CalendarDate | undefined {
  const row = tab.rows[index];
  const raw = dateText(row?.[key], ctx.timeZone);
  if (raw === '') return undefined;
  const parsed = parseDateText(raw, ctx.lang);
  if (parsed.ok) return calendarDate(parsed.value);
  const col = tab.columns.get(key);
  ctx.warn(
    'bad-date',
    tab.name,
    col === undefined ? '' : a1(index + 2, col),
    raw,
    msg('payable.bad-date', { raw }),
  );
  return undefined;
}

/** The due date of a payable row, from what users entered in it. */
function dueOf(
  ctx: RunContext,
  tab: OutputTab,
  index: number,
  payable: Pick<Payable, 'due'>,
): string {
  const row = tab.rows[index] ?? {};
  const approvedOn = typedDate(ctx, tab, index, 'approvedOn');
  const receivedOn = typedDate(ctx, tab, index, 'receivedOn');
  const approval = approvalOf(row);
  const due = payableDueDate(payable, {
    ...(approvedOn && approval !== 'contested' ? { approvedOn } : {}),
    ...(receivedOn ? { receivedOn } : {}),
    contested: approval === 'contested',
  });
  return due ?? '';
}

export interface PayablesOutcome {
  recorded: number;
  calls: number;
  emailed: number;
  pending: number;
}

/**
 * Record the payables whose source is settled — billing calls of the month, payouts and shares
 * of issued client invoices — and send the billing-call emails (`sendCalls`).
 */
export function recordPayables(
  ctx: RunContext,
  set: DraftSet,
  register: OutputTab,
  sendCalls: boolean,
): PayablesOutcome {
  const tab = loadOutput(ctx, 'billingCalls');
  const byRef = new Map(tab.rows.map((r) => [text(r['reference']), r]));
  const issuedDrafts = new Set(
    register.rows.filter((r) => text(r['number'])).map((r) => text(r['draftId'])),
  );
  const callsByPayable = new Map(set.billingCalls.map((c) => [c.payableKey, c]));
  // What issued documents owe providers, as their register snapshot says: the drafts are gone
  // once issued, so a run stopped before this write finds them only there.
  const refOf = new Map<string, { ref: string; sessions: number | '' }>();
  for (const p of set.payables) refOf.set(p.key, owedEntry(p, callsByPayable));
  const fromRegister: Payable[] = [];
  for (const { owed: o } of owedByIssued(register)) {
    if (refOf.has(o.payable.key)) continue;
    refOf.set(o.payable.key, { ref: o.ref, sessions: o.sessions });
    fromRegister.push(o.payable);
  }
  // New rows in one order whatever the run that records them: self-billed months, billing
  // calls, payouts, agency shares; within a kind, in the order their invoices were issued.
  const issueOrder = new Map(register.rows.map((r, i) => [text(r['draftId']), i]));
  const at = (p: Payable): number =>
    p.draftKey === undefined ? -1 : (issueOrder.get(p.draftKey) ?? Number.MAX_SAFE_INTEGER);
  const payables = [...set.payables, ...fromRegister].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      at(a) - at(b) ||
      (refOf.get(a.key)?.ref ?? a.key).localeCompare(refOf.get(b.key)?.ref ?? b.key),
  );
  let recorded = 0;
  for (const p of payables) {
    const call = callsByPayable.get(p.key);
    const ref = refOf.get(p.key)?.ref ?? p.key;
    const existing = byRef.get(ref);
    if (existing) {
      // A billing call not sent yet follows its sessions (one added since, for instance).
      if (call && call.mode === 'appel' && !text(existing['emailedAt'])) {
        existing['sessions'] = call.sessionsCount;
        existing['sourceRows'] = p.sourceIds.join(' ');
        existing['amountHT'] = money(p.amountHT);
        existing['vat'] = money(p.vat);
        existing['ttc'] = money(p.amountTTC);
      }
      continue;
    }
    // A payout or share is owed once its client invoice is issued; a self-billed month once its
    // invoice is; a billing call as soon as it is made.
    const settled =
      p.kind === 'appel' || (p.draftKey !== undefined && issuedDrafts.has(p.draftKey));
    if (!settled) continue;
    const row: RegisterRow = {
      reference: ref,
      month: p.month ?? (p.period?.end ?? '').slice(0, 7),
      provider: p.providerName,
      sessions: refOf.get(p.key)?.sessions ?? '',
      amountHT: money(p.amountHT),
      vat: money(p.vat),
      ttc: money(p.amountTTC),
      mode: MODES[p.kind],
      emailedAt: '',
      approval: p.kind === 'autofacture' ? 'en attente' : '',
      approvedOn: '',
      receivedOn: '',
      dueDate: '',
      providerCode: p.providerCode,
      net: money(p.net),
      paidOn: '',
      confirmedAt: '',
      sourceRows: p.sourceIds.join(' '),
    };
    tab.rows.push(row);
    byRef.set(ref, row);
    recorded++;
  }
  const payablesByRef = new Map<string, Pick<Payable, 'due'>>();
  for (const p of payables) payablesByRef.set(refOf.get(p.key)?.ref ?? p.key, p);
  refreshDueDates(ctx, tab, payablesByRef);
  const sent = sendCalls
    ? sendBillingCalls(ctx, tab, set.billingCalls)
    : { emailed: 0, pending: 0, markers: [] };
  saveOutput(ctx, tab);
  // Markers go only once the sending is recorded in the tab.
  ctx.ports.store.remove(...sent.markers);
  return { recorded, calls: set.billingCalls.length, emailed: sent.emailed, pending: sent.pending };
}

/**
 * Rows recorded by earlier runs keep their rule: 30 days after approval (self-billed month) or
 * after the provider's invoice is received (billing call, agency share at the payment terms).
 * Payouts have their date from the start.
 */
function dueRule(ctx: RunContext, mode: string): Pick<Payable, 'due'> | null {
  if (mode === MODES.autofacture) return { due: { from: 'approval', days: 30 } };
  if (mode === MODES.appel) return { due: { from: 'receipt', days: 30 } };
  if (mode === MODES['agency-share'] || mode === MODES.introducer) {
    const days = ctx.settings.paymentTerms > 0 ? ctx.settings.paymentTerms : 30;
    return { due: { from: 'receipt', days } };
  }
  return null;
}

/**
 * The due dates of Appels à facturation from what users entered (approved on, invoice received
 * on): _Refresh payment status_ sets them as the monthly job does. A contested month has none.
 * True when a cell changed.
 */
export function refreshDueDates(
  ctx: RunContext,
  tab: OutputTab,
  rules: ReadonlyMap<string, Pick<Payable, 'due'>> = new Map(),
  clientPaidOn?: (reference: string) => CalendarDate | null,
): boolean {
  let changed = false;
  const onClientPayment = ctx.settings.agencyPaidOnClientPayment;
  tab.rows.forEach((row, index) => {
    const mode = text(row['mode']);
    const p = rules.get(text(row['reference'])) ?? dueRule(ctx, mode);
    if (!p) return;
    let due = dueOf(ctx, tab, index, p);
    // "Paid as soon as the client pays": an agency or introducer's share is due once both its
    // invoice is received and the client has paid in full, on the later of the two days.
    if (onClientPayment && (mode === MODES['agency-share'] || mode === MODES.introducer)) {
      // Decided with the payment status only (it knows what the client paid).
      if (clientPaidOn === undefined) return;
      const received = typedDate(ctx, tab, index, 'receivedOn');
      const paid = clientPaidOn(text(row['reference']));
      due = received && paid ? (compareDates(received, paid) >= 0 ? received : paid) : '';
    }
    const before = dateText(row['dueDate'], ctx.timeZone);
    const after = due || (approvalOf(row) === 'contested' ? '' : before);
    if (after === before) return;
    row['dueDate'] = after ? dateCell(after) : '';
    changed = true;
  });
  return changed;
}

function sendBillingCalls(
  ctx: RunContext,
  tab: OutputTab,
  calls: readonly BillingCall[],
): { emailed: number; pending: number; markers: string[] } {
  let emailed = 0;
  let pending = 0;
  const done: string[] = [];
  sweepMarkers(ctx, 'call:', (ref) =>
    tab.rows.some((r) => text(r['reference']) === ref && text(r['emailedAt']) !== ''),
  );
  const providers = providersByCode(ctx);
  for (const call of calls) {
    if (call.mode !== 'appel') continue;
    const row = tab.rows.find((r) => text(r['reference']) === call.key);
    if (!row || text(row['emailedAt'])) continue;
    const marker = `call:${call.key}`;
    const left = markerState(ctx, marker);
    if (left.state === 'sent') {
      row['emailedAt'] = left.at;
      done.push(marker);
      continue;
    }
    if (left.state === 'sending') {
      ctx.warn(
        'mail-unconfirmed',
        tab.name,
        '',
        call.key,
        msg('payable.call-unconfirmed', { key: call.key }),
      );
      row['emailedAt'] = STATUS.check;
      continue;
    }
    const to = call.recipients.filter(isValidEmail);
    if (to.length === 0) {
      ctx.report(
        problem(
          'no-recipient',
          tab.name,
          '',
          call.providerCode,
          msg('payable.call-no-recipient', { key: call.key, provider: call.providerCode }),
        ),
      );
      continue;
    }
    if (mailGate(ctx, to.length, 'billing-calls') !== 'send') {
      pending++;
      continue;
    }
    const lang = call.language;
    const cur = ctx.settings.currency || 'EUR';
    const message = billingCallEmail({
      lang,
      providerName:
        text(providers.get(call.providerCode)?.values['name'] as string | undefined) ||
        call.providerName,
      // The person, when the provider's row names one ("Bonjour Minh Nguyen"), never the company.
      contactName: contactNameOf(providers.get(call.providerCode), 'provider'),
      organisation: ctx.settings.orgName,
      organisationAddress: [
        ctx.settings.address,
        `${ctx.settings.postcode} ${ctx.settings.city}`.trim(),
      ]
        .filter((s) => s !== '')
        .join(', '),
      organisationIds: [
        ctx.settings.siret ? `SIRET ${ctx.settings.siret}` : '',
        ctx.settings.vatNumber ? `TVA ${ctx.settings.vatNumber}` : '',
      ]
        .filter((s) => s !== '')
        .join(' · '),
      // "novembre 2026", as the provider reads it; the key stays in the tab.
      month: /^\d{4}-\d{2}$/.test(call.month)
        ? monthLabel(call.month as MonthKey, lang)
        : call.month,
      sessions: sessionRows(
        call.lines.map((l) => ({ ...l, session: l })),
        lang,
        cur,
      ),
      amountHT: formatMoney(Money.of(call.amountHT), lang, cur),
      vat: formatMoney(Money.of(call.vat), lang, cur),
      amountTTC: formatMoney(Money.of(call.amountTTC), lang, cur),
      sendTo: ctx.settings.replyTo,
    });
    if (!sendMarked(ctx, marker, to, message, [], 'billing-calls')) {
      pending++;
      continue;
    }
    row['emailedAt'] = ctx.ports.clock.now();
    done.push(marker);
    emailed++;
  }
  return { emailed, pending, markers: done };
}

/**
 * A month's sessions as the billing call and the self-billing recap list them: date, student,
 * type (a no-show says so, with its billed share), level, rate and amount.
 */
export function sessionRows(
  lines: readonly {
    date: string;
    rate?: string;
    unitPrice?: string;
    amount?: string;
    net?: string;
    session?: {
      student: string;
      type: string;
      level: number;
      status: string;
      sharePercent: string;
    };
  }[],
  lang: Language,
  cur: string,
): BillingCallSession[] {
  return lines.flatMap((l) => {
    const s = l.session;
    if (!s) return [];
    const type = SESSION_TYPES.find((v) => v.code === s.type)?.[lang] ?? s.type;
    const share = formatPercent(s.sharePercent, lang);
    return [
      {
        date: /^\d{4}-\d{2}-\d{2}$/.test(l.date) ? formatDate(calendarDate(l.date), lang) : l.date,
        student: s.student,
        type: s.status === 'no-show' ? t(lang, 'session.no-show-type', { type, share }) : type,
        level: String(s.level),
        rate: formatMoney(Money.of(l.rate ?? l.unitPrice ?? '0'), lang, cur),
        amount: formatMoney(Money.of(l.amount ?? l.net ?? '0'), lang, cur),
      },
    ];
  });
}

/** The monthly job's billing-call step, or the menu action of the same name. */
export function billingCallsStep(
  ctx: RunContext,
  set: DraftSet,
  sendCalls: boolean,
): PayablesOutcome {
  const register = loadOutput(ctx, 'invoices');
  return recordPayables(ctx, set, register, sendCalls);
}
