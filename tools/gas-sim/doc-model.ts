/**
 * A Google Doc as plain, serialisable data: sections (body, header, footer) of blocks
 * (paragraphs, list items, tables), paragraphs of styled text runs. Lengths are in points, as in
 * DocumentApp. DocumentApp handles, the advanced Docs service and the PDF renderer all read and
 * write this model.
 */
import { allMatches, compileRe2 } from './re2';

export type Heading =
  | 'NORMAL'
  | 'HEADING1'
  | 'HEADING2'
  | 'HEADING3'
  | 'HEADING4'
  | 'HEADING5'
  | 'HEADING6'
  | 'TITLE'
  | 'SUBTITLE';
export type Align = 'LEFT' | 'CENTER' | 'RIGHT' | 'JUSTIFY';
export type Glyph =
  | 'BULLET'
  | 'HOLLOW_BULLET'
  | 'SQUARE_BULLET'
  | 'NUMBER'
  | 'LATIN_UPPER'
  | 'LATIN_LOWER'
  | 'ROMAN_UPPER'
  | 'ROMAN_LOWER';
export type VAlign = 'TOP' | 'CENTER' | 'BOTTOM';

export interface TextStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  /** Points. */
  fontSize?: number;
  fontFamily?: string;
  /** '#rrggbb'. */
  color?: string;
  background?: string;
  link?: string;
}

export interface Run {
  text: string;
  style: TextStyle;
}

/**
 * Page numbers and page counts: the Docs API's AutoText paragraph elements, types PAGE_NUMBER
 * and PAGE_COUNT (https://developers.google.com/workspace/docs/api/reference/rest/v1/documents#autotext).
 * Each takes one index, as any element that is not text, and is kept here as one character of
 * the private-use area in its run's text, which nobody types. Only a person can insert one, in
 * the Docs editor (Insert › Page numbers): the batchUpdate reference has no request for it, and
 * DocumentApp calls it "an element representing a region that is unknown or cannot be affected
 * by a script, such as a page number" (UnsupportedElement,
 * https://developers.google.com/apps-script/reference/document/unsupported-element). A copy of
 * the Doc keeps it (files.copy copies the document whole); replaceAllText never matches it.
 */
export const AUTO_PAGE_NUMBER = '\ue000';
export const AUTO_PAGE_COUNT = '\ue001';
export const AUTO_TEXT = /[\ue000\ue001]/;

export interface ParagraphProps {
  heading: Heading;
  align: Align | null;
  /** Points; null = the heading's default. */
  spacingBefore: number | null;
  spacingAfter: number | null;
  /** Multiplier of the line height. */
  lineSpacing: number | null;
  indentStart: number | null;
  indentFirstLine: number | null;
  indentEnd: number | null;
  /** Docs API paragraphStyle fields with no DocumentApp setter; absent = false. */
  keepWithNext?: boolean;
  keepLinesTogether?: boolean;
}

export interface ParagraphNode extends ParagraphProps {
  kind: 'paragraph';
  /** '\r' inside a run is a line break within the paragraph ("\n" is converted, as Docs does). */
  runs: Run[];
  /** Inline elements after the text: a horizontal rule or a page break. */
  inline: ('rule' | 'pageBreak')[];
}

export interface ListItemNode extends ParagraphProps {
  kind: 'listItem';
  runs: Run[];
  inline: ('rule' | 'pageBreak')[];
  nesting: number;
  glyph: Glyph;
  listId: string;
}

export type TextBlock = ParagraphNode | ListItemNode;

export interface CellNode {
  kind: 'cell';
  blocks: Block[];
  background: string | null;
  /** Points; null = share the table width. */
  width: number | null;
  paddingTop: number;
  paddingBottom: number;
  paddingLeft: number;
  paddingRight: number;
  verticalAlign: VAlign;
}

export interface RowNode {
  kind: 'row';
  cells: CellNode[];
  minHeight: number;
}

export interface TableNode {
  kind: 'table';
  rows: RowNode[];
  borderWidth: number;
  borderColor: string;
  /** Points per column; null = equal share. */
  columnWidths: (number | null)[];
}

export type Block = TextBlock | TableNode;

export interface SectionNode {
  kind: 'section';
  blocks: Block[];
}

export interface DocModel {
  body: SectionNode;
  header: SectionNode | null;
  footer: SectionNode | null;
  /** Points. A new Doc here is A4 with 2 cm margins (Google Docs itself defaults to 1 inch). */
  pageWidth: number;
  pageHeight: number;
  marginTop: number;
  marginBottom: number;
  marginLeft: number;
  marginRight: number;
}

export type Node = Block | CellNode | RowNode | SectionNode;
export type Container = SectionNode | CellNode;

