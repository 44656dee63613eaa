import { clusters } from './clusters.js';
import { makeWord, type Word, type WordOptions } from './measured.js';
import { cut, withHyphen } from './split.js';

/** Where a long URL or path may break: after a slash or other separator, before more text. */
const URL_BREAK = /(?<=[/?&=_.~#])(?=[\p{L}\p{N}])/u;

/**
 * The longest text (UTF-16 units) looked up in the patterns: the `hyphen`
 * package takes time that grows with the square of a word's length (400
 * letters 25 ms, 3,200 letters 0.4 s, 200,000 letters minutes), and longer
 * than this is no word a reader would want hyphenated (a run of letters, an
 * encoded blob), which is cut between letters.
 */
const MOST_TO_HYPHENATE = 160;

/**
 * Cuts a word wider than `maxWidth` into glued parts the line breaker can
 * pack. A word the language's patterns may hyphenate (`cutHyphenation`)
 * is cut at every hyphenation point, so that a line ending inside it ends
 * at one, with a hyphen (each such part carries `cut.hyphened`, which the
 * line breaker puts in its place where a line ends after it): a reader sees
 * one word going on, not two words. Any other word, and a part still too
 * wide, is cut first after URL separators, then into single graphemes,
 * with no hyphen. Small parts let a line fill up before the
 * break instead of leaving a loose line.
 */
export function fit(word: Word, o: WordOptions, maxWidth: number): Word[] {
  if (word.width <= maxWidth) return [word];
  const text = word.pieces.map((p) => p.text).join('');
  const breaks = (text.length <= MOST_TO_HYPHENATE && o.cutHyphenation?.(text)) || [];
  const space = { space: word.space, spaceFont: word.spaceFont, spaceLevel: word.spaceLevel };
  if (breaks.length === 0) {
    const parts = letterCut(word, o, maxWidth);
    parts[0] = { ...parts[0]!, ...space };
    return parts;
  }
  const parts: Word[] = [];
  let from = 0;
  let rest = word.pieces.map(({ width: _, encoded: _e, ...p }) => p);
  for (const at of [...breaks, Infinity]) {
    const [syllable, after] = at === Infinity ? [rest, []] : cut(rest, at - from);
    rest = after;
    from = at;
    const whole = makeWord(syllable, undefined, o);
    const hyphened = at === Infinity ? undefined : makeWord(withHyphen(syllable), undefined, o);
    // A part that fits with its hyphen stays whole; a wider one is cut as a word without patterns is,
    // and the hyphen goes after its last piece.
    const fits = (hyphened ?? whole).width <= maxWidth;
    const cuts = fits ? [whole] : letterCut(whole, o, maxWidth);
    if (hyphened) {
      const last = cuts[cuts.length - 1]!;
      cuts[cuts.length - 1] = { ...last, cut: { hyphened: fits ? hyphened : makeWord(withHyphen(last.pieces), undefined, o) } };
    }
    // Every part is marked cut, so that the line breaker does not hyphenate it again by its own text.
    for (const p of cuts) parts.push(p.cut ? p : { ...p, cut: {} });
  }
  // The first part keeps the space the whole word had before it, its hyphened form too.
  const first = parts[0]!;
  parts[0] = { ...first, ...space, cut: first.cut?.hyphened ? { hyphened: { ...first.cut.hyphened, ...space } } : {} };
  for (const part of parts) if (part.cut?.hyphened) part.cut.hyphened = { ...part.cut.hyphened, cut: {}, unhyphened: part };
  return parts;
}

/** Cuts a word after URL separators, then, where a part is still too wide, into single graphemes. */
function letterCut(word: Word, o: WordOptions, maxWidth: number): Word[] {
  const parts: Word[] = [];
  for (const piece of word.pieces) {
    for (const chunk of piece.text.split(URL_BREAK)) {
      const whole = makeWord([{ ...piece, text: chunk }], undefined, o);
      if (whole.width <= maxWidth) parts.push(whole);
      else for (const segment of clusters(chunk)) parts.push(makeWord([{ ...piece, text: segment }], undefined, o));
    }
  }
  return parts;
}
