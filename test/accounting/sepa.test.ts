/**
 * The credit-transfer file against the official ISO 20022 schema (pain.001.001.03.xsd, fetched
 * by tools/accounting/fetch-pain-xsd.sh; CI's .ci/run does it) and against the EPC's rules the
 * schema does not carry: character set, lengths, amounts, control sum, IBAN checksums.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  checkBatch,
  controlSum,
  MAX_NAME,
  MAX_REMITTANCE,
  pain001,
  sepaId,
  sepaText,
  type Transfer,
  type TransferBatch,
} from '../../src/accounting/sepa';
import { render } from '../../src/texts';
import { calendarDate } from '../../src/domain/dates';
import { isValidIban } from '../../src/domain/identifiers';
import { Money } from '../../src/domain/money';

const XSD = path.resolve(__dirname, '..', '..', '.cache', 'iso20022', 'pain.001.001.03.xsd');

function requireXsd(): string {
  if (!fs.existsSync(XSD))
    throw new Error(
      `${XSD} is missing: run bash tools/accounting/fetch-pain-xsd.sh (CI's .ci/run does it)`,
    );
  return XSD;
}

/** A valid IBAN of a country from its BBAN: the check digits computed by ISO 13616. */
function iban(country: string, bban: string): string {
  const digits = (bban + country + '00')
    .split('')
    .map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c))
    .join('');
  const check = 98 - Number(BigInt(digits) % 97n);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

const frenchBban = fc
  .tuple(
    fc.stringMatching(/^\d{10}$/),
    fc.stringMatching(/^[A-Z0-9]{11}$/),
    fc.stringMatching(/^\d{2}$/),
  )
  .map(([a, b, c]) => iban('FR', a + b + c));
const germanIban = fc.stringMatching(/^\d{18}$/).map((b) => iban('DE', b));

/** Names as users type them: accents, ligatures, symbols, emoji, quotes, markup. */
const userText = fc.oneof(
  fc.string({ maxLength: 90 }),
  fc.constantFrom(
    'Léa Müller & Fils « Conseil » — SARL',
    'Œuvre d’Ærø ß <script>alert(1)</script>',
    'Jean-Noël Dupré 🚀 {{name}} ; =SUM(A1)',
    'Société Générale',
    '   ',
  ),
);

const cents = fc.integer({ min: 1, max: 99_999_999_999 });

const transfer = (i: number) =>
  fc.record({
    endToEndId: fc.constant(`VIR-20261205-${String(i + 1).padStart(3, '0')}`),
    amount: cents.map((c) => Money.fromCents(c)),
    creditor: fc.record({
      name: userText.map((n) => (n.trim() === '' ? 'Mentor' : `${n} x`)),
      iban: fc.oneof(frenchBban, germanIban),
      bic: fc.constantFrom(undefined, 'SOGEFRPP', 'BNPAFRPPXXX', 'DEUTDEFF500'),
    }),
    remittance: fc
      .array(fc.stringMatching(/^AF-[A-Z]{3,8}-2026-\d{4}$/), { minLength: 1, maxLength: 30 })
      .map((n) => n.join(' ')),
  }) as fc.Arbitrary<Transfer>;

const batch: fc.Arbitrary<TransferBatch> = fc
  .integer({ min: 1, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => transfer(i))))
  .chain((transfers) =>
    fc.record({
      messageId: fc.constant('VIR-20261205-090000'),
      createdAt: fc.constant('2026-12-05T09:00:00+01:00'),
      executionDate: fc.constant(calendarDate('2026-12-07')),
      debtor: fc.record({
        name: fc.constant('Académie Lumière & Cie'),
        iban: frenchBban,
        bic: fc.constantFrom(undefined, 'CMCIFRPP', 'AGRI FR PP 882'),
      }),
      transfers: fc.constant(transfers),
    }),
  );

const EPC_SET = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

/** Text of every element named `tag`, in order. */
function texts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map(
    (m) => m[1] ?? '',
  );
}

