/**
 * Email bodies: HTML with a plain-text alternative, every inserted value escaped.
 *
 * Every kind is described once (a heading, a summary box, a greeting, blocks, a signature) and
 * laid out twice:
 * - HTML for mail clients: nested tables for structure, 600 px wide, inline styles only (no
 *   `<style>`, no flex or grid, no external resource), no block inside a paragraph;
 * - plain text: the summary aligned in two columns, paragraphs wrapped at 78 characters, tables
 *   aligned in columns (a column too wide is wrapped inside itself).
 *
 * The summary box at the top holds what the reader looks for: the amount, the due date and the
 * payment reference. The greeting names a person only when the caller gives a contact name;
 * without one it is "Bonjour," / "Hello,", never a company name.
 */
import { pieces, t, type ParamsOf, type PlainTextKey, type TextKey } from '../texts';
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

/** Longest line of the plain-text part, where words allow it (a long URL stays whole). */
export const TEXT_WIDTH = 78;

/** The container's width in pixels. */
export const EMAIL_WIDTH = 600;

// ---------------------------------------------------------------------------------------------
// The pieces of an email

/** A run of a paragraph: plain text, text in bold, or text kept on one line. */
type Seg = string | { readonly strong: string } | { readonly whole: string };

/** One line of the summary box or of a list of figures. */
interface Fact {
  readonly label: string;
  readonly value: string;
  /** A part of the line above ("of which…"), set in under it. */
  readonly sub?: boolean;
}

type Block =
  | { readonly kind: 'p'; readonly segs: readonly Seg[] }
  /** A paragraph set apart (a warning: penalties). */
  | { readonly kind: 'note'; readonly segs: readonly Seg[] }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Columns aligned right (amounts). */
      readonly right: readonly number[];
      /** Columns never wrapped in the plain text (amounts always are). */
      readonly whole?: readonly number[];
    }
  | { readonly kind: 'list'; readonly title: string; readonly items: readonly string[] }
  /** Figures, label and value, one a line. */
  | { readonly kind: 'facts'; readonly facts: readonly Fact[] }
  | { readonly kind: 'button'; readonly label: string; readonly href: string };

interface Email {
  readonly lang: Language;
  readonly subject: string;
  /** The sender, in the band at the top. */
  readonly from: string;
  readonly heading: string;
  /** The summary box: the first line is the main figure. Empty: no box. */
  readonly summary: readonly Fact[];
  readonly greeting: string;
  readonly blocks: readonly Block[];
  /** "Cordialement," and the name under it. */
  readonly signature: readonly string[];
  /** A small line under the email. */
  readonly footer: string;
}

const p = (...segs: Seg[]): Block => ({ kind: 'p', segs });
const b = (strong: string): Seg => ({ strong });
/** An IBAN or a reference: never split across lines. */
const whole = (text: string): Seg => ({ whole: text });

/** A text of the catalogue as a paragraph's runs: each value given stays a run of its own. */
function segs<K extends TextKey>(
  lang: Language,
  key: K,
  values: { readonly [P in ParamsOf<K>]: Seg },
): Seg[] {
  return pieces<K, Seg>(lang, key, values);
}

/** "Bonjour Camille Roux," with a contact name; "Bonjour," / "Hello," without one. */
export function greeting(lang: Language, contactName?: string): string {
  const name = (contactName ?? '').trim();
  return name ? t(lang, 'email.greeting-name', { name }) : t(lang, 'email.greeting');
}

function signOff(lang: Language, name: string): string[] {
  return [t(lang, 'email.sign-off'), name];
}

function replyFooter(lang: Language, about: PlainTextKey): string {
  return t(lang, 'email.reply-footer', { about: t(lang, about) });
}

/** Only web links become links; anything else is shown as text. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url);
}

// ---------------------------------------------------------------------------------------------
// HTML

const FONT = 'font-family:Arial,Helvetica,sans-serif';
const INK = '#1f2933';
const BRAND = '#1f3a5f';
const MUTED = '#52606d';
const RULE = '#d9e2ec';
const TINT = '#f0f4f8';
const PAGE = '#f4f6f8';
const TEXT_STYLE = `${FONT};font-size:14px;line-height:22px;color:${INK}`;
/** Layout tables: no spacing of their own, read as layout by screen readers. */
const LAYOUT = 'role="presentation"';
const COLLAPSE = 'border-collapse:collapse;border-spacing:0';

