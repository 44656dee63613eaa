/**
 * How well text reads as words, for telling which encoding a file was
 * written in (see `legacy.ts`): the words of a right reading are each in
 * one script, in the case patterns words have, with the vowels their
 * languages have; a wrong one gives words of accents, symbols among
 * letters, capitals inside words, or letters of no language.
 */

/**
 * How well text reads: the share of its words beyond ASCII that look like
 * words of one script, how many such words there were, and how many
 * characters beyond ASCII (letters and their marks) those that look like
 * words hold.
 */
export function readingScore(text: string): { value: number; words: number; letters: number } {
  let words = 0;
  let good = 0;
  let letters = 0;
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (ASCII_ONLY.test(word)) continue;
    words++;
    if (!plausible(word)) continue;
    good++;
    for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 0x80) letters++;
  }
  // Characters no letter stands for (undefined bytes, controls) count against a reading.
  const junk = (text.match(JUNK) ?? []).length;
  const value = words + junk === 0 ? 0 : good / (words + junk);
  return { value: value * (readsLikeProse(eachOf(text)) ? 1 : 0.3), words, letters };
}

/**
 * Vowels of the alphabets whose letters another encoding's bytes often
 * read as, and the share of a text's letters they make: Russian, Ukrainian
 * or Bulgarian about 0.43, Greek about 0.45. Hebrew read as Windows-1251
 * is words of small Cyrillic letters too, but with 0.21 of them vowels;
 * read as KOI8-R, words of capitals.
 */
const VOWELS: readonly { from: number; to: number; vowels: string; range: [number, number] }[] = [
  { from: 0x0400, to: 0x04ff, vowels: 'аеёиоуыэюяіїє', range: [0.33, 0.55] },
  { from: 0x0370, to: 0x03ff, vowels: 'αεηιουωάέήίόύώϊϋΐΰ', range: [0.33, 0.6] },
];

/** Per alphabet above, per code point from its first: 0 no cased letter, else LOWER or UPPER, with VOWEL. */
const LOWER = 1;
const UPPER = 2;
const VOWEL = 4;
const KINDS = VOWELS.map(({ from, to, vowels }) =>
  Uint8Array.from({ length: to - from + 1 }, (_, i) => {
    const c = String.fromCharCode(from + i);
    const lower = c.toLowerCase();
    if (lower === c.toUpperCase()) return 0; // a mark or sign, not a letter with a case
    return (lower === c ? LOWER : UPPER) | (vowels.includes(lower) ? VOWEL : 0);
  }),
);

/** Each character of a text, once (see `readsLikeProse`). */
const eachOf =
  (text: string) =>
  (visit: (code: number, n: number) => void): void => {
    for (let i = 0; i < text.length; i++) visit(text.charCodeAt(i), 1);
  };

/**
 * Whether a text in one of those alphabets has the share of vowels its
 * languages have, and is not mostly capitals. `each` gives its characters
 * (code units), each with how many times it occurs.
 */
export function readsLikeProse(each: (visit: (code: number, n: number) => void) => void): boolean {
  const tally = VOWELS.map(() => [0, 0, 0]); // letters, vowels, capitals
  each((code, n) => {
    VOWELS.forEach(({ from, to }, k) => {
      if (code < from || code > to) return;
      const kind = KINDS[k]![code - from]!;
      if (kind === 0) return;
      const t = tally[k]!;
      t[0]! += n;
      if (kind & VOWEL) t[1]! += n;
      if (kind & UPPER) t[2]! += n;
    });
  });
  // Only a reading that is mostly one of these alphabets is judged by it.
  return VOWELS.every(({ range }, k) => {
    const [letters, vowels, upper] = tally[k] as [number, number, number];
    return letters < 20 || (vowels / letters >= range[0] && vowels / letters <= range[1] && upper / letters <= 0.5);
  });
}

/**
 * A word: letters and marks, with any symbols or numbers between them (a
 * letter misread may be one: Polish "ł" read as Windows-1252 is "³"), but
 * not punctuation ("don’t" is two words here, "well—then" too) or ASCII.
 */
const WORD = /[\p{L}\p{M}](?:[^\s\p{P}\x21-\x40\x5B-\x60\x7B-\x7E]*[\p{L}\p{M}])?/gu;
const ASCII_ONLY = /^[A-Za-z]+$/;
const JUNK = /[\u0080-\u009F\uFFFD]/g;

/**
 * Whether a word looks like a word: letters of one script only (ASCII
 * letters count as Latin), no symbol among them, a case pattern words have
 * (lower, Capitalised or UPPER), and, for Latin, at least one letter of
 * ASCII in a word of three or more (a Western word is never all accents).
 */
function plausible(word: string): boolean {
  const script = oneScript(word);
  if (script === null) return false;
  if (script.latin && word.length >= 3 && !/[A-Za-z]/.test(word)) return false;
  // Greek and Hebrew write some letters in a final form, only ever at the end of a word.
  if (FINAL_INSIDE.test(word)) return false;
  const letters = word.replace(/\p{M}/gu, '');
  return letters === letters.toLowerCase() || letters === letters.toUpperCase() || letters.slice(1) === letters.slice(1).toLowerCase();
}

const FINAL_INSIDE = /[ςךםןףץ]\p{L}/u;

/** Scripts a word's first letter may start, by code point range, each with the test that the whole word is in it. */
const SCRIPT_RANGES: readonly [from: number, to: number, test: RegExp][] = [
  [0x0041, 0x024f, /^[\p{Script=Latin}\p{M}]+$/u],
  [0x0370, 0x03ff, /^[\p{Script=Greek}\p{M}]+$/u],
  [0x0400, 0x052f, /^[\p{Script=Cyrillic}\p{M}]+$/u],
  [0x0590, 0x05ff, /^[\p{Script=Hebrew}\p{M}]+$/u],
  [0x0600, 0x06ff, /^[\p{Script=Arabic}\p{M}]+$/u],
  [0x0e00, 0x0e7f, /^[\p{Script=Thai}\p{M}]+$/u],
  [0x1e00, 0x1eff, /^[\p{Script=Latin}\p{M}]+$/u],
  // Chinese and Japanese words mix Han, kana and the prolonged sound mark (ー, of no one script).
  [0x3040, 0x9fff, /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{M}\u30FC]+$/u],
  [0xac00, 0xd7a3, /^[\p{Script=Hangul}\p{M}]+$/u],
];

/** Whether a word's letters are all of one script (the script of its first), and that one the first letter's block says. */
function oneScript(word: string): { latin: boolean } | null {
  const code = word.codePointAt(0)!;
  for (const [from, to, test] of SCRIPT_RANGES) {
    if (code < from || code > to) continue;
    return test.test(word) ? { latin: test === SCRIPT_RANGES[0]![2] || test === SCRIPT_RANGES[6]![2] } : null;
  }
  return null;
}
