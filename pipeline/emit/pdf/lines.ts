import type { Word } from './words.js';

/**
 * How the lines of a block sit between its left and right edges. `start`
 * is the side a paragraph starts from: the left, or the right for one that
 * reads right to left (as is a justified paragraph's last line).
 */
export type Align = 'left' | 'right' | 'center' | 'justify' | 'start';

/** One line of a block, ready to draw. */
export interface Line {
  words: Word[];
  /** Natural width: the words and the spaces between them. */
  width: number;
  /** Room the line has (block width less the first-line indent). */
  room: number;
  /** Offset from the block's left edge (the first-line indent). */
  indent: number;
  /** Extra width added to each space to justify the line; 0 for a ragged line. */
  stretch: number;
  /** Whether the line ends in a hyphen that splits a word. */
  hyphenated: boolean;
  /**
   * Base bidi level of the paragraph (1: right to left), when its pieces
   * carry levels and the line must be put in visual order to be drawn.
   */
  base?: number;
}

/** Lets rounding in width sums not push a word that fits onto the next line. */
const EPSILON = 0.01;
/** Hyphenated lines allowed in a row: more make a "ladder" down the right edge. */
const MAX_HYPHENS_IN_A_ROW = 2;

/** How a block's words are broken into lines. */
export interface BreakOptions {
  width: number;
  /** First-line indent. */
  indent: number;
  align: Align;
  /** Largest extra space per word gap a justified line may take; looser lines stay ragged. */
  maxStretch?: number;
  /** Splits a word so that its first part fills `avail`; absent: no hyphenation. */
  hyphenate?: (word: Word, avail: number) => [Word, Word] | undefined;
  /** Extra space per gap a justified line must otherwise take before a word is hyphenated. */
  hyphenSlack?: number;
  /** Lines, by index, that must not end in a hyphen (the last line of a page). */
  noHyphen?: ReadonlySet<number>;
  /** The paragraph's base bidi level, given to every line (see `Line.base`). */
  base?: number;
}

/**
 * Greedy first-fit line breaking: deterministic, and good enough for prose
 * set at about sixty characters a line. A word that does not fit is
 * hyphenated only when needed: when the line would otherwise be justified
 * with more than `hyphenSlack` per space. A line that justifying would open
 * up by more than `maxStretch` per space is left ragged instead.
 */
export function breakLines(input: readonly Word[], o: BreakOptions): Line[] {
  const { width, indent, align, maxStretch = Infinity, hyphenSlack = 0 } = o;
  const lines: Line[] = [];
  let cur: Word[] = [];
  let natural = 0;
  let hyphensInARow = 0;
  const roomOf = (): number => width - (lines.length === 0 ? indent : 0);
  const gapsOf = (): number => cur.slice(1).filter((w) => w.space > 0).length;
  const push = (last: boolean): void => {
    const lineIndent = lines.length === 0 ? indent : 0;
    const room = width - lineIndent;
    const gaps = gapsOf();
    const wanted = align === 'justify' && !last && gaps > 0 ? Math.max(0, (room - natural) / gaps) : 0;
    const stretch = wanted > maxStretch ? 0 : wanted;
    const hyphenated = cur[cur.length - 1]?.hyphenated === true;
    hyphensInARow = hyphenated ? hyphensInARow + 1 : 0;
    const line: Line = { words: cur, width: natural, room, indent: lineIndent, stretch, hyphenated };
    if (o.base !== undefined) line.base = o.base;
    lines.push(line);
  };
  /**
   * A line that ends inside a word cut to fit a line (see `fit`) ends at one
   * of its hyphenation points, with the hyphen: the last part is swapped for
   * its hyphened form, and parts that leave no room for the hyphen go on to
   * the next line. A line that must not end in a hyphen (`noHyphen`) ends
   * before the word instead, when something comes before it on the line.
   * Returns how many parts went back to the input (parts are never a carry,
   * which is not cut).
   */
  const endCut = (): number => {
    let back = 0;
    if (cur[cur.length - 1]?.cut?.hyphened && o.noHyphen?.has(lines.length)) {
      // The word's first part is the one after a space, or after a word that is no part of it.
      let start = cur.length - 1;
      while (start > 0 && cur[start]!.space === 0 && cur[start - 1]!.cut) start--;
      if (start > 0) {
        const moved = cur.splice(start);
        for (const part of moved) natural -= part.space + part.width;
        return moved.length;
      }
    }
    for (let last = cur[cur.length - 1]; last?.cut?.hyphened; last = cur[cur.length - 1]) {
      const hyphened = last.cut.hyphened;
      if (natural - last.width + hyphened.width <= roomOf() + EPSILON) {
        cur[cur.length - 1] = hyphened;
        natural += hyphened.width - last.width;
        break;
      }
      if (cur.length === 1) break; // a line must keep a word: this one ends without its hyphen
      cur.pop();
      natural -= last.space + last.width;
      back++;
    }
    return back;
  };
  let carry: Word | undefined; // the second part of a word hyphenated at the end of the last line
  for (let i = 0; i < input.length || carry; ) {
    const word = carry ?? input[i]!;
    const room = roomOf();
    const add = cur.length > 0 ? word.space + word.width : word.width;
    if (cur.length > 0 && natural + add > room + EPSILON) {
      const slack = (room - natural) / Math.max(1, gapsOf());
      const may = o.hyphenate && !word.cut && align === 'justify' && slack > hyphenSlack && hyphensInARow < MAX_HYPHENS_IN_A_ROW && !o.noHyphen?.has(lines.length);
      const split = may ? o.hyphenate!(word, room - natural) : undefined;
      if (split) {
        cur.push(split[0]);
        natural += split[0].space + split[0].width;
        if (!carry) i++;
        carry = split[1];
      } else i -= endCut(); // the word starts the next line
      push(false);
      cur = [];
      natural = 0;
    } else {
      cur.push(word);
      natural += add;
      if (carry) carry = undefined;
      else i++;
    }
  }
  if (cur.length > 0) push(true);
  return lines;
}

