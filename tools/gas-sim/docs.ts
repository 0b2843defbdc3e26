/**
 * DocumentApp of the in-memory Apps Script. Every element handle is created per call over the
 * Doc model (doc-model.ts) and counted under Apps Script's class name (Body, Paragraph, Table,
 * TableRow, TableCell, Text...). A Document edits the execution's working copy of the Doc;
 * saveAndClose() saves it and closes every handle of that Document ("Document is closed, its
 * contents cannot be updated."); Drive exports (getAs, getBlob, makeCopy) see saved content only.
 *
 * replaceText / findText follow the reference (developers.google.com/apps-script/reference/
 * document/body#replaceText): the pattern is an RE2 regular expression given as a string (see
 * re2.ts for how it is translated and what is refused), matched independently against each
 * paragraph's text, never across paragraphs; body, header, footer and table cells are each
 * reached from their own section; the replacement is "the text to use as replacement", inserted
 * literally ($1, $&, \1 are not expanded: capture groups are not supported), with the style of
 * the first replaced character. Inserting an element that is still in a document throws
 * "Element must be detached." (append a copy()).
 */
import { asBlob } from './blob';
import type { SimContext } from './context';
import {
  containerText,
  containsNode,
  deepCopy,
  findPlaceInDoc,
  isTextBlock,
  newCell,
  newDocModel,
  newListItem,
  newParagraph,
  newRow,
  newSection,
  newTable,
  nodeText,
  normaliseRuns,
  normaliseText,
  replaceInNode,
  runsText,
  spliceRuns,
  styleAt,
  styleRange,
  textBlocks,
  type Align,
  type Block,
  type CellNode,
  type Container,
  type DocModel,
  type Glyph,
  type Heading,
  type ListItemNode,
  type Node,
  type ParagraphNode,
  type RowNode,
  type SectionNode,
  type TableNode,
  type TextBlock,
  type TextStyle,
  type VAlign,
} from './doc-model';
import { MIME, type FileRecord } from './drive-state';
import { docUrl, emailOf, exportFile, shareWith, userHandle } from './drive-files';
import { gasError } from './errors';
import { allMatches, compileRe2 } from './re2';
import { instrument } from './recorder';

type D = typeof GoogleAppsScript.Document;
type GDoc = GoogleAppsScript.Document.Document;
type GElement = GoogleAppsScript.Document.Element;
type GContainer = GoogleAppsScript.Document.ContainerElement;
type GParagraph = GoogleAppsScript.Document.Paragraph;
type GListItem = GoogleAppsScript.Document.ListItem;
type GTable = GoogleAppsScript.Document.Table;
type GRow = GoogleAppsScript.Document.TableRow;
type GCell = GoogleAppsScript.Document.TableCell;
type GText = GoogleAppsScript.Document.Text;
type GBody = GoogleAppsScript.Document.Body;
type GHeader = GoogleAppsScript.Document.HeaderSection;
type GFooter = GoogleAppsScript.Document.FooterSection;
type GRange = GoogleAppsScript.Document.RangeElement;
type GRule = GoogleAppsScript.Document.HorizontalRule;
type GPageBreak = GoogleAppsScript.Document.PageBreak;
type Attrs = Record<string, unknown>;

export const DOC_CLOSED = 'Document is closed, its contents cannot be updated.';
/** DocumentApp's text for an id that is no Doc (the same shape as SpreadsheetApp's). */
export function docMissing(id: string): string {
  return `Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`;
}

function enumOf<K extends string>(keys: readonly K[]): Readonly<Record<K, K>> {
  return Object.freeze(Object.fromEntries(keys.map((k) => [k, k])) as Record<K, K>);
}

const HEADINGS = [
  'NORMAL',
  'HEADING1',
  'HEADING2',
  'HEADING3',
  'HEADING4',
  'HEADING5',
  'HEADING6',
  'TITLE',
  'SUBTITLE',
] as const satisfies readonly Heading[];
const ALIGNS = ['LEFT', 'CENTER', 'RIGHT', 'JUSTIFY'] as const satisfies readonly Align[];
const GLYPHS = [
  'BULLET',
  'HOLLOW_BULLET',
  'SQUARE_BULLET',
  'NUMBER',
  'LATIN_UPPER',
  'LATIN_LOWER',
  'ROMAN_UPPER',
  'ROMAN_LOWER',
] as const satisfies readonly Glyph[];
const VALIGNS = ['TOP', 'CENTER', 'BOTTOM'] as const satisfies readonly VAlign[];

export const DOC_ENUMS = {
  ParagraphHeading: enumOf(HEADINGS),
  HorizontalAlignment: enumOf(ALIGNS),
  GlyphType: enumOf(GLYPHS),
  VerticalAlignment: enumOf(VALIGNS),
  TextAlignment: enumOf(['NORMAL', 'SUPERSCRIPT', 'SUBSCRIPT'] as const),
  ElementType: enumOf([
    'BODY_SECTION',
    'COMMENT_SECTION',
    'DATE',
    'DOCUMENT',
    'EQUATION',
    'EQUATION_FUNCTION',
    'EQUATION_FUNCTION_ARGUMENT_SEPARATOR',
    'EQUATION_SYMBOL',
    'FOOTER_SECTION',
    'FOOTNOTE',
    'FOOTNOTE_SECTION',
    'HEADER_SECTION',
    'HORIZONTAL_RULE',
    'INLINE_DRAWING',
    'INLINE_IMAGE',
    'LIST_ITEM',
    'PAGE_BREAK',
    'PARAGRAPH',
    'PERSON',
    'RICH_LINK',
    'TABLE',
    'TABLE_CELL',
    'TABLE_OF_CONTENTS',
    'TABLE_ROW',
    'TEXT',
    'UNSUPPORTED',
  ] as const),
  Attribute: enumOf([
    'BACKGROUND_COLOR',
    'BOLD',
    'BORDER_COLOR',
    'BORDER_WIDTH',
    'CODE',
    'FONT_FAMILY',
    'FONT_SIZE',
    'FOREGROUND_COLOR',
    'HEADING',
    'HEIGHT',
    'HORIZONTAL_ALIGNMENT',
    'INDENT_END',
    'INDENT_FIRST_LINE',
    'INDENT_START',
    'ITALIC',
    'GLYPH_TYPE',
    'LEFT_TO_RIGHT',
    'LINE_SPACING',
    'LINK_URL',
    'LIST_ID',
    'MARGIN_BOTTOM',
    'MARGIN_LEFT',
    'MARGIN_RIGHT',
    'MARGIN_TOP',
    'NESTING_LEVEL',
    'MINIMUM_HEIGHT',
    'PADDING_BOTTOM',
    'PADDING_LEFT',
    'PADDING_RIGHT',
    'PADDING_TOP',
    'PAGE_HEIGHT',
    'PAGE_WIDTH',
    'SPACING_AFTER',
    'SPACING_BEFORE',
    'STRIKETHROUGH',
    'UNDERLINE',
    'VERTICAL_ALIGNMENT',
    'WIDTH',
  ] as const),
};

/** A required string argument: null or undefined is refused rather than printed as text. */
function argString(v: unknown, name: string): string {
  if (v === null || v === undefined) throw gasError(`Invalid argument: ${name}`);
  return String(v);
}

function oneOf<K extends string>(list: readonly K[], value: unknown, what: string): K {
  const v = String(value);
  if (!(list as readonly string[]).includes(v)) throw gasError(`Invalid argument: ${what}`);
  return v as K;
}

// --- text attributes -----------------------------------------------------------------

const TEXT_ATTRS: Record<string, keyof TextStyle> = {
  BOLD: 'bold',
  ITALIC: 'italic',
  UNDERLINE: 'underline',
  STRIKETHROUGH: 'strikethrough',
  FONT_SIZE: 'fontSize',
  FONT_FAMILY: 'fontFamily',
  FOREGROUND_COLOR: 'color',
  BACKGROUND_COLOR: 'background',
  LINK_URL: 'link',
};

function setStyleKey(s: TextStyle, key: keyof TextStyle, value: unknown): void {
  if (value === null || value === undefined) {
    delete s[key];
    return;
  }
  switch (key) {
    case 'bold':
    case 'italic':
    case 'underline':
    case 'strikethrough':
      s[key] = Boolean(value);
      return;
    case 'fontSize': {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw gasError('Invalid argument: size');
      s.fontSize = n;
      return;
    }
    case 'fontFamily':
    case 'color':
    case 'background':
    case 'link':
      s[key] = String(value);
      return;
  }
}

function textAttrChange(attrs: Attrs): ((s: TextStyle) => void) | null {
  const entries = Object.entries(attrs).filter(([k]) => k in TEXT_ATTRS);
  if (entries.length === 0) return null;
  return (s) => {
    for (const [k, v] of entries) setStyleKey(s, TEXT_ATTRS[k] as keyof TextStyle, v);
  };
}

function readTextAttrs(style: TextStyle | null): Attrs {
  const out: Attrs = {};
  for (const [name, key] of Object.entries(TEXT_ATTRS)) out[name] = style?.[key] ?? null;
  return out;
}

