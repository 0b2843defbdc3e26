/**
 * The PDF of each kind of document, rendered by the built bundle from the demo workbook (with a
 * deposit and a balance added) and read back with a real PDF text extractor: every mandatory
 * mention of SPEC §3.5 and the right totals.
 */
import * as fs from 'node:fs';
import PostalMime from 'postal-mime';
import * as path from 'node:path';
import { pdfText } from '../../tools/pdf-text-client';
import { demoWorkbook, local, tempDir, walk } from './helpers';

/** Extracted text with line breaks and no-break spaces as plain spaces. */
const flat = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

function copyOfDemo(name: string): string {
  const dir = tempDir(name);
  for (const f of fs.readdirSync(demoWorkbook))
    fs.copyFileSync(path.join(demoWorkbook, f), path.join(dir, f));
  return dir;
}

/** The demo organisation declared VAT-exempt for training (art. 261-4-4° a CGI). */
function exemptWorkbook(): string {
  const dir = copyOfDemo('exempt');
  const file = path.join(dir, 'Paramètres.csv');
  const text = fs
    .readFileSync(file, 'utf8')
    .replace('Régime de TVA,standard', 'Régime de TVA,exonéré formation');
  fs.writeFileSync(file, text);
  return dir;
}

function workbookWithDeposit(): string {
  const dir = copyOfDemo('kinds');
  fs.appendFileSync(
    path.join(dir, 'Prestations.csv'),
    [
      ',10/11/2026,VERDI,,Jardin partagé,Acompte conception du jardin,1,forfait,"1 000,00",,20 %,forfait,acompte',
      ',28/11/2026,VERDI,,Jardin partagé,Conception et plantation du jardin,1,forfait,"3 000,00",,20 %,forfait,solde',
      '',
    ].join('\n'),
  );
  return dir;
}

/** Mentions every issued document carries (SPEC §3.5), seller side. */
const COMMON = [
  'Atelier Formation Conseil',
  '12 rue des Tanneurs, 69002 Lyon',
  'SIREN 832954317',
  'TVA FR82832954317',
  'Date d’émission',
  'Date ou période de la prestation',
  'Désignation Qté PU HT Remise TVA Total HT',
  'Total HT',
  'Total TTC',
  'Prestation de services',
  'Référence de paiement à rappeler',
];

/** The organisation's bank details, on every document it issues in its own name. */
const BANK = ['IBAN : FR76 3000 4008 2800 0123 4567 841', 'BIC : BNPAFRPPXXX'];

/** What an invoice (not a credit note) adds: due date, no discount, penalties, indemnity. */
const PAYMENT = [
  'Date d’échéance : ',
  'Pas d’escompte pour paiement anticipé',
  'Pénalités de retard',
  'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €',
];

