/**
 * The CII writer and the French frame, on the pure core: type codes, signs, the BAR note and
 * BT-23 decided per document, escaping. Validation against the official XSD and schematrons is in
 * test/reference/einvoice-documents.test.ts.
 */
import { buildCreditNote, buildDebitNote } from '../../src/domain/credit-notes';
import { calendarDate } from '../../src/domain/dates';
import type { InvoiceDocument, InvoiceKind } from '../../src/domain/invoice';
import { ciiTypeCode, ciiXml, positiveForm } from '../../src/einvoice/cii';
import { businessProcessOf, exchangeOf, frenchFrame } from '../../src/einvoice/french-frame';
import { unitCode } from '../../src/einvoice/units';
import { el, render } from '../../src/einvoice/xml';
import { eInvoiceGaps } from '../../src/einvoice';
import {
  CLIENT,
  PERSON,
  PROVIDER,
  ORGANISATION,
  sampleInvoice,
  trainingInvoice,
} from '../domain/fixtures';
import { fr } from '../texts/helpers';

const FORMATION = { category: 'E', ratePercent: '0', exemption: 'formation' } as const;
const FRANCHISE = { category: 'E', ratePercent: '0', exemption: 'franchise' } as const;

/** The text of the first `name` element of `xml`. */
function first(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`).exec(xml)?.[1];
}

function all(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map(
    (m) => m[1] ?? '',
  );
}

const xmlOf = (doc: InvoiceDocument) => ciiXml(doc, frenchFrame(doc));

describe('the type code of each kind (BT-3), as the French rules allow it', () => {
  it.each<[InvoiceKind, string]>([
    ['facture', '380'],
    ['acompte', '386'],
    ['avoir', '381'],
    // 383 is refused by BR-FR-04: a supplement is an invoice naming the one it adds to.
    ['note-de-debit', '380'],
    ['autofacture', '389'],
    ['autofacture-avoir', '261'],
  ])('%s → %s', (kind, code) => {
    expect(ciiTypeCode(kind)).toBe(code);
  });
});

describe('ciiXml', () => {
  it('writes a credit note with positive amounts, naming the invoice it credits', () => {
    const invoice = sampleInvoice();
    const credit = {
      ...buildCreditNote(invoice, { issueDate: calendarDate('2026-11-20'), reason: 'Erreur' }),
      number: 'AV-2026-00001',
    };
    const xml = xmlOf(credit);
    const original = xmlOf(invoice);
    expect(first(xml, 'ram:TypeCode')).toBe('381');
    expect(first(xml, 'ram:GrandTotalAmount')).toBe(first(original, 'ram:GrandTotalAmount'));
    expect(Number(first(xml, 'ram:GrandTotalAmount'))).toBeGreaterThan(0);
    expect(all(xml, 'ram:BilledQuantity').every((q) => !q.startsWith('-'))).toBe(true);
    expect(xml).toContain('<ram:IssuerAssignedID>FA-2026-00001</ram:IssuerAssignedID>');
    expect(xml).toContain('<qdt:DateTimeString format="102">20261105</qdt:DateTimeString>');
    // A credit note asks for no payment: no payment means, no terms.
    expect(xml).not.toContain('SpecifiedTradeSettlementPaymentMeans');
    expect(xml).not.toContain('SpecifiedTradePaymentTerms');
    expect(positiveForm(invoice)).toBe(invoice);
  });

  it('writes a debit note as an invoice naming the invoice it adds to', () => {
    const invoice = sampleInvoice();
    const debit = {
      ...buildDebitNote(invoice, {
        issueDate: calendarDate('2026-11-20'),
        lines: [
          {
            description: 'Supplément',
            quantity: '1',
            unitPrice: '100',
            vat: { category: 'S', ratePercent: '20' },
          },
        ],
        dueDate: calendarDate('2026-12-20'),
      }),
      number: 'FA-2026-00002',
    };
    const xml = xmlOf(debit);
    expect(first(xml, 'ram:TypeCode')).toBe('380');
    expect(xml).toContain('<ram:IssuerAssignedID>FA-2026-00001</ram:IssuerAssignedID>');
    expect(first(xml, 'ram:DuePayableAmount')).toBe('120.00');
  });

  it('escapes what users type and leaves no empty element', () => {
    const doc = sampleInvoice({
      lines: [
        {
          description: 'Atelier <R&D> "5 > 3"',
          quantity: '1',
          unitPrice: '100',
          vat: { category: 'S', ratePercent: '20' },
        },
      ],
    });
    const xml = xmlOf(doc);
    expect(xml).toContain('<ram:Name>Atelier &lt;R&amp;D&gt; "5 &gt; 3"</ram:Name>');
    expect(xml).not.toMatch(/<([\w:]+)(?: [^>]*)?>\s*<\/\1>/);
  });

  it('gives each party its SIREN, SIRET, VAT number and electronic address (scheme 0225)', () => {
    const xml = xmlOf(sampleInvoice());
    expect(xml).toContain('<ram:ID schemeID="0002">123456782</ram:ID>');
    expect(xml).toContain('<ram:GlobalID schemeID="0009">12345678200002</ram:GlobalID>');
    expect(xml).toContain('<ram:URIID schemeID="0225">123456782</ram:URIID>');
    expect(xml).toContain('<ram:URIID schemeID="0225">552100554</ram:URIID>');
    expect(xml).toContain('<ram:ID schemeID="VA">FR11123456782</ram:ID>');
    const own = xmlOf(
      sampleInvoice({ buyer: { ...CLIENT, electronicAddress: '552100554_ACHATS' } }),
    );
    expect(own).toContain('<ram:URIID schemeID="0225">552100554_ACHATS</ram:URIID>');
  });

  it('gives a supplier without a VAT number its SIREN as tax registration (BR-E-02)', () => {
    const doc = sampleInvoice({
      kind: 'autofacture',
      number: 'AF-M01-2026-0001',
      seller: PROVIDER,
      buyer: ORGANISATION,
      lines: [{ description: 'Mentorat', quantity: '2', unitPrice: '35', vat: FRANCHISE }],
    });
    const xml = xmlOf(doc);
    expect(xml).toContain('<ram:ID schemeID="FC">842000002</ram:ID>');
    expect(xml).toContain('<ram:ExemptionReasonCode>VATEX-FR-FRANCHISE</ram:ExemptionReasonCode>');
    expect(first(xml, 'ram:TypeCode')).toBe('389');
  });

  it('carries the buyer reference (BT-10) and order number (BT-13) of a public buyer', () => {
    const doc = sampleInvoice({
      buyer: { ...CLIENT, buyerReference: 'SERVICE-FORMATION' },
      purchaseOrderReference: 'EJ-1000234567',
    });
    const xml = xmlOf(doc);
    expect(first(xml, 'ram:BuyerReference')).toBe('SERVICE-FORMATION');
    expect(xml.replace(/\s+/g, '')).toContain(
      '<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>EJ-1000234567</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>',
    );
  });
});

describe('the French frame', () => {
  it.each<[string, InvoiceDocument, string]>([
    ['a business in France', sampleInvoice(), 'B2B'],
    ['a private person', sampleInvoice({ buyer: PERSON }), 'B2C'],
    ['a business abroad', sampleInvoice({ buyer: { ...CLIENT, country: 'BE' } }), 'B2BINT'],
    ['a private person abroad', sampleInvoice({ buyer: { ...PERSON, country: 'BE' } }), 'B2CINT'],
    // Exempt under CGI art. 261-4-4° a: outside the e-invoicing obligation.
    ['only exempt training', trainingInvoice(), 'OUTOFSCOPE'],
    [
      'exempt training and a taxed line',
      trainingInvoice({
        lines: [
          { description: 'Formation', quantity: '1', unitPrice: '900', vat: FORMATION },
          {
            description: 'Repas',
            quantity: '1',
            unitPrice: '20',
            vat: { category: 'S', ratePercent: '10' },
          },
        ],
      }),
      'B2B',
    ],
    // Franchise en base (art. 293 B) is not an exemption of art. 261 to 261 E.
    [
      'a supplier under the franchise en base',
      sampleInvoice({
        seller: PROVIDER,
        lines: [{ description: 'Mentorat', quantity: '1', unitPrice: '35', vat: FRANCHISE }],
      }),
      'B2B',
    ],
  ])('%s: BAR %s', (_label, doc, bar) => {
    expect(exchangeOf(doc)).toBe(bar);
    const notes = frenchFrame(doc).notes;
    expect(notes.filter((n) => n.code === 'BAR').map((n) => n.text)).toEqual([bar]);
    // BR-FR-05: PMT, PMD and AAB on every document, once each.
    for (const code of ['PMT', 'PMD', 'AAB']) {
      expect(notes.filter((n) => n.code === code)).toHaveLength(1);
    }
  });

  it.each<[string, Partial<InvoiceDocument>, string]>([
    ['an invoice of services', {}, 'S1'],
    ['an invoice of goods', { operationCategory: 'goods' }, 'B1'],
    ['goods and services', { operationCategory: 'mixed' }, 'M1'],
    ['a final invoice deducting a deposit', { prepaidAmount: '300.00' }, 'S4'],
    [
      'an invoice deducting a client credit only',
      {
        prepaidAmount: '120.00',
        appliedCredits: [{ invoice: 'FA-1', creditNotes: ['AV-1'], amount: '120.00' }],
      },
      'S1',
    ],
    // BR-FR-CO-08: x4 never on a deposit invoice.
    ['a deposit invoice', { kind: 'acompte' }, 'S1'],
  ])('%s: BT-23 %s', (_label, patch, bt23) => {
    expect(businessProcessOf(sampleInvoice(patch))).toBe(bt23);
  });
});

describe('units and the XML writer', () => {
  it.each([
    ['jours', 'DAY'],
    ['Heure', 'HUR'],
    ['mois', 'MON'],
    ['forfait', 'C62'],
    ['apprenant', 'C62'],
    [undefined, 'C62'],
  ])('%s → %s', (unit, code) => {
    expect(unitCode(unit)).toBe(code);
  });

  it('leaves out an element with nothing to say, and control characters XML forbids', () => {
    expect(el('a', el('b', ''), el('c', undefined))).toBeNull();
    const node = el('a', { x: 'q"\n' }, 'bell\u0007 & co');
    expect(node && render(node)).toBe('<a x="q&quot;&#10;">bell &amp; co</a>\n');
  });
});

describe('what the French rules would reject, said before', () => {
  it.each([
    ['FA-2026-00001', 0],
    ['AF-CLEMENT-2026-0001', 0],
    ['FA/2026/1+2_x', 0],
    ['FA 2026.001', 1],
    ['F'.repeat(36), 1],
  ])('number %s: %i gap(s)', (number, gaps) => {
    expect(eInvoiceGaps(sampleInvoice({ number }))).toHaveLength(gaps);
  });

  it('a party with neither SIREN, nor e-invoicing address, nor email', () => {
    const gaps = eInvoiceGaps(sampleInvoice({ buyer: { ...PERSON } }));
    expect(gaps.map((g) => fr(g))).toEqual([
      'l’acheteur Marie Dupont n’a ni SIREN, ni adresse de facturation électronique, ni email',
    ]);
    expect(eInvoiceGaps(sampleInvoice({ buyer: { ...PERSON, email: 'm@example.fr' } }))).toEqual(
      [],
    );
  });
});