/**
 * The same block broken again from line `from` on, with no hyphen at the end
 * of that line (it ends a page). Lines before it stay as they are: the
 * breaking is greedy, so they do not depend on what follows. Only the rest
 * of the block is broken again, so a long paragraph costs no more than once
 * per page.
 */
export function rebreakFrom(lines: readonly Line[], from: number, o: BreakOptions): Line[] {
  const rest: Word[] = [];
  for (const line of lines.slice(from)) {
    for (const drawn of line.words) {
      const w = drawn.unhyphened ?? drawn; // a cut word's hyphen goes where its line now ends
      const prev = rest[rest.length - 1];
      // Undo a split made inside the rest; a word split across `from` stays split.
      if (prev?.hyphenated && w.whole && prev.whole === w.whole) rest[rest.length - 1] = w.whole;
      else rest.push(w);
    }
  }
  const indent = from === 0 ? o.indent : 0;
  const base = lines[0]?.base;
  return [...lines.slice(0, from), ...breakLines(rest, { ...o, indent, noHyphen: new Set([0]), ...(base === undefined ? {} : { base }) })];
}

/** Lines of a paragraph kept together at the foot and at the head of a page. */
const KEEP = 2;

/**
 * How many of a block's first lines must fit where it starts for any of it
 * to be set there (see `linesHere`): all of a block too short to leave two
 * lines on each page, two of a longer one. What keeps a heading or a label
 * with the start of its text must leave this much room.
 */
export function linesToStart(count: number): number {
  return count <= MOST_LINES_TO_START ? count : KEEP;
}

/** The most lines `linesToStart` asks for: a block of three cannot be split. */
export const MOST_LINES_TO_START = 2 * KEEP - 1;

/**
 * How many of a block's `left` remaining lines to set on the current page,
 * which has room for `room` lines: all if they fit; otherwise never fewer
 * than two at the foot (unless none) when the block starts here (`first`),
 * and never fewer than two carried over. On an empty page (`atTop`) at
 * least one line is set, so a page too short for the rules still advances.
 */
export function linesHere(left: number, room: number, first: boolean, atTop: boolean): number {
  let take = Math.min(room, left);
  if (take < left) {
    take = Math.min(take, left - KEEP);
    if (first && take < KEEP) take = 0;
    take = Math.max(0, take);
  }
  if (take === 0 && atTop) take = Math.max(1, Math.min(room, left));
  return take;
}