function uniformStyle(blocks: TextBlock[], key: keyof TextStyle): unknown {
  let seen = false;
  let value: unknown = null;
  for (const b of blocks) {
    for (const r of b.runs) {
      const v = r.style[key] ?? null;
      if (!seen) {
        value = v;
        seen = true;
      } else if (v !== value) return null;
    }
  }
  return value;
}

function paragraphAttrs(p: TextBlock): Attrs {
  return {
    HEADING: p.heading,
    HORIZONTAL_ALIGNMENT: p.align,
    SPACING_BEFORE: p.spacingBefore,
    SPACING_AFTER: p.spacingAfter,
    LINE_SPACING: p.lineSpacing,
    INDENT_START: p.indentStart,
    INDENT_FIRST_LINE: p.indentFirstLine,
    INDENT_END: p.indentEnd,
    ...(p.kind === 'listItem'
      ? { NESTING_LEVEL: p.nesting, GLYPH_TYPE: p.glyph, LIST_ID: p.listId }
      : {}),
  };
}

function numOrNull(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw gasError('Invalid argument: attributes');
  return n;
}

function applyParagraphAttrs(p: TextBlock, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    switch (k) {
      case 'HEADING':
        p.heading = v === null ? 'NORMAL' : oneOf(HEADINGS, v, 'heading');
        break;
      case 'HORIZONTAL_ALIGNMENT':
        p.align = v === null ? null : oneOf(ALIGNS, v, 'alignment');
        break;
      case 'SPACING_BEFORE':
        p.spacingBefore = numOrNull(v);
        break;
      case 'SPACING_AFTER':
        p.spacingAfter = numOrNull(v);
        break;
      case 'LINE_SPACING':
        p.lineSpacing = numOrNull(v);
        break;
      case 'INDENT_START':
        p.indentStart = numOrNull(v);
        break;
      case 'INDENT_FIRST_LINE':
        p.indentFirstLine = numOrNull(v);
        break;
      case 'INDENT_END':
        p.indentEnd = numOrNull(v);
        break;
      case 'NESTING_LEVEL':
        if (p.kind === 'listItem') p.nesting = numOrNull(v) ?? 0;
        break;
      case 'GLYPH_TYPE':
        if (p.kind === 'listItem') p.glyph = oneOf(GLYPHS, v, 'glyphType');
        break;
    }
  }
  const change = textAttrChange(attrs);
  if (change) p.runs = styleRange(p.runs, 0, runsText(p.runs).length - 1, change);
}

function styleAll(n: Node, attrs: Attrs): void {
  const change = textAttrChange(attrs);
  if (!change) return;
  for (const b of textBlocks(n))
    b.runs = styleRange(b.runs, 0, runsText(b.runs).length - 1, change);
}

// --- sessions and element plumbing -----------------------------------------------------

/** One opened Document: the working copy it edits and whether it was closed. */
export class DocSession {
  closed = false;
  constructor(
    readonly ctx: SimContext,
    readonly fileId: string,
    readonly model: DocModel,
  ) {}

  check(): void {
    if (this.closed) throw gasError(DOC_CLOSED);
    this.ctx.world.drive.touchDoc(this.fileId, this.ctx.now());
  }
}

/** Where an element handle lives: its document (null once copied out, i.e. detached). */
interface Env {
  ctx: SimContext;
  session: DocSession | null;
}

type SectionRole = 'BODY_SECTION' | 'HEADER_SECTION' | 'FOOTER_SECTION';

interface ElementRef {
  node: Node;
  env: Env;
}

function refOf(x: unknown): ElementRef {
  const r = (x as { simElement?: () => ElementRef } | null)?.simElement?.();
  if (!r) throw gasError('Invalid argument: element');
  return r;
}

function attached(env: Env, node: Node): boolean {
  return env.session !== null && containsNode(env.session.model, node);
}

/** "Element must be detached." unless the element is a copy not yet inserted anywhere. */
function detachedCopyOf<T extends Node>(x: unknown, kind: T['kind']): T {
  const r = refOf(x);
  if (r.node.kind !== kind) throw gasError(`Invalid argument: ${kind}`);
  if (attached(r.env, r.node)) throw gasError('Element must be detached.');
  return deepCopy(r.node as T);
}

function sectionRole(env: Env, node: SectionNode): SectionRole {
  const m = env.session?.model;
  if (m?.header === node) return 'HEADER_SECTION';
  if (m?.footer === node) return 'FOOTER_SECTION';
  return 'BODY_SECTION';
}

const CLASS_OF: Record<SectionRole, string> = {
  BODY_SECTION: 'Body',
  HEADER_SECTION: 'HeaderSection',
  FOOTER_SECTION: 'FooterSection',
};

/** A counted handle for any node. */
function wrap(env: Env, node: Node, role?: SectionRole): unknown {
  const rec = env.ctx.rec;
  switch (node.kind) {
    case 'paragraph':
      return instrument(new ParagraphHandle(env, node), 'Paragraph', rec);
    case 'listItem':
      return instrument(new ListItemHandle(env, node), 'ListItem', rec);
    case 'table':
      return instrument(new TableHandle(env, node), 'Table', rec);
    case 'row':
      return instrument(new RowHandle(env, node), 'TableRow', rec);
    case 'cell':
      return instrument(new CellHandle(env, node), 'TableCell', rec);
    case 'section': {
      const r = role ?? sectionRole(env, node);
      if (r === 'BODY_SECTION') return instrument(new BodyHandle(env, node), 'Body', rec);
      return instrument(new SectionHandle(env, node, r), CLASS_OF[r], rec);
    }
  }
}

function wrapText(env: Env, owner: Node): GText {
  return instrument(new TextHandle(env, owner), 'Text', env.ctx.rec) as unknown as GText;
}

function indexError(i: number, n: number, inclusive: boolean): Error {
  return gasError(
    inclusive
      ? `Child index (${i}) must be less than or equal to the number of child elements (${n}).`
      : `Child index (${i}) must be less than the number of child elements (${n}).`,
  );
}

function checkIndex(i: unknown, n: number, inclusive: boolean): number {
  const k = Number(i);
  if (!Number.isInteger(k) || k < 0 || (inclusive ? k > n : k >= n)) {
    throw indexError(k, n, inclusive);
  }
  return k;
}

abstract class ElementBase<N extends Node, Self> {
  abstract readonly type: string;

  constructor(
    protected readonly env: Env,
    protected readonly node: N,
  ) {}

  simElement(): ElementRef {
    return { node: this.node, env: this.env };
  }

  protected check(): void {
    this.env.session?.check();
  }

  protected self(): Self {
    return wrap(this.env, this.node, this.roleHint()) as Self;
  }

  protected roleHint(): SectionRole | undefined {
    return undefined;
  }

  protected wrapNode<T>(node: Node): T {
    return wrap(this.env, node) as T;
  }

  protected place(): ReturnType<typeof findPlaceInDoc> {
    const m = this.env.session?.model;
    return m ? findPlaceInDoc(m, this.node) : null;
  }

  getType(): GoogleAppsScript.Document.ElementType {
    this.check();
    return this.type as unknown as GoogleAppsScript.Document.ElementType;
  }

  getParent(): GContainer {
    this.check();
    const p = this.place();
    return (p ? this.wrapNode<GContainer>(p.parent) : null) as GContainer;
  }

  getNextSibling(): GElement {
    this.check();
    const p = this.place();
    const sib = p ? siblings(p.parent)[p.index + 1] : undefined;
    return (sib ? this.wrapNode<GElement>(sib) : null) as GElement;
  }

  getPreviousSibling(): GElement {
    this.check();
    const p = this.place();
    const sib = p && p.index > 0 ? siblings(p.parent)[p.index - 1] : undefined;
    return (sib ? this.wrapNode<GElement>(sib) : null) as GElement;
  }

  isAtDocumentEnd(): boolean {
    this.check();
    const body = this.env.session?.model.body;
    return body ? body.blocks[body.blocks.length - 1] === this.node : false;
  }

  getText(): string {
    this.check();
    return nodeText(this.node);
  }

  editAsText(): GText {
    this.check();
    return wrapText(this.env, this.node);
  }

  replaceText(searchPattern: string, replacement: string): GElement {
    this.check();
    replaceInNode(
      this.node,
      argString(searchPattern, 'searchPattern'),
      argString(replacement, 'replacement'),
    );
    return this.self() as unknown as GElement;
  }

  findText(searchPattern: string, from?: GRange | null): GRange {
    this.check();
    return findIn(this.env, this.node, String(searchPattern), from ?? null);
  }

  /** A detached deep copy. */
  copy(): Self {
    this.check();
    return wrap({ ctx: this.env.ctx, session: null }, deepCopy(this.node), this.roleHint()) as Self;
  }

  removeFromParent(): Self {
    this.check();
    const p = this.place();
    if (p) removeAt(p.parent, p.index, this.node);
    return this.self();
  }

  getAttributes(): Attrs {
    this.check();
    return readTextAttrs(firstStyle(this.node));
  }

  setAttributes(attributes: Attrs): Self {
    this.check();
    styleAll(this.node, attributes);
    return this.self();
  }

