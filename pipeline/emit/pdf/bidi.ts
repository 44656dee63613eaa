import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';
import type { Line } from './lines.js';
import type { Piece, Word } from './measured.js';

/**
 * The Unicode Bidirectional Algorithm (UAX #9), as far as the PDF needs it:
 * embedding levels for a paragraph (from `bidi-js`, which passes the
 * Unicode conformance tests), and the reordering of a line's parts into
 * visual order (rule L2), done here on the line's pieces rather than on
 * characters, because a piece is shaped as a whole.
 */
// bidi-js is a UMD bundle whose module.exports is the factory; its types call it a default export.
const bidi = (createRequire(import.meta.url)('bidi-js') as () => Bidi)();

/**
 * Characters that can make a paragraph anything but plain left to right:
 * the right-to-left blocks (Hebrew, Arabic, Syriac, Thaana, N'Ko,
 * Samaritan, Mandaic, their presentation forms, and the historic scripts
 * of the astral right-to-left areas) and every explicit bidi control. A
 * paragraph with none of them is set as it always was, without levels.
 */
const MAYBE_BIDI = /[\u0590-\u08FF\u200E\u200F\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFE\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Explicit bidi formatting characters: they steer the levels, and are never drawn. */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** A paragraph's resolved levels: its base level (0 left to right, 1 right to left) and one level per UTF-16 unit. */
export interface ParagraphLevels {
  base: number;
  levels: Uint8Array;
}

/**
 * The embedding levels of one paragraph, its base direction taken from its
 * first strong character (rules P2–P3). Undefined when the paragraph is
 * plain left to right (level 0 throughout), the common case, which is then
 * set without any of this.
 */
export function paragraphLevels(text: string): ParagraphLevels | undefined {
  if (!MAYBE_BIDI.test(text)) return undefined;
  // One paragraph: the text never holds a paragraph separator (white space is collapsed first).
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text.replace(/[\n\r\u2029\u001C-\u001E\u0085]/gu, ' '));
  const base = paragraphs[0]?.level ?? 0;
  // Left to right throughout: set as plain text, unless controls are there to be dropped (a font of the chain would draw them).
  if (base === 0 && levels.every((l) => l === 0) && !BIDI_CONTROLS.test(text)) return undefined;
  return { base, levels };
}

/**
 * The visual order of a line's parts, given each part's level in logical
 * order (rule L2): from the highest level down to the lowest odd one, every
 * run of parts at that level or higher is reversed. Returns the parts'
 * logical indices, left to right.
 */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  let highest = 0;
  let lowestOdd = Infinity;
  for (const l of levels) {
    highest = Math.max(highest, l);
    if (l % 2 === 1) lowestOdd = Math.min(lowestOdd, l);
  }
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; i++) {
      if (levels[order[i]!]! < level) continue;
      let j = i;
      while (j + 1 < order.length && levels[order[j + 1]!]! >= level) j++;
      reverse(order, i, j);
      i = j;
    }
  }
  return order;
}

/**
 * A line's pieces and spaces in visual order, left to right, for a line
 * whose pieces carry bidi levels (`Line.base` set). A space stands as the
 * word it comes before (drawn as `word.space`, at `word.spaceLevel`).
 */
export function visualParts(line: Line): (Piece | Word)[] {
  const base = line.base ?? 0;
  const parts: (Piece | Word)[] = [];
  const levels: number[] = [];
  line.words.forEach((word, wi) => {
    if (wi > 0 && word.space > 0) {
      parts.push(word);
      levels.push(word.spaceLevel ?? base);
    }
    for (const piece of word.pieces) {
      parts.push(piece);
      levels.push(piece.level ?? base);
    }
  });
  return visualOrder(levels).map((i) => parts[i]!);
}

function reverse(items: number[], from: number, to: number): void {
  for (; from < to; from++, to--) [items[from], items[to]] = [items[to]!, items[from]!];
}

/** Which way a text is shaped: by its script (undefined), or as the parity of its bidi level says. */
export type Direction = 'ltr' | 'rtl' | undefined;

/** The direction of a bidi level; undefined (by script) for text outside any paragraph with right-to-left text. */
export function directionOf(level: number | undefined): Direction {
  return level === undefined ? undefined : level % 2 === 1 ? 'rtl' : 'ltr';
}

/**
 * Text as drawn at a right-to-left level: each character with a mirrored
 * form (brackets, "<", "«", …) replaced by it (rule L4), so that "(" still
 * opens what it encloses when read from the right.
 */
export function mirrored(text: string): string {
  let out = '';
  for (const c of text) out += bidi.getMirroredCharacter(c) ?? c;
  return out;
}
