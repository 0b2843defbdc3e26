/**
 * A generated set of issued documents covering what the product issues: every document kind,
 * every VAT case (standard rates, exempt training, franchise en base, mixed rates), a deposit then
 * its balance, a client credit deducted, self-billing, a public buyer, a private person, a
 * business abroad, a line discount, a multi-page number of lines. Each is built the way the
 * product builds them (credit and debit notes through `buildCreditNote` / `buildDebitNote`).
 */
import { buildCreditNote, buildDebitNote } from '../../src/domain/credit-notes';
import { calendarDate } from '../../src/domain/dates';
import type { InvoiceDocument, InvoiceLine } from '../../src/domain/invoice';
import { CLIENT, ORGANISATION, PERSON, PROVIDER, sampleInvoice, without } from '../domain/fixtures';

const S20 = { category: 'S', ratePercent: '20' } as const;
const S10 = { category: 'S', ratePercent: '10' } as const;
const S55 = { category: 'S', ratePercent: '5.5' } as const;
const FORMATION = { category: 'E', ratePercent: '0', exemption: 'formation' } as const;
const FRANCHISE = { category: 'E', ratePercent: '0', exemption: 'franchise' } as const;

const line = (
  description: string,
  quantity: string,
  unitPrice: string,
  vat: InvoiceLine['vat'],
  unit = 'jour',
): InvoiceLine => ({
  description,
  quantity,
  unitPrice,
  unit,
  vat,
});

const issued = (
  doc: InvoiceDocument,
  number: string,
  issueDate = '2026-12-05',
): InvoiceDocument => ({
  ...doc,
  number,
  issueDate: calendarDate(issueDate),
  paymentReference: `ACME ${number}`,
});

