// Names Windows refuses for a file, whatever the extension.
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/iu;

/**
 * The most a slug holds, in characters and in UTF-8 bytes. Linux and macOS
 * allow 255 bytes a name, and the book is first written as
 * `<slug>.epub.<pid>.tmp`; an encrypted home folder (eCryptfs) allows 143.
 */
const MAX_CHARS = 80;
const MAX_BYTES = 120;

/** Latin letters with no accent to take off, as they are written in ASCII. */
const LATIN: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * One character of a (lower-case) title as a slug has it: a Latin letter
 * without its accents (é → e, ß → ss) and a compatibility form as its plain
 * one (ﬁ → fi, ² → 2), as file names have long been written; a letter,
 * digit or mark of another script as it is (ν, ж, 夜, א, ि), since keeping
 * ASCII only left nothing of a Greek or Japanese title, and every such book
 * was `anthology.epub`; an invisible format character nothing; anything
 * else a hyphen. `after` is the slug so far:
 * a mark goes only on a letter kept as it is.
 */
function slugChar(c: string, after: string): string {
  const plain = LATIN[c] ?? c.normalize('NFKD').replace(/\p{M}/gu, '');
  if (/^[a-z0-9]+$/u.test(plain)) return plain;
  if (/\p{M}/u.test(c)) return /[^-a-z0-9]$/u.test(after) ? c : '';
  // Invisible joiners and direction marks are inside a word, not between two.
  if (/\p{Cf}/u.test(c)) return '';
  return /[\p{L}\p{N}]/u.test(c) ? c : '-';
}

/**
 * A file-name slug of a title that is safe on every OS: lower-case letters
 * and digits of any script (Latin ones in ASCII) and hyphens, at most 80
 * UTF-16 units and 120 UTF-8 bytes, never empty, never a reserved device
 * name, never a path: no separator, dot, space, control or format character.
 * A title with no letter or digit is named by its code points.
 */
export function slugify(title: string): string {
  let s = '';
  for (const c of title.normalize('NFC').toLowerCase()) {
    const next = slugChar(c, s);
    if (next === '-' && (s === '' || s.endsWith('-'))) continue;
    if (s.length + next.length > MAX_CHARS || Buffer.byteLength(s + next) > MAX_BYTES) break;
    s += next;
  }
  s = s.replace(/-+$/u, '');
  if (!s) return codePoints(title);
  return RESERVED.test(s) ? `${s}-book` : s;
}

/**
 * The name of a title with no letter or digit ("🌙 ✨", "?!"): "anthology"
 * and the code points of its visible characters in hex ("anthology-1f319-2728").
 * Plain "anthology" for all of them made two such books built into one
 * folder overwrite each other; the code points keep them apart, and are
 * the same on every build.
 */
function codePoints(title: string): string {
  let s = 'anthology';
  for (const c of title.normalize('NFC').replace(/[\s\p{Cf}]/gu, '')) {
    const next = `-${c.codePointAt(0)!.toString(16)}`;
    if (s.length + next.length > MAX_CHARS) break;
    s += next;
  }
  return s;
}
