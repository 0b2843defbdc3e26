/**
 * Every kind of email in both languages, built from the pure renderers with ordinary values or
 * with hostile user text in every field a user types (names, addresses, students, session
 * types, the organisation's own settings), with and without a contact name.
 */
import type { Language } from '../../src/domain/language';
import {
  authorizationEmail,
  billingCallEmail,
  invoiceEmail,
  monthlySummaryEmail,
  paymentConfirmationEmail,
  reminderDigestEmail,
  reminderEmail,
  selfBillingEmail,
  type BillingCallSession,
  type EmailContent,
} from '../../src/render/emails';

/** Text a user could type in a cell: markup, a placeholder, replacement patterns, quotes, emoji. */
export const HOSTILE = `Dupont & Fils <script>alert("x")</script> {{seller.iban}} $& $1 l'atelier 😀 </td></tr></table><p>`;

export const CONTACT = 'Camille Roux';

export interface CaseOptions {
  lang: Language;
  hostile: boolean;
  /** A contact name given by the party's row. */
  contact: boolean;
}

export interface EmailCase {
  kind: string;
  /** Whom the email greets: a party that may have a contact, or the finance contact (never). */
  greets: 'party' | 'finance';
  build(o: CaseOptions): Built;
}

export interface Built {
  email: EmailContent;
  /** The company or person name of the party, which the greeting must not use. */
  partyName: string;
  /** What the summary box must show, at the top. */
  summary: string[];
  /** The user texts put in, each to be found whole in the text and escaped in the HTML. */
  userTexts: string[];
}

const ORG = 'Atelier Formation Conseil';

function names(o: CaseOptions) {
  const h = o.hostile;
  return {
    org: h ? `${ORG} ${HOSTILE}` : ORG,
    buyer: h ? HOSTILE : o.lang === 'fr' ? 'Brioche & Compagnie SARL' : 'Nexum Logistics SA',
    provider: h ? `Nguyen ${HOSTILE}` : 'Nguyen Conseil SASU',
    contact: o.contact ? (h ? `Camille ${HOSTILE}` : CONTACT) : undefined,
    money: (fr: string, en: string) => (o.lang === 'fr' ? fr : en),
    date: (fr: string, en: string) => (o.lang === 'fr' ? fr : en),
    student: h ? `Chloé ${HOSTILE}` : 'Chloé Dubois',
    sessionType: h ? `mentorat ${HOSTILE}` : 'mentorat — absence facturée 50 %',
    address: h ? `12 rue ${HOSTILE}` : '12 rue des Tanneurs, 69002 Lyon',
  };
}

const contactOf = (c: string | undefined) => (c === undefined ? {} : { contactName: c });

function sessions(o: CaseOptions): BillingCallSession[] {
  const n = names(o);
  return [
    {
      date: n.date('04/11/2026', '4 Nov 2026'),
      student: n.student,
      type: 'mentorat',
      level: '3',
      rate: n.money('44,00 €', '€44.00'),
      amount: n.money('44,00 €', '€44.00'),
    },
    {
      date: n.date('17/11/2026', '17 Nov 2026'),
      student: 'Hugo Bernard',
      type: n.sessionType,
      level: '1',
      rate: n.money('32,00 €', '€32.00'),
      amount: n.money('16,00 €', '€16.00'),
    },
  ];
}

const user = (o: CaseOptions, ...texts: (string | undefined)[]): string[] =>
  o.hostile ? texts.filter((t): t is string => t !== undefined) : [];

const DOC = 'https://docs.google.com/document/d/1izHDLg7qSsaAFOYBRx/edit?usp=sharing&x=1';

function reminderInput(o: CaseOptions, step: number) {
  const n = names(o);
  return {
    lang: o.lang,
    number: 'FA-2026-00003',
    buyerName: n.buyer,
    ...contactOf(n.contact),
    sellerName: n.org,
    step,
    issueDate: n.date('05/12/2026', '5 Dec 2026'),
    dueDate: n.date('04/01/2027', '4 Jan 2027'),
    total: n.money('1 200,00 €', '€1,200.00'),
    balance: n.money('700,00 €', '€700.00'),
    paymentReference: 'NEXUM FA-2026-00003',
    iban: 'FR76 3000 4000 0312 3456 7890 143',
    bic: 'BNPAFRPP',
  };
}

