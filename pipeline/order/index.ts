import type { Story, OrderKey } from '../model.js';
import { storyWords } from '../shared/words.js';
import { parseDateUTC } from '../shared/dates.js';
import { withChanges } from '../shared/spill.js';
import { fileAs } from '../shared/names.js';

const ARTICLES: Record<string, RegExp> = {
  en: /^(?:the|a|an)\s+/iu,
  fr: /^(?:le|la|les|l['’]|un|une)\s*/iu,
  de: /^(?:der|die|das|ein|eine)\s+/iu,
  es: /^(?:el|la|los|las|un|una)\s+/iu,
};

/** The key a title sorts by: leading quotes, punctuation and articles ("The", "A", "An") ignored. */
export function sortKey(title: string, language: string): string {
  const base = language.split('-')[0]!.toLowerCase();
  const stripped = title.replace(/^[^\p{L}\p{N}]+/u, '');
  return stripped.replace(ARTICLES[base] ?? ARTICLES.en!, '');
}

/** A date the story carries (signature date, or a Published/Updated field), as a time; undefined when none parses. */
function storyTime(s: Story): number | undefined {
  const candidates = [s.meta.date, ...s.meta.details.filter((d) => d.key === 'published' || d.key === 'updated').map((d) => d.value)];
  for (const c of candidates) {
    const t = c ? parseDateUTC(c) : NaN;
    if (!Number.isNaN(t)) return t;
  }
  return undefined;
}

/** Orders undefined last, whatever the direction of the rest. */
const lastIfMissing = (a: number | undefined, b: number | undefined) => (a === undefined ? (b === undefined ? 0 : 1) : b === undefined ? -1 : a - b);

/**
 * Puts the stories in reading order and numbers them s1, s2, …
 * `manifest` follows the editor's list (unlisted stories follow, by title);
 * `title` sorts by title and `author` by first author (by surname where
 * the name looks like a personal one, as `file-as`), locale-aware, titles
 * ignoring leading articles; `date` oldest first; `series` groups a series
 * with its parts in part order; `words` shortest first. Stories without the
 * key come last. Ties fall back to the title, then the file name, so the
 * order never depends on the file system.
 */
export function orderStories(stories: Story[], order: OrderKey, language: string, manifest: ReadonlyMap<string, number> = new Map()): Story[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  // What each story sorts by, taken once a story: a big book's metadata is read back from disk a
  // story at a time, and comparisons would read it back again and again.
  // Each listed file's place in the manifest (load.ts matches anthology.yaml's entries to the files).
  const rankOf = order !== 'manifest' ? () => -1 : (file: string) => manifest.get(file) ?? -1;
  const facts = stories.map((s) => factsOf(s, order, language, rankOf));
  const byTitle = (a: Facts, b: Facts) => collator.compare(a.title, b.title) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const keyed: Record<OrderKey, (a: Facts, b: Facts) => number> = {
    manifest: (a, b) => a.rank - b.rank,
    title: () => 0,
    author: (a, b) => (a.author !== undefined && b.author !== undefined ? collator.compare(a.author, b.author) : (b.author === undefined ? 0 : 1) - (a.author === undefined ? 0 : 1)),
    date: (a, b) => lastIfMissing(a.time, b.time),
    series: (a, b) => {
      const [x, y] = [a.series, b.series];
      if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1);
      return collator.compare(x.name, y.name) || lastIfMissing(x.position, y.position);
    },
    words: (a, b) => a.words - b.words,
  };
  const sorted = facts.map((_, i) => i).sort((i, j) => keyed[order](facts[i]!, facts[j]!) || byTitle(facts[i]!, facts[j]!));
  // Not `{ ...s }`: that would read spilled chapters back into every copy.
  return sorted.map((i, k) => withChanges(stories[i]!, { id: `s${k + 1}` }));
}

/** What a story sorts by: its title's and series' sort keys, its file, first author, date, words and place in the manifest. */
interface Facts {
  title: string;
  file: string;
  author?: string | undefined;
  time?: number | undefined;
  series?: { name: string; position?: number | undefined } | undefined;
  words: number;
  rank: number;
}

function factsOf(s: Story, order: OrderKey, language: string, rankOf: (file: string) => number): Facts {
  const { meta, source } = s;
  const i = order === 'manifest' ? rankOf(source.file) : -1;
  return {
    title: sortKey(meta.displayTitle, language),
    file: source.file,
    // By surname where the name looks like a personal one ("Ada Quill" under Q), as the EPUB files it.
    author: meta.authors[0] === undefined ? undefined : fileAs(meta.authors[0]),
    time: order === 'date' ? storyTime(s) : undefined,
    series: meta.series ? { name: sortKey(meta.series.name, language), position: meta.series.position } : undefined,
    // Counted only when needed (a spilled story's text is read back to count it).
    words: order === 'words' ? storyWords(s) : 0,
    rank: i < 0 ? Number.MAX_SAFE_INTEGER : i,
  };
}
