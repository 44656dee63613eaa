import { longestFitting } from '../shared/longest.js';
import { advance, canSet, measure, wrap, type Font } from './fonts.js';

/*
 * Fitting the cover's words to its text column: the largest size at which
 * a text fits in so many lines, lines cut with an ellipsis, and how many
 * authors can be named. Each search is bounded by what can fit, not by the
 * length of what is asked: a book's title or author list can be very long.
 */

/** The text column: 200 px margins each side. */
export const COLUMN = 1200;

/** Words the cover itself adds (kept with the design rather than in shared labels: the cover is an image). */
/** The words a cover sets around the names, in the book's language (see `LabelSet`): `more` holds `{n}`. */
export interface CoverWords {
  editedBy: string;
  and: string;
  more: string;
}

/** The English words, for a cover made without others. */
export const COVER_WORDS: CoverWords = { editedBy: 'Edited by', and: 'and', more: 'and {n} more' };

const more = (words: CoverWords, n: number): string => words.more.replace('{n}', String(n));

/** Lines of text at one size, with their line height. */
export interface Fitted {
  lines: string[];
  size: number;
  leading: number;
}

/** The height of fitted lines, in pixels. */
export const block = (f: Fitted): number => f.lines.length * f.leading;

/**
 * The largest size from `max` down to `min` at which the text fits the
 * column in at most `maxLines` lines (and `maxHeight` pixels); at `min`,
 * what does not fit is cut with an ellipsis.
 */
export function fit(font: Font, text: string, max: number, min: number, maxLines: number, maxHeight = Infinity): Fitted {
  for (let size = max; ; size -= 4) {
    const leading = Math.round(size * 1.2);
    const lines = wrap(font, text, size, COLUMN);
    const room = Math.max(1, Math.min(maxLines, Math.floor(maxHeight / leading)));
    const fits = lines.length <= room && lines.every((l) => measure(font, l, size) <= COLUMN);
    if (fits || size <= min) return { lines: fits ? lines : clip(font, lines, size, room), size, leading };
  }
}

/** Lines cut to `maxLines`, the last ending in an ellipsis, each no wider than the column. */
function clip(font: Font, lines: string[], size: number, maxLines: number): string[] {
  const out = lines.slice(0, maxLines).map((l) => shorten(font, l, size));
  if (lines.length > maxLines) out[maxLines - 1] = shorten(font, `${out[maxLines - 1]}…`, size);
  return out;
}

/**
 * A line cut at its end, with an ellipsis, to the column's width: the
 * longest start of it (in characters, an ellipsis it ends with left off)
 * that fits with an ellipsis after it, or the ellipsis alone. Found by
 * halving, as a start's width never falls as it grows: cutting a character
 * at a time measured a 2,000-character title 2,000 times (10 s).
 */
export function shorten(font: Font, line: string, size: number): string {
  if (line.length <= 1 || measure(font, line, size) <= COLUMN) return line;
  const chars = [...line.replace(/…$/u, '')];
  const cut = (k: number): string => `${chars.slice(0, k).join('')}…`;
  // The ellipsis alone (a start of 0 characters) is what is left when no start fits.
  return cut(longestFitting(1, chars.length - 1, (k) => measure(font, cut(k), size) <= COLUMN));
}

/**
 * The authors: one per line when there are few and each fits, else one
 * running line "A, B and C" wrapped. Names the font cannot set, and names
 * that do not fit in `maxHeight`, are counted as "and N more".
 */
export function authorLines(font: Font, authors: readonly string[], maxHeight: number, words: CoverWords = COVER_WORDS): Fitted | null {
  const settable = authors.filter((a) => canSet(font, a));
  const missing = authors.length - settable.length;
  if (settable.length === 0) return null;
  if (authors.length <= 6) {
    for (let size = 72; size >= 48; size -= 4) {
      const lines = missing ? [...settable, more(words, missing)] : [...settable];
      const leading = Math.round(size * 1.35);
      if (lines.length * leading <= maxHeight && lines.every((l) => measure(font, l, size) <= COLUMN)) return { lines, size, leading };
    }
  }
  // Fewest names cut: the most that fit at the smallest size, then the largest size for those.
  const maxLines = Math.floor(maxHeight / Math.round(40 * 1.2));
  const text = namesText(font, settable, authors.length, maxLines, words);
  return text === null ? null : fit(font, text, 64, 40, maxLines, maxHeight);
}

/**
 * The running line naming the most of `names` (the settable ones of
 * `total` authors) that wraps into `maxLines` lines at the smallest size:
 * "A, B and C", or "A, B and 7 more"; null if not even one fits.
 */
export function namesText(font: Font, names: readonly string[], total: number, maxLines: number, words: CoverWords = COVER_WORDS): string | null {
  for (let shown = Math.min(names.length, mostThatMayFit(font, names, 40, maxLines)); shown > 0; shown--) {
    const rest = total - shown;
    const some = names.slice(0, shown);
    const text = rest ? `${some.join(', ')} ${more(words, rest)}` : some.length > 1 ? `${some.slice(0, -1).join(', ')} ${words.and} ${some.at(-1)}` : some[0]!;
    if (wrap(font, text, 40, COLUMN).length <= maxLines) return text;
  }
  return null;
}

/**
 * How many of `names`, at most, can fit in `maxLines` lines at `size`: the
 * names before the first that would overflow the room even with no space
 * wasted at line ends. Trying every count from the last name down would
 * wrap the whole list once per name, a time that grows with the square of
 * the names (5 s for 3,000 authors); counts above this one cannot fit, so
 * starting here gives the same cover.
 */
export function mostThatMayFit(font: Font, names: readonly string[], size: number, maxLines: number): number {
  // In the lines `wrap` makes, a line's words are never wider than the line,
  // unless one word alone is: so no word counts for more than a line.
  const line = (COLUMN * font.unitsPerEm) / size;
  const room = maxLines * line;
  let used = 0;
  for (let k = 0; k < names.length; k++) {
    // Each word as narrow as it can be in the text: with or without the comma that may follow it.
    for (const word of names[k]!.split(/\s+/u).filter(Boolean)) used += Math.min(advance(font, word), advance(font, `${word},`), line);
    if (used > room) return k;
  }
  return names.length;
}
