import {
  DOCUMENT_TITLES,
  INVOICE_TYPE_CODES,
  calendarDate,
  legalMentions,
  paymentReferenceFor,
  seriesKindOf,
  type InvoiceDocument,
} from '../../src/domain';
import { ORGANISATION, PERSON, PROVIDER, sampleInvoice, trainingInvoice } from './fixtures';

const texts = (invoice: InvoiceDocument): [string, string][] =>
  legalMentions(invoice).map((m) => [m.key, m.text]);

describe('legalMentions', () => {
  it('prints the mentions of a French training invoice', () => {
    expect(texts(trainingInvoice())).toEqual([
      ['vat-exemption:formation', 'Exonération de TVA – art. 261-4-4° a du CGI'],
      ['nda', 'Déclaration d’activité enregistrée sous le numéro 76310000031'],
      ['operation-category', 'Catégorie de l’opération\u00a0: Prestation de services'],
      ['no-early-payment-discount', 'Pas d’escompte pour paiement anticipé'],
      ['late-penalty', 'Pénalités de retard : taux BCE + 10 points'],
      [
        'recovery-indemnity',
        'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement\u00a0: 40\u00a0€ (art. L441-10 et D441-5 du Code de commerce)',
      ],
    ]);
  });

  it('prints them in English', () => {
    expect(texts(trainingInvoice({ language: 'en' }))).toEqual([
      [
        'vat-exemption:formation',
        'VAT exemption – art. 261-4-4° a of the French General Tax Code (CGI)',
      ],
      ['nda', 'Training organisation registration number (NDA): 76310000031'],
      ['operation-category', 'Operation category: Supply of services'],
      ['no-early-payment-discount', 'No discount for early payment'],
      ['late-penalty', 'Pénalités de retard : taux BCE + 10 points'],
      [
        'recovery-indemnity',
        'Fixed compensation for recovery costs in case of late payment: €40 (French Commercial Code, art. L441-10 and D441-5)',
      ],
    ]);
  });

  it('prints "Autofacturation" and the franchise text on a self-billed invoice', () => {
    const invoice = sampleInvoice({
      kind: 'autofacture',
      seller: PROVIDER,
      buyer: ORGANISATION,
      lines: [
        {
          description: 'Mentorat',
          quantity: '1',
          unitPrice: '30',
          vat: { category: 'E', ratePercent: '0', exemption: 'franchise' },
        },
      ],
    });
    expect(texts(invoice).slice(0, 2)).toEqual([
      ['self-billing', 'Autofacturation'],
      ['vat-exemption:franchise', 'TVA non applicable, art. 293 B du CGI'],
    ]);
    expect(texts({ ...invoice, language: 'en' })[0]).toEqual([
      'self-billing',
      'Autofacturation (self-billing)',
    ]);
  });

  it('references the corrected invoice on credit and debit notes', () => {
    const ref = { number: 'FA-2026-00001', issueDate: calendarDate('2026-11-05') };
    expect(texts(sampleInvoice({ kind: 'avoir', precedingInvoice: ref }))).toEqual([
      ['preceding-invoice', 'Avoir sur la facture n° FA-2026-00001 du 05/11/2026'],
      ['operation-category', 'Catégorie de l’opération\u00a0: Prestation de services'],
    ]);
    expect(
      texts(sampleInvoice({ kind: 'note-de-debit', precedingInvoice: ref, language: 'en' }))[0],
    ).toEqual([
      'preceding-invoice',
      'Debit note supplementing invoice FA-2026-00001 of 5\u00a0Nov\u00a02026',
    ]);
  });

  it('leaves out the B2B indemnity for a private buyer', () => {
    expect(texts(sampleInvoice({ buyer: PERSON })).map(([k]) => k)).not.toContain(
      'recovery-indemnity',
    );
  });
});

describe('document kinds', () => {
  it.each([
    ['facture', '380', 'invoice', 'Facture'],
    ['acompte', '386', 'invoice', 'Facture d’acompte'],
    ['avoir', '381', 'credit-note', 'Avoir'],
    ['note-de-debit', '383', 'invoice', 'Note de débit'],
    ['autofacture', '389', 'self-billing', 'Facture (autofacturation)'],
    ['autofacture-avoir', '261', 'self-billing', 'Avoir (autofacturation)'],
  ] as const)('%s: type code %s, series %s, title %s', (kind, code, series, title) => {
    expect([INVOICE_TYPE_CODES[kind], seriesKindOf(kind), DOCUMENT_TITLES[kind].fr]).toEqual([
      code,
      series,
      title,
    ]);
  });

  it('builds the payment reference from the client code and the number', () => {
    expect(paymentReferenceFor('ACME', 'FA-2026-00042')).toBe('ACME FA-2026-00042');
  });
});
