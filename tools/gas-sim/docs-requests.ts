/**
 * The Docs API's index-based batchUpdate requests over the Doc model: insertText,
 * deleteContentRange, insertTableRow, deleteTableRow, updateTextStyle, updateParagraphStyle and
 * updateTableCellStyle. Indices are UTF-16 code units counted exactly as documents.get reports
 * them (docs-api.ts): the body starts at 1 (its section break holds index 0), a header or footer
 * at 0; every paragraph ends with one newline; a table takes one index at its start, one per row
 * start, one per cell start and one at its end.
 *
 * Reference: https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/request
 * (the Request types) and https://developers.google.com/workspace/docs/api/concepts/structure
 * (indices). Each function throws `RequestInvalid` with the API's text for that request; the
 * caller prefixes `Invalid requests[i].<name>: ` as the API does.
 */
import {
  deepCopy,
  newCell,
  normaliseRuns,
  runsText,
  type Align,
  type Block,
  type CellNode,
  type Container,
  type DocModel,
  type Heading,
  type ListItemNode,
  type ParagraphNode,
  type Run,
  type RowNode,
  type SectionNode,
  type TableNode,
  type TextBlock,
  type TextStyle,
  type VAlign,
} from './doc-model';

export const HEADER_ID = 'kix.simheader';
export const FOOTER_ID = 'kix.simfooter';

/** A request the API would refuse; the message is the API's text after `Invalid requests[i].x: `. */
export class RequestInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestInvalid';
  }
}

// Texts the API answers with. The reference pages name the cases (DeleteContentRangeRequest,
// InsertTextRequest.location) but not the wording; these are the API's texts as its users quote
// them in their reports.
const NOT_IN_PARAGRAPH = 'The insertion index must be inside the bounds of an existing paragraph.';
const BAD_DELETION = 'Invalid deletion range. Cannot delete the requested range.';
const LAST_NEWLINE = 'The range cannot include the newline character at the end of the segment.';
const EMPTY_RANGE = 'The range should not be empty.';
const BAD_TABLE_START = 'Invalid table start location. Must specify the start index of the table.';
const NO_FIELDS =
  "At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)";