  asParagraph(): GParagraph {
    return this.cast<GParagraph>('paragraph');
  }
  asListItem(): GListItem {
    return this.cast<GListItem>('listItem');
  }
  asTable(): GTable {
    return this.cast<GTable>('table');
  }
  asTableRow(): GRow {
    return this.cast<GRow>('row');
  }
  asTableCell(): GCell {
    return this.cast<GCell>('cell');
  }
  asBody(): GBody {
    return this.cast<GBody>('section');
  }
  asHeaderSection(): GHeader {
    return this.cast<GHeader>('section');
  }
  asFooterSection(): GFooter {
    return this.cast<GFooter>('section');
  }
  asText(): GText {
    throw gasError(`Cannot cast ${this.type} to TEXT.`);
  }

  private cast<T>(kind: Node['kind']): T {
    this.check();
    if (this.node.kind !== kind) throw gasError(`Cannot cast ${this.type} to ${kind}.`);
    return this.self() as unknown as T;
  }
}

function siblings(parent: Container | TableNode | RowNode): Node[] {
  if (parent.kind === 'table') return parent.rows;
  if (parent.kind === 'row') return parent.cells;
  return parent.blocks;
}

function firstStyle(n: Node): TextStyle | null {
  const b = textBlocks(n)[0];
  return b && b.runs[0] ? b.runs[0].style : null;
}

/**
 * Remove a child, keeping Docs' rule that a section keeps at least one paragraph. The reference
 * (Paragraph.removeFromParent, developers.google.com/apps-script/reference/document/paragraph)
 * does not say what removing the last one does: the least convenient plausible answer, an
 * exception with the text Apps Script is reported to throw, is imitated here.
 */
function removeAt(parent: Container | TableNode | RowNode, index: number, node: Node): void {
  if ((parent.kind === 'section' || parent.kind === 'cell') && isTextBlock(node)) {
    const textLeft = parent.blocks.filter((b, i) => i !== index && isTextBlock(b)).length;
    if (textLeft === 0) throw gasError("Can't remove the last paragraph in a document section.");
  }
  siblings(parent).splice(index, 1);
}

// --- search ------------------------------------------------------------------------------

class RangeHandle implements Pick<
  GRange,
  'getElement' | 'getStartOffset' | 'getEndOffsetInclusive' | 'isPartial'
> {
  constructor(
    private readonly env: Env,
    readonly block: TextBlock,
    readonly start: number,
    readonly endInclusive: number,
  ) {}
  simRange(): { block: TextBlock; endInclusive: number } {
    return { block: this.block, endInclusive: this.endInclusive };
  }
  getElement(): GElement {
    return wrapText(this.env, this.block) as unknown as GElement;
  }
  getStartOffset(): GoogleAppsScript.Integer {
    return this.start;
  }
  getEndOffsetInclusive(): GoogleAppsScript.Integer {
    return this.endInclusive;
  }
  isPartial(): boolean {
    return this.start > 0 || this.endInclusive < runsText(this.block.runs).length - 1;
  }
}

function findIn(env: Env, root: Node, pattern: string, from: GRange | null): GRange {
  const re = compileRe2(pattern);
  const blocks = textBlocks(root);
  let startBlock = 0;
  let startOffset = 0;
  if (from) {
    const r = (
      from as unknown as { simRange?: () => { block: TextBlock; endInclusive: number } }
    ).simRange?.();
    if (!r) throw gasError('Invalid argument: from');
    startBlock = Math.max(0, blocks.indexOf(r.block));
    startOffset = r.endInclusive + 1;
  }
  for (let i = startBlock; i < blocks.length; i += 1) {
    const b = blocks[i] as TextBlock;
    const text = runsText(b.runs);
    const m = allMatches(re, text).find(
      (x) => (i > startBlock || x.start >= startOffset) && x.end > x.start,
    );
    if (m) {
      const h = new RangeHandle(env, b, m.start, m.end - 1);
      return instrument(h, 'RangeElement', env.ctx.rec) as unknown as GRange;
    }
  }
  return null as unknown as GRange;
}

// --- containers: Body, HeaderSection, FooterSection, TableCell -----------------------------

function tableFrom(cellsOrTable: unknown): TableNode {
  if (cellsOrTable === undefined || cellsOrTable === null) return newTable([]);
  if (Array.isArray(cellsOrTable)) {
    const rows = (cellsOrTable as unknown[]).map((r) => {
      if (!Array.isArray(r)) throw gasError('Invalid argument: cells');
      return (r as unknown[]).map((c) => String(c));
    });
    const width = rows[0]?.length ?? 0;
    if (rows.some((r) => r.length !== width)) {
      throw gasError('Invalid argument: cells (rows must have the same number of cells)');
    }
    return newTable(rows);
  }
  return detachedCopyOf<TableNode>(cellsOrTable, 'table');
}

function paragraphFrom(x: unknown): ParagraphNode {
  if (typeof x === 'string') return newParagraph(x);
  if (x === undefined || x === null) return newParagraph('');
  return detachedCopyOf<ParagraphNode>(x, 'paragraph');
}

abstract class ContainerBase<Self> extends ElementBase<Container, Self> {
  /** Sections (not cells) get an empty paragraph after an appended table, as Docs does. */
  protected abstract readonly paragraphAfterTable: boolean;

  private insert<T>(index: number, block: Block): T {
    this.node.blocks.splice(index, 0, block);
    return this.wrapNode<T>(block);
  }

  private listIdFor(index: number): string {
    const prev = this.node.blocks[index - 1];
    if (prev && prev.kind === 'listItem') return prev.listId;
    const id = `kix.sim${this.env.ctx.world.drive.seq}${index}`;
    this.env.ctx.world.drive.seq += 1;
    return id;
  }

  getNumChildren(): GoogleAppsScript.Integer {
    this.check();
    return this.node.blocks.length;
  }
  getChild(childIndex: GoogleAppsScript.Integer): GElement {
    this.check();
    const i = checkIndex(childIndex, this.node.blocks.length, false);
    return this.wrapNode<GElement>(this.node.blocks[i] as Block);
  }
  getChildIndex(child: GElement): GoogleAppsScript.Integer {
    this.check();
    const i = this.node.blocks.indexOf(refOf(child).node as Block);
    if (i < 0) throw gasError('Element does not contain the specified child element.');
    return i;
  }
  removeChild(child: GElement): Self {
    this.check();
    const node = refOf(child).node;
    const i = this.node.blocks.indexOf(node as Block);
    if (i < 0) throw gasError('Element does not contain the specified child element.');
    removeAt(this.node, i, node);
    return this.self();
  }
  appendParagraph(paragraph: string | GParagraph): GParagraph {
    this.check();
    return this.insert(this.node.blocks.length, paragraphFrom(paragraph));
  }
  insertParagraph(
    childIndex: GoogleAppsScript.Integer,
    paragraph: string | GParagraph,
  ): GParagraph {
    this.check();
    const i = checkIndex(childIndex, this.node.blocks.length, true);
    return this.insert(i, paragraphFrom(paragraph));
  }
  appendListItem(listItem: string | GListItem): GListItem {
    return this.insertListItem(this.node.blocks.length, listItem);
  }
  insertListItem(childIndex: GoogleAppsScript.Integer, listItem: string | GListItem): GListItem {
    this.check();
    const i = checkIndex(childIndex, this.node.blocks.length, true);
    const item: ListItemNode =
      typeof listItem === 'string'
        ? newListItem(listItem, this.listIdFor(i))
        : detachedCopyOf<ListItemNode>(listItem, 'listItem');
    return this.insert(i, item);
  }
  appendTable(cellsOrTable?: string[][] | GTable | null): GTable {
    this.check();
    const t = tableFrom(cellsOrTable);
    const h = this.insert<GTable>(this.node.blocks.length, t);
    if (this.paragraphAfterTable) this.node.blocks.push(newParagraph(''));
    return h;
  }
  insertTable(
    childIndex: GoogleAppsScript.Integer,
    cellsOrTable?: string[][] | GTable | null,
  ): GTable {
    this.check();
    const i = checkIndex(childIndex, this.node.blocks.length, true);
    return this.insert(i, tableFrom(cellsOrTable));
  }
  appendHorizontalRule(): GRule {
    this.check();
    const p = newParagraph('');
    p.inline.push('rule');
    this.node.blocks.push(p);
    return inlineHandle(this.env, p, 0);
  }
  insertHorizontalRule(childIndex: GoogleAppsScript.Integer): GRule {
    this.check();
    const i = checkIndex(childIndex, this.node.blocks.length, true);
    const p = newParagraph('');
    p.inline.push('rule');
    this.node.blocks.splice(i, 0, p);
    return inlineHandle(this.env, p, 0);
  }
  getParagraphs(): GParagraph[] {
    this.check();
    return textBlocks(this.node).map((b) => this.wrapNode<GParagraph>(b));
  }
  getListItems(): GListItem[] {
    this.check();
    return textBlocks(this.node)
      .filter((b) => b.kind === 'listItem')
      .map((b) => this.wrapNode<GListItem>(b));
  }
  getTables(): GTable[] {
    this.check();
    const out: TableNode[] = [];
    const visit = (blocks: Block[]): void => {
      for (const b of blocks) {
        if (b.kind === 'table') {
          out.push(b);
          for (const r of b.rows) for (const c of r.cells) visit(c.blocks);
        }
      }
    };
    visit(this.node.blocks);
    return out.map((t) => this.wrapNode<GTable>(t));
  }
  getImages(): GoogleAppsScript.Document.InlineImage[] {
    this.check();
    return [];
  }
  /** Leaves one empty paragraph: a section or cell always holds one. */
  clear(): Self {
    this.check();
    this.node.blocks.splice(0, this.node.blocks.length, newParagraph(''));
    return this.self();
  }
  /** Each line of the text becomes a paragraph; the first keeps the first paragraph's style. */
  setText(text: string): Self {
    this.check();
    const first = textBlocks(this.node)[0];
    const style = first ? styleAt(first.runs, 0) : {};
    const paragraphs = String(text)
      .split(/\r\n|\n/)
      .map((line, i) => {
        const p = newParagraph(line, style);
        if (i === 0 && first?.kind === 'paragraph') {
          return { ...deepCopy(first), runs: p.runs, inline: [] } satisfies ParagraphNode;
        }
        return p;
      });
    this.node.blocks.splice(0, this.node.blocks.length, ...paragraphs);
    return this.self();
  }
  override getText(): string {
    this.check();
    return containerText(this.node);
  }
}

