/**
 * A Google Doc model rendered to a real PDF with pdfkit, synchronously (the document is ended,
 * then its stream buffer is drained). Text is drawn in Arimo (SIL Open Font License 1.1, from
 * the npm package @expo-google-fonts/arimo), embedded and subset: Arimo has the metrics of Arial,
 * the font of the invoice template and the Google Docs default, and covers Latin, Greek,
 * Cyrillic and the typographic spaces and signs (U+202F, U+2212…), so every character shows as
 * Docs shows it; other families are drawn in Arimo too. The layout is our own: words wrapped
 * per paragraph at breakable spaces only (never at a no-break space), headings larger and bold,
 * tables drawn as a grid with cell backgrounds, a table row never split across pages, the
 * header on top and the footer at the bottom of every page.
 *
 * Pagination follows the paragraph styles of the Docs API
 * (https://developers.google.com/workspace/docs/api/reference/rest/v1/documents#paragraphstyle):
 * - keepLinesTogether, "Whether all lines of the paragraph should be laid out on the same page
 *   or column if possible": a paragraph that does not fit what is left of the page starts the
 *   next one, when it fits a page;
 * - keepWithNext, "Whether at least a part of this paragraph should be laid out on the same page
 *   or column as the next paragraph if possible": the paragraph (moved whole: the reference does
 *   not say which part stays) and the first line of the next paragraph, or the first row of the
 *   next table, go to the next page together. Chains are followed.
 * The reference says nothing of paragraphs in table cells. A row is laid out whole, so the
 * paragraph that matters is the last one of the row's last cell: the paragraph that comes next
 * in document order is the first one of the next row, or of what follows the table. That is how
 * a row is kept with the next row or block here. Where a kept group is taller than a page the
 * reference is silent too: the least convenient outcome is imitated, the group is laid out as if
 * nothing were kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import {
  AUTO_PAGE_COUNT,
  AUTO_TEXT,
  docSections,
  textBlocks,
  type Block,
  type CellNode,
  type DocModel,
  type Heading,
  type RowNode,
  type SectionNode,
  type TableNode,
  type TextBlock,
  type TextStyle,
} from './doc-model';

type Pdf = PDFKit.PDFDocument;

const DEFAULT_SIZE = 11;
const LINE_FACTOR = 1.2;
const HEADING_SIZE: Record<Heading, number> = {
  NORMAL: DEFAULT_SIZE,
  TITLE: 26,
  SUBTITLE: 15,
  HEADING1: 20,
  HEADING2: 16,
  HEADING3: 14,
  HEADING4: 12,
  HEADING5: 11,
  HEADING6: 11,
};
const HEADING_SPACING: Record<Heading, [number, number]> = {
  NORMAL: [0, 2],
  TITLE: [0, 6],
  SUBTITLE: [0, 8],
  HEADING1: [14, 6],
  HEADING2: [12, 4],
  HEADING3: [10, 4],
  HEADING4: [8, 2],
  HEADING5: [8, 2],
  HEADING6: [8, 2],
};
/** Distance of the header's top and the footer's bottom from the page edge. */
const SECTION_EDGE = 28;
const SECTION_GAP = 8;

/** The embedded faces: Arimo regular, bold, italic and bold italic. */
const FACES = {
  regular: '400Regular/Arimo_400Regular.ttf',
  bold: '700Bold/Arimo_700Bold.ttf',
  italic: '400Regular_Italic/Arimo_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Arimo_700Bold_Italic.ttf',
} as const;
type Face = keyof typeof FACES;

/** The font files embedded in every PDF, by face. */
export function embeddedFontFiles(): Record<Face, string> {
  const dir = path.dirname(require.resolve('@expo-google-fonts/arimo/package.json'));
  return {
    regular: path.join(dir, FACES.regular),
    bold: path.join(dir, FACES.bold),
    italic: path.join(dir, FACES.italic),
    boldItalic: path.join(dir, FACES.boldItalic),
  };
}

/**
 * Opened once per process (reading a font's tables is most of the cost of a PDF): pdfkit takes
 * the opened font as it is, and every PDF embeds its own subset of it.
 */
