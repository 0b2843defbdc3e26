/**
 * An issued invoice → the text of every placeholder of the template and of each line row, in
 * the document's language, with every mandatory mention of SPEC §3.5.
 */
import { t } from '../texts';
import type { Party, InvoiceDocument } from '../domain/invoice';
import { DOCUMENT_TITLES, isCreditNote, paymentReferenceFor } from '../domain/invoice';
import { legalMentions } from '../domain/mentions';
import { formatDate, formatDecimal, formatMoney, formatPercent } from '../domain/format';
import { lineAmounts } from '../domain/line-amounts';
import { Money } from '../domain/money';
import type { Totals } from '../domain/totals';
import type { Language } from '../domain/language';
import type { DocumentModel } from './document-model';
import { MENTOR_PAYMENT_DAYS } from '../billing/payable';
import type { TrainingBlock } from '../billing/training-block';
import { trainingNotes } from './training-notes';

/**
 * An issued invoice as the register keeps it: a training invoice also carries its sessions and
 * its lines' shares, laid out as tables (their text is also in its notes, for the templates of
 * earlier versions and the e-invoice).
 */
export type RenderedInvoice = InvoiceDocument & { readonly training?: TrainingBlock };

/** The template's `label.*` placeholders, each the text of `doc.label.<name>`. */
const LABELS = [
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
  // The deposit invoiced before a balance invoice (BT-113): not a payment received.
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
] as const;

/** The colon after a label: a no-break space before it in French, none in English. */
export function colonOf(lang: Language): string {
  return lang === 'fr' ? '\u00a0:' : ':';
}

/**
 * A text as the document's language sets it. French: a no-break space before `:` (U+00A0) and
 * a narrow one before `;`, `!` and `?` (U+202F) where a space was typed, no-break spaces inside
 * « ». English: no space before them. Only spaces are changed: a line never breaks before
 * such a sign, and `https:` or `10:30` stay as typed.
 */
export function typeset(text: string, lang: Language): string {
  if (lang === 'fr') {
    return text
      .replace(/[ \u00a0\u202f]+:/g, '\u00a0:')
      .replace(/[ \u00a0\u202f]+([;!?])/g, '\u202f$1')
      .replace(/(«) +/g, '$1\u00a0')
      .replace(/ +(»)/g, '\u00a0$1');
  }
  return text.replace(/[ \u00a0\u202f]+([:;!?])(?=[\s\u00a0\u202f]|$)/g, '$1');
}

function typesetAll(values: Record<string, string>, lang: Language): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeset(v, lang);
  return out;
}

/** The `label.*` placeholders of each language, in the order of LABELS. */
const LABEL_PLACEHOLDERS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  fr: Object.fromEntries(LABELS.map((name) => [`label.${name}`, t('fr', `doc.label.${name}`)])),
  en: Object.fromEntries(LABELS.map((name) => [`label.${name}`, t('en', `doc.label.${name}`)])),
};

/**
 * A party's address, identifiers and legal line as printed, kept per party, language and
 * currency: the seller and each client are on many invoices of a run (parties are not changed
 * once built).
 */
const partyTexts = new WeakMap<Party, Map<string, PartyTexts>>();

interface PartyTexts {
  address: string;
  ids: string;
  legal: string;
}

function textsOf(p: Party, lang: Language, currency: string): PartyTexts {
  let byKey = partyTexts.get(p);
  if (byKey === undefined) {
    byKey = new Map();
    partyTexts.set(p, byKey);
  }
  const key = `${lang}|${currency}`;
  let texts = byKey.get(key);
  if (texts === undefined) {
    texts = { address: address(p), ids: ids(p, lang), legal: sellerLegal(p, lang, currency) };
    byKey.set(key, texts);
  }
  return texts;
}

function address(p: Party): string {
  return [...p.addressLines, `${p.postcode} ${p.city}`.trim(), p.country === 'FR' ? '' : p.country]
    .filter((s) => s !== '')
    .join(', ');
}

