import type { Glyph } from 'fontkit';
import { mustLoad, type FontKey } from './fonts.js';
import type { Shaped } from './shaping.js';

/**
 * The parts of pdfkit's embedded font that its own `encode` fills in, and
 * that the font's subset, width table and ToUnicode map are written from
 * when the document ends. The encoder fills them in the same way.
 */
export interface PdfkitFont {
  id: string;
  subset: { includeGlyph(glyph: number): number; glyphs: number[] };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  scale: number;
  ref(): unknown;
}

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
  /**
   * Encodings of shaped text, kept as long as the shaping is (the shaping
   * cache is bounded, and a number's shaping, made afresh at each use, is
   * garbage at once): a bound of its own kept up to twice its limit of
   * shapings alive after the shaping cache had dropped them.
   */
  private readonly encoded = new WeakMap<Shaped, string>();
  /** Per font, the extra glyph ids of glyphs that stand for other text than at their first use, by glyph and text. */
  private readonly variants = new Map<PdfkitFont, Map<string, number>>();

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
      out += this.glyphHex(font, shaped, i);
      const k = kern?.[i];
      if (k) out += `>${num(-k)}<`;
    }
    this.encoded.set(shaped, out);
    return out;
  }

  /** The `i`th glyph of shaped text, in hex: as `hex`, or as `hexAs` where the shaping says what it stands for. */
  glyphHex(font: PdfkitFont, shaped: Shaped, i: number): string {
    const glyph = shaped.glyphs[i]!;
    return shaped.text ? this.hexAs(font, glyph, shaped.text[i]!) : this.hex(font, glyph);
  }

  /**
   * A glyph standing for `text`, in hex. The ToUnicode map gives one text
   * per glyph id, and a glyph can stand for several: Noto Naskh draws ب, ت,
   * ث, ن and ي from one dotless form with dots as marks, and a letter with
   * its marks folded in stands for more than the letter. A glyph that
   * stands for other text than at its first use gets a further id in the
   * subset, a copy of the same outline, with its own entry in the map.
   */
  hexAs(font: PdfkitFont, glyph: Glyph, text: readonly number[]): string {
    const gid = font.subset.includeGlyph(glyph.id);
    const known = font.unicode[gid];
    if (known == null) {
      font.widths[gid] ??= glyph.advanceWidth * font.scale;
      font.unicode[gid] = [...text];
      return hex4(gid);
    }
    if (same(known, text)) return hex4(gid);
    let ids = this.variants.get(font);
    if (!ids) this.variants.set(font, (ids = new Map()));
    const key = `${glyph.id}:${text.join(',')}`;
    let id = ids.get(key);
    if (id === undefined) {
      font.subset.glyphs.push(glyph.id);
      id = font.subset.glyphs.length - 1;
      font.widths[id] = glyph.advanceWidth * font.scale;
      font.unicode[id] = [...text];
      ids.set(key, id);
    }
    return hex4(id);
  }

  /** A glyph's id in the document's subset of the font, in hex, recorded as pdfkit's `encode` records it. */
  hex(font: PdfkitFont, glyph: Glyph): string {
    const gid = font.subset.includeGlyph(glyph.id);
    if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
    return hex4(gid);
  }
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
