/** Email bodies: HTML with a plain-text alternative, every inserted value escaped. */
import type { Language } from '../domain/language';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface InvoiceEmailInput {
  lang: Language;
  number: string;
  buyerName: string;
  sellerName: string;
  total: string;
  dueDate: string;
  paymentReference: string;
  docUrl: string;
  /** A credit note: nothing to pay, it refers to the invoice it reduces. */
  creditOf?: string;
  /** A credit note issued under a self-billing mandate, to its provider. */
  selfBilled?: boolean;
}

function page(paragraphs: readonly (string | { readonly block: string })[]): string {
  // A block (a table) stands beside the paragraphs, never inside one.
  const body = paragraphs
    .map((p) => (typeof p === 'string' ? `<p style="margin:0 0 12px">${p}</p>` : p.block))
    .join('\n');
  return `<!DOCTYPE html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1f2933">\n${body}\n</body></html>`;
}

/** The month's sessions as a table (HTML) and as lines (text). */
function sessionsTable(
  sessions: readonly BillingCallSession[],
  lang: Language,
): { text: string; html: string } {
  const e = escapeHtml;
  const head =
    lang === 'fr'
      ? ['Date', 'Étudiant', 'Type', 'Niveau', 'Tarif HT', 'Montant HT']
      : ['Date', 'Student', 'Type', 'Level', 'Rate', 'Amount'];
  const rows = sessions.map((s) => [s.date, s.student, s.type, s.level, s.rate, s.amount]);
  return {
    text: rows.map((r) => r.join(' | ')).join('\n'),
    html: [
      '<table style="border-collapse:collapse;margin:0 0 12px" cellpadding="6" border="1">',
      `<tr>${head.map((h) => `<th align="left">${e(h)}</th>`).join('')}</tr>`,
      ...rows.map(
        (r) =>
          `<tr>${r.map((c, k) => `<td${k >= 4 ? ' align="right"' : ''}>${e(c)}</td>`).join('')}</tr>`,
      ),
      '</table>',
    ].join(''),
  };
}

export function invoiceEmail(i: InvoiceEmailInput): EmailContent {
  const e = escapeHtml;
  if (i.creditOf !== undefined) return creditNoteEmail(i, i.creditOf);
  if (i.lang === 'en') {
    const lines = [
      `Dear ${i.buyerName},`,
      `Please find attached invoice ${i.number} for ${i.total}, payable by ${i.dueDate}.`,
      `Please quote the payment reference "${i.paymentReference}" with your transfer.`,
      `Kind regards,\n${i.sellerName}`,
    ];
    return {
      subject: `Invoice ${i.number} — ${i.sellerName}`,
      text: lines.join('\n\n'),
      html: page([
        `Dear ${e(i.buyerName)},`,
        `Please find attached invoice <strong>${e(i.number)}</strong> for <strong>${e(i.total)}</strong>, payable by <strong>${e(i.dueDate)}</strong>.`,
        `Please quote the payment reference <strong>${e(i.paymentReference)}</strong> with your transfer.`,
        `Kind regards,<br>${e(i.sellerName)}`,
      ]),
    };
  }
  const lines = [
    `Bonjour,`,
    `Veuillez trouver ci-joint la facture ${i.number} adressée à ${i.buyerName}, d'un montant de ${i.total}, à régler au plus tard le ${i.dueDate}.`,
    `Merci de rappeler la référence de paiement « ${i.paymentReference} » dans le libellé de votre virement.`,
    `Cordialement,\n${i.sellerName}`,
  ];
  return {
    subject: `Facture ${i.number} — ${i.sellerName}`,
    text: lines.join('\n\n'),
    html: page([
      'Bonjour,',
      `Veuillez trouver ci-joint la facture <strong>${e(i.number)}</strong> adressée à ${e(i.buyerName)}, d'un montant de <strong>${e(i.total)}</strong>, à régler au plus tard le <strong>${e(i.dueDate)}</strong>.`,
      `Merci de rappeler la référence de paiement <strong>${e(i.paymentReference)}</strong> dans le libellé de votre virement.`,
      `Cordialement,<br>${e(i.sellerName)}`,
    ]),
  };
}

