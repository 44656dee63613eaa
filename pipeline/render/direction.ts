import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';

/*
 * Writing direction for the XHTML. A reading system lays a paragraph out
 * left to right unless told otherwise, so Hebrew or Arabic text was set
 * left-aligned, indented on the wrong side, with its closing punctuation at
 * the wrong end. The direction is read from the text itself, as the Unicode
 * bidirectional algorithm does (its first strong character, rules P2–P3,
 * the rule the PDF follows too), never guessed from a language tag: a
 * story's tag may be missing or the book's.
 */
// bidi-js is a UMD bundle whose module.exports is the factory; its types call it a default export.
const bidi = (createRequire(import.meta.url)('bidi-js') as () => Bidi)();

/** A writing direction, as the `dir` attribute takes it. */
export type Dir = 'ltr' | 'rtl';

const ISOLATE_START = new Set(['LRI', 'RLI', 'FSI']);

/** The direction of `text`'s first strong character outside isolates (UAX #9 P2), or null when it has none (digits, punctuation). */
export function textDirection(text: string): Dir | null {
  let isolates = 0;
  for (const ch of text) {
    const type = bidi.getBidiCharTypeName(ch);
    if (ISOLATE_START.has(type)) isolates += 1;
    else if (type === 'PDI') isolates = Math.max(0, isolates - 1);
    else if (isolates > 0) continue;
    else if (type === 'L') return 'ltr';
    else if (type === 'R' || type === 'AL') return 'rtl';
  }
  return null;
}

/**
 * The direction of a story: right to left when more of its paragraphs
 * (counted by their first strong character) are right to left than left to
 * right. Its documents carry it on their root element.
 */
export function storyDirection(texts: Iterable<string>): Dir {
  let balance = 0;
  for (const t of texts) {
    const d = textDirection(t);
    if (d !== null) balance += d === 'rtl' ? 1 : -1;
  }
  return balance > 0 ? 'rtl' : 'ltr';
}

/**
 * The `dir` a block of a story in direction `story` is written with, or
 * null for none. A right-to-left block always says so; in a right-to-left
 * story a left-to-right block says so too. Every block whose direction is
 * not the default is marked, so it stays right wherever it is shown: in its
 * story's documents, or (a rights note, a title) in the book's own
 * left-to-right pages.
 */
export function blockDir(text: string, story: Dir): Dir | null {
  const own = textDirection(text);
  return own === 'rtl' || (own === 'ltr' && story === 'rtl') ? own : null;
}
