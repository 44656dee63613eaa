/**
 * The little of fontkit (pdfkit's font engine, which ships no types) that the
 * emitter uses: opening a font file once and asking which characters it has.
 */
declare module 'fontkit' {
  /** A parsed font; pdfkit accepts one in `doc.font(font, key)`. */
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** pdfkit recognises a fontkit font by this method. */
    layout(text: string, features?: string[]): unknown;
  }
  /** Opens a font file (a collection only for .ttc/.dfont, which the emitter never uses). */
  export function openSync(path: string): Font;
}
