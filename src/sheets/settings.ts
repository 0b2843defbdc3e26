/**
 * The Settings tab (Clé / Valeur): known keys in French or English, typed, with the defaults of
 * SPEC §2.1. Unknown keys are left alone.
 */
import {
  asText,
  isEmpty,
  parseBool,
  parseDecimal,
  parseEmails,
  parseEnum,
  parseInteger,
  parsePercent,
  shownPercent,
  type CellValue,
  type Parsed,
} from './cells';
import { both, msg, t } from '../texts';
import { normalizeName } from './normalize';
import { a1, problem, type Problem } from './problems';
import { BILLING_MODES, type EnumValue, type Lang } from './tabs';

type SettingKind = 'text' | 'integer' | 'percent' | 'decimal' | 'bool' | 'enum' | 'email';

export interface SettingDef {
  key: keyof Settings;
  fr: string;
  en: string;
  kind: SettingKind;
  values?: readonly EnumValue[];
  /** Written by set-up, not by users. */
  setup?: boolean;
}

export const VAT_REGIMES: readonly EnumValue[] = [
  { code: 'standard', ...both('value.vat-regime.standard'), aliases: ['normal', 'assujetti'] },
  {
    code: 'exempt-training',
    ...both('value.vat-regime.exempt-training'),
    aliases: ['exonere', 'exoneration formation', '261-4-4', 'exempt'],
  },
  {
    code: 'franchise',
    ...both('value.vat-regime.franchise'),
    aliases: ['293 B', 'franchise en base'],
  },
];

export interface Settings {
  orgName: string;
  legalForm: string;
  capital: string;
  address: string;
  postcode: string;
  city: string;
  country: string;
  siren: string;
  siret: string;
  vatNumber: string;
  /** The organisation's e-invoicing address (BT-34); empty: its SIREN. */
  electronicAddress: string;
  nda: string;
  rcsCity: string;
  vatRegime: string;
  vatRate: string;
  currency: string;
  locale: Lang;
  timeZone: string;
  iban: string;
  bic: string;
  senderName: string;
  replyTo: string;
  financeEmail: string;
  invoicePattern: string;
  creditPattern: string;
  selfBillingPattern: string;
  paymentTerms: number;
  latePenalty: string;
  trainingBillingMode: string;
  periodicTraining: string;
  billingCallDay: number;
  reminders: string;
  autoSend: boolean;
  noShowShare: string;
  paymentOptions: string;
  agencyFee: string;
  /** Agency shares (and introducers' shares) fall due once the client has paid its invoice. */
  agencyPaidOnClientPayment: boolean;
  /** Every issued document is also a Factur-X e-invoice (XML embedded in its PDF, and beside). */
  eInvoicing: boolean;
  /** Accounts of the accounting entries (the French chart's numbers). */
  accountClients: string;
  accountProviders: string;
  accountBank: string;
  accountSales: string;
  accountTraining: string;
  accountPurchases: string;
  accountFees: string;
  accountVatCollected: string;
  accountVatDeductible: string;
  folderId: string;
  templateId: string;
}

export const DEFAULT_SETTINGS: Settings = {
  orgName: '',
  legalForm: '',
  capital: '',
  address: '',
  postcode: '',
  city: '',
  country: 'France',
  siren: '',
  siret: '',
  vatNumber: '',
  electronicAddress: '',
  nda: '',
  rcsCity: '',
  vatRegime: 'standard',
  vatRate: '20',
  currency: 'EUR',
  locale: 'fr',
  timeZone: 'Europe/Paris',
  iban: '',
  bic: '',
  senderName: '',
  replyTo: '',
  financeEmail: '',
  invoicePattern: 'FA-{YYYY}-{SEQ:5}',
  creditPattern: 'AV-{YYYY}-{SEQ:5}',
  selfBillingPattern: 'AF-{PROVIDER}-{YYYY}-{SEQ:4}',
  paymentTerms: 30,
  latePenalty: t('fr', 'setting.default-late-penalty'),
  trainingBillingMode: 'per-sponsor',
  periodicTraining: 'off',
  billingCallDay: 5,
  reminders: 'J-3, J+7, J+15, J+30',
  autoSend: false,
  noShowShare: '50',
  paymentOptions: 'Basic: 60 j 0 %; Express: 30 j 2,5 %; Flash: 3 j 5 %',
  agencyFee: '',
  agencyPaidOnClientPayment: false,
  eInvoicing: true,
  accountClients: '411000',
  accountProviders: '401000',
  accountBank: '512000',
  accountSales: '706000',
  accountTraining: '706100',
  accountPurchases: '604000',
  accountFees: '622600',
  accountVatCollected: '445710',
  accountVatDeductible: '445660',
  folderId: '',
  templateId: '',
};

