/** Building tab values (header row first) the way getValues gives them, for the sheets tests. */
import type { CellValue } from '../../src/sheets/cells';
import { columnLetter } from '../../src/sheets/problems';
import { readTab, type ReadOptions, type TabRead } from '../../src/sheets/read-tab';
import { tabDef, type Lang, type TabKey } from '../../src/sheets/tabs';

export type RowInput = Readonly<Record<string, CellValue>>;

export interface SheetLayout {
  lang: Lang;
  /** Column keys in sheet order (default: the definition's order); may omit optional columns. */
  order?: readonly string[];
  /** Header cells of columns the add-on does not know, inserted after the given key. */
  unknown?: readonly { after: string; header: string; value: CellValue }[];
}

export interface Sheet {
  values: CellValue[][];
  /** Column letter of each key. */
  letter: (key: string) => string;
}

export function sheet(key: TabKey, rows: readonly RowInput[], layout: SheetLayout): Sheet {
  const def = tabDef(key);
  const order = layout.order ?? def.columns.map((c) => c.key);
  const header: CellValue[] = [];
  const cols: { key: string | null; value?: CellValue }[] = [];
  for (const k of order) {
    const col = def.columns.find((c) => c.key === k);
    if (!col) throw new Error(`no column ${k} in ${key}`);
    header.push(col[layout.lang]);
    cols.push({ key: k });
    for (const u of layout.unknown ?? []) {
      if (u.after !== k) continue;
      header.push(u.header);
      cols.push({ key: null, value: u.value });
    }
  }
  const values: CellValue[][] = [header];
  for (const row of rows) {
    values.push(cols.map((c) => (c.key === null ? (c.value ?? '') : (row[c.key] ?? ''))));
  }
  return {
    values,
    letter: (k) => {
      const i = cols.findIndex((c) => c.key === k);
      if (i < 0) throw new Error(`column ${k} not in the sheet`);
      return columnLetter(i + 1);
    },
  };
}

export function idMaker(prefix = 'id-'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

export function options(lang: Lang = 'fr', newId = idMaker()): ReadOptions {
  return { timeZone: 'Europe/Paris', lang, newId };
}

export function read(
  key: TabKey,
  values: readonly (readonly CellValue[])[],
  lang: Lang = 'fr',
): TabRead {
  return readTab(tabDef(key), tabDef(key)[lang], values, options(lang));
}

/** Midnight in Paris on a calendar date, as Sheets gives a date cell of a Paris workbook. */
export function dateCell(iso: string): Date {
  const [y = 1970, m = 1, d = 1] = iso.split('-').map(Number);
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const offsetHours of [1, 2, 0]) {
    const t = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3600_000);
    if (fmt.format(t) === `${iso}, 00:00`) return t;
  }
  throw new Error(`no Paris midnight on ${iso}`);
}
