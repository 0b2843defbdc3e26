/**
 * The invoice template that set-up creates. Every visible text is a placeholder — labels and
 * the colon after a label too (`{{colon}}`: ` :` with a no-break space in French, `:` in
 * English) — so one template serves French and English documents, and users may restyle it
 * freely. A table row holding `{{line.*}}` placeholders is cloned once per invoice line, and so
 * are the rows of `{{vat.*}}` (one per VAT rate), `{{deduction.*}}` (deposits and credits
 * deducted, none or one), `{{session.*}}` (one per training session) and `{{share.*}}` (one per
 * training line: the sponsor's cost and the financer's share); a table left with none of its
 * repeated rows and nothing else to fill is removed.
 *
 * The layout: the seller and the document's title and number side by side; the dates and the
 * buyer; the training sessions; the lines, amounts right-aligned; the totals and the VAT
 * breakdown, kept on the page of the last line; the payment details, kept together; the legal
 * mentions in the footer of every page.
 */
export interface TemplateLayout {
  /** Paragraphs of the header section (none: the body starts at the top of the page). */
  header: readonly TemplateParagraph[];
  body: readonly TemplateBlock[];
  footer: readonly TemplateParagraph[];
}

export interface TemplateParagraph {
  text: string;
  /** Points; 10 when absent. */
  size?: number;
  bold?: boolean;
  /** '#rrggbb'. */
  color?: string;
  align?: 'left' | 'right' | 'center';
  /** Points. */
  spaceBefore?: number;
  spaceAfter?: number;
  /** Docs API ParagraphStyle.keepWithNext: on the same page as the next paragraph. */
  keepWithNext?: boolean;
  /** Docs API ParagraphStyle.keepLinesTogether. */
  keepLinesTogether?: boolean;
}

export interface TemplateCell {
  paragraphs: readonly TemplateParagraph[];
  background?: string;
}

export interface TemplateTable {
  type: 'table';
  rows: readonly (readonly TemplateCell[])[];
  /** Column widths in points (A4 with 2 cm margins leaves about 481 pt). */
  widths: readonly number[];
  /** Points; 0 for no border. */
  borderWidth: number;
  borderColor?: string;
  /** Cell padding, points. */
  padding: number;
  /** The paragraph Docs keeps after every table, which the layout uses as the next block. */
  after: TemplateParagraph;
}

export type TemplateBlock = ({ type: 'paragraph' } & TemplateParagraph) | TemplateTable;

const PRIMARY = '#1f3a5f';
const GREY = '#5f6b7a';
const LIGHT = '#eef2f6';
const RULE = '#c9d1db';

type Options = Omit<TemplateParagraph, 'text'>;

const p = (text: string, options: Options = {}): TemplateParagraph => ({ text, ...options });
const cell = (...paragraphs: TemplateParagraph[]): TemplateCell => ({ paragraphs });
const shaded = (...paragraphs: TemplateParagraph[]): TemplateCell => ({
  paragraphs,
  background: LIGHT,
});
const para = (text: string, options: Options = {}): TemplateBlock => ({
  type: 'paragraph',
  text,
  ...options,
});
/** An empty paragraph after a table: a small gap. */
const gap = (keepWithNext = false): TemplateParagraph =>
  p('', { size: 6, ...(keepWithNext ? { keepWithNext } : {}) });

/** A header cell of a table: small, bold, white on the primary colour. */
const head = (text: string, align: TemplateParagraph['align'] = 'left'): TemplateCell => ({
  paragraphs: [p(text, { size: 8, bold: true, color: '#ffffff', align })],
  background: PRIMARY,
});
const small = (text: string, options: Options = {}): TemplateParagraph =>
  p(text, { size: 8.5, ...options });
const right = (text: string, options: Options = {}): TemplateCell =>
  cell(p(text, { size: 9, align: 'right', ...options }));

