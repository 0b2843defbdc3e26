import { invoiceDocumentModel, type RenderedInvoice } from '../../src/render/invoice-document';
import type { TrainingBlock } from '../../src/billing/training-block';
import { calendarDate } from '../../src/domain/dates';
import { placeholdersIn } from '../../src/render/document-model';
import {
  KNOWN_PLACEHOLDERS,
  ROW_KEYS,
  checkTemplate,
  templateCheckOk,
  templateFindings,
} from '../../src/render/template-check';
import {
  REQUIRED_PLACEHOLDERS,
  TEMPLATE_LAYOUT,
  layoutTexts,
} from '../../src/render/template-layout';
import { invoiceTotals } from '../../src/domain/totals';
import { sampleInvoice } from '../domain/fixtures';
import { en, fr } from '../texts/helpers';

const TRAINING: TrainingBlock = {
  sessions: [
    {
      sessionRef: 'FORM-1',
      productRef: 'PRD-1',
      productLabel: 'Excel',
      hours: '7',
      start: calendarDate('2026-11-16'),
      end: calendarDate('2026-11-16'),
      location: 'Lyon',
      trainer: 'Sophie Martin',
      sponsorCode: 'VERDI',
      sponsorName: 'Verdi',
      learners: ['Camille Roux'],
      learnersCount: '1',
      unitLabels: ['jour'],
      totalHT: '420.00',
      billedHT: '420.00',
    },
  ],
  lines: [
    {
      sessionRef: 'FORM-1',
      productRef: 'PRD-1',
      productLabel: 'Excel',
      sponsorCode: 'VERDI',
      sponsorName: 'Verdi',
      learner: 'Camille Roux',
      learnersCount: '1',
      unit: 'day',
      unitLabel: 'jour',
      quantity: '1',
      unitPrice: '420.00',
      discountPercent: '0',
      sponsorTotalHT: '420.00',
      sponsorTotalTTC: '504.00',
      financerShareHT: '0.00',
      financerShareTTC: '0.00',
      billed: 'whole',
    },
  ],
};

function layoutPlaceholders(): string[] {
  return placeholdersIn(layoutTexts(TEMPLATE_LAYOUT).join('\n'));
}

describe('the template check', () => {
  it('knows exactly the placeholders the renderer fills', () => {
    const inv: RenderedInvoice = {
      ...sampleInvoice({ prepaidAmount: '10.00' }),
      training: TRAINING,
    };
    const model = invoiceDocumentModel(inv, {
      buyerCode: 'ACME',
      totals: invoiceTotals(inv),
    });
    const rows = Object.entries(model.rows ?? {});
    for (const [prefix, items] of rows) {
      expect(items.length).toBeGreaterThan(0);
      for (const item of items)
        expect([prefix, Object.keys(item)]).toEqual([prefix, ROW_KEYS[prefix]]);
    }
    const filled = [
      ...Object.keys(model.placeholders),
      ...Object.keys(model.lines[0] ?? {}).map((k) => `line.${k}`),
      ...rows.flatMap(([prefix, items]) =>
        Object.keys(items[0] ?? {}).map((k) => `${prefix}.${k}`),
      ),
    ].sort();
    expect([...KNOWN_PLACEHOLDERS].sort()).toEqual(filled);
  });

  it('finds nothing wrong in the template set-up creates', () => {
    const check = checkTemplate(layoutPlaceholders());
    expect(check).toEqual({ unknown: [], missing: [] });
    expect(templateCheckOk(check)).toBe(true);
    for (const key of REQUIRED_PLACEHOLDERS) expect(layoutPlaceholders()).toContain(key);
  });

  it('reports a removed required placeholder and a misspelt one, each by name', () => {
    const found = layoutPlaceholders()
      .filter((k) => k !== 'payment.iban' && k !== 'vat.amount')
      .concat(['totals.tva']);
    const check = checkTemplate(found);
    expect(check.missing).toEqual(['vat.amount', 'payment.iban']);
    expect(check.unknown).toEqual(['totals.tva']);
    expect(templateCheckOk(check)).toBe(false);
    const findings = templateFindings(check);
    expect(findings.map((f) => f.level)).toEqual(['error', 'warning']);
    expect(fr(findings[0]?.message)).toContain('{{vat.amount}}, {{payment.iban}}');
    expect(en(findings[1]?.message)).toContain('{{totals.tva}}');
  });

  it('has nothing to say about a template that only moved or restyled things', () => {
    expect(templateFindings(checkTemplate([...layoutPlaceholders()].reverse()))).toEqual([]);
  });
});
