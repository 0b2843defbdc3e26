import {
  VAT_EXEMPTIONS,
  exemptionText,
  isValidBic,
  isValidIban,
  isValidSiren,
  isValidSiret,
  isValidVatNumber,
  lineVatErrors,
  lineVatFor,
  maskIban,
  parseVatRegime,
  sirenOf,
  vatKey,
  type LineVat,
} from '../../src/domain';

describe('VAT regimes and exemptions', () => {
  it.each([
    ['formation', 'fr', 'VATEX-FR-CGI261-4', 'Exonération de TVA – art. 261-4-4° a du CGI'],
    [
      'formation',
      'en',
      'VATEX-FR-CGI261-4',
      'VAT exemption – art. 261-4-4° a of the French General Tax Code (CGI)',
    ],
    ['franchise', 'fr', 'VATEX-FR-FRANCHISE', 'TVA non applicable, art. 293 B du CGI'],
    [
      'franchise',
      'en',
      'VATEX-FR-FRANCHISE',
      'VAT not applicable, art. 293 B of the French General Tax Code (CGI)',
    ],
    ['reverse-charge', 'fr', 'VATEX-EU-AE', 'Autoliquidation'],
  ] as const)('%s in %s: %s, "%s"', (exemption, language, code, text) => {
    expect(exemptionText(exemption, language)).toEqual({ code, text });
  });

  it('exemptions belong to their EN 16931 categories', () => {
    expect(VAT_EXEMPTIONS.formation.category).toBe('E');
    expect(VAT_EXEMPTIONS.franchise.category).toBe('E');
    expect(VAT_EXEMPTIONS['reverse-charge'].category).toBe('AE');
  });

  it.each([
    ['standard', 'standard'],
    ['Standard', 'standard'],
    ['exonéré formation', 'exonere-formation'],
    ['Exonere  Formation', 'exonere-formation'],
    ['franchise', 'franchise'],
    ['Franchise en base', 'franchise'],
    ['exempt training', 'exonere-formation'],
    ['autre', undefined],
  ])('parseVatRegime(%j) = %s', (text, expected) => {
    expect(parseVatRegime(text)).toBe(expected);
  });

  it.each([
    ['standard', '20', false, { category: 'S', ratePercent: '20' }],
    ['standard', '5.5', true, { category: 'S', ratePercent: '5.5' }],
    ['standard', '0', false, { category: 'Z', ratePercent: '0' }],
    ['exonere-formation', '20', true, { category: 'E', ratePercent: '0', exemption: 'formation' }],
    ['exonere-formation', '20', false, { category: 'S', ratePercent: '20' }],
    ['franchise', '20', false, { category: 'E', ratePercent: '0', exemption: 'franchise' }],
    ['franchise', '20', true, { category: 'E', ratePercent: '0', exemption: 'franchise' }],
  ] as const)('lineVatFor(%s, %s, training %s)', (regime, rate, training, expected) => {
    expect(lineVatFor(regime, rate, { training })).toEqual(expected);
  });

  it.each([
    [{ category: 'S', ratePercent: '20' }, 0],
    [{ category: 'S', ratePercent: '0' }, 1],
    [{ category: 'S', ratePercent: '100' }, 1],
    [{ category: 'E', ratePercent: '0', exemption: 'formation' }, 0],
    [{ category: 'E', ratePercent: '0' }, 1],
    [{ category: 'E', ratePercent: '20', exemption: 'formation' }, 1],
    [{ category: 'AE', ratePercent: '0', exemption: 'formation' }, 1],
    [{ category: 'AE', ratePercent: '0', exemption: 'reverse-charge' }, 0],
    [{ category: 'Z', ratePercent: '0' }, 0],
    [{ category: 'S', ratePercent: 'vingt' }, 1],
  ] as [LineVat, number][])('lineVatErrors(%j) has %i error(s)', (vat, count) => {
    expect(lineVatErrors(vat)).toHaveLength(count);
  });

  it('keys breakdowns by category and normalized rate', () => {
    expect(vatKey({ category: 'S', ratePercent: '20.00' })).toBe('S:20');
    expect(vatKey({ category: 'S', ratePercent: '5.50' })).toBe('S:5.5');
    expect(vatKey({ category: 'E', ratePercent: '0', exemption: 'formation' })).toBe('E:0');
  });
});

describe('identifiers', () => {
  it.each([
    ['123456782', true],
    ['123 456 782', true],
    ['123456783', false],
    ['12345678', false],
    ['356000000', true], // La Poste
  ])('isValidSiren(%j) is %s', (text, expected) => {
    expect(isValidSiren(text)).toBe(expected);
  });

  it.each([
    ['12345678200002', true],
    ['12345678200003', false],
    ['35600000000048', true], // La Poste head office (Luhn)
    ['35600000049837', true], // a La Poste establishment: digits sum to a multiple of 5
    ['35600000049838', false],
    ['1234567820000', false],
  ])('isValidSiret(%j) is %s', (text, expected) => {
    expect(isValidSiret(text)).toBe(expected);
  });

  it.each([
    ['FR11123456782', true],
    ['FR 11 123456782', true],
    ['FR12123456782', false],
    ['FRXX123456782', true], // alphanumeric key: not checked
    ['DE123456789', true],
    ['NL809561074B01', true],
    ['F123', false],
  ])('isValidVatNumber(%j) is %s', (text, expected) => {
    expect(isValidVatNumber(text)).toBe(expected);
  });

  it.each([
    ['FR76 3000 6000 0112 3456 7890 189', true],
    ['FR7630001007941234567890185', true],
    ['FR7630001007941234567890186', false],
    ['NL13RABO0377815500', true],
    ['DE89 3704 0044 0532 0130 00', true],
    ['FR76', false],
  ])('isValidIban(%j) is %s', (text, expected) => {
    expect(isValidIban(text)).toBe(expected);
  });

  it.each([
    ['AGRIFRPP', true],
    ['AGRIFRPP882', true],
    ['RABONL2U', true],
    ['AGRIFRP', false],
    ['1GRIFRPP', false],
  ])('isValidBic(%j) is %s', (text, expected) => {
    expect(isValidBic(text)).toBe(expected);
  });

  it('derives the SIREN from the SIRET and masks IBANs', () => {
    expect(sirenOf({ siret: '842 000 002 00001' })).toBe('842000002');
    expect(sirenOf({ siren: '552100554', siret: '84200000200001' })).toBe('552100554');
    expect(sirenOf({})).toBeUndefined();
    expect(maskIban('FR76 3000 6000 0112 3456 7890 189')).toBe('FR76*******************0189');
  });
});
