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

/** "Bonjour Camille Roux," with a contact name; "Bonjour," / "Hello," without one. */
export function greeting(lang: Language, contactName?: string): string {
  const name = (contactName ?? '').trim();
  if (lang === 'fr') return name ? `Bonjour ${name},` : 'Bonjour,';
  return name ? `Dear ${name},` : 'Hello,';
}

function signOff(lang: Language, name: string): string[] {
  return [lang === 'fr' ? 'Cordialement,' : 'Kind regards,', name];
}

function replyFooter(lang: Language, about: string): string {
  return lang === 'fr'
    ? `Une question sur ${about} ? Répondez simplement à cet email.`
    : `A question about ${about}? Just reply to this email.`;
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
          `<p style="margin:0">${e(block.label)}${lang === 'fr' ? ' :' : ':'} ${e(block.href)}</p>`,
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
      return `${block.label}${lang === 'fr' ? ' :' : ':'}\n${block.href}`;
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
  const fr = i.lang === 'fr';
  const summary: Fact[] = [
    { label: fr ? 'Montant à régler' : 'Amount due', value: i.total },
    ...(i.dueDate ? [{ label: fr ? 'Échéance' : 'Due date', value: i.dueDate }] : []),
    ...(i.paymentReference
      ? [{ label: fr ? 'Référence de paiement' : 'Payment reference', value: i.paymentReference }]
      : []),
  ];
  const due = i.dueDate
    ? fr
      ? [', à régler au plus tard le ', b(i.dueDate)]
      : [', payable by ', b(i.dueDate)]
    : [];
  const blocks: Block[] = fr
    ? [
        p(
          'Veuillez trouver ci-joint la facture ',
          b(i.number),
          ` adressée à ${i.buyerName}, d'un montant de `,
          b(i.total),
          ...due,
          '.',
        ),
        ...(i.paymentReference
          ? [
              p(
                'Merci de rappeler la référence de paiement ',
                b(i.paymentReference),
                ' dans le libellé de votre virement.',
              ),
            ]
          : []),
      ]
    : [
        p(
          'Please find attached invoice ',
          b(i.number),
          ` addressed to ${i.buyerName}, for `,
          b(i.total),
          ...due,
          '.',
        ),
        ...(i.paymentReference
          ? [
              p(
                'Please quote the payment reference ',
                b(i.paymentReference),
                ' with your transfer.',
              ),
            ]
          : []),
      ];
  return render({
    lang: i.lang,
    subject: `${fr ? 'Facture' : 'Invoice'} ${i.number} — ${i.sellerName}`,
    from: i.sellerName,
    heading: `${fr ? 'Facture' : 'Invoice'} ${i.number}`,
    summary,
    greeting: greeting(i.lang, i.contactName),
    blocks,
    signature: signOff(i.lang, i.sellerName),
    footer: replyFooter(i.lang, fr ? 'cette facture' : 'this invoice'),
  });
}

