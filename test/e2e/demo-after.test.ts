/**
 * The demo's weeks after its monthly job (`npm run demo`, out/demo/after), run as the demo runs
 * them, each step checked against amounts worked out by hand from the demo workbook.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import PostalMime from 'postal-mime';
import { DEMO_STEPS, runDemo } from '../../tools/local/demo';
import { checkOut } from '../../tools/local/check-out';
import { pdfText } from '../../tools/pdf-text-client';
import { demoWorkbook, local, readCsv, tempDir, walk } from './helpers';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
type Outcome = { ok: boolean; message: string; errors?: Record<string, string> };

let out: string;
let code: number;
const log: string[] = [];
const step = (name: string) => path.join(out, 'after', name);
const csv = (dir: string, tab: string) => readCsv(dir, tab).map((r) => r.map(plain));

function cell(dir: string, tab: string, first: string, header: string): string {
  const rows = csv(dir, tab);
  const h = rows[0] ?? [];
  return rows.find((r) => r[0] === first)?.[h.indexOf(header)] ?? '';
}

/** The status tab's row of `number`: total, paid, balance, due date, status, label. */
function status(dir: string, number: string): string[] | undefined {
  return csv(dir, 'Suivi des paiements')
    .find((r) => r[0] === number)
    ?.slice(3, 9);
}

async function mails(dir: string): Promise<{ to: string; subject: string; text: string }[]> {
  const list = [];
  for (const f of walk(path.join(dir, 'mail')).filter((x) => x.endsWith('.eml'))) {
    const m = await PostalMime.parse(fs.readFileSync(f));
    list.push({
      to: m.to?.[0]?.address ?? '',
      subject: m.subject ?? '',
      text: plain(m.text ?? ''),
    });
  }
  return list;
}

function pdf(dir: string, number: string): string {
  const f = walk(path.join(dir, 'drive')).find(
    (x) =>
      path.basename(x).startsWith(`${number} `) && x.endsWith('.pdf') && !x.endsWith('.gdoc.pdf'),
  );
  return plain(pdfText(f ?? '')).replace(/\s+/g, ' ');
}

