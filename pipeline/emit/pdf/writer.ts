import { needsActualText, type FontKey } from './fonts.js';
import { GlyphEncoder, num, type PdfkitFont } from './glyphs.js';
import type { Line } from './lines.js';
import { directionOf, visualParts } from './bidi.js';
import { shape, type Shaped } from './shaping.js';
import type { Piece } from './words.js';

/**
 * Writes text into a pdfkit document's content stream directly, as PDF
 * operators: one text object per line, one `TJ` array per run of one font,
 * each word's glyphs encoded once (and kept, bounded) with its kerning as
 * array adjustments. pdfkit's own text call lays every fragment out again,
 * encodes it glyph by glyph and wraps it in a graphics state of its own,
 * which made it most of the cost of a book.
 *
 * Spaces between words are drawn as the font's space glyph, so that text
 * extraction and copying see real spaces; a justified line's extra space is
 * an adjustment after each space glyph. Coordinates are pdfkit's (origin at
 * the top left): the text matrix flips y back, as pdfkit's `cm` does.
 */
export class TextWriter {
  private readonly glyphs: GlyphEncoder;
  private readonly ops: string[] = [];
  private readonly parts: string[] = [];
  private font: FontKey | undefined;
  private size = 0;
  private baseline = 0;
  /** The size and the baseline as written: every font run of a line repeats them. */
  private sizeText = '0';
  private baselineText = '0';
  /** Whether the next glyphs need a text matrix at the pen (the start, or after placed marks). */
  private moved = true;
  /** OpenType features of the line being drawn, and the space glyph of each font in them. */
  private features: readonly string[] | undefined;
  private readonly spaces = new Map<FontKey, string | Shaped>();

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.glyphs = new GlyphEncoder(doc);
  }

  /**
   * Draws a line set at `size` points with OpenType `features`: its first
   * word at `x`, on `baseline`. Positions are those the line breaker
   * measured: each word's width, and its space plus the line's stretch.
   */
  line(line: Line, x: number, baseline: number, size: number, features?: readonly string[]): void {
    this.begin(size, baseline, features);
    const stretch = line.stretch > 0 ? `>${num((-line.stretch * 1000) / size)}<` : '';
    if (line.base !== undefined) return this.visual(line, x, stretch);
    let pen = x;
    const { words } = line;
    for (let wi = 0; wi < words.length; wi++) {
      const word = words[wi]!;
      if (wi > 0 && word.space > 0) pen = this.drawSpace(word.spaceFont, word.space, line.stretch, stretch, pen);
      for (const piece of word.pieces) pen = this.drawPiece(piece, pen);
    }
    this.end();
  }

  /**
   * A line of a paragraph with right-to-left text, drawn in visual order:
   * its pieces and spaces, each with its bidi level, reordered by rule L2
   * (`visualOrder`), each piece's glyphs already in visual order (shaped
   * in its level's direction).
   */
  private visual(line: Line, x: number, stretch: string): void {
    let pen = x;
    for (const part of visualParts(line)) {
      if ('pieces' in part) pen = this.drawSpace(part.spaceFont, part.space, line.stretch, stretch, pen);
      else pen = this.drawPiece(part, pen);
    }
    this.end();
  }

  /** Draws a word's space at `pen`, then the line's stretch after it; returns the pen after both. */
  private drawSpace(font: FontKey, space: number, lineStretch: number, stretch: string, pen: number): number {
    this.put(font, this.space(font), pen);
    if (stretch) this.parts.push(stretch);
    return pen + (space + lineStretch); // as `pen += space + stretch`: the same rounding
  }

  /**
   * Draws a piece at `pen`; returns the pen after it. A piece in a script
   * whose glyphs do not spell their text in order is drawn inside a span
   * that gives its text (`/ActualText`), which copying, search and
   * `pdftotext` read instead of the glyphs' own.
   */
  private drawPiece(piece: Piece, pen: number): number {
    const spelled = needsActualText(piece.font);
    if (spelled) {
      this.flush();
      this.ops.push(`/Span <</ActualText <FEFF${utf16Hex(piece.text)}>>> BDC`);
    }
    // A piece belongs to this document's flow: its encoding is kept on it.
    this.put(piece.font, piece.encoded ?? this.encodePiece(piece), pen);
    if (spelled) {
      this.flush();
      this.ops.push('EMC');
    }
    return pen + piece.width;
  }

  /** Draws `count` copies of a text, each `pitch` points after the one before (leader dots). */
  repeat(font: FontKey, size: number, text: string, count: number, x: number, baseline: number, pitch: number): void {
    this.begin(size, baseline, undefined);
    const shaped = shape(font, text);
    const gap = `>${num(-(pitch - (shaped.advance * size) / 1000) * (1000 / size))}<`;
    for (let i = 0; i < count; i++) {
      if (i > 0) this.parts.push(gap);
      this.put(font, shaped, x);
    }
    this.end();
  }

  private begin(size: number, baseline: number, features: readonly string[] | undefined): void {
    this.ops.length = 0;
    this.ops.push('BT');
    this.font = undefined;
    if (size !== this.size) this.sizeText = num(size);
    this.size = size;
    this.baseline = baseline;
    this.baselineText = num(baseline);
    this.moved = true;
    if (features !== this.features) {
      this.features = features;
      this.spaces.clear();
    }
  }

  private end(): void {
    this.flush();
    this.ops.push('ET');
    this.doc.addContent(this.ops.join('\n'));
  }

  /** The encoded space glyph of a font, in the current features. */
  private space(key: FontKey): string | Shaped {
    let out = this.spaces.get(key);
    if (out === undefined) {
      const shaped = shape(key, ' ', this.features);
      out = shaped.offsets ? shaped : this.glyphs.encode(key, shaped);
      this.spaces.set(key, out);
    }
    return out;
  }

  /** A piece's encoding, kept on the piece; shaped glyphs instead where marks must be placed. */
  private encodePiece(piece: Piece): string | Shaped {
    const shaped = shape(piece.font, piece.text, this.features, directionOf(piece.level));
    if (shaped.offsets) return shaped;
    return (piece.encoded = this.glyphs.encode(piece.font, shaped));
  }

  /** Adds text at `pen` (used only where a text matrix must be set): encoded, or shaped glyphs to place one by one. */
  private put(key: FontKey, text: string | Shaped, pen: number): void {
    if (key !== this.font) {
      const font = this.glyphs.font(key);
      this.flush();
      const fonts = (this.doc as unknown as { page: { fonts: Record<string, unknown> } }).page.fonts;
      if (fonts[font.id] == null) fonts[font.id] = font.ref();
      this.ops.push(`/${font.id} ${this.sizeText} Tf`);
      this.font = key;
      this.moved = true; // an exact start for every font run, as pdfkit set one per call
    }
    if (typeof text !== 'string') {
      if (text.offsets) return this.placed(this.glyphs.font(key), text, pen);
      text = this.glyphs.encode(key, text);
    }
    if (this.moved) {
      this.flush();
      this.ops.push(`1 0 0 -1 ${num(pen)} ${this.baselineText} Tm`);
      this.moved = false;
    }
    this.parts.push(text);
  }

  /** Glyphs with offsets (marks on letters): each drawn at its own place, as pdfkit does. */
  private placed(font: PdfkitFont, shaped: Shaped, pen: number): void {
    this.flush();
    const k = this.size / 1000;
    const o = shaped.offsets!;
    shaped.glyphs.forEach((_, i) => {
      this.ops.push(`1 0 0 -1 ${num(pen + o[3 * i + 1]! * k)} ${num(this.baseline - o[3 * i + 2]! * k)} Tm`, `[<${this.glyphs.glyphHex(font, shaped, i)}>] TJ`);
      pen += o[3 * i]! * k;
    });
    this.moved = true;
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.ops.push(`[<${this.parts.join('')}>] TJ`);
    this.parts.length = 0;
  }
}

/** Text as UTF-16BE code units in hex, as a PDF text string written in hex wants it (after its byte order mark). */
function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += (text.charCodeAt(i) + 0x10000).toString(16).slice(1);
  return out;
}