function ids(p: Party, lang: Language): string {
  const parts: string[] = [];
  if (p.siren) parts.push(`SIREN ${p.siren}`);
  if (p.siret) parts.push(`SIRET ${p.siret}`);
  if (p.vatNumber) parts.push(t(lang, 'doc.vat-number', { number: p.vatNumber }));
  // Code du travail art. L6352-12: the number comes with "this registration is not State
  // approval".
  if (p.nda) parts.push(t(lang, 'doc.nda', { nda: p.nda }));
  return parts.join(' · ');
}

/** A capital typed as a number (`20000`, `20 000 €`) printed as an amount; other text as typed. */
function capitalText(raw: string, lang: Language, currency: string): string {
  const plain = raw.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(plain) ? formatMoney(Money.of(plain), lang, currency) : raw;
}

/** `832 954 317`, as a SIREN is written. */
function sirenText(siren: string): string {
  return /^\d{9}$/.test(siren) ? siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3') : siren;
}

function sellerLegal(p: Party, lang: Language, currency: string): string {
  const capital = p.shareCapital
    ? t(lang, 'doc.share-capital', { amount: capitalText(p.shareCapital, lang, currency) })
    : '';
  // A registered company: "RCS <city> <SIREN>" (Code de commerce art. R123-237); else the SIREN.
  const registry = p.siren
    ? p.rcsCity
      ? `RCS ${p.rcsCity} ${sirenText(p.siren)}`
      : `SIREN ${sirenText(p.siren)}`
    : '';
  return [p.name, [p.legalForm, capital].filter((s) => s).join(' '), registry]
    .filter((s) => s !== '')
    .join(' · ');
}

export interface RenderContext {
  buyerCode: string;
  totals: Totals;
}