function creditNoteEmail(i: InvoiceEmailInput, target: string): EmailContent {
  const e = escapeHtml;
  const fr = i.lang === 'fr';
  const body = i.selfBilled
    ? fr
      ? `Dans le cadre de votre mandat d'autofacturation, ${i.sellerName} a émis en votre nom l'avoir ${i.number} d'un montant de ${i.total}, sur la facture ${target}. Il corrige cette facture ; les sessions corrigées sont facturées à nouveau. Il est joint en PDF.`
      : `Under your self-billing mandate, ${i.sellerName} issued credit note ${i.number} in your name, for ${i.total}, against invoice ${target}. It corrects that invoice; the corrected sessions are billed again. It is attached as a PDF.`
    : fr
      ? `Veuillez trouver ci-joint l'avoir ${i.number} d'un montant de ${i.total}, sur notre facture ${target}. Il vient en déduction de ce qui reste à régler sur cette facture.`
      : `Please find attached credit note ${i.number} for ${i.total}, against our invoice ${target}. It reduces what remains to be paid on that invoice.`;
  const greeting = i.selfBilled
    ? `${fr ? 'Bonjour' : 'Hello'} ${i.buyerName},`
    : fr
      ? 'Bonjour,'
      : `Dear ${i.buyerName},`;
  const sign = `${fr ? 'Cordialement' : 'Kind regards'},`;
  return {
    subject: `${fr ? 'Avoir' : 'Credit note'} ${i.number} — ${i.sellerName}`,
    text: [greeting, body, `${sign}\n${i.sellerName}`].join('\n\n'),
    html: page([e(greeting), e(body), `${sign}<br>${e(i.sellerName)}`]),
  };
}

export interface SelfBillingEmailInput {
  lang: Language;
  number: string;
  providerName: string;
  buyerName: string;
  total: string;
  contestBy: string;
  docUrl: string;
  /** The month's sessions it bills (date, student, type, level, rate), as the billing call lists them. */
  sessions?: readonly BillingCallSession[];
}

/** The self-billing recap: the invoice issued in the provider's name, to approve or contest. */
export function selfBillingEmail(i: SelfBillingEmailInput): EmailContent {
  const e = escapeHtml;
  const table = i.sessions && i.sessions.length > 0 ? sessionsTable(i.sessions, i.lang) : null;
  if (i.lang === 'en') {
    return {
      subject: `Self-billed invoice ${i.number} to approve — ${i.buyerName}`,
      text: [
        `Hello ${i.providerName},`,
        `Under your self-billing mandate, ${i.buyerName} has issued invoice ${i.number} in your name for ${i.total}. It is attached as PDF; you can review and comment on the document: ${i.docUrl}`,
        ...(table ? ['The sessions it bills:', table.text] : []),
        `Please approve it, or contest it by ${i.contestBy}, by replying to this email. Payment is made 30 days after approval.`,
        `Kind regards,\n${i.buyerName}`,
      ].join('\n\n'),
      html: page([
        `Hello ${e(i.providerName)},`,
        `Under your self-billing mandate, ${e(i.buyerName)} has issued invoice <strong>${e(i.number)}</strong> in your name for <strong>${e(i.total)}</strong>. It is attached as PDF; you can <a href="${e(i.docUrl)}">review and comment on the document</a>.`,
        ...(table ? ['The sessions it bills:', { block: table.html }] : []),
        `Please approve it, or contest it by <strong>${e(i.contestBy)}</strong>, by replying to this email. Payment is made 30 days after approval.`,
        `Kind regards,<br>${e(i.buyerName)}`,
      ]),
    };
  }
  return {
    subject: `Autofacture ${i.number} à approuver — ${i.buyerName}`,
    text: [
      `Bonjour ${i.providerName},`,
      `Dans le cadre de votre mandat d'autofacturation, ${i.buyerName} a émis en votre nom la facture ${i.number} d'un montant de ${i.total}. Vous la trouverez en PDF ci-joint ; vous pouvez relire et commenter le document : ${i.docUrl}`,
      ...(table ? ['Les sessions facturées :', table.text] : []),
      `Merci de l'approuver, ou de la contester avant le ${i.contestBy}, en répondant à cet email. Le paiement intervient 30 jours après approbation.`,
      `Cordialement,\n${i.buyerName}`,
    ].join('\n\n'),
    html: page([
      `Bonjour ${e(i.providerName)},`,
      `Dans le cadre de votre mandat d'autofacturation, ${e(i.buyerName)} a émis en votre nom la facture <strong>${e(i.number)}</strong> d'un montant de <strong>${e(i.total)}</strong>. Vous la trouverez en PDF ci-joint ; vous pouvez <a href="${e(i.docUrl)}">relire et commenter le document</a>.`,
      ...(table ? ['Les sessions facturées :', { block: table.html }] : []),
      `Merci de l'approuver, ou de la contester avant le <strong>${e(i.contestBy)}</strong>, en répondant à cet email. Le paiement intervient 30 jours après approbation.`,
      `Cordialement,<br>${e(i.buyerName)}`,
    ]),
  };
}