/** Totals rows: a blank first column, the label, the amount right-aligned. */
const total = (label: string, amount: string, options: Options = {}): TemplateCell[] => [
  cell(p('', { size: 9, keepWithNext: true })),
  cell(p(label, { size: 9, keepWithNext: true, ...options })),
  right(amount, { keepWithNext: true, ...options }),
];

export const TEMPLATE_LAYOUT: TemplateLayout = {
  header: [],
  body: [
    {
      type: 'table',
      widths: [271, 210],
      borderWidth: 0,
      padding: 2,
      rows: [
        [
          cell(
            p('{{seller.name}}', { size: 13, bold: true, color: PRIMARY }),
            p('{{seller.address}}', { size: 9 }),
            p('{{seller.ids}}', { size: 7.5, color: GREY }),
          ),
          cell(
            p('{{doc.title}}', { size: 15, bold: true, color: PRIMARY, align: 'right' }),
            p('{{invoice.number}}', { size: 11, bold: true, align: 'right' }),
            p('{{doc.subtitle}}', { size: 9, bold: true, align: 'right' }),
          ),
        ],
      ],
      after: gap(),
    },
    {
      type: 'table',
      widths: [236, 245],
      borderWidth: 0,
      padding: 6,
      rows: [
        [
          cell(
            p('{{label.issueDate}}{{colon}} {{invoice.issueDate}}', { size: 9 }),
            p('{{label.servicePeriod}}{{colon}} {{invoice.servicePeriod}}', { size: 9 }),
            p('{{label.dueDate}}{{colon}} {{invoice.dueDate}}', { size: 9, bold: true }),
            p('{{invoice.references}}', { size: 9 }),
          ),
          shaded(
            p('{{label.buyer}}', { size: 7.5, bold: true, color: GREY }),
            p('{{buyer.name}}', { size: 11, bold: true }),
            p('{{buyer.address}}', { size: 9 }),
            p('{{buyer.ids}}', { size: 7.5, color: GREY }),
          ),
        ],
      ],
      after: gap(),
    },
    {
      type: 'table',
      widths: [140, 72, 70, 58, 76, 65],
      borderWidth: 0.5,
      borderColor: RULE,
      padding: 4,
      rows: [
        [
          head('{{label.session}}'),
          head('{{label.dates}}'),
          head('{{label.place}}'),
          head('{{label.trainer}}'),
          head('{{label.learners}}'),
          head('{{label.sessionTotal}}', 'right'),
        ],
        [
          cell(
            small('{{session.reference}}', { bold: true }),
            small('{{session.product}}'),
            small('{{session.sponsor}}', { color: GREY }),
          ),
          cell(small('{{session.dates}}'), small('{{session.hours}}')),
          cell(small('{{session.place}}')),
          cell(small('{{session.trainer}}')),
          cell(small('{{session.learners}}')),
          cell(
            small('{{session.total}}', { align: 'right' }),
            small('{{session.billed}}', { align: 'right', color: GREY }),
          ),
        ],
      ],
      after: gap(),
    },
    {
      type: 'table',
      widths: [145, 58, 92, 93, 93],
      borderWidth: 0.5,
      borderColor: RULE,
      padding: 4,
      rows: [
        [
          head('{{label.shareLine}}'),
          head('{{label.learnersCount}}', 'right'),
          head('{{label.sharePrice}}', 'right'),
          head('{{label.sponsorCost}}', 'right'),
          head('{{label.financerShare}}', 'right'),
        ],
        [
          cell(small('{{share.line}}')),
          cell(small('{{share.learners}}', { align: 'right' })),
          cell(small('{{share.price}}', { align: 'right' })),
          cell(
            small('{{share.sponsorHT}}', { align: 'right' }),
            small('{{share.sponsorTTC}}', { align: 'right', color: GREY }),
          ),
          cell(
            small('{{share.financerHT}}', { align: 'right' }),
            small('{{share.financerTTC}}', { align: 'right', color: GREY }),
          ),
        ],
      ],
      after: p('{{invoice.notes}}', { size: 8.5, spaceBefore: 2, spaceAfter: 4 }),
    },
    {
      type: 'table',
      widths: [188, 66, 62, 46, 52, 67],
      borderWidth: 0.5,
      borderColor: RULE,
      padding: 4,
      rows: [
        [
          head('{{label.description}}'),
          head('{{label.quantity}}', 'right'),
          head('{{label.unitPrice}}', 'right'),
          head('{{label.discount}}', 'right'),
          head('{{label.vatRate}}', 'right'),
          head('{{label.net}}', 'right'),
        ],
        [
          cell(p('{{line.description}}', { size: 9 })),
          right('{{line.quantity}} {{line.unit}}'),
          right('{{line.unitPrice}}'),
          right('{{line.discount}}'),
          right('{{line.vatRate}}'),
          right('{{line.net}}'),
        ],
      ],
      after: gap(true),
    },
    {
      type: 'table',
      widths: [231, 160, 90],
      borderWidth: 0,
      padding: 3,
      rows: [
        total('{{label.totalHT}}', '{{totals.ht}}'),
        total('{{vat.label}}', '{{vat.amount}}'),
        total('{{label.totalTTC}}', '{{totals.ttc}}', { bold: true }),
        total('{{deduction.label}}', '{{deduction.amount}}'),
        [
          cell(p('', { size: 10 })),
          shaded(p('{{label.amountDue}}', { size: 10, bold: true })),
          { ...right('{{totals.due}}', { size: 10, bold: true }), background: LIGHT },
        ],
      ],
      after: p('{{vat.mention}}', { size: 8.5, bold: true, spaceBefore: 6 }),
    },
    para('{{label.payment}}', {
      size: 10,
      bold: true,
      color: PRIMARY,
      spaceBefore: 10,
      spaceAfter: 2,
      keepWithNext: true,
    }),
    para('{{payment.terms}}', { size: 9, keepWithNext: true, keepLinesTogether: true }),
    para('IBAN{{colon}} {{payment.iban}} · BIC{{colon}} {{payment.bic}}', {
      size: 9,
      keepWithNext: true,
    }),
    para('{{label.paymentReference}}{{colon}} {{payment.reference}}', { size: 9 }),
  ],
  footer: [
    p('{{legal.mentions}}', { size: 7, color: GREY, align: 'center' }),
    p('{{seller.legal}}', { size: 7, color: GREY, align: 'center' }),
  ],
};

