import type { Inline } from '../../model.js';
import { drawableText, faceFor, isBold, isItalic, type FontFace } from './fonts.js';

/** Width of `text` set in `face` at `size` points. */
export type Measure = (face: FontFace, size: number, text: string) => number;

/** A stretch of one word in one face. */
export interface Piece {
  face: FontFace;
  text: string;
  width: number;
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
  /** Face of that space (the face the author's space was in). */
  spaceFace: FontFace;
}

/** Text of the author's, in one face, emphasis resolved. */
interface Run {
  face: FontFace;
  text: string;
}

/** Flattens inline content into runs; `em` inside italic text turns upright, as in print. */
export function runsOf(inlines: readonly Inline[], face: FontFace): Run[] {
  const out: Run[] = [];
  for (const i of inlines) {
    if (i.kind === 'text') out.push({ face, text: i.text });
    else if (i.kind === 'em') out.push(...runsOf(i.children, faceFor(!isItalic(face), isBold(face))));
    else out.push(...runsOf(i.children, faceFor(isItalic(face), true)));
  }
  return out;
}

/** Ordinary white space (and line separators) collapses to one space, as in HTML; no-break spaces are kept. */
const WHITE = /[ \t\n\r\f\v\u0085\u2028\u2029]+/g;
/** Allowed break after a dash between letters or digits ("stairs—all", "well-known"). */
const DASH_BREAK = /(?<=[\p{L}\p{N}][-\u2010\u2013\u2014])(?=[\p{L}\p{N}])/u;

/**
 * Splits inline content into measured words. Words wider than `maxWidth`
 * (URLs, long runs of text without spaces such as CJK) are cut into glued
 * parts so that no line overflows.
 */
export function wordsOf(inlines: readonly Inline[], face: FontFace, size: number, measure: Measure, maxWidth: number): Word[] {
  const words: Word[] = [];
  let cur: Omit<Piece, 'width'>[] = [];
  let curSpace: FontFace | undefined;
  let pendingSpace: FontFace | undefined;
  const flush = (): void => {
    if (cur.length > 0) words.push(...fit(makeWord(cur, curSpace, size, measure), size, measure, maxWidth));
    cur = [];
  };
  for (const run of runsOf(inlines, face)) {
    drawableText(run.text)
      .replace(WHITE, ' ')
      .split(' ')
      .forEach((part, i) => {
        if (i > 0) {
          flush();
          // A space before the first word of the block is dropped.
          if (words.length > 0) pendingSpace = run.face;
        }
        part.split(DASH_BREAK).forEach((seg, j) => {
          if (seg === '') return;
          if (j > 0) flush();
          if (cur.length === 0) {
            curSpace = pendingSpace;
            pendingSpace = undefined;
          }
          const last = cur[cur.length - 1];
          if (last && last.face === run.face) last.text += seg;
          else cur.push({ face: run.face, text: seg });
        });
      });
  }
  flush();
  return words;
}

function makeWord(pieces: Omit<Piece, 'width'>[], spaceFace: FontFace | undefined, size: number, measure: Measure): Word {
  const measured = pieces.map((p) => ({ ...p, width: measure(p.face, size, p.text) }));
  return {
    pieces: measured,
    width: measured.reduce((w, p) => w + p.width, 0),
    space: spaceFace ? measure(spaceFace, size, ' ') : 0,
    spaceFace: spaceFace ?? measured[0]!.face,
  };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Where a long URL or path may break: after a slash or other separator, before more text. */
const URL_BREAK = /(?<=[/?&=_.~#])(?=[\p{L}\p{N}])/u;

/**
 * Cuts a word wider than `maxWidth` into glued parts the line breaker can
 * pack: first after URL separators, then, where a part is still too wide
 * (text without spaces, such as CJK), into single graphemes. Small parts
 * let a line fill up before the break instead of leaving a loose line.
 */
function fit(word: Word, size: number, measure: Measure, maxWidth: number): Word[] {
  if (word.width <= maxWidth) return [word];
  const parts: Word[] = [];
  for (const piece of word.pieces) {
    for (const chunk of piece.text.split(URL_BREAK)) {
      const whole = makeWord([{ face: piece.face, text: chunk }], undefined, size, measure);
      if (whole.width <= maxWidth) parts.push(whole);
      else for (const { segment } of graphemes.segment(chunk)) parts.push(makeWord([{ face: piece.face, text: segment }], undefined, size, measure));
    }
  }
  // The first part keeps the space the whole word had before it.
  parts[0] = { ...parts[0]!, space: word.space, spaceFace: word.spaceFace };
  return parts;
}