export interface BillingCallSession {
  date: string;
  student: string;
  type: string;
  level: string;
  rate: string;
  amount: string;
}

export interface BillingCallEmailInput {
  lang: Language;
  providerName: string;
  organisation: string;
  organisationAddress: string;
  organisationIds: string;
  month: string;
  sessions: readonly BillingCallSession[];
  amountHT: string;
  vat: string;
  amountTTC: string;
  sendTo: string;
}

/**
 * The billing call (appel à facturation): every session of the month, the exact amount to
 * invoice, and what the provider's invoice must contain to be paid.
 */
export function billingCallEmail(i: BillingCallEmailInput): EmailContent {
  const e = escapeHtml;
  const fr = i.lang === 'fr';
  const sessions = sessionsTable(i.sessions, i.lang);
  const must = fr
    ? [
        'vos prénom, nom et nom de société (sauf auto-entrepreneur)',
        'votre numéro SIRET',
        'le numéro de la facture',
        'la date (au moins le mois facturé)',
        'vos coordonnées IBAN et BIC, avec le nom du titulaire du compte',
        'le détail des sessions ci-dessus',
      ]
    : [
        'your first and last name and company name (unless sole trader)',
        'your SIRET number',
        'the invoice number',
        'the date (at least the month invoiced)',
        'your IBAN and BIC, with the account holder name',
        'the session detail above',
      ];
  const subject = fr
    ? `Appel à facturation ${i.month} — ${i.organisation}`
    : `Billing call ${i.month} — ${i.organisation}`;
  const intro = fr
    ? `Voici le détail des sessions réalisées en ${i.month}. Merci de nous adresser votre facture de ${i.amountTTC} TTC (${i.amountHT} HT, TVA ${i.vat}).`
    : `Here are the sessions you delivered in ${i.month}. Please send us your invoice for ${i.amountTTC} incl. VAT (${i.amountHT} excl. VAT, VAT ${i.vat}).`;
  const mustTitle = fr
    ? 'Pour être valable, votre facture doit indiquer :'
    : 'To be valid, your invoice must show:';
  const address = fr
    ? `Facture à établir à l'ordre de ${i.organisation}, ${i.organisationAddress} (${i.organisationIds}), et à envoyer à ${i.sendTo}. Le paiement intervient 30 jours après sa réception.`
    : `Invoice to ${i.organisation}, ${i.organisationAddress} (${i.organisationIds}), sent to ${i.sendTo}. Payment is made 30 days after we receive it.`;
  const text = [
    `${fr ? 'Bonjour' : 'Hello'} ${i.providerName},`,
    intro,
    sessions.text,
    `${mustTitle}\n${must.map((m) => `- ${m}`).join('\n')}`,
    address,
    `${fr ? 'Cordialement' : 'Kind regards'},\n${i.organisation}`,
  ].join('\n\n');
  const html = page([
    `${fr ? 'Bonjour' : 'Hello'} ${e(i.providerName)},`,
    e(intro),
    { block: sessions.html },
    `${e(mustTitle)}<ul>${must.map((m) => `<li>${e(m)}</li>`).join('')}</ul>`,
    e(address),
    `${fr ? 'Cordialement' : 'Kind regards'},<br>${e(i.organisation)}`,
  ]);
  return { subject, text, html };
}

