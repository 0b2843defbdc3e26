/**
 * Random workbooks: valid rows mixed with rows broken in known ways (wrong type, formula-looking
 * text in a number or date column, missing required value, a row rule broken, unknown code),
 * blank rows, columns in any order with French or English headers however typed, optional
 * columns left out, an unknown column, some rows with IDs. Whatever comes, reading and
 * cross-checking never throw, report exactly the broken cells at their A1 addresses, and give
 * every valid row parsed as expected.
 */
import fc from 'fast-check';
import type { CellValue } from '../../src/sheets/cells';
import { crossCheck, dropRejected, type ReadTabs } from '../../src/sheets/cross-check';
import { columnLetter } from '../../src/sheets/problems';
import { readTab, type FieldValue } from '../../src/sheets/read-tab';
import { tabDef, type ColumnDef, type Lang, type TabKey } from '../../src/sheets/tabs';
import { dateCell, idMaker, options, sheet } from './helpers';

interface Gen {
  cell: CellValue;
  expected: FieldValue;
}

const CLIENT_CODES = ['BRIOCHE', 'VERDI', 'NEXUM', 'LUMEN'];
const FINANCER_CODES = ['OPCOATL', 'FT'];
const PROVIDER_CODES = ['CLEMENT', 'NGUYEN', 'DURAND'];
const SESSION_REFS = ['FORM-2611-EXCEL', 'FORM-2612-MGMT'];

/* ---------------- valid values ---------------- */

const accentsOff = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** A spelling of a word as users type it: any case, accents or not, spaces around. */
const spelling = (s: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom('same', 'upper', 'lower', 'plain'), fc.constantFrom('', ' ', '  '))
    .map(([style, pad]) => {
      const t =
        style === 'upper'
          ? s.toUpperCase()
          : style === 'lower'
            ? s.toLowerCase()
            : style === 'plain'
              ? accentsOff(s)
              : s;
      return pad + t + pad;
    });

