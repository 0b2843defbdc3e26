/**
 * Payment status end to end, through the built bundle: the tab after the demo's monthly job,
 * the menu's dialogs (record a payment, credit note, write off) with their refusals, payables
 * leaving the list once paid, and reminders once per step.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Money } from '../../src/domain/money';
import PostalMime from 'postal-mime';
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { pdfText } from '../../tools/pdf-text-client';
import { bundleCode, demoWorkbook, local, readCsv, walk } from './helpers';

const STATUS = 'Suivi des paiements';
const expected = path.join(__dirname, 'expected', 'payment-status.csv');

type Outcome = { ok: boolean; message: string; errors?: Record<string, string> };

/** Sheets writes amounts with no-break spaces; the expectations below use plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const csvOf = (out: string, tab: string) => readCsv(out, tab).map((r) => r.map(plain));
/** Row IDs start with the run's own prefix: compare them without it. */
const noRunIds = (s: string) => s.replace(/\b[0-9a-f]{12}-/g, '<run>-');

const dataRows = (rows: string[][]) => rows.slice(5);
const rowOf = (rows: string[][], number: string) => rows.find((r) => r[0] === number);
const mails = (out: string) => walk(path.join(out, 'mail')).filter((f) => f.endsWith('.eml'));

async function subjects(out: string): Promise<string[]> {
  const list: string[] = [];
  for (const f of mails(out)) list.push((await PostalMime.parse(fs.readFileSync(f))).subject ?? '');
  return list.sort();
}

/** Per email: its recipient, the invoice numbers it names, its attachments; by recipient. */
async function invoicesByEmail(out: string): Promise<[string, string[], number][]> {
  const list: [string, string[], number][] = [];
  for (const f of mails(out)) {
    const m = await PostalMime.parse(fs.readFileSync(f));
    const numbers = [...new Set((m.text ?? '').match(/FA-2026-\d{5}/g) ?? [])].sort();
    list.push([m.to?.[0]?.address ?? '', numbers, m.attachments.length]);
  }
  return list.sort((a, b) => a[0].localeCompare(b[0]));
}