function pastEnd(index: number, end: number): RequestInvalid {
  return new RequestInvalid(
    `Index ${index} must be less than the end index of the referenced segment, ${end}.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Lengths and places

export function blockLength(b: Block): number {
  if (b.kind === 'table') return tableLength(b);
  let n = b.inline.length + 1;
  for (const r of b.runs) n += r.text.length;
  return n;
}

function tableLength(t: TableNode): number {
  let n = 2;
  for (const r of t.rows) {
    n += 1;
    for (const c of r.cells) n += 1 + containerLength(c);
  }
  return n;
}

export function containerLength(c: Container): number {
  let n = 0;
  for (const b of c.blocks) n += blockLength(b);
  return n;
}

export interface Segment {
  id: string;
  section: SectionNode;
  /** Index of the segment's first content element. */
  start: number;
  /** Exclusive end index: the segment's last newline is at end - 1. */
  end: number;
}

/** The body (segment id '' or absent), the header or the footer; null when there is none. */
export function segmentOf(m: DocModel, segmentId: unknown): Segment | null {
  const id = segmentId === undefined || segmentId === null ? '' : String(segmentId);
  const section =
    id === '' ? m.body : id === HEADER_ID ? m.header : id === FOOTER_ID ? m.footer : null;
  if (!section) return null;
  const start = id === '' ? 1 : 0;
  return { id, section, start, end: start + containerLength(section) };
}

function requireSegment(m: DocModel, segmentId: unknown): Segment {
  const s = segmentOf(m, segmentId);
  // No reference text for an unknown segment id; the API answers 400 (assumed wording).
  if (!s)
    throw new RequestInvalid(`Segment ID ${String(segmentId)} was not found in the document.`);
  return s;
}

interface Span {
  block: Block;
  start: number;
  end: number;
}

function spans(c: Container, start: number): Span[] {
  const out: Span[] = [];
  let i = start;
  for (const block of c.blocks) {
    const len = blockLength(block);
    out.push({ block, start: i, end: i + len });
    i += len;
  }
  return out;
}

interface Where {
  container: Container;
  start: number;
}

/** The deepest container (section or cell) whose content holds every index of [a, b]. */
function innermost(c: Container, start: number, a: number, b: number): Where {
  for (const s of spans(c, start)) {
    if (s.block.kind !== 'table' || !(a > s.start && b < s.end - 1)) continue;
    let j = s.start + 1;
    for (const row of s.block.rows) {
      j += 1;
      for (const cell of row.cells) {
        const cs = j + 1;
        const ce = cs + containerLength(cell);
        if (a >= cs && b < ce) return innermost(cell, cs, a, b);
        j = ce;
      }
    }
    break;
  }
  return { container: c, start };
}

/** Every paragraph of a container, tables' cells included, with its index span. */
function textSpans(
  c: Container,
  start: number,
  out: { block: TextBlock; start: number; end: number }[] = [],
): typeof out {
  for (const s of spans(c, start)) {
    if (s.block.kind !== 'table') {
      out.push({ block: s.block, start: s.start, end: s.end });
      continue;
    }
    let j = s.start + 1;
    for (const row of s.block.rows) {
      j += 1;
      for (const cell of row.cells) {
        textSpans(cell, j + 1, out);
        j += 1 + containerLength(cell);
      }
    }
  }
  return out;
}

/** Every table of a container, nested ones included, with its start index. */
function tableStarts(
  c: Container,
  start: number,
  out: { table: TableNode; start: number }[] = [],
): typeof out {
  for (const s of spans(c, start)) {
    if (s.block.kind !== 'table') continue;
    out.push({ table: s.block, start: s.start });
    let j = s.start + 1;
    for (const row of s.block.rows) {
      j += 1;
      for (const cell of row.cells) {
        tableStarts(cell, j + 1, out);
        j += 1 + containerLength(cell);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Units: a container's content one index at a time (a table is one unit of its whole length)

type ParaProps = Omit<ParagraphNode, 'runs' | 'inline'> | Omit<ListItemNode, 'runs' | 'inline'>;

type Unit =
  | { k: 'ch'; ch: string; style: TextStyle }
  | { k: 'inline'; what: 'rule' | 'pageBreak' }
  | { k: 'nl'; props: ParaProps }
  | { k: 'table'; table: TableNode; len: number };

function unitLength(u: Unit): number {
  return u.k === 'table' ? u.len : 1;
}

function propsOf(b: TextBlock): ParaProps {
  const { runs, inline, ...props } = b;
  void runs;
  void inline;
  return deepCopy(props);
}

function toUnits(blocks: readonly Block[]): Unit[] {
  const out: Unit[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') {
      out.push({ k: 'table', table: b, len: tableLength(b) });
      continue;
    }
    for (const r of b.runs) for (const ch of r.text) pushChars(out, ch, r.style);
    for (const what of b.inline) out.push({ k: 'inline', what });
    out.push({ k: 'nl', props: propsOf(b) });
  }
  return out;
}

/** One unit per UTF-16 code unit (a character outside the BMP is two). */
function pushChars(out: Unit[], text: string, style: TextStyle): void {
  for (let i = 0; i < text.length; i += 1) out.push({ k: 'ch', ch: text.charAt(i), style });
}

/**
 * Paragraphs back from units. The model keeps a paragraph's inline elements (rule, page break)
 * after its text, so text put after one comes out before it: lengths and every other index are
 * unchanged.
 */
function fromUnits(units: readonly Unit[]): Block[] {
  const out: Block[] = [];
  let runs: Run[] = [];
  let inline: ('rule' | 'pageBreak')[] = [];
  for (const u of units) {
    if (u.k === 'ch') runs.push({ text: u.ch, style: { ...u.style } });
    else if (u.k === 'inline') inline.push(u.what);
    else if (u.k === 'nl') {
      out.push({ ...deepCopy(u.props), runs: normaliseRuns(runs), inline } as TextBlock);
      runs = [];
      inline = [];
    } else {
      // A table right after text that lost its newline: not a valid structure.
      if (runs.length > 0 || inline.length > 0) throw new RequestInvalid(BAD_DELETION);
      out.push(u.table);
    }
  }
  if (runs.length > 0 || inline.length > 0) throw new RequestInvalid(BAD_DELETION);
  return out;
}

function isHigh(u: Unit | undefined): boolean {
  return u?.k === 'ch' && /[\uD800-\uDBFF]/.test(u.ch);
}
function isLow(u: Unit | undefined): boolean {
  return u?.k === 'ch' && /[\uDC00-\uDFFF]/.test(u.ch);
}

/**
 * Replaces [from, to) of a container with `insert` (units), the container's blocks rebuilt from
 * the touched ones. Refuses what DeleteContentRangeRequest lists as invalid: part of a table, the
 * newline before a table without the table, the container's last newline, half a surrogate pair.
 */
function editContainer(w: Where, from: number, to: number, insert: Unit[]): void {
  const list = spans(w.container, w.start);
  const cEnd = w.start + containerLength(w.container);
  if (to > from && to >= cEnd) throw new RequestInvalid(LAST_NEWLINE);
  let first = list.findIndex((s) => s.end > from);
  if (first < 0) throw new RequestInvalid(BAD_DELETION);
  let last = to > from ? list.findIndex((s) => s.end >= to) : first;
  if (last < 0) last = list.length - 1;
  // The last touched paragraph loses its newline: the next paragraph joins it.
  const lastSpan = list[last] as Span;
  if (to > from && lastSpan.end === to && lastSpan.block.kind !== 'table') {
    const next = list[last + 1];
    if (!next) throw new RequestInvalid(LAST_NEWLINE);
    // "Deleting the newline character before a Table ... without deleting the element."
    if (next.block.kind === 'table') throw new RequestInvalid(BAD_DELETION);
    last += 1;
  }
  const base = (list[first] as Span).start;
  let units: Unit[] = [];
  for (;;) {
    units = toUnits(list.slice(first, last + 1).map((s) => s.block));
    // Unit positions of from and to.
    const at = (index: number): number => {
      let pos = base;
      for (let i = 0; i < units.length; i += 1) {
        if (pos === index) return i;
        pos += unitLength(units[i] as Unit);
        if (pos > index) throw new RequestInvalid(BAD_DELETION);
      }
      if (pos === index) return units.length;
      throw new RequestInvalid(BAD_DELETION);
    };
    const a = at(from);
    const b = at(to);
    if ((isHigh(units[a - 1]) && isLow(units[a])) || (isHigh(units[b - 1]) && isLow(units[b]))) {
      throw new RequestInvalid(BAD_DELETION);
    }
    units.splice(a, b - a, ...insert);
    // Text left without its newline (the range ended with a whole table): the next paragraph
    // takes it in.
    const tail = units[units.length - 1];
    if (!tail || tail.k === 'nl' || tail.k === 'table') break;
    const next = list[last + 1];
    if (!next) throw new RequestInvalid(LAST_NEWLINE);
    if (next.block.kind === 'table') throw new RequestInvalid(BAD_DELETION);
    last += 1;
  }
  const rebuilt = fromUnits(units);
  const old = list.slice(first, last + 1).map((s) => s.block);
  // An edit inside one paragraph keeps the paragraph object (open DocumentApp handles on it).
  const only = old[0];
  const made = rebuilt[0];
  if (
    old.length === 1 &&
    rebuilt.length === 1 &&
    only &&
    made &&
    only.kind !== 'table' &&
    made.kind === only.kind
  ) {
    only.runs = (made as TextBlock).runs;
    only.inline = (made as TextBlock).inline;
    return;
  }
  first = w.container.blocks.indexOf(list[first]?.block as Block);
  w.container.blocks.splice(first, old.length, ...rebuilt);
}

// ---------------------------------------------------------------------------------------------
// insertText / deleteContentRange

/**
 * Control characters the InsertTextRequest reference says are stripped (U+0000-U+0008,
 * U+000C-U+001F) and the Private Use Area (U+E000-U+F8FF); "\n" makes a new paragraph, U+000B
 * is a line break (the model's '\r').
 */
function cleanText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0c && c <= 0x1f) || (c >= 0xe000 && c <= 0xf8ff)) continue;
    out += text.charAt(i);
  }
  return out;
}

export function insertText(m: DocModel, req: GoogleAppsScript.Docs.Schema.InsertTextRequest): void {
  const loc = req.location;
  const eos = req.endOfSegmentLocation;
  if (!loc && !eos)
    throw new RequestInvalid('Either location or endOfSegmentLocation must be set.');
  const seg = requireSegment(m, loc ? loc.segmentId : eos?.segmentId);
  const index = loc ? Number(loc.index ?? 0) : seg.end - 1;
  if (!Number.isInteger(index)) throw new RequestInvalid(NOT_IN_PARAGRAPH);
  if (index >= seg.end) throw pastEnd(index, seg.end);
  if (index < seg.start) throw new RequestInvalid(NOT_IN_PARAGRAPH);
  const w = innermost(seg.section, seg.start, index, index);
  const span = spans(w.container, w.start).find((s) => s.start <= index && index < s.end);
  // "Text must be inserted inside the bounds of an existing Paragraph. For instance, text cannot
  // be inserted at a table's start index."
  if (!span || span.block.kind === 'table') throw new RequestInvalid(NOT_IN_PARAGRAPH);
  const para = span.block;
  const text = cleanText(String(req.text ?? ''));
  if (text === '') return;
  // "In most cases, the text style for the inserted text will match the text immediately before
  // the insertion index": the style of the character before it in the same paragraph. At a
  // paragraph's start there is none, and the reference promises nothing: no style (least
  // convenient reading; the client styles what it inserts).
  const offset = index - span.start;
  const before = toUnits([para])
    .slice(0, offset)
    .reverse()
    .find((u) => u.k === 'ch');
  const style: TextStyle = before?.k === 'ch' ? { ...before.style } : {};
  // "The paragraph style of the new paragraph will be copied from the paragraph at the current
  // insertion index, including lists and bullets."
  const props = propsOf(para);
  const units: Unit[] = [];
  for (const ch of text) {
    if (ch === '\n') units.push({ k: 'nl', props: deepCopy(props) });
    else pushChars(units, ch === '\u000b' ? '\r' : ch, style);
  }
  editContainer(w, index, index, units);
}

export function deleteContentRange(
  m: DocModel,
  req: GoogleAppsScript.Docs.Schema.DeleteContentRangeRequest,
): void {
  const r = req.range ?? {};
  const seg = requireSegment(m, r.segmentId);
  const from = Number(r.startIndex ?? 0);
  const to = Number(r.endIndex ?? 0);
  if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from) {
    throw new RequestInvalid(EMPTY_RANGE);
  }
  if (to > seg.end) throw pastEnd(to - 1, seg.end);
  if (to === seg.end) throw new RequestInvalid(LAST_NEWLINE);
  // Index 0 of the body is its section break.
  if (from < seg.start) throw new RequestInvalid(BAD_DELETION);
  editContainer(innermost(seg.section, seg.start, from, to - 1), from, to, []);
}

// ---------------------------------------------------------------------------------------------
// Tables

function tableAt(m: DocModel, loc: GoogleAppsScript.Docs.Schema.Location | undefined): TableNode {
  const seg = requireSegment(m, loc?.segmentId);
  const index = Number(loc?.index);
  const found = tableStarts(seg.section, seg.start).find((t) => t.start === index);
  if (!found) throw new RequestInvalid(BAD_TABLE_START);
  return found.table;
}

function cellLocation(
  m: DocModel,
  loc: GoogleAppsScript.Docs.Schema.TableCellLocation | undefined,
): { table: TableNode; row: number; column: number } {
  const table = tableAt(m, loc?.tableStartLocation);
  const row = Number(loc?.rowIndex ?? 0);
  const column = Number(loc?.columnIndex ?? 0);
  const r = table.rows[row];
  // No reference text for an index out of the table; assumed wording, 400 as any invalid request.
  if (!Number.isInteger(row) || !r) throw new RequestInvalid(`Invalid row index ${row}.`);
  if (!Number.isInteger(column) || !r.cells[column]) {
    throw new RequestInvalid(`Invalid column index ${column}.`);
  }
  return { table, row, column };
}

/**
 * "Inserts an empty row into a table" (InsertTableRowRequest): one cell per cell of the
 * reference row, each an empty paragraph. The reference says nothing of what the new row takes
 * from the reference row, so it takes nothing but its cell count (least convenient): default
 * cell style (no background, default padding), default paragraph and text style.
 */
export function insertTableRow(
  m: DocModel,
  req: GoogleAppsScript.Docs.Schema.InsertTableRowRequest,
): void {
  const { table, row } = cellLocation(m, req.tableCellLocation);
  const ref = table.rows[row] as RowNode;
  const fresh: RowNode = { kind: 'row', cells: ref.cells.map(() => newCell()), minHeight: 0 };
  table.rows.splice(req.insertBelow === true ? row + 1 : row, 0, fresh);
}

/**
 * "Deletes a row from a table" (DeleteTableRowRequest). Deleting a table's only row: the
 * reference does not say the table goes with it, so it is refused (least convenient).
 */
export function deleteTableRow(
  m: DocModel,
  req: GoogleAppsScript.Docs.Schema.DeleteTableRowRequest,
): void {
  const { table, row } = cellLocation(m, req.tableCellLocation);
  if (table.rows.length === 1) throw new RequestInvalid(BAD_DELETION);
  table.rows.splice(row, 1);
}

// ---------------------------------------------------------------------------------------------
// Styles

/** The `fields` mask: null for '*', else the top-level names (refused when empty). */
function fieldNames(fields: unknown, known: readonly string[]): string[] {
  const f = typeof fields === 'string' ? fields.trim() : '';
  if (f === '') throw new RequestInvalid(NO_FIELDS);
  if (f === '*') return [...known];
  const names = f
    .split(',')
    .map((s) => s.trim().split('.')[0] ?? '')
    .filter(Boolean);
  for (const n of names) {
    if (!known.includes(n)) {
      throw new RequestInvalid(
        `The in-memory Docs service does not model the field "${n}" (it knows ${known.join(', ')}).`,
      );
    }
  }
  return names;
}

function hex2(v: unknown): string {
  const n = Math.max(0, Math.min(255, Math.round(Number(v ?? 0) * 255)));
  return n.toString(16).padStart(2, '0');
}

/** An OptionalColor as '#rrggbb'; null for "transparent" (no color), as the reference defines. */
export function colorOf(c: GoogleAppsScript.Docs.Schema.OptionalColor | undefined): string | null {
  const rgb = c?.color?.rgbColor;
  if (!c?.color) return null;
  return `#${hex2(rgb?.red)}${hex2(rgb?.green)}${hex2(rgb?.blue)}`;
}

function points(d: GoogleAppsScript.Docs.Schema.Dimension | undefined): number | null {
  if (d?.magnitude === undefined || d.magnitude === null) return null;
  return Number(d.magnitude);
}

function range(
  m: DocModel,
  r: GoogleAppsScript.Docs.Schema.Range | undefined,
): { seg: Segment; from: number; to: number } {
  const seg = requireSegment(m, r?.segmentId);
  const from = Number(r?.startIndex ?? 0);
  const to = Number(r?.endIndex ?? 0);
  if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from) {
    throw new RequestInvalid(EMPTY_RANGE);
  }
  if (to > seg.end) throw pastEnd(to - 1, seg.end);
  return { seg, from, to };
}

