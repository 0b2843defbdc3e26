/** Sample parties and invoices for the domain tests (identifiers have valid check digits). */
import { calendarDate, type InvoiceDocument, type InvoiceLine, type Party } from '../../src/domain';

export const ORGANISATION: Party = {
  source: { tab: 'settings' },
  kind: 'organisation',
  name: 'Formations du Midi SAS',
  addressLines: ['12 rue des Écoles'],
  postcode: '31000',
  city: 'Toulouse',
  country: 'FR',
  siren: '123456782',
  siret: '12345678200002',
  vatNumber: 'FR11123456782',
  nda: '76310000031',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP',
};

export const CLIENT: Party = {
  source: { tab: 'clients', code: 'ACME' },
  kind: 'organisation',
  name: 'ACME Industries',
  addressLines: ['1 avenue de la Gare'],
  postcode: '69002',
  city: 'Lyon',
  country: 'FR',
  siren: '552100554',
};

export const PERSON: Party = {
  source: { tab: 'clients', code: 'DUPONT' },
  kind: 'individual',
  name: 'Marie Dupont',
  addressLines: ['3 place du Marché'],
  postcode: '33000',
  city: 'Bordeaux',
  country: 'FR',
};

export const PROVIDER: Party = {
  source: { tab: 'providers', code: 'M01' },
  kind: 'organisation',
  name: 'Jean Martin EI',
  addressLines: ['5 chemin Vert'],
  postcode: '13001',
  city: 'Marseille',
  country: 'FR',
  siret: '84200000200001',
  vatRegime: 'franchise',
  iban: 'FR7630001007941234567890185',
  bic: 'BDFEFRPP',
  selfBillingMandateSignedOn: calendarDate('2026-01-10'),
};

export const LINE_20: InvoiceLine = {
  description: 'Conseil',
  quantity: '2',
  unit: 'jour',
  unitPrice: '450',
  vat: { category: 'S', ratePercent: '20' },
};

/** A complete standard-rate invoice that passes every mandatory-mention check. */
export function sampleInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    kind: 'facture',
    number: 'FA-2026-00001',
    issueDate: calendarDate('2026-11-05'),
    language: 'fr',
    currency: 'EUR',
    seller: ORGANISATION,
    buyer: CLIENT,
    servicePeriod: { start: calendarDate('2026-10-01'), end: calendarDate('2026-10-31') },
    dueDate: calendarDate('2026-12-05'),
    lines: [
      LINE_20,
      {
        description: 'Support de cours',
        quantity: '3',
        unit: 'unité',
        unitPrice: '19.99',
        discountPercent: '10',
        vat: { category: 'S', ratePercent: '5.5' },
      },
    ],
    latePenaltyText: 'Pénalités de retard : taux BCE + 10 points',
    paymentReference: 'ACME FA-2026-00001',
    operationCategory: 'services',
    ...overrides,
  };
}

/** A training invoice of an exempt training organisation. */
export function trainingInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return sampleInvoice({
    lines: [
      {
        description: 'Formation Excel avancé – session S-2026-14',
        quantity: '3',
        unit: 'apprenant',
        unitPrice: '1200',
        vat: { category: 'E', ratePercent: '0', exemption: 'formation' },
      },
    ],
    ...overrides,
  });
}

/** A copy of `value` without some of its optional properties. */
export function without<T extends object>(value: T, ...keys: (keyof T)[]): T {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}
