import type { Glyph } from 'fontkit';
import { BoundedCache } from './cache.js';
import { mustLoad, type FontKey } from './fonts.js';
import type { Shaped } from './shaping.js';

/**
 * The parts of pdfkit's embedded font that its own `encode` fills in, and
 * that the font's subset, width table and ToUnicode map are written from
 * when the document ends. The encoder fills them in the same way.
 */
export interface PdfkitFont {
  id: string;
  subset: { includeGlyph(glyph: number): number };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  scale: number;
  ref(): unknown;
}

/** Words kept encoded per document; re-encoding a word is cheap, keeping a book's is not. */
const ENCODED_LIMIT = 20_000;

/** A number for the content stream: three decimals are far finer than print. */
export function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

const hex4 = (gid: number): string => (gid + 0x10000).toString(16).slice(1);

/**
 * Glyphs as one document's fonts encode them: pdfkit's embedded font for
 * each key (registered on first use), and glyph ids in its subset, given
 * in the order first used, so the same book always gets the same ids.
 */
export class GlyphEncoder {
  private readonly fonts = new Map<FontKey, PdfkitFont>();
  private readonly encoded = new BoundedCache<Shaped, string>(ENCODED_LIMIT);

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** pdfkit's embedded font for a key. */
  font(key: FontKey): PdfkitFont {
    let font = this.fonts.get(key);
    if (!font) {
      this.doc.font(mustLoad(key) as never, key);
      font = (this.doc as unknown as { _font: PdfkitFont })._font;
      this.fonts.set(key, font);
    }
    return font;
  }

  /**
   * Shaped text's glyphs as the inside of a hex string, kerning closing and
   * reopening it around an adjustment (`0012>-15<0034`): so that words and
   * spaces join into one string where nothing lies between them.
   */
  encode(key: FontKey, shaped: Shaped): string {
    let out = this.encoded.get(shaped);
    if (out !== undefined) return out;
    const font = this.font(key);
    out = '';
    const { glyphs, kern } = shaped;
    for (let i = 0; i < glyphs.length; i++) {
      out += this.hex(font, glyphs[i]!);
      const k = kern?.[i];
      if (k) out += `>${num(-k)}<`;
    }
    this.encoded.set(shaped, out);
    return out;
  }

  /** A glyph's id in the document's subset of the font, in hex, recorded as pdfkit's `encode` records it. */
  hex(font: PdfkitFont, glyph: Glyph): string {
    const gid = font.subset.includeGlyph(glyph.id);
    if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
    return hex4(gid);
  }
}