describe('documents of every kind, as PDF', () => {
  const texts = new Map<string, string>();
  const mailTexts: string[] = [];
  beforeAll(async () => {
    const first = await local({
      action: 'monthly',
      workbook: workbookWithDeposit(),
      today: '2026-12-05',
    });
    const second = await local({ action: 'issue', from: first.out, today: '2026-12-06' });
    const third = await local({
      action: 'credit-note',
      from: second.out,
      today: '2026-12-07',
      form: { invoice: 'FA-2026-00001', amount: '648', reason: 'Deux jours facturés en trop' },
    });
    const exempt = await local({
      action: 'monthly',
      workbook: exemptWorkbook(),
      today: '2026-12-05',
    });
    for (const out of [first.out, second.out, third.out]) {
      for (const f of walk(path.join(out, 'mail'))) {
        if (!f.endsWith('.eml')) continue;
        const m = await PostalMime.parse(fs.readFileSync(f));
        mailTexts.push(flat(`${m.subject ?? ''}\n${m.text ?? ''}`));
      }
    }
    for (const [out, tag] of [
      [third.out, ''],
      [exempt.out, 'exempt:'],
    ] as const) {
      for (const f of walk(path.join(out, 'drive'))) {
        if (f.endsWith('.pdf') && !f.endsWith('.gdoc.pdf'))
          texts.set(`${tag}${path.basename(f)}`, flat(pdfText(f)));
      }
    }
  });

  it('the emails quote what is asked: the balance less its deposit, a credit note without a sign', () => {
    const about = (n: string) => mailTexts.filter((m) => m.includes(n));
    // FA-2026-00010: 3 600,00 TTC less the 1 200,00 deposit.
    expect(about('FA-2026-00010').some((m) => m.includes('2 400,00'))).toBe(true);
    expect(about('FA-2026-00010').some((m) => m.includes('3 600,00'))).toBe(false);
    // AV-2026-00001: 648,00, not -648,00.
    expect(about('AV-2026-00001').some((m) => m.includes('648,00'))).toBe(true);
    expect(about('AV-2026-00001').some((m) => m.includes('-648,00'))).toBe(false);
  });

  const doc = (prefix: string) => {
    const found = [...texts.entries()].find(([name]) => name.startsWith(prefix));
    if (!found) throw new Error(`no PDF named ${prefix}…; have ${[...texts.keys()].join(', ')}`);
    return found[1];
  };

  it.each<[string, string, readonly string[]]>([
    [
      'standard (CRA, 20 % VAT)',
      'FA-2026-00001 - Brioche',
      [
        'FACTURE FA-2026-00001',
        'Brioche & Compagnie SARL',
        'SIREN 451236780',
        'TVA 20 % sur 5 400,00 € 1 080,00 €',
        'Total TTC 6 480,00 €',
        'Date d’échéance : 04/01/2027',
        'Référence de paiement à rappeler : BRIOCHE FA-2026-00001',
        ...BANK,
        ...PAYMENT,
      ],
    ],
    [
      'training, VAT-exempt, with the session block and learners',
      'exempt:FA-2026-00005 - OPCO Atlas',
      [
        'FACTURE FA-2026-00005',
        'Exonération de TVA – art. 261-4-4° a du CGI',
        'NDA 84 69 17452 69',
        'Session de formation Dates et durée Lieu Formateur Apprenants Total HT FORM-2611-EXCEL Excel avancé',
        'Camille Roux',
        // Camille Roux financed at 100 %: 3 × 420,00 = 1 260,00; Hugo Lefèvre 70 % of the 14 h
        // of 21 he attended: 0,7 × 840,00 = 588,00. VAT-exempt.
        'Total HT 1 848,00 €',
        'Total TTC 1 848,00 €',
        ...BANK,
        ...PAYMENT,
      ],
    ],
    [
      'self-billed, seller under the franchise regime',
      'AF-CLEMENT-2026-0001',
      [
        'FACTURE (AUTOFACTURATION) AF-CLEMENT-2026-0001',
        'Autofacturation',
        'Claire Clément',
        'TVA non applicable, art. 293 B du CGI',
        'Total TTC 222,00 €',
        'IBAN : FR76 1027 8073 0000 0201 2345 685',
        'BIC : CMCIFR2A',
        ...PAYMENT,
        // Awaiting its provider's approval: payable 30 days after it, not at a date.
        'Date d’échéance : 30 jours après approbation',
        'Payable par virement 30 jours après approbation',
      ],
    ],
    [
      'deposit',
      'FA-2026-00009 - Verdi',
      [
        'FACTURE D’ACOMPTE FA-2026-00009',
        'Verdi Paysages EURL',
        'Total TTC 1 200,00 €',
        ...PAYMENT,
      ],
    ],
    [
      'balance, deducting the deposit',
      'FA-2026-00010 - Verdi',
      [
        'FACTURE FA-2026-00010',
        'Total TTC 3 600,00 €',
        'Acompte facturé (TTC) 1 200,00 €',
        'Net à payer 2 400,00 €',
        // 1 000,00 HT + 20 % VAT.
        'dont TVA 200,00 €',
        'FA-2026-00009',
        ...BANK,
        ...PAYMENT,
      ],
    ],
    [
      'credit note, referring to its invoice',
      'AV-2026-00001 - Brioche',
      [
        'AVOIR AV-2026-00001',
        'Avoir sur la facture n° FA-2026-00001 du 05/12/2026',
        'Deux jours facturés en trop',
        'TVA 20 % sur -540,00 € -108,00 €',
        'Total TTC -648,00 €',
        // Where an invoice gives its due date, the amount to deduct, without a sign.
        'Montant à déduire : 648,00 €',
      ],
    ],
  ])('%s', (_kind, prefix, mentions) => {
    const text = doc(prefix);
    // A credit note asks for no payment: no payment reference.
    const common = prefix.startsWith('AV-')
      ? COMMON.filter((m) => !m.startsWith('Référence de paiement'))
      : COMMON;
    for (const m of [...common, ...mentions])
      expect([prefix, text.includes(m) ? m : `missing: ${m}`]).toEqual([prefix, m]);
    expect(text).not.toMatch(/\{\{[a-z.]+\}\}/);
    // Nothing is said to be paid already on an invoice: no deposit, no line.
    expect(text).not.toContain('Déjà réglé');
    // A credit note asks for no payment: no due date, bank details nor payment reference.
    if (prefix.startsWith('AV-')) {
      for (const absent of ['Date d’échéance', 'IBAN', 'BIC', 'Référence de paiement'])
        expect([prefix, text.includes(absent) ? absent : '']).toEqual([prefix, '']);
    }
    if (!prefix.startsWith('FA-2026-00010')) expect(text).not.toContain('Acompte facturé');
  });
});
