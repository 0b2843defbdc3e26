/**
 * The offline e-invoice validator (tools/einvoice/validate.ts) on the official EN 16931 CII
 * examples of ../shared/einvoicing/examples, then on altered copies that must fail on a named rule.
 *
 * What the examples give is recorded exactly: every check's failing and warning ids per file, so
 * that a change in the validator (or in the reference artefacts) shows up here. The examples are
 * CEN's, not French invoices: they pass the XSD and the CEN rules, four of five pass the Factur-X
 * schematron, and none passes the French CTC rules (no SIREN, no mandatory notes, non-French VAT
 * rates...).
 *
 * Everything runs in one batch (one xmllint run, one JVM per stylesheet) in beforeAll.
 *
 * It needs the team's reference data in ../shared, like every test of test/reference/ (a clone
 * with nothing beside it leaves them out, see jest.config.cjs). With ../shared present, a
 * missing xmllint, Java or Saxon-HE fails the suite with the validator's message (.ci/run
 * installs them).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  validateCiiBatch,
  type BatchResult,
  type CiiInput,
  type CiiText,
  type Report,
  type SchematronName,
} from '../../tools/einvoice/validate';

const SHARED = path.resolve(__dirname, '../../../shared');
const REFERENCE = path.join(SHARED, 'einvoicing');
const EXAMPLES = path.join(REFERENCE, 'examples');

const JVM_TIMEOUT_MS = 180_000;

const CII_NAMESPACE = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';

/** A CII invoice has rsm:CrossIndustryInvoice, in the CII namespace, as its root element. */
function isCiiInvoice(xml: string): boolean {
  const root = /<(?!\?|!)([\w.-]+:)?CrossIndustryInvoice\b([^>]*)>/.exec(xml);
  if (!root) return false;
  const prefix = root[1] ? root[1].slice(0, -1) : '';
  const declared = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}="([^"]*)"`).exec(root[2] ?? '');
  return declared?.[1] === CII_NAMESPACE;
}

/** Failing and non-failing ids per check, as recorded below. */
interface Observed {
  readonly xsdValid: boolean;
  readonly failing: Readonly<Record<SchematronName, readonly string[]>>;
  readonly warnings: Readonly<Record<SchematronName, readonly string[]>>;
}

/** The French rules every example breaks: they are not French invoices. */
const FR_COMMON = [
  'BR-FR-05_BT-22_AAB',
  'BR-FR-05_BT-22_PMD',
  'BR-FR-05_BT-22_PMT',
  'BR-FR-08_BT-23',
  'BR-FR-10_BT-30',
  'BR-FR-12_BT-49',
  'BR-FR-13_BT-34',
  'BR-FR-16_BT-119',
  'BR-FR-16_BT-152',
];

const NONE: readonly string[] = [];

const OBSERVED: Record<string, Observed> = {
  // Its guideline id is the ZUGFeRD 1 "comfort" URN, not in Factur-X's code list 1 (FX-SCH-A-000026).
  // Its due date precedes its issue date (BR-FR-CO-07) and its document charge has a VAT rate
  // (BR-FR-16 on BT-96/BT-103).
  'CII_business_example_02.xml': {
    xsdValid: true,
    failing: {
      facturx: ['FX-SCH-A-000026'],
      cen: NONE,
      'fr-ctc': [...FR_COMMON, 'BR-FR-16_BT-96_BT-103', 'BR-FR-CO-07_BT-9'],
    },
    // Empty elements (PEPPOL-EN16931-R008) and no delivery date nor period (BR-FX-EN-04).
    warnings: { facturx: ['FX-SCH-A-000354', 'FX-SCH-A-000372'], cen: NONE, 'fr-ctc': NONE },
  },
  'CII_example1.xml': {
    xsdValid: true,
    failing: { facturx: NONE, cen: NONE, 'fr-ctc': FR_COMMON },
    warnings: { facturx: ['FX-SCH-A-000372'], cen: NONE, 'fr-ctc': NONE },
  },
  // Invoiced in DKK with no accounting currency EUR (BR-FR-CO-12).
  'CII_example4.xml': {
    xsdValid: true,
    failing: { facturx: NONE, cen: NONE, 'fr-ctc': [...FR_COMMON, 'BR-FR-CO-12_BT-5'] },
    warnings: { facturx: NONE, cen: NONE, 'fr-ctc': NONE },
  },
  // Price base quantities with five or six decimals (BR-FR-DEC-02 allows four).
  'CII_example8.xml': {
    xsdValid: true,
    failing: { facturx: NONE, cen: NONE, 'fr-ctc': [...FR_COMMON, 'BR-FR-DEC-02_BT-149'] },
    warnings: { facturx: NONE, cen: NONE, 'fr-ctc': NONE },
  },
  'CII_example9.xml': {
    xsdValid: true,
    failing: { facturx: NONE, cen: NONE, 'fr-ctc': FR_COMMON },
    warnings: { facturx: ['FX-SCH-A-000372'], cen: NONE, 'fr-ctc': NONE },
  },
};

