/**
 * "Refresh payment status" and "Send reminders" (SPEC §4): the payment book computed from the
 * register, the Billing calls tab and the Payments tab, written to the Payment status tab in
 * one batch (values, then colours), whatever the number of invoices. With `send`, the due
 * reminders go out (one per step, never twice) and providers are told their payment was made.
 */
import { msg, t } from '../texts';
import { clipCell } from './register';
import {
  numberKey,
  parseReminderSchedule,
  paymentBook,
  reminderDue,
  type Book,
  type BookCreditNote,
  type BookInvoice,
  type BookLine,
  type BookPayable,
  type BookPayment,
} from '../billing/payment-book';
import { calendarDate, type CalendarDate } from '../domain/dates';
import { formatDate, formatMoney } from '../domain/format';
import type { DatedAmount } from '../domain/payment-status';
import type { Language } from '../domain/language';
import { Money } from '../domain/money';
import { invoiceTotals } from '../domain/totals';
import { toCalendarDate } from '../domain/time-zone';
import { paymentConfirmationEmail, reminderDigestEmail } from '../render/emails';
import { a1, problem } from '../sheets/problems';
import type { CellValue } from '../sheets/cells';
import { normalizeName } from '../sheets/normalize';

import {
  callReferenceOf,
  cancelledSelfBilled,
  clientsByCode,
  moneyCell,
  pendingCredits,
  providersByCode,
} from './drafts';
import { refreshDueDates } from './payables';
import { dateCell, documentName, eInvoiceTransform, owedByIssued, snapshotOf } from './issue';
import {
  contactNameOf,
  fileIdFromUrl,
  mailGate,
  markerState,
  recipientsOf,
  sendMarked,
  sweepMarkers,
} from './mailing';
import {
  dateText,
  loadOutput,
  saveOutput,
  text,
  type OutputTab,
  type RegisterRow,
} from './register';
import type { RunContext } from './run-context';
import type { RowRecord } from '../sheets/read-tab';

export interface StatusOutcome {
  receivables: number;
  payables: number;
  reminders: number;
  confirmations: number;
  pendingMail: number;
  outstanding: string;
  overdue: string;
  payablesDue: string;
}

const DIRECTION = { receivable: 'à encaisser', payable: 'à payer' } as const;

/** Rows above the table: the three totals and a blank row. */
const TOP_ROWS = 4;

/** A counterparty's language; one without gets the workbook's. */
function languageOf(v: unknown, workbook: Language): Language {
  return v === 'en' ? 'en' : v === 'fr' ? 'fr' : workbook;
}

interface Inputs {
  invoices: BookInvoice[];
  creditNotes: BookCreditNote[];
  payables: BookPayable[];
  payments: BookPayment[];
  /** Register rows and Billing calls rows by what the book calls them. */
  registerRows: Map<string, RegisterRow>;
  callRows: Map<string, RegisterRow>;
}