export interface ReminderEmailInput {
  lang: Language;
  number: string;
  buyerName: string;
  sellerName: string;
  /** Days relative to the due date: negative before it, positive after. */
  step: number;
  issueDate: string;
  dueDate: string;
  total: string;
  balance: string;
  paymentReference: string;
  iban: string;
  bic: string;
}

/**
 * A payment reminder: a courteous notice before the due date, then reminders once overdue, the
 * last one mentioning the late-payment penalties and the fixed recovery indemnity.
 */
export function reminderEmail(i: ReminderEmailInput): EmailContent {
  const e = escapeHtml;
  const fr = i.lang === 'fr';
  const before = i.step <= 0;
  const subject = fr
    ? before
      ? `Rappel : facture ${i.number} à régler d'ici le ${i.dueDate}`
      : `Relance : facture ${i.number} échue le ${i.dueDate}`
    : before
      ? `Reminder: invoice ${i.number} due on ${i.dueDate}`
      : `Overdue: invoice ${i.number} was due on ${i.dueDate}`;
  const situation = fr
    ? before
      ? `Pour rappel, notre facture ${i.number} du ${i.issueDate} (${i.total} TTC) arrive à échéance le ${i.dueDate}. Il reste ${i.balance} à régler.`
      : `Sauf erreur de notre part, notre facture ${i.number} du ${i.issueDate} (${i.total} TTC), échue le ${i.dueDate}, reste impayée à ce jour : il reste ${i.balance} à régler.`
    : before
      ? `This is a reminder that our invoice ${i.number} of ${i.issueDate} (${i.total} incl. VAT) falls due on ${i.dueDate}. ${i.balance} remains to be paid.`
      : `Unless we are mistaken, our invoice ${i.number} of ${i.issueDate} (${i.total} incl. VAT), due on ${i.dueDate}, is still unpaid: ${i.balance} remains to be paid.`;
  const how = fr
    ? `Merci d'effectuer le virement sur le compte IBAN ${i.iban} (BIC ${i.bic}) en rappelant la référence « ${i.paymentReference} ». Si le règlement est déjà parti, merci de ne pas tenir compte de ce message.`
    : `Please pay by bank transfer to IBAN ${i.iban} (BIC ${i.bic}), quoting the reference "${i.paymentReference}". If you have already paid, please disregard this message.`;
  const penalties =
    i.step >= 30
      ? fr
        ? 'Nous vous rappelons que tout retard de paiement donne lieu à des pénalités de retard et à une indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du Code de commerce).'
        : 'Please note that late payment incurs late-payment penalties and a fixed recovery indemnity of €40 (art. L441-10 of the French Commercial Code).'
      : '';
  const greeting = fr ? 'Bonjour,' : `Dear ${i.buyerName},`;
  const sign = `${fr ? 'Cordialement' : 'Kind regards'},`;
  const paragraphs = [greeting, situation, how, penalties].filter((p) => p !== '');
  return {
    subject: `${subject} — ${i.sellerName}`,
    text: [...paragraphs, `${sign}\n${i.sellerName}`].join('\n\n'),
    html: page([...paragraphs.map(e), `${sign}<br>${e(i.sellerName)}`]),
  };
}

export interface ReminderDigestInput {
  lang: Language;
  buyerName: string;
  sellerName: string;
  /** The client's invoices at a reminder step today, each with its own step. */
  invoices: readonly Omit<
    ReminderEmailInput,
    'lang' | 'buyerName' | 'sellerName' | 'iban' | 'bic'
  >[];
  /** What is left to pay on them together, formatted. */
  totalBalance: string;
  iban: string;
  bic: string;
}

/**
 * One reminder a day per client: the invoices at a step today together, each with its number,
 * dates, amount, what is left and its payment reference. One invoice alone reads as
 * `reminderEmail`.
 */
