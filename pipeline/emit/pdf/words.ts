import type { Inline } from '../../model.js';
import { fontRuns, inPrimary, type OnMissing } from './fallback.js';
import { BoundedCache } from './cache.js';
import { drawableText, faceFor, isBold, isItalic, primaryFont, type FontFace, type FontKey } from './fonts.js';

/** Width of `text` set in a font at `size` points. */
export type Measure = (font: FontKey, size: number, text: string) => number;

/** A stretch of one word in one font. */
export interface Piece {
  /** The face the author's emphasis asked for. */
  face: FontFace;
  /** The font that draws it: the face's Literata, or a fallback for characters Literata lacks. */
  font: FontKey;
  text: string;
  width: number;
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
  /** Set on the first part of a hyphenated word: its last piece is the drawn hyphen. */
  hyphenated?: boolean;
  /** On both parts of a hyphenated word: the word before it was split, to undo the split. */
  whole?: Word;
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
 * Allowed break in text without spaces (Chinese, Japanese): between two
 * ideographs or kana, after closing punctuation, before opening brackets;
 * never before closing punctuation or the prolonged-sound mark.
 */
const CJK_BREAK = /(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}、。，．！？」』）])(?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}「『（])/u;

/** How to build words: size, measuring, the widest a word may be, and where to report undrawable characters. */
export interface WordOptions {
  size: number;
  measure: Measure;
  maxWidth: number;
  onMissing?: OnMissing;
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

/**
 * Whether DASH_BREAK or CJK_BREAK might match: only with a dash, or with a
 * character from U+3000 on (CJK, kana, full-width brackets). Most words
 * have neither and skip both splits.
 */
function mayBreak(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2d || c === 0x2010 || c === 0x2013 || c === 0x2014 || (c >= 0x3000 && (c < 0xd800 || c > 0xdfff))) return true;
    if (c >= 0xd800 && c <= 0xdbff) return true; // astral: Han extensions among others
  }
  return false;
}

/**
 * Splits inline content into measured words. Words wider than `maxWidth`
 * (URLs, long runs of text without spaces) are cut into glued parts so that
 * no line overflows.
 */
export function wordsOf(inlines: readonly Inline[], face: FontFace, o: WordOptions): Word[] {
  const words: Word[] = [];
  let cur: Omit<Piece, 'width'>[] = [];
  let curSpace: FontFace | undefined;
  let pendingSpace: FontFace | undefined;
  const flush = (): void => {
    if (cur.length === 0) return;
    const word = makeWord(cur, curSpace, o);
    if (word.width <= o.maxWidth) words.push(word);
    else words.push(...fit(word, o));
    cur = [];
  };
  const add = (runFace: FontFace, seg: string): void => {
    if (cur.length === 0) {
      curSpace = pendingSpace;
      pendingSpace = undefined;
      if (inPrimary(seg, runFace)) {
        cur.push({ face: runFace, font: primaryFont(runFace), text: seg });
        return;
      }
    }
    for (const { font, text } of fontRuns(seg, runFace, o.onMissing)) {
      const last = cur[cur.length - 1];
      if (last && last.font === font && last.face === runFace) last.text += text;
      else cur.push({ face: runFace, font, text });
    }
  };
  for (const run of runsOf(inlines, face)) {
    const text = drawableText(run.text).replace(WHITE, ' ');
    const splits = mayBreak(text);
    const parts = text.split(' ');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i > 0) {
        flush();
        // A space before the first word of the block is dropped.
        if (words.length > 0) pendingSpace = run.face;
      }
      if (!splits || !mayBreak(part)) {
        if (part !== '') add(run.face, part);
        continue;
      }
      part.split(DASH_BREAK).forEach((dashed, j) => {
        dashed.split(CJK_BREAK).forEach((seg, k) => {
          if (seg === '') return;
          if (j > 0 || k > 0) flush();
          add(run.face, seg);
        });
      });
    }
  }
  flush();
  return words;
}

