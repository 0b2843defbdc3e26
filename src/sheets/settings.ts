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
  { code: 'standard', fr: 'standard', en: 'standard', aliases: ['normal', 'assujetti'] },
  {
    code: 'exempt-training',
    fr: 'exonéré formation',
    en: 'training exempt',
    aliases: ['exonere', 'exoneration formation', '261-4-4', 'exempt'],
  },
  { code: 'franchise', fr: 'franchise', en: 'franchise', aliases: ['293 B', 'franchise en base'] },
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
  latePenalty: "Pénalités de retard : trois fois le taux d'intérêt légal",
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
  folderId: '',
  templateId: '',
};

export const SETTING_DEFS: readonly SettingDef[] = [
  { key: 'orgName', fr: "Nom de l'organisation", en: 'Organisation name', kind: 'text' },
  { key: 'legalForm', fr: 'Forme juridique', en: 'Legal form', kind: 'text' },
  { key: 'capital', fr: 'Capital social', en: 'Share capital', kind: 'text' },
  { key: 'address', fr: 'Adresse', en: 'Address', kind: 'text' },
  { key: 'postcode', fr: 'Code postal', en: 'Postcode', kind: 'text' },
  { key: 'city', fr: 'Ville', en: 'City', kind: 'text' },
  { key: 'country', fr: 'Pays', en: 'Country', kind: 'text' },
  { key: 'siren', fr: 'SIREN', en: 'SIREN', kind: 'text' },
  { key: 'siret', fr: 'SIRET', en: 'SIRET', kind: 'text' },
  { key: 'vatNumber', fr: 'N° TVA intracommunautaire', en: 'VAT number', kind: 'text' },
  {
    key: 'electronicAddress',
    fr: 'Adresse de facturation électronique',
    en: 'E-invoicing address',
    kind: 'text',
  },
  {
    key: 'nda',
    fr: "N° de déclaration d'activité",
    en: 'Training declaration number',
    kind: 'text',
  },
  // The registry city printed with the SIREN of a registered company ("RCS Lyon 832 954 317",
  // Code de commerce art. R123-237); empty for a business not on the RCS.
  { key: 'rcsCity', fr: 'Ville du RCS', en: 'RCS registry city', kind: 'text' },
  { key: 'vatRegime', fr: 'Régime de TVA', en: 'VAT regime', kind: 'enum', values: VAT_REGIMES },
  { key: 'vatRate', fr: 'Taux de TVA par défaut', en: 'Default VAT rate', kind: 'percent' },
  { key: 'currency', fr: 'Devise', en: 'Currency', kind: 'text' },
  {
    key: 'locale',
    fr: 'Langue',
    en: 'Language',
    kind: 'enum',
    values: [
      { code: 'fr', fr: 'fr', en: 'fr', aliases: ['français', 'french'] },
      { code: 'en', fr: 'en', en: 'en', aliases: ['anglais', 'english'] },
    ],
  },
  { key: 'timeZone', fr: 'Fuseau horaire', en: 'Time zone', kind: 'text' },
  { key: 'iban', fr: 'IBAN', en: 'IBAN', kind: 'text' },
  { key: 'bic', fr: 'BIC', en: 'BIC', kind: 'text' },
  { key: 'senderName', fr: "Nom de l'expéditeur", en: 'Sender name', kind: 'text' },
  { key: 'replyTo', fr: 'Adresse de réponse', en: 'Reply-to', kind: 'email' },
  {
    key: 'financeEmail',
    fr: 'Email du service financier',
    en: 'Finance contact email',
    kind: 'email',
  },
  {
    key: 'invoicePattern',
    fr: 'Numérotation des factures',
    en: 'Invoice number pattern',
    kind: 'text',
  },
  {
    key: 'creditPattern',
    fr: 'Numérotation des avoirs',
    en: 'Credit-note number pattern',
    kind: 'text',
  },
  {
    key: 'selfBillingPattern',
    fr: 'Numérotation des autofactures',
    en: 'Self-billing number pattern',
    kind: 'text',
  },
  {
    key: 'paymentTerms',
    fr: 'Délai de paiement (jours)',
    en: 'Payment terms (days)',
    kind: 'integer',
  },
  { key: 'latePenalty', fr: 'Pénalités de retard', en: 'Late-payment penalty', kind: 'text' },
  {
    key: 'trainingBillingMode',
    fr: 'Mode de facturation des formations',
    en: 'Training billing mode',
    kind: 'enum',
    values: BILLING_MODES,
  },
  {
    key: 'periodicTraining',
    fr: 'Facturation périodique des formations',
    en: 'Periodic training invoicing',
    kind: 'enum',
    values: [
      { code: 'off', fr: 'non', en: 'off', aliases: ['aucune', 'no', 'desactivee'] },
      { code: 'monthly', fr: 'mensuelle', en: 'monthly', aliases: ['mensuel'] },
    ],
  },
  {
    key: 'billingCallDay',
    fr: 'Jour des appels à facturation',
    en: 'Billing-call day',
    kind: 'integer',
  },
  {
    key: 'reminders',
    fr: 'Calendrier des relances (jours)',
    en: 'Reminder schedule (days)',
    kind: 'text',
  },
  { key: 'autoSend', fr: 'Envoi automatique', en: 'Auto-send', kind: 'bool' },
  {
    key: 'noShowShare',
    fr: 'Part facturée des absences',
    en: 'No-show billed share',
    kind: 'percent',
  },
  { key: 'paymentOptions', fr: 'Options de paiement', en: 'Payment options', kind: 'text' },
  { key: 'agencyFee', fr: "Frais d'agence", en: 'Agency fee rate', kind: 'percent' },
  {
    key: 'agencyPaidOnClientPayment',
    fr: "Parts d'agence versées au paiement du client",
    en: 'Agency shares paid when the client pays',
    kind: 'bool',
  },
  {
    key: 'eInvoicing',
    fr: 'Factures électroniques Factur-X',
    en: 'Factur-X e-invoices',
    kind: 'bool',
  },
  { key: 'folderId', fr: 'Dossier Drive', en: 'Drive folder', kind: 'text', setup: true },
  { key: 'templateId', fr: 'Modèle Docs', en: 'Docs template', kind: 'text', setup: true },
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
        return {
          ok: false,
          fr: `fuseau horaire inconnu « ${text} » (ex. Europe/Paris)`,
          en: `unknown time zone "${text}" (e.g. Europe/Paris)`,
        };
      if (def.key === 'currency' && !/^[A-Z]{3}$/.test(text))
        return {
          ok: false,
          fr: `devise invalide « ${text} » (code ISO 4217, ex. EUR)`,
          en: `invalid currency "${text}" (ISO 4217 code, e.g. EUR)`,
        };
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
          `paramètre « ${def.fr} » en double : la ligne ${first} est lue`,
          `setting "${def.en}" given twice: row ${first} is read`,
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
          `${def.fr} : ${parsed.fr}`,
          `${def.en}: ${parsed.en}`,
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
