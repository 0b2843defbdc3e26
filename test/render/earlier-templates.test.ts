/**
 * Templates set up by earlier versions (users' copies, maybe restyled since) are still filled
 * whole: they lack the new placeholders (`{{colon}}`, `{{vat.*}}`, `{{session.*}}`…) and write
 * `Label : {{value}}` with a plain space. The template here is laid out as set-up laid it out
 * before, text for text; the document is made by the same batch as any other, in the in-memory
 * Docs API.
 */
import { applyBatchUpdate, getDocumentJson } from '../../tools/gas-sim/docs-api';
import { createDocumentApp } from '../../tools/gas-sim/drive';
import { containerText, type DocModel } from '../../tools/gas-sim/doc-model';
import { execution, newWorld, type TestContext } from '../gas-sim/sim-context';
import { documentRequests, planTemplate, type ApiDocument } from '../../src/render/doc-requests';
import { invoiceDocumentModel, type RenderedInvoice } from '../../src/render/invoice-document';
import { checkTemplate } from '../../src/render/template-check';
import { placeholdersIn } from '../../src/render/document-model';
import { trainingNotes } from '../../src/render/training-notes';
import type { TrainingBlock } from '../../src/billing/training-block';
import { calendarDate } from '../../src/domain/dates';
import { invoiceTotals } from '../../src/domain/totals';
import { sampleInvoice } from '../domain/fixtures';

/** The body of the template of the versions before, paragraphs and tables in order. */
const EARLIER: readonly (string | string[][])[] = [
  '{{doc.title}} {{invoice.number}}',
  '{{doc.subtitle}}',
  [
    ['{{label.seller}}', '{{label.buyer}}'],
    ['{{seller.name}}', '{{buyer.name}}'],
    ['{{seller.address}}', '{{buyer.address}}'],
    ['{{seller.ids}}', '{{buyer.ids}}'],
  ],
  '{{label.issueDate}} : {{invoice.issueDate}}',
  '{{label.servicePeriod}} : {{invoice.servicePeriod}}',
  '{{label.dueDate}} : {{invoice.dueDate}}',
  '{{invoice.references}}',
  '{{invoice.details}}',
  [
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
  [
    ['{{label.totalHT}}', '{{totals.ht}}'],
    ['{{label.vat}}', '{{totals.vat}}'],
    ['{{label.totalTTC}}', '{{totals.ttc}}'],
    ['{{label.prepaid}}', '{{totals.prepaid}}'],
    ['{{label.amountDue}}', '{{totals.due}}'],
  ],
  '{{vat.mention}}',
  '{{label.payment}}',
  '{{payment.terms}}',
  'IBAN : {{payment.iban}} · BIC : {{payment.bic}}',
  '{{label.paymentReference}} : {{payment.reference}}',
];

const HEADER = ['{{seller.name}}', '{{seller.address}}', '{{seller.ids}}'];
const FOOTER = ['{{legal.mentions}}', '{{seller.legal}}'];

function earlierTemplate(ctx: TestContext): string {
  const doc = createDocumentApp(ctx).create('Modèle de facture Facturier');
  const header = doc.addHeader();
  for (const t of HEADER) header.appendParagraph(t);
  const body = doc.getBody();
  for (const block of EARLIER) {
    if (typeof block === 'string') body.appendParagraph(block);
    else body.appendTable(block);
  }
  const footer = doc.addFooter();
  for (const t of FOOTER) footer.appendParagraph(t);
  doc.saveAndClose();
  return doc.getId();
}

const TRAINING: TrainingBlock = {
  sessions: [
    {
      sessionRef: 'FORM-2611-EXCEL',
      productRef: 'PRD-EXC-02',
      productLabel: 'Excel avancé',
      hours: '21',
      start: calendarDate('2026-11-16'),
      end: calendarDate('2026-11-18'),
      location: 'Lyon',
      trainer: 'Sophie Martin',
      sponsorCode: 'VERDI',
      sponsorName: 'Verdi Paysages EURL',
      learners: ['Camille Roux'],
      learnersCount: '1',
      unitLabels: ['jour'],
      totalHT: '1260.00',
      billedHT: '1260.00',
    },
  ],
  lines: [],
};

function rendered(language: 'fr' | 'en'): { text: string; doc: DocModel } {
  const ctx = execution(newWorld());
  const templateId = earlierTemplate(ctx);
  const base = sampleInvoice({ language });
  const inv: RenderedInvoice = {
    ...base,
    notes: ['Note de la facture', ...trainingNotes(TRAINING, language, 'EUR')],
    training: TRAINING,
  };
  const model = invoiceDocumentModel(inv, { buyerCode: 'ACME', totals: invoiceTotals(inv) });
  const plan = planTemplate(getDocumentJson(ctx, templateId) as ApiDocument);
  applyBatchUpdate(ctx, { requests: documentRequests(plan, model) as never }, templateId);
  const doc = ctx.world.drive.file(templateId)?.doc as DocModel;
  const text = [doc.header, doc.body, doc.footer]
    .map((s) => (s ? containerText(s) : ''))
    .join('\n');
  return { text, doc };
}

describe('a template of an earlier version', () => {
  it('passes the template check: its placeholders are all still known and enough', () => {
    const texts = [
      ...HEADER,
      ...EARLIER.flatMap((b) => (typeof b === 'string' ? [b] : b.flat())),
      ...FOOTER,
    ];
    expect(checkTemplate(placeholdersIn(texts.join('\n')))).toEqual({ unknown: [], missing: [] });
  });

  it('is filled whole in French, its colons given their no-break space', () => {
    const { text } = rendered('fr');
    expect(text).not.toMatch(/\{\{/);
    expect(text).toContain('Date d’émission\u00a0: 05/11/2026');
    expect(text).toContain('IBAN\u00a0: ');
    expect(text).toContain('BIC\u00a0: ');
    expect(text).not.toMatch(/ :/);
    // The VAT as one text, the training session in its notes: the earlier layout has no tables
    // for them.
    expect(text).toMatch(/TVA 20\u00a0% sur [\d\u202f]+,\d\d\u00a0€\u00a0: /);
    expect(text).toContain('Session FORM-2611-EXCEL — Excel avancé');
    expect(text).toContain('Note de la facture');
  });

  it('is filled whole in English, with no space before a colon', () => {
    const { text } = rendered('en');
    expect(text).not.toMatch(/\{\{/);
    expect(text).toContain('Issue date: 5\u00a0Nov\u00a02026');
    expect(text).toContain('IBAN: ');
    expect(text).toContain('Payment reference to quote: ');
    expect(text).not.toMatch(/[\s\u00a0\u202f]:/);
  });
});