/** The example the altered copies start from: clean in the XSD, Factur-X and CEN checks. */
const BASE = 'CII_example4.xml';

/** Replaces exactly one occurrence, so that an alteration cannot silently change nothing. */
function replaceOnce(xml: string, find: string | RegExp, replacement: string): string {
  const count =
    typeof find === 'string'
      ? xml.split(find).length - 1
      : [...xml.matchAll(new RegExp(find.source, 'g'))].length;
  if (count !== 1) throw new Error(`expected one ${String(find)} in ${BASE}, found ${count}`);
  return xml.replace(find, replacement);
}

const SELLER_LEGAL_ORGANIZATION =
  /<ram:SpecifiedLegalOrganization>\s*<ram:ID>DK16356706<\/ram:ID>\s*<\/ram:SpecifiedLegalOrganization>/;
const SIREN = '732829320';
const PRECEDING_INVOICE = `</ram:SpecifiedTradeSettlementHeaderMonetarySummation>
            <ram:InvoiceReferencedDocument>
                <ram:IssuerAssignedID>TOSL108</ram:IssuerAssignedID>
                <ram:FormattedIssueDateTime>
                    <qdt:DateTimeString format="102">20130601</qdt:DateTimeString>
                </ram:FormattedIssueDateTime>
            </ram:InvoiceReferencedDocument>`;

function alterations(base: string): CiiText[] {
  const withSiren = replaceOnce(
    base,
    SELLER_LEGAL_ORGANIZATION,
    `<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">${SIREN}</ram:ID></ram:SpecifiedLegalOrganization>`,
  );
  const creditNote = replaceOnce(
    base,
    '<ram:TypeCode>380</ram:TypeCode>',
    '<ram:TypeCode>381</ram:TypeCode>',
  );
  return [
    {
      name: 'grand-total-off-by-one.xml',
      xml: replaceOnce(
        base,
        '<ram:GrandTotalAmount>4675</ram:GrandTotalAmount>',
        '<ram:GrandTotalAmount>4676</ram:GrandTotalAmount>',
      ),
    },
    { name: 'seller-siren.xml', xml: withSiren },
    {
      name: 'seller-without-legal-organization.xml',
      xml: replaceOnce(base, SELLER_LEGAL_ORGANIZATION, ''),
    },
    { name: 'credit-note-without-reference.xml', xml: creditNote },
    {
      name: 'credit-note-with-reference.xml',
      xml: replaceOnce(
        creditNote,
        '</ram:SpecifiedTradeSettlementHeaderMonetarySummation>',
        PRECEDING_INVOICE,
      ),
    },
    {
      name: 'unknown-element.xml',
      xml: replaceOnce(
        base,
        '<ram:TypeCode>380</ram:TypeCode>',
        '<ram:TypeCode>380</ram:TypeCode><ram:Colour>red</ram:Colour>',
      ),
    },
  ];
}