export function invoiceDocumentModel(inv: RenderedInvoice, ctx: RenderContext): DocumentModel {
  const lang = inv.language;
  const colon = colonOf(lang);
  const money = (m: Money) => formatMoney(m, lang, inv.currency);
  const { totals } = ctx;
  const number = inv.number ?? '';
  const period = inv.servicePeriod
    ? `${formatDate(inv.servicePeriod.start, lang)} – ${formatDate(inv.servicePeriod.end, lang)}`
    : inv.serviceDate
      ? formatDate(inv.serviceDate, lang)
      : '';
  const vatText = totals.vatBreakdown
    .map((b) =>
      b.category === 'S'
        ? `${t(lang, 'doc.vat-on', { rate: formatPercent(b.ratePercent, lang), base: money(b.taxableAmount) })}${colon} ${money(b.taxAmount)}`
        : t(lang, 'doc.vat-exempt-amount', { amount: money(b.taxAmount) }),
    )
    .join(' ; ');
  const mentions = legalMentions(inv);
  const pick = (keep: (key: string) => boolean) =>
    mentions.filter((m) => keep(m.key)).map((m) => m.text);
  const vatMention = pick((k) => k.startsWith('vat-exemption:') || k === 'nda').join(' · ');
  const references: string[] = pick((k) => k === 'preceding-invoice');
  if (inv.purchaseOrderReference) {
    references.push(t(lang, 'doc.purchase-order', { reference: inv.purchaseOrderReference }));
  }
  const footerMentions = pick(
    (k) =>
      !k.startsWith('vat-exemption:') &&
      k !== 'nda' &&
      k !== 'preceding-invoice' &&
      k !== 'self-billing',
  );
  const paymentRef = paymentReferenceFor(ctx.buyerCode, number);
  // A self-billed invoice is payable 30 days after its provider approves it: no date yet.
  const selfBilled = inv.kind === 'autofacture';
  const dueText = selfBilled
    ? t(lang, 'doc.self-billed-due', { days: MENTOR_PAYMENT_DAYS })
    : inv.dueDate
      ? formatDate(inv.dueDate, lang)
      : '';
  const seller = textsOf(inv.seller, lang, inv.currency);
  const buyer = textsOf(inv.buyer, lang, inv.currency);
  const placeholders: Record<string, string> = {
    'doc.title': DOCUMENT_TITLES[inv.kind][lang].toUpperCase(),
    'doc.subtitle': pick((k) => k === 'self-billing').join(''),
    'invoice.number': number,
    'invoice.issueDate': inv.issueDate ? formatDate(inv.issueDate, lang) : '',
    'invoice.servicePeriod': period,
    'invoice.dueDate': dueText,
    'invoice.references': references.join(' · '),
    'invoice.details': (inv.notes ?? []).join('\n'),
    'invoice.notes': ownNotes(inv).join('\n'),
    colon,
    'seller.name': inv.seller.name,
    'seller.address': seller.address,
    'seller.ids': seller.ids,
    'seller.legal': seller.legal,
    'buyer.name': inv.buyer.name,
    'buyer.address': buyer.address,
    'buyer.ids': buyer.ids,
    'totals.ht': money(totals.taxBasisTotal),
    'totals.vat': vatText || money(totals.taxTotal),
    'totals.ttc': money(totals.grandTotal),
    // No deposit, no line: the row reads empty rather than "0,00 €".
    'totals.prepaid': totals.prepaidAmount.isZero() ? '' : money(totals.prepaidAmount),
    'totals.due': money(totals.duePayableAmount),
    'vat.mention': vatMention,
    'payment.terms': isCreditNote(inv.kind)
      ? t(lang, 'doc.terms.credit-note')
      : selfBilled
        ? t(lang, 'doc.terms.self-billed', { days: MENTOR_PAYMENT_DAYS })
        : t(lang, 'doc.terms.invoice', { date: dueText }),
    'payment.iban': inv.seller.iban ?? '',
    'payment.bic': inv.seller.bic ?? '',
    'payment.reference': paymentRef,
    'legal.mentions': footerMentions.join(' · '),
  };
  Object.assign(placeholders, LABEL_PLACEHOLDERS[lang]);
  // A credit note asks for no payment: where an invoice gives its due date it gives the amount
  // to deduct, and its bank details and payment reference are left out.
  const credit = isCreditNote(inv.kind);
  if (credit) {
    placeholders['label.dueDate'] = t(lang, 'doc.credit.amount-to-deduct');
    placeholders['invoice.dueDate'] = money(totals.grandTotal.abs());
    // Nothing is to be paid: the last total is the credit note's.
    placeholders['label.amountDue'] = t(lang, 'doc.credit.total');
  }
  if (totals.prepaidAmount.isZero()) placeholders['label.prepaid'] = '';
  // A client credit deducted (SPEC §3.5) is counted with the deposits in BT-113: the row says
  // which it holds; the notes name each deposit and credit.
  const credits = Money.sum((inv.appliedCredits ?? []).map((c) => Money.of(c.amount)));
  if (credits.isPositive()) {
    placeholders['label.prepaid'] = totals.prepaidAmount.greaterThan(credits)
      ? t(lang, 'doc.deducted.deposits-and-credits')
      : t(lang, 'doc.deducted.credit');
  }
  const lines = inv.lines.map((line, i) => {
    const vat =
      line.vat.category === 'S'
        ? formatPercent(line.vat.ratePercent, lang)
        : line.vat.exemption === 'franchise'
          ? // Franchise en base is not an exemption: no VAT applies at all (art. 293 B CGI).
            t(lang, 'doc.vat-rate.not-applicable')
          : line.vat.category === 'E'
            ? t(lang, 'doc.vat-rate.exempt')
            : '0 %';
    return {
      description: line.description,
      quantity: formatDecimal(line.quantity, lang),
      unit: line.unit ?? '',
      unitPrice: formatMoney(Money.of(line.unitPrice), lang, inv.currency),
      discount: line.discountPercent ? formatPercent(line.discountPercent, lang) : '',
      vatRate: vat,
      net: money(totals.lineNets[i] ?? lineAmounts(line).net),
    };
  });
  const deductions = totals.prepaidAmount.isZero()
    ? []
    : [{ label: placeholders['label.prepaid'] ?? '', amount: money(totals.prepaidAmount) }];
  return {
    placeholders: { ...typesetAll(placeholders, lang), colon },
    lines: lines.map((l) => typesetAll(l, lang)),
    rows: {
      vat: totals.vatBreakdown.map((b) => typesetAll(vatRow(b, lang, money), lang)),
      deduction: deductions.map((d) => typesetAll(d, lang)),
      session: (inv.training?.sessions ?? []).map((x) =>
        typesetAll(sessionRow(x, lang, inv.currency), lang),
      ),
      share: (inv.training?.lines ?? []).map((x, i) =>
        typesetAll(shareRow(x, i, lang, inv.currency), lang),
      ),
    },
    // `Label : {{value}}` as templates of earlier versions write it, in the document's language.
    literals: [{ text: ' : {{', by: `${colon} {{` }],
    ...(credit ? { drop: ['payment.iban', 'payment.reference'] } : {}),
  };
}