function segsHtml(segs: readonly Seg[]): string {
  const e = escapeHtml;
  return segs
    .map((s) => {
      if (typeof s === 'string') return e(s);
      if ('strong' in s) return `<strong>${e(s.strong)}</strong>`;
      return `<span style="white-space:nowrap">${e(s.whole)}</span>`;
    })
    .join('');
}

/** A row of the container: one cell, padded, holding one block. */
function row(inner: string, padding = '0 32px 16px'): string {
  return `<tr><td style="padding:${padding};${TEXT_STYLE}">${inner}</td></tr>`;
}

function factsHtml(facts: readonly Fact[], boxed: boolean): string {
  const e = escapeHtml;
  const rows = facts
    .map((f, i) => {
      const main = boxed && i === 0;
      const pad = boxed ? (i === 0 ? '14px 16px 6px' : '4px 16px') : '5px 0';
      const last = boxed && i === facts.length - 1 ? ';padding-bottom:14px' : '';
      const border = boxed ? '' : `;border-bottom:1px solid ${RULE}`;
      const indent = f.sub ? ';padding-left:18px' : '';
      return (
        `<tr><td style="padding:${pad}${last}${border}${indent};${FONT};font-size:13px;line-height:20px;color:${MUTED}">${e(f.label)}</td>` +
        `<td style="padding:${pad}${last}${border};${FONT};font-size:${main ? '20px' : '14px'};line-height:${main ? '26px' : '20px'};font-weight:bold;color:${INK};text-align:right">${e(f.value)}</td></tr>`
      );
    })
    .join('');
  const box = boxed ? `;background-color:${TINT};border-left:4px solid ${BRAND}` : '';
  return `<table ${LAYOUT} style="${COLLAPSE};width:100%${box}"><tbody>${rows}</tbody></table>`;
}

