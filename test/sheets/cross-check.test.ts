/** Checks between tabs: codes that must exist, codes that must be unique, rates, payments. */
import { checkedTabs, crossCheck, dropRejected, type ReadTabs } from '../../src/sheets/cross-check';
import type { TabKey } from '../../src/sheets/tabs';
import { read, sheet, type RowInput } from './helpers';
import { fr, en } from '../texts/helpers';

const CLIENTS: RowInput[] = [
  { code: 'BRIOCHE', name: 'Brioche & Compagnie' },
  { code: 'VERDI', name: 'Verdi Paysages' },
  { code: 'OPCOATL', name: 'OPCO Atlas', kind: 'financeur' },
];
const PROVIDERS: RowInput[] = [
  { code: 'CLEMENT', name: 'Claire Clément' },
  { code: 'NGUYEN', name: 'Minh Nguyen' },
];

function tabs(rows: Partial<Record<TabKey, RowInput[]>>): ReadTabs {
  const out: ReadTabs = {};
  for (const [key, list] of Object.entries(rows) as [TabKey, RowInput[]][]) {
    out[key] = read(key, sheet(key, list, { lang: 'fr' }).values);
  }
  return out;
}

const cells = (ps: { tab: string; cell: string; code: string }[]) =>
  ps.map((p) => `${p.code} ${p.tab}!${p.cell}`);

describe('codes that must exist', () => {
  it.each<[TabKey, RowInput, string[]]>([
    [
      'sessions',
      { date: '19/11/2026', provider: 'MOREAU', type: 'mentorat', level: 1, status: 'réalisée' },
      ['unknown-code Sessions!C3'],
    ],
    [
      'timesheets',
      {
        month: '2026-11',
        provider: 'NGUYEN',
        client: 'NEXUM',
        mission: 'M1',
        days: 2,
        dailyRate: 600,
        status: 'brouillon',
      },
      ['unknown-code CRA!D3'],
    ],
    [
      'enrolments',
      {
        session: 'FORM-2611-EXEL',
        learner: 'Hugo',
        sponsor: 'VERDI',
        financer: 'OPCOEP',
        unit: 'jour',
        quantity: 3,
        unitPrice: 420,
      },
      ['unknown-code Inscriptions!B3', 'unknown-code Inscriptions!E3'],
    ],
    [
      'extra-lines',
      {
        date: '27/11/2026',
        client: 'INCONNU',
        provider: 'ROSSI',
        description: 'x',
        quantity: 1,
        unitPrice: 100,
      },
      ['unknown-code Prestations!C3', 'unknown-code Prestations!D3'],
    ],
  ])('%s: an unknown code is reported at its cell and its row dropped', (key, bad, expected) => {
    const good: Record<string, RowInput> = {
      sessions: {
        date: '19/11/2026',
        provider: 'clement',
        type: 'mentorat',
        level: 1,
        status: 'réalisée',
      },
      timesheets: {
        month: '2026-11',
        provider: 'NGUYEN',
        client: 'brioche',
        mission: 'M1',
        days: 2,
        dailyRate: 600,
        status: 'brouillon',
      },
      enrolments: {
        session: 'FORM-2611-EXCEL',
        learner: 'Camille',
        sponsor: 'VERDI',
        financer: 'OPCOATL',
        unit: 'jour',
        quantity: 3,
        unitPrice: 420,
      },
      'extra-lines': {
        date: '27/11/2026',
        client: 'BRIOCHE',
        description: 'x',
        quantity: 1,
        unitPrice: 100,
      },
    };
    const t = tabs({
      clients: CLIENTS,
      providers: PROVIDERS,
      trainings: [
        {
          session: 'FORM-2611-EXCEL',
          label: 'Excel',
          start: '16/11/2026',
          end: '18/11/2026',
          hours: 21,
          status: 'terminée',
        },
      ],
      rates: [{ sessionType: 'mentorat', level: 1, rate: 30, validFrom: '01/01/2026' }],
      [key]: [good[key] ?? {}, bad],
    });
    const check = crossCheck(t);
    expect(cells(check.problems)).toEqual(expected);
    expect([...(check.rejected[key] ?? [])]).toEqual([3]);
    const kept = dropRejected(t[key] ?? read(key, [[]]), check);
    expect(kept.records.map((r) => r.row)).toEqual([2]);
  });

  it('leaves an empty optional code alone', () => {
    const t = tabs({
      clients: CLIENTS,
      providers: PROVIDERS,
      'extra-lines': [
        { date: '27/11/2026', client: 'BRIOCHE', description: 'x', quantity: 1, unitPrice: 1 },
      ],
    });
    expect(crossCheck(t).problems).toEqual([]);
  });

  it('does not check against a tab that was not read, and treats a missing tab as empty', () => {
    const line = {
      date: '27/11/2026',
      client: 'BRIOCHE',
      description: 'x',
      quantity: 1,
      unitPrice: 1,
    };
    const notRead = tabs({ 'extra-lines': [line] });
    expect(crossCheck(notRead).problems).toEqual([]);
    const missing: ReadTabs = { ...notRead, clients: null };
    expect(cells(crossCheck(missing).problems)).toEqual(['unknown-code Prestations!C2']);
  });

  it('names the code in the message, in both languages', () => {
    const t = tabs({
      providers: PROVIDERS,
      sessions: [
        {
          date: '19/11/2026',
          provider: 'moreau',
          type: 'mentorat',
          level: 1,
          status: 'absent',
          billedAs: 20,
        },
      ],
    });
    const [p] = crossCheck(t).problems;
    expect(p?.value).toBe('MOREAU');
    expect(fr(p?.message)).toBe(
      'intervenant inconnu «\u00a0MOREAU\u00a0» (onglet Intervenants)\u00a0; ligne ignorée',
    );
    expect(en(p?.message)).toBe('unknown provider "MOREAU" (Providers tab); row skipped');
  });
});