let openFonts: Record<Face, fontkit.Font> | null = null;
function fonts(): Record<Face, fontkit.Font> {
  if (!openFonts) {
    const files = embeddedFontFiles();
    const open = (f: string) => fontkit.create(fs.readFileSync(f));
    openFonts = {
      regular: open(files.regular),
      bold: open(files.bold),
      italic: open(files.italic),
      boldItalic: open(files.boldItalic),
    };
  }
  return openFonts;
}

/** Widths of the strings measured so far, by face, size and text, for every PDF of the process. */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 200_000;

/**
 * Spaces a line may break at (UAX #14 class BA spaces and the ordinary space); U+00A0, U+202F,
 * U+2007 and U+2060 are glue, never a break.
 */
const BREAKABLE = ' \t\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000';
const TOKENS = new RegExp(`\\r|[^${BREAKABLE}\\r]+[${BREAKABLE}]*|[${BREAKABLE}]+`, 'g');
const TRAILING = new RegExp(`[${BREAKABLE}]+$`);

/** Where a word too long for its line may still break: after a hyphen, a dash or a slash. */
const SOFT_BREAK_AFTER = /[-\u2010\u2013\u2014/]/;

function fontName(style: TextStyle, heading: Heading): Face {
  const bold = style.bold ?? (heading !== 'NORMAL' && heading !== 'SUBTITLE');
  const italic = style.italic ?? false;
  if (bold && italic) return 'boldItalic';
  if (bold) return 'bold';
  if (italic) return 'italic';
  return 'regular';
}

function color(c: string | null | undefined, fallback: string): string {
  if (!c) return fallback;
  if (/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(c)) return c;
  return /^[a-z]+$/i.test(c) ? c.toLowerCase() : fallback;
}

interface Frag {
  text: string;
  font: string;
  size: number;
  color: string;
  underline: boolean;
  strike: boolean;
  link: string | null;
  width: number;
}

interface Line {
  frags: Frag[];
  /** Width without trailing spaces. */
  width: number;
  height: number;
}

interface ParaLayout {
  lines: Line[];
  before: number;
  after: number;
  indent: number;
  align: 'left' | 'center' | 'right' | 'justify';
  marker: Frag | null;
  rule: boolean;
  pageBreak: boolean;
}

class Renderer {
  private y = 0;
  private top = 0;
  private bottom = 0;
  private readonly left: number;
  private readonly width: number;
  /** Number of each list item in its list, counted over the whole document once. */
  private readonly listNumbers = new Map<TextBlock, number>();
  private headerHeight = 0;
  private footerHeight = 0;

  /** The page being laid out, from 1: what a page number auto text shows. */
  private pageNumber = 0;

  constructor(
    private readonly pdf: Pdf,
    private readonly m: DocModel,
    /** The document's number of pages, for a page count auto text (0 before it is known). */
    private readonly pageCount = 0,
  ) {
    this.left = m.marginLeft;
    this.width = Math.max(72, m.pageWidth - m.marginLeft - m.marginRight);
  }

  /** The face pdfkit has selected (selecting one again is not free). */
  private face = '';

  private use(font: string, size: number): Pdf {
    if (font !== this.face) {
      this.pdf.font(font);
      this.face = font;
    }
    return this.pdf.fontSize(size);
  }

  private measure(text: string, font: string, size: number): number {
    const key = `${font}|${size}|${text}`;
    let w = widthCache.get(key);
    if (w === undefined) {
      w = this.use(font, size).widthOfString(text);
      if (widthCache.size >= WIDTH_CACHE_LIMIT) widthCache.clear();
      widthCache.set(key, w);
    }
    return w;
  }

  private frag(text: string, style: TextStyle, heading: Heading): Frag {
    const font = fontName(style, heading);
    const size = style.fontSize ?? HEADING_SIZE[heading];
    const t = text.replace(/\t/g, ' ');
    return {
      text: t,
      font,
      size,
      color: color(style.color, '#000000'),
      underline: style.underline ?? false,
      strike: style.strikethrough ?? false,
      link: style.link ?? null,
      width: this.measure(t, font, size),
    };
  }

