/**
 * The template check: which placeholders of a (possibly restyled) template the renderer does
 * not know — a typo stays visible on every invoice — and which required ones were removed, so
 * that an invoice would lose a mandatory mention.
 */
import { msg, type Message } from '../texts';
import { ALTERNATIVES, REQUIRED_PLACEHOLDERS } from './template-layout';

/** Placeholders filled once per document. */
export const DOCUMENT_PLACEHOLDERS: readonly string[] = [
  'doc.title',
  'doc.subtitle',
  'invoice.number',
  'invoice.issueDate',
  'invoice.servicePeriod',
  'invoice.dueDate',
  'invoice.references',
  'invoice.details',
  'invoice.notes',
  'seller.name',
  'seller.address',
  'seller.ids',
  'seller.legal',
  'buyer.name',
  'buyer.address',
  'buyer.ids',
  'totals.ht',
  'totals.vat',
  'totals.ttc',
  'totals.prepaid',
  'totals.due',
  'vat.mention',
  'payment.terms',
  'payment.iban',
  'payment.bic',
  'payment.reference',
  'legal.mentions',
  'colon',
];

/** Label placeholders (`label.*`), in the document's language. */
export const LABEL_KEYS: readonly string[] = [
  'seller',
  'buyer',
  'issueDate',
  'servicePeriod',
  'dueDate',
  'description',
  'quantity',
  'unit',
  'unitPrice',
  'discount',
  'vatRate',
  'net',
  'totalHT',
  'vat',
  'totalTTC',
  'prepaid',
  'amountDue',
  'payment',
  'paymentReference',
  'session',
  'dates',
  'place',
  'trainer',
  'learners',
  'sessionTotal',
  'shareLine',
  'learnersCount',
  'sharePrice',
  'sponsorCost',
  'financerShare',
];

/** Placeholders of the line row, cloned once per invoice line. */
export const LINE_KEYS: readonly string[] = [
  'description',
  'quantity',
  'unit',
  'unitPrice',
  'discount',
  'vatRate',
  'net',
];

/** Placeholders of the other repeated rows, by prefix: one row per item (template-layout.ts). */
export const ROW_KEYS: Readonly<Record<string, readonly string[]>> = {
  vat: ['label', 'amount'],
  deduction: ['label', 'amount'],
  session: [
    'reference',
    'product',
    'sponsor',
    'dates',
    'hours',
    'place',
    'trainer',
    'learners',
    'total',
    'billed',
  ],
  share: ['line', 'learners', 'price', 'sponsorHT', 'sponsorTTC', 'financerHT', 'financerTTC'],
};

export const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set([
  ...DOCUMENT_PLACEHOLDERS,
  ...LABEL_KEYS.map((k) => `label.${k}`),
  ...LINE_KEYS.map((k) => `line.${k}`),
  ...Object.entries(ROW_KEYS).flatMap(([prefix, keys]) => keys.map((k) => `${prefix}.${k}`)),
]);

export interface TemplateCheck {
  /** Placeholders the renderer does not know (left as typed on every document). */
  unknown: string[];
  /** Required placeholders absent from the template (a mandatory mention would be lost). */
  missing: string[];
}

export function checkTemplate(found: readonly string[]): TemplateCheck {
  const present = new Set(found);
  return {
    unknown: found.filter((k) => !KNOWN_PLACEHOLDERS.has(k)),
    missing: REQUIRED_PLACEHOLDERS.filter(
      (k) => !present.has(k) && !(ALTERNATIVES[k] ?? []).some((a) => present.has(a)),
    ),
  };
}

export function templateCheckOk(c: TemplateCheck): boolean {
  return c.unknown.length === 0 && c.missing.length === 0;
}

export interface TemplateFinding {
  level: 'error' | 'warning';
  message: Message;
}

/** One sentence per finding, for the Journal and the set-up dialog. */
export function templateFindings(c: TemplateCheck): TemplateFinding[] {
  const list = (keys: readonly string[]) => keys.map((k) => `{{${k}}}`).join(', ');
  const out: TemplateFinding[] = [];
  if (c.missing.length > 0) {
    out.push({
      level: 'error',
      message: msg('template.missing', { list: list(c.missing) }),
    });
  }
  if (c.unknown.length > 0) {
    out.push({
      level: 'warning',
      message: msg('template.unknown', { list: list(c.unknown) }),
    });
  }
  return out;
}