function tableHtml(block: Extract<Block, { kind: 'table' }>): string {
  const e = escapeHtml;
  const align = (k: number) => (block.right.includes(k) ? 'right' : 'left');
  const kept = (k: number) => block.right.includes(k) || (block.whole ?? []).includes(k);
  const cell = `${FONT};font-size:13px;line-height:18px`;
  const head = block.head
    .map(
      (h, k) =>
        `<th scope="col" style="padding:7px 8px;${cell};font-weight:bold;color:${MUTED};background-color:${TINT};border-bottom:1px solid ${RULE};text-align:${align(k)}">${e(h)}</th>`,
    )
    .join('');
  const body = block.rows
    .map(
      (r) =>
        `<tr>${r
          .map(
            (c, k) =>
              `<td style="padding:7px 8px;${cell};color:${INK};border-bottom:1px solid ${RULE};text-align:${align(k)}${kept(k) ? ';white-space:nowrap' : ''}">${e(c)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return `<table style="${COLLAPSE};width:100%;border:1px solid ${RULE}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function blockHtml(block: Block, lang: Language): string {
  const e = escapeHtml;
  switch (block.kind) {
    case 'p':
      return row(`<p style="margin:0">${segsHtml(block.segs)}</p>`);
    case 'note':
      return row(
        `<table ${LAYOUT} style="${COLLAPSE};width:100%"><tbody><tr><td style="padding:10px 14px;background-color:#fff8e6;border-left:4px solid #b06000;${TEXT_STYLE}"><p style="margin:0">${segsHtml(block.segs)}</p></td></tr></tbody></table>`,
      );
    case 'table':
      return row(tableHtml(block), '0 32px 18px');
    case 'list':
      return row(
        `<p style="margin:0 0 6px">${e(block.title)}</p><ul style="margin:0;padding:0 0 0 22px">${block.items
          .map((i) => `<li style="margin:0 0 3px">${e(i)}</li>`)
          .join('')}</ul>`,
      );
    case 'facts':
      return row(factsHtml(block.facts, false), '0 32px 18px');
    case 'button':
      if (!isWebUrl(block.href))
        return row(
          `<p style="margin:0">${e(t(lang, 'email.link', { label: block.label }))} ${e(block.href)}</p>`,
        );
      return row(
        `<table ${LAYOUT} style="${COLLAPSE}"><tbody><tr><td style="background-color:${BRAND};border-radius:4px"><a href="${e(block.href)}" style="display:inline-block;padding:10px 20px;${FONT};font-size:14px;line-height:20px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:4px">${e(block.label)}</a></td></tr></tbody></table>`,
        '4px 32px 20px',
      );
  }
}

function html(m: Email): string {
  const e = escapeHtml;
  const rows = [
    `<tr><td style="padding:18px 32px;background-color:${BRAND};${FONT};font-size:16px;line-height:22px;font-weight:bold;color:#ffffff">${e(m.from)}</td></tr>`,
    row(
      `<h1 style="margin:0;${FONT};font-size:20px;line-height:28px;font-weight:bold;color:${BRAND}">${e(m.heading)}</h1>`,
      '26px 32px 14px',
    ),
    ...(m.summary.length > 0 ? [row(factsHtml(m.summary, true), '0 32px 22px')] : []),
    row(`<p style="margin:0">${e(m.greeting)}</p>`),
    ...m.blocks.map((block) => blockHtml(block, m.lang)),
    row(`<p style="margin:0">${m.signature.map(e).join('<br>')}</p>`, '4px 32px 26px'),
    `<tr><td style="padding:14px 32px;border-top:1px solid ${RULE};${FONT};font-size:12px;line-height:18px;color:${MUTED}">${e(m.footer)}</td></tr>`,
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${m.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(m.subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background-color:${PAGE}">`,
    `<table ${LAYOUT} style="${COLLAPSE};width:100%;background-color:${PAGE}"><tbody><tr><td style="padding:24px 8px">`,
    // width and align: Outlook's Word engine reads the attributes, other clients the style.
    `<table ${LAYOUT} width="${EMAIL_WIDTH}" align="center" style="${COLLAPSE};width:100%;max-width:${EMAIL_WIDTH}px;margin:0 auto;background-color:#ffffff;border:1px solid ${RULE}"><tbody>`,
    ...rows,
    '</tbody></table>',
    '</td></tr></tbody></table>',
    '</body>',
    '</html>',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Plain text

const chars = (s: string): number => [...s].length;
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - chars(s)));
const padLeft = (s: string, n: number): string => ' '.repeat(Math.max(0, n - chars(s))) + s;

/**
 * The words of a line, split on plain spaces; French punctuation after a space (`:` `;` `!` `?`
 * `»`) stays with the word before it, and `«` with the word after it, so no line starts or ends
 * with one of them alone.
 */
function words(line: string): string[] {
  const out: string[] = [];
  let open = false;
  for (const w of line.split(' ').filter((x) => x !== '')) {
    const last = out.length - 1;
    if (open && last >= 0) out[last] = `${out[last] ?? ''} ${w}`;
    else if (/^[:;!?»]+[.,]?$/.test(w) && last >= 0) out[last] = `${out[last] ?? ''} ${w}`;
    else out.push(w);
    open = w === '«';
  }
  return out;
}

/**
 * Words of `text` (split on plain spaces only: a no-break space keeps an amount whole) in lines
 * of at most `width` characters; the first line starts with `first`, the others with `indent`.
 */
export function wrapText(text: string, width = TEXT_WIDTH, indent = '', first = indent): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = first;
    let empty = true;
    for (const word of words(para)) {
      if (!empty && chars(line) + 1 + chars(word) > width) {
        lines.push(line);
        line = indent + word;
      } else {
        line = empty ? line + word : `${line} ${word}`;
      }
      empty = false;
    }
    lines.push(line);
    first = indent;
  }
  return lines;
}

/** Stands for a space that must not break a line (in bold or kept text), until the lines are made. */
const GLUE = '\u{e000}';

function segsText(segs: readonly Seg[]): string {
  return segs
    .map((s) =>
      typeof s === 'string'
        ? s.replaceAll(GLUE, ' ')
        : ('strong' in s ? s.strong : s.whole).replaceAll(GLUE, ' ').replaceAll(' ', GLUE),
    )
    .join('');
}

/** A paragraph's lines: wrapped, then its kept spaces made plain spaces again. */
function paragraphText(segs: readonly Seg[], indent = '', first = indent): string {
  return wrapText(segsText(segs), TEXT_WIDTH, indent, first)
    .map((l) => l.replaceAll(GLUE, ' '))
    .join('\n');
}

/** Label and value columns, the values lined up; a long value wraps under itself. */
function factsText(facts: readonly Fact[], indent: string): string {
  const label = (f: Fact): string => (f.sub ? `  ${f.label}` : f.label);
  const w = Math.max(...facts.map((f) => chars(label(f)))) + 3;
  return facts
    .flatMap((f) =>
      wrapText(f.value, TEXT_WIDTH, indent + ' '.repeat(w), indent + pad(label(f), w)).map((l) =>
        l.trimEnd(),
      ),
    )
    .join('\n');
}

