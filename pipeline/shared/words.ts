import type { Story } from '../model.js';
import { classAt, OTHER, widthAt } from './chars.js';
import { plainText } from './inline.js';

/**
 * Characters that continue a word they stand in without being letters:
 * combining marks (the vowel signs and viramas of Devanagari, Tamil and the
 * other Indic scripts, an accent with no precomposed letter) and the soft
 * hyphen and (non-)joiners. As breaks, they made "हिन्दी" three words.
 */
const IN_WORD_RE = /^[\p{M}\u00AD\u200C\u200D]$/u;
// 0: not looked up yet, 1: no, 2: yes. Astral characters are looked up each time.
const inWordTable = new Uint8Array(0x10000);

/** Whether the character at `i` continues a word (see IN_WORD_RE). */
function inWordAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xad) return false;
  if (c >= 0xd800 && c <= 0xdbff) return IN_WORD_RE.test(String.fromCodePoint(s.codePointAt(i)!));
  let k = inWordTable[c]!;
  if (k === 0) k = inWordTable[c] = IN_WORD_RE.test(s[i]!) ? 2 : 1;
  return k === 2;
}

/** Counts words: runs of letters/digits, marks and apostrophes inside words included. */
export function wordCount(s: string): number {
  // The same as counting matches of /W(?:['’]W)*/u, W being [\p{L}\p{N}][\p{L}\p{N}\p{M}\u00AD\u200C\u200D]*,
  // in one walk without a regular expression.
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i += widthAt(s, i)) {
    if (classAt(s, i) !== OTHER) {
      if (!inWord) n++;
      inWord = true;
    } else if (inWord && inWordAt(s, i)) continue;
    else if (!(inWord && (s[i] === "'" || s[i] === '’') && i + 1 < s.length && classAt(s, i + 1) !== OTHER)) inWord = false;
  }
  return n;
}

/** Counts the words of a story's text (epigraph included, notes not); counted once, by `normalise` (`Story.words`). */
export function storyWords(s: Pick<Story, 'chapters' | 'words'>): number {
  if (s.words !== undefined) return s.words;
  let n = 0;
  for (const c of s.chapters) {
    if (c.heading) n += wordCount(plainText(c.heading));
    for (const b of c.blocks) {
      if (b.kind === 'paragraph') n += wordCount(plainText(b.inlines));
      else if (b.kind === 'epigraph') n += b.lines.reduce((k, p) => k + wordCount(plainText(p.inlines)), 0);
    }
  }
  return n;
}