const TEXT_FIELDS = [
  'bold',
  'italic',
  'underline',
  'strikethrough',
  'fontSize',
  'weightedFontFamily',
  'foregroundColor',
  'backgroundColor',
  'link',
] as const;

function applyTextFields(
  s: TextStyle,
  from: GoogleAppsScript.Docs.Schema.TextStyle,
  names: readonly string[],
): void {
  for (const n of names) {
    switch (n) {
      case 'bold':
      case 'italic':
      case 'underline':
      case 'strikethrough': {
        const v = from[n];
        if (v === undefined || v === null) delete s[n];
        else s[n] = Boolean(v);
        break;
      }
      case 'fontSize': {
        const v = points(from.fontSize);
        if (v === null) delete s.fontSize;
        else s.fontSize = v;
        break;
      }
      case 'weightedFontFamily': {
        const v = from.weightedFontFamily?.fontFamily;
        if (!v) delete s.fontFamily;
        else s.fontFamily = String(v);
        break;
      }
      case 'foregroundColor':
      case 'backgroundColor': {
        const key = n === 'foregroundColor' ? 'color' : 'background';
        const v = colorOf(from[n]);
        if (v === null) delete s[key];
        else s[key] = v;
        break;
      }
      case 'link': {
        const v = from.link?.url;
        if (!v) delete s.link;
        else s.link = String(v);
        break;
      }
    }
  }
}