function readInputs(ctx: RunContext, register: OutputTab, calls: OutputTab): Inputs {
  const tz = ctx.timeZone;
  const clients = clientsByCode(ctx);
  const providers = providersByCode(ctx);
  const invoices: BookInvoice[] = [];
  const creditNotes: BookCreditNote[] = [];
  const registerRows = new Map<string, RegisterRow>();
  const selfBilled = new Map<string, string>();
  // A self-billed month cancelled by its credit note is owed no more.
  const cancelledCalls = new Set(cancelledSelfBilled(register).map(callReferenceOf));
  const appliedFrom = new Map<string, DatedAmount[]>();
  for (const row of register.rows) {
    const number = text(row['number']);
    const issued = dateText(row['issueDate'], tz);
    if (!number || !issued) continue;
    registerRows.set(number, row);
    const kind = text(row['kind']);
    if (kind === 'avoir') {
      creditNotes.push({
        number,
        target: text(row['creditTarget']),
        total: moneyCell(row['totalTTC']).abs(),
        issueDate: calendarDate(issued),
      });
      continue;
    }
    if (text(row['direction']) !== DIRECTION.receivable) {
      const draft = text(row['draftId']);
      if (draft.startsWith('sessions:')) selfBilled.set(callReferenceOf(row), number);
      continue;
    }
    const snap = snapshotOf(row);
    const total = snap ? invoiceTotals(snap).duePayableAmount : moneyCell(row['totalTTC']);
    // A client credit deducted here leaves the invoice that held it, on this one's issue date.
    for (const c of snap?.appliedCredits ?? []) {
      const key = numberKey(c.invoice);
      appliedFrom.set(key, [
        ...(appliedFrom.get(key) ?? []),
        { date: calendarDate(issued), amount: Money.of(c.amount) },
      ]);
    }
    const due = dateText(row['dueDate'], tz) || issued;
    const client = clients.get(text(row['buyerCode']));
    invoices.push({
      number,
      counterparty: text(row['buyer']),
      code: text(row['buyerCode']),
      total,
      issueDate: calendarDate(issued),
      dueDate: calendarDate(due),
      writtenOff: text(row['writtenOffOn']) !== '',
      language: client
        ? languageOf(client.values['language'], ctx.lang)
        : (snap?.language ?? ctx.lang),
      sent: text(row['emailedAt']) !== '',
    });
  }
  const asked = new Map(
    pendingCredits(ctx, register).map((c) => [numberKey(c.invoice), c.amount] as const),
  );
  for (const inv of invoices) {
    const applied = appliedFrom.get(numberKey(inv.number));
    if (applied) inv.applied = applied;
    const waiting = asked.get(numberKey(inv.number));
    if (waiting) inv.creditAsked = waiting;
  }
  const payables: BookPayable[] = [];
  const callRows = new Map<string, RegisterRow>();
  for (const row of calls.rows) {
    const reference = text(row['reference']);
    if (!reference) continue;
    callRows.set(reference, row);
    if (cancelledCalls.has(reference)) continue;
    const mode = text(row['mode']);
    const due = dateText(row['dueDate'], tz);
    const approval = normalizeName(text(row['approval']));
    const provider = providers.get(text(row['providerCode']));
    const net = text(row['net']) !== '' ? moneyCell(row['net']) : moneyCell(row['ttc']);
    payables.push({
      reference,
      number: selfBilled.get(reference) ?? '',
      counterparty: text(row['provider']),
      total: net,
      dueDate: due ? calendarDate(due) : null,
      waiting: due
        ? null
        : approval.startsWith('contest')
          ? 'contested'
          : mode === 'autofacturation'
            ? 'approval'
            : ctx.settings.agencyPaidOnClientPayment &&
                (mode === 'part agence' || mode === "apport d'affaires") &&
                text(row['receivedOn']) !== ''
              ? 'client'
              : 'invoice',
      language: provider ? languageOf(provider.values['language'], ctx.lang) : ctx.lang,
    });
  }
  const payments: BookPayment[] = [];
  const read = ctx.tab('payments');
  if (read) {
    const col = (k: string, r: number) => {
      const c = read.columns.get(k);
      return c === undefined ? `${r}:${r}` : a1(r, c);
    };
    for (const rec of read.records) {
      const date = rec.values['date'];
      const amount = rec.values['amount'];
      if (typeof date !== 'string' || amount === null || amount === undefined) continue;
      payments.push({
        date: calendarDate(date),
        invoice: typeof rec.values['invoice'] === 'string' ? rec.values['invoice'] : '',
        amount: Money.of(String(amount)),
        reference: typeof rec.values['reference'] === 'string' ? rec.values['reference'] : '',
        cells: {
          invoice: col('invoice', rec.row),
          amount: col('amount', rec.row),
          reference: col('reference', rec.row),
        },
      });
    }
  }
  return { invoices, creditNotes, payables, payments, registerRows, callRows };
}

