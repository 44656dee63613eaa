/**
 * Line breaks in the scripts of South-East Asia that write no space between
 * words (Thai, Lao, Khmer, Myanmar). Where a line may break in them
 * depends on the language's words, which only a dictionary knows: ICU's, in
 * V8 (`Intl.Segmenter`), which finds them as Unicode's line breaking
 * algorithm does (UAX #14, class SA). Without it a paragraph of Thai is one
 * word, cut only where it overflows, in the middle of a word.
 */

/** Characters of those scripts (their Unicode blocks), as the ranges of a character class. */
export const SPACELESS_RANGES = String.raw`\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF`;
const SPACELESS = new RegExp(`[${SPACELESS_RANGES}]`);

/** Whether text has any character of those scripts (most text has none, and skips the segmenter). */
export function hasSpaceless(text: string): boolean {
  return SPACELESS.test(text);
}

/**
 * Opens a segment where a line may break: a consonant, an independent or a
 * leading vowel, or a digit of those scripts; never a vowel that follows its
 * consonant, a combining mark, or a sign that repeats or shortens the word
 * before it (Thai ๆ, ฯ).
 */
const STARTS = /^[\u0E01-\u0E2E\u0E40-\u0E44\u0E50-\u0E59\u0E81-\u0EAE\u0EC0-\u0EC4\u0ED0-\u0ED9\u0EDC-\u0EDF\u1000-\u102A\u103F-\u1049\u1780-\u17B3\u17E0-\u17E9]/;
/** Ends a segment after which a line may break: a character of those scripts, or closing punctuation (not a straight quote, which may open). */
const ENDS = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF)\]}»”’.,!?:;]$/;

let segmenter: Intl.Segmenter | undefined;

/**
 * Text without spaces cut where a line may break: between two words the
 * dictionary finds, where the second begins with a letter of those scripts
 * (never before punctuation, a repetition mark such as ๆ, or a combining
 * vowel or tone mark). Text without such characters comes back whole.
 */
export function spacelessParts(text: string): string[] {
  if (!hasSpaceless(text)) return [text];
  segmenter ??= new Intl.Segmenter('th', { granularity: 'word' });
  const parts: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const last = parts.length - 1;
    if (last >= 0 && !(STARTS.test(segment) && ENDS.test(parts[last]!))) parts[last] += segment;
    else parts.push(segment);
  }
  return parts;
}
