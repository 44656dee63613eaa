import { BoundedCache } from './cache.js';
import type { OnMissing } from './fallback.js';
import { isRtlFont, primaryFont, type FontFace, type FontKey } from './fonts.js';
import { directionOf, type Direction } from './bidi.js';
import { isNumeral } from './shaping.js';

/** Width of `text` set in a font at `size` points, shaped in `direction` (undefined: by its script). */
export type Measure = (font: FontKey, size: number, text: string, direction?: Direction) => number;

/** A stretch of one word in one font. */
export interface Piece {
  /** The face the author's emphasis asked for. */
  face: FontFace;
  /** The font that draws it: the face's Literata, or a fallback for characters Literata lacks. */
  font: FontKey;
  text: string;
  width: number;
  /**
   * Its bidi embedding level (odd: right to left), in a paragraph with
   * right-to-left text; undefined elsewhere. A piece never spans two levels.
   */
  level?: number;
  /**
   * Its glyphs as encoded for the document it is drawn in, set by that
   * document's writer the first time (pieces are made by one flow, for one
   * document, and a known word's pieces are drawn many times).
   */
  encoded?: string;
}

/**
 * An unbreakable unit of a line: one or more pieces (a word can change face
 * mid-way, as in "*sun*,"). Lines may break before any word.
 */
export interface Word {
  pieces: Piece[];
  width: number;
  /** Width of the space before this word; 0 when it is glued to the previous one (after a dash). */
  space: number;
  /** Font of that space (the primary font of the face the author's space was in). */
  spaceFont: FontKey;
  /** Bidi level of that space, where the pieces have levels. */
  spaceLevel?: number;
  /** Set on the first part of a hyphenated word: its last piece is the drawn hyphen. */
  hyphenated?: boolean;
  /** On both parts of a hyphenated word: the word before it was split, to undo the split. */
  whole?: Word;
  /**
   * On each part of a word too wide for a line, cut at its hyphenation
   * points (`fit` in `cut.ts`): the line breaker never hyphenates it again.
   * `hyphened`, on a part that ends at such a point, is the part with a
   * hyphen drawn after it, set in its place when a line ends there.
   */
  cut?: { hyphened?: Word };
  /** On a `cut.hyphened` part: the part without its hyphen, to break its line again. */
  unhyphened?: Word;
}

/** How to build words: size, measuring, the widest a word may be, and where to report undrawable characters. */
export interface WordOptions {
  size: number;
  measure: Measure;
  maxWidth: number;
  /**
   * The widest the block's first word may be, when less than `maxWidth`:
   * the first line is shorter by the first-line indent. A later word goes
   * to the next line when it does not fit, so only the first needs it.
   */
  firstMaxWidth?: number;
  onMissing?: OnMissing;
  /**
   * Where the language's patterns allow a word too wide for any line to be
   * cut with a hyphen (in every alignment: such a word must be cut); absent,
   * or no points, and it is cut between letters.
   */
  cutHyphenation?: (word: string) => readonly number[];
  /**
   * Words already measured in this size and features, per face: the
   * pieces of a word set wholly in the face's primary font, by its text.
   * A book sets the same few thousand words again and again.
   */
  known?: KnownWords;
}

/** Measured one-piece words of one style, per face, and the width of its spaces (see `WordOptions.known`). */
export interface KnownWords {
  words: Record<FontFace, BoundedCache<string, Piece[]>>;
  spaces: Map<FontKey, number>;
}

/** Distinct words kept measured per style and face. */
const KNOWN_LIMIT = 10_000;

/** An empty set of known words for one style. */
export function knownWords(): KnownWords {
  const cache = (): BoundedCache<string, Piece[]> => new BoundedCache(KNOWN_LIMIT);
  const words = { regular: cache(), italic: cache(), bold: cache(), boldItalic: cache() };
  return { words, spaces: new Map() };
}

/** A word from pieces; `spaceFace` is the face of the space before it, if any. */
export function makeWord(pieces: Omit<Piece, 'width'>[], spaceFace: FontFace | undefined, o: Pick<WordOptions, 'size' | 'measure' | 'known'>): Word {
  const one = pieces.length === 1 ? pieces[0]! : undefined;
  // Known words are kept by text alone: a piece with a bidi level is measured afresh (its shaping is cached),
  // and so is a number, quickly built from its digits (a big book's numbers would crowd its words out).
  const known = one && o.known && one.level === undefined && one.font === primaryFont(one.face) && !isNumeral(one.text) ? o.known.words[one.face] : undefined;
  let measured = known?.get(one!.text);
  let width = 0;
  if (measured) width = measured[0]!.width;
  else {
    measured = [];
    for (const p of pieces) {
      const w = p.level === undefined ? o.measure(p.font, o.size, p.text) : o.measure(p.font, o.size, p.text, directionOf(p.level));
      measured.push(p.level === undefined ? { face: p.face, font: p.font, text: p.text, width: w } : { face: p.face, font: p.font, text: p.text, width: w, level: p.level });
      width += w;
    }
    // Shared by every word with this text: words and their pieces are never changed once made,
    // except that the writer memoises a piece's encoding on it (`Piece.encoded`, the same for every use).
    known?.set(one!.text, measured);
  }
  const first = measured[0]!;
  // Between right-to-left words a space is their font's own, so that a line of them is one run of one font, not a switch a word.
  const spaceFont = first.level !== undefined && isRtlFont(first.font) ? first.font : primaryFont(spaceFace ?? first.face);
  return { pieces: measured, width, space: spaceFace ? spaceWidth(spaceFont, o) : 0, spaceFont };
}

function spaceWidth(font: FontKey, o: Pick<WordOptions, 'size' | 'measure' | 'known'>): number {
  let width = o.known?.spaces.get(font);
  if (width === undefined) {
    width = o.measure(font, o.size, ' ');
    o.known?.spaces.set(font, width);
  }
  return width;
}