export function computeBook(ctx: RunContext): {
  book: Book;
  inputs: Inputs;
  calls: OutputTab;
  today: CalendarDate;
  /** Due dates of Appels à facturation set from an approval or receipt typed since. */
  dueChanged: boolean;
} {
  const today = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
  const register = loadOutput(ctx, 'invoices');
  const calls = loadOutput(ctx, 'billingCalls');
  const bookOf = (inputs: Inputs): Book =>
    paymentBook({
      tab: ctx.tab('payments')?.sheetName ?? 'Paiements',
      asOf: today,
      currency: ctx.settings.currency || 'EUR',
      ...inputs,
      // One language per workbook: no "To be paid by" in a French one.
      labelLanguage: ctx.lang,
    });
  // An approval or a received-invoice date typed since, a client's invoice paid: the due dates
  // follow (saved by the refresh, see `refreshPaymentStatus`), and the book is made again.
  let inputs = readInputs(ctx, register, calls);
  let book = bookOf(inputs);
  const paidOn = new Map(
    book.lines.flatMap((l) => (l.paidOn ? [[l.number, l.paidOn] as const] : [])),
  );
  const invoiceOfRef = new Map(owedByIssued(register).map((o) => [o.owed.ref, o.number]));
  const dueChanged = refreshDueDates(ctx, calls, new Map(), (ref) => {
    const number = invoiceOfRef.get(ref);
    return number === undefined ? null : (paidOn.get(number) ?? null);
  });
  if (dueChanged) {
    inputs = readInputs(ctx, register, calls);
    book = bookOf(inputs);
  }
  return { book, inputs, calls, today, dueChanged };
}

/**
 * Refresh the Payment status tab; with `send`, send the reminders due today and the payment
 * confirmations of payables paid since the last run.
 */
export function refreshPaymentStatus(ctx: RunContext, send: boolean): StatusOutcome {
  const { book, inputs, calls, today, dueChanged } = computeBook(ctx);
  book.problems.forEach((p) => ctx.report(p));
  if (dueChanged) saveOutput(ctx, calls);
  const statusTab = loadOutput(ctx, 'status');
  const previous = new Map<string, RegisterRow>();
  for (const row of statusTab.rows) {
    if (text(row['direction'])) previous.set(numberKey(text(row['number'])), row);
  }
  const parsed = parseReminderSchedule(ctx.settings.reminders);
  const schedule = parsed ?? [];
  if (parsed === null) {
    const row = ctx.settingsInfo.rows.get('reminders');
    ctx.report(
      problem(
        'bad-reminders',
        ctx.sheetName('settings') ?? '',
        row ? `B${row}` : '',
        ctx.settings.reminders,
        msg('reminder.bad-schedule'),
      ),
    );
  }
  const clients = clientsByCode(ctx);
  // Reminder markers whose step the tab already records (a run stopped after writing it).
  sweepMarkers(ctx, 'remind:', (rest) => {
    const cut = rest.lastIndexOf(':');
    const before = previous.get(numberKey(rest.slice(0, cut)));
    return text(before?.['remindersSent'])
      .split(';')
      .includes(rest.slice(cut + 1));
  });
  let reminders = 0;
  let pendingMail = 0;
  const markers: string[] = [];
  const rows: CellValue[][] = [];
  // Each line's reminder state; then, per client, the invoices at a step today go in one email.
  const states = book.lines.map((line) => {
    const before = previous.get(numberKey(line.number));
    const sent = text(before?.['remindersSent'])
      .split(';')
      .filter((s) => s !== '')
      .map(Number);
    const last: CellValue = before ? (before['lastReminder'] ?? '') : '';
    return { line, sent, last, decision: reminderDue(line, schedule, { sent }, today) };
  });
  if (send) {
    const byClient = new Map<string, DueReminder[]>();
    for (const st of states) {
      const inv = st.line.invoice;
      if (st.decision.step === null || !inv) continue;
      const list = byClient.get(inv.code) ?? [];
      list.push({
        line: st.line,
        step: st.decision.step,
        row: inputs.registerRows.get(st.line.number),
      });
      byClient.set(inv.code, list);
    }
    const stateOf = new Map(states.map((st) => [st.line.number, st]));
    for (const [code, due] of byClient) {
      const { outcomes, emails } = sendReminders(ctx, due, clients.get(code));
      due.forEach((d, k) => {
        const r = outcomes[k];
        const st = stateOf.get(d.line.number);
        if (!st) return;
        if (r === 'sent' || r === 'unconfirmed') {
          // Only the step sent is recorded: earlier steps missed are skipped, never sent late.
          st.sent.push(d.step);
          st.last = dateCell(today);
          // Markers go once the step is recorded in the tab (after the write below).
          markers.push(reminderMarker(d.line.number, d.step));
        } else if (r === 'quota') pendingMail++;
      });
      reminders += emails;
    }
  }
  for (const { line, sent, last } of states) {
    const next = line.invoice ? reminderDue(line, schedule, { sent }, today) : null;
    const nextDate = next ? (next.step !== null ? today : next.next) : null;
    rows.push([
      line.number,
      line.counterparty,
      DIRECTION[line.direction],
      Number(line.total.toFixed(2)),
      Number(line.paid.toFixed(2)),
      Number(line.balance.toFixed(2)),
      line.dueDate ? dateCell(line.dueDate) : '',
      line.status,
      line.label,
      last ?? '',
      nextDate ? dateCell(nextDate) : '',
      [...new Set(sent)].sort((a, b) => a - b).join(';'),
    ]);
  }
  writeStatusTab(ctx, statusTab, book, rows, today);
  ctx.ports.store.remove(...markers);

  const confirmations = send ? confirmPayments(ctx, book, inputs, calls) : { sent: 0, pending: 0 };
  return {
    receivables: book.lines.filter((l) => l.direction === 'receivable').length,
    payables: book.lines.filter((l) => l.direction === 'payable').length,
    reminders,
    confirmations: confirmations.sent,
    pendingMail: pendingMail + confirmations.pending,
    outstanding: book.totals.outstanding.toFixed(2),
    overdue: book.totals.overdue.toFixed(2),
    payablesDue: book.totals.payablesDueThisMonth.toFixed(2),
  };
}