export const SETTING_DEFS: readonly SettingDef[] = [
  { key: 'orgName', ...both('setting-key.orgName'), kind: 'text' },
  { key: 'legalForm', ...both('setting-key.legalForm'), kind: 'text' },
  { key: 'capital', ...both('setting-key.capital'), kind: 'text' },
  { key: 'address', ...both('setting-key.address'), kind: 'text' },
  { key: 'postcode', ...both('setting-key.postcode'), kind: 'text' },
  { key: 'city', ...both('setting-key.city'), kind: 'text' },
  { key: 'country', ...both('setting-key.country'), kind: 'text' },
  { key: 'siren', ...both('setting-key.siren'), kind: 'text' },
  { key: 'siret', ...both('setting-key.siret'), kind: 'text' },
  { key: 'vatNumber', ...both('setting-key.vatNumber'), kind: 'text' },
  {
    key: 'electronicAddress',
    ...both('setting-key.electronicAddress'),
    kind: 'text',
  },
  {
    key: 'nda',
    ...both('setting-key.nda'),
    kind: 'text',
  },
  // The registry city printed with the SIREN of a registered company ("RCS Lyon 832 954 317",
  // Code de commerce art. R123-237); empty for a business not on the RCS.
  { key: 'rcsCity', ...both('setting-key.rcsCity'), kind: 'text' },
  { key: 'vatRegime', ...both('setting-key.vatRegime'), kind: 'enum', values: VAT_REGIMES },
  { key: 'vatRate', ...both('setting-key.vatRate'), kind: 'percent' },
  { key: 'currency', ...both('setting-key.currency'), kind: 'text' },
  {
    key: 'locale',
    ...both('setting-key.locale'),
    kind: 'enum',
    values: [
      { code: 'fr', ...both('value.language.fr'), aliases: ['francais', 'french'] },
      { code: 'en', ...both('value.language.en'), aliases: ['anglais', 'english'] },
    ],
  },
  { key: 'timeZone', ...both('setting-key.timeZone'), kind: 'text' },
  { key: 'iban', ...both('setting-key.iban'), kind: 'text' },
  { key: 'bic', ...both('setting-key.bic'), kind: 'text' },
  { key: 'senderName', ...both('setting-key.senderName'), kind: 'text' },
  { key: 'replyTo', ...both('setting-key.replyTo'), kind: 'email' },
  {
    key: 'financeEmail',
    ...both('setting-key.financeEmail'),
    kind: 'email',
  },
  {
    key: 'invoicePattern',
    ...both('setting-key.invoicePattern'),
    kind: 'text',
  },
  {
    key: 'creditPattern',
    ...both('setting-key.creditPattern'),
    kind: 'text',
  },
  {
    key: 'selfBillingPattern',
    ...both('setting-key.selfBillingPattern'),
    kind: 'text',
  },
  {
    key: 'paymentTerms',
    ...both('setting-key.paymentTerms'),
    kind: 'integer',
  },
  { key: 'latePenalty', ...both('setting-key.latePenalty'), kind: 'text' },
  {
    key: 'trainingBillingMode',
    ...both('setting-key.trainingBillingMode'),
    kind: 'enum',
    values: BILLING_MODES,
  },
  {
    key: 'periodicTraining',
    ...both('setting-key.periodicTraining'),
    kind: 'enum',
    values: [
      { code: 'off', ...both('value.periodic.off'), aliases: ['aucune', 'no', 'desactivee'] },
      { code: 'monthly', ...both('value.periodic.monthly'), aliases: ['mensuel'] },
    ],
  },
  {
    key: 'billingCallDay',
    ...both('setting-key.billingCallDay'),
    kind: 'integer',
  },
  {
    key: 'reminders',
    ...both('setting-key.reminders'),
    kind: 'text',
  },
  { key: 'autoSend', ...both('setting-key.autoSend'), kind: 'bool' },
  {
    key: 'noShowShare',
    ...both('setting-key.noShowShare'),
    kind: 'percent',
  },
  { key: 'paymentOptions', ...both('setting-key.paymentOptions'), kind: 'text' },
  { key: 'agencyFee', ...both('setting-key.agencyFee'), kind: 'percent' },
  {
    key: 'agencyPaidOnClientPayment',
    ...both('setting-key.agencyPaidOnClientPayment'),
    kind: 'bool',
  },
  {
    key: 'eInvoicing',
    ...both('setting-key.eInvoicing'),
    kind: 'bool',
  },
  { key: 'accountClients', ...both('setting-key.accountClients'), kind: 'text' },
  { key: 'accountProviders', ...both('setting-key.accountProviders'), kind: 'text' },
  { key: 'accountBank', ...both('setting-key.accountBank'), kind: 'text' },
  { key: 'accountSales', ...both('setting-key.accountSales'), kind: 'text' },
  { key: 'accountTraining', ...both('setting-key.accountTraining'), kind: 'text' },
  { key: 'accountPurchases', ...both('setting-key.accountPurchases'), kind: 'text' },
  { key: 'accountFees', ...both('setting-key.accountFees'), kind: 'text' },
  { key: 'accountVatCollected', ...both('setting-key.accountVatCollected'), kind: 'text' },
  { key: 'accountVatDeductible', ...both('setting-key.accountVatDeductible'), kind: 'text' },
  { key: 'folderId', ...both('setting-key.folderId'), kind: 'text', setup: true },
  { key: 'templateId', ...both('setting-key.templateId'), kind: 'text', setup: true },
];

