/**
 * The text of a PDF as its fonts map it, character for character: PDF readers (pdfjs, poppler)
 * turn U+00A0 and U+202F into plain spaces, so a check of no-break spaces reads the content
 * streams itself. Enough for the PDFs of the in-memory Apps Script (pdfkit: Type0 fonts with
 * Identity-H encoding and a ToUnicode CMap, text placed by `Tm`, shown by `TJ` of hex strings),
 * whatever an incremental update appended after them.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  type PDFObject,
} from 'pdf-lib';

export interface GlyphLine {
  /** Distance from the page's top, in points. */
  y: number;
  /** x of the line's first character. */
  x: number;
  text: string;
  /** Names of the fonts (BaseFont) its characters were shown with. */
  fonts: string[];
}

export interface GlyphPage {
  lines: GlyphLine[];
  /** Fonts used on the page: name, embedded (a FontFile in its descriptor) or not. */
  fonts: { name: string; embedded: boolean }[];
}

function bytesOf(obj: PDFObject | undefined, doc: PDFDocument): Uint8Array {
  const o = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (o instanceof PDFRawStream) return decodePDFRawStream(o).decode();
  if (o instanceof PDFArray) {
    const parts = o.asArray().map((x) => bytesOf(x, doc));
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length + 1, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
      out[at++] = 10;
    }
    return out;
  }
  return new Uint8Array();
}

const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

function hexToString(hex: string): string {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4)
    s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
}

/** bfchar and bfrange entries of a ToUnicode CMap: code → text. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(parseInt(m[1] ?? '0', 16), hexToString(m[2] ?? ''));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1] ?? '';
    for (const m of body.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const lo = parseInt(m[1] ?? '0', 16);
      const hi = parseInt(m[2] ?? '0', 16);
      const dst = m[3] ?? '';
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => hexToString(x[1] ?? ''));
        items.forEach((t, i) => map.set(lo + i, t));
      } else {
        const base = hexToString(dst.slice(1, -1));
        for (let c = lo; c <= hi; c += 1) {
          map.set(
            c,
            base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + c - lo),
          );
        }
      }
    }
  }
  return map;
}

interface FontInfo {
  name: string;
  embedded: boolean;
  map: Map<number, string>;
  /** Advance widths by code, in thousandths of the font size (the CIDFont's W array). */
  widths: Map<number, number>;
  defaultWidth: number;
}

/** A CIDFont's W array: `c [w1 w2 …]` and `cFirst cLast w` entries. */
function widthsOf(w: PDFObject | undefined): Map<number, number> {
  const out = new Map<number, number>();
  if (!(w instanceof PDFArray)) return out;
  const items = w.asArray();
  for (let i = 0; i < items.length;) {
    const first = Number(String(items[i]));
    const next = items[i + 1];
    if (next instanceof PDFArray) {
      next.asArray().forEach((v, k) => out.set(first + k, Number(String(v))));
      i += 2;
    } else {
      const last = Number(String(next));
      const width = Number(String(items[i + 2]));
      for (let c = first; c <= last; c += 1) out.set(c, width);
      i += 3;
    }
  }
  return out;
}

function fontInfo(dict: PDFDict, doc: PDFDocument): FontInfo {
  const name = String(dict.lookup(PDFName.of('BaseFont')) ?? '').replace(/^\//, '');
  const descendants = dict.lookup(PDFName.of('DescendantFonts'));
  const cid = descendants instanceof PDFArray ? descendants.lookup(0) : undefined;
  const descriptor = (cid instanceof PDFDict ? cid : dict).lookup(PDFName.of('FontDescriptor'));
  const embedded =
    descriptor instanceof PDFDict &&
    ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)));
  const tu = dict.get(PDFName.of('ToUnicode'));
  const cidDict = cid instanceof PDFDict ? cid : undefined;
  return {
    name,
    embedded,
    map: tu ? toUnicode(latin1(bytesOf(tu, doc))) : new Map(),
    widths: widthsOf(cidDict?.lookup(PDFName.of('W'))),
    defaultWidth: Number(String(cidDict?.lookup(PDFName.of('DW')) ?? 1000)),
  };
}

