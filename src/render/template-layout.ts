/**
 * The invoice template that set-up creates. Every visible text is a placeholder — labels too —
 * so one template serves French and English documents, and users may restyle it freely.
 * The row holding `{{line.*}}` placeholders is cloned once per invoice line.
 */
export interface TemplateLayout {
  /** Paragraphs of the header section. */
  header: readonly TemplateParagraph[];
  body: readonly TemplateBlock[];
  footer: readonly TemplateParagraph[];
}

export interface TemplateParagraph {
  text: string;
  style?: 'title' | 'heading' | 'small' | 'bold' | 'normal';
  align?: 'left' | 'right' | 'center';
}

export type TemplateBlock =
  | ({ type: 'paragraph' } & TemplateParagraph)
  | {
      type: 'table';
      rows: readonly (readonly string[])[];
      headerRows: number;
      lineRow?: number;
      /** Column widths in points (A4 with 2 cm margins leaves about 481 pt). */
      widths?: readonly number[];
    };

export const TEMPLATE_LAYOUT: TemplateLayout = {
  header: [
    { text: '{{seller.name}}', style: 'bold' },
    { text: '{{seller.address}}', style: 'small' },
    { text: '{{seller.ids}}', style: 'small' },
  ],
  body: [
    { type: 'paragraph', text: '{{doc.title}} {{invoice.number}}', style: 'title' },
    { type: 'paragraph', text: '{{doc.subtitle}}', style: 'bold' },
    {
      type: 'table',
      headerRows: 1,
      rows: [
        ['{{label.seller}}', '{{label.buyer}}'],
        ['{{seller.name}}', '{{buyer.name}}'],
        ['{{seller.address}}', '{{buyer.address}}'],
        ['{{seller.ids}}', '{{buyer.ids}}'],
      ],
    },
    { type: 'paragraph', text: '{{label.issueDate}} : {{invoice.issueDate}}' },
    { type: 'paragraph', text: '{{label.servicePeriod}} : {{invoice.servicePeriod}}' },
    { type: 'paragraph', text: '{{label.dueDate}} : {{invoice.dueDate}}', style: 'bold' },
    { type: 'paragraph', text: '{{invoice.references}}' },
    { type: 'paragraph', text: '{{invoice.details}}', style: 'small' },
    {
      type: 'table',
      headerRows: 1,
      lineRow: 1,
      widths: [163, 35, 50, 60, 54, 52, 67],
      rows: [
        [
          '{{label.description}}',
          '{{label.quantity}}',
          '{{label.unit}}',
          '{{label.unitPrice}}',
          '{{label.discount}}',
          '{{label.vatRate}}',
          '{{label.net}}',
        ],
        [
          '{{line.description}}',
          '{{line.quantity}}',
          '{{line.unit}}',
          '{{line.unitPrice}}',
          '{{line.discount}}',
          '{{line.vatRate}}',
          '{{line.net}}',
        ],
      ],
    },
    {
      type: 'table',
      headerRows: 0,
      rows: [
        ['{{label.totalHT}}', '{{totals.ht}}'],
        ['{{label.vat}}', '{{totals.vat}}'],
        ['{{label.totalTTC}}', '{{totals.ttc}}'],
        ['{{label.prepaid}}', '{{totals.prepaid}}'],
        ['{{label.amountDue}}', '{{totals.due}}'],
      ],
    },
    { type: 'paragraph', text: '{{vat.mention}}', style: 'bold' },
    { type: 'paragraph', text: '{{label.payment}}', style: 'heading' },
    { type: 'paragraph', text: '{{payment.terms}}' },
    { type: 'paragraph', text: 'IBAN : {{payment.iban}} · BIC : {{payment.bic}}' },
    { type: 'paragraph', text: '{{label.paymentReference}} : {{payment.reference}}' },
  ],
  footer: [
    { text: '{{legal.mentions}}', style: 'small' },
    { text: '{{seller.legal}}', style: 'small', align: 'center' },
  ],
};

/** Placeholders every template must keep for an invoice to carry its mandatory mentions. */
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
  'totals.vat',
  'totals.ttc',
  'vat.mention',
  'payment.iban',
  'payment.bic',
  'payment.reference',
  'legal.mentions',
];
