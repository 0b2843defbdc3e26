/**
 * The accountant's outputs through the built bundle, from the demo workbook after its December
 * job: the accounting entries (Écritures tab and FEC file), the SEPA credit-transfer file (the
 * official schema, the payables marked, a run stopped at every call), and the BPF tab against
 * figures worked out by hand from the demo's tabs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FEC_FIELDS } from '../../src/accounting/fec';
import { checkEntries, fecLines } from './fec-check';
import { isValidIban } from '../../src/domain/identifiers';
import { Recorder } from '../../tools/gas-sim/recorder';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World, type WorldJson } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook, local, readCsv, walk } from './helpers';

const XSD = path.resolve(__dirname, '..', '..', '.cache', 'iso20022', 'pain.001.001.03.xsd');
const FOLDER = path.join('drive', 'Facturier', 'Comptabilité');
const CALLS = 'Appels à facturation';

describe('accounting entries, credit transfers and the BPF', () => {
  let dec: string;
  beforeAll(async () => {
    dec = (await local({ action: 'monthly', workbook: demoWorkbook, today: '2026-12-05' })).out;
  });

  describe('entries of December', () => {
    let first: string;
    let fileName: string;
    beforeAll(async () => {
      const run = await local({
        action: 'entries',
        from: dec,
        today: '2026-12-31',
        form: { from: '01/12/2026', to: '31/12/2026' },
      });
      first = run.out;
      fileName = '832954317FEC_2026-12.txt';
    });

    it('writes a FEC file whose entries balance and are numbered without gaps per journal', () => {
      const [header, ...rows] = fecLines(path.join(first, FOLDER, fileName));
      expect(header).toEqual([...FEC_FIELDS]);
      expect(rows.length).toBeGreaterThan(0);
      const entries = checkEntries(rows);
      // Every invoice issued on 5 December is in the sales journal, for its total incl. VAT
      // debited to the client's account with the client's code as auxiliary account.
      const register = readCsv(first, 'Factures');
      const head = register[0] ?? [];
      const col = (name: string) => head.indexOf(name);
      const issued = register.slice(1).filter((r) => /^FA-/.test(r[col('Numéro')] ?? ''));
      expect(issued.length).toBeGreaterThan(0);
      for (const r of issued) {
        const number = r[col('Numéro')] ?? '';
        const entry = [...entries.values()].find((e) => e[0]?.[8] === number);
        expect(entry?.[0]?.[0]).toBe('VE');
        const client = entry?.find((l) => l[4] === '411000');
        const ttc = (r[col('Total TTC')] ?? '').replace(/[\s\u00a0\u202f]/g, '');
        expect(client?.[11]).toBe(ttc.includes(',') ? ttc : `${ttc},00`);
        expect(client?.[6]).toBe(r[col('Code acheteur')]);
      }
    });

    it('leaves out the payment naming no known invoice, naming its cell', () => {
      // The demo's Paiements row 3 pays FA-2025-00999, which the register does not hold.
      const journal = readCsv(first, 'Journal').filter((r) => r[2] === 'entries');
      const skipped = journal.filter((r) => r[3] === 'avertissement');
      expect(skipped.map((r) => [r[4], r[5], r[7]])).toEqual([
        ['Paiements', 'C3', 'FA-2025-00999'],
      ]);
      expect(skipped[0]?.[6]).toMatch(/paiement sans facture ni appel connu/);
    });

    it('shows the same lines in the Écritures tab', () => {
      const rows = fecLines(path.join(first, FOLDER, fileName)).slice(1);
      const tab = readCsv(first, 'Écritures');
      expect(tab[0]).toEqual([...FEC_FIELDS]);
      expect(tab.slice(1).map((r) => [r[2], r[4], r[8]])).toEqual(
        rows.map((r) => [r[2], r[4], r[8]]),
      );
    });

    it('gives the same file again, which replaces the first in Drive', async () => {
      const again = await local({
        action: 'entries',
        from: first,
        today: '2026-12-31',
        form: { from: '01/12/2026', to: '31/12/2026' },
      });
      expect(fs.readFileSync(path.join(again.out, FOLDER, fileName))).toEqual(
        fs.readFileSync(path.join(first, FOLDER, fileName)),
      );
      const world = World.fromJSON(
        JSON.parse(fs.readFileSync(path.join(again.out, 'state.json'), 'utf8')) as WorldJson,
      );
      const live = [...world.drive.files.values()].filter(
        (f) => f.name === fileName && !world.drive.isTrashed(f),
      );
      expect(live).toHaveLength(1);
    });

    it('refuses a reversed period and writes nothing', async () => {
      const run = await local({
        action: 'entries',
        from: dec,
        today: '2026-12-31',
        form: { from: '31/12/2026', to: '01/12/2026' },
      });
      const outcome = run.report.outcome as { ok: boolean; errors?: Record<string, string> };
      expect(outcome.ok).toBe(false);
      expect(outcome.errors?.['to']).toMatch(/précède/);
      expect(fs.existsSync(path.join(run.out, 'workbook', 'Écritures.csv'))).toBe(
        fs.existsSync(path.join(dec, 'workbook', 'Écritures.csv')),
      );
    });
  });

  describe('SEPA credit transfers', () => {
    let paid: string;
    beforeAll(async () => {
      paid = (
        await local({
          action: 'transfers',
          from: dec,
          today: '2026-12-05',
          form: { upTo: '31/12/2026', execution: '07/12/2026' },
        })
      ).out;
    });

    const xmlFiles = (out: string) =>
      walk(path.join(out, FOLDER)).filter((f) => f.endsWith('.xml'));

    it('writes one pain.001.001.03 file that the official schema accepts', () => {
      const files = xmlFiles(paid);
      expect(files).toHaveLength(1);
      if (!fs.existsSync(XSD))
        throw new Error(`${XSD} is missing: run bash tools/accounting/fetch-pain-xsd.sh`);
      const out = execFileSync('xmllint', ['--noout', '--schema', XSD, files[0] ?? ''], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(out).toBe('');
    });

    it('pays each payable due by the date once, for what remains, to a valid IBAN', () => {
      const xml = fs.readFileSync(xmlFiles(paid)[0] ?? '', 'utf8');
      const all = (tag: string) =>
        [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map(
          (m) => m[1] ?? '',
        );
      const amounts = all('InstdAmt').map((a) => BigInt(a.replace('.', '')));
      const sum = amounts.reduce((s, a) => s + a, 0n);
      expect(all('CtrlSum').map((s) => BigInt(s.replace('.', '')))).toEqual([sum, sum]);
      expect(all('NbOfTxs')).toEqual([String(amounts.length), String(amounts.length)]);
      for (const iban of all('IBAN')) expect(isValidIban(iban)).toBe(true);
      for (const r of all('Ustrd')) expect(r.length).toBeLessThanOrEqual(140);
      // By hand, from the Payment status tab after the December job: Nguyen's CRA payout
      // (12 765,00, due 5 December) and Durand's (5 265,00, due 31 December) are the only
      // payables due by 31 December; the self-billed month waits for its approval and the
      // billing calls for their invoices. Two providers have the code DURAND (Paul and
      // Pauline): his payout stays out of the file, the Journal says why.
      expect(amounts).toEqual([1276500n]);
      // What Nguyen reads on the bank statement: what is paid, its month, who pays.
      expect(all('Ustrd')).toEqual(['Versement CRA 2026-11 Atelier Formation Conseil']);
      // The Journal names both rows of the code in Intervenants.
      const journal = readCsv(paid, 'Journal');
      const line = journal.find((r) =>
        /deux intervenants ont le code «\s*DURAND\s*»/.test(r.join(' ')),
      );
      expect(line?.slice(4, 6)).toEqual(['Intervenants', 'B4, B7']);
      const calls = readCsv(paid, CALLS);
      const head = calls[0] ?? [];
      const marked = calls.slice(1).filter((r) => (r[head.indexOf('Virement SEPA')] ?? '') !== '');
      expect(marked).toHaveLength(1);
      const id = all('MsgId')[0];
      for (const r of marked) expect(r[head.indexOf('Virement SEPA')]).toBe(id);
    });

    it('never puts a payable in a second file', async () => {
      const again = await local({
        action: 'transfers',
        from: paid,
        today: '2026-12-05',
        time: '11:00',
        form: { upTo: '31/12/2026', execution: '07/12/2026' },
      });
      expect(xmlFiles(again.out)).toHaveLength(1);
      const outcome = again.report.outcome as { ok: boolean; message: string };
      expect(outcome.ok).toBe(true);
      expect(outcome.message).toMatch(/Aucune somme due/);
    });

    it('stopped at any call and run again, pays every payable due in exactly one file', () => {
      const code = bundleCode();
      const start = fs.readFileSync(path.join(dec, 'state.json'), 'utf8');
      const form = { upTo: '31/12/2026', execution: '07/12/2026' };
      const clean = World.fromJSON(JSON.parse(start) as WorldJson);
      const ref = runEntry(clean, code, 'submitTransfers', form);
      expect(ref.error).toBeNull();
      const calls = ref.rec.total();
      expect(calls).toBeGreaterThan(5);
      for (let k = 1; k <= calls; k++) {
        const world = World.fromJSON(JSON.parse(start) as WorldJson);
        const rec = new Recorder(undefined, null);
        rec.killAt(k, 'Execution killed');
        const stopped = runEntry(world, code, 'submitTransfers', form, { recorder: rec });
        expect(stopped.killed).toBe(true);
        world.advanceTo('2026-12-05', '10:30');
        const rerun = runEntry(world, code, 'submitTransfers', form);
        expect({ k, error: rerun.error?.message ?? null }).toEqual({ k, error: null });
        // Every transfer of every file, by its payable's remittance.
        const files = [...world.drive.files.values()].filter(
          (f) => f.name.endsWith('.xml') && f.name.startsWith('VIR-') && !world.drive.isTrashed(f),
        );
        const paidRefs = files.flatMap((f) =>
          [
            ...new TextDecoder()
              .decode(f.bytes ?? new Uint8Array())
              .matchAll(/<InstdAmt[^>]*>([^<]*)</g),
          ].map((m) => m[1]),
        );
        expect({ k, amounts: paidRefs }).toEqual({ k, amounts: ['12765.00'] });
        // Marks and files agree: every mark names a file that holds it.
        const sheet = world.sheets.active()?.sheetByName(CALLS);
        const header = Array.from({ length: sheet?.lastColumn() ?? 0 }, (_, c) =>
          sheet?.value(1, c + 1),
        );
        const col = header.indexOf('Virement SEPA') + 1;
        expect(col).toBeGreaterThan(0);
        const marks = new Set<string>();
        for (let r = 2; r <= (sheet?.lastRow() ?? 0); r++) {
          const v = String(sheet?.value(r, col) ?? '');
          if (v !== '') marks.add(v);
        }
        expect({ k, files: files.map((f) => f.name.replace(/\.xml$/, '')).sort() }).toEqual({
          k,
          files: [...marks].sort(),
        });
      }
    });
  });

  describe('the BPF', () => {
    it('gives the demo year’s figures worked out by hand', async () => {
      const run = await local({
        action: 'bpf',
        from: dec,
        today: '2027-01-15',
        form: { year: '2026' },
      });
      const tab = readCsv(run.out, 'BPF');
      const plain = (s: string | undefined) => (s ?? '').replace(/[\s\u00a0\u202f]/g, '');
      const line = (frame: string, code: string) =>
        tab.find((r) => r[1] === frame && r[2] === code);
      // Cadre C, from the register after the December job: FA-2026-00004 (Brioche, a company,
      // 1 290 + 1 290 less 10 % = 2 451,00 excl. VAT) and FA-2026-00006 (Verdi, a sponsor:
      // 672,00) on line 1; FA-2026-00005 (OPCO Atlas, a financer: 1 848,00) on line 2h, and so
      // on line 2; total 4 971,00. No credit note on a training invoice.
      expect(plain(line('C', '1')?.[4])).toBe('3123,00');
      expect(plain(line('C', '2h')?.[4])).toBe('1848,00');
      expect(plain(line('C', '2')?.[4])).toBe('1848,00');
      expect(plain(line('C', '9')?.[4])).toBe('0,00');
      expect(plain(line('C', 'Total')?.[4])).toBe('4971,00');
      // Cadre F-1: FORM-2611-EXCEL (ended 18 November, 21 h) with Julie, Thomas, Camille and
      // Hugo (14 h attended), FORM-2612-MGMT (ends 8 December, 14 h) with Sarah and Karim:
      // 6 employees of private employers (line a), 21 × 3 + 14 + 14 × 2 = 105 hours. Manon's
      // row names an unknown session and counts nowhere.
      expect(line('F-1', 'a')?.slice(5, 7)).toEqual(['6', '105']);
      expect(line('F-1', 'Total')?.slice(5, 7)).toEqual(['6', '105']);
      expect(line('C', '1')?.[3]).toBe('des entreprises pour la formation de leurs salariés');
      expect(tab.every((r, i) => i === 0 || r[0] === '2026')).toBe(true);
    });
  });
});