const STATUS_KEYS = [
  'number',
  'counterparty',
  'direction',
  'totalTTC',
  'paid',
  'balance',
  'dueDate',
  'status',
  'label',
  'lastReminder',
  'nextReminder',
  'remindersSent',
] as const;

/**
 * The whole tab below its header in one write of values and one of colours: the totals on top,
 * then one row per invoice or open payable; rows left from a longer earlier table are blanked.
 */
function writeStatusTab(
  ctx: RunContext,
  tab: OutputTab,
  book: Book,
  rows: readonly CellValue[][],
  today: CalendarDate,
): void {
  const lang = ctx.lang;
  const width = Math.max(tab.header.length, ...[...tab.columns.values()]);
  const place = (values: readonly CellValue[]): CellValue[] => {
    const out = new Array<CellValue>(width).fill('');
    STATUS_KEYS.forEach((k, i) => {
      const c = tab.columns.get(k);
      if (c !== undefined) out[c - 1] = values[i] ?? '';
    });
    return out;
  };
  const totalRow = (label: string, amount: Money): CellValue[] => {
    const out = place([t(lang, 'status-tab.total'), label]);
    const c = tab.columns.get('balance');
    if (c !== undefined) out[c - 1] = Number(amount.toFixed(2));
    return out;
  };
  const monthLabel = t(lang, 'status-tab.payables-month', {
    label: t(lang, 'status-tab.payables'),
    month: formatDate(today, lang).slice(3),
  });
  const values: CellValue[][] = [
    totalRow(t(lang, 'status-tab.outstanding'), book.totals.outstanding),
    totalRow(t(lang, 'status-tab.overdue'), book.totals.overdue),
    totalRow(monthLabel, book.totals.payablesDueThisMonth),
    new Array<CellValue>(width).fill(''),
    ...rows.map(place),
  ];
  for (let i = values.length; i < tab.existing; i++)
    values.push(new Array<CellValue>(width).fill(''));
  ctx.ports.workbook.write(
    tab.name,
    2,
    1,
    values.map((r) => r.map(clipCell)),
  );
  const statusCols = ['status', 'label'].map((k) => tab.columns.get(k));
  // Totals shaded; each line's status and label in its status colour, in white.
  const colours: string[][] = [];
  const fonts: string[][] = [];
  values.forEach((_, i) => {
    const line = i >= TOP_ROWS ? book.lines[i - TOP_ROWS] : undefined;
    const background = new Array<string>(width).fill(i < 3 ? '#eef2f7' : '#ffffff');
    const font = new Array<string>(width).fill('#000000');
    if (line) {
      for (const c of statusCols) {
        if (c === undefined) continue;
        background[c - 1] = line.color;
        font[c - 1] = '#ffffff';
      }
    }
    colours.push(background);
    fonts.push(font);
  });
  ctx.ports.workbook.writeColours(tab.name, 2, 1, colours, fonts);
}

