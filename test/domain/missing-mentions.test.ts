import {
  calendarDate,
  formatSource,
  missingMentions,
  type InvoiceDocument,
  type Party,
} from '../../src/domain';
import {
  CLIENT,
  ORGANISATION,
  PERSON,
  PROVIDER,
  sampleInvoice,
  trainingInvoice,
  without,
} from './fixtures';
import { fr, inBoth } from '../texts/helpers';

const d = calendarDate;

/** [field, code, source as printed in French] for each problem. */
function summary(invoice: InvoiceDocument, expectNumber = true): [string, string, string][] {
  return missingMentions(invoice, { expectNumber }).map((p) => [
    p.field,
    p.code.replace('mention.', ''),
    p.source === undefined ? '' : formatSource(p.source, 'fr'),
  ]);
}

const seller = (patch: Partial<Party>, ...remove: (keyof Party)[]): Party =>
  without({ ...ORGANISATION, ...patch }, ...remove);
const buyer = (patch: Partial<Party>, ...remove: (keyof Party)[]): Party =>
  without({ ...CLIENT, ...patch }, ...remove);

describe('missingMentions', () => {
  it('accepts complete invoices', () => {
    expect(summary(sampleInvoice())).toEqual([]);
    expect(summary(trainingInvoice())).toEqual([]);
    expect(summary(sampleInvoice({ buyer: PERSON, latePenaltyText: '' }))).toEqual([]);
  });

  it.each<[string, InvoiceDocument, [string, string, string][]]>([
    [
      'seller SIREN',
      sampleInvoice({ seller: seller({}, 'siren', 'siret') }),
      [['seller.siren', 'missing', 'Paramètres: SIREN']],
    ],
    [
      'seller SIREN with a bad check digit',
      sampleInvoice({ seller: seller({ siren: '123456783' }) }),
      [['seller.siren', 'invalid', 'Paramètres: SIREN']],
    ],
    [
      'seller name',
      sampleInvoice({ seller: seller({ name: ' ' }) }),
      [['seller.name', 'missing', 'Paramètres: nom']],
    ],
    [
      'seller address',
      sampleInvoice({ seller: seller({ addressLines: [], postcode: '', city: '' }) }),
      [
        ['seller.address', 'missing', 'Paramètres: adresse'],
        ['seller.postcode', 'missing', 'Paramètres: code postal'],
        ['seller.city', 'missing', 'Paramètres: ville'],
      ],
    ],
    [
      'seller VAT number on a taxed invoice',
      sampleInvoice({ seller: seller({}, 'vatNumber') }),
      [['seller.vatNumber', 'missing', 'Paramètres: n° TVA']],
    ],
    [
      'seller VAT number with a wrong key',
      sampleInvoice({ seller: seller({ vatNumber: 'FR12123456782' }) }),
      [['seller.vatNumber', 'invalid', 'Paramètres: n° TVA']],
    ],
    [
      'no seller VAT number needed when all is exempt',
      trainingInvoice({ seller: seller({}, 'vatNumber') }),
      [],
    ],
    [
      'NDA of an exempt training invoice',
      trainingInvoice({ seller: seller({}, 'nda') }),
      [['seller.nda', 'missing', 'Paramètres: NDA']],
    ],
    [
      'IBAN and BIC',
      sampleInvoice({ seller: seller({}, 'iban', 'bic') }),
      [
        ['seller.iban', 'missing', 'Paramètres: IBAN'],
        ['seller.bic', 'missing', 'Paramètres: BIC'],
      ],
    ],
    [
      'IBAN with a bad checksum',
      sampleInvoice({ seller: seller({ iban: 'FR7630006000011234567890188' }) }),
      [['seller.iban', 'invalid', 'Paramètres: IBAN']],
    ],
    [
      'buyer address',
      sampleInvoice({ buyer: buyer({ addressLines: [''] }) }),
      [['buyer.address', 'missing', 'Clients: ACME: adresse']],
    ],
    [
      'buyer SIREN of a French business',
      sampleInvoice({ buyer: buyer({}, 'siren') }),
      [['buyer.siren', 'missing', 'Clients: ACME: SIREN/SIRET']],
    ],
    [
      'no SIREN for a foreign buyer',
      sampleInvoice({ buyer: buyer({ country: 'BE' }, 'siren') }),
      [],
    ],
    [
      'country code',
      sampleInvoice({ buyer: buyer({ country: 'France' }) }),
      [['buyer.country', 'invalid', 'Clients: ACME: pays']],
    ],
    [
      'buyer VAT number under reverse charge',
      sampleInvoice({
        buyer: buyer({ country: 'DE' }, 'siren'),
        lines: [
          {
            description: 'Audit',
            quantity: '1',
            unitPrice: '1000',
            vat: { category: 'AE', ratePercent: '0', exemption: 'reverse-charge' },
          },
        ],
      }),
      [['buyer.vatNumber', 'missing', 'Clients: ACME: n° TVA']],
    ],
    [
      'purchase order of the client record',
      sampleInvoice({ buyer: buyer({ purchaseOrderReference: 'PO-7781' }) }),
      [['purchaseOrderReference', 'missing', 'Clients: ACME: bon de commande']],
    ],
    [
      'purchase order given',
      sampleInvoice({
        buyer: buyer({ purchaseOrderReference: 'PO-7781' }),
        purchaseOrderReference: 'PO-7781',
      }),
      [],
    ],
    [
      'late-penalty text for a business',
      sampleInvoice({ latePenaltyText: '' }),
      [['latePenaltyText', 'missing', 'Paramètres: texte pénalités de retard']],
    ],
    ['number', sampleInvoice({ number: '' }), [['number', 'missing', 'Facture: numéro']]],
    [
      'number too long',
      sampleInvoice({
        number: 'FA-2026-0000000000000000000000000001',
        paymentReference: 'ACME FA-2026-0000000000000000000000000001',
      }),
      [['number', 'invalid', 'Facture: FA-2026-0000000000000000000000000001: numéro']],
    ],
    [
      'issue date',
      without(sampleInvoice(), 'issueDate'),
      [['issueDate', 'missing', 'Facture: FA-2026-00001: date d’émission']],
    ],
    [
      'service date or period',
      without(sampleInvoice(), 'servicePeriod'),
      [['serviceDate', 'missing', 'Facture: FA-2026-00001: date ou période de la prestation']],
    ],
    [
      'service date instead of a period',
      { ...without(sampleInvoice(), 'servicePeriod'), serviceDate: d('2026-10-15') },
      [],
    ],
    [
      'service period backwards',
      sampleInvoice({ servicePeriod: { start: d('2026-10-31'), end: d('2026-10-01') } }),
      [['servicePeriod', 'invalid', 'Facture: FA-2026-00001: date ou période de la prestation']],
    ],
    [
      'due date',
      without(sampleInvoice(), 'dueDate'),
      [['dueDate', 'missing', 'Facture: FA-2026-00001: date d’échéance']],
    ],
    [
      'due date past 60 days',
      sampleInvoice({ dueDate: d('2027-01-05') }),
      [['dueDate', 'invalid', 'Facture: FA-2026-00001: date d’échéance']],
    ],
    ['due date at 45 days end of month', sampleInvoice({ dueDate: d('2026-12-31') }), []],
    [
      'periodic invoice due past 45 days',
      sampleInvoice({ periodic: true, dueDate: d('2026-12-21') }),
      [['dueDate', 'invalid', 'Facture: FA-2026-00001: date d’échéance']],
    ],
    [
      'due date before the issue date',
      sampleInvoice({ dueDate: d('2026-11-04') }),
      [['dueDate', 'invalid', 'Facture: FA-2026-00001: date d’échéance']],
    ],
    [
      'no lines',
      sampleInvoice({ lines: [] }),
      [['lines', 'missing', 'Facture: FA-2026-00001: lignes']],
    ],
    [
      'line data, named by its source row',
      sampleInvoice({
        lines: [
          {
            source: { tab: 'extra-lines', rowId: 'R-17' },
            description: '',
            quantity: 'deux',
            unitPrice: '-5',
            discountPercent: '120',
            vat: { category: 'S', ratePercent: '0' },
          },
        ],
      }),
      [
        ['lines[0].description', 'missing', 'Prestations: R-17: description'],
        ['lines[0].quantity', 'invalid', 'Prestations: R-17: quantité'],
        ['lines[0].unitPrice', 'invalid', 'Prestations: R-17: prix unitaire HT'],
        ['lines[0].discountPercent', 'invalid', 'Prestations: R-17: remise\u00a0%'],
        ['lines[0].vat', 'invalid', 'Prestations: R-17: taux TVA'],
      ],
    ],
    [
      'exemption reason of an exempt line',
      sampleInvoice({
        lines: [
          {
            description: 'Formation',
            quantity: '1',
            unitPrice: '100',
            vat: { category: 'E', ratePercent: '0' },
          },
        ],
      }),
      [['lines[0].vat', 'invalid', 'Facture: FA-2026-00001: ligne 1: taux TVA']],
    ],
    [
      'two exemption reasons in one VAT category',
      sampleInvoice({
        lines: [
          {
            description: 'Formation',
            quantity: '1',
            unitPrice: '100',
            vat: { category: 'E', ratePercent: '0', exemption: 'formation' },
          },
          {
            description: 'Autre',
            quantity: '1',
            unitPrice: '100',
            vat: { category: 'E', ratePercent: '0', exemption: 'franchise' },
          },
        ],
      }),
      [['vat.exemption', 'invalid', 'Facture: FA-2026-00001: taux TVA']],
    ],
    [
      'allowance amount in cents and its reason',
      sampleInvoice({
        allowancesCharges: [
          {
            charge: false,
            amount: '10.005',
            reason: '',
            vat: { category: 'S', ratePercent: '20' },
          },
        ],
      }),
      [
        [
          'allowancesCharges[0].amount',
          'invalid',
          'Facture: FA-2026-00001: remise globale 1: montant',
        ],
        [
          'allowancesCharges[0].reason',
          'missing',
          'Facture: FA-2026-00001: remise globale 1: motif',
        ],
      ],
    ],
    [
      'deposit larger than the total',
      sampleInvoice({ prepaidAmount: '5000.00' }),
      [['prepaidAmount', 'invalid', 'Facture: FA-2026-00001: acompte versé']],
    ],
    [
      'currency',
      sampleInvoice({ currency: 'euro' }),
      [['currency', 'invalid', 'Paramètres: devise']],
    ],
    [
      'payment reference',
      without(sampleInvoice(), 'paymentReference'),
      [['paymentReference', 'missing', 'Facture: FA-2026-00001: référence de paiement']],
    ],
    [
      'payment reference without the number',
      sampleInvoice({ paymentReference: 'ACME' }),
      [['paymentReference', 'invalid', 'Facture: FA-2026-00001: référence de paiement']],
    ],
  ])('%s', (_name, invoice, expected) => {
    expect(summary(invoice)).toEqual(expected);
  });

  it('checks everything but the number before it is allocated', () => {
    expect(summary(without(sampleInvoice(), 'number'), false)).toEqual([]);
    expect(summary(without(sampleInvoice(), 'number'), true).map(([f]) => f)).toEqual(['number']);
  });

  describe('self-billed invoices', () => {
    const selfBilled = (patch: Partial<InvoiceDocument> = {}): InvoiceDocument =>
      sampleInvoice({
        kind: 'autofacture',
        number: 'AF-M01-2026-0001',
        paymentReference: 'M01 AF-M01-2026-0001',
        seller: PROVIDER,
        buyer: { ...ORGANISATION, source: { tab: 'settings' } },
        lines: [
          {
            description: 'Mentorat – 4 sessions',
            quantity: '4',
            unitPrice: '30',
            vat: { category: 'E', ratePercent: '0', exemption: 'franchise' },
          },
        ],
        ...patch,
      });

    it('accepts a provider under the franchise with a mandate', () => {
      expect(summary(selfBilled())).toEqual([]);
    });

    it.each<[string, Partial<InvoiceDocument>, [string, string, string][]]>([
      [
        'mandate missing',
        { seller: without(PROVIDER, 'selfBillingMandateSignedOn') },
        [
          [
            'seller.selfBillingMandateSignedOn',
            'missing',
            'Intervenants: M01: mandat d’autofacturation signé le',
          ],
        ],
      ],
      [
        'mandate signed after the invoice',
        { seller: { ...PROVIDER, selfBillingMandateSignedOn: d('2026-11-06') } },
        [
          [
            'seller.selfBillingMandateSignedOn',
            'invalid',
            'Intervenants: M01: mandat d’autofacturation signé le',
          ],
        ],
      ],
      [
        'provider SIRET and IBAN',
        { seller: without(PROVIDER, 'siret', 'iban') },
        [
          ['seller.siren', 'missing', 'Intervenants: M01: SIRET'],
          ['seller.iban', 'missing', 'Intervenants: M01: IBAN'],
        ],
      ],
      [
        'a provider charging VAT needs a VAT number',
        {
          lines: [
            {
              description: 'Mentorat',
              quantity: '4',
              unitPrice: '30',
              vat: { category: 'S', ratePercent: '20' },
            },
          ],
        },
        [['seller.vatNumber', 'missing', 'Intervenants: M01: n° TVA']],
      ],
    ])('%s', (_name, patch, expected) => {
      expect(summary(selfBilled(patch))).toEqual(expected);
    });
  });

  describe('credit notes', () => {
    const credit = (patch: Partial<InvoiceDocument> = {}): InvoiceDocument =>
      without(
        sampleInvoice({
          kind: 'avoir',
          number: 'AV-2026-00001',
          issueDate: d('2026-11-20'),
          lines: [
            {
              description: 'Conseil',
              quantity: '-1',
              unitPrice: '450',
              vat: { category: 'S', ratePercent: '20' },
            },
          ],
          precedingInvoice: { number: 'FA-2026-00001', issueDate: d('2026-11-05') },
          latePenaltyText: '',
          ...patch,
        }),
        'dueDate',
      );

    it('needs no due date, IBAN or penalty text, but the corrected invoice', () => {
      expect(summary(credit({ seller: seller({}, 'iban', 'bic') }))).toEqual([]);
      expect(summary(without(credit(), 'precedingInvoice'))).toEqual([
        ['precedingInvoice', 'missing', 'Facture: AV-2026-00001: facture corrigée'],
      ]);
      expect(
        summary(
          credit({ precedingInvoice: { number: 'FA-2026-00001', issueDate: d('2026-11-21') } }),
        ),
      ).toEqual([
        ['precedingInvoice.issueDate', 'invalid', 'Factures: FA-2026-00001: date d’émission'],
      ]);
    });
  });

  it('writes messages in both languages, naming the field and where to fill it', () => {
    const [problem] = missingMentions(sampleInvoice({ buyer: buyer({ addressLines: [] }) }));
    expect(inBoth(problem?.message)).toEqual({
      fr: 'Mention obligatoire manquante\u00a0: adresse de l’acheteur — à renseigner dans Clients: ACME: adresse',
      en: "Missing mandatory value: buyer's address — to fill in Clients: ACME: address",
    });
    const [invalidIban] = missingMentions(
      sampleInvoice({ seller: seller({ iban: 'FR7630006000011234567890188' }) }),
    );
    expect(fr(invalidIban?.message)).toBe(
      'Mention obligatoire invalide\u00a0: IBAN du vendeur «\u00a0FR76*******************0188\u00a0» — à corriger dans Paramètres: IBAN',
    );
    expect(invalidIban?.value).toBe('FR76*******************0188');
  });

  it('reports every problem at once', () => {
    const empty: Party = {
      source: { tab: 'clients', code: 'X' },
      kind: 'organisation',
      name: '',
      addressLines: [],
      postcode: '',
      city: '',
      country: '',
    };
    const problems = missingMentions(sampleInvoice({ buyer: empty }));
    expect(problems.map((p) => p.field)).toEqual([
      'buyer.name',
      'buyer.address',
      'buyer.postcode',
      'buyer.city',
      'buyer.country',
    ]);
  });
});
