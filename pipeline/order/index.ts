import type { Story, OrderKey } from '../model.js';

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

/**
 * Puts the stories in reading order and numbers them s1, s2, …
 * `manifest` follows the editor's list (unlisted stories follow, by title);
 * `title` sorts by title, locale-aware. The sort is stable, and ties fall
 * back to the file name, so the order never depends on the file system.
 */
export function orderStories(stories: Story[], order: OrderKey, language: string, manifest: string[] = []): Story[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  const byTitle = (a: Story, b: Story) =>
    collator.compare(sortKey(a.meta.displayTitle, language), sortKey(b.meta.displayTitle, language)) ||
    (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : 0);
  const rank = (s: Story) => {
    const i = manifest.findIndex((m) => matchesFile(s.source.file, m));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const sorted = [...stories].sort(order === 'manifest' ? (a, b) => rank(a) - rank(b) || byTitle(a, b) : byTitle);
  return sorted.map((s, i) => ({ ...s, id: `s${i + 1}` }));
}

/** Whether a story file is the one an anthology.yaml entry names (by path suffix, so "x.txt" matches "seeds/x.txt"). */
export function matchesFile(file: string, entry: string): boolean {
  const f = file.split('\\').join('/');
  const e = entry.split('\\').join('/').replace(/^\.\//u, '');
  return f === e || f.endsWith(`/${e}`);
}
