/**
 * One Docs API `documents.batchUpdate` per invoice: the requests that turn a copy of the
 * template into the invoice, planned from one `documents.get` of the template per run (the copy
 * has the template's structure and indices).
 *
 * Docs API reference (developers.google.com/docs/api/reference/rest/v1/documents/request):
 * - requests of one batch apply in order, each on the document the previous ones left, and the
 *   batch is all or nothing (documents.batchUpdate);
 * - indices are UTF-16 code units; a table takes one index at its start and one at its end, a
 *   row and a cell one each at their start, a paragraph its text plus its newline
 *   (developers.google.com/docs/api/concepts/structure);
 * - `insertTableRow` inserts an empty row: one empty paragraph per cell. What the new cells take
 *   from the row they are inserted next to is not stated, so the plan sets the template cell's
 *   paragraph, text and cell style on every new cell itself.
 *
 * The plan works from the end of the body towards its start, so that every index it computes
 * from the template stays valid: an edit never moves what lies before it. Placeholders are
 * filled last by `replaceAllText`, which needs no index.
 */
import { inert, placeholder, type DocumentModel } from './document-model';

/** The parts of the Docs API JSON the plan reads (documents.get). */
export interface ApiTextStyle {
  [field: string]: unknown;
}
export interface ApiParagraphStyle {
  [field: string]: unknown;
}
export interface ApiParagraphElement {
  startIndex?: number;
  endIndex?: number;
  textRun?: { content?: string; textStyle?: ApiTextStyle };
}
export interface ApiParagraph {
  elements?: ApiParagraphElement[];
  paragraphStyle?: ApiParagraphStyle;
}
export interface ApiTableCell {
  startIndex?: number;
  endIndex?: number;
  content?: ApiStructuralElement[];
  tableCellStyle?: { [field: string]: unknown };
}
export interface ApiTableRow {
  startIndex?: number;
  endIndex?: number;
  tableCells?: ApiTableCell[];
}
export interface ApiStructuralElement {
  startIndex?: number;
  endIndex?: number;
  paragraph?: ApiParagraph;
  table?: { rows?: number; columns?: number; tableRows?: ApiTableRow[] };
  sectionBreak?: unknown;
}
export interface ApiDocument {
  documentId?: string;
  body?: { content?: ApiStructuralElement[] };
}

export type DocsRequest = Record<string, unknown>;

/** A piece of a template cell's text and the style its text carries. */
interface Piece {
  text: string;
  style: ApiTextStyle;
}

/** One paragraph of the template's line-row cell. */
interface CellParagraph {
  pieces: Piece[];
  style: ApiParagraphStyle;
}

interface LineRow {
  tableStart: number;
  rowIndex: number;
  rowStart: number;
  rowEnd: number;
  cells: { paragraphs: CellParagraph[]; cellStyle: Record<string, unknown> }[];
}

/** A template row repeated once per item of its prefix (`line`, `vat`, `session`…). */
interface RepeatRow extends LineRow {
  prefix: string;
  tableEnd: number;
  /** Content range of each cell of the template row (its start index excluded). */
  cellRanges: { start: number; end: number }[];
  /** The rest of its table has something to fill (else the table goes with its last row). */
  tableHasOther: boolean;
}

/** Prefixes of the rows cloned once per item; `line` first (DocumentModel.lines). */
export const REPEATED_PREFIXES: readonly string[] = [
  'line',
  'vat',
  'deduction',
  'session',
  'share',
];

/** A paragraph a document may leave out, and how much of it can go. */
interface Droppable {
  start: number;
  end: number;
  /** Its newline can go too (another paragraph follows it in its container). */
  whole: boolean;
}

export interface TemplatePlan {
  lineRow: LineRow | null;
  /** Every repeated row, by prefix (the line row among them). */
  repeats: ReadonlyMap<string, RepeatRow>;
  /** Paragraphs holding each placeholder, by key (body only, as the layout puts them). */
  paragraphs: ReadonlyMap<string, readonly Droppable[]>;
}

