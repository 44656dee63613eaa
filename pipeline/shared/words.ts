import type { Story } from '../model.js';
import { classAt, OTHER, widthAt } from './chars.js';
import { plainText } from './inline.js';

/** Counts words: runs of letters/digits, apostrophes inside words included. */
export function wordCount(s: string): number {
  // The same as counting matches of /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/u, in one walk without a regular expression.
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i += widthAt(s, i)) {
    if (classAt(s, i) !== OTHER) {
      if (!inWord) n++;
      inWord = true;
    } else if (!(inWord && (s[i] === "'" || s[i] === '’') && i + 1 < s.length && classAt(s, i + 1) !== OTHER)) inWord = false;
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

