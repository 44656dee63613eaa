import type { FontFace } from './fonts.js';
import type { Word } from './words.js';

/** How the lines of a block sit between its left and right edges. */
export type Align = 'left' | 'right' | 'center' | 'justify';

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
}

/** Lets rounding in width sums not push a word that fits onto the next line. */
const EPSILON = 0.01;

/**
 * Greedy first-fit line breaking: deterministic, and good enough for prose
 * set at about sixty characters a line. A line that justifying would open
 * up by more than `maxStretch` per space is left ragged instead.
 */
export function breakLines(words: readonly Word[], width: number, indent: number, align: Align, maxStretch = Infinity): Line[] {
  const lines: Line[] = [];
  let cur: Word[] = [];
  let natural = 0;
  const push = (last: boolean): void => {
    const lineIndent = lines.length === 0 ? indent : 0;
    const room = width - lineIndent;
    const gaps = cur.slice(1).filter((w) => w.space > 0).length;
    const wanted = align === 'justify' && !last && gaps > 0 ? Math.max(0, (room - natural) / gaps) : 0;
    const stretch = wanted > maxStretch ? 0 : wanted;
    lines.push({ words: cur, width: natural, room, indent: lineIndent, stretch });
  };
  for (const word of words) {
    const room = width - (lines.length === 0 ? indent : 0);
    const add = cur.length > 0 ? word.space + word.width : word.width;
    if (cur.length > 0 && natural + add > room + EPSILON) {
      push(false);
      cur = [word];
      natural = word.width;
    } else {
      cur.push(word);
      natural += add;
    }
  }
  if (cur.length > 0) push(true);
  return lines;
}

/** Lines of a paragraph kept together at the foot and at the head of a page. */
const KEEP = 2;

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

/** One text-showing call: a face, its text and where it starts. */
export interface Segment {
  face: FontFace;
  text: string;
  /** Offset from the line's start. */
  x: number;
  /** Extra space per space character, for pdfkit's `wordSpacing`. */
  wordSpacing: number;
}

/**
 * Cuts a line into as few text-showing calls as can be drawn exactly.
 * pdfkit, given `wordSpacing`, re-splits a text at every white-space
 * character (no-break spaces included) and puts the font's space plus the
 * extra between the parts; so a space joins two pieces into one call only
 * when it is in that call's face, and a piece holding other white space is
 * drawn on its own, unstretched, when the line is stretched.
 */
export function segmentsOf(line: Line): Segment[] {
  const out: Segment[] = [];
  let cur: Segment | undefined;
  let x = 0;
  let open = false; // whether `cur` may take more text
  line.words.forEach((word, wi) => {
    const gap = wi === 0 ? 0 : word.space > 0 ? word.space + line.stretch : 0;
    x += gap;
    word.pieces.forEach((piece, pi) => {
      const spaced = wi > 0 && pi === 0 && word.space > 0;
      const awkward = line.stretch > 0 && /\s/.test(piece.text);
      const joins = cur !== undefined && open && !awkward && cur.face === piece.face && (!spaced || word.spaceFace === piece.face);
      if (joins && cur) cur.text += (spaced ? ' ' : '') + piece.text;
      else {
        // A piece with its own white space is drawn as it is: its spaces do not stretch.
        cur = { face: piece.face, text: piece.text, x, wordSpacing: awkward ? 0 : line.stretch };
        out.push(cur);
      }
      open = !awkward;
      x += piece.width;
    });
  });
  return out;
}