  /** Greedy word wrap of a paragraph's runs into lines of at most `width` points. */
  private wrap(b: TextBlock, width: number): Line[] {
    const lineSpacing = b.lineSpacing ?? 1;
    const baseSize = b.runs[0]?.style.fontSize ?? HEADING_SIZE[b.heading];
    const lines: Line[] = [];
    let cur: Frag[] = [];
    let curWidth = 0;
    const finish = (): void => {
      const trimmed = [...cur];
      const last = trimmed[trimmed.length - 1];
      if (last && TRAILING.test(last.text)) {
        const t = last.text.replace(TRAILING, '');
        trimmed[trimmed.length - 1] = {
          ...last,
          text: t,
          width: this.measure(t, last.font, last.size),
        };
      }
      const size = Math.max(baseSize, ...cur.map((f) => f.size));
      lines.push({
        frags: trimmed.filter((f) => f.text !== ''),
        width: trimmed.reduce((s, f) => s + f.width, 0),
        height: size * LINE_FACTOR * lineSpacing,
      });
      cur = [];
      curWidth = 0;
    };
    const piece = (f: Frag, text: string): Frag => ({
      ...f,
      text,
      width: this.measure(text, f.font, f.size),
    });
    for (const run of b.runs) {
      const text = AUTO_TEXT.test(run.text)
        ? run.text
            .replace(/\ue000/g, String(Math.max(1, this.pageNumber)))
            .replace(/\ue001/g, String(Math.max(1, this.pageCount)))
        : run.text;
      const tokens = text.match(TOKENS) ?? [];
      for (const tok of tokens) {
        if (tok === '\r') {
          finish();
          continue;
        }
        const f = this.frag(tok, run.style, b.heading);
        const word = tok.replace(TRAILING, '');
        const wordWidth = word === tok ? f.width : this.measure(word, f.font, f.size);
        if (curWidth + wordWidth > width && cur.length > 0) finish();
        if (wordWidth <= width) {
          cur.push(f);
          curWidth += f.width;
          continue;
        }
        // A word longer than the line: broken after a hyphen, a dash or a slash where one
        // leaves a piece that fits, else cut where it overflows. Pieces are measured as they
        // grow, one line's worth at a time (a word may be thousands of characters long).
        let rest = f.text;
        for (;;) {
          const room = width - curWidth;
          const core = rest.replace(TRAILING, '');
          // Widths added character by character (kerning aside), each character's cached.
          let fit = 0;
          let used = 0;
          while (fit < core.length) {
            const step = /[\uD800-\uDBFF]/.test(core.charAt(fit)) ? 2 : 1;
            const w = this.measure(core.slice(fit, fit + step), f.font, f.size);
            if (used + w > room) break;
            used += w;
            fit += step;
          }
          if (fit >= core.length) break;
          let cut = -1;
          for (let i = fit; i >= 1; i -= 1) {
            if (SOFT_BREAK_AFTER.test(rest.charAt(i - 1))) {
              cut = i;
              break;
            }
          }
          if (cut < 0) cut = Math.max(1, fit);
          cur.push(piece(f, rest.slice(0, cut)));
          finish();
          rest = rest.slice(cut);
        }
        const p = piece(f, rest);
        cur.push(p);
        curWidth += p.width;
      }
    }
    if (cur.length > 0 || lines.length === 0) finish();
    return lines;
  }

  private marker(b: TextBlock): Frag | null {
    if (b.kind !== 'listItem') return null;
    const n = this.listNumbers.get(b) ?? 1;
    const style = b.runs[0]?.style ?? {};
    let text: string;
    switch (b.glyph) {
      case 'NUMBER':
        text = `${n}.`;
        break;
      case 'LATIN_LOWER':
        text = `${String.fromCharCode(96 + (((n - 1) % 26) + 1))}.`;
        break;
      case 'LATIN_UPPER':
        text = `${String.fromCharCode(64 + (((n - 1) % 26) + 1))}.`;
        break;
      case 'ROMAN_LOWER':
        text = `${roman(n).toLowerCase()}.`;
        break;
      case 'ROMAN_UPPER':
        text = `${roman(n)}.`;
        break;
      case 'HOLLOW_BULLET':
        text = 'o';
        break;
      case 'SQUARE_BULLET':
        text = '-';
        break;
      default:
        text = '\u2022';
    }
    return this.frag(text, { ...style, bold: false, italic: false, underline: false }, 'NORMAL');
  }

