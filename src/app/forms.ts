/**
 * The menu's dialogs and what their forms do: record a payment, issue a credit note, write an
 * invoice off. Each form is validated as a whole; a refusal names the field and says why
 * (unknown number, amount above the balance, credit note above what remains), and nothing is
 * written until every field is right.
 */
import { numberKey } from '../billing/payment-book';
import { formatMoney } from '../domain/format';
import { Money } from '../domain/money';
import { toCalendarDate } from '../domain/time-zone';
import { dialogHtml, type DialogSpec } from '../render/dialogs';
import { parseDateText, parseDecimalText, parseEnum, type CellValue } from '../sheets/cells';
import { PAYMENT_METHODS, tabDef } from '../sheets/tabs';
import { MANUAL_SESSIONS_KEY, manualSessionsOf } from './drafts';
import { dateCell, issueAndSend, issueCreditNote, issueDebitNote } from './issue';
import { normalizeName } from '../sheets/normalize';
import { applyClientCredit } from './client-credit';
import { postedFiles, RECEIVED_FOLDER, receiveFiles } from './receive';
import { computeBook, refreshPaymentStatus } from './payment-status';
import { loadOutput, saveOutput, text } from './register';
import type { RunContext } from './run-context';
import type { CalendarDate } from '../domain/dates';
import { accountingDialog, submitAccountingForm, type AccountingForm } from './accounting-forms';
import { msg, render, t } from '../texts';

export type FormName =
  | 'record-payment'
  | 'credit-note'
  | 'debit-note'
  | 'apply-credit'
  | 'receive'
  | 'bill-session'
  | 'write-off'
  | AccountingForm;

export const FORM_SUBMIT: Readonly<Record<FormName, string>> = {
  'record-payment': 'submitPayment',
  'credit-note': 'submitCreditNote',
  'debit-note': 'submitDebitNote',
  'apply-credit': 'submitApplyCredit',
  receive: 'submitReceive',
  'bill-session': 'submitBillSession',
  'write-off': 'submitWriteOff',
  entries: 'submitEntries',
  transfers: 'submitTransfers',
  bpf: 'submitBpf',
};

export interface FormOutcome {
  ok: boolean;
  message: string;
  /** Field name → why it was refused. */
  errors: Record<string, string>;
  counts: Record<string, number>;
}

type Lang = 'fr' | 'en';

