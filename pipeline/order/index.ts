import type { Story, OrderKey } from '../model.js';
import { storyWords } from '../shared/words.js';
import { parseDateUTC } from '../shared/dates.js';
import { withChanges } from '../shared/spill.js';

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
 * `title` sorts by title and `author` by first author, locale-aware and
 * ignoring leading articles; `date` oldest first; `series` groups a series
 * with its parts in part order; `words` shortest first. Stories without the
 * key come last. Ties fall back to the title, then the file name, so the
 * order never depends on the file system.
 */
export function orderStories(stories: Story[], order: OrderKey, language: string, manifest: string[] = []): Story[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  const text = (a: string, b: string) => collator.compare(sortKey(a, language), sortKey(b, language));
  const byTitle = (a: Story, b: Story) => text(a.meta.displayTitle, b.meta.displayTitle) || (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : 0);
  // Counted once a story, not at every comparison (a spilled story's text is read back to count it).
  const counts = new Map<Story, number>(order === 'words' ? stories.map((s) => [s, storyWords(s)]) : []);
  const words = (s: Story): number => counts.get(s)!;
  const rank = (s: Story) => {
    const i = manifest.findIndex((m) => matchesFile(s.source.file, m));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const keyed: Record<OrderKey, (a: Story, b: Story) => number> = {
    manifest: (a, b) => rank(a) - rank(b),
    title: () => 0,
    author: (a, b) => (a.meta.authors.length && b.meta.authors.length ? collator.compare(a.meta.authors[0]!, b.meta.authors[0]!) : b.meta.authors.length - a.meta.authors.length),
    date: (a, b) => lastIfMissing(storyTime(a), storyTime(b)),
    series: (a, b) => {
      const [x, y] = [a.meta.series, b.meta.series];
      if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1);
      return text(x.name, y.name) || lastIfMissing(x.position, y.position);
    },
    words: (a, b) => words(a) - words(b),
  };
  const sorted = [...stories].sort((a, b) => keyed[order](a, b) || byTitle(a, b));
  // Not `{ ...s }`: that would read spilled chapters back into every copy.
  return sorted.map((s, i) => withChanges(s, { id: `s${i + 1}` }));
}

/** Whether a story file is the one an anthology.yaml entry names (by path suffix, so "x.txt" matches "seeds/x.txt"). */
export function matchesFile(file: string, entry: string): boolean {
  const f = file.split('\\').join('/');
  const e = entry.split('\\').join('/').replace(/^\.\//u, '');
  return f === e || f.endsWith(`/${e}`);
}
