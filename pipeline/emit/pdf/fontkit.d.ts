/**
 * The little of fontkit (pdfkit's font engine, which ships no types) that the
 * emitter uses: opening a font file once, asking which characters it has,
 * and shaping text into positioned glyphs.
 */
declare module 'fontkit' {
  /** One glyph of a font. */
  export interface Glyph {
    /** Glyph id in the font file. */
    id: number;
    /** Advance in font units. */
    advanceWidth: number;
    /** The characters it stands for (several for a ligature). */
    codePoints: number[];
  }
  /** Where a shaped glyph goes, in font units. */
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  /** Text shaped into glyphs (kerning, ligatures, the features asked for). */
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
  }
  /** A parsed font; pdfkit accepts one in `doc.font(font, key)`. */
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** Every code point the font maps to a glyph. */
    characterSet: number[];
    /** OpenType features the font has (e.g. `rtlm`, mirrored forms for right-to-left text). */
    availableFeatures: string[];
    /**
     * Shapes text; pdfkit recognises a fontkit font by this method. The
     * script is found from the text when not given, and the direction from
     * the script; glyphs of a right-to-left run come in visual order.
     */
    layout(text: string, features?: string[], script?: string, language?: string, direction?: 'ltr' | 'rtl'): GlyphRun;
  }
  /** Opens a font file (a collection only for .ttc/.dfont, which the emitter never uses). */
  export function openSync(path: string): Font;
}
