/**
 * Every tab of SPEC §2 read from values as getValues gives them: a valid row per tab in French
 * and English, columns in the definition's order and reversed with an unknown column in between;
 * then one wrong cell at a time, each reported at its own A1 cell with the row skipped.
 */
import type { FieldValue } from '../../src/sheets/read-tab';
import { tabDef, type Lang, type TabKey } from '../../src/sheets/tabs';
import { dateCell, read, sheet, type RowInput } from './helpers';
import { fr, en } from '../texts/helpers';

interface Sample {
  key: TabKey;
  row: RowInput;
  expected: Record<string, FieldValue>;
}

const SAMPLES: Sample[] = [
  {
    key: 'clients',
    row: {
      code: ' brioche ',
      name: 'Brioche & Compagnie SARL',
      kind: 'entreprise',
      address1: '8 quai Saint-Antoine',
      postcode: 69002,
      city: 'Lyon',
      country: 'France',
      siren: '451 236 780',
      vatNumber: 'FR80451236780',
      emails: 'compta@brioche-cie.example; dg@brioche-cie.example',
      billingMode: 'par commanditaire',
      paymentTerms: 30,
      language: 'Français',
      purchaseOrder: 'BC-2026-118',
    },
    expected: {
      code: 'BRIOCHE',
      name: 'Brioche & Compagnie SARL',
      kind: 'company',
      address1: '8 quai Saint-Antoine',
      address2: null,
      postcode: '69002',
      city: 'Lyon',
      country: 'France',
      siren: '451 236 780',
      vatNumber: 'FR80451236780',
      emails: ['compta@brioche-cie.example', 'dg@brioche-cie.example'],
      billingMode: 'per-sponsor',
      paymentTerms: 30,
      language: 'fr',
      purchaseOrder: 'BC-2026-118',
    },
  },
  {
    key: 'providers',
    row: {
      code: 'clement',
      name: 'Claire Clément',
      company: 'Claire Clément EI',
      address: '5 rue Longue',
      postcode: '69001',
      city: 'Lyon',
      siret: '879 541 225 00014',
      vatRegime: 'franchise en base',
      iban: 'FR76 1027 8073 0000 0201 2345 685',
      bic: 'CMCIFR2A',
      email: 'claire.clement@mentor.example',
      mandateOn: '15/03/2026',
      contestDays: 15,
      paymentOption: 'Basic',
      language: 'fr',
    },
    expected: {
      code: 'CLEMENT',
      name: 'Claire Clément',
      company: 'Claire Clément EI',
      address: '5 rue Longue',
      postcode: '69001',
      city: 'Lyon',
      siret: '879 541 225 00014',
      vatNumber: null,
      vatRegime: 'franchise',
      iban: 'FR76 1027 8073 0000 0201 2345 685',
      bic: 'CMCIFR2A',
      email: ['claire.clement@mentor.example'],
      mandateOn: '2026-03-15',
      contestDays: 15,
      paymentOption: 'Basic',
      language: 'fr',
    },
  },
  {
    key: 'rates',
    row: { sessionType: 'Mentoring', level: 2, rate: '38,00 €', validFrom: dateCell('2026-09-01') },
    expected: { sessionType: 'mentorat', level: 2, rate: '38', validFrom: '2026-09-01' },
  },
  {
    key: 'sessions',
    row: {
      date: '19/11/2026',
      provider: 'clement',
      student: 'Léa Martin',
      type: 'soutenance',
      level: 1,
      minutes: 45,
      status: 'réalisée',
      notes: '=à revoir avec le mentor',
    },
    expected: {
      date: '2026-11-19',
      provider: 'CLEMENT',
      student: 'Léa Martin',
      type: 'soutenance',
      level: 1,
      minutes: 45,
      status: 'done',
      billedAs: null,
      notes: '=à revoir avec le mentor',
    },
  },
  {
    key: 'timesheets',
    row: {
      month: dateCell('2026-11-01'),
      provider: 'NGUYEN',
      client: 'nexum',
      mission: 'MIS-NEX-042 Pilotage entrepôt',
      days: '18,5',
      dailyRate: 600,
      status: 'validé',
      validatedOn: '2 déc. 2026',
    },
    expected: {
      month: '2026-11',
      provider: 'NGUYEN',
      client: 'NEXUM',
      mission: 'MIS-NEX-042 Pilotage entrepôt',
      days: '18.5',
      dailyRate: '600',
      status: 'validated',
      validatedOn: '2026-12-02',
    },
  },
  {
    key: 'trainings',
    row: {
      session: 'form-2611-excel',
      product: 'PRD-EXC-02',
      label: 'Excel avancé',
      start: dateCell('2026-11-16'),
      end: '18/11/2026',
      hours: 21,
      location: 'Lyon',
      trainer: 'Sophie Martin',
      status: 'Terminée',
    },
    expected: {
      session: 'FORM-2611-EXCEL',
      product: 'PRD-EXC-02',
      label: 'Excel avancé',
      start: '2026-11-16',
      end: '2026-11-18',
      hours: '21',
      location: 'Lyon',
      trainer: 'Sophie Martin',
      status: 'finished',
    },
  },
  {
    key: 'enrolments',
    row: {
      session: 'FORM-2611-EXCEL',
      learner: 'Camille Roux',
      sponsor: 'verdi',
      financer: 'OPCOATL',
      unit: 'jour',
      quantity: 3,
      unitPrice: '420,00',
      discount: '5 %',
      coverage: 0.7,
      hoursAttended: '14',
    },
    expected: {
      session: 'FORM-2611-EXCEL',
      learner: 'Camille Roux',
      sponsor: 'VERDI',
      financer: 'OPCOATL',
      unit: 'day',
      quantity: '3',
      unitPrice: '420',
      discount: '5',
      coverage: '70%',
      vatRate: null,
      hoursAttended: '14',
    },
  },
  {
    key: 'extra-lines',
    row: {
      date: '23/11/2026',
      client: 'LUMEN',
      provider: 'nguyen',
      project: 'Refonte identité',
      description: 'Direction artistique',
      quantity: '6,5',
      unit: 'jours',
      unitPrice: 650,
      discount: 0.1,
      vatRate: 0.2,
      lineKind: 'jours',
      stage: 'acompte',
    },
    expected: {
      date: '2026-11-23',
      client: 'LUMEN',
      provider: 'NGUYEN',
      project: 'Refonte identité',
      description: 'Direction artistique',
      quantity: '6.5',
      unit: 'jours',
      unitPrice: '650',
      discount: '10',
      vatRate: '20',
      lineKind: 'days',
      stage: 'deposit',
    },
  },
  {
    key: 'payments',
    row: {
      date: '15/12/2026',
      invoice: 'FA-2026-00001',
      amount: '1 000,00',
      method: 'Virement',
      reference: 'VIR BRIOCHE FA-2026-00001',
    },
    expected: {
      date: '2026-12-15',
      invoice: 'FA-2026-00001',
      amount: '1000',
      method: 'transfer',
      reference: 'VIR BRIOCHE FA-2026-00001',
      note: null,
    },
  },
  {
    key: 'invoices',
    row: {
      number: 'FA-2026-00001',
      draftId: 'extra-lines|BRIOCHE',
      kind: 'invoice',
      direction: 'à encaisser',
      status: 'envoyée',
      seller: 'Atelier Formation Conseil',
      buyer: 'Brioche & Compagnie SARL',
      buyerCode: 'BRIOCHE',
      period: '2026-11',
      issueDate: dateCell('2026-12-05'),
      serviceDates: '2026-11-20..2026-11-25',
      totalHT: 2156.4,
      vatByRate: 'S:20=431.28',
      totalTTC: 2587.68,
      dueDate: dateCell('2027-01-04'),
      docLink: 'https://docs.google.com/document/d/abc',
      emailedAt: new Date(Date.UTC(2026, 11, 5, 7, 2, 30)),
      sourceRows: 'r1 r2',
    },
    expected: {
      number: 'FA-2026-00001',
      draftId: 'extra-lines|BRIOCHE',
      kind: 'invoice',
      direction: 'à encaisser',
      status: 'envoyée',
      seller: 'Atelier Formation Conseil',
      buyer: 'Brioche & Compagnie SARL',
      buyerCode: 'BRIOCHE',
      financer: null,
      sponsor: null,
      period: '2026-11',
      issueDate: '2026-12-05',
      serviceDates: '2026-11-20..2026-11-25',
      totalHT: '2156.4',
      vatByRate: 'S:20=431.28',
      totalTTC: '2587.68',
      dueDate: '2027-01-04',
      docLink: 'https://docs.google.com/document/d/abc',
      pdfLink: null,
      emailedAt: '2026-12-05T08:02:30',
      creditTarget: null,
      sourceRows: 'r1 r2',
      fingerprint: null,
      snapshot: null,
    },
  },
  {
    key: 'invoice-lines',
    row: {
      invoice: 'FA-2026-00001',
      line: 2,
      sourceTab: 'extra-lines',
      sourceId: 'r2',
      description: 'Audit des besoins de formation',
      quantity: 2,
      unit: 'jour',
      unitPrice: 1150,
      discount: 10,
      netHT: 2070,
      vatRate: 20,
      vat: 414,
      ttc: 2484,
    },
    expected: {
      invoice: 'FA-2026-00001',
      line: 2,
      sourceTab: 'extra-lines',
      sourceId: 'r2',
      description: 'Audit des besoins de formation',
      quantity: '2',
      unit: 'jour',
      unitPrice: '1150',
      discount: '10',
      netHT: '2070',
      vatRate: '20',
      vat: '414',
      ttc: '2484',
      financerHT: null,
      financerTTC: null,
    },
  },
  {
    key: 'status',
    row: {
      number: 'FA-2026-00001',
      counterparty: 'Brioche & Compagnie SARL',
      direction: 'à encaisser',
      totalTTC: 2587.68,
      paid: 1000,
      balance: 1587.68,
      dueDate: dateCell('2027-01-04'),
      status: 'partielle',
      label: 'Payé 1 000,00 € sur un total de 2 587,68 €',
    },
    expected: {
      number: 'FA-2026-00001',
      counterparty: 'Brioche & Compagnie SARL',
      direction: 'à encaisser',
      totalTTC: '2587.68',
      paid: '1000',
      balance: '1587.68',
      dueDate: '2027-01-04',
      status: 'partielle',
      label: 'Payé 1 000,00 € sur un total de 2 587,68 €',
      lastReminder: null,
      nextReminder: null,
    },
  },
  {
    key: 'billingCalls',
    row: {
      month: '2026-11',
      provider: 'NGUYEN',
      sessions: 6,
      amountHT: 228,
      vat: 45.6,
      ttc: 273.6,
      mode: 'appel',
      approval: 'approuvé',
      receivedOn: '18/12/2026',
    },
    expected: {
      month: '2026-11',
      provider: 'NGUYEN',
      sessions: 6,
      amountHT: '228',
      vat: '45.6',
      ttc: '273.6',
      mode: 'appel',
      emailedAt: null,
      approval: 'approved',
      approvedOn: null,
      receivedOn: '2026-12-18',
      dueDate: null,
    },
  },
  {
    key: 'journal',
    row: {
      when: new Date(Date.UTC(2026, 11, 5, 7, 0)),
      runId: 'a1b2c3d4',
      action: 'monthly',
      level: 'error',
      tab: 'Prestations',
      cell: 'K7',
      message: 'Taux TVA : nombre invalide',
      value: 'abc',
    },
    expected: {
      when: '2026-12-05T08:00:00',
      runId: 'a1b2c3d4',
      action: 'monthly',
      level: 'error',
      tab: 'Prestations',
      cell: 'K7',
      message: 'Taux TVA : nombre invalide',
      value: 'abc',
    },
  },
];

