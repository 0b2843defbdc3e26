/** Number formats, dropdowns and protection of a tab, from its column definitions. */
import type { ColumnKind, Lang, TabDef } from '../sheets/tabs';
import type { TabFormat } from './ports';

const FORMATS: Partial<Record<ColumnKind, string>> = {
  date: 'dd/MM/yyyy',
  datetime: 'dd/MM/yyyy HH:mm',
  money: '#,##0.00',
};

export function formatFor(def: TabDef, lang: Lang): TabFormat {
  return {
    numberFormats: def.columns.map((c) => FORMATS[c.kind] ?? null),
    dropdowns: def.columns.map((c) =>
      c.kind === 'enum' && c.values ? c.values.map((v) => v[lang]) : null,
    ),
    protect: def.output,
    frozenRows: 1,
  };
}