/** A word from pieces; `spaceFace` is the face of the space before it, if any. */
export function makeWord(pieces: Omit<Piece, 'width'>[], spaceFace: FontFace | undefined, o: Pick<WordOptions, 'size' | 'measure' | 'known'>): Word {
  const one = pieces.length === 1 ? pieces[0]! : undefined;
  const known = one && o.known && one.font === primaryFont(one.face) ? o.known.words[one.face] : undefined;
  let measured = known?.get(one!.text);
  let width = 0;
  if (measured) width = measured[0]!.width;
  else {
    measured = [];
    for (const p of pieces) {
      const w = o.measure(p.font, o.size, p.text);
      measured.push({ face: p.face, font: p.font, text: p.text, width: w });
      width += w;
    }
    // Shared by every word with this text: words and their pieces are never changed once made.
    known?.set(one!.text, measured);
  }
  const spaceFont = primaryFont(spaceFace ?? measured[0]!.face);
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

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Where a long URL or path may break: after a slash or other separator, before more text. */
const URL_BREAK = /(?<=[/?&=_.~#])(?=[\p{L}\p{N}])/u;

/**
 * Cuts a word wider than `maxWidth` into glued parts the line breaker can
 * pack: first after URL separators, then, where a part is still too wide,
 * into single graphemes. Small parts let a line fill up before the break
 * instead of leaving a loose line.
 */
function fit(word: Word, o: WordOptions): Word[] {
  if (word.width <= o.maxWidth) return [word];
  const parts: Word[] = [];
  for (const piece of word.pieces) {
    for (const chunk of piece.text.split(URL_BREAK)) {
      const whole = makeWord([{ ...piece, text: chunk }], undefined, o);
      if (whole.width <= o.maxWidth) parts.push(whole);
      else for (const { segment } of graphemes.segment(chunk)) parts.push(makeWord([{ ...piece, text: segment }], undefined, o));
    }
  }
  // The first part keeps the space the whole word had before it.
  parts[0] = { ...parts[0]!, space: word.space, spaceFont: word.spaceFont };
  return parts;
}

/**
 * Splits a word at a hyphenation point so that its first part, with a drawn
 * hyphen, fits in `avail` (the room left on the line, before the word's own
 * space): the last such point, so the line is as full as it can be. The
 * hyphen is a real one (U+002D), set in the face of the letter before it.
 */
export function hyphenSplit(word: Word, avail: number, breaks: readonly number[], o: Pick<WordOptions, 'size' | 'measure'>): [Word, Word] | undefined {
  for (let b = breaks.length - 1; b >= 0; b--) {
    const [head, tail] = cut(word.pieces, breaks[b]!);
    const last = head[head.length - 1]!;
    const font = primaryFont(last.face);
    if (last.font === font) head[head.length - 1] = { ...last, text: `${last.text}-` };
    else head.push({ face: last.face, font, text: '-' });
    const first: Word = { ...makeWord(head, undefined, o), space: word.space, spaceFont: word.spaceFont, hyphenated: true, whole: word };
    if (word.space + first.width <= avail + 0.01) return [first, { ...makeWord(tail, undefined, o), whole: word }];
  }
  return undefined;
}

/** The pieces before and after a UTF-16 offset into the word's text. */
function cut(pieces: readonly Piece[], at: number): [Omit<Piece, 'width'>[], Omit<Piece, 'width'>[]] {
  const head: Omit<Piece, 'width'>[] = [];
  const tail: Omit<Piece, 'width'>[] = [];
  let pos = 0;
  for (const { width: _, ...p } of pieces) {
    const end = pos + p.text.length;
    if (end <= at) head.push(p);
    else if (pos >= at) tail.push(p);
    else {
      head.push({ ...p, text: p.text.slice(0, at - pos) });
      tail.push({ ...p, text: p.text.slice(at - pos) });
    }
    pos = end;
  }
  return [head, tail];
}
