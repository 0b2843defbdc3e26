import { invoiceDocumentModel } from '../../src/render/invoice-document';
import { placeholdersIn } from '../../src/render/document-model';
import {
  KNOWN_PLACEHOLDERS,
  checkTemplate,
  templateCheckOk,
  templateFindings,
} from '../../src/render/template-check';
import { REQUIRED_PLACEHOLDERS, TEMPLATE_LAYOUT } from '../../src/render/template-layout';
import { invoiceTotals } from '../../src/domain/totals';
import { sampleInvoice } from '../domain/fixtures';
import { en, fr } from '../texts/helpers';

function layoutPlaceholders(): string[] {
  const texts = [
    ...TEMPLATE_LAYOUT.header.map((p) => p.text),
    ...TEMPLATE_LAYOUT.body.flatMap((b) =>
      b.type === 'paragraph' ? [b.text] : b.rows.flatMap((r) => [...r]),
    ),
    ...TEMPLATE_LAYOUT.footer.map((p) => p.text),
  ];
  return placeholdersIn(texts.join('\n'));
}

describe('the template check', () => {
  it('knows exactly the placeholders the renderer fills', () => {
    const inv = sampleInvoice();
    const model = invoiceDocumentModel(inv, {
      buyerCode: 'ACME',
      totals: invoiceTotals(inv),
    });
    const filled = [
      ...Object.keys(model.placeholders),
      ...Object.keys(model.lines[0] ?? {}).map((k) => `line.${k}`),
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
      .filter((k) => k !== 'payment.iban' && k !== 'totals.vat')
      .concat(['totals.tva']);
    const check = checkTemplate(found);
    expect(check.missing).toEqual(['totals.vat', 'payment.iban']);
    expect(check.unknown).toEqual(['totals.tva']);
    expect(templateCheckOk(check)).toBe(false);
    const findings = templateFindings(check);
    expect(findings.map((f) => f.level)).toEqual(['error', 'warning']);
    expect(fr(findings[0]?.message)).toContain('{{totals.vat}}, {{payment.iban}}');
    expect(en(findings[1]?.message)).toContain('{{totals.tva}}');
  });

  it('has nothing to say about a template that only moved or restyled things', () => {
    expect(templateFindings(checkTemplate([...layoutPlaceholders()].reverse()))).toEqual([]);
  });
});
