/** Parsed tabs for the billing tests: records as `readTab` gives them, with realistic parties. */
import { invoiceTotals } from '../../src/domain/totals';
import { calendarDate } from '../../src/domain/dates';
import { missingMentions } from '../../src/domain/missing-mentions';
import type { Problem as DomainProblem } from '../../src/domain/problem';
import type { Draft } from '../../src/billing/draft';
import type { FieldValue, RowRecord, TabRead } from '../../src/sheets/read-tab';
import { DEFAULT_SETTINGS, type Settings } from '../../src/sheets/settings';
import { tabDef, type TabKey } from '../../src/sheets/tabs';

export type Values = Record<string, FieldValue>;

/** A tab as `readTab` reads it: columns in definition order, rows from 2, IDs `<prefix><n>`. */
export function tab(key: TabKey, rows: readonly Values[], prefix = 'R'): TabRead {
  const def = tabDef(key);
  const columns = new Map(def.columns.map((c, i) => [c.key, i + 1] as const));
  const records: RowRecord[] = rows.map((values, i) => {
    const full: Values = {};
    for (const c of def.columns) if (c.kind !== 'id') full[c.key] = null;
    const { id, ...rest } = values;
    return {
      row: i + 2,
      id: typeof id === 'string' ? id : `${prefix}${i + 1}`,
      values: { ...full, ...rest },
    };
  });
  return {
    def,
    sheetName: def.fr,
    columns,
    idColumn: 1,
    idHeaderMissing: false,
    records,
    problems: [],
    newIds: [],
    lastRow: rows.length + 1,
  };
}

/** Rows by upper-case code, as the app builds them from the Clients and Intervenants tabs. */
export function directory(key: 'clients' | 'providers', rows: readonly Values[]) {
  const t = tab(key, rows, key === 'clients' ? 'C' : 'P');
  return new Map(t.records.map((r) => [String(r.values['code']).toUpperCase(), r] as const));
}

export const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  orgName: 'Formations du Midi SAS',
  legalForm: 'SAS',
  capital: '10 000 €',
  address: '12 rue des Écoles',
  postcode: '31000',
  city: 'Toulouse',
  siren: '123456782',
  siret: '12345678200002',
  vatNumber: 'FR11123456782',
  nda: '76310000031',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP',
};

export const settings = (overrides: Partial<Settings> = {}): Settings => ({
  ...SETTINGS,
  ...overrides,
});

export const company = (code: string, name: string, extra: Values = {}): Values => ({
  code,
  name,
  kind: 'company',
  address1: '1 avenue de la Gare',
  postcode: '69002',
  city: 'Lyon',
  country: 'France',
  siren: '552100554',
  emails: [`compta@${code.toLowerCase()}.example`],
  ...extra,
});

export const CLIENTS = directory('clients', [
  company('ACME', 'ACME Industries'),
  company('VERDI', 'Verdi Paysages', { kind: 'sponsor' }),
  company('BRIO', 'Brioche SARL', { kind: 'sponsor', purchaseOrder: 'BC-118' }),
  company('OPCO', 'OPCO Atlas', { kind: 'financer' }),
  company('OPCOCONS', 'OPCO Conso', { kind: 'financer', billingMode: 'consolidated' }),
  company('FT', 'France Travail', { kind: 'financer', billingMode: 'none' }),
  company('LUMEN', 'Studio Lumen', { purchaseOrder: 'PO-7741', language: 'en' }),
]);

const provider = (code: string, name: string, extra: Values = {}): Values => ({
  code,
  name,
  company: name,
  address: '5 chemin Vert',
  postcode: '13001',
  city: 'Marseille',
  siret: '84200000200001',
  vatRegime: 'standard',
  vatNumber: 'FR11123456782',
  iban: 'FR7630001007941234567890185',
  bic: 'BDFEFRPP',
  email: [`${code.toLowerCase()}@mentor.example`],
  ...extra,
});

export const PROVIDERS = directory('providers', [
  provider('CLEMENT', 'Claire Clément EI', {
    vatRegime: 'franchise',
    vatNumber: null,
    mandateOn: '2026-03-15',
  }),
  provider('NGUYEN', 'Nguyen Conseil SASU', { paymentOption: 'Express' }),
  provider('DURAND', 'Paul Durand EI', { vatRegime: 'franchise', paymentOption: 'Flash' }),
  provider('ROSSI', 'Rossi Design SARL', { paymentOption: 'Basic', mandateOn: '2026-12-10' }),
  provider('MARTIN', 'Martin Études', { paymentOption: 'Platinum' }),
]);

/** Line nets and totals of a draft, as strings. */
export function amounts(draft: Draft): { nets: string[]; ht: string; vat: string; ttc: string } {
  const t = invoiceTotals(draft.invoice);
  return {
    nets: t.lineNets.map((n) => n.toFixed(2)),
    ht: t.taxBasisTotal.toFixed(2),
    vat: t.taxTotal.toFixed(2),
    ttc: t.grandTotal.toFixed(2),
  };
}

/** The mandatory-mention problems of a draft once issued on `issueDate` with a number. */
export function issueProblems(draft: Draft, issueDate = '2026-12-05'): DomainProblem[] {
  const number = draft.invoice.kind === 'autofacture' ? 'AF-X-2026-0001' : 'FA-2026-00001';
  return missingMentions({
    ...draft.invoice,
    issueDate: calendarDate(issueDate),
    dueDate: calendarDate('2027-01-04'),
    number,
    paymentReference: `${draft.buyerCode || draft.providerCode || ''} ${number}`,
  });
}
