/** Header matching, the tab definitions themselves, IDs on first sight, blank and stray rows. */
import { normalizeName } from '../../src/sheets/normalize';
import { matchHeaders, readTab } from '../../src/sheets/read-tab';
import { TABS, tabDef, tabName } from '../../src/sheets/tabs';
import { idMaker, options, read, sheet } from './helpers';
import { fr, en } from '../texts/helpers';

describe('tab definitions', () => {
  it('cover every tab of SPEC §2 with its French and English names', () => {
    expect(TABS.map((t) => [t.fr, t.en, t.output])).toEqual([
      ['Paramètres', 'Settings', false],
      ['Clients', 'Clients', false],
      ['Intervenants', 'Providers', false],
      ['Tarifs', 'Rates', false],
      ['Sessions', 'Sessions', false],
      ['CRA', 'Timesheets', false],
      ['Formations', 'Trainings', false],
      ['Inscriptions', 'Enrolments', false],
      ['Prestations', 'Extra lines', false],
      ['Paiements', 'Payments', false],
      ['Factures', 'Invoices', true],
      ['Lignes', 'Invoice lines', true],
      ['Suivi des paiements', 'Payment status', true],
      ['Appels à facturation', 'Billing calls', true],
      ['Journal', 'Log', true],
    ]);
    expect(tabName('extra-lines', 'en')).toBe('Extra lines');
  });

  it('give every input tab but Settings an ID column, and no output tab one', () => {
    for (const t of TABS) {
      const hasId = t.columns.some((c) => c.kind === 'id');
      expect([t.key, hasId]).toEqual([t.key, !t.output && t.key !== 'settings']);
    }
  });

  it.each(TABS.map((t) => [t.key, t] as const))(
    '%s: no two columns answer to the same header',
    (_key, t) => {
      const owner = new Map<string, string>();
      for (const c of t.columns) {
        for (const n of new Set([c.fr, c.en, c.key].map(normalizeName))) {
          expect([n, owner.get(n) ?? c.key]).toEqual([n, c.key]);
          owner.set(n, c.key);
        }
      }
    },
  );

  it.each(
    TABS.flatMap((t) =>
      t.columns.filter((c) => c.kind === 'enum').map((c) => [`${t.key}.${c.key}`, c] as const),
    ),
  )('%s: every spelling names exactly one value', (_name, c) => {
    const owner = new Map<string, string>();
    for (const v of c.values ?? []) {
      for (const n of new Set([v.code, v.fr, v.en, ...(v.aliases ?? [])].map(normalizeName))) {
        expect([n, owner.get(n) ?? v.code]).toEqual([n, v.code]);
        owner.set(n, v.code);
      }
    }
  });
});

describe('header matching', () => {
  const def = tabDef('trainings');

  it.each([
    ['Date de début'],
    ['date de debut'],
    ['DATE DE DÉBUT'],
    ['  Date-de-début  '],
    ['date_de_debut'],
    ['Start date'],
    ['START DATE'],
    ['start'],
  ])('%j names the start date', (header) => {
    expect(matchHeaders(def, ['Statut', header]).get('start')).toBe(2);
  });

  it('finds columns in any order and leaves unknown columns alone', () => {
    const cols = matchHeaders(def, [
      'Remarques',
      'Status',
      'Référence session',
      'Intitulé',
      '',
      'End date',
      'Date de début',
      'Durée (heures)',
      42,
    ]);
    expect(Object.fromEntries(cols)).toEqual({
      status: 2,
      session: 3,
      label: 4,
      end: 6,
      start: 7,
      hours: 8,
    });
  });

  it('reads the first of two columns with the same name and warns about the other', () => {
    const values = [
      [
        'Référence session',
        'Intitulé',
        'Date de début',
        'Date de fin',
        'Durée (heures)',
        'Statut',
        'End date',
      ],
      ['S1', 'Excel', '2026-11-16', '2026-11-18', 21, 'terminée', '2026-11-17'],
    ];
    const r = read('trainings', values);
    expect(r.columns.get('end')).toBe(4);
    expect(r.problems.map((p) => [p.cell, p.level, fr(p.message)])).toEqual([
      [
        'G1',
        'warning',
        'colonne «\u00a0Date de fin\u00a0» en double\u00a0: seule la colonne D est lue',
      ],
    ]);
    expect(r.records[0]?.values['end']).toBe('2026-11-18');
  });

  it('reports a missing required column once for the tab, named in each language', () => {
    const s = sheet(
      'extra-lines',
      Array.from({ length: 50 }, () => ({ date: '23/11/2026', client: 'LUMEN', quantity: 1 })),
      { lang: 'fr', order: ['id', 'date', 'client', 'quantity', 'unitPrice'] },
    );
    const r = read('extra-lines', s.values);
    expect(r.problems.map((p) => [p.code, p.cell, fr(p.message), en(p.message)])).toEqual([
      [
        'missing-column',
        '1:1',
        'colonne obligatoire absente\u00a0: «\u00a0Désignation\u00a0»\u00a0; onglet ignoré',
        'required column missing: "Description"; tab skipped',
      ],
    ]);
    expect(r.records).toEqual([]);
    expect(r.newIds).toEqual([]);
  });
});

