/** The part of fontkit (pdfkit's font reader) used here: a font opened once, asked for glyphs. */
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** What pdfkit lays text out with; a Font given to registerFont is used as it is. */
    layout(text: string): unknown;
  }
  export function openSync(path: string): Font;
  export function create(buffer: Uint8Array): Font;
}