describe('codes that must be unique', () => {
  it('keeps the first row with a code and drops the later ones', () => {
    const t = tabs({
      providers: [
        ...PROVIDERS,
        { code: ' nguyen ', name: 'Nguyen bis' },
        { code: 'NGUYEN', name: 'ter' },
      ],
      sessions: [
        { date: '19/11/2026', provider: 'NGUYEN', type: 'mentorat', level: 1, status: 'annulée' },
      ],
    });
    const check = crossCheck(t);
    expect(cells(check.problems)).toEqual([
      'duplicate-code Intervenants!B4',
      'duplicate-code Intervenants!B5',
    ]);
    expect(fr(check.problems[0]?.message)).toBe(
      'code d’intervenant en double (déjà ligne 3)\u00a0; ligne ignorée',
    );
    expect([...(check.rejected.providers ?? [])]).toEqual([4, 5]);
    expect(check.rejected.sessions).toBeUndefined();
  });

  it.each<[TabKey, RowInput[], string[]]>([
    [
      'trainings',
      [
        {
          session: 'S1',
          label: 'A',
          start: '16/11/2026',
          end: '16/11/2026',
          hours: 7,
          status: 'planifiée',
        },
        {
          session: 's1',
          label: 'B',
          start: '17/11/2026',
          end: '17/11/2026',
          hours: 7,
          status: 'planifiée',
        },
      ],
      ['duplicate-code Formations!B3'],
    ],
    [
      'rates',
      [
        { sessionType: 'mentorat', level: 1, rate: 30, validFrom: '01/01/2026' },
        { sessionType: 'mentorat', level: 1, rate: 32, validFrom: '01/09/2026' },
        { sessionType: 'mentoring', level: 1, rate: 34, validFrom: '2026-09-01' },
      ],
      ['duplicate-code Tarifs!C4'],
    ],
    [
      'timesheets',
      [
        {
          month: '2026-11',
          provider: 'A',
          client: 'B',
          mission: 'M',
          days: 1,
          dailyRate: 1,
          status: 'validé',
          validatedOn: '01/12/2026',
        },
        {
          month: '11/2026',
          provider: 'a',
          client: 'b',
          mission: 'm',
          days: 2,
          dailyRate: 1,
          status: 'soumis',
        },
      ],
      ['duplicate-code CRA!E3'],
    ],
    [
      'clients',
      [
        { code: 'X', name: 'x' },
        { code: 'Y', name: 'y' },
        { code: 'x', name: 'x2' },
      ],
      ['duplicate-code Clients!B4'],
    ],
  ])('%s', (key, rows, expected) => {
    expect(cells(crossCheck(tabs({ [key]: rows })).problems)).toEqual(expected);
  });
});

describe('rates of mentoring sessions', () => {
  const rates = [
    { sessionType: 'mentorat', level: 1, rate: 30, validFrom: '01/01/2026' },
    { sessionType: 'soutenance', level: 2, rate: 55, validFrom: '01/12/2026' },
  ];

  it.each<[RowInput, boolean]>([
    [
      { date: '19/11/2026', provider: 'CLEMENT', type: 'mentorat', level: 1, status: 'réalisée' },
      true,
    ],
    [
      { date: '19/11/2026', provider: 'CLEMENT', type: 'mentorat', level: 2, status: 'réalisée' },
      false,
    ],
    [
      { date: '19/11/2026', provider: 'CLEMENT', type: 'soutenance', level: 2, status: 'absent' },
      false,
    ],
    [
      { date: '01/12/2026', provider: 'CLEMENT', type: 'soutenance', level: 2, status: 'absent' },
      true,
    ],
    [
      { date: '19/11/2026', provider: 'CLEMENT', type: 'mentorat', level: 3, status: 'annulée' },
      true,
    ],
    [
      {
        date: '19/11/2026',
        provider: 'CLEMENT',
        type: 'mentorat',
        level: 3,
        status: 'réalisée',
        billedAs: 45,
      },
      true,
    ],
  ])('%j has a rate: %s', (session, ok) => {
    const check = crossCheck(tabs({ providers: PROVIDERS, rates, sessions: [session] }));
    expect(cells(check.problems)).toEqual(ok ? [] : ['no-rate Sessions!F2']);
  });
});

describe('checkedTabs', () => {
  it('drops the rejected rows of every tab and returns the problems', () => {
    const t = tabs({
      clients: [...CLIENTS, { code: 'VERDI', name: 'double' }],
      'extra-lines': [
        { date: '27/11/2026', client: 'BRIOCHE', description: 'x', quantity: 1, unitPrice: 1 },
        { date: '27/11/2026', client: 'NOPE', description: 'y', quantity: 1, unitPrice: 1 },
      ],
    });
    const { tabs: kept, problems } = checkedTabs(t);
    expect(problems).toHaveLength(2);
    expect(kept.clients?.records.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(kept['extra-lines']?.records.map((r) => r.row)).toEqual([2]);
    expect(t['extra-lines']?.records).toHaveLength(2);
  });
});