/** Words of a cell in lines of `width` (a word longer than that keeps its own line). */
function cellLines(s: string, width: number): string[] {
  return wrapText(s, width).map((l) => l.trimEnd());
}

const longestWord = (s: string): number => Math.max(0, ...s.split(' ').map((w) => chars(w.trim())));

/**
 * A table in aligned columns, under a header and a rule. When the columns are too wide for the
 * line, the widest text columns wrap inside themselves; amounts are never cut.
 */
function tableText(block: Extract<Block, { kind: 'table' }>): string {
  const gap = 2;
  const cols = block.head.length;
  const all = [block.head, ...block.rows];
  const right = (k: number) => block.right.includes(k);
  const kept = (k: number) => right(k) || (block.whole ?? []).includes(k);
  const widths = Array.from({ length: cols }, (_, k) =>
    Math.max(...all.map((r) => chars(r[k] ?? ''))),
  );
  const cellsWidth = (k: number) => Math.max(0, ...block.rows.map((r) => chars(r[k] ?? '')));
  const mins = Array.from({ length: cols }, (_, k) =>
    Math.max(
      longestWord(block.head[k] ?? ''),
      ...block.rows.map((r) => (kept(k) ? chars(r[k] ?? '') : longestWord(r[k] ?? ''))),
    ),
  );
  const total = () => widths.reduce((n, w) => n + w, 0) + gap * (cols - 1);
  // The text of the widest columns wraps first, then the headers, then the text again.
  const shrink = (floor: (k: number) => number): void => {
    while (total() > TEXT_WIDTH) {
      let k = -1;
      for (let i = 0; i < cols; i++) {
        const slack = (widths[i] ?? 0) - floor(i);
        if (slack > 0 && (k < 0 || slack > (widths[k] ?? 0) - floor(k))) k = i;
      }
      if (k < 0) return;
      widths[k] = (widths[k] ?? 0) - 1;
    }
  };
  shrink((k) => Math.max(mins[k] ?? 0, chars(block.head[k] ?? '')));
  shrink((k) => Math.max(mins[k] ?? 0, cellsWidth(k)));
  shrink((k) => mins[k] ?? 0);
  if (total() > TEXT_WIDTH) return recordsText(block);
  const line = (r: readonly string[]): string[] => {
    const cells = r.map((c, k) => cellLines(c, widths[k] ?? 0));
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, i) =>
      cells
        .map((c, k) => {
          const s = c[i] ?? '';
          return right(k) ? padLeft(s, widths[k] ?? 0) : pad(s, widths[k] ?? 0);
        })
        .join(' '.repeat(gap))
        .trimEnd(),
    );
  };
  const rule = widths.map((w) => '-'.repeat(w)).join(' '.repeat(gap));
  return [...line(block.head), rule, ...block.rows.flatMap(line)].join('\n');
}

/**
 * A table too wide even wrapped (long words): each row on its own, its first cell as a heading
 * and the others as label and value lines.
 */
function recordsText(block: Extract<Block, { kind: 'table' }>): string {
  return block.rows
    .map((r) =>
      [
        ...wrapText(r[0] ?? ''),
        factsText(
          block.head.slice(1).map((label, k) => ({ label, value: r[k + 1] ?? '' })),
          '  ',
        ),
      ].join('\n'),
    )
    .join('\n');
}

function blockText(block: Block, lang: Language): string {
  switch (block.kind) {
    case 'p':
      return paragraphText(block.segs);
    case 'note':
      return paragraphText(block.segs, '  ', '! ');
    case 'table':
      return tableText(block);
    case 'list':
      return [
        ...wrapText(block.title),
        ...block.items.flatMap((i) => wrapText(i, TEXT_WIDTH, '  ', '- ')),
      ].join('\n');
    case 'facts':
      return factsText(block.facts, '');
    case 'button':
      return `${t(lang, 'email.link', { label: block.label })}\n${block.href}`;
  }
}

function text(m: Email): string {
  const heading = wrapText(m.heading).join('\n');
  const parts = [
    `${heading}\n${'='.repeat(Math.min(TEXT_WIDTH, Math.max(...heading.split('\n').map(chars))))}`,
    ...(m.summary.length > 0 ? [factsText(m.summary, '  ')] : []),
    wrapText(m.greeting).join('\n'),
    ...m.blocks.map((block) => blockText(block, m.lang)),
    m.signature.flatMap((l) => wrapText(l)).join('\n'),
    wrapText(m.footer).join('\n'),
  ];
  return `${parts.join('\n\n')}\n`;
}