export const A4_WIDTH = 595.276;
export const A4_HEIGHT = 841.89;
/** 2 cm in points. */
export const CM2 = (2 / 2.54) * 72;

/** Paragraph text never holds '\n': Docs turns it into a line break '\r'. */
export function normaliseText(text: string): string {
  return String(text).replace(/\r\n|\n/g, '\r');
}

export function newParagraph(text = '', style: TextStyle = {}): ParagraphNode {
  return {
    kind: 'paragraph',
    runs: text === '' ? [] : [{ text: normaliseText(text), style: { ...style } }],
    inline: [],
    heading: 'NORMAL',
    align: null,
    spacingBefore: null,
    spacingAfter: null,
    lineSpacing: null,
    indentStart: null,
    indentFirstLine: null,
    indentEnd: null,
  };
}

export function newListItem(text: string, listId: string): ListItemNode {
  const p = newParagraph(text);
  return { ...p, kind: 'listItem', nesting: 0, glyph: 'BULLET', listId };
}

export function newCell(text = ''): CellNode {
  return {
    kind: 'cell',
    blocks: [newParagraph(text)],
    background: null,
    width: null,
    paddingTop: 5,
    paddingBottom: 5,
    paddingLeft: 5,
    paddingRight: 5,
    verticalAlign: 'TOP',
  };
}

export function newRow(cells: string[] = []): RowNode {
  return { kind: 'row', cells: cells.map((t) => newCell(t)), minHeight: 0 };
}

export function newTable(cells: string[][] = []): TableNode {
  const width = Math.max(0, ...cells.map((r) => r.length));
  return {
    kind: 'table',
    rows: cells.map((r) => newRow([...r, ...Array<string>(width - r.length).fill('')])),
    borderWidth: 1,
    borderColor: '#000000',
    columnWidths: Array<number | null>(width).fill(null),
  };
}

export function newSection(): SectionNode {
  return { kind: 'section', blocks: [newParagraph()] };
}

export function newDocModel(): DocModel {
  return {
    body: newSection(),
    header: null,
    footer: null,
    pageWidth: A4_WIDTH,
    pageHeight: A4_HEIGHT,
    marginTop: CM2,
    marginBottom: CM2,
    marginLeft: CM2,
    marginRight: CM2,
  };
}

/** Nodes are plain data: a structured clone is a deep, detached copy. */
export function deepCopy<T>(node: T): T {
  return structuredClone(node);
}

export function isTextBlock(n: Node): n is TextBlock {
  return n.kind === 'paragraph' || n.kind === 'listItem';
}

export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('');
}

export function blockText(b: Block): string {
  if (b.kind === 'table') return tableText(b);
  return runsText(b.runs);
}

export function containerText(c: Container): string {
  return c.blocks.map(blockText).join('\n');
}

export function rowText(r: RowNode): string {
  return r.cells.map(containerText).join('\t');
}

export function tableText(t: TableNode): string {
  return t.rows.map(rowText).join('\n');
}

export function nodeText(n: Node): string {
  switch (n.kind) {
    case 'paragraph':
    case 'listItem':
    case 'table':
      return blockText(n);
    case 'row':
      return rowText(n);
    case 'cell':
    case 'section':
      return containerText(n);
  }
}

/** Every paragraph and list item under a node, in document order. */
export function textBlocks(n: Node): TextBlock[] {
  const out: TextBlock[] = [];
  collectBlocks(n, out);
  return out;
}

function collectBlocks(n: Node, out: TextBlock[]): void {
  switch (n.kind) {
    case 'paragraph':
    case 'listItem':
      out.push(n);
      return;
    case 'table':
      for (const r of n.rows) collectBlocks(r, out);
      return;
    case 'row':
      for (const c of n.cells) collectBlocks(c, out);
      return;
    case 'cell':
    case 'section':
      for (const b of n.blocks) collectBlocks(b, out);
      return;
  }
}

export function docSections(m: DocModel): SectionNode[] {
  return [m.body, ...(m.header ? [m.header] : []), ...(m.footer ? [m.footer] : [])];
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  const ka = Object.keys(a) as (keyof TextStyle)[];
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
}

/** Merge neighbouring runs of equal style and drop empty ones. */
export function normaliseRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (r.text === '') continue;
    const last = out[out.length - 1];
    if (last && sameStyle(last.style, r.style)) last.text += r.text;
    else out.push({ text: r.text, style: { ...r.style } });
  }
  return out;
}

/** The style of the character at `offset` (or of the last one before it). */
export function styleAt(runs: readonly Run[], offset: number): TextStyle {
  let pos = 0;
  let last: TextStyle = {};
  for (const r of runs) {
    if (offset < pos + r.text.length) return { ...r.style };
    pos += r.text.length;
    last = r.style;
  }
  return { ...last };
}