const LAYOUTS: { name: string; lang: Lang; reversed: boolean }[] = [
  { name: 'French headers in order', lang: 'fr', reversed: false },
  { name: 'English headers reversed, with an unknown column', lang: 'en', reversed: true },
  { name: 'French headers reversed, with an unknown column', lang: 'fr', reversed: true },
];

function layoutFor(key: TabKey, l: { lang: Lang; reversed: boolean }) {
  const keys = tabDef(key).columns.map((c) => c.key);
  const order = l.reversed ? [...keys].reverse() : keys;
  const middle = order[Math.floor(order.length / 2)] ?? '';
  return {
    lang: l.lang,
    order,
    unknown: l.reversed ? [{ after: middle, header: 'Commentaire interne', value: 'à voir' }] : [],
  };
}

describe.each(SAMPLES)('$key', ({ key, row, expected }) => {
  it.each(LAYOUTS)('reads a valid row: $name', (l) => {
    const s = sheet(key, [row, {}, row], layoutFor(key, l));
    const r = read(key, s.values, l.lang);
    expect(r.problems).toEqual([]);
    expect(r.records.map((rec) => rec.row)).toEqual([2, 4]);
    // Columns the sample leaves out come out null (columns added to tabs.ts later included).
    const blank = Object.fromEntries(
      tabDef(key)
        .columns.filter((c) => c.kind !== 'id')
        .map((c) => [c.key, null]),
    );
    expect(r.records[0]?.values).toEqual({ ...blank, ...expected });
    const hasId = tabDef(key).columns.some((c) => c.kind === 'id');
    expect(r.newIds.map((n) => n.row)).toEqual(hasId ? [2, 4] : []);
  });
});