/**
 * UpdateTextStyleRequest: the characters of [startIndex, endIndex) take the listed fields (an
 * absent value in `textStyle` clears the field, as the field-mask rule says). Paragraph ends
 * carry no style in the model: only text characters change.
 */
export function updateTextStyle(
  m: DocModel,
  req: GoogleAppsScript.Docs.Schema.UpdateTextStyleRequest,
): void {
  const names = fieldNames(req.fields, TEXT_FIELDS);
  const { seg, from, to } = range(m, req.range);
  const style = req.textStyle ?? {};
  // The paragraphs of the innermost container holding the range (a cell's, mostly): the
  // same paragraphs as the whole segment's that overlap it, found without walking them all.
  const w = innermost(seg.section, seg.start, from, to - 1);
  for (const p of textSpans(w.container, w.start)) {
    const text = runsText(p.block.runs);
    const a = Math.max(from, p.start) - p.start;
    const b = Math.min(to, p.start + text.length) - p.start;
    if (b <= a) continue;
    const units: Unit[] = [];
    for (const r of p.block.runs) pushChars(units, r.text, r.style);
    const runs: Run[] = units.map((u, i) => {
      const s = { ...(u as { style: TextStyle }).style };
      if (i >= a && i < b) applyTextFields(s, style, names);
      return { text: (u as { ch: string }).ch, style: s };
    });
    p.block.runs = normaliseRuns(runs);
  }
}