type SectionMethods =
  | 'getNumChildren'
  | 'getChild'
  | 'getChildIndex'
  | 'removeChild'
  | 'appendParagraph'
  | 'insertParagraph'
  | 'appendListItem'
  | 'insertListItem'
  | 'appendTable'
  | 'insertTable'
  | 'appendHorizontalRule'
  | 'insertHorizontalRule'
  | 'getParagraphs'
  | 'getListItems'
  | 'getTables'
  | 'getImages'
  | 'clear'
  | 'setText'
  | 'getText'
  | 'editAsText'
  | 'replaceText'
  | 'findText'
  | 'copy'
  | 'getType'
  | 'getParent'
  | 'getAttributes'
  | 'setAttributes';

class BodyHandle
  extends ContainerBase<GBody>
  implements
    Pick<
      GBody,
      | SectionMethods
      | 'appendPageBreak'
      | 'insertPageBreak'
      | 'getMarginTop'
      | 'getMarginBottom'
      | 'getMarginLeft'
      | 'getMarginRight'
      | 'setMarginTop'
      | 'setMarginBottom'
      | 'setMarginLeft'
      | 'setMarginRight'
      | 'getPageWidth'
      | 'getPageHeight'
      | 'setPageWidth'
      | 'setPageHeight'
    >
{
  readonly type = 'BODY_SECTION';
  protected readonly paragraphAfterTable = true;

  protected override roleHint(): SectionRole {
    return 'BODY_SECTION';
  }

  private model(): DocModel | null {
    return this.env.session?.model ?? null;
  }
  private dim(
    key: 'marginTop' | 'marginBottom' | 'marginLeft' | 'marginRight' | 'pageWidth' | 'pageHeight',
  ): number {
    this.check();
    return this.model()?.[key] ?? newDocModel()[key];
  }
  private setDim(
    key: 'marginTop' | 'marginBottom' | 'marginLeft' | 'marginRight' | 'pageWidth' | 'pageHeight',
    v: number,
  ): GBody {
    this.check();
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw gasError(`Invalid argument: ${key}`);
    const m = this.model();
    if (m) m[key] = n;
    return this.self();
  }
  appendPageBreak(): GPageBreak {
    this.check();
    const p = newParagraph('');
    p.inline.push('pageBreak');
    this.node.blocks.push(p);
    return inlineHandle(this.env, p, 0) as unknown as GPageBreak;
  }
  insertPageBreak(childIndex: GoogleAppsScript.Integer): GPageBreak {
    this.check();
    const i = checkIndex(childIndex, this.node.blocks.length, true);
    const p = newParagraph('');
    p.inline.push('pageBreak');
    this.node.blocks.splice(i, 0, p);
    return inlineHandle(this.env, p, 0) as unknown as GPageBreak;
  }
  getMarginTop(): number {
    return this.dim('marginTop');
  }
  getMarginBottom(): number {
    return this.dim('marginBottom');
  }
  getMarginLeft(): number {
    return this.dim('marginLeft');
  }
  getMarginRight(): number {
    return this.dim('marginRight');
  }
  getPageWidth(): number {
    return this.dim('pageWidth');
  }
  getPageHeight(): number {
    return this.dim('pageHeight');
  }
  setMarginTop(v: number): GBody {
    return this.setDim('marginTop', v);
  }
  setMarginBottom(v: number): GBody {
    return this.setDim('marginBottom', v);
  }
  setMarginLeft(v: number): GBody {
    return this.setDim('marginLeft', v);
  }
  setMarginRight(v: number): GBody {
    return this.setDim('marginRight', v);
  }
  setPageWidth(v: number): GBody {
    return this.setDim('pageWidth', v);
  }
  setPageHeight(v: number): GBody {
    return this.setDim('pageHeight', v);
  }
  override getParent(): GContainer {
    this.check();
    return null as unknown as GContainer;
  }
  override setAttributes(attributes: Attrs): GBody {
    super.setAttributes(attributes);
    const keys: Record<
      string,
      'marginTop' | 'marginBottom' | 'marginLeft' | 'marginRight' | 'pageWidth' | 'pageHeight'
    > = {
      MARGIN_TOP: 'marginTop',
      MARGIN_BOTTOM: 'marginBottom',
      MARGIN_LEFT: 'marginLeft',
      MARGIN_RIGHT: 'marginRight',
      PAGE_WIDTH: 'pageWidth',
      PAGE_HEIGHT: 'pageHeight',
    };
    for (const [k, v] of Object.entries(attributes)) {
      const key = keys[k];
      if (key && v !== null && v !== undefined) this.setDim(key, Number(v));
    }
    return this.self();
  }
}

/** HeaderSection and FooterSection. */
class SectionHandle
  extends ContainerBase<GHeader & GFooter>
  implements
    Pick<GHeader, SectionMethods | 'removeFromParent'>,
    Pick<GFooter, SectionMethods | 'removeFromParent'>
{
  protected readonly paragraphAfterTable = true;

  constructor(
    env: Env,
    node: SectionNode,
    readonly type: 'HEADER_SECTION' | 'FOOTER_SECTION',
  ) {
    super(env, node);
  }

  protected override roleHint(): SectionRole {
    return this.type;
  }
  override getParent(): GContainer {
    this.check();
    return null as unknown as GContainer;
  }
  override removeFromParent(): GHeader & GFooter {
    this.check();
    const m = this.env.session?.model;
    if (m && this.type === 'HEADER_SECTION' && m.header === this.node) m.header = null;
    if (m && this.type === 'FOOTER_SECTION' && m.footer === this.node) m.footer = null;
    return this.self();
  }
}

type CellMethods =
  | Exclude<SectionMethods, 'getParagraphs' | 'getListItems' | 'getTables' | 'getImages'>
  | 'getBackgroundColor'
  | 'setBackgroundColor'
  | 'getWidth'
  | 'setWidth'
  | 'getPaddingTop'
  | 'getPaddingBottom'
  | 'getPaddingLeft'
  | 'getPaddingRight'
  | 'setPaddingTop'
  | 'setPaddingBottom'
  | 'setPaddingLeft'
  | 'setPaddingRight'
  | 'getVerticalAlignment'
  | 'setVerticalAlignment'
  | 'getParentRow'
  | 'getParentTable'
  | 'getColSpan'
  | 'getRowSpan'
  | 'removeFromParent';

class CellHandle extends ContainerBase<GCell> implements Pick<GCell, CellMethods> {
  readonly type = 'TABLE_CELL';
  protected readonly paragraphAfterTable = false;