/** [tab, column, cell typed, what the message says] */
const BAD: [TabKey, string, RowInput[string], string][] = [
  ['clients', 'paymentTerms', 'trente jours', 'nombre invalide'],
  ['clients', 'paymentTerms', -5, 'ne peut pas être négatif'],
  ['clients', 'emails', 'compta@brioche', 'adresse email invalide'],
  ['clients', 'kind', 'client', 'valeur inconnue'],
  ['clients', 'name', '', 'valeur obligatoire manquante'],
  ['providers', 'mandateOn', '31/02/2026', 'date inexistante'],
  ['providers', 'vatRegime', 'micro', 'valeur inconnue'],
  ['providers', 'contestDays', 7.5, 'nombre entier attendu'],
  ['rates', 'level', 0, '1 au minimum'],
  ['rates', 'rate', '=B2*2', 'nombre invalide'],
  ['rates', 'validFrom', '2026-09', 'date invalide'],
  ['sessions', 'date', 'hier', 'date invalide'],
  ['sessions', 'status', 'fait', 'valeur inconnue'],
  ['sessions', 'minutes', -30, 'supérieure à 0'],
  ['sessions', 'provider', '   ', 'valeur obligatoire manquante'],
  ['sessions', 'level', '@niveau', 'nombre invalide'],
  ['timesheets', 'days', '18,25', 'demi-journées'],
  ['timesheets', 'days', 0, 'supérieur à 0'],
  ['timesheets', 'month', '13/2026', 'mois invalide'],
  ['timesheets', 'validatedOn', '', 'date de validation manquante'],
  ['timesheets', 'dailyRate', true, 'nombre attendu'],
  ['trainings', 'end', '15/11/2026', 'date de fin avant la date de début'],
  ['trainings', 'status', 'fini', 'valeur inconnue'],
  ['trainings', 'hours', '+A1', 'nombre invalide'],
  ['enrolments', 'coverage', 1, 'prise en charge ambiguë'],
  ['enrolments', 'discount', '150 %', 'hors de 0 à 100\u00a0%'],
  ['enrolments', 'unit', 'semaine', 'valeur inconnue'],
  ['enrolments', 'quantity', '-1', 'supérieure à 0'],
  ['extra-lines', 'vatRate', 'abc', 'nombre invalide'],
  ['extra-lines', 'quantity', '', 'valeur obligatoire manquante'],
  ['extra-lines', 'date', '31/11/2026', 'date inexistante'],
  ['extra-lines', 'unitPrice', '1.2.3', 'nombre ambigu'],
  ['extra-lines', 'unitPrice', '12 34', 'nombre invalide'],
  ['extra-lines', 'stage', 'final', 'valeur inconnue'],
  ['payments', 'amount', 0, 'montant nul'],
  ['payments', 'method', 'espèces', 'valeur inconnue'],
  ['payments', 'date', 46331, 'date attendue'],
  ['invoices', 'issueDate', 'bientôt', 'date invalide'],
  ['billingCalls', 'approval', 'peut-être', 'valeur inconnue'],
  ['billingCalls', 'receivedOn', 'hier', 'date invalide'],
];

