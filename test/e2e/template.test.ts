/**
 * The invoice template users may restyle: set-up never overwrites it, and the template check
 * reports what is wrong with it; invoices are numbered but not laid out until it is fixed.
 */
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook } from './helpers';

function probe<T>(world: World, body: string): T {
  const run = runEntry(world, `${bundleCode()}\nfunction __probe() {${body}}`, '__probe');
  if (run.error) throw run.error;
  return run.result as T;
}

/** The templates by name, through the advanced Drive service (all the add-on's scope allows). */
const TEMPLATES = `Drive.Files.list({ q: "name = 'Modèle de facture Facturier' and trashed = false" }).files`;

const rows = (tab: string) => `
  var v = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('${tab}').getDataRange().getValues();
  var h = v[0];
  return v.slice(1).map(function (r) { var o = {}; h.forEach(function (k, i) { o[k] = r[i]; }); return o; });`;

describe('a template restyled by its users', () => {
  const world = new World({ today: '2026-12-05' });
  importCsvFolder(demoWorkbook, world);
  const setup = runEntry(world, bundleCode(), 'menuSetup');
  const templateId = probe<string>(world, `return ${TEMPLATES}[0].id;`);
  // A user restyles the template: a new title, the IBAN placeholder deleted, a typo.
  probe(
    world,
    `var body = DocumentApp.openById('${templateId}').getBody();
     body.replaceText('IBAN\\\\{\\\\{colon\\\\}\\\\} \\\\{\\\\{payment\\\\.iban\\\\}\\\\}', 'Virement sur notre compte');
     body.appendParagraph('Contact : {{seller.emial}}');
     body.insertParagraph(0, 'Notre nouvelle mise en page');
     return true;`,
  );
  const again = runEntry(world, bundleCode(), 'menuSetup');

  it('keeps the changed template: same file, the user’s text still there', () => {
    expect(setup.error).toBeNull();
    expect(again.error).toBeNull();
    expect(probe<string>(world, `return ${TEMPLATES}[0].id;`)).toBe(templateId);
    const text = probe<string>(
      world,
      `return DocumentApp.openById('${templateId}').getBody().getText();`,
    );
    expect(text).toContain('Notre nouvelle mise en page');
    expect(text).not.toContain('{{payment.iban}}');
    expect(probe<number>(world, `return ${TEMPLATES}.length;`)).toBe(1);
  });

  it('says in the set-up outcome and in the Journal which placeholders are missing or unknown', () => {
    const outcome = again.result as { message: string; counts: Record<string, number> };
    expect(outcome.counts['templateMissing']).toBe(1);
    expect(outcome.counts['templateUnknown']).toBe(1);
    expect(outcome.message).toContain('Modèle de facture à corriger (2 champ(s))');
    const journal = probe<Record<string, string>[]>(world, rows('Journal'));
    const found = journal.filter((r) => String(r['Message']).startsWith('Modèle de facture'));
    expect(found.map((r) => r['Niveau'])).toEqual(
      expect.arrayContaining(['erreur', 'avertissement']),
    );
    expect(found.map((r) => r['Message']).join('\n')).toContain('{{payment.iban}}');
    expect(found.map((r) => r['Message']).join('\n')).toContain('{{seller.emial}}');
    expect(found[0]?.['Onglet']).toBe('Paramètres');
    expect(String(found[0]?.['Cellule'])).toMatch(/^B\d+$/);
  });

  it('numbers the invoices but lays none out while a required placeholder is missing, then catches up', () => {
    const run = runEntry(world, bundleCode(), 'runMonthly');
    expect(run.error).toBeNull();
    const register = probe<Record<string, string>[]>(world, rows('Factures'));
    const issued = register.filter((r) => r['Numéro']);
    expect(issued.length).toBe(9);
    expect(issued.every((r) => r['Lien Doc'] === '')).toBe(true);
    const invoiceMails = () =>
      world.mail.sent.filter((m) => /^(Facture|Invoice|Autofacture) /.test(m.subject));
    // Billing calls need no document and go out; invoices wait for their PDF.
    expect(invoiceMails()).toHaveLength(0);

    probe(
      world,
      `DocumentApp.openById('${templateId}').getBody().appendParagraph('IBAN : {{payment.iban}}'); return true;`,
    );
    world.advanceTo('2026-12-06');
    const next = runEntry(world, bundleCode(), 'dispatch');
    expect(next.error).toBeNull();
    const after = probe<Record<string, string>[]>(world, rows('Factures')).filter(
      (r) => r['Numéro'],
    );
    expect(after.map((r) => r['Numéro'])).toEqual(issued.map((r) => r['Numéro']));
    expect(after.every((r) => String(r['Lien Doc']).startsWith('https://'))).toBe(true);
    expect(invoiceMails()).toHaveLength(9);
    expect(invoiceMails().every((m) => m.attachments.length === 1)).toBe(true);
  });
});