function reminderMarker(number: string, step: number): string {
  return `remind:${number}:${step}`;
}

interface DueReminder {
  line: BookLine;
  step: number;
  row: RegisterRow | undefined;
}

type ReminderOutcome = 'sent' | 'unconfirmed' | 'quota' | 'no-recipient';

/**
 * A client's reminders of the day, in one email listing its invoices (one invoice alone reads
 * as before). Each invoice keeps its own marker: a run stopped after the send records them all
 * at the next run without sending again.
 */
function sendReminders(
  ctx: RunContext,
  due: readonly DueReminder[],
  client: RowRecord | undefined,
): { outcomes: ReminderOutcome[]; emails: number } {
  const outcomes: ReminderOutcome[] = [];
  const fresh: number[] = [];
  let emails = 0;
  due.forEach((d, k) => {
    const number = d.line.invoice?.number ?? d.line.number;
    const left = markerState(ctx, reminderMarker(number, d.step));
    // Sent by a run that stopped before recording it: recorded now, not sent again.
    if (left.state === 'sent') {
      outcomes[k] = 'sent';
      return;
    }
    if (left.state === 'sending') {
      ctx.warn(
        'mail-unconfirmed',
        ctx.sheetName('status') ?? '',
        '',
        number,
        msg('reminder.unconfirmed', { step: d.step, number }),
      );
      outcomes[k] = 'unconfirmed';
      return;
    }
    fresh.push(k);
  });
  if (outcomes.some((o) => o === 'sent')) emails++;
  const items = fresh.flatMap((k) => {
    const d = due[k];
    return d?.line.invoice ? [{ k, d, inv: d.line.invoice }] : [];
  });
  if (items.length === 0) return { outcomes, emails };
  const set = (o: ReminderOutcome): void => items.forEach(({ k }) => (outcomes[k] = o));
  const to = recipientsOf(client?.values['emails']);
  if (to.length === 0) {
    for (const { inv } of items) {
      ctx.report(
        problem(
          'no-recipient',
          ctx.sheetName('clients') ?? '',
          '',
          inv.code,
          msg('reminder.no-recipient', { number: inv.number, client: inv.code }),
        ),
      );
    }
    set('no-recipient');
    return { outcomes, emails };
  }
  if (mailGate(ctx, to.length, 'reminders') !== 'send') {
    set('quota');
    return { outcomes, emails };
  }
  const first = items[0]?.inv;
  const lang = first?.language ?? 'fr';
  const cur = ctx.settings.currency || 'EUR';
  const message = reminderDigestEmail({
    lang,
    buyerName: first?.counterparty ?? '',
    contactName: contactNameOf(client, 'client'),
    sellerName: ctx.settings.orgName,
    invoices: items.map(({ d, inv }) => ({
      number: inv.number,
      step: d.step,
      issueDate: formatDate(inv.issueDate, lang),
      dueDate: formatDate(inv.dueDate, lang),
      total: formatMoney(inv.total, lang, cur),
      balance: formatMoney(d.line.balance, lang, cur),
      paymentReference: `${inv.code} ${inv.number}`,
    })),
    totalBalance: formatMoney(Money.sum(items.map(({ d }) => d.line.balance)), lang, cur),
    iban: ctx.settings.iban,
    bic: ctx.settings.bic,
  });
  const attachments = items.flatMap(({ d, inv }) => {
    const pdf = fileIdFromUrl(text(d.row?.['pdfLink']));
    return pdf
      ? [
          {
            fileId: pdf,
            docId: fileIdFromUrl(text(d.row?.['docLink'])),
            name: `${documentName(inv.number, inv.counterparty)}.pdf`,
            ...(d.row ? eInvoiceTransform(ctx, d.row) : {}),
          },
        ]
      : [];
  });
  const ok = sendMarked(
    ctx,
    items.map(({ d, inv }) => reminderMarker(inv.number, d.step)),
    to,
    message,
    attachments,
    'reminders',
  );
  set(ok ? 'sent' : 'quota');
  if (ok) emails++;
  return { outcomes, emails };
}

