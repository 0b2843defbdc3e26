/** The Settings tab: keys in either language, typed values, and what each action needs. */
import { requiredSettings, requiredSettingsProblems } from '../../src/sheets/required-settings';
import { DEFAULT_SETTINGS, readSettings } from '../../src/sheets/settings';
import { fr, en } from '../texts/helpers';

const FULL: [string, string | number | boolean][] = [
  ["Nom de l'organisation", 'Atelier Formation Conseil'],
  ['Adresse', '12 rue des Tanneurs'],
  ['Code postal', 69002],
  ['Ville', 'Lyon'],
  ['SIREN', '832 954 317'],
  ['SIRET', '832 954 317 00026'],
  ['N° TVA intracommunautaire', 'FR82832954317'],
  ['IBAN', 'FR76 3000 4008 2800 0123 4567 841'],
  ['BIC', 'BNPAFRPPXXX'],
  ["Nom de l'expéditeur", 'Atelier Formation Conseil'],
  ['Adresse de réponse', 'facturation@atelier.example'],
];

const tab = (rows: [string, string | number | boolean][], header = ['Clé', 'Valeur']) => [
  header,
  ...rows,
];

describe('readSettings', () => {
  it('reads keys in French or English, any case or accents, with defaults for the rest', () => {
    const r = readSettings(
      tab([
        ['organisation name', 'Atelier'],
        ['TAUX DE TVA PAR DEFAUT', 0.055],
        ['Payment terms (days)', '45'],
        ['Envoi automatique', 'VRAI'],
        ['Langue', 'English'],
        ['Une note à moi', 'ignorée'],
      ]),
      'Paramètres',
    );
    expect(r.problems).toEqual([]);
    expect(r.settings).toEqual({
      ...DEFAULT_SETTINGS,
      orgName: 'Atelier',
      vatRate: '5.5',
      paymentTerms: 45,
      autoSend: true,
      locale: 'en',
    });
    expect([r.sheetName, r.keyColumn, r.valueColumn]).toEqual(['Paramètres', 1, 2]);
    expect(r.rows.get('paymentTerms')).toBe(4);
  });

  it('finds the key and value columns by their headers', () => {
    const r = readSettings(
      [
        ['Remarque', 'Value', 'Key'],
        ['', 'Lyon', 'City'],
      ],
      'Settings',
    );
    expect([r.keyColumn, r.valueColumn, r.settings.city]).toEqual([3, 2, 'Lyon']);
  });

  it('reads number text in the workbook language, which is read first', () => {
    const en = readSettings(
      tab([
        ['Agency fee rate', '17.5 %'],
        ['Language', 'en'],
      ]),
      'Settings',
    );
    expect(en.settings.agencyFee).toBe('17.5');
    const fr = readSettings(tab([["Frais d'agence", '17,5 %']]), 'Paramètres');
    expect(fr.settings.agencyFee).toBe('17.5');
  });

  it.each<[string, string | number, string]>([
    ['Délai de paiement (jours)', 'trente', 'B2'],
    ['Taux de TVA par défaut', 1, 'B2'],
    ["Frais d'agence", '120 %', 'B2'],
    ['Fuseau horaire', 'Europe/Lyon', 'B2'],
    ['Devise', 'euros', 'B2'],
    ['Régime de TVA', 'micro', 'B2'],
    ['Adresse de réponse', 'facturation@', 'B2'],
  ])('%s = %j is reported at %s and the default kept', (key, value, cell) => {
    const r = readSettings(tab([[key, value]]), 'Paramètres');
    expect(r.problems.map((p) => [p.code, p.cell])).toEqual([['bad-setting', cell]]);
    expect(fr(r.problems[0]?.message)?.startsWith(key)).toBe(true);
  });

  it('reads the first of a key given twice and warns about the other', () => {
    const r = readSettings(
      tab([
        ['Ville', 'Lyon'],
        ['City', 'Paris'],
      ]),
      'Paramètres',
    );
    expect(r.settings.city).toBe('Lyon');
    expect(r.problems.map((p) => [p.code, p.cell, p.level])).toEqual([
      ['duplicate-setting', 'A3', 'warning'],
    ]);
  });
});

