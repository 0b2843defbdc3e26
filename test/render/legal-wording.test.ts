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

describe("the seller's legal block", () => {
  const legal = (lang: Language, seller: Partial<ReturnType<typeof sampleInvoice>['seller']>) => {
    const base = sampleInvoice();
    const inv = sampleInvoice({ language: lang, seller: { ...base.seller, ...seller } });
    const model = invoiceDocumentModel(inv, { buyerCode: 'ACME', totals: invoiceTotals(inv) });
    return {
      legal: (model.placeholders['seller.legal'] ?? '').replace(/\u202f|\u00a0/g, ' '),
      ids: model.placeholders['seller.ids'] ?? '',
    };
  };

  it.each([
    ['20000', 'fr', 'au capital de 20 000,00 €'],
    ['20 000 €', 'fr', 'au capital de 20 000,00 €'],
    ['20000', 'en', 'with a share capital of €20,000.00'],
    ['1 500,50', 'fr', 'au capital de 1 500,50 €'],
    ['variable', 'fr', 'au capital de variable'],
  ])('a capital typed %p prints "%s…"', (capital, lang, expected) => {
    expect(legal(lang as Language, { shareCapital: capital }).legal).toContain(expected);
  });

  it('a registered company prints its RCS city with its SIREN; otherwise the SIREN alone', () => {
    expect(legal('fr', { siren: '832954317', rcsCity: 'Lyon' }).legal).toContain(
      'RCS Lyon 832 954 317',
    );
    const unregistered = legal('fr', { siren: '832954317', rcsCity: '' }).legal;
    expect(unregistered).toContain('SIREN 832 954 317');
    expect(unregistered).not.toContain('RCS');
  });

  it.each([
    ['fr', 'NDA 84691745269 (cet enregistrement ne vaut pas agrément de l’État)'],
    [
      'en',
      'Training declaration 84691745269 (this registration does not constitute State approval)',
    ],
  ])('the training declaration number comes with its mention (%s)', (lang, expected) => {
    expect(legal(lang as Language, { nda: '84691745269' }).ids).toContain(expected);
  });
});

describe('what is deducted after the total with VAT (BT-113), named for what it is', () => {
  // The sample invoice: 900,00 + 53,97 HT, 180,00 + 2,97 VAT = 1 136,94 TTC.
  const CREDIT = { invoice: 'FA-2026-00007', creditNotes: ['AV-2026-00001'], amount: '120.00' };
  it.each<[string, Partial<Parameters<typeof sampleInvoice>[0]>, Record<Language, string>, string]>(
    [
      ['nothing', {}, { fr: '', en: '' }, ''],
      [
        'a deposit',
        { prepaidAmount: '300.00' },
        { fr: 'Acompte facturé (TTC)', en: 'Deposit invoiced (incl. VAT)' },
        '300,00',
      ],
      [
        'a client credit',
        { prepaidAmount: '120.00', appliedCredits: [CREDIT] },
        { fr: 'Crédit imputé (TTC)', en: 'Credit applied (incl. VAT)' },
        '120,00',
      ],
      [
        'both',
        { prepaidAmount: '420.00', appliedCredits: [CREDIT] },
        {
          fr: 'Acomptes et crédits déduits (TTC)',
          en: 'Deposits and credits deducted (incl. VAT)',
        },
        '420,00',
      ],
    ],
  )('%s', (_label, patch, label, amount) => {
    for (const lang of ['fr', 'en'] as Language[]) {
      const inv = sampleInvoice({ language: lang, ...patch });
      const model = invoiceDocumentModel(inv, { buyerCode: 'ACME', totals: invoiceTotals(inv) });
      expect(model.placeholders['label.prepaid']).toBe(label[lang]);
      const shown = (model.placeholders['totals.prepaid'] ?? '').replace(/\u202f|\u00a0/g, ' ');
      if (amount === '') expect(shown).toBe('');
      else expect(shown).toContain(lang === 'fr' ? amount : amount.replace(',', '.'));
    }
  });
});
