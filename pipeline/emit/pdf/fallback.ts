import { IS_MARK } from './directed.js';
import { emojiFont, fontChain, isRtlFont, loadFont, type FontFace, type FontKey } from './fonts.js';
import { clusters } from './clusters.js';

/** A stretch of text drawn in one font of the chain. */
export interface FontRun {
  font: FontKey;
  text: string;
}

/** Called with each character (grapheme cluster) that no font of the chain can draw. */
export type OnMissing = (cluster: string) => void;

/** Variation selectors: text (FE0E) or emoji (FE0F) presentation of the character before. */
const SELECTORS = /[\uFE0E\uFE0F]/g;

/**
 * Index in the face's chain of the first font with a glyph for a code point,
 * or -1. Kept per face for the whole process: the answer never changes and
 * there are at most a few thousand distinct characters in any book.
 */
const covered = new Map<FontFace, Map<number, number>>();

/** Per face, for each BMP code unit: 0 not looked up yet, 1 in the primary font, 2 not. */
const primaryBmp = new Map<FontFace, Uint8Array>();

function fontIndex(face: FontFace, cp: number): number {
  let byCp = covered.get(face);
  if (!byCp) covered.set(face, (byCp = new Map()));
  return indexIn(face, byCp, cp);
}

function indexIn(face: FontFace, byCp: Map<number, number>, cp: number): number {
  let i = byCp.get(cp);
  if (i === undefined) {
    i = fontChain(face).findIndex((key) => loadFont(key)?.hasGlyphForCodePoint(cp) ?? false);
    byCp.set(cp, i);
  }
  return i;
}

function has(key: FontKey, cps: readonly number[]): boolean {
  const font = loadFont(key);
  return font !== null && cps.every((cp) => font.hasGlyphForCodePoint(cp));
}

/** The font for one grapheme cluster, or undefined when no font of the chain has its base character. */
function clusterFont(face: FontFace, cluster: string): FontKey | undefined {
  const cps = [...cluster.replace(SELECTORS, '')].map((c) => c.codePointAt(0)!);
  if (cps.length === 0) return undefined;
  const chain = fontChain(face);
  // An emoji selector asks for the emoji font when it has the character.
  if (cluster.includes('\uFE0F') && has(emojiFont(), cps.slice(0, 1))) return emojiFont();
  const whole = chain.find((key) => has(key, cps));
  if (whole) return whole;
  const base = fontIndex(face, cps[0]!);
  return base < 0 ? undefined : chain[base];
}

/** Whether the face's primary font (Literata) draws every character of `text`: the common case, answered by table lookups. */
export function inPrimary(text: string, face: FontFace): boolean {
  let bmp = primaryBmp.get(face);
  if (!bmp) primaryBmp.set(face, (bmp = new Uint8Array(0x10000)));
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) {
      let known = bmp[unit]!;
      if (known === 0) bmp[unit] = known = fontIndex(face, unit) === 0 ? 1 : 2;
      if (known === 1) continue;
      return false;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (fontIndex(face, cp) !== 0) return false;
  }
  return true;
}

/**
 * Splits text into runs by glyph coverage: each grapheme cluster goes to the
 * first font of the face's chain that can draw it whole (pdfkit has no font
 * fallback of its own and would draw empty boxes). Text that Literata covers,
 * nearly all of it, takes a fast path without segmenting. A cluster no font
 * has is left out, never drawn as a box, and passed to `onMissing`.
 */
export function fontRuns(text: string, face: FontFace, onMissing?: OnMissing): FontRun[] {
  const primary = fontChain(face)[0]!;
  if (inPrimary(text, face)) return text === '' ? [] : [{ font: primary, text }];
  return rtlRuns(text, face) ?? clusterRuns(text, face, onMissing);
}

/** `fontRuns` the long way, one grapheme cluster at a time: what every faster path must agree with. */
export function clusterRuns(text: string, face: FontFace, onMissing?: OnMissing): FontRun[] {
  const runs: FontRun[] = [];
  for (const segment of clusters(text)) {
    const font = clusterFont(face, segment);
    const drawn = segment.replace(SELECTORS, '');
    if (font === undefined) {
      if (drawn !== '') onMissing?.(segment);
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += drawn;
    else runs.push({ font, text: drawn });
  }
  return runs;
}

/** Per face, for each BMP code unit: 0 not looked up yet, else its font index + 2, plus MARK if it is a combining mark. */
const bmpInfo = new Map<FontFace, Uint16Array>();
const MARK = 0x100;
/**
 * Characters that join the next one into a cluster (Prepend: Arabic number
 * signs and the like) and variation selectors, which the cluster-by-cluster
 * path handles.
 */
const CLUSTERING = /[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\uFE00-\uFE0F]/u;

/**
 * The runs of text set in the primary font and one right-to-left font
 * (a Hebrew or Arabic word with Latin punctuation or digits), found from
 * each character's font without segmenting into grapheme clusters, which
 * made most of the time of a book in Hebrew. It gives the same runs as the
 * cluster-by-cluster path: every cluster here is a letter and the marks
 * after it, and a mark is only allowed in the font of its letter, which
 * then is the first to have the whole cluster. Undefined where that does
 * not hold (astral characters, Prepend characters, selectors, a third font,
 * a character no font has).
 */
function rtlRuns(text: string, face: FontFace): FontRun[] | undefined {
  if (CLUSTERING.test(text)) return undefined;
  const chain = fontChain(face);
  let table = bmpInfo.get(face);
  if (!table) bmpInfo.set(face, (table = new Uint16Array(0x10000)));
  const runs: FontRun[] = [];
  let other = -1;
  let current = -1;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) return undefined;
    let info = table[unit]!;
    if (info === 0) table[unit] = info = (fontIndex(face, unit) + 2) | (IS_MARK.test(text[i]!) ? MARK : 0);
    const index = (info & 0xff) - 2;
    if (index < 0) return undefined;
    if (index > 0 && index !== other) {
      if (other !== -1 || !isRtlFont(chain[index]!)) return undefined;
      other = index;
    }
    if (index === current) continue;
    if (info & MARK) return undefined; // a mark in another font than its letter's
    if (i > start) runs.push({ font: chain[current]!, text: text.slice(start, i) });
    current = index;
    start = i;
  }
  if (text.length > start) runs.push({ font: chain[current]!, text: text.slice(start) });
  return runs;
}