  private layoutParagraph(b: TextBlock, width: number): ParaLayout {
    const listIndent = b.kind === 'listItem' ? 18 * (b.nesting + 1) : 0;
    const indent = (b.indentStart ?? 0) + listIndent;
    const [before, after] = HEADING_SPACING[b.heading];
    const align = (b.align ?? 'LEFT').toLowerCase() as ParaLayout['align'];
    return {
      lines: this.wrap(b, Math.max(10, width - indent - (b.indentEnd ?? 0))),
      before: b.spacingBefore ?? before,
      after: b.spacingAfter ?? after,
      indent,
      align,
      marker: this.marker(b),
      rule: b.inline.includes('rule'),
      pageBreak: b.inline.includes('pageBreak'),
    };
  }

  private paragraphHeight(p: ParaLayout): number {
    return p.before + p.lines.reduce((s, l) => s + l.height, 0) + (p.rule ? 8 : 0) + p.after;
  }

  private drawLine(
    line: Line,
    x: number,
    y: number,
    width: number,
    align: ParaLayout['align'],
  ): void {
    let dx = 0;
    if (align === 'center') dx = (width - line.width) / 2;
    else if (align === 'right') dx = width - line.width;
    let cx = x + Math.max(0, dx);
    const base = Math.max(...line.frags.map((f) => f.size), 0);
    for (const f of this.merge(line.frags)) {
      const baselineShift = (base - f.size) * 0.8;
      this.use(f.font, f.size)
        .fillColor(f.color)
        .text(f.text, cx, y + baselineShift + (line.height - base * LINE_FACTOR) / 2, {
          lineBreak: false,
          underline: f.underline,
          strike: f.strike,
          ...(f.link ? { link: f.link } : {}),
        });
      cx += f.width;
    }
  }

  /** Neighbouring fragments of one style are drawn as one string (extractable as such). */
  private merge(frags: Frag[]): Frag[] {
    const out: Frag[] = [];
    for (const f of frags) {
      const last = out[out.length - 1];
      if (
        last &&
        last.font === f.font &&
        last.size === f.size &&
        last.color === f.color &&
        last.underline === f.underline &&
        last.strike === f.strike &&
        last.link === f.link
      ) {
        out[out.length - 1] = { ...last, text: last.text + f.text, width: last.width + f.width };
      } else out.push({ ...f });
    }
    return out;
  }

  private drawRule(x: number, y: number, width: number): void {
    this.pdf
      .moveTo(x, y + 4)
      .lineTo(x + width, y + 4)
      .lineWidth(0.75)
      .strokeColor('#999999')
      .stroke();
  }

  /** Draw a paragraph at (x, y) without paging; returns its height. */
  private drawParagraphAt(p: ParaLayout, x: number, y: number, width: number): number {
    let cy = y + p.before;
    p.lines.forEach((line, i) => {
      if (i === 0 && p.marker) this.drawMarker(p.marker, x + p.indent - 14, cy);
      this.drawLine(line, x + p.indent, cy, width - p.indent, p.align);
      cy += line.height;
    });
    if (p.rule) {
      this.drawRule(x, cy, width);
      cy += 8;
    }
    return cy + p.after - y;
  }

  private drawMarker(m: Frag, x: number, y: number): void {
    this.use(m.font, m.size).fillColor(m.color).text(m.text, x, y, { lineBreak: false });
  }

  // --- tables -------------------------------------------------------------------------------

