/**
 * Writing the Payment status tab costs the same Apps Script calls for 5,000 invoices as for 10:
 * one read per tab, one write of values and one of colours.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { demoWorkbook, local, tempDir } from './helpers';

function workbookWith(base: string, invoices: number): string {
  const dir = tempDir(`status-${invoices}`);
  for (const f of fs.readdirSync(base)) fs.copyFileSync(path.join(base, f), path.join(dir, f));
  const file = path.join(dir, 'Factures.csv');
  const rows = parse(fs.readFileSync(file, 'utf8'), { relax_column_count: true }) as string[][];
  const header = rows[0] ?? [];
  const model = rows.find((r) => r[0] === 'FA-2026-00002') ?? [];
  const extra: string[][] = [];
  for (let i = 1; i <= invoices; i++) {
    const row = [...model];
    row[0] = `FA-2027-${String(i).padStart(5, '0')}`;
    row[header.indexOf('Contenu (JSON)')] = '';
    row[header.indexOf('Total TTC')] = `${100 + (i % 900)},00`;
    row[header.indexOf("Date d'échéance")] = i % 3 === 0 ? '15/11/2026' : '04/01/2027';
    extra.push(row);
  }
  fs.appendFileSync(file, stringify(extra));
  const pay = path.join(dir, 'Paiements.csv');
  const payments = extra
    .filter((_, i) => i % 4 === 0)
    .map((r, i) => [`p${i}`, '01/12/2026', r[0] ?? '', '50', 'virement', '', '']);
  fs.appendFileSync(pay, stringify(payments));
  return dir;
}

describe('the Payment status tab at scale', () => {
  it('costs a fixed number of calls whatever the number of invoices (10 and 5,000)', async () => {
    const demo = await local({ action: 'monthly', workbook: demoWorkbook, today: '2026-12-05' });
    const base = path.join(demo.out, 'workbook');
    const runs = [];
    for (const n of [10, 5000]) {
      const r = await local({
        action: 'refresh',
        workbook: workbookWith(base, n),
        today: '2026-12-06',
        noLimit: true,
      });
      expect(r.report.error).toBeNull();
      const status = parse(
        fs.readFileSync(path.join(r.out, 'workbook', 'Suivi des paiements.csv'), 'utf8'),
        { relax_column_count: true },
      ) as string[][];
      expect(status.filter((row) => row[0]?.startsWith('FA-2027-'))).toHaveLength(n);
      runs.push(r.report);
    }
    const [small, big] = runs;
    const range = (rep: typeof small) => rep?.calls['Range'] ?? {};
    expect(range(big)['setValues']).toBe(range(small)['setValues']);
    expect(range(big)['setBackgrounds']).toBe(range(small)['setBackgrounds']);
    expect(range(big)['setBackgrounds']).toBe(1);
    expect(range(big)['setFontColors']).toBe(1);
    expect(range(big)['getValues']).toBe(range(small)['getValues']);
    const flat = (rep: typeof small) =>
      Object.entries(rep?.calls ?? {}).flatMap(([s, m]) =>
        Object.entries(m).map(([k, v]) => `${s}.${k}=${v}`),
      );
    // The only extra call: the sheet is given more rows once, when the tab outgrows them.
    expect(flat(big).filter((x) => !flat(small).includes(x))).toEqual(['Sheet.insertRowsAfter=1']);
    expect(big?.totalCalls).toBe((small?.totalCalls ?? 0) + 1);
  });
});