/** Tell each provider whose payable is now paid, once; the date is kept in Billing calls. */
function confirmPayments(
  ctx: RunContext,
  book: Book,
  inputs: Inputs,
  calls: OutputTab,
): { sent: number; pending: number } {
  const providers = providersByCode(ctx);
  const byName = new Map([...providers.values()].map((p) => [text(p.values['name'] as string), p]));
  let sent = 0;
  let pending = 0;
  let changed = false;
  const markers: string[] = [];
  sweepMarkers(ctx, 'paid:', (ref) => {
    const v = inputs.callRows.get(ref)?.['confirmedAt'];
    return text(v) !== '' && text(v) !== 'à vérifier';
  });
  for (const paid of book.paidPayables) {
    const row = inputs.callRows.get(paid.payable.reference);
    if (!row || text(row['confirmedAt'])) continue;
    // No payment confirmation on a contested self-billed month.
    if (normalizeName(text(row['approval'])).startsWith('contest')) continue;
    if (!text(row['paidOn'])) {
      row['paidOn'] = dateCell(paid.paidOn);
      changed = true;
    }
    const provider = providers.get(text(row['providerCode'])) ?? byName.get(text(row['provider']));
    const to = recipientsOf(provider?.values['email']);
    if (to.length === 0) continue;
    const marker = `paid:${paid.payable.reference}`;
    const left = markerState(ctx, marker);
    if (left.state === 'sent') {
      row['confirmedAt'] = left.at;
      markers.push(marker);
      changed = true;
      continue;
    }
    if (left.state === 'sending') {
      row['confirmedAt'] = 'à vérifier';
      changed = true;
      continue;
    }
    if (mailGate(ctx, to.length, 'confirmations') !== 'send') {
      pending++;
      continue;
    }
    const lang = paid.payable.language;
    const message = paymentConfirmationEmail({
      lang,
      providerName:
        text(provider?.values['name'] as string | undefined) || paid.payable.counterparty,
      contactName: contactNameOf(provider, 'provider'),
      organisation: ctx.settings.orgName,
      reference: paid.payable.number || paid.payable.reference,
      amount: formatMoney(paid.paid, lang, ctx.settings.currency || 'EUR'),
      paidOn: formatDate(paid.paidOn, lang),
      method: '',
    });
    if (!sendMarked(ctx, marker, to, message, [], 'confirmations')) {
      pending++;
      continue;
    }
    row['confirmedAt'] = ctx.ports.clock.now();
    markers.push(marker);
    changed = true;
    sent++;
  }
  if (changed) saveOutput(ctx, calls);
  ctx.ports.store.remove(...markers);
  return { sent, pending };
}