beforeAll(async () => {
  out = tempDir('demo');
  code = await runDemo({ workbook: demoWorkbook, out }, (s) => log.push(s));
});

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('the demo, the weeks after its monthly job', () => {
  it('runs every step, each a complete out folder', async () => {
    expect(code).toBe(0);
    expect(fs.readdirSync(path.join(out, 'after')).sort()).toEqual(DEMO_STEPS.map((s) => s.name));
    for (const s of DEMO_STEPS) {
      expect(log.join('\n')).toContain(`${s.name}: ${s.story}`);
      const run = JSON.parse(fs.readFileSync(path.join(step(s.name), 'run.json'), 'utf8')) as {
        error: string | null;
      };
      expect(run.error).toBeNull();
    }
    // The steps that issue documents leave PDFs and emails the check-out accepts.
    for (const s of ['04-debit-note', '09-january']) expect(await checkOut(step(s))).toEqual([]);
  });

  it('a contested self-billed month: no payment on it, a credit note under the mandate, billed again', async () => {
    expect(status(step('01-contested'), 'AF-CLEMENT-2026-0001')?.slice(4)).toEqual([
      'en attente',
      'Contestée : à corriger',
    ]);
    const refused = await local({
      action: 'record-payment',
      from: step('01-contested'),
      today: '2026-12-07',
      form: {
        invoice: 'AF-CLEMENT-2026-0001',
        date: '07/12/2026',
        amount: '222',
        method: 'virement',
      },
    });
    expect((refused.report.outcome as Outcome).ok).toBe(false);

    // The credit note in her own series, for all of it: 222,00 (franchise, no VAT).
    const two = step('02-self-billed-credit-note');
    expect(cell(two, 'Factures', 'AF-CLEMENT-2026-0002', 'Type')).toBe('autofacture-avoir');
    expect(cell(two, 'Factures', 'AF-CLEMENT-2026-0002', 'Total TTC')).toBe('-222,00');
    expect(cell(two, 'Factures', 'AF-CLEMENT-2026-0001', 'Statut')).toBe('annulée par avoir');
    expect((await mails(two)).map((m) => m.to)).toEqual(['claire.clement@mentor.example']);

    // Billed again with the session corrected. From 1 September 2026: mentoring level 2 at
    // 38,00 × 3 (Léa Martin) = 114,00; level 1 at 32,00 (Hugo Bernard, 5 November); defence
    // level 2 at 60,00 (Inès Moreau); Hugo Bernard on 17 November now attended, 32,00 instead
    // of the no-show's 50 % (16,00): 114 + 32 + 60 + 32 = 238,00.
    const three = step('03-self-billed-again');
    expect(cell(three, 'Factures', 'AF-CLEMENT-2026-0003', 'Total TTC')).toBe('238,00');
    expect(cell(three, 'Factures', 'AF-CLEMENT-2026-0003', 'Période')).toBe('2026-11');
    expect(status(three, 'AF-CLEMENT-2026-0003')?.slice(4)).toEqual([
      'en attente',
      'En attente d’approbation',
    ]);
    // The cancelled month is owed no more.
    expect(status(three, 'AF-CLEMENT-2026-0001')).toBeUndefined();
    const sent = await mails(three);
    expect(sent.map((m) => m.to)).toEqual(['claire.clement@mentor.example']);
    expect(sent[0]?.text).toContain('238,00');
  });

  it('a debit note supplements an invoice, due on its own', () => {
    // 120,00 TTC at FA-2026-00002's 20 %: 100,00 HT + 20,00; Lumen's 30 days from 9 December.
    const four = step('04-debit-note');
    expect(status(four, 'FA-2026-00009')).toEqual([
      '120,00',
      '0,00',
      '120,00',
      '08/01/2027',
      'à payer',
      'À payer d’ici le 08/01/2027',
    ]);
    const text = pdf(four, 'FA-2026-00009');
    expect(text).toContain('NOTE DE DÉBIT FA-2026-00009');
    expect(text).toContain('FA-2026-00002');
  });

  it("a provider's e-invoice is read, recomputed and matched to its billing call", () => {
    const eight = step('08-received');
    const rows = csv(eight, 'Factures reçues');
    const h = rows[0] ?? [];
    const col = (r: string[] | undefined, name: string) => r?.[h.indexOf(name)] ?? '';
    const pd11 = rows.find((r) => col(r, 'Numéro') === 'PD-2026-011');
    const pd12 = rows.find((r) => col(r, 'Numéro') === 'PD-2026-012');
    // 2 sessions × 54,00, franchise en base: 108,00 stated and recomputed, as called.
    expect(['TTC indiqué', 'TTC recalculé', 'Appel rapproché'].map((n) => col(pd11, n))).toEqual([
      '108,00',
      '108,00',
      '2026-11:DURAND',
    ]);
    expect(col(pd11, 'Résultat')).toBe(
      'rapprochée de l’appel 2026-11:DURAND : facture reçue le 14/12/2026',
    );
    expect(col(pd12, 'Appel rapproché')).toBe('');
    expect(col(pd12, 'Résultat')).toContain('aucun appel à facturation ouvert de DURAND');
    // The call is received: due 30 days later (the provider's terms).
    expect(cell(eight, 'Appels à facturation', '2026-11:DURAND', 'Facture reçue le')).toBe(
      '14/12/2026',
    );
    expect(cell(eight, 'Appels à facturation', '2026-11:DURAND', "Date d'échéance")).toBe(
      '13/01/2027',
    );
    // Both files kept in Drive, in the folder of received invoices.
    const kept = walk(path.join(eight, 'drive')).filter((f) => f.includes('Factures reçues'));
    expect(kept.map((f) => path.basename(f).replace(/^\w{8} /, '')).sort()).toEqual([
      'Facture PD-2026-011.pdf',
      'PD-2026-012.xml',
    ]);
  });

  it("a client's credit is deducted from its next invoice", async () => {
    // Paid in full, then 120,00 credited: 120,00 paid beyond what is owed, asked for the next
    // invoice.
    const seven = step('07-credit-applied');
    expect(status(seven, 'FA-2026-00007')?.slice(1, 3)).toEqual(['2 587,68', '-120,00']);
    const eight = step('09-january');
    expect(status(eight, 'FA-2026-00007')?.slice(1, 3)).toEqual(['2 467,68', '0,00']);
    // The December line: 500,00 HT + 100,00 VAT = 600,00, less the credit: 480,00 asked.
    expect(cell(eight, 'Factures', 'FA-2027-00001', 'Total TTC')).toBe('600,00');
    expect(status(eight, 'FA-2027-00001')?.slice(0, 3)).toEqual(['480,00', '0,00', '480,00']);
    const text = pdf(eight, 'FA-2027-00001');
    expect(text).toContain('Crédit imputé (TTC) 120,00 €');
    expect(text).toContain('Net à payer 480,00 €');
    const invoiceMail = (await mails(eight)).find((m) =>
      m.subject.startsWith('Facture FA-2027-00001'),
    );
    expect(invoiceMail?.text).toContain('480,00');
  });
});
