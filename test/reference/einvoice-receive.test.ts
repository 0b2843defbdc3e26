/**
 * The reading of received e-invoices (src/einvoice/receive/) on the official EN 16931 CII examples
 * (ConnectingEurope/eInvoicing-EN16931 `cii/examples/`, in ../shared/einvoicing/examples).
 *
 * For each example: the stated totals are the published figures (BT-109 / BT-110 / BT-112), and
 * the totals recomputed by EN 16931's rules from the lines, allowances and charges equal every
 * stated total, VAT breakdown included, with no use of the BT-117 tolerance.
 *
 * Line by line, some examples are internally inconsistent, and `compareTotals` says so; the lines
 * are listed exactly below with the reason (the same defects test/reference/en16931-vectors.test.ts
 * documents). None of them changes a document total: EN 16931 sums the stated line nets (BT-131).
 *
 * The examples are also embedded in PDFs (the project's Factur-X update; pdf-lib with object
 * streams) and read back through `readReceivedInvoice`; and every XML file of the reference
 * material (XSDs, schematron XSLTs, code lists) goes through the XML reader.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { Money } from '../../src/domain/money';
import { facturXPdf } from '../../src/einvoice/pdf-update';
import { compareTotals, readCii, type ReceivedInvoice } from '../../src/einvoice/receive/cii-read';
import { readReceivedInvoice } from '../../src/einvoice/receive';
import { parseXml } from '../../src/einvoice/receive/xml-read';
import { srgbIccProfile } from '../../src/einvoice/srgb-icc';
import { render } from '../../src/texts';
import { standInPdf } from '../../tools/gas-sim/drive-files';

const SHARED = path.resolve(__dirname, '../../../shared/einvoicing');
const EXAMPLES = path.join(SHARED, 'examples');

interface Expected {
  /** BT-109 / BT-110 / BT-112 as published with the examples. */
  readonly published: readonly [string, string, string];
  readonly currency: string;
  /** Lines whose price data do not give their stated BT-131: [line, stated, recomputed]. */
  readonly lineDefects: readonly [string, string, string][];
}

const EXPECTED: Readonly<Record<string, Expected>> = {
  'CII_example1.xml': {
    published: ['229.60', '20.73', '250.33'],
    currency: 'EUR',
    // Line 20 ("FRITUUR VET 10 KG RETOUR") is a return stated -109.98, but its quantity is
    // written 6 instead of -6 (6 × 18.33 = 109.98): the sign was lost in the sample.
    lineDefects: [['20', '-109.98', '109.98']],
  },
  'CII_example4.xml': { published: ['4000', '675', '4675'], currency: 'DKK', lineDefects: [] },
  'CII_example8.xml': {
    published: ['908.91', '190.87', '1099.78'],
    currency: 'EUR',
    // Every price base quantity (BT-149) repeats the price (0.00880 kWh for a price of 0.00880),
    // so quantity × price ÷ base quantity gives the quantity itself. Lines 3, 5 and 6 also bill
    // one month of an annual price (132 × 15.24 / 12 = 167.64…), which their data do not express.
    lineDefects: [
      ['1', '140.8', '16000'],
      ['2', '16.16', '16000'],
      ['3', '167.64', '132'],
      ['4', '88.74', '58'],
      ['5', '36.75', '1'],
      ['6', '56.5', '1'],
      ['7', '83.34', '1'],
      ['8', '190.31', '1'],
      ['9', '64.21', '1'],
      ['10', '64.46', '1'],
    ],
  },
  'CII_example9.xml': {
    published: ['147', '30.87', '177.87'],
    currency: 'EUR',
    // Same base quantity defect: 3 months at 49 "per 49 months" gives 3; 3 × 49 = 147.
    lineDefects: [['1', '147', '3']],
  },
  'CII_business_example_02.xml': {
    published: ['10.00', '1.90', '11.90'],
    currency: 'EUR',
    lineDefects: [],
  },
};

const FILES = fs.readdirSync(EXAMPLES).filter((f) => /^CII_.*\.xml$/.test(f));

function read(file: string): ReceivedInvoice {
  const r = readCii(new Uint8Array(fs.readFileSync(path.join(EXAMPLES, file))));
  if ('error' in r) throw new Error(`${file}: ${render(r.error, 'en')}`);
  return r;
}