  private get cell(): CellNode {
    return this.node as CellNode;
  }
  getBackgroundColor(): string {
    this.check();
    return this.cell.background as string;
  }
  setBackgroundColor(color: string): GCell {
    this.check();
    this.cell.background = color === null || color === undefined ? null : String(color);
    return this.self();
  }
  getWidth(): number {
    this.check();
    return this.cell.width as number;
  }
  setWidth(width: number): GCell {
    this.check();
    this.cell.width = numOrNull(width);
    const p = this.place();
    const row = p?.parent;
    if (row && row.kind === 'row') {
      const table = this.env.session ? findPlaceInDoc(this.env.session.model, row)?.parent : null;
      if (table && table.kind === 'table') table.columnWidths[p.index] = this.cell.width;
    }
    return this.self();
  }
  getPaddingTop(): number {
    this.check();
    return this.cell.paddingTop;
  }
  getPaddingBottom(): number {
    this.check();
    return this.cell.paddingBottom;
  }
  getPaddingLeft(): number {
    this.check();
    return this.cell.paddingLeft;
  }
  getPaddingRight(): number {
    this.check();
    return this.cell.paddingRight;
  }
  setPaddingTop(v: number): GCell {
    this.check();
    this.cell.paddingTop = numOrNull(v) ?? 0;
    return this.self();
  }
  setPaddingBottom(v: number): GCell {
    this.check();
    this.cell.paddingBottom = numOrNull(v) ?? 0;
    return this.self();
  }
  setPaddingLeft(v: number): GCell {
    this.check();
    this.cell.paddingLeft = numOrNull(v) ?? 0;
    return this.self();
  }
  setPaddingRight(v: number): GCell {
    this.check();
    this.cell.paddingRight = numOrNull(v) ?? 0;
    return this.self();
  }
  getVerticalAlignment(): GoogleAppsScript.Document.VerticalAlignment {
    this.check();
    return this.cell.verticalAlign as unknown as GoogleAppsScript.Document.VerticalAlignment;
  }
  setVerticalAlignment(alignment: GoogleAppsScript.Document.VerticalAlignment): GCell {
    this.check();
    this.cell.verticalAlign = oneOf(VALIGNS, alignment, 'alignment');
    return this.self();
  }
  getParentRow(): GRow {
    return this.getParent() as unknown as GRow;
  }
  getParentTable(): GTable {
    this.check();
    const row = this.place()?.parent;
    const m = this.env.session?.model;
    const t = row && m ? findPlaceInDoc(m, row)?.parent : null;
    return (t ? this.wrapNode<GTable>(t) : null) as GTable;
  }
  getColSpan(): GoogleAppsScript.Integer {
    this.check();
    return 1;
  }
  getRowSpan(): GoogleAppsScript.Integer {
    this.check();
    return 1;
  }
  override getAttributes(): Attrs {
    return {
      ...super.getAttributes(),
      BACKGROUND_COLOR: this.cell.background,
      WIDTH: this.cell.width,
      PADDING_TOP: this.cell.paddingTop,
      PADDING_BOTTOM: this.cell.paddingBottom,
      PADDING_LEFT: this.cell.paddingLeft,
      PADDING_RIGHT: this.cell.paddingRight,
      VERTICAL_ALIGNMENT: this.cell.verticalAlign,
    };
  }
  /** BACKGROUND_COLOR on a cell colours the cell; the other text attributes go to its text. */
  override setAttributes(attributes: Attrs): GCell {
    const { BACKGROUND_COLOR: bg, ...rest } = attributes;
    super.setAttributes(rest);
    if ('BACKGROUND_COLOR' in attributes) this.setBackgroundColor(bg as string);
    if ('WIDTH' in attributes) this.setWidth(Number(attributes['WIDTH']));
    if ('VERTICAL_ALIGNMENT' in attributes) {
      this.cell.verticalAlign = oneOf(VALIGNS, attributes['VERTICAL_ALIGNMENT'], 'alignment');
    }
    for (const side of ['Top', 'Bottom', 'Left', 'Right'] as const) {
      const v = attributes[`PADDING_${side.toUpperCase()}`];
      if (v !== undefined) this.cell[`padding${side}`] = numOrNull(v) ?? 0;
    }
    return this.self();
  }
}

// --- paragraphs and list items ---------------------------------------------------------------

type TextBlockMethods =
  | 'getText'
  | 'setText'
  | 'appendText'
  | 'clear'
  | 'getHeading'
  | 'setHeading'
  | 'getAlignment'
  | 'setAlignment'
  | 'getSpacingAfter'
  | 'setSpacingAfter'
  | 'getSpacingBefore'
  | 'setSpacingBefore'
  | 'getLineSpacing'
  | 'setLineSpacing'
  | 'getIndentStart'
  | 'setIndentStart'
  | 'getIndentFirstLine'
  | 'setIndentFirstLine'
  | 'getIndentEnd'
  | 'setIndentEnd'
  | 'getLinkUrl'
  | 'setLinkUrl'
  | 'editAsText'
  | 'replaceText'
  | 'findText'
  | 'appendHorizontalRule'
  | 'appendPageBreak'
  | 'getNumChildren'
  | 'getChild'
  | 'getChildIndex'
  | 'getParent'
  | 'getNextSibling'
  | 'getPreviousSibling'
  | 'removeFromParent'
  | 'copy'
  | 'getType'
  | 'getAttributes'
  | 'setAttributes'
  | 'isAtDocumentEnd';

abstract class TextBlockBase<Self> extends ElementBase<TextBlock, Self> {
  setText(text: string): void {
    this.check();
    const style = styleAt(this.node.runs, 0);
    this.node.runs = normaliseRuns([{ text: normaliseText(String(text)), style }]);
    this.node.inline = [];
  }
  appendText(text: string | GText): GText {
    this.check();
    const t = typeof text === 'string' ? text : text.getText();
    const len = runsText(this.node.runs).length;
    this.node.runs = spliceRuns(this.node.runs, len, len, t, styleAt(this.node.runs, len));
    return wrapText(this.env, this.node);
  }
  clear(): Self {
    this.check();
    this.node.runs = [];
    this.node.inline = [];
    return this.self();
  }
  getHeading(): GoogleAppsScript.Document.ParagraphHeading {
    this.check();
    return this.node.heading as unknown as GoogleAppsScript.Document.ParagraphHeading;
  }
  setHeading(heading: GoogleAppsScript.Document.ParagraphHeading): Self {
    this.check();
    this.node.heading = oneOf(HEADINGS, heading, 'heading');
    return this.self();
  }
  getAlignment(): GoogleAppsScript.Document.HorizontalAlignment {
    this.check();
    return this.node.align as unknown as GoogleAppsScript.Document.HorizontalAlignment;
  }
  setAlignment(alignment: GoogleAppsScript.Document.HorizontalAlignment): Self {
    this.check();
    this.node.align = oneOf(ALIGNS, alignment, 'alignment');
    return this.self();
  }
  private num(
    key:
      | 'spacingAfter'
      | 'spacingBefore'
      | 'lineSpacing'
      | 'indentStart'
      | 'indentFirstLine'
      | 'indentEnd',
  ): number {
    this.check();
    return this.node[key] as number;
  }
  private setNum(
    key:
      | 'spacingAfter'
      | 'spacingBefore'
      | 'lineSpacing'
      | 'indentStart'
      | 'indentFirstLine'
      | 'indentEnd',
    v: number,
  ): Self {
    this.check();
    this.node[key] = numOrNull(v);
    return this.self();
  }
  getSpacingAfter(): number {
    return this.num('spacingAfter');
  }
  setSpacingAfter(v: number): Self {
    return this.setNum('spacingAfter', v);
  }
  getSpacingBefore(): number {
    return this.num('spacingBefore');
  }
  setSpacingBefore(v: number): Self {
    return this.setNum('spacingBefore', v);
  }
  getLineSpacing(): number {
    return this.num('lineSpacing');
  }
  setLineSpacing(v: number): Self {
    return this.setNum('lineSpacing', v);
  }
  getIndentStart(): number {
    return this.num('indentStart');
  }
  setIndentStart(v: number): Self {
    return this.setNum('indentStart', v);
  }
  getIndentFirstLine(): number {
    return this.num('indentFirstLine');
  }
  setIndentFirstLine(v: number): Self {
    return this.setNum('indentFirstLine', v);
  }
  getIndentEnd(): number {
    return this.num('indentEnd');
  }
  setIndentEnd(v: number): Self {
    return this.setNum('indentEnd', v);
  }
  getLinkUrl(): string {
    this.check();
    return uniformStyle([this.node], 'link') as string;
  }
  setLinkUrl(url: string): Self {
    this.check();
    styleAll(this.node, { LINK_URL: url });
    return this.self();
  }
  appendHorizontalRule(): GRule {
    this.check();
    this.node.inline.push('rule');
    return inlineHandle(this.env, this.node, this.node.inline.length - 1);
  }
  appendPageBreak(): GPageBreak {
    this.check();
    this.node.inline.push('pageBreak');
    return inlineHandle(this.env, this.node, this.node.inline.length - 1) as unknown as GPageBreak;
  }
  /** Children: one Text element when there is text, then the inline rule / page breaks. */
  getNumChildren(): GoogleAppsScript.Integer {
    this.check();
    return (this.node.runs.length > 0 ? 1 : 0) + this.node.inline.length;
  }
  getChild(childIndex: GoogleAppsScript.Integer): GElement {
    this.check();
    const hasText = this.node.runs.length > 0 ? 1 : 0;
    const i = checkIndex(childIndex, hasText + this.node.inline.length, false);
    if (hasText && i === 0) return wrapText(this.env, this.node) as unknown as GElement;
    return inlineHandle(this.env, this.node, i - hasText) as unknown as GElement;
  }
  getChildIndex(child: GElement): GoogleAppsScript.Integer {
    this.check();
    const r = (
      child as unknown as { simInline?: () => { node: TextBlock; index: number } }
    ).simInline?.();
    const hasText = this.node.runs.length > 0 ? 1 : 0;
    if (r && r.node === this.node) return hasText + r.index;
    if (refOf(child).node === this.node && hasText) return 0;
    throw gasError('Element does not contain the specified child element.');
  }
  override getAttributes(): Attrs {
    this.check();
    return { ...readTextAttrs(firstStyle(this.node)), ...paragraphAttrs(this.node) };
  }
  override setAttributes(attributes: Attrs): Self {
    this.check();
    applyParagraphAttrs(this.node, attributes);
    return this.self();
  }
}

class ParagraphHandle
  extends TextBlockBase<GParagraph>
  implements Pick<GParagraph, TextBlockMethods>
{
  readonly type = 'PARAGRAPH';
}

