/**
 * Character classes for scanners that run over every character of a book
 * (word counts, typo checks). A Unicode-property regular expression per
 * word was the single largest cost of a million-word build; a lookup table
 * filled on first use costs one array read per character.
 */

/** Not a letter or digit. */
export const OTHER = 1;
/** A letter (`\p{L}`). */
export const LETTER = 2;
/** A digit (`\p{N}`). */
export const DIGIT = 3;

const LETTER_RE = /^\p{L}$/u;
const DIGIT_RE = /^\p{N}$/u;
// 0: not looked up yet. Astral characters are rare in stories and are looked up each time.
const table = new Uint8Array(0x10000);

function lookup(ch: string): number {
  return LETTER_RE.test(ch) ? LETTER : DIGIT_RE.test(ch) ? DIGIT : OTHER;
}

/**
 * The class of the character at `i` (a whole code point: a surrogate pair
 * counts as one character of width 2, see {@link widthAt}).
 */
export function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122 ? LETTER : c >= 48 && c <= 57 ? DIGIT : OTHER;
  if (pairAt(text, i)) return lookup(String.fromCodePoint(text.codePointAt(i)!));
  let k = table[c]!;
  if (k === 0) k = table[c] = lookup(text[i]!);
  return k;
}

/** How many code units the character at `i` takes (2 for a surrogate pair). */
export function widthAt(text: string, i: number): number {
  return pairAt(text, i) ? 2 : 1;
}

/** Whether a surrogate pair starts at `i` (a lone surrogate is one character of its own). */
function pairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** Whether the character at `i` is white space (`\s`). */
export function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 128) return false;
  return /\s/u.test(text[i]!);
}