function render(m: Email): EmailContent {
  return { subject: m.subject, text: text(m), html: html(m) };
}

// ---------------------------------------------------------------------------------------------
// The kinds of email

export interface InvoiceEmailInput {
  lang: Language;
  number: string;
  buyerName: string;
  /** The person at the client the email greets; empty: "Bonjour," / "Hello,". */
  contactName?: string;
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

export function invoiceEmail(i: InvoiceEmailInput): EmailContent {
  if (i.creditOf !== undefined) return creditNoteEmail(i, i.creditOf);
  const { lang } = i;
  const summary: Fact[] = [
    { label: t(lang, 'email.amount-due'), value: i.total },
    ...(i.dueDate ? [{ label: t(lang, 'email.due-date'), value: i.dueDate }] : []),
    ...(i.paymentReference
      ? [{ label: t(lang, 'email.payment-reference'), value: i.paymentReference }]
      : []),
  ];
  const facts = { number: b(i.number), buyer: i.buyerName, total: b(i.total) };
  const blocks: Block[] = [
    p(
      ...(i.dueDate
        ? segs(lang, 'email.invoice.body-due', { ...facts, dueDate: b(i.dueDate) })
        : segs(lang, 'email.invoice.body', facts)),
    ),
    ...(i.paymentReference
      ? [p(...segs(lang, 'email.invoice.quote-reference', { reference: b(i.paymentReference) }))]
      : []),
  ];
  return render({
    lang,
    subject: t(lang, 'email.invoice.subject', { number: i.number, seller: i.sellerName }),
    from: i.sellerName,
    heading: t(lang, 'email.invoice.heading', { number: i.number }),
    summary,
    greeting: greeting(lang, i.contactName),
    blocks,
    signature: signOff(lang, i.sellerName),
    footer: replyFooter(lang, 'email.invoice.about'),
  });
}

function creditNoteEmail(i: InvoiceEmailInput, target: string): EmailContent {
  const { lang } = i;
  const facts = { seller: i.sellerName, number: i.number, total: i.total, invoice: target };
  const body = i.selfBilled
    ? t(lang, 'email.credit-note.self-billed-body', facts)
    : t(lang, 'email.credit-note.body', facts);
  return render({
    lang,
    subject: t(lang, 'email.credit-note.subject', { number: i.number, seller: i.sellerName }),
    from: i.sellerName,
    heading: t(lang, 'email.credit-note.heading', { number: i.number }),
    summary: [
      { label: t(lang, 'email.credit-note.amount'), value: i.total },
      { label: t(lang, 'email.credit-note.invoice'), value: target },
    ],
    greeting: greeting(lang, i.contactName),
    blocks: [p(body)],
    signature: signOff(lang, i.sellerName),
    footer: replyFooter(lang, 'email.credit-note.about'),
  });
}

export interface BillingCallSession {
  date: string;
  student: string;
  type: string;
  level: string;
  rate: string;
  amount: string;
}

function sessionsTable(sessions: readonly BillingCallSession[], lang: Language): Block {
  return {
    kind: 'table',
    head: [
      t(lang, 'email.sessions.date'),
      t(lang, 'email.sessions.student'),
      t(lang, 'email.sessions.type'),
      t(lang, 'email.sessions.level'),
      t(lang, 'email.sessions.rate'),
      t(lang, 'email.sessions.amount'),
    ],
    rows: sessions.map((s) => [s.date, s.student, s.type, s.level, s.rate, s.amount]),
    right: [3, 4, 5],
    whole: [0],
  };
}

export interface SelfBillingEmailInput {
  lang: Language;
  number: string;
  providerName: string;
  /** The person the email greets; empty: "Bonjour," / "Hello,". */
  contactName?: string;
  buyerName: string;
  total: string;
  contestBy: string;
  docUrl: string;
  /** The month's sessions it bills (date, student, type, level, rate), as the billing call lists them. */
  sessions?: readonly BillingCallSession[];
}

/** The self-billing recap: the invoice issued in the provider's name, to approve or contest. */
export function selfBillingEmail(i: SelfBillingEmailInput): EmailContent {
  const { lang } = i;
  const sessions = i.sessions && i.sessions.length > 0 ? i.sessions : null;
  const blocks: Block[] = [
    p(
      ...segs(lang, 'email.self-billing.body', {
        buyer: i.buyerName,
        number: b(i.number),
        total: b(i.total),
      }),
    ),
    { kind: 'button', label: t(lang, 'email.self-billing.review'), href: i.docUrl },
    ...(sessions ? [p(t(lang, 'email.self-billing.sessions')), sessionsTable(sessions, lang)] : []),
    p(...segs(lang, 'email.self-billing.approve', { date: b(i.contestBy) })),
  ];
  return render({
    lang,
    subject: t(lang, 'email.self-billing.subject', { number: i.number, buyer: i.buyerName }),
    from: i.buyerName,
    heading: t(lang, 'email.self-billing.heading', { number: i.number }),
    summary: [
      { label: t(lang, 'email.amount'), value: i.total },
      { label: t(lang, 'email.self-billing.contest-by'), value: i.contestBy },
      {
        label: t(lang, 'email.self-billing.payment'),
        value: t(lang, 'email.self-billing.payment-terms'),
      },
    ],
    greeting: greeting(lang, i.contactName),
    blocks,
    signature: signOff(lang, i.buyerName),
    footer: replyFooter(lang, 'email.self-billing.about'),
  });
}

export interface BillingCallEmailInput {
  lang: Language;
  providerName: string;
  /** The person the email greets; empty: "Bonjour," / "Hello,". */
  contactName?: string;
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

/** What the provider's invoice must show, in the order of the billing call's list. */
const MUST_SHOW: readonly PlainTextKey[] = [
  'email.billing-call.must.name',
  'email.billing-call.must.siret',
  'email.billing-call.must.number',
  'email.billing-call.must.date',
  'email.billing-call.must.bank',
  'email.billing-call.must.sessions',
];

/**
 * The billing call (appel à facturation): every session of the month, the exact amount to
 * invoice, and what the provider's invoice must contain to be paid.
 */
export function billingCallEmail(i: BillingCallEmailInput): EmailContent {
  const { lang } = i;
  const intro = segs(lang, 'email.billing-call.intro', {
    month: i.month,
    total: b(t(lang, 'email.billing-call.total', { amount: i.amountTTC })),
    amountHt: i.amountHT,
    vat: i.vat,
  });
  const address = t(lang, 'email.billing-call.address', {
    organisation: i.organisation,
    address: i.organisationAddress,
    ids: i.organisationIds,
    sendTo: i.sendTo,
  });
  return render({
    lang,
    subject: t(lang, 'email.billing-call.subject', {
      month: i.month,
      organisation: i.organisation,
    }),
    from: i.organisation,
    heading: t(lang, 'email.billing-call.heading', { month: i.month }),
    summary: [
      { label: t(lang, 'email.billing-call.amount-ttc'), value: i.amountTTC },
      { label: t(lang, 'email.billing-call.amount-ht'), value: i.amountHT },
      { label: t(lang, 'email.billing-call.vat'), value: i.vat },
      { label: t(lang, 'email.billing-call.sessions'), value: String(i.sessions.length) },
      { label: t(lang, 'email.billing-call.send-to'), value: i.sendTo },
    ],
    greeting: greeting(lang, i.contactName),
    blocks: [
      p(...intro),
      sessionsTable(i.sessions, lang),
      {
        kind: 'list',
        title: t(lang, 'email.billing-call.must'),
        items: MUST_SHOW.map((key) => t(lang, key)),
      },
      p(address),
    ],
    signature: signOff(lang, i.organisation),
    footer: replyFooter(lang, 'email.billing-call.about'),
  });
}

export interface ReminderEmailInput {
  lang: Language;
  number: string;
  buyerName: string;
  /** The person at the client the email greets; empty: "Bonjour," / "Hello,". */
  contactName?: string;
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

function penaltiesNote(lang: Language, perInvoice: boolean): Block {
  return {
    kind: 'note',
    segs: [t(lang, perInvoice ? 'email.penalties-per-invoice' : 'email.penalties')],
  };
}

function bankFacts(iban: string, bic: string): Fact[] {
  return [
    ...(iban ? [{ label: 'IBAN', value: iban }] : []),
    ...(bic ? [{ label: 'BIC', value: bic }] : []),
  ];
}

/**
 * A payment reminder: a courteous notice before the due date, then reminders once overdue, the
 * last one mentioning the late-payment penalties and the fixed recovery indemnity.
 */
export function reminderEmail(i: ReminderEmailInput): EmailContent {
  const { lang } = i;
  const before = i.step <= 0;
  const dated = { number: i.number, dueDate: i.dueDate, seller: i.sellerName };
  const situation = {
    number: i.number,
    issueDate: i.issueDate,
    total: i.total,
    dueDate: i.dueDate,
    balance: i.balance,
  };
  const how = segs(lang, 'email.reminder.how', {
    iban: whole(i.iban),
    bic: i.bic,
    reference: whole(i.paymentReference),
  });
  return render({
    lang,
    subject: before
      ? t(lang, 'email.reminder.subject-before', dated)
      : t(lang, 'email.reminder.subject-after', dated),
    from: i.sellerName,
    heading: before
      ? t(lang, 'email.reminder.heading-before', { number: i.number })
      : t(lang, 'email.reminder.heading-after', { number: i.number }),
    summary: [
      { label: t(lang, 'email.left-to-pay'), value: i.balance },
      {
        label: before ? t(lang, 'email.due-date') : t(lang, 'email.reminder.was-due'),
        value: i.dueDate,
      },
      { label: t(lang, 'email.payment-reference'), value: i.paymentReference },
      ...bankFacts(i.iban, i.bic),
    ],
    greeting: greeting(lang, i.contactName),
    blocks: [
      p(
        before
          ? t(lang, 'email.reminder.before', situation)
          : t(lang, 'email.reminder.after', situation),
      ),
      p(...how),
      ...(i.step >= 30 ? [penaltiesNote(lang, false)] : []),
    ],
    signature: signOff(lang, i.sellerName),
    footer: replyFooter(lang, 'email.invoice.about'),
  });
}

export interface ReminderDigestInput {
  lang: Language;
  buyerName: string;
  /** The person at the client the email greets; empty: "Bonjour," / "Hello,". */
  contactName?: string;
  sellerName: string;
  /** The client's invoices at a reminder step today, each with its own step. */
  invoices: readonly Omit<
    ReminderEmailInput,
    'lang' | 'buyerName' | 'contactName' | 'sellerName' | 'iban' | 'bic'
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
      ...(i.contactName === undefined ? {} : { contactName: i.contactName }),
      sellerName: i.sellerName,
      iban: i.iban,
      bic: i.bic,
    });
  }
  const { lang } = i;
  const overdue = i.invoices.some((inv) => inv.step > 0);
  const n = i.invoices.length;
  const counted = { count: n, total: i.totalBalance, seller: i.sellerName };
  const how = segs(lang, 'email.digest.how', { iban: whole(i.iban), bic: i.bic });
  const earliest = [...i.invoices].sort((x, y) => x.step - y.step).pop();
  return render({
    lang,
    subject: overdue
      ? t(lang, 'email.digest.subject-after', counted)
      : t(lang, 'email.digest.subject-before', counted),
    from: i.sellerName,
    heading: overdue
      ? t(lang, 'email.digest.heading-after', { count: n })
      : t(lang, 'email.digest.heading-before', { count: n }),
    summary: [
      { label: t(lang, 'email.left-to-pay'), value: i.totalBalance },
      { label: t(lang, 'email.digest.invoices'), value: String(n) },
      ...(earliest ? [{ label: t(lang, 'email.digest.earliest'), value: earliest.dueDate }] : []),
      ...bankFacts(i.iban, i.bic),
    ],
    greeting: greeting(lang, i.contactName),
    blocks: [
      p(
        overdue
          ? t(lang, 'email.digest.after', { total: i.totalBalance })
          : t(lang, 'email.digest.before', { total: i.totalBalance }),
      ),
      {
        kind: 'table',
        head: [
          t(lang, 'email.digest.invoice'),
          t(lang, 'email.digest.due-on'),
          t(lang, 'email.digest.total'),
          t(lang, 'email.left-to-pay'),
          t(lang, 'email.payment-reference'),
        ],
        rows: i.invoices.map((inv) => [
          inv.number,
          inv.dueDate,
          inv.total,
          inv.balance,
          inv.paymentReference,
        ]),
        right: [2, 3],
        whole: [0, 4],
      },
      p(...how),
      ...(i.invoices.some((inv) => inv.step >= 30) ? [penaltiesNote(lang, true)] : []),
    ],
    signature: signOff(lang, i.sellerName),
    footer: replyFooter(lang, 'email.digest.about'),
  });
}

