import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Where a word may be hyphenated: offsets (UTF-16) at which it may break, in increasing order. */
export type Hyphenator = (word: string) => readonly number[];

interface HyphenModule {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}

const SOFT = '\u00AD';
/** Shorter words are never broken. */
const MIN_WORD = 6;
/** Letters kept before and after a break, whatever the patterns allow. */
const MIN_BEFORE = 2;
const MIN_AFTER = 3;
/**
 * Languages whose patterns are no use for this book: `zh` in the `hyphen`
 * package hyphenates pinyin, not Chinese, and CJK text breaks between
 * characters anyway.
 */
const NONE = new Set(['zh', 'ja', 'ko']);

const loaded = new Map<string, HyphenModule | null>();

function patterns(tag: string): HyphenModule | null {
  let mod = loaded.get(tag);
  if (mod === undefined) {
    try {
      mod = require(`hyphen/${tag}`) as HyphenModule;
    } catch {
      mod = null;
    }
    loaded.set(tag, mod);
  }
  return mod;
}

/** Words that are not prose: numbers, addresses, all capitals, or anything with an inner separator. */
const NOT_PROSE = /[\p{N}@/\\_#]|^[^\p{Ll}]*$/u;

/**
 * The hyphenator for a BCP 47 language ("en", "en-GB", "de-CH-1901"), using
 * the `hyphen` package's patterns: the whole tag lower-cased if the package
 * has it, else its language subtag. Undefined for a language it lacks, which
 * is then set without hyphenation. Results are cached until `forget`.
 */
export function hyphenatorFor(language: string): Hyphenator | undefined {
  const tag = language.toLowerCase();
  const primary = tag.split('-')[0]!;
  if (NONE.has(primary) || !/^[a-z]{2,3}(?:-[a-z0-9]+)*$/.test(tag)) return undefined;
  const mod = patterns(tag) ?? patterns(primary);
  if (!mod) return undefined;
  const cache = new Map<string, readonly number[]>();
  const hyphenator = (word: string): readonly number[] => {
    let breaks = cache.get(word);
    if (breaks === undefined) {
      breaks = NOT_PROSE.test(word) || word.length < MIN_WORD ? [] : offsets(mod.hyphenateSync(word, { hyphenChar: SOFT, minWordLength: MIN_WORD }), word);
      // Bounded: a book's vocabulary is large but a story's is not; see `forget`.
      if (cache.size > 20_000) cache.clear();
      cache.set(word, breaks);
    }
    return breaks;
  };
  return hyphenator;
}

/** Break offsets in `word` from its hyphenated form, keeping enough letters on each side. */
function offsets(hyphenated: string, word: string): number[] {
  const out: number[] = [];
  let at = 0;
  for (const ch of hyphenated) {
    if (ch === SOFT) {
      const before = letters(word.slice(0, at));
      const after = letters(word.slice(at));
      if (before >= MIN_BEFORE && after >= MIN_AFTER && /\p{L}/u.test(word[at - 1] ?? '')) out.push(at);
    } else at += ch.length;
  }
  return out;
}

function letters(s: string): number {
  return s.match(/\p{L}/gu)?.length ?? 0;
}