describe('pain.001.001.03 credit transfers', () => {
  it('validates against the official schema and keeps every EPC rule, for any batch', () => {
    const xsd = requireXsd();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pain001-'));
    const samples = fc.sample(batch, { numRuns: 150, seed: 20261205 });
    const files = samples.map((b, i) => {
      expect(checkBatch(b)).toEqual([]);
      const xml = pain001(b);
      // What the schema does not say.
      expect(texts(xml, 'NbOfTxs')).toEqual([
        String(b.transfers.length),
        String(b.transfers.length),
      ]);
      const amounts = texts(xml, 'InstdAmt');
      for (const a of amounts) expect(a).toMatch(/^\d{1,9}\.\d{2}$/);
      const sum = amounts.reduce((s, a) => s.plus(Money.of(a)), Money.zero()).toFixed(2);
      expect(texts(xml, 'CtrlSum')).toEqual([sum, sum]);
      expect(sum).toBe(controlSum(b.transfers).toFixed(2));
      for (const tag of ['Nm', 'Ustrd', 'EndToEndId', 'MsgId', 'PmtInfId'])
        for (const t of texts(xml, tag)) {
          expect(t).toMatch(EPC_SET);
          expect(t.length).toBeGreaterThan(0);
          expect(t.length).toBeLessThanOrEqual(
            tag === 'Nm' ? MAX_NAME : tag === 'Ustrd' ? MAX_REMITTANCE : 35,
          );
        }
      for (const i of texts(xml, 'IBAN')) expect(isValidIban(i)).toBe(true);
      expect(texts(xml, 'ChrgBr')).toEqual(['SLEV']);
      const file = path.join(dir, `b${i}.xml`);
      fs.writeFileSync(file, xml);
      return file;
    });
    // One xmllint for every file; it exits non-zero when any one is invalid.
    const out = execFileSync('xmllint', ['--noout', '--schema', xsd, ...files], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe('');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the schema refuses what the writer must never produce (the validation can fail)', () => {
    const xsd = requireXsd();
    const [b] = fc.sample(batch, { numRuns: 1, seed: 7 });
    if (b === undefined) throw new Error('no sample');
    const good = pain001(b);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pain001-'));
    const bad = [
      good.replace('<PmtMtd>TRF</PmtMtd>', '<PmtMtd>XXX</PmtMtd>'),
      good.replace(/<CtrlSum>[^<]*<\/CtrlSum>/, '<CtrlSum>1,00</CtrlSum>'),
      good.replace(/<ReqdExctnDt>[^<]*<\/ReqdExctnDt>/, '<ReqdExctnDt>07/12/2026</ReqdExctnDt>'),
    ];
    for (const [i, xml] of bad.entries()) {
      const file = path.join(dir, `bad${i}.xml`);
      fs.writeFileSync(file, xml);
      expect(() =>
        execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' }),
      ).toThrow();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses each broken rule, naming the transfer and the field', () => {
    const creditor = { name: 'Mentor 1', iban: iban('FR', '30003012340005044556649'.slice(0, 23)) };
    const base: TransferBatch = {
      messageId: 'VIR-1',
      createdAt: '2026-12-05T09:00:00+01:00',
      executionDate: calendarDate('2026-12-07'),
      debtor: { name: 'Org', iban: creditor.iban },
      transfers: [{ endToEndId: 'E1', amount: Money.of('10'), creditor, remittance: 'AF-1' }],
    };
    expect(checkBatch(base)).toEqual([]);
    const one = (t: Partial<Transfer>): TransferBatch => ({
      ...base,
      transfers: [{ ...(base.transfers[0] as Transfer), ...t }],
    });
    const fields = (b: TransferBatch) => checkBatch(b).map((p) => `${p.transfer}:${p.field}`);
    expect(fields(one({ amount: Money.of('0') }))).toEqual(['0:amount']);
    expect(fields(one({ amount: Money.of('-5') }))).toEqual(['0:amount']);
    expect(fields(one({ amount: Money.of('10.005') }))).toEqual(['0:amount']);
    expect(fields(one({ amount: Money.of('1000000000') }))).toEqual(['0:amount']);
    expect(fields(one({ amount: Money.of('999999999.99') }))).toEqual([]);
    expect(fields(one({ creditor: { ...creditor, iban: 'FR7630003012340005044556648' } }))).toEqual(
      ['0:iban'],
    );
    expect(fields(one({ creditor: { ...creditor, bic: 'SOGE' } }))).toEqual(['0:bic']);
    expect(fields(one({ creditor: { ...creditor, name: '🚀' } }))).toEqual(['0:name']);
    expect(fields(one({ endToEndId: '/E1' }))).toEqual(['0:endToEndId']);
    expect(fields({ ...base, transfers: [] })).toEqual(['-1:count']);
    expect(fields({ ...base, messageId: 'a//b' })).toEqual(['-1:messageId']);
    expect(fields({ ...base, debtor: { name: 'Org', iban: 'FR00' } })).toEqual(['-1:debtor']);
    const twice = {
      ...base,
      transfers: [base.transfers[0] as Transfer, base.transfers[0] as Transfer],
    };
    expect(fields(twice)).toEqual(['1:endToEndId']);
    expect(() => pain001(twice)).toThrow(RangeError);
    // Each rule says what is wrong in the reader's language.
    const [noIban] = checkBatch(one({ creditor: { ...creditor, iban: 'FR00' } }));
    expect(noIban && render(noIban.message, 'fr')).toBe('IBAN du bénéficiaire invalide');
    expect(noIban && render(noIban.message, 'en')).toBe('invalid beneficiary IBAN');
  });

  it('writes user text in the EPC set, transliterated, and never longer than allowed', () => {
    expect(sepaText('Léa Müller & Fils « Conseil » — SARL', 70)).toBe(
      "Lea Muller + Fils ' Conseil ' - SARL",
    );
    expect(sepaText('Œuvre d’Ærø straße', 70)).toBe("OEuvre d'AEro strasse");
    expect(sepaText('<b>x</b> 🚀 {{y}}', 70)).toBe('b x /b ((y))');
    expect(sepaId('AF/CLEMENT//2026 11/')).toBe('AF/CLEMENT/2026-11');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 140 }), (s, max) => {
        const t = sepaText(s, max);
        expect(t).toMatch(EPC_SET);
        expect(t.length).toBeLessThanOrEqual(max);
        expect(t).toBe(t.trim());
      }),
      { numRuns: 2000 },
    );
  });
});