const REPEATED = new RegExp(`\\{\\{(${REPEATED_PREFIXES.join('|')})\\.`);

function prefixPlaceholder(prefix: string): RegExp {
  return new RegExp(`\\{\\{${prefix}\\.([a-zA-Z0-9_.]+)\\}\\}`, 'g');
}
const ANY_PLACEHOLDER = /\{\{([a-zA-Z0-9_.]+)\}\}/g;

function paragraphText(p: ApiParagraph): string {
  return (p.elements ?? []).map((e) => e.textRun?.content ?? '').join('');
}

/** Style fields with a value: what `updateTextStyle` / `updateParagraphStyle` copy. */
function setFields(
  style: Record<string, unknown> | undefined,
  skip: readonly string[] = [],
): string[] {
  return Object.keys(style ?? {})
    .filter((k) => !skip.includes(k) && style?.[k] !== undefined && style?.[k] !== null)
    .sort();
}

function cellOf(cell: ApiTableCell): LineRow['cells'][number] {
  const paragraphs: CellParagraph[] = [];
  for (const el of cell.content ?? []) {
    if (!el.paragraph) continue;
    const pieces: Piece[] = [];
    for (const e of el.paragraph.elements ?? []) {
      const text = (e.textRun?.content ?? '').replace(/\n$/, '');
      if (text) pieces.push({ text, style: e.textRun?.textStyle ?? {} });
    }
    paragraphs.push({ pieces, style: el.paragraph.paragraphStyle ?? {} });
  }
  return { paragraphs, cellStyle: cell.tableCellStyle ?? {} };
}

/** Walks a list of structural elements (body or cell content), tables included. */
function walk(
  content: readonly ApiStructuralElement[],
  visit: (el: ApiStructuralElement, next: ApiStructuralElement | undefined) => void,
  onRow: (table: ApiStructuralElement, row: ApiTableRow, index: number) => void,
): void {
  content.forEach((el, i) => {
    visit(el, content[i + 1]);
    for (const [r, row] of (el.table?.tableRows ?? []).entries()) {
      onRow(el, row, r);
      for (const cell of row.tableCells ?? []) walk(cell.content ?? [], visit, onRow);
    }
  });
}

function cellsText(cells: readonly ApiTableCell[]): string {
  return cells
    .flatMap((c) => (c.content ?? []).map((e) => (e.paragraph ? paragraphText(e.paragraph) : '')))
    .join('');
}

/** What the plan needs of the template: its repeated rows and the paragraphs of its placeholders. */
export function planTemplate(template: ApiDocument): TemplatePlan {
  const content = template.body?.content ?? [];
  const repeats = new Map<string, RepeatRow>();
  const paragraphs = new Map<string, Droppable[]>();
  walk(
    content,
    (el, next) => {
      if (!el.paragraph || el.startIndex === undefined || el.endIndex === undefined) return;
      const text = paragraphText(el.paragraph);
      for (const m of text.matchAll(ANY_PLACEHOLDER)) {
        const key = m[1] ?? '';
        const list = paragraphs.get(key) ?? [];
        if (!list.some((d) => d.start === el.startIndex)) {
          list.push({
            start: el.startIndex,
            end: el.endIndex,
            whole: next?.paragraph !== undefined,
          });
        }
        paragraphs.set(key, list);
      }
    },
    (table, row, r) => {
      if (table.startIndex === undefined) return;
      const cells = row.tableCells ?? [];
      const prefix = REPEATED.exec(cellsText(cells))?.[1];
      if (prefix === undefined || repeats.has(prefix)) return;
      const others = (table.table?.tableRows ?? [])
        .filter((_, i) => i !== r)
        .map((x) => cellsText(x.tableCells ?? []))
        .join('');
      repeats.set(prefix, {
        prefix,
        tableStart: table.startIndex,
        tableEnd: table.endIndex ?? table.startIndex,
        tableHasOther: [...others.matchAll(ANY_PLACEHOLDER)].some(
          (m) => !(m[1] ?? '').startsWith('label.'),
        ),
        rowIndex: r,
        rowStart: row.startIndex ?? 0,
        rowEnd: row.endIndex ?? 0,
        cells: cells.map(cellOf),
        cellRanges: cells.map((c) => ({ start: (c.startIndex ?? 0) + 1, end: c.endIndex ?? 0 })),
      });
    },
  );
  return { lineRow: repeats.get('line') ?? null, repeats, paragraphs };
}