describe('rows', () => {
  const good = {
    date: '23/11/2026',
    client: 'LUMEN',
    description: 'Maquettes',
    quantity: 8,
    unitPrice: '412,50',
  };

  it('skips blank rows, and rows whose only filled cells are the ID or unknown columns', () => {
    const s = sheet('extra-lines', [good, {}, { id: 'kept-id' }, good], {
      lang: 'fr',
      unknown: [{ after: 'stage', header: 'Commentaire', value: '' }],
    });
    s.values[3]?.splice(s.values[3].length - 1, 1, 'note perdue ?');
    const r = read('extra-lines', s.values);
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => x.row)).toEqual([2, 5]);
  });

  it('never loses a row with a stray note: its missing values are reported', () => {
    const s = sheet('extra-lines', [good, { project: 'Total novembre' }], { lang: 'fr' });
    const r = read('extra-lines', s.values);
    expect(r.problems.map((p) => [p.code, p.cell])).toEqual([
      ['required', 'B3'],
      ['required', 'C3'],
      ['required', 'F3'],
      ['required', 'G3'],
      ['required', 'I3'],
    ]);
  });

  it('keeps IDs already given, gives new ones to new rows and to copied rows', () => {
    const s = sheet(
      'extra-lines',
      [{ ...good, id: 'a' }, { ...good }, { ...good, id: 'a' }, { ...good, id: 'b' }],
      { lang: 'fr' },
    );
    const r = readTab(tabDef('extra-lines'), 'Prestations', s.values, options('fr', idMaker('n')));
    expect(r.records.map((x) => [x.row, x.id])).toEqual([
      [2, 'a'],
      [3, 'n1'],
      [4, 'n2'],
      [5, 'b'],
    ]);
    expect(r.newIds).toEqual([
      { row: 3, id: 'n1' },
      { row: 4, id: 'n2' },
    ]);
    expect(r.problems.map((p) => [p.code, p.cell, p.level])).toEqual([
      ['duplicate-id', 'A4', 'warning'],
    ]);
  });

  it('gives IDs to rows with problems too: a row is identified on first sight', () => {
    const s = sheet('extra-lines', [{ ...good, quantity: 'beaucoup' }], { lang: 'fr' });
    const r = read('extra-lines', s.values);
    expect(r.records).toEqual([]);
    expect(r.newIds.map((n) => n.row)).toEqual([2]);
  });

  it('places the ID column after the last header when the tab has none', () => {
    const s = sheet('extra-lines', [good], {
      lang: 'en',
      order: ['date', 'client', 'description', 'quantity', 'unitPrice'],
    });
    const r = read('extra-lines', s.values, 'en');
    expect([r.idHeaderMissing, r.idColumn]).toEqual([true, 6]);
    expect(r.newIds.map((n) => n.row)).toEqual([2]);
  });
});