/** The invoice's notes but the training ones, which the session tables show. */
function ownNotes(inv: RenderedInvoice): string[] {
  const notes = inv.notes ?? [];
  if (!inv.training) return [...notes];
  const training = new Set(trainingNotes(inv.training, inv.language, inv.currency));
  return notes.filter((n) => !training.has(n));
}

type VatBreakdown = Totals['vatBreakdown'][number];

function vatRow(
  b: VatBreakdown,
  lang: Language,
  money: (m: Money) => string,
): Record<string, string> {
  const base = money(b.taxableAmount);
  const label =
    b.category === 'S'
      ? t(lang, 'doc.vat-on', { rate: formatPercent(b.ratePercent, lang), base })
      : b.category === 'O' || b.exemption === 'franchise'
        ? t(lang, 'doc.vat-row.not-applicable')
        : b.category === 'AE'
          ? t(lang, 'doc.vat-row.reverse-charge')
          : t(lang, 'doc.vat-row.exempt', { base });
  return { label, amount: money(b.taxAmount) };
}

function sessionRow(
  s: TrainingBlock['sessions'][number],
  lang: Language,
  currency: string,
): Record<string, string> {
  const money = (v: string) => formatMoney(Money.of(v), lang, currency);
  const start = formatDate(s.start, lang);
  const end = formatDate(s.end, lang);
  return {
    reference: s.sessionRef,
    product: s.productRef
      ? t(lang, 'doc.session.product', { label: s.productLabel, ref: s.productRef })
      : s.productLabel,
    sponsor: t(lang, 'doc.session.sponsor', { sponsor: s.sponsorName }),
    dates: start === end ? start : t(lang, 'doc.session.dates', { start, end }),
    hours: t(lang, 'doc.session.duration', {
      hours: `${formatDecimal(s.hours, lang)}\u00a0h`,
      units: s.unitLabels.join(', '),
    }),
    place: s.location,
    trainer: s.trainer,
    learners: `${s.learners.join(', ')} (${formatDecimal(s.learnersCount, lang)})`,
    total: t(lang, 'doc.amount-ht', { amount: money(s.totalHT) }),
    billed:
      s.billedHT !== undefined && s.billedHT !== s.totalHT
        ? t(lang, 'doc.session.billed', { amount: money(s.billedHT) })
        : '',
  };
}

function shareRow(
  l: TrainingBlock['lines'][number],
  i: number,
  lang: Language,
  currency: string,
): Record<string, string> {
  const money = (v: string) => formatMoney(Money.of(v), lang, currency);
  const excl = (v: string) => t(lang, 'doc.amount-ht', { amount: money(v) });
  const incl = (v: string) => t(lang, 'doc.amount-ttc', { amount: money(v) });
  const discount =
    l.discountPercent && l.discountPercent !== '0'
      ? ` \u2212${formatPercent(l.discountPercent, lang)}`
      : '';
  return {
    line: t(lang, 'doc.share.line', { n: i + 1, sponsor: l.sponsorName }),
    learners: formatDecimal(l.learnersCount, lang),
    price: `${formatDecimal(l.quantity, lang)} × ${money(l.unitPrice)}${discount}`,
    sponsorHT: excl(l.sponsorTotalHT),
    sponsorTTC: incl(l.sponsorTotalTTC),
    financerHT: excl(l.financerShareHT),
    financerTTC: incl(l.financerShareTTC),
  };
}