/**
 * Placeholders every template must keep for an invoice to carry its mandatory mentions. A
 * template of an earlier version writes the VAT as one `{{totals.vat}}`: it stands for
 * `{{vat.amount}}` (ALTERNATIVES).
 */
export const REQUIRED_PLACEHOLDERS: readonly string[] = [
  'seller.name',
  'seller.address',
  'seller.ids',
  'buyer.name',
  'buyer.address',
  'buyer.ids',
  'doc.title',
  'invoice.number',
  'invoice.issueDate',
  'invoice.servicePeriod',
  'invoice.dueDate',
  'line.description',
  'line.quantity',
  'line.unitPrice',
  'line.discount',
  'line.vatRate',
  'line.net',
  'totals.ht',
  'vat.amount',
  'totals.ttc',
  'vat.mention',
  'payment.iban',
  'payment.bic',
  'payment.reference',
  'legal.mentions',
];

/** A required placeholder a template may hold in another form. */
export const ALTERNATIVES: Readonly<Record<string, readonly string[]>> = {
  'vat.amount': ['totals.vat'],
};

/** Every text of a layout, in order: what its placeholders are read from. */
export function layoutTexts(layout: TemplateLayout): string[] {
  return [
    ...layout.header.map((x) => x.text),
    ...layout.body.flatMap((b) =>
      b.type === 'paragraph'
        ? [b.text]
        : [
            ...b.rows.flatMap((r) => r.flatMap((c) => c.paragraphs.map((x) => x.text))),
            b.after.text,
          ],
    ),
    ...layout.footer.map((x) => x.text),
  ];
}
