/**
 * A generated training year through the built bundle: the demo workbook with forty more training
 * sessions across 2026 and their learners, sponsored by clients of every kind (some with their
 * own _Ligne BPF_, learners of every _Type de stagiaire_). After the December job, the BPF of
 * 2026 is recomputed here from other tabs than the ones it reads (cadre C from the Lignes tab's
 * training lines and the register's buyers; F-1 from the generated rows themselves), and the
 * month's entries must balance with every training invoice in the sales journal.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoWorkbook, local, readCsv } from './helpers';
import { cents, checkEntries, fecLines } from './fec-check';

/** A small deterministic generator (a linear congruential one): the same year every run. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface GenClient {
  code: string;
  kind: 'entreprise' | 'commanditaire' | 'financeur' | 'particulier';
  bpfLine: string;
}

/** The line of cadre C the BPF must put a client's revenue on (README: from the kind if empty). */
function expectedLine(c: GenClient): string {
  if (c.bpfLine !== '') return c.bpfLine;
  return c.kind === 'financeur' ? '2h' : c.kind === 'particulier' ? '9' : '1';
}

const CLIENTS: GenClient[] = [
  { code: 'GENA', kind: 'entreprise', bpfLine: '' },
  { code: 'GENB', kind: 'commanditaire', bpfLine: '' },
  { code: 'GENC', kind: 'entreprise', bpfLine: '2a' },
  { code: 'GEND', kind: 'entreprise', bpfLine: '3' },
  { code: 'GENE', kind: 'commanditaire', bpfLine: '7' },
  { code: 'GENF', kind: 'entreprise', bpfLine: '10' },
  { code: 'GENG', kind: 'entreprise', bpfLine: '2e' },
];
const TYPES = ['Salarié', 'Apprenti', 'Demandeur d’emploi', 'Particulier', 'Autre'];
const TYPE_LINE: Record<string, string> = {
  Salarié: 'a',
  Apprenti: 'b',
  'Demandeur d’emploi': 'c',
  Particulier: 'd',
  Autre: 'e',
  '': 'a',
};

