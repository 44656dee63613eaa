import { headerKey, type HeaderEntry } from './header.js';
import { headingLevel, splitFrontMatter } from './markdown.js';

/** A Markdown story made ready for the shared reader. */
export interface PreparedMarkdown {
  /** The text with front matter blanked out (line numbers unchanged), heading marks and quote marks removed. */
  text: string;
  /** Front-matter fields, as if they had been `Key: value` header lines. */
  entries: HeaderEntry[];
  /** Lines that Markdown marks as headings: chapter headings (or the title, when first). */
  headings: Set<number>;
  error?: string;
}

/**
 * Turns Markdown structure into the shapes the plain-text reader knows:
 * YAML front matter becomes header fields, `# Heading` lines become headings
 * (the first level-1 heading before any text is the title), and `> ` quote
 * marks are dropped. Emphasis is parsed later, paragraph by paragraph.
 */
export function prepareMarkdown(source: string): PreparedMarkdown {
  const fm = splitFrontMatter(source);
  const lines = source.split('\n');
  const entries: HeaderEntry[] = [];
  const frontLines = fm.data ? fm.bodyLine - 1 : 0;
  if (fm.data) {
    for (const [key, raw] of Object.entries(fm.data)) {
      const text = Array.isArray(raw) ? raw.map(String).join(', ') : raw instanceof Date ? raw.toISOString().slice(0, 10) : raw === null ? '' : String(raw);
      // Folded and block scalars end in a newline and may hold several: fields are one line here.
      const value = text.replace(/\s+/gu, ' ').trim();
      // YAML keys are usually lower case; shown as labels they read better capitalised.
      const label = key.charAt(0).toUpperCase() + key.slice(1);
      const k = headerKey(`${label}: ${value}`);
      const at = lines.findIndex((l, i) => i < frontLines && new RegExp(`^\\s*["']?${escapeRe(key)}["']?\\s*:`, 'u').test(l));
      const line = { text: `${label}: ${value}`, line: (at < 0 ? 0 : at) + 1, column: 1 };
      // Unknown keys are kept too, as details: nothing the author wrote is dropped.
      entries.push(k ? { ...k, lines: [line] } : { key: label, role: { detail: 'other' }, value, lines: [line] });
    }
  }
  const headings = new Set<number>();
  let sawText = false;
  const out = lines.map((l, i) => {
    if (i < frontLines) return '';
    const h = headingLevel(l);
    if (h) {
      // The first level-1 heading before any text is the title: leave it a plain line.
      if (!(h.level === 1 && !sawText)) headings.add(i + 1);
      return h.text;
    }
    if (l.trim()) sawText = true;
    return l.replace(/^\s{0,3}>\s?/u, '');
  });
  return { text: out.join('\n'), entries, headings, error: fm.error };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