export interface PaymentConfirmationInput {
  lang: Language;
  providerName: string;
  /** The person the email greets; empty: "Bonjour," / "Hello,". */
  contactName?: string;
  organisation: string;
  /** What was paid: the invoice number, or the billing call or payout reference. */
  reference: string;
  amount: string;
  paidOn: string;
  method: string;
}

/** Tells a provider that what we owed them has been paid. */
export function paymentConfirmationEmail(i: PaymentConfirmationInput): EmailContent {
  const { lang } = i;
  const paid = { amount: i.amount, date: i.paidOn, reference: i.reference };
  const body = i.method
    ? t(lang, 'email.paid.body-method', { ...paid, method: i.method })
    : t(lang, 'email.paid.body', paid);
  return render({
    lang,
    subject: t(lang, 'email.paid.subject', {
      reference: i.reference,
      organisation: i.organisation,
    }),
    from: i.organisation,
    heading: t(lang, 'email.paid.heading'),
    summary: [
      { label: t(lang, 'email.paid.amount'), value: i.amount },
      { label: t(lang, 'email.paid.date'), value: i.paidOn },
      { label: t(lang, 'email.paid.for'), value: i.reference },
      ...(i.method ? [{ label: t(lang, 'email.paid.method'), value: i.method }] : []),
    ],
    greeting: greeting(lang, i.contactName),
    blocks: [p(body), p(t(lang, 'email.paid.delay'))],
    signature: signOff(lang, i.organisation),
    footer: replyFooter(lang, 'email.paid.about'),
  });
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
  const { lang } = i;
  const done = i.autoSend
    ? t(lang, 'email.summary.issued-count', { count: i.issued })
    : t(lang, 'email.summary.drafts-count', { count: i.drafts });
  const main: Fact = i.autoSend
    ? { label: t(lang, 'email.summary.issued'), value: String(i.issued) }
    : { label: t(lang, 'email.summary.drafts'), value: String(i.drafts) };
  const facts: Fact[] = [
    main,
    { label: t(lang, 'email.summary.documents'), value: String(i.documents) },
    { label: t(lang, 'email.summary.emailed'), value: String(i.emailed) },
    { sub: true, label: t(lang, 'email.summary.billing-calls'), value: String(i.billingCalls) },
    { sub: true, label: t(lang, 'email.summary.reminders'), value: String(i.reminders) },
    { label: t(lang, 'email.summary.pending'), value: String(i.pending) },
    { label: t(lang, 'email.summary.problems-tab'), value: String(i.problems) },
    { label: t(lang, 'email.summary.outstanding'), value: i.outstanding },
    { sub: true, label: t(lang, 'email.summary.overdue'), value: i.overdue },
    { label: t(lang, 'email.summary.payables'), value: i.payablesDue },
  ];
  const intro = t(lang, 'email.summary.intro', {
    period: i.period,
    start: i.startedOn,
    end: i.finishedOn,
    runs: i.runs,
  });
  const look = i.problems > 0 ? t(lang, 'email.summary.look') : t(lang, 'email.summary.no-problem');
  return render({
    lang,
    subject: t(lang, 'email.summary.subject', {
      period: i.period,
      done,
      organisation: i.organisation,
    }),
    from: i.organisation,
    heading: t(lang, 'email.summary.heading', { period: i.period }),
    summary: [
      main,
      { label: t(lang, 'email.summary.emailed'), value: String(i.emailed) },
      { label: t(lang, 'email.summary.outstanding'), value: i.outstanding },
      { label: t(lang, 'email.summary.problems'), value: String(i.problems) },
    ],
    greeting: greeting(lang),
    blocks: [p(intro), { kind: 'facts', facts }, p(look)],
    signature: [t(lang, 'email.signature', { organisation: i.organisation })],
    footer: t(lang, 'email.summary.footer'),
  });
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
  const { lang } = i;
  const menu = t(lang, 'menu.menuAuthorize');
  return render({
    lang,
    subject: t(lang, 'email.authorization.subject', { organisation: i.organisation }),
    from: i.organisation,
    heading: t(lang, 'email.authorization.heading'),
    summary: [
      {
        label: t(lang, 'email.authorization.run'),
        value: t(lang, 'email.authorization.stopped'),
      },
      { label: t(lang, 'email.authorization.resume'), value: menu },
    ],
    greeting: greeting(lang),
    blocks: [
      p(t(lang, 'email.authorization.why')),
      p(t(lang, 'email.authorization.how', { menu })),
      ...(i.url
        ? [{ kind: 'button' as const, label: t(lang, 'email.authorization.grant'), href: i.url }]
        : []),
    ],
    signature: [t(lang, 'email.signature', { organisation: i.organisation })],
    footer: t(lang, 'email.authorization.footer'),
  });
}
