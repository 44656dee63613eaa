import type { Story } from '../model.js';
import { plainText } from './inline.js';

/** Counts words: runs of letters/digits, apostrophes inside words included. */
export function wordCount(s: string): number {
  return s.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Counts the words of a story's text (epigraph included, notes not). */
export function storyWords(s: Story): number {
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