const dateArb = (lang: Lang): fc.Arbitrary<Gen> =>
  fc
    .record({
      y: fc.integer({ min: 2025, max: 2027 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      form: fc.constantFrom('cell', 'iso', 'slash', 'words'),
    })
    .map(({ y, m, d, form }) => {
      const two = (n: number) => String(n).padStart(2, '0');
      const expected = `${y}-${two(m)}-${two(d)}`;
      const months = [
        'janv.',
        'févr.',
        'mars',
        'avr.',
        'mai',
        'juin',
        'juil.',
        'août',
        'sept.',
        'oct.',
        'nov.',
        'déc.',
      ];
      let cell: CellValue;
      if (form === 'cell') cell = dateCell(expected);
      else if (form === 'iso') cell = expected;
      else if (form === 'words') cell = `${d} ${months[m - 1] ?? ''} ${y}`;
      else if (lang === 'fr' || d > 12 || d === m) cell = `${two(d)}/${two(m)}/${y}`;
      else cell = expected;
      return { cell, expected };
    });

const monthArb: fc.Arbitrary<Gen> = fc
  .record({
    y: fc.integer({ min: 2025, max: 2027 }),
    m: fc.integer({ min: 1, max: 12 }),
    form: fc.constantFrom('cell', 'iso', 'slash'),
  })
  .map(({ y, m, form }) => {
    const expected = `${y}-${String(m).padStart(2, '0')}`;
    const cell: CellValue =
      form === 'cell' ? dateCell(`${expected}-01`) : form === 'iso' ? expected : `${m}/${y}`;
    return { cell, expected };
  });

function groupThousands(int: string, sep: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** A positive decimal with at most 2 decimals, as a number cell or text in the workbook's style. */
const amountArb = (lang: Lang, minCents = 1, maxCents = 99_999_999, step = 1): fc.Arbitrary<Gen> =>
  fc
    .record({
      units: fc.integer({ min: Math.ceil(minCents / step), max: Math.floor(maxCents / step) }),
      form: fc.constantFrom('number', 'plain', 'spaces', 'groups', 'euro'),
    })
    .map(({ units, form }) => {
      const cents = units * step;
      const int = String(Math.floor(cents / 100));
      const frac = String(cents % 100)
        .padStart(2, '0')
        .replace(/0+$/, '');
      const expected = frac ? `${int}.${frac}` : int;
      const dec = lang === 'fr' ? ',' : '.';
      const tail = frac ? `${dec}${frac}` : '';
      let cell: CellValue;
      if (form === 'number') cell = cents / 100;
      else if (form === 'plain') cell = int + tail;
      else if (form === 'spaces') cell = groupThousands(int, '\u00a0') + tail;
      else if (form === 'euro') cell = `${groupThousands(int, ' ')}${tail} €`;
      // Grouping by the other separator is clear only with decimals after it.
      else cell = frac ? groupThousands(int, lang === 'fr' ? '.' : ',') + tail : int;
      return { cell, expected };
    });

const integerArb = (min: number, max: number): fc.Arbitrary<Gen> =>
  fc
    .tuple(fc.integer({ min, max }), fc.boolean())
    .map(([n, asText]) => ({ cell: asText ? String(n) : n, expected: n }));

const percentArb = (lang: Lang): fc.Arbitrary<Gen> =>
  fc
    .tuple(fc.integer({ min: 0, max: 995 }), fc.constantFrom('fraction', 'text', 'textNoSpace'))
    .map(([tenths, form]) => {
      const expected = tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
      const typed = lang === 'fr' ? expected.replace('.', ',') : expected;
      const cell: CellValue =
        form === 'fraction' ? tenths / 1000 : form === 'text' ? `${typed} %` : `${typed}%`;
      return { cell, expected };
    });

const coverageArb = (lang: Lang): fc.Arbitrary<Gen> =>
  fc.oneof(
    fc.integer({ min: 1, max: 99 }).map((p) => ({ cell: p / 100, expected: `${p}%` })),
    fc.integer({ min: 0, max: 100 }).map((p) => ({ cell: `${p} %`, expected: `${p}%` })),
    amountArb(lang, 200, 500_000),
  );

const TEXTS = [
  'Refonte identité',
  '=à revoir',
  '+33 6 12 34 56 78',
  '- acompte versé',
  '@équipe design',
  'Léa Martin',
  'Ateliers « inter »',
  '12,5',
];

const textArb: fc.Arbitrary<Gen> = fc
  .oneof(
    fc.constantFrom(...TEXTS),
    fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
  )
  .chain((t) =>
    fc.constantFrom('', ' ', '  ').map((pad) => ({ cell: pad + t + pad, expected: t.trim() })),
  );

const emailArb: fc.Arbitrary<Gen> = fc
  .array(fc.constantFrom('compta', 'ap', 'factures', 'dg'), { minLength: 1, maxLength: 2 })
  .map((names) => {
    const list = names.map((n, i) => `${n}${i}@client.example`);
    return { cell: list.join('; '), expected: list };
  });

const enumArb = (col: ColumnDef): fc.Arbitrary<Gen> =>
  fc.constantFrom(...(col.values ?? [])).chain((v) =>
    fc
      .constantFrom(v.code, v.fr, v.en, ...(v.aliases ?? []))
      .chain(spelling)
      .map((cell) => ({ cell, expected: v.code })),
  );

const codeArb = (codes: readonly string[]): fc.Arbitrary<Gen> =>
  fc.constantFrom(...codes).chain((c) => spelling(c).map((cell) => ({ cell, expected: c })));

/** The valid values of a column of a subject tab (row rules of schema.ts respected). */
function validArb(tab: TabKey, col: ColumnDef, lang: Lang): fc.Arbitrary<Gen> {
  const k = `${tab}.${col.key}`;
  switch (k) {
    case 'sessions.provider':
    case 'timesheets.provider':
    case 'extra-lines.provider':
      return codeArb(PROVIDER_CODES);
    case 'timesheets.client':
    case 'extra-lines.client':
    case 'enrolments.sponsor':
      return codeArb(CLIENT_CODES);
    case 'enrolments.financer':
      return codeArb([...FINANCER_CODES, ...CLIENT_CODES]);
    case 'enrolments.session':
      return codeArb(SESSION_REFS);
    case 'timesheets.days':
      return amountArb(lang, 50, 3000, 50);
    case 'sessions.level':
      return integerArb(1, 5);
    case 'sessions.minutes':
      return integerArb(15, 180);
  }
  switch (col.kind) {
    case 'date':
      return dateArb(lang);
    case 'month':
      return monthArb;
    case 'money':
    case 'decimal':
      return amountArb(lang);
    case 'integer':
      return integerArb(0, 90);
    case 'percent':
      return percentArb(lang);
    case 'coverage':
      return coverageArb(lang);
    case 'enum':
      return enumArb(col);
    case 'email':
      return emailArb;
    default:
      return textArb;
  }
}

/* ---------------- breakages ---------------- */

type Breakage =
  | { kind: 'cells'; cells: Record<string, CellValue> }
  | { kind: 'rule'; key: string; cell: CellValue }
  | { kind: 'codes'; cells: Record<string, CellValue> };

const FORMULAS = ['=A1*2', '=SOMME(B2:B9)', '@total', '+B2', '-C3', '=1/0'];

/** A cell its column must refuse, whatever the language; null when the kind refuses nothing. */
function wrongArb(col: ColumnDef): fc.Arbitrary<CellValue> | null {
  const missing = col.required ? [fc.constantFrom<CellValue>('', '   ')] : [];
  const formula = fc.constantFrom<CellValue>(...FORMULAS);
  switch (col.kind) {
    case 'date':
      return fc.oneof(
        fc.constantFrom<CellValue>('hier', '31/11/2026', '2026-13-01', true, 46331, '05/11/26'),
        formula,
        ...missing,
      );
    case 'month':
      return fc.oneof(fc.constantFrom<CellValue>('novembre', '13/2026', true), formula, ...missing);
    case 'money':
    case 'decimal':
      return fc.oneof(
        fc.constantFrom<CellValue>('n/a', 'deux', true, '12 34', dateCell('2026-11-05'), '1.2.3'),
        formula,
        ...missing,
      );
    case 'integer':
      return fc.oneof(fc.constantFrom<CellValue>('trente', 7.5, false, '1,5'), formula, ...missing);
    case 'percent':
      return fc.oneof(
        fc.constantFrom<CellValue>('150 %', 'abc', true, -0.1, 1, 101),
        formula,
        ...missing,
      );
    case 'coverage':
      return fc.oneof(fc.constantFrom<CellValue>(1, '-5', '120 %', 'moitié'), formula, ...missing);
    case 'enum':
      return fc.oneof(fc.constantFrom<CellValue>('zzz', 42, 'terminé depuis'), ...missing);
    case 'email':
      return fc.oneof(fc.constantFrom<CellValue>('compta@', 'pas un email'), ...missing);
    default:
      return missing.length > 0 ? fc.oneof(...missing) : null;
  }
}

/** Row rules of schema.ts, broken one at a time with valid cells. */
const RULE_BREAKS: Partial<Record<TabKey, [string, CellValue[]][]>> = {
  sessions: [
    ['level', [0]],
    ['minutes', [0, -30]],
  ],
  timesheets: [['days', [0.25, '1,75', 0]]],
  enrolments: [['quantity', [0, '-2']]],
  payments: [['amount', [0, '0,00']]],
};

const REFERENCE_KEYS: Partial<Record<TabKey, string[]>> = {
  sessions: ['provider'],
  timesheets: ['provider', 'client'],
  enrolments: ['session', 'sponsor', 'financer'],
  'extra-lines': ['client', 'provider'],
};

function breakageArb(tab: TabKey): fc.Arbitrary<Breakage> {
  const cols = tabDef(tab).columns.filter((c) => c.kind !== 'id' && wrongArb(c) !== null);
  const cellBreak = fc.shuffledSubarray(cols, { minLength: 1, maxLength: 3 }).chain((chosen) =>
    fc.tuple(...chosen.map((c) => wrongArb(c) ?? fc.constant<CellValue>(''))).map((cells) => ({
      kind: 'cells' as const,
      cells: Object.fromEntries(chosen.map((c, i) => [c.key, cells[i] ?? ''])),
    })),
  );
  const options: fc.Arbitrary<Breakage>[] = [cellBreak];
  const rules = RULE_BREAKS[tab];
  if (rules) {
    options.push(
      fc
        .constantFrom(...rules)
        .chain(([key, cells]) =>
          fc.constantFrom(...cells).map((cell) => ({ kind: 'rule' as const, key, cell })),
        ),
    );
  }
  const refs = REFERENCE_KEYS[tab];
  if (refs) {
    options.push(
      fc.shuffledSubarray(refs, { minLength: 1 }).map((keys) => ({
        kind: 'codes' as const,
        cells: Object.fromEntries(keys.map((k, i) => [k, `zz-inconnu-${i}`])),
      })),
    );
  }
  return fc.oneof(...options);
}

/* ---------------- workbook ---------------- */

type RowPlan =
  | { type: 'blank' }
  | { type: 'valid'; gens: Record<string, Gen>; id: boolean }
  | { type: 'broken'; gens: Record<string, Gen>; id: boolean; breakage: Breakage };

const SUBJECTS: TabKey[] = ['sessions', 'timesheets', 'enrolments', 'extra-lines', 'payments'];

interface Layout {
  lang: Lang;
  order: string[];
  headerStyle: 'same' | 'upper' | 'lower' | 'plain';
  unknownAt: number;
}

function layoutArb(tab: TabKey): fc.Arbitrary<Layout> {
  const def = tabDef(tab);
  // A validated timesheet needs its validation date: that column stays.
  const kept = (c: ColumnDef) => c.required || (tab === 'timesheets' && c.key === 'validatedOn');
  const required = def.columns.filter((c) => kept(c) && c.kind !== 'id').map((c) => c.key);
  const optional = def.columns.filter((c) => !kept(c) && c.kind !== 'id').map((c) => c.key);
  return fc.record({
    lang: fc.constantFrom<Lang>('fr', 'en'),
    order: fc
      .subarray(optional)
      .chain((kept) =>
        fc.shuffledSubarray([...required, ...kept], { minLength: required.length + kept.length }),
      ),
    headerStyle: fc.constantFrom<Layout['headerStyle']>('same', 'upper', 'lower', 'plain'),
    unknownAt: fc.nat(20),
  });
}

function rowArb(tab: TabKey, lang: Lang): fc.Arbitrary<RowPlan> {
  const cols = tabDef(tab).columns.filter((c) => c.kind !== 'id');
  const gensArb = fc
    .tuple(
      ...cols.map((c) => {
        const valid = validArb(tab, c, lang);
        const always = c.required || (tab === 'timesheets' && c.key === 'validatedOn');
        return always ? valid : fc.option(valid, { nil: undefined, freq: 3 });
      }),
    )
    .map((gs) => {
      const out: Record<string, Gen> = {};
      cols.forEach((c, i) => {
        out[c.key] = gs[i] ?? { cell: '', expected: null };
      });
      return out;
    });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<RowPlan>({ type: 'blank' }) },
    {
      weight: 5,
      arbitrary: fc
        .record({ gens: gensArb, id: fc.boolean() })
        .map((r) => ({ type: 'valid' as const, ...r })),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({ gens: gensArb, id: fc.boolean(), breakage: breakageArb(tab) })
        .map((r) => ({ type: 'broken' as const, ...r })),
    },
  );
}

const caseOf = (s: string, style: Layout['headerStyle']) =>
  style === 'upper'
    ? s.toUpperCase()
    : style === 'lower'
      ? s.toLowerCase()
      : style === 'plain'
        ? accentsOff(s)
        : s;

/** Reference tabs every subject may point to, valid and complete. */
function referenceTabs(): ReadTabs {
  const opts = options('fr', idMaker('ref-'));
  const build = (key: TabKey, rows: Record<string, CellValue>[]) =>
    readTab(tabDef(key), tabDef(key).fr, sheet(key, rows, { lang: 'fr' }).values, opts);
  const rates: Record<string, CellValue>[] = [];
  for (const sessionType of ['mentorat', 'soutenance'])
    for (let level = 1; level <= 5; level++)
      rates.push({ sessionType, level, rate: 30 + level, validFrom: '01/01/2000' });
  return {
    clients: build(
      'clients',
      [...CLIENT_CODES, ...FINANCER_CODES].map((code) => ({ code, name: `Client ${code}` })),
    ),
    providers: build(
      'providers',
      PROVIDER_CODES.map((code) => ({ code, name: `Intervenant ${code}` })),
    ),
    trainings: build(
      'trainings',
      SESSION_REFS.map((session) => ({
        session,
        label: session,
        start: '16/11/2026',
        end: '18/11/2026',
        hours: 21,
        status: 'terminée',
      })),
    ),
    rates: build('rates', rates),
  };
}

interface Workbook {
  tab: TabKey;
  layout: Layout;
  plans: RowPlan[];
}

const workbookArb: fc.Arbitrary<Workbook> = fc
  .constantFrom(...SUBJECTS)
  .chain((tab) =>
    layoutArb(tab).chain((layout) =>
      fc
        .array(rowArb(tab, layout.lang), { minLength: 0, maxLength: 25 })
        .map((plans) => ({ tab, layout, plans })),
    ),
  );

interface Expected {
  values: (CellValue | null)[][];
  /** `A1` cells that must be reported. */
  cells: string[];
  valid: Map<number, Record<string, FieldValue>>;
  nonEmptyRows: number[];
  idRows: number[];
}

function materialise(w: Workbook): Expected {
  const def = tabDef(w.tab);
  const withId = ['id', ...w.layout.order];
  const keys: (string | null)[] = [...withId];
  const at = Math.min(w.layout.unknownAt, keys.length);
  keys.splice(at, 0, null);
  const header: CellValue[] = keys.map((k) => {
    if (k === null) return 'Remarques internes';
    const col = def.columns.find((c) => c.key === k);
    return caseOf(col?.[w.layout.lang] ?? k, w.layout.headerStyle);
  });
  const letter = (k: string) => columnLetter(keys.indexOf(k) + 1);
  const out: Expected = {
    values: [header],
    cells: [],
    valid: new Map(),
    nonEmptyRows: [],
    idRows: [],
  };
  w.plans.forEach((plan, i) => {
    const rowNumber = i + 2;
    if (plan.type === 'blank') {
      out.values.push(keys.map(() => ''));
      return;
    }
    const cells: Record<string, CellValue> = {};
    for (const [k, g] of Object.entries(plan.gens)) cells[k] = g.cell;
    if (w.tab === 'timesheets')
      cells['mission'] = `${String(cells['mission']).trim()} #${rowNumber}`;
    if (plan.type === 'broken') {
      const b = plan.breakage;
      if (b.kind === 'rule') cells[b.key] = b.cell;
      else Object.assign(cells, b.cells);
    }
    const row = keys.map((k) =>
      k === null ? 'note' : k === 'id' ? (plan.id ? `given-${rowNumber}` : '') : (cells[k] ?? ''),
    );
    out.values.push(row);
    const filled = w.layout.order.some((k) => {
      const v = cells[k];
      return !(v === '' || v === undefined || (typeof v === 'string' && v.trim() === ''));
    });
    if (!filled) return;
    out.nonEmptyRows.push(rowNumber);
    if (!plan.id) out.idRows.push(rowNumber);
    if (plan.type === 'valid') {
      const expected: Record<string, FieldValue> = {};
      for (const c of def.columns) {
        if (c.kind === 'id') continue;
        const present = w.layout.order.includes(c.key);
        expected[c.key] = present ? (plan.gens[c.key]?.expected ?? null) : null;
      }
      if (w.tab === 'timesheets' && typeof expected['mission'] === 'string')
        expected['mission'] = `${expected['mission']} #${rowNumber}`;
      out.valid.set(rowNumber, expected);
      return;
    }
    const b = plan.breakage;
    const brokenKeys = b.kind === 'rule' ? [b.key] : Object.keys(b.cells);
    for (const k of brokenKeys) {
      if (!w.layout.order.includes(k)) continue;
      out.cells.push(`${letter(k)}${rowNumber}`);
    }
    // A broken cell of a column the sheet lacks breaks nothing: the row is valid after all.
    if (brokenKeys.every((k) => !w.layout.order.includes(k))) {
      const expected: Record<string, FieldValue> = {};
      for (const c of def.columns) {
        if (c.kind === 'id') continue;
        const present = w.layout.order.includes(c.key);
        expected[c.key] = present ? (plan.gens[c.key]?.expected ?? null) : null;
      }
      if (w.tab === 'timesheets' && typeof expected['mission'] === 'string')
        expected['mission'] = `${expected['mission']} #${rowNumber}`;
      out.valid.set(rowNumber, expected);
    }
  });
  return out;
}

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

describe('random workbooks', () => {
  const refs = referenceTabs();

  it('has valid reference tabs', () => {
    for (const r of Object.values(refs)) expect(r?.problems).toEqual([]);
    expect(crossCheck(refs).problems).toEqual([]);
  });

  it('report exactly the broken cells, at their A1 address, and parse every valid row', () => {
    let runs = 0;
    let brokenCells = 0;
    let validRows = 0;
    fc.assert(
      fc.property(workbookArb, (w) => {
        runs++;
        const exp = materialise(w);
        const name = tabDef(w.tab)[w.layout.lang];
        const read = readTab(
          tabDef(w.tab),
          name,
          exp.values as CellValue[][],
          options(w.layout.lang, idMaker('new-')),
        );
        const tabs: ReadTabs = { ...refs, [w.tab]: read };
        const check = crossCheck(tabs);
        const problems = [...read.problems, ...check.problems];
        expect(problems.every((p) => p.tab === name && p.level === 'error')).toBe(true);
        expect(problems.map((p) => p.cell).sort()).toEqual([...exp.cells].sort());
        const kept = dropRejected(read, check);
        expect(kept.records.map((r) => r.row)).toEqual([...exp.valid.keys()]);
        for (const rec of kept.records) expect(rec.values).toEqual(exp.valid.get(rec.row));
        expect(read.newIds.map((n) => n.row)).toEqual(exp.idRows);
        brokenCells += exp.cells.length;
        validRows += exp.valid.size;
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBe(RUNS);
    if (process.env['PROPERTY_STATS']) console.log({ runs, brokenCells, validRows });
    // The generator does produce both kinds in quantity (a property that tests nothing fails).
    expect(brokenCells).toBeGreaterThan(300);
    expect(validRows).toBeGreaterThan(400);
  });

  it('never throw on arbitrary cells under any header', () => {
    const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
      fc.string(),
      fc.double(),
      fc.boolean(),
      fc.date({ noInvalidDate: false }),
      fc.constantFrom<CellValue>('', '=A1', '-', '1 234,5', '31/02/2026'),
    );
    const headers = [...new Set(tabDef('enrolments').columns.flatMap((c) => [c.fr, c.en]))];
    fc.assert(
      fc.property(
        fc.constantFrom<TabKey>('enrolments', 'timesheets', 'invoices', 'clients'),
        fc.array(fc.oneof(fc.constantFrom(...headers), fc.string()), { maxLength: 14 }),
        fc.array(fc.array(cellArb, { maxLength: 14 }), { maxLength: 12 }),
        fc.constantFrom<Lang>('fr', 'en'),
        (tab, header, rows, lang) => {
          const r = readTab(tabDef(tab), tab, [header, ...rows], options(lang));
          expect(r.records.length + r.problems.length).toBeGreaterThanOrEqual(0);
          for (const p of r.problems) expect(p.cell).toMatch(/^([A-Z]+\d+|\d+:\d+)$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
