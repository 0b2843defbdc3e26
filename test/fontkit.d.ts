/** The part of fontkit (pdfkit's font reader) the tests use to ask a font for its glyphs. */
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(path: string): Font;
}