export function dialogFor(
  name: FormName,
  lang: Lang,
  today: CalendarDate,
): { title: string; html: string } {
  const common = { cancelLabel: t(lang, 'dialog.close'), submit: FORM_SUBMIT[name] };
  if (name === 'entries' || name === 'transfers' || name === 'bpf') {
    const d = accountingDialog(name, lang, today, common);
    return { title: d.title, html: dialogHtml({ ...d.spec, lang, title: d.title }) };
  }
  const invoiceField = {
    name: 'invoice',
    label: t(lang, 'dialog.invoice-number'),
    type: 'text' as const,
    required: true,
    placeholder: 'FA-2026-00001',
  };
  let spec: DialogSpec;
  let title: string;
  if (name === 'record-payment') {
    title = t(lang, 'menu.menuRecordPayment');
    spec = {
      ...common,
      intro: t(lang, 'dialog.payment.intro'),
      submitLabel: t(lang, 'dialog.payment.submit'),
      fields: [
        {
          ...invoiceField,
          help: t(lang, 'dialog.payment.invoice-help'),
        },
        {
          name: 'date',
          label: t(lang, 'dialog.payment.date'),
          type: 'date',
          required: true,
        },
        {
          name: 'amount',
          label: t(lang, 'dialog.payment.amount'),
          type: 'amount',
          required: true,
          placeholder: '1 200,00',
        },
        {
          name: 'method',
          label: t(lang, 'dialog.payment.method'),
          type: 'select',
          required: true,
          options: PAYMENT_METHODS.map((m) => ({ value: m[lang], label: m[lang] })),
        },
        {
          name: 'reference',
          label: t(lang, 'dialog.payment.reference'),
          type: 'text',
        },
      ],
    };
  } else if (name === 'credit-note') {
    title = t(lang, 'menu.menuCreditNote');
    spec = {
      ...common,
      intro: t(lang, 'dialog.credit.intro'),
      submitLabel: t(lang, 'dialog.credit.submit'),
      fields: [
        invoiceField,
        {
          name: 'amount',
          label: t(lang, 'dialog.credit.amount'),
          type: 'amount',
          help: t(lang, 'dialog.credit.amount-help'),
        },
        { name: 'reason', label: t(lang, 'dialog.reason'), type: 'textarea', required: true },
      ],
    };
  } else if (name === 'bill-session') {
    title = t(lang, 'menu.menuBillSession');
    spec = {
      ...common,
      intro: t(lang, 'dialog.session.intro', { mode: msg('value.billing-mode.none') }),
      submitLabel: t(lang, 'dialog.session.submit'),
      fields: [
        {
          name: 'session',
          label: t(lang, 'dialog.session.reference'),
          type: 'text',
          required: true,
          placeholder: 'FORM-2612-MGMT',
        },
      ],
    };
  } else if (name === 'debit-note') {
    title = t(lang, 'menu.menuDebitNote');
    spec = {
      ...common,
      intro: t(lang, 'dialog.debit.intro'),
      submitLabel: t(lang, 'dialog.debit.submit'),
      fields: [
        invoiceField,
        {
          name: 'amount',
          label: t(lang, 'dialog.debit.amount'),
          type: 'amount',
          required: true,
          placeholder: '120,00',
        },
        { name: 'reason', label: t(lang, 'dialog.reason'), type: 'textarea', required: true },
      ],
    };
  } else if (name === 'apply-credit') {
    title = t(lang, 'menu.menuApplyCredit');
    spec = {
      ...common,
      intro: t(lang, 'dialog.apply-credit.intro'),
      submitLabel: t(lang, 'dialog.apply-credit.submit'),
      fields: [
        {
          ...invoiceField,
          label: t(lang, 'dialog.apply-credit.number'),
          placeholder: 'AV-2026-00001',
        },
        {
          name: 'amount',
          label: t(lang, 'dialog.apply-credit.amount'),
          type: 'amount',
          help: t(lang, 'dialog.apply-credit.amount-help'),
        },
      ],
    };
  } else if (name === 'receive') {
    title = t(lang, 'menu.menuReceive');
    spec = {
      ...common,
      intro: t(lang, 'dialog.receive.intro', { folder: RECEIVED_FOLDER }),
      submitLabel: t(lang, 'dialog.receive.submit'),
      fields: [
        {
          name: 'files',
          label: t(lang, 'dialog.receive.files'),
          type: 'files',
          required: true,
        },
      ],
    };
  } else {
    title = t(lang, 'menu.menuWriteOff');
    spec = {
      ...common,
      intro: t(lang, 'dialog.write-off.intro'),
      submitLabel: t(lang, 'dialog.write-off.submit'),
      fields: [
        invoiceField,
        {
          name: 'reason',
          label: t(lang, 'dialog.write-off.reason'),
          type: 'textarea',
          required: true,
        },
      ],
    };
  }
  return { title, html: dialogHtml({ ...spec, lang, title }) };
}