describe.each(BAD)('%s: %s = %j', (key, column, cell, message) => {
  const sample = SAMPLES.find((s) => s.key === key);
  it.each(LAYOUTS)('is reported at its cell and the row skipped: $name', (l) => {
    const bad = { ...sample?.row, [column]: cell };
    const s = sheet(key, [sample?.row ?? {}, bad, sample?.row ?? {}], layoutFor(key, l));
    const r = read(key, s.values, l.lang);
    expect(r.problems.map((p) => [p.cell, p.code === 'required' ? '' : p.value])).toEqual([
      [`${s.letter(column)}3`, p(cell)],
    ]);
    expect(fr(r.problems[0]?.message)).toContain(message);
    expect(en(r.problems[0]?.message)).not.toBe(fr(r.problems[0]?.message));
    expect(r.records.map((rec) => rec.row)).toEqual([2, 4]);
  });
});

function p(cell: RowInput[string]): string {
  if (typeof cell === 'string' && cell.trim() === '') return '';
  return String(cell);
}

describe('several wrong cells', () => {
  it('are all reported, not just the first, and good rows go on', () => {
    const good = SAMPLES.find((s) => s.key === 'extra-lines')?.row ?? {};
    const s = sheet(
      'extra-lines',
      [good, { ...good, date: 'hier', quantity: 'deux', vatRate: '=0,2' }, {}, good],
      { lang: 'fr' },
    );
    const r = read('extra-lines', s.values);
    expect(r.problems.map((x) => x.cell)).toEqual(['B3', 'G3', 'K3']);
    expect(r.problems.every((x) => x.tab === 'Prestations' && x.level === 'error')).toBe(true);
    expect(r.records.map((x) => x.row)).toEqual([2, 5]);
  });
});