  private columnWidths(t: TableNode, width: number): number[] {
    const n = Math.max(t.columnWidths.length, ...t.rows.map((r) => r.cells.length), 1);
    const fixed: (number | null)[] = Array.from({ length: n }, (_, i) => {
      const w = t.columnWidths[i] ?? t.rows[0]?.cells[i]?.width ?? null;
      return w !== null && w > 0 ? w : null;
    });
    const fixedSum = fixed.reduce<number>((s, w) => s + (w ?? 0), 0);
    const free = fixed.filter((w) => w === null).length;
    if (fixedSum > width || (free > 0 && width - fixedSum < free * 20)) {
      const scale = (width - free * 20) / Math.max(fixedSum, 1);
      return fixed.map((w) => (w === null ? 20 : Math.max(10, w * Math.max(scale, 0.1))));
    }
    const share = free > 0 ? (width - fixedSum) / free : 0;
    return fixed.map((w) => w ?? share);
  }

  private cellContentHeight(c: CellNode, width: number): number {
    return this.blocksHeight(c.blocks, width - c.paddingLeft - c.paddingRight);
  }

  private blocksHeight(blocks: Block[], width: number): number {
    let h = 0;
    for (const b of blocks) {
      if (b.kind === 'table') h += this.tableHeight(b, width);
      else h += this.paragraphHeight(this.layoutParagraph(b, width));
    }
    return h;
  }

  private rowHeight(r: RowNode, widths: number[]): number {
    let h = r.minHeight;
    r.cells.forEach((c, i) => {
      const w = widths[i] ?? 20;
      h = Math.max(h, c.paddingTop + this.cellContentHeight(c, w) + c.paddingBottom);
    });
    return h;
  }

  private tableHeight(t: TableNode, width: number): number {
    const widths = this.columnWidths(t, width);
    return t.rows.reduce((s, r) => s + this.rowHeight(r, widths), 0);
  }

  private drawRow(
    t: TableNode,
    r: RowNode,
    widths: number[],
    x: number,
    y: number,
    h: number,
  ): void {
    let cx = x;
    r.cells.forEach((c, i) => {
      const w = widths[i] ?? 20;
      if (c.background) this.pdf.rect(cx, y, w, h).fill(color(c.background, '#ffffff'));
      const contentH = this.cellContentHeight(c, w);
      let cy = y + c.paddingTop;
      const room = h - c.paddingTop - c.paddingBottom - contentH;
      if (c.verticalAlign === 'CENTER') cy += room / 2;
      else if (c.verticalAlign === 'BOTTOM') cy += room;
      this.drawBlocksAt(c.blocks, cx + c.paddingLeft, cy, w - c.paddingLeft - c.paddingRight);
      cx += w;
    });
    if (t.borderWidth > 0) {
      cx = x;
      this.pdf.lineWidth(t.borderWidth).strokeColor(color(t.borderColor, '#000000'));
      r.cells.forEach((_, i) => {
        const w = widths[i] ?? 20;
        this.pdf.rect(cx, y, w, h).stroke();
        cx += w;
      });
    }
  }

  /** Draw blocks at (x, y) without paging (cells, header, footer); returns the height. */
  private drawBlocksAt(blocks: Block[], x: number, y: number, width: number): number {
    let cy = y;
    for (const b of blocks) {
      if (b.kind === 'table') {
        const widths = this.columnWidths(b, width);
        for (const r of b.rows) {
          const h = this.rowHeight(r, widths);
          this.drawRow(b, r, widths, x, cy, h);
          cy += h;
        }
      } else {
        cy += this.drawParagraphAt(this.layoutParagraph(b, width), x, cy, width);
      }
    }
    return cy - y;
  }

  // --- pages ------------------------------------------------------------------------------

  private headerTop(): number {
    return Math.min(SECTION_EDGE, this.m.marginTop / 2);
  }

  private footerTop(): number {
    const footerBottom = Math.min(SECTION_EDGE, this.m.marginBottom / 2);
    return this.m.pageHeight - footerBottom - this.footerHeight;
  }

