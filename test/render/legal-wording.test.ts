/**
 * The legal wording a document prints, for every VAT case a line can be in and both languages:
 * franchise en base is not an exemption (CGI art. 293 B: "TVA non applicable"), exempt training
 * is (art. 261-4-4° a), a taxed line shows its rate.
 */
import { invoiceDocumentModel } from '../../src/render/invoice-document';
import { invoiceTotals } from '../../src/domain/totals';
import type { LineVat } from '../../src/domain/vat';
import type { Language } from '../../src/domain/language';
import { sampleInvoice } from '../domain/fixtures';

const CASES: [string, LineVat, Record<Language, string>][] = [
  [
    'franchise en base',
    { category: 'E', ratePercent: '0', exemption: 'franchise' },
    { fr: 'Non applicable', en: 'Not applicable' },
  ],
  [
    'exempt training',
    { category: 'E', ratePercent: '0', exemption: 'formation' },
    { fr: 'Exonéré', en: 'Exempt' },
  ],
  ['standard rate', { category: 'S', ratePercent: '20' }, { fr: '20 %', en: '20%' }],
];

describe.each(['fr', 'en'] as Language[])('the VAT column of a line (%s)', (lang) => {
  it.each(CASES)('%s', (_label, vat, expected) => {
    const inv = sampleInvoice({
      language: lang,
      lines: [
        { description: 'Accompagnement', quantity: '1', unit: 'forfait', unitPrice: '100', vat },
      ],
    });
    const model = invoiceDocumentModel(inv, { buyerCode: 'ACME', totals: invoiceTotals(inv) });
    const shown = (model.lines[0]?.vatRate ?? '').replace(/\u202f|\u00a0/g, ' ');
    expect(shown).toBe(expected[lang]);
    // Nowhere on a franchise invoice is the word "exonéré".
    if (vat.exemption === 'franchise') expect(JSON.stringify(model)).not.toMatch(/Exon|Exempt\b/);
  });
});