export function reminderDigestEmail(i: ReminderDigestInput): EmailContent {
  const first = i.invoices[0];
  if (i.invoices.length === 1 && first !== undefined) {
    return reminderEmail({
      ...first,
      lang: i.lang,
      buyerName: i.buyerName,
      sellerName: i.sellerName,
      iban: i.iban,
      bic: i.bic,
    });
  }
  const e = escapeHtml;
  const fr = i.lang === 'fr';
  const overdue = i.invoices.some((inv) => inv.step > 0);
  const n = i.invoices.length;
  const subject = fr
    ? overdue
      ? `Relance : ${n} factures à régler (${i.totalBalance})`
      : `Rappel : ${n} factures arrivent à échéance (${i.totalBalance})`
    : overdue
      ? `Overdue: ${n} invoices to pay (${i.totalBalance})`
      : `Reminder: ${n} invoices falling due (${i.totalBalance})`;
  const situation = fr
    ? overdue
      ? `Sauf erreur de notre part, les factures ci-dessous restent à régler, pour un total de ${i.totalBalance} :`
      : `Pour rappel, les factures ci-dessous arrivent à échéance, pour un total de ${i.totalBalance} :`
    : overdue
      ? `Unless we are mistaken, the invoices below are still to be paid, ${i.totalBalance} in all:`
      : `This is a reminder that the invoices below fall due, ${i.totalBalance} in all:`;
  const head = fr
    ? ['Facture', 'Émise le', 'Échéance', 'Montant TTC', 'Reste à payer', 'Référence de paiement']
    : ['Invoice', 'Issued on', 'Due on', 'Total incl. VAT', 'Left to pay', 'Payment reference'];
  const rows = i.invoices.map((inv) => [
    inv.number,
    inv.issueDate,
    inv.dueDate,
    inv.total,
    inv.balance,
    inv.paymentReference,
  ]);
  const how = fr
    ? `Merci d'effectuer le virement sur le compte IBAN ${i.iban} (BIC ${i.bic}) en rappelant la référence de chaque facture. Si le règlement est déjà parti, merci de ne pas tenir compte de ce message.`
    : `Please pay by bank transfer to IBAN ${i.iban} (BIC ${i.bic}), quoting each invoice's reference. If you have already paid, please disregard this message.`;
  const penalties = i.invoices.some((inv) => inv.step >= 30)
    ? fr
      ? 'Nous vous rappelons que tout retard de paiement donne lieu à des pénalités de retard et à une indemnité forfaitaire pour frais de recouvrement de 40 € par facture (art. L441-10 du Code de commerce).'
      : 'Please note that late payment incurs late-payment penalties and a fixed recovery indemnity of €40 per invoice (art. L441-10 of the French Commercial Code).'
    : '';
  const greeting = fr ? 'Bonjour,' : `Dear ${i.buyerName},`;
  const sign = `${fr ? 'Cordialement' : 'Kind regards'},`;
  // French puts a no-break space before the colon; English none.
  const colon = fr ? '\u00a0: ' : ': ';
  const text = [
    greeting,
    situation,
    rows.map((r) => r.map((c, k) => `${head[k] ?? ''}${colon}${c}`).join(' · ')).join('\n'),
    how,
    penalties,
    `${sign}\n${i.sellerName}`,
  ]
    .filter((p) => p !== '')
    .join('\n\n');
  const table = [
    '<table style="border-collapse:collapse;margin:0 0 12px" cellpadding="6" border="1">',
    `<tr>${head.map((h) => `<th align="left">${e(h)}</th>`).join('')}</tr>`,
    ...rows.map(
      (r) =>
        `<tr>${r.map((c, k) => `<td${k >= 3 && k <= 4 ? ' align="right"' : ''}>${e(c)}</td>`).join('')}</tr>`,
    ),
    '</table>',
  ].join('');
  const para = (p: string): string => `<p style="margin:0 0 12px">${p}</p>`;
  const body = [
    para(e(greeting)),
    para(e(situation)),
    table,
    para(e(how)),
    ...(penalties ? [para(e(penalties))] : []),
    para(`${sign}<br>${e(i.sellerName)}`),
  ].join('\n');
  return {
    subject: `${subject} — ${i.sellerName}`,
    text,
    html: `<!DOCTYPE html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1f2933">\n${body}\n</body></html>`,
  };
}