export const EMAIL_CASES: readonly EmailCase[] = [
  {
    kind: 'invoice',
    greets: 'party',
    build(o) {
      const n = names(o);
      const total = n.money('2 587,68 €', '€2,587.68');
      const due = n.date('04/01/2027', '4 Jan 2027');
      return {
        email: invoiceEmail({
          lang: o.lang,
          number: 'FA-2026-00007',
          buyerName: n.buyer,
          ...contactOf(n.contact),
          sellerName: n.org,
          total,
          dueDate: due,
          paymentReference: 'BRIOCHE FA-2026-00007',
          docUrl: DOC,
        }),
        partyName: n.buyer,
        summary: [total, due, 'BRIOCHE FA-2026-00007'],
        userTexts: user(o, n.buyer, n.org, n.contact),
      };
    },
  },
  {
    kind: 'credit note',
    greets: 'party',
    build(o) {
      const n = names(o);
      const total = n.money('120,00 €', '€120.00');
      return {
        email: invoiceEmail({
          lang: o.lang,
          number: 'AV-2026-00001',
          buyerName: n.buyer,
          ...contactOf(n.contact),
          sellerName: n.org,
          total,
          dueDate: '',
          paymentReference: '',
          docUrl: DOC,
          creditOf: 'FA-2026-00007',
        }),
        partyName: n.buyer,
        summary: [total, 'FA-2026-00007'],
        userTexts: user(o, n.org, n.contact),
      };
    },
  },
  {
    kind: 'self-billed credit note',
    greets: 'party',
    build(o) {
      const n = names(o);
      const total = n.money('222,00 €', '€222.00');
      return {
        email: invoiceEmail({
          lang: o.lang,
          number: 'AF-CLEMENT-2026-0002',
          buyerName: n.provider,
          ...contactOf(n.contact),
          sellerName: n.org,
          total,
          dueDate: '',
          paymentReference: '',
          docUrl: DOC,
          creditOf: 'AF-CLEMENT-2026-0001',
          selfBilled: true,
        }),
        partyName: n.provider,
        summary: [total, 'AF-CLEMENT-2026-0001'],
        userTexts: user(o, n.org, n.contact),
      };
    },
  },
  {
    kind: 'self-billing recap',
    greets: 'party',
    build(o) {
      const n = names(o);
      const total = n.money('222,00 €', '€222.00');
      const by = n.date('20/12/2026', '20 Dec 2026');
      return {
        email: selfBillingEmail({
          lang: o.lang,
          number: 'AF-CLEMENT-2026-0001',
          providerName: n.provider,
          ...contactOf(n.contact),
          buyerName: n.org,
          total,
          contestBy: by,
          docUrl: o.hostile ? 'javascript:alert(1)' : DOC,
          sessions: sessions(o),
        }),
        partyName: n.provider,
        summary: [total, by],
        userTexts: user(o, n.org, n.contact, n.student, n.sessionType),
      };
    },
  },
  {
    kind: 'billing call',
    greets: 'party',
    build(o) {
      const n = names(o);
      const ttc = n.money('72,00 €', '€72.00');
      return {
        email: billingCallEmail({
          lang: o.lang,
          providerName: n.provider,
          ...contactOf(n.contact),
          organisation: n.org,
          organisationAddress: n.address,
          organisationIds: 'SIRET 832 954 317 00026 · TVA FR82832954317',
          month: n.date('novembre 2026', 'November 2026'),
          sessions: sessions(o),
          amountHT: n.money('60,00 €', '€60.00'),
          vat: n.money('12,00 €', '€12.00'),
          amountTTC: ttc,
          sendTo: 'factures@atelier.example',
        }),
        partyName: n.provider,
        summary: [ttc, n.money('60,00 €', '€60.00'), 'factures@atelier.example'],
        userTexts: user(o, n.org, n.contact, n.student, n.sessionType, n.address),
      };
    },
  },
  {
    kind: 'reminder before the due date',
    greets: 'party',
    build(o) {
      const i = reminderInput(o, -3);
      return {
        email: reminderEmail(i),
        partyName: i.buyerName,
        summary: [i.balance, i.dueDate, i.paymentReference, i.iban],
        userTexts: user(o, i.sellerName, names(o).contact),
      };
    },
  },
  {
    kind: 'reminder overdue',
    greets: 'party',
    build(o) {
      const i = reminderInput(o, 7);
      return {
        email: reminderEmail(i),
        partyName: i.buyerName,
        summary: [i.balance, i.dueDate, i.paymentReference, i.iban],
        userTexts: user(o, i.sellerName, names(o).contact),
      };
    },
  },
  {
    kind: 'last reminder with penalties',
    greets: 'party',
    build(o) {
      const i = reminderInput(o, 30);
      return {
        email: reminderEmail(i),
        partyName: i.buyerName,
        summary: [i.balance, i.dueDate, i.paymentReference, i.iban],
        userTexts: user(o, i.sellerName, names(o).contact),
      };
    },
  },
  {
    kind: "a client's reminders of the day",
    greets: 'party',
    build(o) {
      const n = names(o);
      const inv = (number: string, step: number, balance: string) => ({
        number,
        step,
        issueDate: n.date('05/11/2026', '5 Nov 2026'),
        dueDate: n.date('05/12/2026', '5 Dec 2026'),
        total: n.money('1 200,00 €', '€1,200.00'),
        balance,
        paymentReference: `BRIOCHE ${number}`,
      });
      const total = n.money('1 900,00 €', '€1,900.00');
      return {
        email: reminderDigestEmail({
          lang: o.lang,
          buyerName: n.buyer,
          ...contactOf(n.contact),
          sellerName: n.org,
          invoices: [
            inv('FA-2026-00001', 7, n.money('700,00 €', '€700.00')),
            inv('FA-2026-00004', 30, n.money('1 200,00 €', '€1,200.00')),
          ],
          totalBalance: total,
          iban: 'FR76 3000 4000 0500 0012 3456 789',
          bic: 'BNPAFRPP',
        }),
        partyName: n.buyer,
        summary: [total, 'FR76 3000 4000 0500 0012 3456 789'],
        userTexts: user(o, n.org, n.contact),
      };
    },
  },
  {
    kind: 'payment confirmation',
    greets: 'party',
    build(o) {
      const n = names(o);
      const amount = n.money('430,00 €', '€430.00');
      const on = n.date('15/01/2027', '15 Jan 2027');
      return {
        email: paymentConfirmationEmail({
          lang: o.lang,
          providerName: n.provider,
          ...contactOf(n.contact),
          organisation: n.org,
          reference: 'AF-CLEMENT-2026-0001',
          amount,
          paidOn: on,
          method: o.lang === 'fr' ? 'virement' : 'transfer',
        }),
        partyName: n.provider,
        summary: [amount, on, 'AF-CLEMENT-2026-0001'],
        userTexts: user(o, n.org, n.contact),
      };
    },
  },
  {
    kind: 'monthly summary',
    greets: 'finance',
    build(o) {
      const n = names(o);
      const outstanding = n.money('44 412,64 €', '€44,412.64');
      return {
        email: monthlySummaryEmail({
          lang: o.lang,
          organisation: n.org,
          period: n.date('novembre 2026', 'November 2026'),
          startedOn: n.date('05/12/2026 08:00', '5 Dec 2026 08:00'),
          finishedOn: n.date('05/12/2026 08:04', '5 Dec 2026 08:04'),
          runs: 1,
          drafts: 0,
          issued: 9,
          documents: 9,
          emailed: 12,
          billingCalls: 2,
          reminders: 0,
          pending: 0,
          problems: 7,
          outstanding,
          overdue: n.money('0,00 €', '€0.00'),
          payablesDue: n.money('18 030,00 €', '€18,030.00'),
          autoSend: true,
        }),
        partyName: n.org,
        summary: ['9', outstanding],
        userTexts: user(o, n.org),
      };
    },
  },
  {
    kind: 'monthly summary of drafts',
    greets: 'finance',
    build(o) {
      const n = names(o);
      return {
        email: monthlySummaryEmail({
          lang: o.lang,
          organisation: n.org,
          period: n.date('novembre 2026', 'November 2026'),
          startedOn: '05/12/2026 08:00',
          finishedOn: '06/12/2026 09:10',
          runs: 3,
          drafts: 4,
          issued: 0,
          documents: 0,
          emailed: 0,
          billingCalls: 0,
          reminders: 0,
          pending: 2,
          problems: 0,
          outstanding: n.money('0,00 €', '€0.00'),
          overdue: n.money('0,00 €', '€0.00'),
          payablesDue: n.money('0,00 €', '€0.00'),
          autoSend: false,
        }),
        partyName: n.org,
        summary: ['4'],
        userTexts: user(o, n.org),
      };
    },
  },
  {
    kind: 'authorization needed',
    greets: 'finance',
    build(o) {
      const n = names(o);
      const url = o.hostile
        ? `https://script.google.com/macros/auth?x="><script>alert(1)</script>`
        : 'https://script.google.com/macros/d/abc/authorize?scope=x&y=1';
      return {
        email: authorizationEmail({ lang: o.lang, organisation: n.org, url }),
        partyName: n.org,
        summary: [o.lang === 'fr' ? 'Autoriser Facturier…' : 'Authorize Facturier…'],
        userTexts: user(o, n.org, url),
      };
    },
  },
  {
    kind: 'authorization needed, no link',
    greets: 'finance',
    build(o) {
      const n = names(o);
      return {
        email: authorizationEmail({ lang: o.lang, organisation: n.org, url: null }),
        partyName: n.org,
        summary: [o.lang === 'fr' ? 'Autoriser Facturier…' : 'Authorize Facturier…'],
        userTexts: user(o, n.org),
      };
    },
  },
];

export const LANGS: readonly Language[] = ['fr', 'en'];

/** Every case × language × ordinary or hostile × with or without a contact. */
export function allEmails(): { name: string; c: EmailCase; o: CaseOptions; built: Built }[] {
  return EMAIL_CASES.flatMap((c) =>
    LANGS.flatMap((lang) =>
      [false, true].flatMap((hostile) =>
        [false, true].map((contact) => {
          const o = { lang, hostile, contact };
          return {
            name: `${c.kind} (${lang}${hostile ? ', hostile text' : ''}${contact ? ', contact' : ''})`,
            c,
            o,
            built: c.build(o),
          };
        }),
      ),
    ),
  );
}