describe('the Payment status tab', () => {
  let demo: string;
  beforeAll(async () => {
    demo = (await local({ action: 'monthly', workbook: demoWorkbook, today: '2026-12-05' })).out;
  });

  it('matches the hand-checked expected tab after the demo’s monthly job', () => {
    // Checked by hand against the demo workbook: 1 000 € paid on FA-2026-00001; due dates 30
    // days after issue (45 for Nexum); payouts less their option's fee (Flash 5 %, Express
    // 2,5 % of the daily rate); billing calls and the self-billed month waiting; totals on top.
    // Nguyen's Nexum mission is under Flash (its CRA row), not his own Express: 18,5 × 600 =
    // 11 100 HT + 2 220 VAT = 13 320, less 5 % × 600 × 18,5 = 555 → 12 765, due 3 days after
    // the 2 December validation. Durand (Express): 12 × 450 = 5 400 (franchise), less
    // 2,5 % × 450 × 12 = 135 → 5 265, due 30 days after 1 December. Due in December: 18 030.
    const csv = (file: string) => noRunIds(fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n'));
    expect(csv(path.join(demo, 'workbook', `${STATUS}.csv`))).toBe(csv(expected));
  });

  it('recording a payment through the menu changes exactly one row, and a refused one nothing', async () => {
    const before = csvOf(demo, STATUS);
    const paid = await local({
      action: 'record-payment',
      from: demo,
      // The day of the run: no other row's status moves with the date (Nguyen's payout falls
      // due that day).
      today: '2026-12-05',
      form: {
        invoice: 'fa-2026-00002',
        date: '05/12/2026',
        amount: '2 000,00',
        method: 'virement',
        reference: 'VIR <Lumen> & Fils',
      },
    });
    expect((paid.report.outcome as Outcome).ok).toBe(true);
    const after = csvOf(paid.out, STATUS);
    const changed = dataRows(after).filter(
      (r, i) => r.join('|') !== dataRows(before)[i]?.join('|'),
    );
    expect(changed.map((r) => r.slice(0, 9))).toEqual([
      [
        'FA-2026-00002',
        'Studio Lumen & Fils',
        'à encaisser',
        '5 928,00',
        '2 000,00',
        '3 928,00',
        '04/01/2027',
        'partielle',
        'Payé 2 000,00 € sur un total de 5 928,00 €',
      ],
    ]);
    // Outstanding receivables went down by the payment.
    expect(after[1]?.[5]).toBe('42 412,64');
    const payments = csvOf(paid.out, 'Paiements');
    expect(payments).toHaveLength(csvOf(demo, 'Paiements').length + 1);
    expect(payments[payments.length - 1]?.slice(1, 6)).toEqual([
      '05/12/2026',
      'FA-2026-00002',
      '2 000,00',
      'virement',
      'VIR <Lumen> & Fils',
    ]);

    for (const [form, field, text] of [
      [{ invoice: 'FA-2026-09999', date: '09/12/2026', amount: '10' }, 'invoice', 'Numéro inconnu'],
      [
        { invoice: 'FA-2026-00001', date: '09/12/2026', amount: '5 480,01' },
        'amount',
        'Montant supérieur au reste dû de FA-2026-00001',
      ],
      [
        { invoice: 'FA-2026-00001', date: '31/12/2026', amount: '10' },
        'date',
        'Date dans le futur',
      ],
      [{ invoice: 'FA-2026-00001', date: '09/12/2026', amount: 'dix' }, 'amount', 'dix'],
    ] as const) {
      const refused = await local({
        action: 'record-payment',
        from: demo,
        today: '2026-12-10',
        form,
      });
      const o = refused.report.outcome as Outcome;
      expect(o.ok).toBe(false);
      expect(plain(o.errors?.[field] ?? '')).toContain(text);
      expect(csvOf(refused.out, 'Paiements')).toEqual(csvOf(demo, 'Paiements'));
    }
  });

  it('the menu item opens a dialog whose form posts to the server through google.script.run', () => {
    const world = new World({ today: '2026-12-05' });
    importCsvFolder(demoWorkbook, world);
    for (const [entry, submit] of [
      ['menuRecordPayment', 'submitPayment'],
      ['menuCreditNote', 'submitCreditNote'],
      ['menuDebitNote', 'submitDebitNote'],
      ['menuApplyCredit', 'submitApplyCredit'],
      ['menuWriteOff', 'submitWriteOff'],
      ['menuReceive', 'submitReceive'],
    ] as const) {
      const run = runEntry(world, bundleCode(), entry);
      expect(run.error).toBeNull();
      const shown = world.ui.html[world.ui.html.length - 1];
      expect(shown?.kind).toBe('modal');
      expect(shown?.content).toContain(`google.script.run.withSuccessHandler(show)`);
      expect(shown?.content).toContain(`.${submit}(data)`);
      expect(shown?.content).toMatch(
        entry === 'menuReceive' ? /name="files"[^>]* type="file" multiple/ : /name="invoice"/,
      );
    }
  });

  it('a payable leaves the list once the payment made is recorded, and its provider is told', async () => {
    const payout = dataRows(csvOf(demo, STATUS)).find(
      (r) => r[1] === 'Paul Durand EI' && r[0]?.startsWith('payout:'),
    );
    expect(payout?.[5]).toBe('5 265,00');
    const paid = await local({
      action: 'record-payment',
      from: demo,
      today: '2026-12-06',
      form: { invoice: payout?.[0] ?? '', date: '06/12/2026', amount: '5265', method: 'virement' },
    });
    expect((paid.report.outcome as Outcome).ok).toBe(true);
    const rows = csvOf(paid.out, STATUS);
    expect(rowOf(rows, payout?.[0] ?? '')).toBeUndefined();
    // What is still due to providers this month: Nguyen's payout, 12 765,00.
    expect(rows[3]?.[5]).toBe('12 765,00');
    const calls = csvOf(paid.out, 'Appels à facturation');
    const h = calls[0] ?? [];
    const row = calls.find((r) => r[0] === payout?.[0]) ?? [];
    expect(row[h.indexOf('Payé le')]).toBe('06/12/2026');
    expect(row[h.indexOf('Confirmation envoyée le')]).toMatch(/^06\/12\/2026/);
    expect(await subjects(paid.out)).toEqual([
      `Paiement effectué\u00a0: ${payout?.[0]} — Atelier Formation Conseil`,
    ]);
    const mail = await PostalMime.parse(fs.readFileSync(mails(paid.out)[0] ?? ''));
    expect(mail.to?.map((a) => a.address)).toEqual(['paul.durand@freelance.example']);
    expect(plain(mail.text ?? '')).toContain('5 265,00');
  });

  it('a credit note for all of an invoice cancels it; one above what remains is refused', async () => {
    const tooMuch = await local({
      action: 'credit-note',
      from: demo,
      today: '2026-12-08',
      form: { invoice: 'FA-2026-00006', amount: '806,41', reason: 'Erreur de tarif' },
    });
    const refused = tooMuch.report.outcome as Outcome;
    expect(refused.ok).toBe(false);
    expect(plain(refused.errors?.['amount'] ?? '')).toContain(
      // Verdi's part: Hugo Lefèvre's 252,00 attended after the OPCO's 70 % and 420,00 not
      // attended = 672,00 HT + 20 % VAT = 806,40 (Camille Roux is financed at 100 %).
      'il reste 806,40 € TTC à créditer sur FA-2026-00006',
    );
    const noReason = await local({
      action: 'credit-note',
      from: demo,
      today: '2026-12-08',
      form: { invoice: 'FA-2026-00006' },
    });
    expect((noReason.report.outcome as Outcome).errors?.['reason']).toBe(
      'Indiquez le motif de l’avoir',
    );

    const full = await local({
      action: 'credit-note',
      from: demo,
      today: '2026-12-08',
      form: { invoice: 'FA-2026-00006', reason: 'Formation annulée & reportée' },
    });
    expect(plain((full.report.outcome as Outcome).message)).toContain(
      'Avoir AV-2026-00001 émis (806,40 € TTC) : la facture est annulée',
    );
    const row = rowOf(csvOf(full.out, STATUS), 'FA-2026-00006');
    expect(row?.slice(4, 9)).toEqual([
      '0,00',
      '0,00',
      '04/01/2027',
      'annulée',
      'Annulée par avoir',
    ]);
    const register = csvOf(full.out, 'Factures');
    const h = register[0] ?? [];
    expect(register.find((r) => r[0] === 'FA-2026-00006')?.[h.indexOf('Statut')]).toBe(
      'annulée par avoir',
    );
    const av = register.find((r) => r[0] === 'AV-2026-00001') ?? [];
    expect([av[h.indexOf('Type')], av[h.indexOf('Avoir sur')], av[h.indexOf('Total TTC')]]).toEqual(
      ['avoir', 'FA-2026-00006', '-806,40'],
    );
    expect(await subjects(full.out)).toEqual(['Avoir AV-2026-00001 — Atelier Formation Conseil']);
    const again = await local({
      action: 'credit-note',
      from: full.out,
      today: '2026-12-09',
      form: { invoice: 'FA-2026-00006', reason: 'x' },
    });
    expect((again.report.outcome as Outcome).errors?.['invoice']).toContain(
      'déjà annulée par avoir',
    );
  });

  it('a supplement is billed by a debit note: numbered as an invoice, naming it, due on its own', async () => {
    const refused = await local({
      action: 'debit-note',
      from: demo,
      today: '2026-12-08',
      form: { invoice: 'FA-2026-00002', amount: '-50', reason: 'Réduction' },
    });
    expect((refused.report.outcome as Outcome).errors?.['amount']).toContain('avoir');
    expect(csvOf(refused.out, 'Factures')).toEqual(csvOf(demo, 'Factures'));

    const issued = await local({
      action: 'debit-note',
      from: demo,
      today: '2026-12-08',
      form: { invoice: 'FA-2026-00002', amount: '120,00', reason: 'Deux visuels supplémentaires' },
    });
    expect((issued.report.outcome as Outcome).ok).toBe(true);
    const register = csvOf(issued.out, 'Factures');
    const h = register[0] ?? [];
    const nd = register[register.length - 1] ?? [];
    // 120,00 TTC at the invoice's 20 %: 100,00 HT + 20,00 VAT; the next invoice number; due
    // 30 days after 8 December (Lumen's terms).
    expect([
      nd[0],
      nd[h.indexOf('Type')],
      nd[h.indexOf('Total HT')],
      nd[h.indexOf('Total TTC')],
      nd[h.indexOf("Date d'échéance")],
    ]).toEqual(['FA-2026-00009', 'note-de-debit', '100,00', '120,00', '07/01/2027']);
    const status = rowOf(csvOf(issued.out, STATUS), 'FA-2026-00009');
    expect(status?.slice(3, 8)).toEqual(['120,00', '0,00', '120,00', '07/01/2027', 'à payer']);
    const pdf = walk(path.join(issued.out, 'drive')).find(
      (f) =>
        path.basename(f).startsWith('FA-2026-00009') &&
        f.endsWith('.pdf') &&
        !f.endsWith('.gdoc.pdf'),
    );
    const text = plain(pdfText(pdf ?? '')).replace(/\s+/g, ' ');
    expect(text).toContain('NOTE DE DÉBIT FA-2026-00009');
    expect(text).toContain('FA-2026-00002');
    expect(text).toContain('Total TTC 120,00 €');
    expect(await invoicesByEmail(issued.out)).toEqual([
      ['studio@lumen-fils.example', ['FA-2026-00009'], 1],
    ]);
  });

  it('reminders go once per step, never for a paid or written-off invoice', async () => {
    const first = await local({ action: 'remind', from: demo, today: '2027-01-01' });
    // J-3 of 4 January: the seven unpaid invoices due that day (Nexum is due on 19 January),
    // in one email per client, each invoice's PDF attached.
    const byClient = await invoicesByEmail(first.out);
    expect(byClient).toEqual([
      ['compta@brioche-cie.example', ['FA-2026-00001', 'FA-2026-00004', 'FA-2026-00007'], 3],
      ['factures@opco-atlas.example', ['FA-2026-00005'], 1],
      ['gerance@verdi-paysages.example', ['FA-2026-00006'], 1],
      ['studio@lumen-fils.example', ['FA-2026-00002', 'FA-2026-00008'], 2],
    ]);
    // Made again from their Docs in this later run, the PDFs are still Factur-X PDFs, each with
    // its own invoice's XML.
    for (const f of mails(first.out)) {
      const m = await PostalMime.parse(fs.readFileSync(f));
      for (const a of m.attachments) {
        const bytes = Buffer.from(a.content as ArrayBuffer).toString('latin1');
        const number = (a.filename ?? '').split(' - ')[0] ?? '';
        expect([number, bytes.includes('/AFRelationship /Alternative')]).toEqual([number, true]);
        expect(bytes).toContain(`<ram:ID>${number}</ram:ID>`);
      }
    }
    const sent = await subjects(first.out);
    expect(sent.filter((s) => s.startsWith('Rappel\u00a0: facture FA-2026-'))).toHaveLength(2);
    // The grouped email's total is what the status tab says is left on its invoices.
    const status = csvOf(first.out, STATUS);
    const left = (numbers: string[]): string =>
      numbers
        .reduce(
          (sum, n) =>
            sum.plus(Money.of((rowOf(status, n)?.[5] ?? '').replace(/\s/g, '').replace(',', '.'))),
          Money.zero(),
        )
        .toFixed(2)
        .replace('.', ',');
    const brioche = sent.find((s) => s.startsWith('Rappel\u00a0: 3 factures'));
    expect(brioche?.replace(/\s/g, '')).toContain(
      `(${left(['FA-2026-00001', 'FA-2026-00004', 'FA-2026-00007'])}€)`,
    );
    const rows = csvOf(first.out, STATUS);
    expect(rowOf(rows, 'FA-2026-00002')?.slice(9, 12)).toEqual(['01/01/2027', '11/01/2027', '-3']);
    expect(rowOf(rows, 'FA-2026-00003')?.slice(9, 12)).toEqual(['', '16/01/2027', '']);

    const second = await local({ action: 'remind', from: first.out, today: '2027-01-01' });
    expect(mails(second.out)).toHaveLength(0);
    expect(csvOf(second.out, STATUS)).toEqual(rows);

    const lost = await local({
      action: 'write-off',
      from: second.out,
      today: '2027-01-05',
      form: { invoice: 'FA-2026-00002', reason: 'Client en liquidation judiciaire' },
    });
    expect((lost.report.outcome as Outcome).ok).toBe(true);
    expect(rowOf(csvOf(lost.out, STATUS), 'FA-2026-00002')?.slice(7, 9)).toEqual([
      'mise en perte',
      'Mise en perte',
    ]);
    const paid = await local({
      action: 'record-payment',
      from: lost.out,
      today: '2027-01-06',
      form: { invoice: 'FA-2026-00004', date: '06/01/2027', amount: '2 941,20', method: 'chèque' },
    });
    const refusedWriteOff = await local({
      action: 'write-off',
      from: paid.out,
      today: '2027-01-06',
      form: { invoice: 'FA-2026-00004', reason: 'x' },
    });
    expect((refusedWriteOff.report.outcome as Outcome).errors?.['invoice']).toContain(
      'rien à mettre en perte',
    );

    const week = await local({ action: 'remind', from: paid.out, today: '2027-01-11' });
    // J+7: FA-2026-00002 is written off, FA-2026-00004 paid; Brioche's two left go together.
    expect(await invoicesByEmail(week.out)).toEqual([
      ['compta@brioche-cie.example', ['FA-2026-00001', 'FA-2026-00007'], 2],
      ['factures@opco-atlas.example', ['FA-2026-00005'], 1],
      ['gerance@verdi-paysages.example', ['FA-2026-00006'], 1],
      ['studio@lumen-fils.example', ['FA-2026-00008'], 1],
    ]);
    const later = await subjects(week.out);
    expect(later.filter((s) => s.startsWith('Relance\u00a0: 2 factures à régler'))).toHaveLength(1);
    expect(later.filter((s) => /^Relance\u00a0: facture FA-2026-\d{5} échue/.test(s))).toHaveLength(
      3,
    );
    const grouped = await PostalMime.parse(
      fs.readFileSync(
        mails(week.out).find((f) => fs.readFileSync(f, 'utf8').includes('compta@brioche-cie')) ??
          '',
      ),
    );
    // FA-2026-00001: 6 480,00 TTC less the 1 000,00 paid on 5 December.
    expect(plain(grouped.text ?? '')).toMatch(
      /^FA-2026-00001 +04\/01\/2027 +6 480,00 € +5 480,00 € +BRIOCHE FA-2026-00001$/m,
    );
    expect(grouped.attachments.map((a) => a.mimeType)).toEqual([
      'application/pdf',
      'application/pdf',
    ]);
    // The Relances column lists the steps sent: -3, then 7.
    expect(rowOf(csvOf(week.out, STATUS), 'FA-2026-00001')?.[11]).toBe('-3;7');
  });
});