  /**
   * The header is drawn when a page starts, the footer once the body is laid out (pages are
   * buffered), so that text comes out in reading order.
   */
  private newPage(): void {
    const m = this.m;
    this.pdf.addPage({ size: [m.pageWidth, m.pageHeight], margin: 0 });
    this.pageNumber += 1;
    this.top = m.marginTop;
    this.bottom = m.pageHeight - m.marginBottom;
    if (m.header && this.headerHeight > 0) {
      this.drawBlocksAt(m.header.blocks, this.left, this.headerTop(), this.width);
      this.top = Math.max(this.top, this.headerTop() + this.headerHeight + SECTION_GAP);
    }
    if (this.footerHeight > 0) this.bottom = Math.min(this.bottom, this.footerTop() - SECTION_GAP);
    this.y = this.top;
  }

  private drawFooters(): void {
    const range = this.pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      this.pdf.switchToPage(i);
      this.pageNumber = i - range.start + 1;
      if (this.m.footer && this.footerHeight > 0) {
        this.drawBlocksAt(this.m.footer.blocks, this.left, this.footerTop(), this.width);
      }
    }
  }

  private fits(h: number): boolean {
    return this.y + h <= this.bottom + 0.01;
  }

  private sectionHeight(s: SectionNode | null): number {
    if (
      !s ||
      s.blocks.every((b) => b.kind !== 'table' && b.runs.length === 0 && b.inline.length === 0)
    ) {
      return 0;
    }
    return this.blocksHeight(s.blocks, this.width);
  }

  // --- keeps ------------------------------------------------------------------------------

  /** The body's height on a page: what a kept group may take at most. */
  private pageRoom(): number {
    return this.bottom - this.top;
  }

  /** Does this unit (a paragraph, or a table's row) keep with the next one? */
  private keeps(b: Block, row: number): boolean {
    if (b.kind !== 'table') return b.keepWithNext === true;
    const cells = b.rows[row]?.cells ?? [];
    const last = cells[cells.length - 1];
    const paragraphs = last ? textBlocks(last) : [];
    return paragraphs[paragraphs.length - 1]?.keepWithNext === true;
  }

  private unitHeight(b: Block, row: number): number {
    if (b.kind === 'table') {
      const r = b.rows[row];
      return r ? this.rowHeight(r, this.columnWidths(b, this.width)) : 0;
    }
    return this.paragraphHeight(this.layoutParagraph(b, this.width));
  }

  /** The part of a block that must come with the unit kept with it. */
  private firstPart(b: Block): number {
    if (b.kind === 'table') return this.unitHeight(b, 0);
    const p = this.layoutParagraph(b, this.width);
    if (b.keepLinesTogether === true) return this.paragraphHeight(p);
    return p.before + (p.lines[0]?.height ?? 0);
  }

  /**
   * The height from the start of a unit (block `i`, row `row` of a table, 0 for a paragraph) to
   * the first part of the first unit after it that keeps with nothing; Infinity past a page.
   */
  private keptHeight(i: number, row: number): number {
    const blocks = this.m.body.blocks;
    let b = blocks[i];
    let r = row;
    if (!b) return 0;
    let h = this.unitHeight(b, r);
    while (this.keeps(b, r)) {
      if (b.kind === 'table' && r + 1 < b.rows.length) r += 1;
      else {
        i += 1;
        r = 0;
        const next: Block | undefined = blocks[i];
        if (!next) return h;
        b = next;
      }
      if (this.keeps(b, r)) h += this.unitHeight(b, r);
      else h += b.kind === 'table' ? this.unitHeight(b, r) : this.firstPart(b);
      if (h > this.pageRoom()) return Infinity;
    }
    return h;
  }

  /** Starts a new page when a kept group that fits a page does not fit what is left of this one. */
  private keepRoom(i: number, row: number, own: number): void {
    if (this.y <= this.top) return;
    const b = this.m.body.blocks[i];
    const kept = b && this.keeps(b, row) ? this.keptHeight(i, row) : own;
    if (kept !== Infinity && !this.fits(kept)) this.newPage();
  }

  private flowParagraph(b: TextBlock, i: number): void {
    const p = this.layoutParagraph(b, this.width);
    const whole = this.paragraphHeight(p);
    if (b.keepLinesTogether === true && whole <= this.pageRoom()) this.keepRoom(i, 0, whole);
    else if (b.keepWithNext === true) this.keepRoom(i, 0, whole);
    if (!this.fits(p.before) && this.y > this.top) this.newPage();
    this.y += this.y > this.top ? p.before : 0;
    p.lines.forEach((line, k) => {
      if (!this.fits(line.height) && this.y > this.top) this.newPage();
      if (k === 0 && p.marker) this.drawMarker(p.marker, this.left + p.indent - 14, this.y);
      this.drawLine(line, this.left + p.indent, this.y, this.width - p.indent, p.align);
      this.y += line.height;
    });
    if (p.rule) {
      if (!this.fits(8) && this.y > this.top) this.newPage();
      this.drawRule(this.left, this.y, this.width);
      this.y += 8;
    }
    this.y += p.after;
    if (p.pageBreak) this.newPage();
  }

  /** Rows move to the next page whole; a row taller than a page is drawn from its top. */
  private flowTable(t: TableNode, i: number): void {
    const widths = this.columnWidths(t, this.width);
    t.rows.forEach((r, k) => {
      const h = this.rowHeight(r, widths);
      this.keepRoom(i, k, h);
      if (!this.fits(h) && this.y > this.top) this.newPage();
      this.drawRow(t, r, widths, this.left, this.y, h);
      this.y += h;
    });
  }

  private numberLists(): void {
    const counters = new Map<string, number[]>();
    for (const section of docSections(this.m)) {
      for (const b of textBlocks(section)) {
        if (b.kind !== 'listItem') continue;
        const c = counters.get(b.listId) ?? [];
        c[b.nesting] = (c[b.nesting] ?? 0) + 1;
        c.length = b.nesting + 1;
        counters.set(b.listId, c);
        this.listNumbers.set(b, c[b.nesting] ?? 1);
      }
    }
  }

  /** The number of pages laid out. */
  pages(): number {
    return this.pdf.bufferedPageRange().count;
  }

  render(): void {
    this.numberLists();
    this.headerHeight = this.sectionHeight(this.m.header);
    this.footerHeight = this.sectionHeight(this.m.footer);
    this.newPage();
    this.m.body.blocks.forEach((b, i) => {
      if (b.kind === 'table') this.flowTable(b, i);
      else this.flowParagraph(b, i);
    });
    this.drawFooters();
  }
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