describe('requiredSettingsProblems', () => {
  it('finds nothing missing in a complete Settings tab', () => {
    const r = readSettings(tab(FULL), 'Paramètres');
    for (const action of ['preview', 'generate', 'issue', 'monthly', 'billing-calls', 'remind'])
      expect([action, requiredSettingsProblems(r, action)]).toEqual([action, []]);
  });

  it('names each missing setting in both languages, at its value cell when the key is there', () => {
    const rows = FULL.filter(([k]) => k !== 'IBAN').map(
      ([k, v]): [string, string | number | boolean] => (k === 'SIREN' ? [k, ''] : [k, v]),
    );
    const r = readSettings(tab(rows), 'Paramètres');
    const problems = requiredSettingsProblems(r, 'issue');
    expect(problems.map((p) => [p.code, p.tab, p.cell, fr(p.message), en(p.message)])).toEqual([
      [
        'missing-setting',
        'Paramètres',
        'B6',
        'paramètre «\u00a0SIREN\u00a0» à renseigner pour émettre et envoyer les factures',
        'setting "SIREN" is needed to issue and send invoices',
      ],
      [
        'missing-setting',
        'Paramètres',
        '',
        'paramètre «\u00a0IBAN\u00a0» à renseigner pour émettre et envoyer les factures',
        'setting "IBAN" is needed to issue and send invoices',
      ],
    ]);
  });

  it('asks for a VAT number unless the seller is under the franchise regime', () => {
    const standard = { ...DEFAULT_SETTINGS };
    expect(requiredSettings('generate', standard)).toContain('vatNumber');
    expect(requiredSettings('generate', { ...standard, vatRegime: 'franchise' })).not.toContain(
      'vatNumber',
    );
  });

  it('asks for the training declaration number only when training invoices are made', () => {
    expect(requiredSettings('monthly', DEFAULT_SETTINGS)).not.toContain('nda');
    expect(requiredSettings('monthly', DEFAULT_SETTINGS, { trainings: true })).toContain('nda');
    expect(requiredSettings('remind', DEFAULT_SETTINGS, { trainings: true })).not.toContain('nda');
  });

  it.each([
    ['billing-calls', ['selfBillingPattern', 'replyTo']],
    ['credit-note', ['creditPattern']],
    ['remind', ['senderName', 'replyTo']],
  ])('%s needs %j among others', (action, keys) => {
    expect(requiredSettings(action, DEFAULT_SETTINGS)).toEqual(expect.arrayContaining(keys));
  });

  it('needs nothing for actions that neither bill nor send', () => {
    for (const action of ['setup', 'refresh', 'schedule', 'record-payment'])
      expect(requiredSettings(action, DEFAULT_SETTINGS)).toEqual([]);
  });
});

describe('percent settings as Sheets stores them', () => {
  const formatted = (row: number, column: number): string =>
    row === 2 && column === 2 ? '0%' : '';
  it.each([
    ['Taux de TVA par défaut', 0.2, '20'],
    // 100 % is not ambiguous in a percent cell.
    ['Taux de TVA par défaut', 1, '100'],
    ["Frais d'agence", 0.15, '15'],
  ])('%s stored as %p in a percent cell reads as the cell shows it', (key, v, expected) => {
    const r = readSettings(tab([[key, v]]), 'Paramètres', formatted);
    const field = key.startsWith('Taux') ? 'vatRate' : 'agencyFee';
    expect(r.problems).toEqual([]);
    expect(r.settings[field]).toBe(expected);
  });

  it('300 % is refused at its cell, the value shown as typed', () => {
    const r = readSettings(tab([['Taux de TVA par défaut', 3]]), 'Paramètres', formatted);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.cell).toBe('B2');
    expect(fr(r.problems[0]?.message)).toContain('300 %');
    expect(r.settings.vatRate).toBe(DEFAULT_SETTINGS.vatRate);
  });
});