function ids(report: Report, schematron: SchematronName, failing: boolean): string[] {
  const result = report.schematrons.find((s) => s.schematron === schematron);
  if (!result) throw new Error(`${report.file}: ${schematron} not run`);
  return [...new Set(result.findings.filter((f) => f.failing === failing).map((f) => f.id))].sort();
}

describe('e-invoice validator (XSD, Factur-X, CEN and French CTC rules)', () => {
  let batch: BatchResult;
  let examples: string[];
  const byName = new Map<string, Report>();

  beforeAll(async () => {
    examples = fs
      .readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.xml'))
      .filter((f) => isCiiInvoice(fs.readFileSync(path.join(EXAMPLES, f), 'utf8')))
      .sort();
    const base = fs.readFileSync(path.join(EXAMPLES, BASE), 'utf8');
    const inputs: CiiInput[] = [
      ...examples.map((f) => path.join(EXAMPLES, f)),
      ...alterations(base),
    ];
    batch = await validateCiiBatch(inputs, { referenceDir: REFERENCE });
    for (const r of batch.reports) byName.set(path.basename(r.file), r);
    const t = batch.timing;
    process.stderr.write(
      `e-invoice validator: ${t.documents} documents in ${t.totalMs.toFixed(0)} ms; ` +
        t.schematrons
          .map(
            (s) =>
              `${s.schematron} JVM ${s.wallMs.toFixed(0)} ms of which documents ${s.documentsMs.toFixed(0)} ms`,
          )
          .join(', ') +
        `; xmllint ${t.xsdMs.toFixed(0)} ms\n`,
    );
  }, JVM_TIMEOUT_MS);

  function report(name: string): Report {
    const r = byName.get(name);
    if (!r) throw new Error(`no report for ${name}`);
    return r;
  }

  it('runs as one batch: one JVM per stylesheet, every document with rules fired', () => {
    expect(batch.timing.schematrons.map((s) => s.schematron)).toEqual(['facturx', 'cen', 'fr-ctc']);
    expect(batch.reports).toHaveLength(examples.length + 6);
    for (const r of batch.reports) {
      for (const s of r.schematrons) {
        expect(s.ran).toBe(true);
        expect(s.firedRules).toBeGreaterThan(50);
      }
    }
  });

  it('finds the official CII examples that were recorded, and no other', () => {
    expect(examples).toEqual(Object.keys(OBSERVED).sort());
  });

  it.each(Object.entries(OBSERVED))('%s gives exactly what was recorded', (name, observed) => {
    const r = report(name);
    expect({ file: name, xsd: r.xsd }).toEqual({
      file: name,
      xsd: { valid: observed.xsdValid, errors: [] },
    });
    for (const s of ['facturx', 'cen', 'fr-ctc'] as const) {
      expect({ file: name, check: s, failing: ids(r, s, true) }).toEqual({
        file: name,
        check: s,
        failing: [...observed.failing[s]].sort(),
      });
      expect({ file: name, check: s, warnings: ids(r, s, false) }).toEqual({
        file: name,
        check: s,
        warnings: [...observed.warnings[s]].sort(),
      });
    }
    // Not French invoices: the French rules fail each of them, so none passes overall.
    expect(r.passed).toBe(false);
  });

  it('every example passes the Factur-X XSD and the CEN rules, with no CEN warning', () => {
    for (const name of examples) {
      const r = report(name);
      expect({
        name,
        xsd: r.xsd.valid,
        cen: ids(r, 'cen', true),
        warn: ids(r, 'cen', false),
      }).toEqual({
        name,
        xsd: true,
        cen: [],
        warn: [],
      });
    }
  });

  it('a warning alone does not fail a check: example 9 passes Factur-X with one warning', () => {
    const r = report('CII_example9.xml');
    const facturx = r.schematrons.find((s) => s.schematron === 'facturx')!;
    expect(facturx.findings.map((f) => [f.rule, f.flag, f.failing])).toEqual([
      ['PEPPOL-EN16931-R008', 'warning', false],
    ]);
    expect(r.failures.every((f) => f.schematron === 'fr-ctc')).toBe(true);
  });

  it('a grand total that is not net total + VAT breaks BR-CO-15 (CEN and Factur-X)', () => {
    const r = report('grand-total-off-by-one.xml');
    expect(r.xsd.valid).toBe(true);
    expect(r.passed).toBe(false);
    const cen = r.failures.filter((f) => f.schematron === 'cen');
    expect(cen.map((f) => f.id)).toContain('BR-CO-15');
    expect(cen.find((f) => f.id === 'BR-CO-15')?.flag).toBe('fatal');
    // Factur-X names its checks FX-SCH-A-…; the message carries the business rule.
    const facturx = r.failures.filter((f) => f.schematron === 'facturx');
    expect(facturx.map((f) => f.rule)).toContain('BR-CO-15');
    expect(facturx.find((f) => f.rule === 'BR-CO-15')?.flag).toBe('error');
    // The unaltered base example does not break it.
    expect(report(BASE).failures.map((f) => f.rule)).not.toContain('BR-CO-15');
  });

  it('a seller without legal organization breaks BR-FR-10 (seller SIREN, BT-30); with a SIREN it holds', () => {
    const withSiren = report('seller-siren.xml');
    expect(withSiren.xsd.valid).toBe(true);
    expect(ids(withSiren, 'fr-ctc', true)).not.toContain('BR-FR-10_BT-30');
    const without = report('seller-without-legal-organization.xml');
    expect(without.xsd.valid).toBe(true);
    const finding = without.failures.find((f) => f.id === 'BR-FR-10_BT-30');
    expect(finding).toMatchObject({ schematron: 'fr-ctc', pattern: 'BR-FR-10', flag: 'fatal' });
    expect(finding?.message).toMatch(/SIREN du vendeur/);
    // The legal organization is optional in EN 16931: only the French rule objects.
    expect(ids(without, 'cen', true)).toEqual([]);
    expect(ids(without, 'facturx', true)).toEqual([]);
  });

  it('a credit note (381) with no preceding invoice breaks BR-FR-CO-05; with one it holds', () => {
    const without = report('credit-note-without-reference.xml');
    expect(without.xsd.valid).toBe(true);
    const finding = without.failures.find((f) => f.id === 'BR-FR-CO-05_BT-3');
    expect(finding).toMatchObject({ schematron: 'fr-ctc', pattern: 'BR-FR-CO-05', flag: 'fatal' });
    expect(ids(report(BASE), 'fr-ctc', true)).not.toContain('BR-FR-CO-05_BT-3');
    const withReference = report('credit-note-with-reference.xml');
    expect(withReference.xsd.valid).toBe(true);
    expect(ids(withReference, 'fr-ctc', true)).not.toContain('BR-FR-CO-05_BT-3');
  });

  it('an element outside the Factur-X EN 16931 schema fails the XSD, and the document', () => {
    const r = report('unknown-element.xml');
    expect(r.xsd.valid).toBe(false);
    expect(r.xsd.errors.join('\n')).toMatch(/Colour/);
    expect(r.passed).toBe(false);
  });

  it('the stylesheets use only the flags the validator classifies (see validate.ts)', () => {
    const flags = (rel: string): string[] => {
      const xsl = fs.readFileSync(path.join(REFERENCE, rel), 'utf8');
      return [
        ...new Set([...xsl.matchAll(/<xsl:attribute name="flag">([^<]*)</g)].map((m) => m[1]!)),
      ].sort();
    };
    expect(flags('facturx-en16931/Factur-X_1.09_EN16931.xsl')).toEqual(['warning']);
    expect(flags('cen/EN16931-CII-validation.xslt')).toEqual(['fatal', 'warning']);
    expect(flags('fr-ctc/BR-FR-Flux2-Schematron-CII.xslt')).toEqual(['fatal']);
  });
});