const PARAGRAPH_FIELDS = [
  'alignment',
  'namedStyleType',
  'spaceAbove',
  'spaceBelow',
  'lineSpacing',
  'indentStart',
  'indentEnd',
  'indentFirstLine',
  'keepWithNext',
  'keepLinesTogether',
  'direction',
] as const;

const ALIGN_FROM_API: Record<string, Align> = {
  START: 'LEFT',
  CENTER: 'CENTER',
  END: 'RIGHT',
  JUSTIFIED: 'JUSTIFY',
};
const HEADING_FROM_API: Record<string, Heading> = {
  NORMAL_TEXT: 'NORMAL',
  TITLE: 'TITLE',
  SUBTITLE: 'SUBTITLE',
  HEADING_1: 'HEADING1',
  HEADING_2: 'HEADING2',
  HEADING_3: 'HEADING3',
  HEADING_4: 'HEADING4',
  HEADING_5: 'HEADING5',
  HEADING_6: 'HEADING6',
};

function applyParagraphFields(
  b: TextBlock,
  from: GoogleAppsScript.Docs.Schema.ParagraphStyle,
  names: readonly string[],
): void {
  for (const n of names) {
    switch (n) {
      case 'alignment': {
        const v = from.alignment;
        if (v === undefined || v === null) b.align = null;
        else {
          const a = ALIGN_FROM_API[String(v)];
          if (!a) throw new RequestInvalid(`Invalid value at 'alignment' (${String(v)}).`);
          b.align = a;
        }
        break;
      }
      case 'namedStyleType': {
        const v = from.namedStyleType;
        if (v === undefined || v === null) b.heading = 'NORMAL';
        else {
          const h = HEADING_FROM_API[String(v)];
          if (!h) throw new RequestInvalid(`Invalid value at 'namedStyleType' (${String(v)}).`);
          b.heading = h;
        }
        break;
      }
      case 'spaceAbove':
        b.spacingBefore = points(from.spaceAbove);
        break;
      case 'spaceBelow':
        b.spacingAfter = points(from.spaceBelow);
        break;
      case 'lineSpacing':
        // The API's lineSpacing is a percentage (100 = single); the model's a multiplier.
        b.lineSpacing =
          from.lineSpacing === undefined || from.lineSpacing === null
            ? null
            : Number(from.lineSpacing) / 100;
        break;
      case 'indentStart':
        b.indentStart = points(from.indentStart);
        break;
      case 'indentEnd':
        b.indentEnd = points(from.indentEnd);
        break;
      case 'indentFirstLine':
        b.indentFirstLine = points(from.indentFirstLine);
        break;
      case 'keepWithNext':
      case 'keepLinesTogether': {
        const v = from[n];
        if (v === undefined || v === null) delete b[n];
        else b[n] = Boolean(v);
        break;
      }
      case 'direction':
        if (from.direction && from.direction !== 'LEFT_TO_RIGHT') {
          throw new RequestInvalid('The in-memory Docs service models LEFT_TO_RIGHT text only.');
        }
        break;
    }
  }
}