export interface PaymentConfirmationInput {
  lang: Language;
  providerName: string;
  organisation: string;
  /** What was paid: the invoice number, or the billing call or payout reference. */
  reference: string;
  amount: string;
  paidOn: string;
  method: string;
}

/** Tells a provider that what we owed them has been paid. */
export function paymentConfirmationEmail(i: PaymentConfirmationInput): EmailContent {
  const e = escapeHtml;
  const fr = i.lang === 'fr';
  const subject = fr
    ? `Paiement effectué : ${i.reference} — ${i.organisation}`
    : `Payment made: ${i.reference} — ${i.organisation}`;
  const body = fr
    ? `Nous vous confirmons le paiement de ${i.amount} le ${i.paidOn}${i.method ? ` par ${i.method}` : ''}, au titre de ${i.reference}.`
    : `We confirm the payment of ${i.amount} on ${i.paidOn}${i.method ? ` by ${i.method}` : ''} for ${i.reference}.`;
  const delay = fr
    ? 'Selon votre banque, les fonds peuvent apparaître sur votre compte sous un à trois jours ouvrés.'
    : 'Depending on your bank, the funds may take one to three working days to appear on your account.';
  const greeting = `${fr ? 'Bonjour' : 'Hello'} ${i.providerName},`;
  const sign = `${fr ? 'Cordialement' : 'Kind regards'},`;
  return {
    subject,
    text: [greeting, body, delay, `${sign}\n${i.organisation}`].join('\n\n'),
    html: page([e(greeting), e(body), e(delay), `${sign}<br>${e(i.organisation)}`]),
  };
}

export interface MonthlySummaryInput {
  lang: Language;
  organisation: string;
  /** The month billed, already written out ("novembre 2026"). */
  period: string;
  /** When the job started and ended, written out. */
  startedOn: string;
  finishedOn: string;
  /** How many executions the job took (more than one when it had to continue). */
  runs: number;
  drafts: number;
  issued: number;
  documents: number;
  emailed: number;
  billingCalls: number;
  reminders: number;
  /** Issued invoices still waiting for their documents or their email (quota). */
  pending: number;
  /** Problems written to the Journal by the job's runs. */
  problems: number;
  outstanding: string;
  overdue: string;
  payablesDue: string;
  autoSend: boolean;
}