/** A SIREN that passes its Luhn check: 8 digits from the index, then the check digit. */
function siren(i: number): string {
  const base = String(73_200_000 + i * 7).padStart(8, '0');
  for (let d = 0; d <= 9; d++) {
    const digits = `${base}${d}`;
    let sum = 0;
    for (let k = 0; k < 9; k++) {
      let v = Number(digits[8 - k]);
      if (k % 2 === 1) v *= 2;
      sum += v > 9 ? v - 9 : v;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error('no check digit');
}

const csvLine = (fields: readonly string[]) =>
  fields.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');

/** Adds a column to a CSV file: its header at the end, an empty cell on the existing rows. */
function addColumn(file: string, header: string): void {
  const lines = fs.readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  fs.writeFileSync(
    file,
    `${lines.map((l, i) => (i === 0 ? `${l},${header}` : `${l},`)).join('\n')}\n`,
  );
}

interface GenLearner {
  type: string;
  hours: number;
  end: string;
}

function generateYear(dir: string): GenLearner[] {
  const rnd = generator(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  addColumn(path.join(dir, 'Clients.csv'), 'Ligne BPF');
  addColumn(path.join(dir, 'Inscriptions.csv'), 'Type de stagiaire');
  const clients = CLIENTS.map((c, i) =>
    csvLine([
      '',
      c.code,
      `Générée ${i + 1} SAS`,
      c.kind,
      `${i + 1} rue de la République`,
      '',
      '69002',
      'Lyon',
      'France',
      siren(i + 1),
      '',
      `compta${i + 1}@generee.example`,
      '',
      '30',
      'fr',
      '',
      '',
      '',
      c.bpfLine,
    ]),
  );
  fs.appendFileSync(path.join(dir, 'Clients.csv'), `${clients.join('\n')}\n`);
  const trainings: string[] = [];
  const enrolments: string[] = [];
  const learners: GenLearner[] = [];
  for (let s = 1; s <= 40; s++) {
    const month = 1 + Math.floor(rnd() * 11);
    const day = 1 + Math.floor(rnd() * 25);
    const days = 1 + Math.floor(rnd() * 3);
    const hours = days * 7;
    const start = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2026`;
    const end = `${String(day + days - 1).padStart(2, '0')}/${String(month).padStart(2, '0')}/2026`;
    const ref = `GEN-${String(s).padStart(3, '0')}`;
    trainings.push(
      csvLine([
        '',
        ref,
        '',
        `Formation générée ${s}`,
        start,
        end,
        String(hours),
        'Lyon',
        'Sophie Martin',
        'terminée',
      ]),
    );
    const n = 1 + Math.floor(rnd() * 4);
    for (let l = 0; l < n; l++) {
      const sponsor = pick(CLIENTS);
      const type = rnd() < 0.3 ? '' : pick(TYPES);
      const attended = rnd() < 0.25 ? Math.floor(rnd() * hours) + 1 : null;
      const price = 200 + Math.floor(rnd() * 1800);
      enrolments.push(
        csvLine([
          '',
          ref,
          `Apprenant ${s}-${l + 1}`,
          sponsor.code,
          '',
          'apprenant',
          '1',
          `${price},00`,
          '',
          '',
          '',
          attended === null ? '' : String(attended),
          type,
        ]),
      );
      learners.push({
        // The learner's line: the column's, else d for an individual sponsor, else a.
        type: type !== '' ? (TYPE_LINE[type] ?? '') : sponsor.kind === 'particulier' ? 'd' : 'a',
        hours: attended ?? hours,
        end: `2026-${String(month).padStart(2, '0')}`,
      });
    }
  }
  fs.appendFileSync(path.join(dir, 'Formations.csv'), `${trainings.join('\n')}\n`);
  fs.appendFileSync(path.join(dir, 'Inscriptions.csv'), `${enrolments.join('\n')}\n`);
  return learners;
}

describe('a generated training year', () => {
  let out: string;
  let learners: GenLearner[];
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facturier-year-'));
    for (const f of fs.readdirSync(demoWorkbook))
      fs.copyFileSync(path.join(demoWorkbook, f), path.join(dir, f));
    learners = generateYear(dir);
    out = (await local({ action: 'monthly', workbook: dir, today: '2026-12-05' })).out;
  });

  it('gives the BPF of 2026 recomputed from the invoice lines and the generated rows', async () => {
    const bpf = await local({
      action: 'bpf',
      from: out,
      today: '2027-02-01',
      form: { year: '2026' },
    });
    const tab = readCsv(bpf.out, 'BPF');
    const amount = (frame: string, code: string) =>
      cents(
        (tab.find((r) => r[1] === frame && r[2] === code)?.[4] ?? '').replace(
          /[\s\u00a0\u202f]/g,
          '',
        ),
      );
    // Cadre C from the Lignes tab (training lines, net excl. VAT) and each invoice's buyer.
    const register = readCsv(out, 'Factures');
    const rh = register[0] ?? [];
    const buyer = new Map(
      register
        .slice(1)
        .map((r) => [r[rh.indexOf('Numéro')] ?? '', r[rh.indexOf('Code acheteur')] ?? '']),
    );
    const kinds = new Map<string, GenClient>(CLIENTS.map((c) => [c.code, c]));
    // The demo's own clients: Brioche and Nexum are companies, Verdi a sponsor, OPCO Atlas and
    // France Travail financers.
    for (const code of ['BRIOCHE', 'NEXUM', 'LUMEN'])
      kinds.set(code, { code, kind: 'entreprise', bpfLine: '' });
    kinds.set('VERDI', { code: 'VERDI', kind: 'commanditaire', bpfLine: '' });
    for (const code of ['OPCOATL', 'FT']) kinds.set(code, { code, kind: 'financeur', bpfLine: '' });
    const lines = readCsv(out, 'Lignes');
    const lh = lines[0] ?? [];
    const want = new Map<string, bigint>();
    // Every generated session is invoiced (no draft left for want of a mention).
    expect(lines.slice(1).filter((r) => /^brouillon/.test(r[lh.indexOf('Facture')] ?? ''))).toEqual(
      [],
    );
    for (const r of lines.slice(1)) {
      if (r[lh.indexOf('Onglet source')] !== 'enrolments') continue;
      const client = kinds.get(buyer.get(r[lh.indexOf('Facture')] ?? '') ?? '');
      if (!client) throw new Error(`no buyer for ${r[lh.indexOf('Facture')]}`);
      const line = expectedLine(client);
      const net = cents((r[lh.indexOf('Net HT')] ?? '').replace(/[\s\u00a0\u202f]/g, ''));
      want.set(line, (want.get(line) ?? 0n) + net);
    }
    expect(want.size).toBeGreaterThan(4);
    let total = 0n;
    for (const code of ['1', '2a', '2b', '2c', '2d', '2e', '2f', '2g', '2h', '3', '4', '5']) {
      expect({ code, amount: amount('C', code) }).toEqual({ code, amount: want.get(code) ?? 0n });
    }
    for (const code of ['6', '7', '8', '9', '10', '11']) {
      expect({ code, amount: amount('C', code) }).toEqual({ code, amount: want.get(code) ?? 0n });
    }
    for (const v of want.values()) total += v;
    const funds = [...want.entries()]
      .filter(([k]) => k.startsWith('2'))
      .reduce((s, [, v]) => s + v, 0n);
    expect(amount('C', '2')).toBe(funds);
    expect(amount('C', 'Total')).toBe(total);
    // Cadre F-1 from the generated rows, plus the demo's six learners (line a, 105 hours).
    for (const code of ['a', 'b', 'c', 'd', 'e']) {
      const mine = learners.filter((l) => l.type === code);
      const demo = code === 'a' ? { n: 6, h: 105 } : { n: 0, h: 0 };
      const row = tab.find((r) => r[1] === 'F-1' && r[2] === code);
      expect({ code, learners: row?.[5], hours: row?.[6] }).toEqual({
        code,
        learners: String(mine.length + demo.n),
        hours: String(mine.reduce((s, l) => s + l.hours, 0) + demo.h),
      });
    }
  });

  it('writes December’s entries with every training invoice in the sales journal', async () => {
    const run = await local({
      action: 'entries',
      from: out,
      today: '2026-12-31',
      form: { from: '01/12/2026', to: '31/12/2026' },
    });
    const file = path.join(
      run.out,
      'drive',
      'Facturier',
      'Comptabilité',
      '832954317FEC_2026-12.txt',
    );
    const rows = fecLines(file).slice(1);
    const entries = checkEntries(rows);
    const lines = readCsv(out, 'Lignes');
    const lh = lines[0] ?? [];
    const invoices = new Set(
      lines
        .slice(1)
        .filter((r) => r[lh.indexOf('Onglet source')] === 'enrolments')
        .map((r) => r[lh.indexOf('Facture')] ?? ''),
    );
    expect(invoices.size).toBeGreaterThan(20);
    const pieces = new Set([...entries.values()].map((e) => e[0]?.[8]));
    for (const number of invoices) expect(pieces.has(number)).toBe(true);
  });
});