/** Every page's lines (characters grouped by baseline, in drawing order) and fonts. */
export async function glyphPages(pdf: Uint8Array): Promise<GlyphPage[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.getPages().map((page) => {
    const height = page.getHeight();
    const resources = page.node.Resources();
    const fontDict = resources?.lookup(PDFName.of('Font'));
    const fonts = new Map<string, FontInfo>();
    if (fontDict instanceof PDFDict) {
      for (const [key, ref] of fontDict.entries()) {
        const d = doc.context.lookup(ref);
        if (d instanceof PDFDict) fonts.set(key.asString().replace(/^\//, ''), fontInfo(d, doc));
      }
    }
    const content = latin1(bytesOf(page.node.get(PDFName.of('Contents')), doc));
    const lines: GlyphLine[] = [];
    let font: FontInfo | undefined;
    let size = 0;
    let scale = 1;
    let lineEnd = Number.NaN;
    let x = 0;
    let y = 0;
    const ctm: number[] = [1, 0, 0, 1, 0, 0];
    const stack: number[][] = [];
    const tokens =
      content.match(/\[[^\]]*\]|<[0-9a-fA-F]*>|\/[^\s/[\]<>()]+|[^\s/[\]<>()]+/g) ?? [];
    const operands: string[] = [];
    for (const tok of tokens) {
      if (/^(\[|<|\/|[-+.\d])/.test(tok)) {
        operands.push(tok);
        continue;
      }
      const num = (i: number) => Number(operands[operands.length - i]);
      switch (tok) {
        case 'q':
          stack.push([...ctm]);
          break;
        case 'Q':
          ctm.splice(0, 6, ...(stack.pop() ?? [1, 0, 0, 1, 0, 0]));
          break;
        case 'cm': {
          const [a, b, c, d, e, f] = [num(6), num(5), num(4), num(3), num(2), num(1)];
          const [A, B, C, D, E, F] = ctm as [number, number, number, number, number, number];
          ctm.splice(
            0,
            6,
            a * A + b * C,
            a * B + b * D,
            c * A + d * C,
            c * B + d * D,
            e * A + f * C + E,
            e * B + f * D + F,
          );
          break;
        }
        case 'Tf':
          font = fonts.get((operands[operands.length - 2] ?? '').replace(/^\//, ''));
          size = num(1);
          break;
        case 'Tm': {
          const [a, e, f] = [num(6), num(2), num(1)];
          const [A, B, C, D, E, F] = ctm as [number, number, number, number, number, number];
          scale = Math.abs(a * A);
          x = e * A + f * C + E;
          y = height - (e * B + f * D + F);
          break;
        }
        case 'TJ':
        case 'Tj': {
          const arg = operands[operands.length - 1] ?? '';
          let text = '';
          let advance = 0;
          for (const part of arg.matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
            if (part[2] !== undefined) {
              advance -= Number(part[2]);
              continue;
            }
            const hex = part[1] ?? '';
            for (let i = 0; i + 4 <= hex.length; i += 4) {
              const code = parseInt(hex.slice(i, i + 4), 16);
              text += font?.map.get(code) ?? '\ufffd';
              advance += font?.widths.get(code) ?? font?.defaultWidth ?? 0;
            }
          }
          const width = (advance / 1000) * size * scale;
          // A piece drawn where the previous one on this baseline ended goes on with its line;
          // anything else (another cell, another column) starts a line of its own.
          const last = lines[lines.length - 1];
          if (last && Math.abs(last.y - y) < 0.5 && Math.abs(lineEnd - x) < 0.5) {
            last.text += text;
            if (font && !last.fonts.includes(font.name)) last.fonts.push(font.name);
          } else lines.push({ y, x, text, fonts: font ? [font.name] : [] });
          lineEnd = x + width;
          x += width;
          break;
        }
        default:
          break;
      }
      operands.length = 0;
    }
    return {
      lines,
      fonts: [...fonts.values()].map((f) => ({ name: f.name, embedded: f.embedded })),
    };
  });
}