/** The template cell's text for one line: its placeholders filled, user text made inert. */
function filled(
  cell: LineRow['cells'][number],
  line: Readonly<Record<string, string>>,
  prefix: string,
): {
  text: string;
  styles: { start: number; end: number; style: ApiTextStyle }[];
  paragraphs: { start: number; end: number; style: ApiParagraphStyle }[];
} {
  let text = '';
  const styles: { start: number; end: number; style: ApiTextStyle }[] = [];
  const paragraphs: { start: number; end: number; style: ApiParagraphStyle }[] = [];
  cell.paragraphs.forEach((p, i) => {
    if (i > 0) text += '\n';
    const pStart = text.length;
    for (const piece of p.pieces) {
      const t = piece.text.replace(prefixPlaceholder(prefix), (_, key: string) =>
        inert(line[key] ?? ''),
      );
      if (t === '') continue;
      styles.push({ start: text.length, end: text.length + t.length, style: piece.style });
      text += t;
    }
    paragraphs.push({ start: pStart, end: text.length, style: p.style });
  });
  return { text, styles, paragraphs };
}

/**
 * A repeated row's copies: rows 2…n inserted below the template row and written with their
 * values (item 1 takes the template row itself, filled by replaceAllText). No item removes the
 * row, or its whole table when nothing else of it is filled. With `keepLast`, the last row's
 * paragraphs are kept with what follows (keepWithNext).
 */
function repeatRequests(
  row: RepeatRow,
  items: readonly Readonly<Record<string, string>>[],
  keepLast: boolean,
): DocsRequest[] {
  const out: DocsRequest[] = [];
  const location = (rowIndex: number, columnIndex = 0): Record<string, unknown> => ({
    tableStartLocation: { index: row.tableStart },
    rowIndex,
    columnIndex,
  });
  if (items.length === 0) {
    if (row.prefix !== 'line' && !row.tableHasOther) {
      out.push({
        deleteContentRange: { range: { startIndex: row.tableStart, endIndex: row.tableEnd } },
      });
    } else out.push({ deleteTableRow: { tableCellLocation: location(row.rowIndex) } });
    return out;
  }
  const added = items.length - 1;
  if (added === 0) {
    if (keepLast) {
      for (const r of row.cellRanges) {
        if (r.end <= r.start) continue;
        out.push({
          updateParagraphStyle: {
            range: { startIndex: r.start, endIndex: r.end },
            paragraphStyle: { keepWithNext: true },
            fields: 'keepWithNext',
          },
        });
      }
    }
    return out;
  }
  for (let i = 0; i < added; i++) {
    out.push({ insertTableRow: { tableCellLocation: location(row.rowIndex), insertBelow: true } });
  }
  const columns = row.cells.length;
  // An inserted row: its start, then per cell its start and one empty paragraph.
  const rowLength = 1 + 2 * columns;
  for (let j = added - 1; j >= 0; j--) {
    const line = items[j + 1] ?? {};
    const keep = keepLast && j === added - 1;
    const rowStart = row.rowEnd + j * rowLength;
    for (let c = columns - 1; c >= 0; c--) {
      const cell = row.cells[c];
      if (!cell) continue;
      const at = rowStart + 1 + 2 * c + 1;
      const { text, styles, paragraphs } = filled(cell, line, row.prefix);
      if (text !== '') out.push({ insertText: { location: { index: at }, text } });
      for (const p of paragraphs) {
        const style = keep ? { ...p.style, keepWithNext: true } : p.style;
        const fields = setFields(style, ['headingId']);
        if (fields.length === 0) continue;
        out.push({
          updateParagraphStyle: {
            range: { startIndex: at + p.start, endIndex: at + p.end + 1 },
            paragraphStyle: style,
            fields: fields.join(','),
          },
        });
      }
      for (const s of styles) {
        const fields = setFields(s.style);
        if (fields.length === 0) continue;
        out.push({
          updateTextStyle: {
            range: { startIndex: at + s.start, endIndex: at + s.end },
            textStyle: s.style,
            fields: fields.join(','),
          },
        });
      }
    }
  }
  // Cell backgrounds and borders as the template row has them, one request per column.
  row.cells.forEach((cell, c) => {
    const fields = setFields(cell.cellStyle, ['rowSpan', 'columnSpan']);
    if (fields.length === 0) return;
    out.push({
      updateTableCellStyle: {
        tableRange: {
          tableCellLocation: location(row.rowIndex + 1, c),
          rowSpan: added,
          columnSpan: 1,
        },
        tableCellStyle: cell.cellStyle,
        fields: fields.join(','),
      },
    });
  });
  return out;
}