class ListItemHandle
  extends TextBlockBase<GListItem>
  implements
    Pick<
      GListItem,
      | TextBlockMethods
      | 'getNestingLevel'
      | 'setNestingLevel'
      | 'getGlyphType'
      | 'setGlyphType'
      | 'getListId'
    >
{
  readonly type = 'LIST_ITEM';
  private get item(): ListItemNode {
    return this.node as ListItemNode;
  }
  getNestingLevel(): GoogleAppsScript.Integer {
    this.check();
    return this.item.nesting;
  }
  setNestingLevel(nestingLevel: GoogleAppsScript.Integer): GListItem {
    this.check();
    this.item.nesting = Math.max(0, Math.min(8, Math.trunc(Number(nestingLevel))));
    return this.self();
  }
  getGlyphType(): GoogleAppsScript.Document.GlyphType {
    this.check();
    return this.item.glyph as unknown as GoogleAppsScript.Document.GlyphType;
  }
  setGlyphType(glyphType: GoogleAppsScript.Document.GlyphType): GListItem {
    this.check();
    this.item.glyph = oneOf(GLYPHS, glyphType, 'glyphType');
    return this.self();
  }
  getListId(): string {
    this.check();
    return this.item.listId;
  }
}

/** HorizontalRule and PageBreak: inline elements at the end of a paragraph. */
class InlineHandle implements Pick<
  GRule,
  'getType' | 'getParent' | 'removeFromParent' | 'getAttributes'
> {
  constructor(
    private readonly env: Env,
    private readonly node: TextBlock,
    private readonly index: number,
  ) {}
  simInline(): { node: TextBlock; index: number } {
    return { node: this.node, index: this.index };
  }
  private kind(): 'rule' | 'pageBreak' {
    return this.node.inline[this.index] ?? 'rule';
  }
  getType(): GoogleAppsScript.Document.ElementType {
    this.env.session?.check();
    const t = this.kind() === 'rule' ? 'HORIZONTAL_RULE' : 'PAGE_BREAK';
    return t as unknown as GoogleAppsScript.Document.ElementType;
  }
  getParent(): GContainer {
    this.env.session?.check();
    return wrap(this.env, this.node) as GContainer;
  }
  removeFromParent(): GRule {
    this.env.session?.check();
    this.node.inline.splice(this.index, 1);
    return inlineHandle(this.env, this.node, this.index);
  }
  getAttributes(): Attrs {
    this.env.session?.check();
    return {};
  }
}

function inlineHandle(env: Env, node: TextBlock, index: number): GRule {
  const kind = node.inline[index] === 'pageBreak' ? 'PageBreak' : 'HorizontalRule';
  return instrument(new InlineHandle(env, node, index), kind, env.ctx.rec) as unknown as GRule;
}

// --- tables -------------------------------------------------------------------------------------

function rowFrom(x: unknown, width: number): RowNode {
  if (x === undefined || x === null) return newRow([]);
  const r = detachedCopyOf<RowNode>(x, 'row');
  void width;
  return r;
}

type TableMethods =
  | 'getNumRows'
  | 'getRow'
  | 'appendTableRow'
  | 'insertTableRow'
  | 'removeRow'
  | 'getCell'
  | 'getBorderWidth'
  | 'setBorderWidth'
  | 'getBorderColor'
  | 'setBorderColor'
  | 'getColumnWidth'
  | 'setColumnWidth'
  | 'getNumChildren'
  | 'getChild'
  | 'getChildIndex'
  | 'removeChild'
  | 'clear'
  | 'copy'
  | 'getText'
  | 'editAsText'
  | 'replaceText'
  | 'findText'
  | 'getParent'
  | 'removeFromParent'
  | 'getType'
  | 'getAttributes'
  | 'setAttributes';

class TableHandle extends ElementBase<TableNode, GTable> implements Pick<GTable, TableMethods> {
  readonly type = 'TABLE';

  private row(i: unknown): RowNode {
    const k = checkIndex(i, this.node.rows.length, false);
    return this.node.rows[k] as RowNode;
  }
  getNumRows(): GoogleAppsScript.Integer {
    this.check();
    return this.node.rows.length;
  }
  getRow(rowIndex: GoogleAppsScript.Integer): GRow {
    this.check();
    return this.wrapNode<GRow>(this.row(rowIndex));
  }
  /** A copied row keeps its cells' styles: this is how a template line row is cloned. */
  appendTableRow(tableRow?: GRow | null): GRow {
    this.check();
    const r = rowFrom(tableRow, this.node.columnWidths.length);
    this.node.rows.push(r);
    return this.wrapNode<GRow>(r);
  }
  insertTableRow(childIndex: GoogleAppsScript.Integer, tableRow?: GRow | null): GRow {
    this.check();
    const i = checkIndex(childIndex, this.node.rows.length, true);
    const r = rowFrom(tableRow, this.node.columnWidths.length);
    this.node.rows.splice(i, 0, r);
    return this.wrapNode<GRow>(r);
  }
  removeRow(rowIndex: GoogleAppsScript.Integer): GRow {
    this.check();
    const r = this.row(rowIndex);
    this.node.rows.splice(this.node.rows.indexOf(r), 1);
    return wrap({ ctx: this.env.ctx, session: null }, r) as GRow;
  }
  getCell(rowIndex: GoogleAppsScript.Integer, cellIndex: GoogleAppsScript.Integer): GCell {
    this.check();
    const r = this.row(rowIndex);
    const c = checkIndex(cellIndex, r.cells.length, false);
    return this.wrapNode<GCell>(r.cells[c] as CellNode);
  }
  getBorderWidth(): number {
    this.check();
    return this.node.borderWidth;
  }
  setBorderWidth(width: number): GTable {
    this.check();
    this.node.borderWidth = numOrNull(width) ?? 0;
    return this.self();
  }
  getBorderColor(): string {
    this.check();
    return this.node.borderColor;
  }
  setBorderColor(color: string): GTable {
    this.check();
    this.node.borderColor = String(color);
    return this.self();
  }
  getColumnWidth(columnIndex: GoogleAppsScript.Integer): number {
    this.check();
    return this.node.columnWidths[Number(columnIndex)] as number;
  }
  setColumnWidth(columnIndex: GoogleAppsScript.Integer, width: number): GTable {
    this.check();
    const cols = Math.max(
      this.node.columnWidths.length,
      ...this.node.rows.map((r) => r.cells.length),
    );
    const i = checkIndex(columnIndex, cols, false);
    while (this.node.columnWidths.length < cols) this.node.columnWidths.push(null);
    this.node.columnWidths[i] = numOrNull(width);
    return this.self();
  }
  getNumChildren(): GoogleAppsScript.Integer {
    this.check();
    return this.node.rows.length;
  }
  getChild(childIndex: GoogleAppsScript.Integer): GElement {
    this.check();
    return this.wrapNode<GElement>(this.row(childIndex));
  }
  getChildIndex(child: GElement): GoogleAppsScript.Integer {
    this.check();
    const i = this.node.rows.indexOf(refOf(child).node as RowNode);
    if (i < 0) throw gasError('Element does not contain the specified child element.');
    return i;
  }
  removeChild(child: GElement): GTable {
    this.check();
    const i = this.getChildIndex(child);
    this.node.rows.splice(i, 1);
    return this.self();
  }
  clear(): GTable {
    this.check();
    this.node.rows = [];
    return this.self();
  }
  override getAttributes(): Attrs {
    return {
      ...super.getAttributes(),
      BORDER_WIDTH: this.node.borderWidth,
      BORDER_COLOR: this.node.borderColor,
    };
  }
  override setAttributes(attributes: Attrs): GTable {
    super.setAttributes(attributes);
    if (attributes['BORDER_WIDTH'] !== undefined)
      this.setBorderWidth(Number(attributes['BORDER_WIDTH']));
    if (attributes['BORDER_COLOR'] !== undefined)
      this.setBorderColor(String(attributes['BORDER_COLOR']));
    return this.self();
  }
}

type RowMethods =
  | 'getNumCells'
  | 'getCell'
  | 'appendTableCell'
  | 'insertTableCell'
  | 'removeCell'
  | 'getMinimumHeight'
  | 'setMinimumHeight'
  | 'getParentTable'
  | 'getNumChildren'
  | 'getChild'
  | 'getChildIndex'
  | 'removeChild'
  | 'clear'
  | 'copy'
  | 'getText'
  | 'editAsText'
  | 'replaceText'
  | 'findText'
  | 'getParent'
  | 'removeFromParent'
  | 'getType'
  | 'getAttributes'
  | 'setAttributes';

function cellFrom(x: unknown): CellNode {
  if (x === undefined || x === null) return newCell('');
  if (typeof x === 'string') return newCell(x);
  return detachedCopyOf<CellNode>(x, 'cell');
}

class RowHandle extends ElementBase<RowNode, GRow> implements Pick<GRow, RowMethods> {
  readonly type = 'TABLE_ROW';

