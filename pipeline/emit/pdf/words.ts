import type { Inline } from '../../model.js';
import { BIDI_CONTROLS, paragraphLevels } from './bidi.js';
import { fontRuns, inPrimary } from './fallback.js';
import { fit } from './cut.js';
import { drawableText, faceFor, isBold, isItalic, primaryFont, type FontFace } from './fonts.js';
import { makeWord, type Piece, type Word, type WordOptions } from './measured.js';
import { SPACELESS_RANGES, spacelessParts } from './spaceless.js';

export { knownWords, makeWord, type KnownWords, type Measure, type Piece, type Word, type WordOptions } from './measured.js';

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
export const WHITE = /[ \t\n\r\f\v\u0085\u2028\u2029]+/g;
/** The dashes a line may break after: hyphen-minus, hyphen, en and em dash (as a character class's ranges). */
const BREAK_DASHES = String.raw`\-\u2010\u2013\u2014`;
/** Allowed break after a dash between letters or digits ("stairs—all", "well-known"). */
const DASH_BREAK = new RegExp(String.raw`(?<=[\p{L}\p{N}][${BREAK_DASHES}])(?=[\p{L}\p{N}])`, 'u');
/**
 * Allowed break in text without spaces (Chinese, Japanese): between two
 * ideographs or kana, after closing punctuation, before opening brackets;
 * never before closing punctuation or the prolonged-sound mark.
 */
const CJK_BREAK = /(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}、。，．！？」』）])(?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}「『（])/u;

/**
 * Whether DASH_BREAK, CJK_BREAK or a dictionary break might apply: only
 * with a dash, a character from U+3000 on (CJK, kana, full-width brackets;
 * a surrogate pair's first half, as Han extensions are astral) or one of a
 * script written without spaces (Thai, Lao, Myanmar, Khmer: see
 * `SPACELESS_RANGES`). Most words have none of these and skip the splits.
 * One character class, run over the code units: several times faster than
 * a loop over a paragraph's characters.
 */
const MAY_BREAK = new RegExp(String.raw`[${BREAK_DASHES}${SPACELESS_RANGES}\u3000-\uDBFF\uE000-\uFFFF]`);

function mayBreak(text: string): boolean {
  return MAY_BREAK.test(text);
}

/** A block's words, and which way it reads. */
export interface ParagraphWords {
  words: Word[];
  /**
   * The paragraph's base bidi level, from its first strong character: 1
   * right to left, 0 left to right. Undefined for a paragraph with no
   * right-to-left text, whose pieces then carry no levels.
   */
  base: number | undefined;
}

/** Splits inline content into measured words (see `paragraphWords`). */
export function wordsOf(inlines: readonly Inline[], face: FontFace, o: WordOptions): Word[] {
  return paragraphWords(inlines, face, o).words;
}

/**
 * Splits inline content into measured words. Words wider than `maxWidth`
 * (URLs, long runs of text without spaces) are cut into glued parts so that
 * no line overflows, at hyphenation points where `cutHyphenation` gives
 * some (`fit`). In a paragraph with right-to-left text every piece and
 * space gets its bidi level (the whole paragraph's levels, found once), and
 * pieces are split where the level changes, so that a line can be put in
 * visual order piece by piece when drawn.
 */
export function paragraphWords(inlines: readonly Inline[], face: FontFace, o: WordOptions): ParagraphWords {
  const runs = runsOf(inlines, face).map((r) => ({ face: r.face, text: drawableText(r.text).replace(WHITE, ' ') }));
  const bidi = paragraphLevels(runs.map((r) => r.text).join(''));
  const levels = bidi?.levels;
  const words: Word[] = [];
  let cur: Omit<Piece, 'width'>[] = [];
  let curSpace: FontFace | undefined;
  let pendingSpace: FontFace | undefined;
  let curLevel: number | undefined;
  let pendingLevel: number | undefined;
  const flush = (): void => {
    if (cur.length === 0) return;
    const word = makeWord(cur, curSpace, o);
    if (levels) word.spaceLevel = curLevel;
    const maxWidth = words.length === 0 ? (o.firstMaxWidth ?? o.maxWidth) : o.maxWidth;
    if (word.width <= maxWidth) words.push(word);
    // One at a time: a word cut into 200,000 parts is too many to spread as arguments.
    else for (const part of fit(word, o, maxWidth)) words.push(part);
    cur = [];
  };
  const push = (runFace: FontFace, seg: string, level: number | undefined): void => {
    for (const { font, text } of fontRuns(seg, runFace, o.onMissing)) {
      const last = cur[cur.length - 1];
      if (last && last.font === font && last.face === runFace && last.level === level) last.text += text;
      else cur.push(level === undefined ? { face: runFace, font, text } : { face: runFace, font, text, level });
    }
  };
  // `at`: where `seg` starts in the paragraph's text, for its levels.
  const add = (runFace: FontFace, seg: string, at: number): void => {
    if (cur.length === 0) {
      curSpace = pendingSpace;
      curLevel = pendingLevel;
      pendingSpace = undefined;
      if (!levels && inPrimary(seg, runFace)) {
        cur.push({ face: runFace, font: primaryFont(runFace), text: seg });
        return;
      }
    }
    if (!levels) return push(runFace, seg, undefined);
    // Split where the level changes; bidi controls steered the levels and are not drawn.
    let from = 0;
    for (let i = 0; i <= seg.length; i++) {
      const control = i < seg.length && BIDI_CONTROLS.test(seg[i]!);
      if (i < seg.length && !control && (i === from || levels[at + i] === levels[at + from])) continue;
      if (i > from) push(runFace, seg.slice(from, i), levels[at + from]);
      from = control ? i + 1 : i;
    }
  };
  let at = 0;
  for (const run of runs) {
    const text = run.text;
    const splits = mayBreak(text);
    const parts = text.split(' ');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i > 0) {
        flush();
        // A space before the first word of the block is dropped.
        if (words.length > 0) {
          pendingSpace = run.face;
          pendingLevel = levels?.[at];
        }
        at += 1;
      }
      if (!splits || !mayBreak(part)) {
        if (part !== '') add(run.face, part, at);
        at += part.length;
        continue;
      }
      part.split(DASH_BREAK).forEach((dashed, j) => {
        dashed.split(CJK_BREAK).flatMap(spacelessParts).forEach((seg, k) => {
          if (seg !== '') {
            if (j > 0 || k > 0) flush();
            add(run.face, seg, at);
          }
          at += seg.length;
        });
      });
    }
  }
  flush();
  return { words, base: bidi?.base };
}