/** Longest key first, so that no key is replaced inside a longer one. */
function orderedKeys(values: Readonly<Record<string, string>>): string[] {
  return Object.keys(values).sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/**
 * The whole batch for one document: paragraphs left out and repeated rows (by index, from the
 * end of the body backwards), then the template's literal fixes, then every placeholder of
 * body, header, footer and first repeated rows. The last line row is kept with what follows it
 * (the totals), whatever the template says of it.
 */
export function documentRequests(plan: TemplatePlan, model: DocumentModel): DocsRequest[] {
  type Edit = { at: number; requests: DocsRequest[] };
  const edits: Edit[] = [];
  const dropped = new Set<number>();
  const itemsOf = (prefix: string): readonly Readonly<Record<string, string>>[] =>
    prefix === 'line' ? model.lines : (model.rows?.[prefix] ?? []);
  // Paragraphs inside a table that goes whole are not dropped on their own.
  const goes = [...plan.repeats.values()].filter(
    (r) => r.prefix !== 'line' && !r.tableHasOther && itemsOf(r.prefix).length === 0,
  );
  for (const key of model.drop ?? []) {
    for (const p of plan.paragraphs.get(key) ?? []) {
      if (dropped.has(p.start)) continue;
      if (goes.some((r) => p.start > r.tableStart && p.start < r.tableEnd)) continue;
      dropped.add(p.start);
      const end = p.whole ? p.end : p.end - 1;
      if (end > p.start) {
        edits.push({
          at: p.start,
          requests: [{ deleteContentRange: { range: { startIndex: p.start, endIndex: end } } }],
        });
      }
    }
  }
  for (const row of plan.repeats.values()) {
    const items = itemsOf(row.prefix);
    const whole = items.length === 0 && row.prefix !== 'line' && !row.tableHasOther;
    edits.push({
      at: whole ? row.tableStart : items.length === 0 ? row.rowStart : row.rowEnd,
      requests: repeatRequests(row, items, row.prefix === 'line'),
    });
  }
  edits.sort((a, b) => b.at - a.at);
  const requests = edits.flatMap((e) => e.requests);
  for (const l of model.literals ?? []) {
    requests.push({
      replaceAllText: { containsText: { text: l.text, matchCase: true }, replaceText: l.by },
    });
  }
  const values: Record<string, string> = { ...model.placeholders };
  for (const row of plan.repeats.values()) {
    const first = itemsOf(row.prefix)[0];
    if (!first) continue;
    // Every placeholder of the row, even one this item has no value for.
    for (const cell of row.cells) {
      for (const p of cell.paragraphs) {
        for (const piece of p.pieces) {
          for (const m of piece.text.matchAll(prefixPlaceholder(row.prefix))) {
            values[`${row.prefix}.${m[1] ?? ''}`] = '';
          }
        }
      }
    }
    for (const [k, v] of Object.entries(first)) values[`${row.prefix}.${k}`] = v;
  }
  for (const key of orderedKeys(values)) {
    requests.push({
      replaceAllText: {
        containsText: { text: placeholder(key), matchCase: true },
        replaceText: inert(values[key] ?? ''),
      },
    });
  }
  return requests;
}