it('has the published figures of every CII example', () => {
  expect(FILES.sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(FILES)('%s', (file) => {
  const expected = EXPECTED[file];
  if (!expected) throw new Error(`no published figures for ${file}`);
  const inv = read(file);

  it('states the published totals, in its currency', () => {
    const [net, vat, gross] = expected.published;
    expect(inv.currency).toBe(expected.currency);
    expect(inv.stated.taxBasisTotal.equals(Money.of(net))).toBe(true);
    expect(inv.stated.taxTotal.equals(Money.of(vat))).toBe(true);
    expect(inv.stated.grandTotal.equals(Money.of(gross))).toBe(true);
    expect(inv.warnings).toEqual([]);
  });

  it('recomputes every document total and VAT row exactly as stated', () => {
    const r = inv.recomputed;
    const st = inv.stated;
    for (const [a, b] of [
      [st.lineTotal, r.lineTotal],
      [st.allowanceTotal, r.allowanceTotal],
      [st.chargeTotal, r.chargeTotal],
      [st.taxBasisTotal, r.taxBasisTotal],
      [st.taxTotal, r.taxTotal],
      [st.grandTotal, r.grandTotal],
      [st.duePayableAmount, r.duePayableAmount],
    ] as const) {
      expect(a.toString()).toBe(b.toString());
    }
    const rows = (list: ReceivedInvoice['vatBreakdown']) =>
      list.map((row) => [row.category, row.ratePercent, row.basis.toString(), row.tax.toString()]);
    expect(rows(r.vatBreakdown)).toEqual(rows(inv.vatBreakdown));
  });

  it('reports exactly the known line defects, and nothing else', () => {
    const result = compareTotals(inv);
    expect(result.tolerated).toEqual([]);
    expect(
      result.differences.map((d) => [
        render(d.field, 'en').replace(/^BT-131 line (\S+) net amount$/, '$1'),
        d.stated.toString(),
        d.recomputed.toString(),
      ]),
    ).toEqual(expected.lineDefects);
    expect(result.ok).toBe(expected.lineDefects.length === 0);
  });

  it('reads the same through a Factur-X PDF and a pdf-lib PDF with object streams', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(EXAMPLES, file)));
    const own = facturXPdf(new Uint8Array(standInPdf(file)), Buffer.from(bytes).toString('utf8'), {
      number: inv.number,
      title: file,
      author: 'test',
      subject: file,
      producer: 'test',
      now: new Date('2026-01-01T00:00:00Z'),
      conformanceLevel: 'EN 16931',
      iccProfile: srgbIccProfile(),
    });
    const doc = await PDFDocument.create();
    doc.addPage();
    await doc.attach(bytes, 'factur-x.xml', { mimeType: 'text/xml' });
    const lib = await doc.save({ useObjectStreams: true });
    for (const pdf of [own, lib]) {
      const received = readReceivedInvoice(pdf);
      if ('error' in received) throw new Error(render(received.error, 'en'));
      expect(received.container).toBe('pdf');
      expect(received.attachmentName).toBe('factur-x.xml');
      expect(JSON.stringify(received.invoice)).toBe(JSON.stringify(inv));
    }
  });
});

it('reads the parties and dates of the examples', () => {
  const ex4 = read('CII_example4.xml');
  expect(ex4.seller).toMatchObject({ name: 'SellerCompany', vatNumber: 'DK16356706' });
  expect(ex4.seller.ids).toEqual([{ id: '5790000436101', scheme: '0088' }]);
  expect([ex4.issueDate, ex4.deliveryDate, ex4.dueDate]).toEqual([
    '2013-04-10',
    '2013-04-15',
    '2013-05-10',
  ]);
  const ex8 = read('CII_example8.xml');
  expect(ex8.period).toEqual({ start: '2014-08-01', end: '2014-08-31' });
  expect(ex8.lines[0]).toMatchObject({ quantity: '16000', unitCode: 'KWH', netPrice: '0.0088' });
  // A 9-digit legal registration identifier without scheme reads as a SIREN; 8 digits do not.
  expect(read('CII_business_example_02.xml').seller.siren).toBe('111111111');
  expect(read('CII_example1.xml').seller.siren).toBeUndefined();
  expect(read('CII_example1.xml').seller.vatNumber).toBe('NL8200.98.395.B.01');
});

it('parses every XML file of the reference material', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(xml|xsd|xsl|xslt)$/.test(e.name)) files.push(p);
    }
  };
  walk(SHARED);
  expect(files.length).toBeGreaterThanOrEqual(10);
  for (const f of files) {
    const root = parseXml(new Uint8Array(fs.readFileSync(f)));
    expect(root.local.length).toBeGreaterThan(0);
  }
});
