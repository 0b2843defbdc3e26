/**
 * The demo's monthly job gives the expected documents per kind; a source row changed or deleted
 * after issue is reported and never billed again.
 */
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook } from './helpers';

/** Run a small script in the bundle's own context (the same services the add-on sees). */
function probe<T>(world: World, body: string): T {
  const run = runEntry(world, `${bundleCode()}\nfunction __probe() {${body}}`, '__probe');
  if (run.error) throw run.error;
  return run.result as T;
}

const table = (tab: string) => `
  var v = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('${tab}').getDataRange().getValues();
  var h = v[0];
  return v.slice(1).map(function (r) { var o = {}; h.forEach(function (k, i) { o[k] = r[i]; }); return o; });`;

describe('the demo workbook, billed by the monthly job', () => {
  const world = new World({ today: '2026-12-05' });
  importCsvFolder(demoWorkbook, world);
  runEntry(world, bundleCode(), 'runMonthly');
  const register = probe<Record<string, string>[]>(world, table('Factures'));
  const calls = probe<Record<string, string>[]>(world, table('Appels à facturation'));

  it('issues the expected invoices per kind and source', () => {
    const kinds = (prefix: string) =>
      register.filter((r) => String(r['Brouillon']).startsWith(prefix));
    expect(register.filter((r) => r['Type'] === 'autofacture')).toHaveLength(1);
    expect(kinds('sessions:')).toHaveLength(1);
    expect(kinds('timesheets:')).toHaveLength(3);
    expect(kinds('training:')).toHaveLength(3);
    expect(kinds('extra-lines:')).toHaveLength(2);
    // Lumen's own 15 % agency fee (not the setting's 17 %): 7 885 of provider work, fee
    // 7 885 × 0,15 / 0,85 = 1 391,47, so 9 276,47 HT.
    expect(kinds('extra-lines:agency:')[0]?.['Total HT']).toBe(9276.47);
  });

  it('records what is owed to providers: billing calls, the self-billed month, payouts, agency shares', () => {
    const modes = calls.map((r) => r['Mode']).sort();
    expect(modes).toEqual([
      'appel',
      'appel',
      'autofacturation',
      'part agence',
      'part agence',
      'versement CRA',
      'versement CRA',
      'versement CRA',
    ]);
    const flash = calls.find(
      (r) => r['Intervenant'] === 'Nguyen Conseil SASU' && r['Mode'] === 'versement CRA',
    );
    // 18,5 days × 600 €, validated on 2 December; the mission is under Flash (its CRA row), not
    // the provider's Express: due 3 days later, 5 % of the daily rate per day held back.
    expect(flash?.['Montant HT']).toBe(11100);
    expect(flash?.['Net à verser']).toBe(12765);
    expect(String(flash?.['Date d’échéance'] ?? flash?.["Date d'échéance"])).toMatch(
      /Dec 05 2026|2026-12-05/,
    );
    const express = calls.find(
      (r) => r['Intervenant'] === 'Paul Durand EI' && r['Mode'] === 'versement CRA',
    );
    // 12 days × 450 € (franchise) under the provider's Express: 5 400 − 2,5 % × 450 × 12 = 5 265,
    // due 30 days after the validation of 1 December.
    expect(express?.['Net à verser']).toBe(5265);
    expect(String(express?.['Date d’échéance'] ?? express?.["Date d'échéance"])).toMatch(
      /Dec 31 2026|2026-12-31/,
    );
  });

  it('reports a row changed or deleted after issue, and bills neither again', () => {
    probe(
      world,
      `var sh = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('CRA');
       var h = sh.getRange(1, 1, 1, sh.getLastColumn()).getValues()[0];
       var col = h.indexOf('Jours travaillés') + 1;
       var v = sh.getDataRange().getValues();
       for (var r = 1; r < v.length; r++) {
         if (String(v[r][h.indexOf('Statut')]).indexOf('valid') === 0) { sh.getRange(r + 1, col).setValue(20); break; }
       }
       var p = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Prestations');
       p.deleteRow(2);
       return true;`,
    );
    runEntry(world, bundleCode(), 'runMonthly');
    const after = probe<Record<string, string>[]>(world, table('Factures'));
    expect(after).toHaveLength(register.length);
    const journal = probe<Record<string, string>[]>(world, table('Journal'));
    const messages = journal.map((r) => String(r['Message']));
    expect(
      messages.some((m) => m.startsWith('ligne modifiée après l’émission de la facture FA-2026-')),
    ).toBe(true);
    expect(
      messages.some((m) => m.startsWith('ligne facturée sur FA-2026-') && m.includes('supprimée')),
    ).toBe(true);
  });
});