export interface SettingsRead {
  settings: Settings;
  /** Row (1-based) of each known key, for writing set-up values back. */
  rows: Map<keyof Settings, number>;
  problems: Problem[];
  lastRow: number;
  sheetName: string;
  /** Columns (1-based) of the keys and of the values. */
  keyColumn: number;
  valueColumn: number;
}

function parseSetting(
  def: SettingDef,
  v: CellValue,
  lang: Lang,
): Parsed<string | number | boolean> {
  switch (def.kind) {
    case 'integer':
      return parseInteger(v, lang);
    case 'percent':
      return parsePercent(v, lang);
    case 'decimal':
      return parseDecimal(v, lang);
    case 'bool':
      return parseBool(v);
    case 'enum':
      return parseEnum(v, def.values ?? []);
    case 'email': {
      const p = parseEmails(v);
      return p.ok ? { ok: true, value: p.value.join(', ') } : p;
    }
    default: {
      const text = asText(v);
      if (def.key === 'timeZone' && !isTimeZone(text))
        return { ok: false, why: msg('setting.unknown-time-zone', { zone: text }) };
      // An account number: its first three characters digits of the French chart (article A47 A-1
      // of the Livre des procédures fiscales, VII), then digits or letters.
      if (def.key.startsWith('account') && text !== '' && !/^\d{3}[0-9A-Za-z]{0,17}$/.test(text))
        return { ok: false, why: msg('setting.invalid-account', { account: text }) };
      if (def.key === 'currency' && !/^[A-Z]{3}$/.test(text))
        return { ok: false, why: msg('setting.invalid-currency', { currency: text }) };
      return { ok: true, value: text };
    }
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz !== '';
  } catch {
    return false;
  }
}

let settingsByName: Map<string, SettingDef> | undefined;

/** A setting by its French or English label (or key), as normalizeName sees it. */
export function settingByName(name: string): SettingDef | undefined {
  if (!settingsByName) {
    settingsByName = new Map();
    for (const d of SETTING_DEFS) {
      settingsByName.set(normalizeName(d.fr), d);
      settingsByName.set(normalizeName(d.en), d);
      settingsByName.set(normalizeName(d.key), d);
    }
  }
  return settingsByName.get(normalizeName(name));
}

/**
 * values: the Settings tab, header row first; column A/B unless headers say otherwise. The
 * language setting is read first: number text of the other settings is read in it. A key given
 * twice is reported and its first row is kept.
 */
export function readSettings(
  values: readonly (readonly CellValue[])[],
  sheetName: string,
  numberFormat?: (row: number, column: number) => string,
): SettingsRead {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const rows = new Map<keyof Settings, number>();
  const problems: Problem[] = [];
  const header = (values[0] ?? []).map((h) => normalizeName(asText(h)));
  let keyCol = header.findIndex((h) => h === 'cle' || h === 'key');
  let valCol = header.findIndex((h) => h === 'valeur' || h === 'value');
  if (keyCol < 0) keyCol = 0;
  if (valCol < 0) valCol = keyCol + 1;
  const found: { def: SettingDef; row: number; raw: CellValue }[] = [];
  for (let r = 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const def = settingByName(asText(row[keyCol] ?? ''));
    if (!def) continue;
    const first = rows.get(def.key);
    if (first !== undefined) {
      problems.push(
        problem(
          'duplicate-setting',
          sheetName,
          a1(r + 1, keyCol + 1),
          asText(row[keyCol] ?? ''),
          msg('setting.duplicate', { setting: { fr: def.fr, en: def.en }, row: first }),
          'warning',
        ),
      );
      continue;
    }
    rows.set(def.key, r + 1);
    found.push({ def, row: r + 1, raw: row[valCol] ?? '' });
  }
  found.sort((a, b) => Number(b.def.key === 'locale') - Number(a.def.key === 'locale'));
  for (const { def, row, raw } of found) {
    if (isEmpty(raw)) continue;
    // `20 %` is stored as 0.2 in a cell formatted as a percentage: read as the cell shows it.
    const shown =
      def.kind === 'percent' &&
      typeof raw === 'number' &&
      (numberFormat?.(row, valCol + 1) ?? '').includes('%')
        ? shownPercent(raw, settings.locale)
        : raw;
    const parsed = parseSetting(def, shown, settings.locale);
    if (!parsed.ok) {
      problems.push(
        problem(
          'bad-setting',
          sheetName,
          a1(row, valCol + 1),
          shown,
          msg('setting.refused', { setting: { fr: def.fr, en: def.en }, reason: parsed.why }),
        ),
      );
      continue;
    }
    (settings as unknown as Record<string, string | number | boolean>)[def.key] = parsed.value;
  }
  return {
    settings,
    rows,
    problems,
    lastRow: values.length,
    sheetName,
    keyColumn: keyCol + 1,
    valueColumn: valCol + 1,
  };
}

export function settingLabel(key: keyof Settings, lang: Lang): string {
  const def = SETTING_DEFS.find((d) => d.key === key);
  return def ? def[lang] : key;
}
