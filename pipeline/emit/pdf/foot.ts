import { linesHere, rebreakFrom, type BreakOptions, type Line } from './lines.js';

/**
 * Whether a line ends in a hyphen inside a word: one the line breaker
 * hyphenated, or a part of a word too wide for a line, cut at one of its
 * hyphenation points (`fit` in `cut.ts`), drawn with its hyphen.
 */
export function endsInHyphen(line: Line): boolean {
  return line.hyphenated || line.words[line.words.length - 1]?.unhyphened !== undefined;
}

/** The lines of a block, broken again where that was needed, and the index after the last one set on the page. */
export interface PageEnd {
  lines: readonly Line[];
  end: number;
}

/**
 * Where the part of a block from line `from` that goes on this page ends,
 * the page having room for `room` lines. Widows and orphans are left as
 * `linesHere` decides, and no page ends on a hyphen: the last line is broken
 * again without one (the hyphenated word, or a word cut to fit a line, goes
 * on to the next page). A line that is all inside a cut word cannot end
 * without its hyphen, so the page ends sooner, before the line where that
 * word starts; only when that would leave an empty page (the word fills it
 * from its head) does the page end on the cut word's hyphen.
 */
export function pageEnd(lines: readonly Line[], from: number, room: number, atTop: boolean, o: BreakOptions): PageEnd {
  let cap = room;
  let keep = false; // nothing better: a line inside a cut word may end the page
  for (;;) {
    const end = from + linesHere(lines.length - from, cap, from === 0, atTop);
    if (end === from || end === lines.length || !endsInHyphen(lines[end - 1]!)) return { lines, end };
    const again = rebreakFrom(lines, end - 1, o);
    if (!endsInHyphen(again[end - 1]!)) {
      lines = again;
      continue;
    }
    if (keep) return { lines, end };
    if (end - 1 > from || !atTop) cap = end - 1 - from;
    else [cap, keep] = [room, true];
  }
}