/** Split runs so that `offset` falls on a run boundary; returns the index of the run at it. */
function splitAt(runs: Run[], offset: number): number {
  let pos = 0;
  for (let i = 0; i < runs.length; i += 1) {
    const r = runs[i] as Run;
    if (offset === pos) return i;
    if (offset < pos + r.text.length) {
      const cut = offset - pos;
      runs.splice(
        i,
        1,
        { text: r.text.slice(0, cut), style: { ...r.style } },
        { text: r.text.slice(cut), style: { ...r.style } },
      );
      return i + 1;
    }
    pos += r.text.length;
  }
  return runs.length;
}

/** Replace [start, end) with `insert`, which takes `style` (default: the first replaced char's). */
export function spliceRuns(
  runs: Run[],
  start: number,
  end: number,
  insert: string,
  style?: TextStyle,
): Run[] {
  const s = style ?? styleAt(runs, start);
  const copy = runs.map((r) => ({ text: r.text, style: { ...r.style } }));
  const a = splitAt(copy, start);
  const b = splitAt(copy, end);
  copy.splice(a, b - a, { text: normaliseText(insert), style: s });
  return normaliseRuns(copy);
}

/** Apply a style change to [start, endInclusive] of the runs. */
export function styleRange(
  runs: Run[],
  start: number,
  endInclusive: number,
  change: (s: TextStyle) => void,
): Run[] {
  const copy = runs.map((r) => ({ text: r.text, style: { ...r.style } }));
  const a = splitAt(copy, start);
  const b = splitAt(copy, endInclusive + 1);
  for (let i = a; i < b; i += 1) change((copy[i] as Run).style);
  return normaliseRuns(copy);
}

/**
 * replaceText on one text element: every match of the RE2 pattern in this paragraph's text is
 * replaced by the replacement taken literally (the reference documents it as "the text to use as
 * replacement"; capture groups are not supported). Returns the number of replacements.
 */
export function replaceInBlock(b: TextBlock, re: RegExp, replacement: string): number {
  const text = runsText(b.runs);
  const matches = allMatches(re, text);
  let runs = b.runs;
  for (let i = matches.length - 1; i >= 0; i -= 1) {
    const m = matches[i];
    if (m) runs = spliceRuns(runs, m.start, m.end, replacement);
  }
  b.runs = runs;
  return matches.length;
}

export function replaceInNode(n: Node, pattern: string, replacement: string): number {
  const re = compileRe2(pattern);
  let count = 0;
  for (const b of textBlocks(n)) count += replaceInBlock(b, re, String(replacement));
  return count;
}

/** Literal, optionally case-insensitive replacement, as the Docs API's replaceAllText does. */
export function replaceLiteralInNode(
  n: Node,
  search: string,
  replacement: string,
  matchCase: boolean,
): number {
  if (search === '') return 0;
  const escaped = search.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  const re = new RegExp(escaped, matchCase ? 'gu' : 'giu');
  let count = 0;
  for (const b of textBlocks(n)) {
    // Most blocks do not hold the text: skip them without splitting their runs.
    if (matchCase && !runsText(b.runs).includes(search)) continue;
    count += replaceInBlock(b, re, replacement);
  }
  return count;
}

/** Where a node sits: its parent and index, searched from the sections of a model. */
export interface Place {
  parent: Container | TableNode | RowNode;
  index: number;
}

export function findPlace(root: Node, target: Node): Place | null {
  const visit = (n: Node): Place | null => {
    if (n.kind === 'section' || n.kind === 'cell') {
      for (let i = 0; i < n.blocks.length; i += 1) {
        const child = n.blocks[i] as Block;
        if (child === target) return { parent: n, index: i };
        const found = visit(child);
        if (found) return found;
      }
    } else if (n.kind === 'table') {
      for (let i = 0; i < n.rows.length; i += 1) {
        const row = n.rows[i] as RowNode;
        if (row === target) return { parent: n, index: i };
        const found = visit(row);
        if (found) return found;
      }
    } else if (n.kind === 'row') {
      for (let i = 0; i < n.cells.length; i += 1) {
        const cell = n.cells[i] as CellNode;
        if (cell === target) return { parent: n, index: i };
        const found = visit(cell);
        if (found) return found;
      }
    }
    return null;
  };
  return visit(root);
}

export function findPlaceInDoc(m: DocModel, target: Node): Place | null {
  for (const s of docSections(m)) {
    const p = findPlace(s, target);
    if (p) return p;
  }
  return null;
}

export function containsNode(m: DocModel, target: Node): boolean {
  return docSections(m).includes(target as SectionNode) || findPlaceInDoc(m, target) !== null;
}
