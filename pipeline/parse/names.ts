/**
 * Recognisers of authors' names: a by-line, a field of several names, and
 * whether a detected author looks like a name at all (never invent one
 * from a phrase).
 */
import { foldKey, FOREIGN_KEYS, KEY_LINE } from './labels.js';

/**
 * "By Name", "Written by Name": returns the names part. A by-line set in
 * emphasis as a whole or in its label ("*by Name*", "**By:** Name"), as
 * Markdown and plain-text writers do, is one too: the marks are the line's
 * styling, not part of the names. So is one in the languages whose header
 * keys are read (`labels.ts`): "par Name", "von Name", "por Name", "di
 * Name", or an author key ("Автор: Name", "Auteur : Name").
 */
export function byLine(s: string): string | null {
  const t = s.replace(EMPHASISED_LINE, '$2').replace(EMPHASISED_LABEL, '$2 ');
  // "by" must stand as a word: "Byron Smith" and "Bygones" are not by-lines.
  const m = /^(?:(?:written|story)\s+by(?:\s*:)?\s+|by\s*:\s*|by\s+|authors?\s*:\s*|(?:par|von|por|di)\s+)(\S.{0,80})$/iu.exec(t);
  const named = m?.[1] ?? foreignAuthorKey(t);
  if (named === undefined || !namesEnd(named) || named.split(/\s+/u).length > 6) return null;
  const names = named.trim();
  // "By the river", "By evening the wells were dry": a phrase, not a name.
  return splitAuthors(names).every(isNameLike) ? names : null;
}

/** A whole line in one pair of emphasis marks: `*…*`, `_…_`, `**…**`, `__…__`. */
const EMPHASISED_LINE = /^([*_]{1,2})(?![*_\s])(.+?)(?<![\s*_])\1$/u;
/** A by-line's label in emphasis: `**By:** Name`, `*Author:* Name`. */
const EMPHASISED_LABEL = /^([*_]{1,2})((?:written\s+by|story\s+by|by|authors?)\s*:?)\1\s+/iu;

/** Names end without sentence punctuation; a final full stop only after an initial or a suffix ("A. B.", "Jr."). */
export function namesEnd(s: string): boolean {
  if (/[!?,;:]$/u.test(s)) return false;
  return !s.endsWith('.') || /(?:^|[\s.])(?:\p{L}|jr|sr|esq|ph\.d|md)\.$/iu.test(s);
}

/** Name suffixes that follow a comma without starting a new name: "John Smith, Jr", "Bo Kim, PhD". */
const SUFFIX = '(?:jr|sr|ii|iii|iv|phd|ph\\.d|md|esq|dds)\\.?';
const SUFFIX_WORD = new RegExp(`^${SUFFIX}$`, 'iu');
const AUTHOR_SEP = new RegExp(`\\s*(?:,(?!\\s*${SUFFIX}\\s*(?:$|,|&|\\band\\b))|&|\\band\\b)\\s*`, 'iu');

/**
 * A value of invisible characters only (a zero-width space, a direction mark:
 * what an editor or a copied page leaves behind) is no value. Taken as one, a
 * title or an author was shown as nothing, and not reported as missing.
 */
export const INVISIBLE_ONLY = /^[\s\p{Cf}]*$/u;

/**
 * Splits an author field into names: "A and B", "A & B", "A, B"; a suffix stays with its name ("John Smith, Jr").
 * A name of invisible characters only (a zero-width space) is none: it would be credited as an empty name.
 */
export function splitAuthors(s: string): string[] {
  return s.split(AUTHOR_SEP).map((a) => a.trim()).filter((a) => !INVISIBLE_ONLY.test(a));
}

/** Words that open a phrase, never a name: articles, pronouns, conjunctions. */
const NOT_A_NAME_START = new Set(['the', 'a', 'an', 'my', 'me', 'you', 'your', 'him', 'her', 'his', 'us', 'them', 'their', 'our', 'it', 'its', 'i', 'we', 'they', 'he', 'she', 'this', 'that', 'these', 'those', 'and', 'or', 'but', 'then', 'so', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'from', 'no', 'not', 'all', 'some', 'what', 'who', 'when']);
/** Lower-case words that stand inside names: "Jan van der Berg", "Ibn al Haytham". */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'la', 'le', 'ten', 'ter', 'bin', 'ibn', 'al', 'el', 'y', 'zu', 'dos', 'das']);

/**
 * Whether a detected author looks like a name or a handle ("Ann Lee", "A. Writer",
 * "pennywhistle", "owl_at_midnight", "John Smith, Jr") rather than a phrase ("the Bell",
 * "Me", "Reviews are love"). Used before taking a by-line or signature as an author,
 * so an author is never invented from a title or a sentence.
 */
export function isNameLike(s: string): boolean {
  const words = s.replace(/,/gu, ' ').split(/\s+/u).filter(Boolean);
  if (!words.length || words.length > 5 || NOT_A_NAME_START.has(words[0]!.toLowerCase())) return false;
  // One word may be a lower-case handle; in several words a lower-case word that is
  // neither a particle nor a suffix ("are", "coming") makes a sentence.
  return words.length === 1 || words.every((w, i) => !/^\p{Ll}/u.test(w) || (i > 0 && (PARTICLES.has(w) || SUFFIX_WORD.test(w))));
}

/** The names after an author key of another language ("Автор: Name", "Autorin: Name"), if the line is one. */
function foreignAuthorKey(line: string): string | undefined {
  // The header's own key pattern; a value as long as an English by-line's may be (81 characters).
  const m = KEY_LINE.exec(line);
  const role = m && m[2]!.length > 0 && m[2]!.length <= 81 ? FOREIGN_KEYS.get(foldKey(m[1]!)) : undefined;
  return role && 'meta' in role && role.meta === 'authors' ? m![2] : undefined;
}