export function generatedSet(): { name: string; doc: InvoiceDocument }[] {
  const standard = sampleInvoice({ number: 'FA-2026-00101' });
  const mixed = sampleInvoice({
    number: 'FA-2026-00102',
    lines: [
      line('Conseil en organisation', '2.5', '650', S20),
      line('Restauration des stagiaires', '12', '18.5', S10, 'repas'),
      line('Ouvrages pédagogiques', '3', '24.9', S55, 'livre'),
      { ...line('Atelier', '1', '1200', S20, 'forfait'), discountPercent: '15' },
    ],
  });
  const training = sampleInvoice({
    number: 'FA-2026-00103',
    seller: { ...ORGANISATION, vatRegime: 'exonere-formation' },
    lines: [
      line(
        'Formation Excel avancé — 3 jours × 420,00 €, prise en charge 70 %',
        '3',
        '294',
        FORMATION,
      ),
      line('Heures non suivies', '7', '60', FORMATION, 'heure'),
    ],
  });
  const deposit = sampleInvoice({
    kind: 'acompte',
    number: 'FA-2026-00104',
    lines: [line('Acompte de 30 % à la commande — Déploiement WMS', '1', '3000', S20, 'forfait')],
  });
  const balance = sampleInvoice({
    number: 'FA-2026-00105',
    lines: [line('Déploiement WMS', '1', '10000', S20, 'forfait')],
    prepaidAmount: '3600.00',
    notes: [
      'Acompte facturé FA-2026-00104 du 05/11/2026, déduit : 3 600,00 € TTC dont TVA 600,00 €',
    ],
  });
  const credited = sampleInvoice({
    number: 'FA-2026-00106',
    lines: [line('Audit', '1', '500', S20, 'forfait')],
    prepaidAmount: '120.00',
    appliedCredits: [
      { invoice: 'FA-2026-00007', creditNotes: ['AV-2026-00001'], amount: '120.00' },
    ],
  });
  const creditNote = issued(
    buildCreditNote(mixed, { issueDate: calendarDate('2026-12-05'), reason: 'Annulation' }),
    'AV-2026-00101',
  );
  const partialCredit = issued(
    {
      ...buildCreditNote(standard, {
        issueDate: calendarDate('2026-12-05'),
        reason: 'Geste commercial',
      }),
      lines: [{ ...line('Geste commercial', '-1', '100', S20, 'forfait') }],
    },
    'AV-2026-00102',
  );
  const debitNote = issued(
    buildDebitNote(standard, {
      issueDate: calendarDate('2026-12-05'),
      reason: 'Deux visuels supplémentaires',
      lines: [line('Deux visuels supplémentaires', '1', '100', S20, 'forfait')],
      dueDate: calendarDate('2027-01-04'),
    }),
    'FA-2026-00107',
  );
  const selfBilled = sampleInvoice({
    kind: 'autofacture',
    number: 'AF-M01-2026-0001',
    seller: PROVIDER,
    buyer: ORGANISATION,
    lines: [
      line('Mentorat niveau 2 — Léa Martin, 03/11/2026', '1', '38', FRANCHISE, 'séance'),
      line('Soutenance niveau 2 — Inès Moreau, 12/11/2026', '1', '60', FRANCHISE, 'séance'),
      line('Mentorat niveau 1 — absence facturée 50 %', '0.5', '32', FRANCHISE, 'séance'),
    ],
  });
  const selfBilledCredit = issued(
    buildCreditNote(selfBilled, {
      issueDate: calendarDate('2026-12-08'),
      reason: 'Séance comptée à tort',
    }),
    'AF-M01-2026-0002',
    '2026-12-08',
  );
  const selfBilledStandard = sampleInvoice({
    kind: 'autofacture',
    number: 'AF-CONSEIL-2026-0001',
    seller: {
      ...PROVIDER,
      vatRegime: 'standard',
      vatNumber: 'FR64842000002',
      name: 'Conseil Martin SARL',
    },
    buyer: ORGANISATION,
    lines: [line('Animation atelier', '2', '450', S20)],
  });
  const publicBuyer = sampleInvoice({
    number: 'FA-2026-00108',
    buyer: {
      ...CLIENT,
      name: 'France Travail — Direction régionale',
      siren: '130005481',
      siret: '13000548100010',
      buyerReference: 'DR-ARA-FORMATION',
    },
    purchaseOrderReference: '1000234567',
  });
  const person = sampleInvoice({
    number: 'FA-2026-00109',
    buyer: { ...PERSON, email: 'marie.dupont@example.fr' },
    lines: [line('Bilan de compétences', '1', '1500', FORMATION, 'forfait')],
  });
  const abroad = sampleInvoice({
    number: 'FA-2026-00110',
    buyer: {
      ...without(CLIENT, 'siren'),
      name: 'Atelier Bruxellois SRL',
      country: 'BE',
      city: 'Bruxelles',
      postcode: '1000',
      vatNumber: 'BE0123456749',
      email: 'factures@atelier-bruxellois.example',
    },
  });
  const long = sampleInvoice({
    number: 'FA-2026-00111',
    lines: Array.from({ length: 60 }, (_, i) =>
      line(
        `Séance de coaching n° ${i + 1} — « suivi » & bilan <intermédiaire>`,
        '1.25',
        '96.8',
        S20,
        'heure',
      ),
    ),
  });
  const english = sampleInvoice({ number: 'FA-2026-00112', language: 'en' });
  // Document-level allowance and charge (BG-20, BG-21), each at its own rate.
  const allowances = sampleInvoice({
    number: 'FA-2026-00113',
    allowancesCharges: [
      { charge: false, amount: '50.00', reason: 'Remise de fidélité', vat: S20 },
      { charge: true, amount: '12.50', reason: 'Frais de dossier', vat: S55 },
    ],
  });
  return [
    ['standard', standard],
    ['mixed-rates-discount', mixed],
    ['exempt-training', training],
    ['deposit', deposit],
    ['balance-after-deposit', balance],
    ['client-credit-applied', credited],
    ['credit-note-full', creditNote],
    ['credit-note-partial', partialCredit],
    ['debit-note', debitNote],
    ['self-billed-franchise', selfBilled],
    ['self-billed-credit-note', selfBilledCredit],
    ['self-billed-standard', selfBilledStandard],
    ['public-buyer', publicBuyer],
    ['private-person', person],
    ['business-abroad', abroad],
    ['sixty-lines', long],
    ['english', english],
    ['document-allowance-and-charge', allowances],
  ].map(([name, doc]) => ({ name: name as string, doc: doc as InvoiceDocument }));
}