/** UpdateParagraphStyleRequest: every paragraph that overlaps the range. */
export function updateParagraphStyle(
  m: DocModel,
  req: GoogleAppsScript.Docs.Schema.UpdateParagraphStyleRequest,
): void {
  const names = fieldNames(req.fields, PARAGRAPH_FIELDS);
  const { seg, from, to } = range(m, req.range);
  const style = req.paragraphStyle ?? {};
  // The paragraphs of the innermost container holding the range (a cell's, mostly): the
  // same paragraphs as the whole segment's that overlap it, found without walking them all.
  const w = innermost(seg.section, seg.start, from, to - 1);
  for (const p of textSpans(w.container, w.start)) {
    if (p.start < to && from < p.end) applyParagraphFields(p.block, style, names);
  }
}

const CELL_FIELDS = [
  'backgroundColor',
  'paddingTop',
  'paddingBottom',
  'paddingLeft',
  'paddingRight',
  'contentAlignment',
] as const;

/** UpdateTableCellStyleRequest (the Apps Script typings lack it). */
export interface UpdateTableCellStyleRequest {
  tableRange?: {
    tableCellLocation?: GoogleAppsScript.Docs.Schema.TableCellLocation;
    rowSpan?: number;
    columnSpan?: number;
  };
  tableStartLocation?: GoogleAppsScript.Docs.Schema.Location;
  tableCellStyle?: GoogleAppsScript.Docs.Schema.TableCellStyle;
  fields?: string;
}