function str(form: Record<string, unknown>, key: string): string {
  const v = form[key];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function refused(lang: Lang, errors: Record<string, string>): FormOutcome {
  return {
    ok: false,
    message: t(lang, 'form.nothing-recorded'),
    errors,
    counts: {},
  };
}

export function submitForm(
  ctx: RunContext,
  name: FormName,
  form: Record<string, unknown>,
): FormOutcome {
  if (name === 'entries' || name === 'transfers' || name === 'bpf')
    return submitAccountingForm(ctx, name, form);
  if (name === 'record-payment') return recordPayment(ctx, form);
  if (name === 'credit-note') return creditNote(ctx, form);
  if (name === 'debit-note') return debitNote(ctx, form);
  if (name === 'apply-credit') return applyCredit(ctx, form);
  if (name === 'receive') return receive(ctx, form);
  if (name === 'bill-session') return billSession(ctx, form);
  return writeOff(ctx, form);
}

function recordPayment(ctx: RunContext, form: Record<string, unknown>): FormOutcome {
  const lang = ctx.lang;
  const errors: Record<string, string> = {};
  const today = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
  const date = parseDateText(str(form, 'date'), lang);
  if (!date.ok)
    errors['date'] =
      str(form, 'date') === '' ? t(lang, 'form.date-required') : render(date.why, lang);
  else if (date.value > today) errors['date'] = t(lang, 'form.date-in-future');
  const amount = parseDecimalText(str(form, 'amount'), lang);
  const money = amount.ok ? Money.of(amount.value) : null;
  if (!money)
    errors['amount'] =
      str(form, 'amount') === ''
        ? t(lang, 'form.amount-required')
        : amount.ok
          ? ''
          : render(amount.why, lang);
  else if (!money.isPositive()) errors['amount'] = t(lang, 'credit.amount-positive');
  const method = parseEnum(str(form, 'method') || PAYMENT_METHODS[0][lang], PAYMENT_METHODS);
  if (!method.ok) errors['method'] = render(method.why, lang);
  const wanted = numberKey(str(form, 'invoice'));
  const { book } = computeBook(ctx);
  const line = book.lines.find((l) => numberKey(l.number) === wanted && wanted !== '');
  const paidPayable = book.paidPayables.find(
    (p) => numberKey(p.payable.reference) === wanted || numberKey(p.payable.number) === wanted,
  );
  const cur = ctx.settings.currency || 'EUR';
  if (wanted === '') errors['invoice'] = t(lang, 'form.number-required');
  else if (!line) {
    errors['invoice'] = paidPayable
      ? t(lang, 'form.already-paid')
      : t(lang, 'form.unknown-number', { number: str(form, 'invoice') });
  } else if (line.payable?.waiting === 'contested') {
    // Nothing is paid on a contested self-billed invoice until it is corrected (credit note).
    errors['invoice'] = t(lang, 'form.contested', { number: line.number });
  } else if (line.status === 'payée' || line.status === 'annulée') {
    errors['invoice'] = t(lang, 'form.nothing-to-pay', { number: line.number, status: line.label });
  } else if (money && money.greaterThan(line.balance)) {
    errors['amount'] = t(lang, 'form.above-balance', {
      number: line.number,
      balance: formatMoney(line.balance, lang, cur),
    });
  }
  const kept = Object.fromEntries(Object.entries(errors).filter(([, v]) => v !== ''));
  if (Object.keys(kept).length > 0 || !line || !money || !date.ok || !method.ok)
    return refused(lang, kept);

  const read = ctx.tab('payments');
  const sheet = read?.sheetName ?? ctx.sheetName('payments') ?? tabDef('payments')[lang];
  const def = tabDef('payments');
  const columns = read?.columns ?? new Map(def.columns.map((c, i) => [c.key, i + 1]));
  const width = Math.max(...columns.values());
  const row = new Array<CellValue>(width).fill('');
  const put = (k: string, v: CellValue) => {
    const c = columns.get(k);
    if (c !== undefined) row[c - 1] = v;
  };
  put('id', ctx.ports.newId());
  put('date', dateCell(date.value));
  put('invoice', line.number);
  put('amount', Number(money.toFixed(2)));
  put('method', PAYMENT_METHODS.find((m) => m.code === method.value)?.[lang] ?? '');
  put('reference', str(form, 'reference'));
  put('note', t(lang, 'form.payment-note'));
  const formats = row.map(() => '');
  const dateCol = columns.get('date');
  const amountCol = columns.get('amount');
  if (dateCol !== undefined) formats[dateCol - 1] = 'dd/mm/yyyy';
  if (amountCol !== undefined) formats[amountCol - 1] = '#,##0.00';
  const lastRow = read?.lastRow ?? 1;
  ctx.ports.workbook.write(sheet, lastRow + 1, 1, [row], [formats]);
  ctx.reset();
  const s = refreshPaymentStatus(ctx, true);
  return {
    ok: true,
    message: t(lang, 'form.payment-recorded', {
      amount: formatMoney(money, lang, cur),
      number: line.number,
    }),
    errors: {},
    counts: { payments: 1, confirmations: s.confirmations },
  };
}

function creditNote(ctx: RunContext, form: Record<string, unknown>): FormOutcome {
  const lang = ctx.lang;
  const raw = str(form, 'amount');
  let amount: Money | null = null;
  if (raw !== '') {
    const parsed = parseDecimalText(raw, lang);
    if (!parsed.ok) return refused(lang, { amount: render(parsed.why, lang) });
    amount = Money.of(parsed.value);
    if (!amount.isPositive()) return refused(lang, { amount: t(lang, 'credit.amount-positive') });
  }
  if (str(form, 'invoice') === '')
    return refused(lang, { invoice: t(lang, 'form.number-required') });
  const outcome = issueCreditNote(ctx, {
    number: str(form, 'invoice'),
    amountTTC: amount,
    reason: str(form, 'reason'),
  });
  if (!outcome.ok) return refused(lang, { [outcome.field]: render(outcome.why, lang) });
  ctx.reset();
  refreshPaymentStatus(ctx, false);
  const cur = ctx.settings.currency || 'EUR';
  return {
    ok: true,
    message: t(lang, outcome.cancelled ? 'form.credit-issued-cancelled' : 'form.credit-issued', {
      number: outcome.number,
      total: formatMoney(outcome.total, lang, cur),
    }),
    errors: {},
    counts: { creditNotes: 1 },
  };
}

function debitNote(ctx: RunContext, form: Record<string, unknown>): FormOutcome {
  const lang = ctx.lang;
  const errors: Record<string, string> = {};
  const raw = str(form, 'amount');
  const parsed = raw === '' ? null : parseDecimalText(raw, lang);
  let amount: Money | null = null;
  if (parsed === null) errors['amount'] = t(lang, 'form.amount-required');
  else if (!parsed.ok) errors['amount'] = render(parsed.why, lang);
  else {
    amount = Money.of(parsed.value);
    if (!amount.isPositive()) errors['amount'] = t(lang, 'form.supplement-positive');
  }
  if (str(form, 'invoice') === '') errors['invoice'] = t(lang, 'form.number-required');
  if (str(form, 'reason') === '') errors['reason'] = t(lang, 'refusal.reason');
  if (Object.keys(errors).length > 0 || amount === null) return refused(lang, errors);
  const outcome = issueDebitNote(ctx, {
    number: str(form, 'invoice'),
    amountTTC: amount,
    reason: str(form, 'reason'),
  });
  if (!outcome.ok) return refused(lang, { [outcome.field]: render(outcome.why, lang) });
  ctx.reset();
  refreshPaymentStatus(ctx, false);
  const cur = ctx.settings.currency || 'EUR';
  return {
    ok: true,
    message: t(lang, 'form.debit-issued', {
      number: outcome.number,
      total: formatMoney(outcome.total, lang, cur),
    }),
    errors: {},
    counts: { debitNotes: 1 },
  };
}

function applyCredit(ctx: RunContext, form: Record<string, unknown>): FormOutcome {
  const lang = ctx.lang;
  const errors: Record<string, string> = {};
  const raw = str(form, 'amount');
  const parsed = raw === '' ? null : parseDecimalText(raw, lang);
  let amount: Money | null = null;
  if (parsed !== null && !parsed.ok) errors['amount'] = render(parsed.why, lang);
  else if (parsed !== null) {
    amount = Money.of(parsed.value);
    if (!amount.isPositive() || !amount.isRoundedTo())
      errors['amount'] = t(lang, 'form.positive-cents');
  }
  if (str(form, 'invoice') === '') errors['invoice'] = t(lang, 'form.number-required');
  if (Object.keys(errors).length > 0) return refused(lang, errors);
  const outcome = applyClientCredit(ctx, { number: str(form, 'invoice'), amountTTC: amount });
  if (!outcome.ok) return refused(lang, { [outcome.field]: render(outcome.why, lang) });
  const cur = ctx.settings.currency || 'EUR';
  const m = formatMoney(outcome.amount, lang, cur);
  return {
    ok: true,
    message: t(lang, 'form.credit-to-apply', {
      amount: m,
      invoice: outcome.invoice,
      client: outcome.client,
    }),
    errors: {},
    counts: { creditsApplied: 1 },
  };
}

function receive(ctx: RunContext, form: Record<string, unknown>): FormOutcome {
  const lang = ctx.lang;
  const files = postedFiles(str(form, 'files'));
  if (files === null || files.length === 0) {
    return refused(lang, {
      files: t(lang, 'form.choose-files'),
    });
  }
  const o = receiveFiles(ctx, files);
  return {
    ok: true,
    message: t(lang, 'form.files-read', {
      files: o.files,
      matched: o.matched,
      unmatched: o.unmatched,
      unreadable: o.unreadable,
      duplicates: o.duplicates,
    }),
    errors: {},
    counts: { ...o },
  };
}

function billSession(ctx: RunContext, form: Record<string, unknown>): FormOutcome {
  const lang = ctx.lang;
  const wanted = normalizeName(str(form, 'session'));
  if (wanted === '') return refused(lang, { session: t(lang, 'form.reference-required') });
  const trainings = ctx.tab('trainings');
  const rec = trainings?.records.find(
    (r) => normalizeName(text(r.values['session'] as string)) === wanted,
  );
  const ref = text(rec?.values['session'] as string | undefined);
  if (!rec || ref === '') {
    return refused(lang, {
      session: t(lang, 'form.unknown-session', { ref: str(form, 'session') }),
    });
  }
  // Kept in the add-on's state until billed: a run stopped before issuing finishes it.
  const manual = manualSessionsOf(ctx);
  if (!manual.has(ref)) {
    manual.add(ref);
    ctx.ports.store.set(MANUAL_SESSIONS_KEY, JSON.stringify([...manual].sort()));
  }
  const o = issueAndSend(ctx, true, false, (d) =>
    (d.training?.sessions ?? []).some((s) => s.sessionRef === ref),
  );
  ctx.reset();
  refreshPaymentStatus(ctx, false);
  if (o.issued === 0) {
    return {
      ok: false,
      message: t(lang, 'form.nothing-to-bill', { ref }),
      errors: {},
      counts: {},
    };
  }
  return {
    ok: true,
    message: t(lang, 'form.session-billed', { ref, issued: o.issued, emailed: o.emailed }),
    errors: {},
    counts: { issued: o.issued, emailed: o.emailed },
  };
}

function writeOff(ctx: RunContext, form: Record<string, unknown>): FormOutcome {
  const lang = ctx.lang;
  const wanted = numberKey(str(form, 'invoice'));
  const reason = str(form, 'reason');
  const { book } = computeBook(ctx);
  const line = book.lines.find(
    (l) => l.direction === 'receivable' && numberKey(l.number) === wanted && wanted !== '',
  );
  const errors: Record<string, string> = {};
  if (!line) {
    errors['invoice'] =
      wanted === ''
        ? t(lang, 'form.number-required')
        : t(lang, 'form.unknown-client-invoice', { number: str(form, 'invoice') });
  } else if (
    line.status === 'payée' ||
    line.status === 'annulée' ||
    line.status === 'mise en perte'
  ) {
    errors['invoice'] = t(lang, 'form.nothing-to-write-off', {
      number: line.number,
      status: line.label,
    });
  }
  if (reason === '') errors['reason'] = t(lang, 'form.reason-required');
  if (Object.keys(errors).length > 0 || !line) return refused(lang, errors);
  const register = loadOutput(ctx, 'invoices');
  const row = register.rows.find((r) => text(r['number']) === line.number);
  if (!row) return refused(lang, { invoice: t(lang, 'form.invoice-not-found') });
  row['writtenOffOn'] = dateCell(toCalendarDate(ctx.ports.clock.now(), ctx.timeZone));
  row['writeOffReason'] = reason;
  saveOutput(ctx, register);
  ctx.reset();
  refreshPaymentStatus(ctx, false);
  const cur = ctx.settings.currency || 'EUR';
  return {
    ok: true,
    message: t(lang, 'form.written-off', {
      number: line.number,
      balance: formatMoney(line.balance, lang, cur),
    }),
    errors: {},
    counts: { writtenOff: 1 },
  };
}