  getNumCells(): GoogleAppsScript.Integer {
    this.check();
    return this.node.cells.length;
  }
  getCell(cellIndex: GoogleAppsScript.Integer): GCell {
    this.check();
    const i = checkIndex(cellIndex, this.node.cells.length, false);
    return this.wrapNode<GCell>(this.node.cells[i] as CellNode);
  }
  appendTableCell(textContentsOrCell?: string | GCell | null): GCell {
    this.check();
    const c = cellFrom(textContentsOrCell);
    this.node.cells.push(c);
    return this.wrapNode<GCell>(c);
  }
  insertTableCell(
    childIndex: GoogleAppsScript.Integer,
    textContentsOrCell?: string | GCell | null,
  ): GCell {
    this.check();
    const i = checkIndex(childIndex, this.node.cells.length, true);
    const c = cellFrom(textContentsOrCell);
    this.node.cells.splice(i, 0, c);
    return this.wrapNode<GCell>(c);
  }
  removeCell(cellIndex: GoogleAppsScript.Integer): GCell {
    this.check();
    const i = checkIndex(cellIndex, this.node.cells.length, false);
    const [c] = this.node.cells.splice(i, 1);
    return wrap({ ctx: this.env.ctx, session: null }, c as CellNode) as GCell;
  }
  getMinimumHeight(): number {
    this.check();
    return this.node.minHeight;
  }
  setMinimumHeight(minHeight: number): GRow {
    this.check();
    this.node.minHeight = numOrNull(minHeight) ?? 0;
    return this.self();
  }
  getParentTable(): GTable {
    return this.getParent() as unknown as GTable;
  }
  getNumChildren(): GoogleAppsScript.Integer {
    return this.getNumCells();
  }
  getChild(childIndex: GoogleAppsScript.Integer): GElement {
    return this.getCell(childIndex) as unknown as GElement;
  }
  getChildIndex(child: GElement): GoogleAppsScript.Integer {
    this.check();
    const i = this.node.cells.indexOf(refOf(child).node as CellNode);
    if (i < 0) throw gasError('Element does not contain the specified child element.');
    return i;
  }
  removeChild(child: GElement): GRow {
    this.check();
    this.node.cells.splice(this.getChildIndex(child), 1);
    return this.self();
  }
  clear(): GRow {
    this.check();
    for (const c of this.node.cells) c.blocks = [newParagraph('')];
    return this.self();
  }
}

// --- Text ---------------------------------------------------------------------------------------

type TextMethods =
  | 'getText'
  | 'setText'
  | 'appendText'
  | 'insertText'
  | 'deleteText'
  | 'setBold'
  | 'setItalic'
  | 'setUnderline'
  | 'setStrikethrough'
  | 'setFontSize'
  | 'setFontFamily'
  | 'setForegroundColor'
  | 'setBackgroundColor'
  | 'setLinkUrl'
  | 'setAttributes'
  | 'getAttributes'
  | 'isBold'
  | 'isItalic'
  | 'isUnderline'
  | 'isStrikethrough'
  | 'getFontSize'
  | 'getFontFamily'
  | 'getForegroundColor'
  | 'getBackgroundColor'
  | 'getLinkUrl'
  | 'getTextAttributeIndices'
  | 'replaceText'
  | 'findText'
  | 'editAsText'
  | 'getType'
  | 'getParent'
  | 'copy'
  | 'asText';

interface Span {
  block: TextBlock;
  start: number;
  length: number;
}

/**
 * Rich text over one paragraph, or over every paragraph of a container with a '\n' between
 * paragraphs (offsets count it, as Docs does).
 */
class TextHandle implements Pick<GText, TextMethods> {
  constructor(
    private readonly env: Env,
    private readonly owner: Node,
  ) {}

  simElement(): ElementRef {
    return { node: this.owner, env: this.env };
  }

  private check(): void {
    this.env.session?.check();
  }
  private self(): GText {
    return wrapText(this.env, this.owner);
  }
  private spans(): Span[] {
    let pos = 0;
    return textBlocks(this.owner).map((block) => {
      const length = runsText(block.runs).length;
      const s = { block, start: pos, length };
      pos += length + 1;
      return s;
    });
  }
  private length(): number {
    const spans = this.spans();
    const last = spans[spans.length - 1];
    return last ? last.start + last.length : 0;
  }
  private checkRange(start: number, endInclusive: number): void {
    const len = this.length();
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(endInclusive) ||
      start < 0 ||
      endInclusive >= len ||
      start > endInclusive
    ) {
      throw gasError(`Invalid range: [${start}, ${endInclusive}] for a text of length ${len}.`);
    }
  }
  private styleRange(start: number, endInclusive: number, change: (s: TextStyle) => void): void {
    this.checkRange(start, endInclusive);
    for (const sp of this.spans()) {
      const a = Math.max(start, sp.start) - sp.start;
      const b = Math.min(endInclusive, sp.start + sp.length - 1) - sp.start;
      if (a <= b) sp.block.runs = styleRange(sp.block.runs, a, b, change);
    }
  }
  /** setX(value) on everything, or setX(start, endInclusive, value) on a range. */
  private set(key: keyof TextStyle, args: readonly unknown[]): GText {
    this.check();
    if (args.length >= 3) {
      this.styleRange(Number(args[0]), Number(args[1]), (s) => setStyleKey(s, key, args[2]));
    } else {
      const len = this.length();
      if (len > 0) this.styleRange(0, len - 1, (s) => setStyleKey(s, key, args[0]));
    }
    return this.self();
  }
  private at(offset: number | null | undefined): TextStyle | null {
    this.check();
    if (offset === undefined || offset === null) return null;
    for (const sp of this.spans()) {
      if (offset >= sp.start && offset < sp.start + sp.length) {
        return styleAt(sp.block.runs, offset - sp.start);
      }
    }
    throw gasError(`Invalid offset: ${offset}`);
  }
  private get(key: keyof TextStyle, offset: number | null | undefined): unknown {
    const s = this.at(offset);
    if (s) return s[key] ?? null;
    return uniformStyle(textBlocks(this.owner), key);
  }

  getType(): GoogleAppsScript.Document.ElementType {
    this.check();
    return 'TEXT' as unknown as GoogleAppsScript.Document.ElementType;
  }
  getParent(): GContainer {
    this.check();
    return (isTextBlock(this.owner) ? wrap(this.env, this.owner) : null) as GContainer;
  }
  copy(): GText {
    this.check();
    return wrapText({ ctx: this.env.ctx, session: null }, deepCopy(this.owner));
  }
  editAsText(): GText {
    this.check();
    return this.self();
  }
  asText(): GText {
    return this.editAsText();
  }
  getText(): string {
    this.check();
    return textBlocks(this.owner)
      .map((b) => runsText(b.runs))
      .join('\n');
  }
  setText(text: string): GText {
    this.check();
    if (isTextBlock(this.owner)) {
      const style = styleAt(this.owner.runs, 0);
      this.owner.runs = normaliseRuns([{ text: normaliseText(String(text)), style }]);
    } else {
      const blocks = textBlocks(this.owner);
      const [first, ...rest] = blocks;
      if (first)
        first.runs = normaliseRuns([
          { text: normaliseText(String(text)), style: styleAt(first.runs, 0) },
        ]);
      for (const b of rest) b.runs = [];
    }
    return this.self();
  }
  appendText(text: string): GText {
    this.check();
    const spans = this.spans();
    const last = spans[spans.length - 1];
    if (last) {
      const len = last.length;
      last.block.runs = spliceRuns(
        last.block.runs,
        len,
        len,
        String(text),
        styleAt(last.block.runs, len),
      );
    }
    return this.self();
  }
  insertText(offset: GoogleAppsScript.Integer, text: string): GText {
    this.check();
    const o = Number(offset);
    const sp = this.spans().find((s) => o >= s.start && o <= s.start + s.length);
    if (!sp) throw gasError(`Invalid offset: ${o}`);
    const local = o - sp.start;
    const style = styleAt(sp.block.runs, local > 0 ? local - 1 : 0);
    sp.block.runs = spliceRuns(sp.block.runs, local, local, String(text), style);
    return this.self();
  }
  deleteText(
    startOffset: GoogleAppsScript.Integer,
    endOffsetInclusive: GoogleAppsScript.Integer,
  ): GText {
    this.check();
    const s = Number(startOffset);
    const e = Number(endOffsetInclusive);
    this.checkRange(s, e);
    for (const sp of this.spans().reverse()) {
      const a = Math.max(s, sp.start) - sp.start;
      const b = Math.min(e, sp.start + sp.length - 1) - sp.start;
      if (a <= b) sp.block.runs = spliceRuns(sp.block.runs, a, b + 1, '');
    }
    return this.self();
  }
  setBold(...args: [boolean] | [number, number, boolean]): GText {
    return this.set('bold', args);
  }
  setItalic(...args: [boolean] | [number, number, boolean]): GText {
    return this.set('italic', args);
  }
  setUnderline(...args: [boolean] | [number, number, boolean]): GText {
    return this.set('underline', args);
  }
  setStrikethrough(...args: [boolean] | [number, number, boolean]): GText {
    return this.set('strikethrough', args);
  }
  setFontSize(...args: [number] | [number, number, number]): GText {
    return this.set('fontSize', args);
  }
  setFontFamily(...args: [string] | [number, number, string]): GText {
    return this.set('fontFamily', args);
  }
  setForegroundColor(...args: [string] | [number, number, string]): GText {
    return this.set('color', args);
  }
  setBackgroundColor(...args: [string] | [number, number, string]): GText {
    return this.set('background', args);
  }
  setLinkUrl(...args: [string] | [number, number, string]): GText {
    return this.set('link', args);
  }
  setAttributes(...args: [Attrs] | [number, number, Attrs]): GText {
    this.check();
    const attrs = (args.length === 3 ? args[2] : args[0]) ?? {};
    const change = textAttrChange(attrs);
    if (!change) return this.self();
    if (args.length === 3) this.styleRange(args[0], args[1], change);
    else if (this.length() > 0) this.styleRange(0, this.length() - 1, change);
    return this.self();
  }
  getAttributes(offset?: GoogleAppsScript.Integer | null): Attrs {
    const s = this.at(offset);
    if (s) return readTextAttrs(s);
    const out: Attrs = {};
    for (const [name, key] of Object.entries(TEXT_ATTRS))
      out[name] = uniformStyle(textBlocks(this.owner), key);
    return out;
  }
  isBold(offset?: GoogleAppsScript.Integer | null): boolean {
    return this.get('bold', offset) as boolean;
  }
  isItalic(offset?: GoogleAppsScript.Integer | null): boolean {
    return this.get('italic', offset) as boolean;
  }
  isUnderline(offset?: GoogleAppsScript.Integer | null): boolean {
    return this.get('underline', offset) as boolean;
  }
  isStrikethrough(offset?: GoogleAppsScript.Integer | null): boolean {
    return this.get('strikethrough', offset) as boolean;
  }
  getFontSize(offset?: GoogleAppsScript.Integer | null): GoogleAppsScript.Integer {
    return this.get('fontSize', offset) as number;
  }
  getFontFamily(offset?: GoogleAppsScript.Integer | null): string {
    return this.get('fontFamily', offset) as string;
  }
  getForegroundColor(offset?: GoogleAppsScript.Integer | null): string {
    return this.get('color', offset) as string;
  }
  getBackgroundColor(offset?: GoogleAppsScript.Integer | null): string {
    return this.get('background', offset) as string;
  }
  getLinkUrl(offset?: GoogleAppsScript.Integer | null): string {
    return this.get('link', offset) as string;
  }
  getTextAttributeIndices(): GoogleAppsScript.Integer[] {
    this.check();
    const out: number[] = [];
    for (const sp of this.spans()) {
      let pos = sp.start;
      for (const r of sp.block.runs) {
        out.push(pos);
        pos += r.text.length;
      }
    }
    return out.length > 0 ? out : [0];
  }
  replaceText(searchPattern: string, replacement: string): GElement {
    this.check();
    replaceInNode(
      this.owner,
      argString(searchPattern, 'searchPattern'),
      argString(replacement, 'replacement'),
    );
    return this.self() as unknown as GElement;
  }
  findText(searchPattern: string, from?: GRange | null): GRange {
    this.check();
    return findIn(this.env, this.owner, String(searchPattern), from ?? null);
  }
}