const VALIGN_FROM_API: Record<string, VAlign> = { TOP: 'TOP', MIDDLE: 'CENTER', BOTTOM: 'BOTTOM' };
/** A new cell's padding here (doc-model newCell). */
const DEFAULT_PADDING = 5;

/**
 * UpdateTableCellStyleRequest: the cells of `tableRange` (rowSpan x columnSpan from its cell
 * location), or of the whole table when `tableStartLocation` is given instead.
 */
export function updateTableCellStyle(m: DocModel, req: UpdateTableCellStyleRequest): void {
  const names = fieldNames(req.fields, CELL_FIELDS);
  let cells: CellNode[];
  if (req.tableRange) {
    const { table, row, column } = cellLocation(m, req.tableRange.tableCellLocation);
    const rows = Number(req.tableRange.rowSpan ?? 1);
    const cols = Number(req.tableRange.columnSpan ?? 1);
    if (!(rows >= 1) || !(cols >= 1) || !table.rows[row + rows - 1]) {
      throw new RequestInvalid('The table range is out of the table.');
    }
    cells = table.rows.slice(row, row + rows).flatMap((r) => {
      if (!r.cells[column + cols - 1])
        throw new RequestInvalid('The table range is out of the table.');
      return r.cells.slice(column, column + cols);
    });
  } else if (req.tableStartLocation) {
    cells = tableAt(m, req.tableStartLocation).rows.flatMap((r) => r.cells);
  } else {
    throw new RequestInvalid('Either tableRange or tableStartLocation must be set.');
  }
  const s = req.tableCellStyle ?? {};
  for (const c of cells) {
    for (const n of names) {
      switch (n) {
        case 'backgroundColor':
          c.background = colorOf(s.backgroundColor);
          break;
        case 'paddingTop':
        case 'paddingBottom':
        case 'paddingLeft':
        case 'paddingRight':
          c[n] = points(s[n]) ?? DEFAULT_PADDING;
          break;
        case 'contentAlignment': {
          const v = s.contentAlignment;
          c.verticalAlign = v ? (VALIGN_FROM_API[String(v)] ?? 'TOP') : 'TOP';
          break;
        }
      }
    }
  }
}