export interface RenderOptions {
  title?: string;
  /** Creation and modification date written in the PDF (defaults to the epoch): same input, same bytes. */
  date?: Date;
  compress?: boolean;
}

function newPdf(opts: RenderOptions, date: Date): Pdf {
  const faces = fonts();
  const pdf = new PDFDocument({
    autoFirstPage: false,
    // pdfkit's cache of text layouts would keep every PDF's layouts alive with the shared fonts
    // (widths are cached above, and a text is drawn once).
    fontLayoutCache: false,
    font: faces.regular as never,
    bufferPages: true,
    compress: opts.compress ?? true,
    margin: 0,
    info: {
      Title: opts.title ?? 'Document',
      Producer: 'Facturier in-memory Apps Script',
      Creator: 'Facturier in-memory Apps Script',
      CreationDate: date,
      ModDate: date,
    },
  });
  for (const face of Object.keys(faces) as Face[]) pdf.registerFont(face, faces[face] as never);
  return pdf;
}

/** Render a Doc model to PDF bytes. */
export function renderDocPdf(model: DocModel, opts: RenderOptions = {}): Buffer {
  const date = opts.date && !Number.isNaN(opts.date.getTime()) ? opts.date : new Date(0);
  // A page count is known once the document is laid out: laid out once to count, then drawn.
  const counted = docSections(model).some((s) =>
    textBlocks(s).some((b) => b.runs.some((r) => r.text.includes(AUTO_PAGE_COUNT))),
  );
  let count = 0;
  if (counted) {
    const scratch = new Renderer(newPdf({ ...opts, compress: false }, date), model);
    scratch.render();
    count = scratch.pages();
  }
  const pdf = newPdf(opts, date);
  new Renderer(pdf, model, count).render();
  pdf.end();
  const chunks: Buffer[] = [];
  for (;;) {
    const chunk: unknown = pdf.read();
    if (chunk === null) break;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}
