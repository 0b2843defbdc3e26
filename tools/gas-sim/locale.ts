/**
 * What a spreadsheet locale changes for typing and display. Decimal and grouping characters
 * come from Intl (for fr_FR the group separator is U+202F, the narrow no-break space, as in
 * Intl and recent Google Sheets); date order, default date formats and boolean words come from
 * the small table below, with en_US as the fallback.
 */

export interface LocaleInfo {
  /** Apps Script spelling, e.g. `fr_FR`. */
  id: string;
  /** BCP 47 tag for Intl, e.g. `fr-FR`. */
  tag: string;
  decimal: string;
  group: string;
  /** Characters accepted as thousands separators when parsing typed text. */
  groupInputs: string[];
  dateOrder: 'DMY' | 'MDY' | 'YMD';
  /** Default number format Sheets gives a typed date, in Sheets' pattern syntax. */
  dateFormat: string;
  dateTimeFormat: string;
  timeFormat: string;
  trueWord: string;
  falseWord: string;
  /** Base name of new sheets: `Feuille 1`, `Sheet1`. */
  newSheetName: (n: number) => string;
}

interface LocaleRow {
  order: LocaleInfo['dateOrder'];
  date: string;
  trueWord: string;
  falseWord: string;
  sheet: (n: number) => string;
}

const BY_LANGUAGE: Record<string, LocaleRow> = {
  fr: {
    order: 'DMY',
    date: 'dd/MM/yyyy',
    trueWord: 'VRAI',
    falseWord: 'FAUX',
    sheet: (n) => `Feuille ${n}`,
  },
  de: {
    order: 'DMY',
    date: 'dd.MM.yyyy',
    trueWord: 'WAHR',
    falseWord: 'FALSCH',
    sheet: (n) => `Tabellenblatt${n}`,
  },
  es: {
    order: 'DMY',
    date: 'd/MM/yyyy',
    trueWord: 'VERDADERO',
    falseWord: 'FALSO',
    sheet: (n) => `Hoja ${n}`,
  },
  en: {
    order: 'MDY',
    date: 'M/d/yyyy',
    trueWord: 'TRUE',
    falseWord: 'FALSE',
    sheet: (n) => `Sheet${n}`,
  },
};

const BY_ID: Record<string, Partial<LocaleRow>> = {
  en_GB: { order: 'DMY', date: 'dd/MM/yyyy' },
  en_AU: { order: 'DMY', date: 'dd/MM/yyyy' },
  en_IE: { order: 'DMY', date: 'dd/MM/yyyy' },
  en_CA: { order: 'YMD', date: 'yyyy-MM-dd' },
  fr_CA: { order: 'YMD', date: 'yyyy-MM-dd' },
};

const cache = new Map<string, LocaleInfo>();

export function localeInfo(id: string): LocaleInfo {
  const cached = cache.get(id);
  if (cached) return cached;
  const lang = id.split(/[_-]/)[0]?.toLowerCase() ?? 'en';
  const row: LocaleRow = { ...(BY_LANGUAGE[lang] ?? BY_LANGUAGE['en']!), ...BY_ID[id] };
  const tag = id.replace('_', '-');
  let decimal = '.';
  let group = ',';
  try {
    const parts = new Intl.NumberFormat(tag).formatToParts(1234567.5);
    decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
    group = parts.find((p) => p.type === 'group')?.value ?? ',';
  } catch {
    // Unknown tag: keep the en_US characters.
  }
  const spaces = [' ', '\u00a0', '\u202f'];
  const info: LocaleInfo = {
    id,
    tag,
    decimal,
    group,
    groupInputs: spaces.includes(group) ? spaces : [group],
    dateOrder: row.order,
    dateFormat: row.date,
    dateTimeFormat: `${row.date} ${lang === 'en' && row.order === 'MDY' ? 'H:mm:ss' : 'HH:mm:ss'}`,
    timeFormat: lang === 'en' && row.order === 'MDY' ? 'h:mm:ss AM/PM' : 'HH:mm:ss',
    trueWord: row.trueWord,
    falseWord: row.falseWord,
    newSheetName: row.sheet,
  };
  cache.set(id, info);
  return info;
}