/** To the finance contact after each monthly job: what was done, what waits, where to look. */
export function monthlySummaryEmail(i: MonthlySummaryInput): EmailContent {
  const e = escapeHtml;
  const fr = i.lang === 'fr';
  const done = i.autoSend
    ? fr
      ? `${i.issued} facture(s) émise(s)`
      : `${i.issued} invoice(s) issued`
    : fr
      ? `${i.drafts} brouillon(s) à émettre`
      : `${i.drafts} draft(s) to issue`;
  const subject = fr
    ? `Facturation de ${i.period} : ${done} — ${i.organisation}`
    : `Invoicing for ${i.period}: ${done} — ${i.organisation}`;
  const intro = fr
    ? `La facturation mensuelle de ${i.period} est terminée (commencée le ${i.startedOn}, finie le ${i.finishedOn}, en ${i.runs} exécution(s)).`
    : `The monthly invoicing for ${i.period} is done (started ${i.startedOn}, finished ${i.finishedOn}, in ${i.runs} run(s)).`;
  const facts: [string, string][] = fr
    ? [
        ...(i.autoSend
          ? ([['Factures émises', String(i.issued)]] as [string, string][])
          : ([['Brouillons à vérifier et émettre', String(i.drafts)]] as [string, string][])),
        ['Documents créés (Docs + PDF)', String(i.documents)],
        ['Emails envoyés', String(i.emailed)],
        ['dont appels à facturation', String(i.billingCalls)],
        ['dont relances', String(i.reminders)],
        ['En attente (quota)', String(i.pending)],
        ['Anomalies (onglet Journal)', String(i.problems)],
        ['À encaisser', i.outstanding],
        ['dont échu', i.overdue],
        ['À payer ce mois-ci', i.payablesDue],
      ]
    : [
        ...(i.autoSend
          ? ([['Invoices issued', String(i.issued)]] as [string, string][])
          : ([['Drafts to check and issue', String(i.drafts)]] as [string, string][])),
        ['Documents made (Docs + PDF)', String(i.documents)],
        ['Emails sent', String(i.emailed)],
        ['of which billing calls', String(i.billingCalls)],
        ['of which reminders', String(i.reminders)],
        ['Pending (quota)', String(i.pending)],
        ['Problems (Log tab)', String(i.problems)],
        ['To collect', i.outstanding],
        ['of which overdue', i.overdue],
        ['To pay this month', i.payablesDue],
      ];
  const look =
    i.problems > 0
      ? fr
        ? "Les anomalies sont détaillées dans l'onglet Journal, avec l'onglet et la cellule à corriger."
        : 'The problems are listed in the Log tab, with the tab and cell to fix.'
      : fr
        ? 'Aucune anomalie.'
        : 'No problem found.';
  const greeting = fr ? 'Bonjour,' : 'Hello,';
  const table = `<table style="border-collapse:collapse">${facts
    .map(
      ([k, v]) =>
        `<tr><td style="padding:2px 12px 2px 0">${e(k)}</td><td style="padding:2px 0;text-align:right"><b>${e(v)}</b></td></tr>`,
    )
    .join('')}</table>`;
  return {
    subject,
    text: [
      greeting,
      intro,
      facts.map(([k, v]) => `${k}${fr ? ' : ' : ': '}${v}`).join('\n'),
      look,
      `Facturier — ${i.organisation}`,
    ].join('\n\n'),
    html: page([e(greeting), e(intro), table, e(look), `Facturier — ${e(i.organisation)}`]),
  };
}

export interface AuthorizationEmailInput {
  lang: Language;
  organisation: string;
  /** The page where the user grants what the new version needs (getAuthorizationUrl). */
  url: string | null;
}

/**
 * The hourly run stopped: the add-on's new version needs authorizations the user has not
 * granted yet. Sent at most once a day, while mail is still authorized.
 */
export function authorizationEmail(i: AuthorizationEmailInput): EmailContent {
  const e = escapeHtml;
  const fr = i.lang === 'fr';
  const subject = fr
    ? `Facturier attend votre autorisation — ${i.organisation}`
    : `Facturier needs your authorization — ${i.organisation}`;
  const lines = fr
    ? [
        'Bonjour,',
        "La nouvelle version de Facturier demande des autorisations que vous n'avez pas encore accordées. Tant qu'elles manquent, l'exécution horaire ne fait rien : aucune facture n'est émise, aucun email n'est envoyé.",
        "Pour la reprendre : ouvrez le classeur, puis Extensions → Facturier → « Autoriser Facturier… », et acceptez les autorisations demandées. L'exécution suivante reprend là où la facturation s'était arrêtée.",
      ]
    : [
        'Hello,',
        "Facturier's new version asks for authorizations you have not granted yet. Until you do, the hourly run does nothing: no invoice is issued, no email is sent.",
        'To resume: open the workbook, then Extensions → Facturier → "Authorize Facturier…", and accept what it asks. The next run picks up where invoicing stopped.',
      ];
  const link = i.url ? (fr ? `Ou directement : ${i.url}` : `Or directly: ${i.url}`) : null;
  const sign = `Facturier — ${i.organisation}`;
  return {
    subject,
    text: [...lines, ...(link ? [link] : []), sign].join('\n\n'),
    html: page([
      ...lines.map(e),
      ...(i.url
        ? [
            `<a href="${e(i.url)}">${e(fr ? 'Accorder les autorisations' : 'Grant the authorizations')}</a>`,
          ]
        : []),
      e(sign),
    ]),
  };
}
