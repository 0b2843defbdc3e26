/** Data validation (DataValidationBuilder) and protection (Protection) as in Apps Script. */
import { start, thrown, worldWithWorkbook } from './helpers';

function setup() {
  const { world } = worldWithWorkbook();
  const { gas } = start(world);
  const ss = gas.SpreadsheetApp.getActiveSpreadsheet();
  const sh = ss.getActiveSheet();
  return { world, gas, ss, sh };
}

describe('data validation', () => {
  it('a list rule reports its criteria, values and allowInvalid as Apps Script does', () => {
    const { gas, sh } = setup();
    const rule = gas.SpreadsheetApp.newDataValidation()
      .requireValueInList(['réalisée', 'absent', 'annulée'], true)
      .setAllowInvalid(false)
      .setHelpText('Choisir un statut')
      .build();
    sh.getRange('D2:D50').setDataValidation(rule);
    const got = sh.getRange('D10').getDataValidation();
    expect(String(got?.getCriteriaType())).toBe(
      String(gas.SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST),
    );
    expect(got?.getCriteriaValues()).toEqual([['réalisée', 'absent', 'annulée'], true]);
    expect(got?.getAllowInvalid()).toBe(false);
    expect(got?.getHelpText()).toBe('Choisir un statut');
    expect(sh.getRange('D1').getDataValidation()).toBeNull();
    expect(
      sh
        .getRange('D1:D2')
        .getDataValidations()
        .map((r) => r[0] === null),
    ).toEqual([true, false]);
  });

  it('the builder allows invalid data by default (a warning in the UI, no rejection)', () => {
    const { gas, sh } = setup();
    const rule = gas.SpreadsheetApp.newDataValidation().requireValueInList(['a']).build();
    expect(rule.getAllowInvalid()).toBe(true);
    sh.getRange('A1').setDataValidation(rule).setValue('zzz');
    expect(sh.getRange('A1').getValue()).toBe('zzz');
  });

  it('a "reject input" rule refuses a script write with the Sheets message; empty is allowed', () => {
    const { gas, sh } = setup();
    const rule = gas.SpreadsheetApp.newDataValidation()
      .requireValueInList(['oui', 'non'])
      .setAllowInvalid(false)
      .build();
    sh.getRange('B2:B3').setDataValidation(rule);
    sh.getRange('B2').setValue('oui');
    expect(String(thrown(() => sh.getRange('B2:B3').setValues([['non'], ['peut-être']])))).toBe(
      'Exception: The data you entered in cell B3 violates the data validation rules set on this cell.',
    );
    expect(sh.getRange('B2').getValue()).toBe('oui');
    sh.getRange('B2').setValue('');
    expect(sh.getRange('B2').getValue()).toBe('');
  });

  it('number, date, checkbox and range rules', () => {
    const { gas, sh } = setup();
    const b = () => gas.SpreadsheetApp.newDataValidation().setAllowInvalid(false);
    sh.getRange('A1').setDataValidation(b().requireNumberBetween(0, 100).build());
    sh.getRange('B1').setDataValidation(b().requireDate().build());
    sh.getRange('C1').setDataValidation(b().requireCheckbox().build());
    sh.getRange('E1:E2').setValues([['x'], ['y']]);
    sh.getRange('D1').setDataValidation(b().requireValueInRange(sh.getRange('E1:E2')).build());
    sh.getRange('A1').setValue(50);
    expect(() => sh.getRange('A1').setValue(101)).toThrow(/violates/);
    sh.getRange('B1').setValue('05/11/2026');
    expect(() => sh.getRange('B1').setValue('pas une date')).toThrow(/violates/);
    sh.getRange('C1').setValue(true);
    expect(() => sh.getRange('C1').setValue('VRAIMENT')).toThrow(/violates/);
    sh.getRange('D1').setValue('y');
    expect(() => sh.getRange('D1').setValue('z')).toThrow(/violates/);
  });

  it('copy() gives a builder that keeps the criteria; clearDataValidations removes rules', () => {
    const { gas, sh } = setup();
    const rule = gas.SpreadsheetApp.newDataValidation().requireValueInList(['a', 'b']).build();
    const copy = rule.copy().setAllowInvalid(false).build();
    expect(copy.getCriteriaValues()).toEqual([['a', 'b'], true]);
    expect(copy.getAllowInvalid()).toBe(false);
    sh.getRange('A1:A2').setDataValidation(copy).clearDataValidations();
    expect(sh.getRange('A1').getDataValidation()).toBeNull();
  });
});

describe('protection', () => {
  it('a sheet protection with a warning only, and a description', () => {
    const { gas, ss } = setup();
    const sh = ss.insertSheet('Factures');
    const p = sh.protect().setDescription('Onglet géré par Facturier').setWarningOnly(true);
    expect(p.isWarningOnly()).toBe(true);
    expect(p.getDescription()).toBe('Onglet géré par Facturier');
    expect(String(p.getProtectionType())).toBe('SHEET');
    expect(p.canEdit()).toBe(true);
    const again = sh.getProtections(gas.SpreadsheetApp.ProtectionType.SHEET);
    expect(again).toHaveLength(1);
    expect(again[0]?.getDescription()).toBe('Onglet géré par Facturier');
    expect(sh.protect().getDescription()).toBe('Onglet géré par Facturier');
    expect(ss.getProtections(gas.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(p.getRange().getA1Notation()).toBe('A1:Z1000');
  });

  it('the script (run by the owner) can still write to a protected sheet', () => {
    const { sh } = setup();
    sh.protect();
    sh.getRange('A1').setValue('ok');
    expect(sh.getRange('A1').getValue()).toBe('ok');
  });

  it('range protections are listed by type and can be removed', () => {
    const { gas, sh } = setup();
    const p = sh.getRange('A1:B2').protect().setDescription('en-têtes');
    expect(String(p.getProtectionType())).toBe('RANGE');
    expect(p.getRange().getA1Notation()).toBe('A1:B2');
    const RANGE = gas.SpreadsheetApp.ProtectionType.RANGE;
    expect(sh.getProtections(RANGE)).toHaveLength(1);
    p.remove();
    expect(sh.getProtections(RANGE)).toHaveLength(0);
  });

  it('unprotected ranges belong to sheet protections', () => {
    const { sh } = setup();
    const p = sh.protect().setUnprotectedRanges([sh.getRange('C2:C9')]);
    expect(p.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['C2:C9']);
  });
});