function creditNoteEmail(i: InvoiceEmailInput, target: string): EmailContent {
  const fr = i.lang === 'fr';
  const body = i.selfBilled
    ? fr
      ? `Dans le cadre de votre mandat d'autofacturation, ${i.sellerName} a émis en votre nom l'avoir ${i.number} d'un montant de ${i.total}, sur la facture ${target}. Il corrige cette facture ; les sessions corrigées sont facturées à nouveau. Il est joint en PDF.`
      : `Under your self-billing mandate, ${i.sellerName} issued credit note ${i.number} in your name, for ${i.total}, against invoice ${target}. It corrects that invoice; the corrected sessions are billed again. It is attached as a PDF.`
    : fr
      ? `Veuillez trouver ci-joint l'avoir ${i.number} d'un montant de ${i.total}, sur notre facture ${target}. Il vient en déduction de ce qui reste à régler sur cette facture.`
      : `Please find attached credit note ${i.number} for ${i.total}, against our invoice ${target}. It reduces what remains to be paid on that invoice.`;
  return render({
    lang: i.lang,
    subject: `${fr ? 'Avoir' : 'Credit note'} ${i.number} — ${i.sellerName}`,
    from: i.sellerName,
    heading: `${fr ? 'Avoir' : 'Credit note'} ${i.number}`,
    summary: [
      { label: fr ? "Montant de l'avoir" : 'Credit note amount', value: i.total },
      { label: fr ? 'Facture concernée' : 'Invoice credited', value: target },
    ],
    greeting: greeting(i.lang, i.contactName),
    blocks: [p(body)],
    signature: signOff(i.lang, i.sellerName),
    footer: replyFooter(i.lang, fr ? 'cet avoir' : 'this credit note'),
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
    head:
      lang === 'fr'
        ? ['Date', 'Étudiant', 'Type', 'Niveau', 'Tarif HT', 'Montant HT']
        : ['Date', 'Student', 'Type', 'Level', 'Rate', 'Amount'],
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
  const fr = i.lang === 'fr';
  const sessions = i.sessions && i.sessions.length > 0 ? i.sessions : null;
  const blocks: Block[] = fr
    ? [
        p(
          `Dans le cadre de votre mandat d'autofacturation, ${i.buyerName} a émis en votre nom la facture `,
          b(i.number),
          " d'un montant de ",
          b(i.total),
          '. Vous la trouverez en PDF ci-joint ; vous pouvez aussi relire et commenter le document en ligne.',
        ),
        { kind: 'button', label: 'Relire et commenter le document', href: i.docUrl },
        ...(sessions ? [p('Les sessions facturées :'), sessionsTable(sessions, i.lang)] : []),
        p(
          "Merci de l'approuver, ou de la contester avant le ",
          b(i.contestBy),
          ', en répondant à cet email. Le paiement intervient 30 jours après approbation.',
        ),
      ]
    : [
        p(
          `Under your self-billing mandate, ${i.buyerName} has issued invoice `,
          b(i.number),
          ' in your name for ',
          b(i.total),
          '. It is attached as PDF; you can also review and comment on the document online.',
        ),
        { kind: 'button', label: 'Review and comment on the document', href: i.docUrl },
        ...(sessions ? [p('The sessions it bills:'), sessionsTable(sessions, i.lang)] : []),
        p(
          'Please approve it, or contest it by ',
          b(i.contestBy),
          ', by replying to this email. Payment is made 30 days after approval.',
        ),
      ];
  return render({
    lang: i.lang,
    subject: fr
      ? `Autofacture ${i.number} à approuver — ${i.buyerName}`
      : `Self-billed invoice ${i.number} to approve — ${i.buyerName}`,
    from: i.buyerName,
    heading: fr
      ? `Autofacture ${i.number} à approuver`
      : `Self-billed invoice ${i.number} to approve`,
    summary: [
      { label: fr ? 'Montant' : 'Amount', value: i.total },
      { label: fr ? 'À contester avant le' : 'Contest by', value: i.contestBy },
      {
        label: fr ? 'Paiement' : 'Payment',
        value: fr ? '30 jours après approbation' : '30 days after approval',
      },
    ],
    greeting: greeting(i.lang, i.contactName),
    blocks,
    signature: signOff(i.lang, i.buyerName),
    footer: replyFooter(i.lang, fr ? 'cette autofacture' : 'this self-billed invoice'),
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

/**
 * The billing call (appel à facturation): every session of the month, the exact amount to
 * invoice, and what the provider's invoice must contain to be paid.
 */
export function billingCallEmail(i: BillingCallEmailInput): EmailContent {
  const fr = i.lang === 'fr';
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
  const intro = fr
    ? [
        `Voici le détail des sessions réalisées en ${i.month}. Merci de nous adresser votre facture de `,
        b(`${i.amountTTC} TTC`),
        ` (${i.amountHT} HT, TVA ${i.vat}).`,
      ]
    : [
        `Here are the sessions you delivered in ${i.month}. Please send us your invoice for `,
        b(`${i.amountTTC} incl. VAT`),
        ` (${i.amountHT} excl. VAT, VAT ${i.vat}).`,
      ];
  const address = fr
    ? `Facture à établir à l'ordre de ${i.organisation}, ${i.organisationAddress} (${i.organisationIds}), et à envoyer à ${i.sendTo}. Le paiement intervient 30 jours après sa réception.`
    : `Invoice to ${i.organisation}, ${i.organisationAddress} (${i.organisationIds}), sent to ${i.sendTo}. Payment is made 30 days after we receive it.`;
  return render({
    lang: i.lang,
    subject: fr
      ? `Appel à facturation ${i.month} — ${i.organisation}`
      : `Billing call ${i.month} — ${i.organisation}`,
    from: i.organisation,
    heading: fr ? `Appel à facturation — ${i.month}` : `Billing call — ${i.month}`,
    summary: [
      {
        label: fr ? 'Montant à facturer (TTC)' : 'Amount to invoice (incl. VAT)',
        value: i.amountTTC,
      },
      { label: fr ? 'Montant HT' : 'Amount excl. VAT', value: i.amountHT },
      { label: fr ? 'TVA' : 'VAT', value: i.vat },
      { label: 'Sessions', value: String(i.sessions.length) },
      { label: fr ? 'Facture à envoyer à' : 'Send the invoice to', value: i.sendTo },
    ],
    greeting: greeting(i.lang, i.contactName),
    blocks: [
      p(...intro),
      sessionsTable(i.sessions, i.lang),
      {
        kind: 'list',
        title: fr
          ? 'Pour être valable, votre facture doit indiquer :'
          : 'To be valid, your invoice must show:',
        items: must,
      },
      p(address),
    ],
    signature: signOff(i.lang, i.organisation),
    footer: replyFooter(i.lang, fr ? 'cet appel à facturation' : 'this billing call'),
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
    segs: [
      lang === 'fr'
        ? `Nous vous rappelons que tout retard de paiement donne lieu à des pénalités de retard et à une indemnité forfaitaire pour frais de recouvrement de 40 €${perInvoice ? ' par facture' : ''} (art. L441-10 du Code de commerce).`
        : `Please note that late payment incurs late-payment penalties and a fixed recovery indemnity of €40${perInvoice ? ' per invoice' : ''} (art. L441-10 of the French Commercial Code).`,
    ],
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
    ? [
        "Merci d'effectuer le virement sur le compte IBAN ",
        whole(i.iban),
        ` (BIC ${i.bic}) en rappelant la référence « `,
        whole(i.paymentReference),
        ' ». Si le règlement est déjà parti, merci de ne pas tenir compte de ce message.',
      ]
    : [
        'Please pay by bank transfer to IBAN ',
        whole(i.iban),
        ` (BIC ${i.bic}), quoting the reference "`,
        whole(i.paymentReference),
        '". If you have already paid, please disregard this message.',
      ];
  return render({
    lang: i.lang,
    subject: `${subject} — ${i.sellerName}`,
    from: i.sellerName,
    heading: fr
      ? `${before ? 'Rappel' : 'Relance'} : facture ${i.number}`
      : `${before ? 'Reminder' : 'Overdue'}: invoice ${i.number}`,
    summary: [
      { label: fr ? 'Reste à payer' : 'Left to pay', value: i.balance },
      {
        label: fr ? (before ? 'Échéance' : 'Échue le') : before ? 'Due date' : 'Was due on',
        value: i.dueDate,
      },
      { label: fr ? 'Référence de paiement' : 'Payment reference', value: i.paymentReference },
      ...bankFacts(i.iban, i.bic),
    ],
    greeting: greeting(i.lang, i.contactName),
    blocks: [p(situation), p(...how), ...(i.step >= 30 ? [penaltiesNote(i.lang, false)] : [])],
    signature: signOff(i.lang, i.sellerName),
    footer: replyFooter(i.lang, fr ? 'cette facture' : 'this invoice'),
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
  const how = fr
    ? [
        "Merci d'effectuer le virement sur le compte IBAN ",
        whole(i.iban),
        ` (BIC ${i.bic}) en rappelant la référence de chaque facture. Si le règlement est déjà parti, merci de ne pas tenir compte de ce message.`,
      ]
    : [
        'Please pay by bank transfer to IBAN ',
        whole(i.iban),
        ` (BIC ${i.bic}), quoting each invoice's reference. If you have already paid, please disregard this message.`,
      ];
  const earliest = [...i.invoices].sort((x, y) => x.step - y.step).pop();
  return render({
    lang: i.lang,
    subject: `${subject} — ${i.sellerName}`,
    from: i.sellerName,
    heading: fr
      ? `${overdue ? 'Relance' : 'Rappel'} : ${n} factures`
      : `${overdue ? 'Overdue' : 'Reminder'}: ${n} invoices`,
    summary: [
      { label: fr ? 'Reste à payer' : 'Left to pay', value: i.totalBalance },
      { label: fr ? 'Factures' : 'Invoices', value: String(n) },
      ...(earliest
        ? [
            {
              label: fr ? 'Première échéance' : 'Earliest due date',
              value: earliest.dueDate,
            },
          ]
        : []),
      ...bankFacts(i.iban, i.bic),
    ],
    greeting: greeting(i.lang, i.contactName),
    blocks: [
      p(situation),
      {
        kind: 'table',
        head: fr
          ? ['Facture', 'Échéance', 'Montant TTC', 'Reste à payer', 'Référence de paiement']
          : ['Invoice', 'Due on', 'Total incl. VAT', 'Left to pay', 'Payment reference'],
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
      ...(i.invoices.some((inv) => inv.step >= 30) ? [penaltiesNote(i.lang, true)] : []),
    ],
    signature: signOff(i.lang, i.sellerName),
    footer: replyFooter(i.lang, fr ? 'ces factures' : 'these invoices'),
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
  const fr = i.lang === 'fr';
  const body = fr
    ? `Nous vous confirmons le paiement de ${i.amount} le ${i.paidOn}${i.method ? ` par ${i.method}` : ''}, au titre de ${i.reference}.`
    : `We confirm the payment of ${i.amount} on ${i.paidOn}${i.method ? ` by ${i.method}` : ''} for ${i.reference}.`;
  const delay = fr
    ? 'Selon votre banque, les fonds peuvent apparaître sur votre compte sous un à trois jours ouvrés.'
    : 'Depending on your bank, the funds may take one to three working days to appear on your account.';
  return render({
    lang: i.lang,
    subject: fr
      ? `Paiement effectué : ${i.reference} — ${i.organisation}`
      : `Payment made: ${i.reference} — ${i.organisation}`,
    from: i.organisation,
    heading: fr ? 'Paiement effectué' : 'Payment made',
    summary: [
      { label: fr ? 'Montant payé' : 'Amount paid', value: i.amount },
      { label: fr ? 'Payé le' : 'Paid on', value: i.paidOn },
      { label: fr ? 'Au titre de' : 'For', value: i.reference },
      ...(i.method ? [{ label: fr ? 'Moyen' : 'Method', value: i.method }] : []),
    ],
    greeting: greeting(i.lang, i.contactName),
    blocks: [p(body), p(delay)],
    signature: signOff(i.lang, i.organisation),
    footer: replyFooter(i.lang, fr ? 'ce paiement' : 'this payment'),
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
  const fr = i.lang === 'fr';
  const done = i.autoSend
    ? fr
      ? `${i.issued} facture(s) émise(s)`
      : `${i.issued} invoice(s) issued`
    : fr
      ? `${i.drafts} brouillon(s) à émettre`
      : `${i.drafts} draft(s) to issue`;
  const main: Fact = i.autoSend
    ? { label: fr ? 'Factures émises' : 'Invoices issued', value: String(i.issued) }
    : {
        label: fr ? 'Brouillons à vérifier et émettre' : 'Drafts to check and issue',
        value: String(i.drafts),
      };
  const facts: Fact[] = fr
    ? [
        main,
        { label: 'Documents créés (Docs + PDF)', value: String(i.documents) },
        { label: 'Emails envoyés', value: String(i.emailed) },
        { sub: true, label: 'dont appels à facturation', value: String(i.billingCalls) },
        { sub: true, label: 'dont relances', value: String(i.reminders) },
        { label: 'En attente (quota)', value: String(i.pending) },
        { label: 'Anomalies (onglet Journal)', value: String(i.problems) },
        { label: 'À encaisser', value: i.outstanding },
        { sub: true, label: 'dont échu', value: i.overdue },
        { label: 'À payer ce mois-ci', value: i.payablesDue },
      ]
    : [
        main,
        { label: 'Documents made (Docs + PDF)', value: String(i.documents) },
        { label: 'Emails sent', value: String(i.emailed) },
        { sub: true, label: 'of which billing calls', value: String(i.billingCalls) },
        { sub: true, label: 'of which reminders', value: String(i.reminders) },
        { label: 'Pending (quota)', value: String(i.pending) },
        { label: 'Problems (Log tab)', value: String(i.problems) },
        { label: 'To collect', value: i.outstanding },
        { sub: true, label: 'of which overdue', value: i.overdue },
        { label: 'To pay this month', value: i.payablesDue },
      ];
  const intro = fr
    ? `La facturation mensuelle de ${i.period} est terminée (commencée le ${i.startedOn}, finie le ${i.finishedOn}, en ${i.runs} exécution(s)).`
    : `The monthly invoicing for ${i.period} is done (started ${i.startedOn}, finished ${i.finishedOn}, in ${i.runs} run(s)).`;
  const look =
    i.problems > 0
      ? fr
        ? "Les anomalies sont détaillées dans l'onglet Journal, avec l'onglet et la cellule à corriger."
        : 'The problems are listed in the Log tab, with the tab and cell to fix.'
      : fr
        ? 'Aucune anomalie.'
        : 'No problem found.';
  return render({
    lang: i.lang,
    subject: fr
      ? `Facturation de ${i.period} : ${done} — ${i.organisation}`
      : `Invoicing for ${i.period}: ${done} — ${i.organisation}`,
    from: i.organisation,
    heading: fr ? `Facturation de ${i.period}` : `Invoicing for ${i.period}`,
    summary: [
      main,
      { label: fr ? 'Emails envoyés' : 'Emails sent', value: String(i.emailed) },
      { label: fr ? 'À encaisser' : 'To collect', value: i.outstanding },
      { label: fr ? 'Anomalies' : 'Problems', value: String(i.problems) },
    ],
    greeting: greeting(i.lang),
    blocks: [p(intro), { kind: 'facts', facts }, p(look)],
    signature: [`Facturier — ${i.organisation}`],
    footer: fr
      ? 'Envoyé par Facturier après chaque facturation mensuelle.'
      : 'Sent by Facturier after each monthly invoicing.',
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
  const fr = i.lang === 'fr';
  const lines = fr
    ? [
        "La nouvelle version de Facturier demande des autorisations que vous n'avez pas encore accordées. Tant qu'elles manquent, l'exécution horaire ne fait rien : aucune facture n'est émise, aucun email n'est envoyé.",
        "Pour la reprendre : ouvrez le classeur, puis Extensions → Facturier → « Autoriser Facturier… », et acceptez les autorisations demandées. L'exécution suivante reprend là où la facturation s'était arrêtée.",
      ]
    : [
        "Facturier's new version asks for authorizations you have not granted yet. Until you do, the hourly run does nothing: no invoice is issued, no email is sent.",
        'To resume: open the workbook, then Extensions → Facturier → "Authorize Facturier…", and accept what it asks. The next run picks up where invoicing stopped.',
      ];
  return render({
    lang: i.lang,
    subject: fr
      ? `Facturier attend votre autorisation — ${i.organisation}`
      : `Facturier needs your authorization — ${i.organisation}`,
    from: i.organisation,
    heading: fr ? 'Facturier attend votre autorisation' : 'Facturier needs your authorization',
    summary: [
      {
        label: fr ? 'Exécution horaire' : 'Hourly run',
        value: fr ? 'arrêtée' : 'stopped',
      },
      {
        label: fr ? 'Pour la reprendre' : 'To resume',
        value: fr ? 'Autoriser Facturier…' : 'Authorize Facturier…',
      },
    ],
    greeting: greeting(i.lang),
    blocks: [
      ...lines.map((l) => p(l)),
      ...(i.url
        ? [
            {
              kind: 'button' as const,
              label: fr ? 'Accorder les autorisations' : 'Grant the authorizations',
              href: i.url,
            },
          ]
        : []),
    ],
    signature: [`Facturier — ${i.organisation}`],
    footer: fr
      ? 'Envoyé par Facturier, au plus une fois par jour tant que les autorisations manquent.'
      : 'Sent by Facturier, at most once a day while authorizations are missing.',
  });
}
