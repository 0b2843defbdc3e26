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
import { postedFiles, receiveFiles } from './receive';
import { computeBook, refreshPaymentStatus } from './payment-status';
import { loadOutput, saveOutput, text } from './register';
import type { RunContext } from './run-context';

export type FormName =
  | 'record-payment'
  | 'credit-note'
  | 'debit-note'
  | 'apply-credit'
  | 'receive'
  | 'bill-session'
  | 'write-off';

export const FORM_SUBMIT: Readonly<Record<FormName, string>> = {
  'record-payment': 'submitPayment',
  'credit-note': 'submitCreditNote',
  'debit-note': 'submitDebitNote',
  'apply-credit': 'submitApplyCredit',
  receive: 'submitReceive',
  'bill-session': 'submitBillSession',
  'write-off': 'submitWriteOff',
};

export interface FormOutcome {
  ok: boolean;
  message: string;
  /** Field name → why it was refused. */
  errors: Record<string, string>;
  counts: Record<string, number>;
}

type Lang = 'fr' | 'en';
const t = (lang: Lang, fr: string, en: string) => (lang === 'fr' ? fr : en);

export function dialogFor(name: FormName, lang: Lang): { title: string; html: string } {
  const common = { cancelLabel: t(lang, 'Fermer', 'Close'), submit: FORM_SUBMIT[name] };
  const invoiceField = {
    name: 'invoice',
    label: t(lang, 'N° de facture', 'Invoice number'),
    type: 'text' as const,
    required: true,
    placeholder: 'FA-2026-00001',
  };
  let spec: DialogSpec;
  let title: string;
  if (name === 'record-payment') {
    title = t(lang, 'Enregistrer un paiement', 'Record a payment');
    spec = {
      ...common,
      intro: t(
        lang,
        'Un paiement reçu d’un client, ou versé à un intervenant (numéro d’autofacture ou référence de l’onglet Appels à facturation).',
        'A payment received from a client, or made to a provider (self-billed invoice number or the Billing calls reference).',
      ),
      submitLabel: t(lang, 'Enregistrer', 'Record'),
      fields: [
        {
          ...invoiceField,
          help: t(
            lang,
            'ou la référence de l’appel à facturation',
            'or the billing call reference',
          ),
        },
        {
          name: 'date',
          label: t(lang, 'Date du paiement', 'Payment date'),
          type: 'date',
          required: true,
        },
        {
          name: 'amount',
          label: t(lang, 'Montant TTC', 'Amount incl. VAT'),
          type: 'amount',
          required: true,
          placeholder: '1 200,00',
        },
        {
          name: 'method',
          label: t(lang, 'Moyen de paiement', 'Payment method'),
          type: 'select',
          required: true,
          options: PAYMENT_METHODS.map((m) => ({ value: m[lang], label: m[lang] })),
        },
        {
          name: 'reference',
          label: t(lang, 'Référence (libellé du virement…)', 'Reference (transfer label…)'),
          type: 'text',
        },
      ],
    };
  } else if (name === 'credit-note') {
    title = t(lang, 'Émettre un avoir', 'Issue a credit note');
    spec = {
      ...common,
      intro: t(
        lang,
        'L’avoir est numéroté dans sa série, fait référence à la facture, est mis en page et envoyé au client comme une facture.',
        'The credit note is numbered in its series, refers to the invoice, and is laid out and emailed to the client like an invoice.',
      ),
      submitLabel: t(lang, 'Émettre l’avoir', 'Issue the credit note'),
      fields: [
        invoiceField,
        {
          name: 'amount',
          label: t(lang, 'Montant TTC à créditer', 'Amount incl. VAT to credit'),
          type: 'amount',
          help: t(
            lang,
            'vide : tout ce qui reste de la facture',
            'empty: all that remains of the invoice',
          ),
        },
        { name: 'reason', label: t(lang, 'Motif', 'Reason'), type: 'textarea', required: true },
      ],
    };
  } else if (name === 'bill-session') {
    title = t(lang, 'Facturer une session', 'Bill a session');
    spec = {
      ...common,
      intro: t(
        lang,
        'Pour une session dont le financeur ou le commanditaire est en mode de facturation « aucune » : ses inscriptions sont facturées maintenant, par commanditaire, puis envoyées.',
        'For a session whose financer or sponsor has billing mode "none": its enrolments are invoiced now, per sponsor, then sent.',
      ),
      submitLabel: t(lang, 'Facturer la session', 'Bill the session'),
      fields: [
        {
          name: 'session',
          label: t(lang, 'Référence de la session', 'Session reference'),
          type: 'text',
          required: true,
          placeholder: 'FORM-2612-MGMT',
        },
      ],
    };
  } else if (name === 'debit-note') {
    title = t(lang, 'Émettre une note de débit', 'Issue a debit note');
    spec = {
      ...common,
      intro: t(
        lang,
        'Un supplément sur une facture émise : la note de débit est numérotée dans la série des factures, fait référence à la facture, a sa propre échéance et est envoyée au client.',
        'A supplement to an issued invoice: the debit note is numbered in the invoice series, refers to the invoice, has its own due date and is emailed to the client.',
      ),
      submitLabel: t(lang, 'Émettre la note de débit', 'Issue the debit note'),
      fields: [
        invoiceField,
        {
          name: 'amount',
          label: t(lang, 'Montant TTC du supplément', 'Supplement incl. VAT'),
          type: 'amount',
          required: true,
          placeholder: '120,00',
        },
        { name: 'reason', label: t(lang, 'Motif', 'Reason'), type: 'textarea', required: true },
      ],
    };
  } else if (name === 'apply-credit') {
    title = t(
      lang,
      'Imputer un crédit sur la prochaine facture',
      'Apply a credit to the next invoice',
    );
    spec = {
      ...common,
      intro: t(
        lang,
        'Le client a réglé une facture puis reçu un avoir, ou a payé plus que dû : son crédit est déduit de sa prochaine facture au lieu d’être remboursé. La facture suivante le montre comme « Crédit imputé » et demande d’autant moins.',
        'The client paid an invoice and then received a credit note, or paid more than it owed: its credit is deducted from its next invoice instead of being refunded. The next invoice shows it as "Credit applied" and asks that much less.',
      ),
      submitLabel: t(lang, 'Imputer le crédit', 'Apply the credit'),
      fields: [
        {
          ...invoiceField,
          label: t(lang, 'N° de la facture ou de l’avoir', 'Invoice or credit note number'),
          placeholder: 'AV-2026-00001',
        },
        {
          name: 'amount',
          label: t(lang, 'Montant TTC à imputer', 'Amount incl. VAT to apply'),
          type: 'amount',
          help: t(lang, 'vide : tout le crédit disponible', 'empty: all the credit available'),
        },
      ],
    };
  } else if (name === 'receive') {
    title = t(lang, 'Importer des factures reçues', 'Import received invoices');
    spec = {
      ...common,
      intro: t(
        lang,
        'Les factures de vos intervenants, en Factur-X (PDF avec son XML) ou en XML CII : chacune est lue, ses totaux recalculés et rapprochée de l’appel à facturation de son mois et de son montant, qui la note reçue. Elles sont gardées dans le dossier Drive « Factures reçues » et listées dans l’onglet du même nom.',
        'Your providers’ invoices, as Factur-X (a PDF with its XML) or CII XML: each is read, its totals recomputed and matched to the billing call of its month and amount, which records it received. They are kept in the Drive folder "Factures reçues" and listed in the tab of that name.',
      ),
      submitLabel: t(lang, 'Importer', 'Import'),
      fields: [
        {
          name: 'files',
          label: t(lang, 'Fichiers (PDF ou XML)', 'Files (PDF or XML)'),
          type: 'files',
          required: true,
        },
      ],
    };
  } else {
    title = t(lang, 'Mettre en perte', 'Write off');
    spec = {
      ...common,
      intro: t(
        lang,
        'La facture reste au registre ; son solde n’est plus compté ni relancé.',
        'The invoice stays in the register; its balance is no longer counted nor reminded.',
      ),
      submitLabel: t(lang, 'Mettre en perte', 'Write off'),
      fields: [
        invoiceField,
        {
          name: 'reason',
          label: t(lang, 'Motif (ou contentieux)', 'Reason (or legal action)'),
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
    message: t(
      lang,
      'Rien n’a été enregistré : corrigez les champs signalés.',
      'Nothing was recorded: correct the fields shown.',
    ),
    errors,
    counts: {},
  };
}

export function submitForm(
  ctx: RunContext,
  name: FormName,
  form: Record<string, unknown>,
): FormOutcome {
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
      str(form, 'date') === '' ? t(lang, 'Date obligatoire', 'Date required') : date[lang];
  else if (date.value > today) errors['date'] = t(lang, 'Date dans le futur', 'Date in the future');
  const amount = parseDecimalText(str(form, 'amount'), lang);
  const money = amount.ok ? Money.of(amount.value) : null;
  if (!money)
    errors['amount'] =
      str(form, 'amount') === ''
        ? t(lang, 'Montant obligatoire', 'Amount required')
        : amount.ok
          ? ''
          : amount[lang];
  else if (!money.isPositive())
    errors['amount'] = t(lang, 'Le montant doit être positif', 'The amount must be positive');
  const method = parseEnum(str(form, 'method') || PAYMENT_METHODS[0][lang], PAYMENT_METHODS);
  if (!method.ok) errors['method'] = method[lang];
  const wanted = numberKey(str(form, 'invoice'));
  const { book } = computeBook(ctx);
  const line = book.lines.find((l) => numberKey(l.number) === wanted && wanted !== '');
  const paidPayable = book.paidPayables.find(
    (p) => numberKey(p.payable.reference) === wanted || numberKey(p.payable.number) === wanted,
  );
  const cur = ctx.settings.currency || 'EUR';
  if (wanted === '') errors['invoice'] = t(lang, 'Numéro obligatoire', 'Number required');
  else if (!line) {
    errors['invoice'] = paidPayable
      ? t(lang, 'Déjà entièrement payé', 'Already paid in full')
      : t(
          lang,
          `Numéro inconnu : « ${str(form, 'invoice')} »`,
          `Unknown number: "${str(form, 'invoice')}"`,
        );
  } else if (line.payable?.waiting === 'contested') {
    // Nothing is paid on a contested self-billed invoice until it is corrected (credit note).
    errors['invoice'] = t(
      lang,
      `${line.number} est contestée par le prestataire : aucun paiement tant qu'elle n'est pas corrigée par un avoir`,
      `${line.number} is contested by its provider: no payment until it is corrected by a credit note`,
    );
  } else if (line.status === 'payée' || line.status === 'annulée') {
    errors['invoice'] = t(
      lang,
      `${line.number} : ${line.label}, rien à payer`,
      `${line.number}: ${line.label}, nothing to pay`,
    );
  } else if (money && money.greaterThan(line.balance)) {
    errors['amount'] = t(
      lang,
      `Montant supérieur au reste dû de ${line.number} (${formatMoney(line.balance, lang, cur)})`,
      `Amount above the balance of ${line.number} (${formatMoney(line.balance, lang, cur)})`,
    );
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
  put('note', t(lang, 'saisi par le menu', 'recorded from the menu'));
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
    message: t(
      lang,
      `Paiement de ${formatMoney(money, lang, cur)} enregistré sur ${line.number} ; suivi des paiements à jour.`,
      `Payment of ${formatMoney(money, lang, cur)} recorded on ${line.number}; payment status up to date.`,
    ),
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
    if (!parsed.ok) return refused(lang, { amount: parsed[lang] });
    amount = Money.of(parsed.value);
    if (!amount.isPositive())
      return refused(lang, {
        amount: t(lang, 'Le montant doit être positif', 'The amount must be positive'),
      });
  }
  if (str(form, 'invoice') === '')
    return refused(lang, { invoice: t(lang, 'Numéro obligatoire', 'Number required') });
  const outcome = issueCreditNote(ctx, {
    number: str(form, 'invoice'),
    amountTTC: amount,
    reason: str(form, 'reason'),
  });
  if (!outcome.ok) return refused(lang, { [outcome.field]: outcome[lang] });
  ctx.reset();
  refreshPaymentStatus(ctx, false);
  const cur = ctx.settings.currency || 'EUR';
  return {
    ok: true,
    message: t(
      lang,
      `Avoir ${outcome.number} émis (${formatMoney(outcome.total, lang, cur)} TTC)${outcome.cancelled ? ' : la facture est annulée' : ''}.`,
      `Credit note ${outcome.number} issued (${formatMoney(outcome.total, lang, cur)} incl. VAT)${outcome.cancelled ? ': the invoice is cancelled' : ''}.`,
    ),
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
  if (parsed === null) errors['amount'] = t(lang, 'Montant obligatoire', 'Amount required');
  else if (!parsed.ok) errors['amount'] = parsed[lang];
  else {
    amount = Money.of(parsed.value);
    if (!amount.isPositive())
      errors['amount'] = t(
        lang,
        'Le supplément doit être positif (une réduction se fait par un avoir)',
        'The supplement must be positive (a reduction is a credit note)',
      );
  }
  if (str(form, 'invoice') === '')
    errors['invoice'] = t(lang, 'Numéro obligatoire', 'Number required');
  if (str(form, 'reason') === '')
    errors['reason'] = t(lang, 'Indiquez le motif', 'Give the reason');
  if (Object.keys(errors).length > 0 || amount === null) return refused(lang, errors);
  const outcome = issueDebitNote(ctx, {
    number: str(form, 'invoice'),
    amountTTC: amount,
    reason: str(form, 'reason'),
  });
  if (!outcome.ok) return refused(lang, { [outcome.field]: outcome[lang] });
  ctx.reset();
  refreshPaymentStatus(ctx, false);
  const cur = ctx.settings.currency || 'EUR';
  return {
    ok: true,
    message: t(
      lang,
      `Note de débit ${outcome.number} émise (${formatMoney(outcome.total, lang, cur)} TTC).`,
      `Debit note ${outcome.number} issued (${formatMoney(outcome.total, lang, cur)} incl. VAT).`,
    ),
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
  if (parsed !== null && !parsed.ok) errors['amount'] = parsed[lang];
  else if (parsed !== null) {
    amount = Money.of(parsed.value);
    if (!amount.isPositive() || !amount.isRoundedTo())
      errors['amount'] = t(
        lang,
        'Un montant positif, au centime',
        'A positive amount, to the cent',
      );
  }
  if (str(form, 'invoice') === '')
    errors['invoice'] = t(lang, 'Numéro obligatoire', 'Number required');
  if (Object.keys(errors).length > 0) return refused(lang, errors);
  const outcome = applyClientCredit(ctx, { number: str(form, 'invoice'), amountTTC: amount });
  if (!outcome.ok) return refused(lang, { [outcome.field]: outcome[lang] });
  const cur = ctx.settings.currency || 'EUR';
  const m = formatMoney(outcome.amount, lang, cur);
  return {
    ok: true,
    message: t(
      lang,
      `Crédit de ${m} (facture ${outcome.invoice}) à déduire de la prochaine facture de ${outcome.client}.`,
      `Credit of ${m} (invoice ${outcome.invoice}) to be deducted from ${outcome.client}'s next invoice.`,
    ),
    errors: {},
    counts: { creditsApplied: 1 },
  };
}

function receive(ctx: RunContext, form: Record<string, unknown>): FormOutcome {
  const lang = ctx.lang;
  const files = postedFiles(str(form, 'files'));
  if (files === null || files.length === 0) {
    return refused(lang, {
      files: t(lang, 'Choisissez un ou plusieurs fichiers', 'Choose one or more files'),
    });
  }
  const o = receiveFiles(ctx, files);
  return {
    ok: true,
    message: t(
      lang,
      `${o.files} fichier(s) lu(s) : ${o.matched} rapprochée(s) d'un appel à facturation, ${o.unmatched} à vérifier, ${o.unreadable} illisible(s), ${o.duplicates} déjà lu(s). Voir l'onglet Factures reçues.`,
      `${o.files} file(s) read: ${o.matched} matched to a billing call, ${o.unmatched} to check, ${o.unreadable} unreadable, ${o.duplicates} already read. See the Received invoices tab.`,
    ),
    errors: {},
    counts: { ...o },
  };
}

function billSession(ctx: RunContext, form: Record<string, unknown>): FormOutcome {
  const lang = ctx.lang;
  const wanted = normalizeName(str(form, 'session'));
  if (wanted === '')
    return refused(lang, { session: t(lang, 'Référence obligatoire', 'Reference required') });
  const trainings = ctx.tab('trainings');
  const rec = trainings?.records.find(
    (r) => normalizeName(text(r.values['session'] as string)) === wanted,
  );
  const ref = text(rec?.values['session'] as string | undefined);
  if (!rec || ref === '') {
    return refused(lang, {
      session: t(
        lang,
        `Session inconnue : « ${str(form, 'session')} » (onglet Formations)`,
        `Unknown session: "${str(form, 'session')}" (Trainings tab)`,
      ),
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
      message: t(
        lang,
        `Rien à facturer pour ${ref} : session pas encore terminée, déjà facturée, ou une valeur manque (voir le Journal).`,
        `Nothing to bill for ${ref}: session not finished yet, already billed, or a value is missing (see the Log).`,
      ),
      errors: {},
      counts: {},
    };
  }
  return {
    ok: true,
    message: t(
      lang,
      `Session ${ref} : ${o.issued} facture(s) émise(s), ${o.emailed} email(s) envoyé(s).`,
      `Session ${ref}: ${o.issued} invoice(s) issued, ${o.emailed} email(s) sent.`,
    ),
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
        ? t(lang, 'Numéro obligatoire', 'Number required')
        : t(
            lang,
            `Facture client inconnue : « ${str(form, 'invoice')} »`,
            `Unknown client invoice: "${str(form, 'invoice')}"`,
          );
  } else if (
    line.status === 'payée' ||
    line.status === 'annulée' ||
    line.status === 'mise en perte'
  ) {
    errors['invoice'] = t(
      lang,
      `${line.number} : ${line.label}, rien à mettre en perte`,
      `${line.number}: ${line.label}, nothing to write off`,
    );
  }
  if (reason === '') errors['reason'] = t(lang, 'Motif obligatoire', 'Reason required');
  if (Object.keys(errors).length > 0 || !line) return refused(lang, errors);
  const register = loadOutput(ctx, 'invoices');
  const row = register.rows.find((r) => text(r['number']) === line.number);
  if (!row) return refused(lang, { invoice: t(lang, 'Facture introuvable', 'Invoice not found') });
  row['writtenOffOn'] = dateCell(toCalendarDate(ctx.ports.clock.now(), ctx.timeZone));
  row['writeOffReason'] = reason;
  saveOutput(ctx, register);
  ctx.reset();
  refreshPaymentStatus(ctx, false);
  const cur = ctx.settings.currency || 'EUR';
  return {
    ok: true,
    message: t(
      lang,
      `${line.number} mise en perte (${formatMoney(line.balance, lang, cur)} non recouvrés).`,
      `${line.number} written off (${formatMoney(line.balance, lang, cur)} not collected).`,
    ),
    errors: {},
    counts: { writtenOff: 1 },
  };
}
