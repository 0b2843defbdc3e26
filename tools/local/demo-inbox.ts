/**
 * The demo's received invoices: what two providers answer to the demo's billing calls, as their
 * own invoicing tools would send it — Paul Durand a Factur-X PDF for his November call (2 sessions,
 * 108,00, franchise en base), and a second one that does not add up to his call (120,00).
 * Made with the product's own CII writer and Factur-X update, standing for the providers' tools.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InvoiceDocument, Party } from '../../src/domain/invoice';
import { eInvoicePdf, eInvoiceXml } from '../../src/einvoice';
import { standInPdf } from '../gas-sim/drive-files';

const DURAND: Party = {
  source: { tab: 'settings' },
  kind: 'organisation',
  name: 'Paul Durand EI',
  addressLines: ['9 place Bellecour'],
  postcode: '69002',
  city: 'Lyon',
  country: 'FR',
  siren: '812336907',
  siret: '81233690700025',
  vatRegime: 'franchise',
  iban: 'FR7618206000551234567890136',
  bic: 'AGRIFRPP882',
};

const ORGANISATION: Party = {
  source: { tab: 'clients', code: 'AFC' },
  kind: 'organisation',
  name: 'Atelier Formation Conseil',
  addressLines: ['12 rue des Tanneurs'],
  postcode: '69002',
  city: 'Lyon',
  country: 'FR',
  siren: '832954317',
  vatNumber: 'FR82832954317',
};

function durandInvoice(number: string, sessions: readonly [string, string][]): InvoiceDocument {
  return {
    kind: 'facture',
    number,
    issueDate: '2026-12-07' as InvoiceDocument['issueDate'] & string,
    dueDate: '2027-01-06' as InvoiceDocument['dueDate'] & string,
    language: 'fr',
    currency: 'EUR',
    seller: DURAND,
    buyer: ORGANISATION,
    servicePeriod: { start: '2026-11-01', end: '2026-11-30' } as InvoiceDocument['servicePeriod'] &
      object,
    lines: sessions.map(([description, price]) => ({
      description,
      quantity: '1',
      unit: 'séance',
      unitPrice: price,
      vat: { category: 'E', ratePercent: '0', exemption: 'franchise' },
    })),
    paymentReference: number,
    operationCategory: 'services',
  };
}

/** Writes the demo's received files into `dir`; returns their names. */
export function writeDemoInbox(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const matching = durandInvoice('PD-2026-011', [
    ['Mentorat — séance du 06/11/2026', '54'],
    ['Mentorat — séance du 20/11/2026', '54'],
  ]);
  const differing = durandInvoice('PD-2026-012', [['Mentorat — séance du 27/11/2026', '120']]);
  const now = new Date('2026-12-07T09:00:00Z');
  const pdf = (doc: InvoiceDocument) =>
    eInvoicePdf(
      new Uint8Array(standInPdf(`Facture ${doc.number ?? ''}`)),
      doc,
      eInvoiceXml(doc),
      now,
    );
  fs.writeFileSync(path.join(dir, 'Facture PD-2026-011.pdf'), pdf(matching));
  fs.writeFileSync(path.join(dir, 'PD-2026-012.xml'), eInvoiceXml(differing));
  return fs.readdirSync(dir).sort();
}