// --- Document and DocumentApp -------------------------------------------------------------------

type DocumentMethods =
  | 'getId'
  | 'getName'
  | 'setName'
  | 'getUrl'
  | 'getBody'
  | 'getHeader'
  | 'addHeader'
  | 'getFooter'
  | 'addFooter'
  | 'saveAndClose'
  | 'getAs'
  | 'getBlob'
  | 'addEditor'
  | 'addViewer'
  | 'getEditors'
  | 'getViewers';

class DocumentHandle implements Pick<GDoc, DocumentMethods> {
  constructor(private readonly session: DocSession) {}

  private get ctx(): SimContext {
    return this.session.ctx;
  }
  private file(): FileRecord {
    const f = this.ctx.world.drive.file(this.session.fileId);
    if (!f) throw gasError(docMissing(this.session.fileId));
    return f;
  }
  private env(): Env {
    return { ctx: this.ctx, session: this.session };
  }
  private self(): GDoc {
    return instrument(this, 'Document', this.ctx.rec) as unknown as GDoc;
  }

  /** Id, name and URL stay readable after saveAndClose (the usual `getFileById(doc.getId())`). */
  getId(): string {
    return this.session.fileId;
  }
  getName(): string {
    return this.file().name;
  }
  setName(name: string): GDoc {
    this.session.check();
    if (String(name ?? '') === '') throw gasError('Invalid argument: name');
    this.file().name = String(name);
    return this.self();
  }
  getUrl(): string {
    return docUrl(this.session.fileId);
  }
  getBody(): GBody {
    this.session.check();
    return wrap(this.env(), this.session.model.body, 'BODY_SECTION') as GBody;
  }
  getHeader(): GHeader {
    this.session.check();
    const h = this.session.model.header;
    return (h ? wrap(this.env(), h, 'HEADER_SECTION') : null) as GHeader;
  }
  addHeader(): GHeader {
    this.session.check();
    if (this.session.model.header) throw gasError('Document tab already contains a header.');
    this.session.model.header = newSection();
    return wrap(this.env(), this.session.model.header, 'HEADER_SECTION') as GHeader;
  }
  getFooter(): GFooter {
    this.session.check();
    const f = this.session.model.footer;
    return (f ? wrap(this.env(), f, 'FOOTER_SECTION') : null) as GFooter;
  }
  addFooter(): GFooter {
    this.session.check();
    if (this.session.model.footer) throw gasError('Document tab already contains a footer.');
    this.session.model.footer = newSection();
    return wrap(this.env(), this.session.model.footer, 'FOOTER_SECTION') as GFooter;
  }
  /** Saves the working copy; this Document and all its elements are closed afterwards. */
  saveAndClose(): void {
    this.session.check();
    this.ctx.world.drive.closeDoc(this.session.fileId, this.ctx.now());
    this.session.closed = true;
  }
  /** The saved content, as Drive exports it: edits not yet saved are not in it. */
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    this.session.check();
    this.ctx.world.drive.settleOthers(this.ctx.executionId);
    return asBlob(exportFile(this.file(), String(contentType)));
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return this.getAs(MIME.PDF);
  }
  addEditor(user: string | GoogleAppsScript.Base.User): GDoc {
    this.session.check();
    shareWith(this.file(), 'editors', emailOf(user));
    return this.self();
  }
  addViewer(user: string | GoogleAppsScript.Base.User): GDoc {
    this.session.check();
    shareWith(this.file(), 'viewers', emailOf(user));
    return this.self();
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    this.session.check();
    return this.file().editors.map((e) => this.user(e));
  }
  /** Drive lists commenters among the viewers. */
  getViewers(): GoogleAppsScript.Base.User[] {
    this.session.check();
    const f = this.file();
    return [...f.viewers, ...f.commenters].map((e) => this.user(e));
  }
  private user(email: string): GoogleAppsScript.Base.User {
    return userHandle(this.ctx, email) as unknown as GoogleAppsScript.Base.User;
  }
}

type DocumentAppMethods = 'create' | 'openById' | 'openByUrl' | 'getActiveDocument';

class DocumentAppHandle implements Pick<GoogleAppsScript.Document.DocumentApp, DocumentAppMethods> {
  readonly ParagraphHeading = DOC_ENUMS.ParagraphHeading as unknown as D['ParagraphHeading'];
  readonly HorizontalAlignment =
    DOC_ENUMS.HorizontalAlignment as unknown as D['HorizontalAlignment'];
  readonly GlyphType = DOC_ENUMS.GlyphType as unknown as D['GlyphType'];
  readonly VerticalAlignment = DOC_ENUMS.VerticalAlignment as unknown as D['VerticalAlignment'];
  readonly TextAlignment = DOC_ENUMS.TextAlignment as unknown as D['TextAlignment'];
  readonly ElementType = DOC_ENUMS.ElementType as unknown as D['ElementType'];
  readonly Attribute = DOC_ENUMS.Attribute as unknown as D['Attribute'];

  constructor(private readonly ctx: SimContext) {}

  private open(fileId: string): GDoc {
    const drive = this.ctx.world.drive;
    const f = drive.file(fileId);
    if (!f || !f.doc) throw gasError(docMissing(fileId));
    const model = drive.openDoc(fileId, this.ctx.executionId, this.ctx.now());
    const session = new DocSession(this.ctx, fileId, model);
    return instrument(new DocumentHandle(session), 'Document', this.ctx.rec) as unknown as GDoc;
  }

  /** A new Doc in the root folder, open for editing. */
  create(name: string): GDoc {
    if (String(name ?? '') === '') throw gasError('Invalid argument: name');
    const drive = this.ctx.world.drive;
    drive.settleOthers(this.ctx.executionId);
    drive.countDocCreated(this.ctx.world.today);
    const rec = drive.addFile({
      name: String(name),
      mimeType: MIME.GOOGLE_DOCS,
      doc: newDocModel(),
      owner: this.ctx.world.userEmail,
      now: this.ctx.now(),
    });
    rec.byApp = true;
    return this.open(rec.id);
  }
  openById(id: string): GDoc {
    return this.open(String(id));
  }
  openByUrl(url: string): GDoc {
    const m = /\/d\/([A-Za-z0-9_-]+)/.exec(String(url));
    if (!m?.[1]) throw gasError(docMissing(String(url)));
    return this.open(m[1]);
  }
  /** A Sheets add-on has no active Document. */
  getActiveDocument(): GDoc {
    return null as unknown as GDoc;
  }
}

/** The DocumentApp global of one execution. */
export function createDocumentApp(ctx: SimContext): GoogleAppsScript.Document.DocumentApp {
  const h = new DocumentAppHandle(ctx);
  return instrument(h, 'DocumentApp', ctx.rec) as unknown as GoogleAppsScript.Document.DocumentApp;
}
