import { headerKey, headerValue, type HeaderEntry } from './header.js';
import { decodeReferences } from './entities.js';
import { headingLevel, splitFrontMatter } from './markdown.js';
import { splitAuthors } from './names.js';

/** A front-matter key given again: where, and where it was first given. */
export interface RepeatedKey {
  key: string;
  line: number;
  column: number;
  first: number;
}

/** A Markdown story made ready for the shared reader. */
export interface PreparedMarkdown {
  /** The text with front matter blanked out (line numbers unchanged), heading marks and quote marks removed. */
  text: string;
  /** Front-matter fields, as if they had been `Key: value` header lines. */
  entries: HeaderEntry[];
  /** Front-matter keys given more than once; every value is kept, these are reported. */
  repeated: RepeatedKey[];
  /** Lines that Markdown marks as headings: chapter headings (or the title, when first). */
  headings: Set<number>;
  error?: string;
}

/**
 * Turns Markdown structure into the shapes the plain-text reader knows:
 * YAML front matter becomes header fields, `# Heading` lines become headings
 * (the first level-1 heading before any text is the title), `> ` quote
 * marks are dropped, and character references (`&mdash;`) become their characters. Emphasis is parsed later, paragraph by paragraph.
 *
 * Front-matter values are the text the author wrote (see `splitFrontMatter`).
 * A key given twice keeps both values: all authors are credited, in order;
 * a second title is kept as a note labelled with its key; any other field
 * (a summary, a detail) appears once per value. Each repeat is listed in
 * `repeated`, to be reported at its line.
 */
export function prepareMarkdown(source: string): PreparedMarkdown {
  const fm = splitFrontMatter(source);
  const lines = source.split('\n');
  const entries: HeaderEntry[] = [];
  const repeated: RepeatedKey[] = [];
  const frontLines = fm.fields ? fm.bodyLine - 1 : 0;
  const firstLine = new Map<string, number>();
  let authors: HeaderEntry | undefined;
  let titled = false;
  for (const f of fm.fields ?? []) {
    // Folded and block scalars end in a newline and may hold several: fields are one line here.
    const one = (s: string) => headerValue(s.replace(/\s+/gu, ' '));
    const value = one(f.value);
    // YAML keys are usually lower case; shown as labels they read better capitalised.
    const label = f.key.charAt(0).toUpperCase() + f.key.slice(1);
    const first = firstLine.get(f.key);
    if (first === undefined) firstLine.set(f.key, f.line);
    else repeated.push({ key: f.key, line: f.line, column: f.column, first });
    // The role comes from the key alone; the value is never re-read as a header line.
    const known = label.includes(':') ? null : headerKey(`${label}:`);
    const line = { text: `${label}: ${value}`, line: f.line, column: f.column };
    if (known && 'meta' in known.role && known.role.meta === 'authors') {
      // A list names one author an item; a plain value is read as a by-line ("A and B").
      const names = f.items ? f.items.map(one).filter(Boolean) : splitAuthors(value);
      if (!authors) {
        authors = { key: label, role: known.role, value: names.join(', '), items: names, lines: [line] };
        entries.push(authors);
      } else {
        // Every author key is kept: a second `author:` credits a second author.
        for (const n of names) if (!authors.items!.includes(n)) authors.items!.push(n);
        authors.value = authors.items!.join(', ');
        authors.lines.push(line);
      }
      continue;
    }
    if (known && 'meta' in known.role && known.role.meta === 'title') {
      // Only the first title names the story; a later one is kept, as a note.
      if (titled) {
        entries.push({ key: label, role: { note: 'note' }, value, lines: [line] });
        continue;
      }
      if (value) titled = true;
    }
    // Unknown keys are kept too, as details: nothing the author wrote is dropped.
    entries.push(known ? { key: label, role: known.role, value, lines: [line] } : { key: label, role: { detail: 'other' }, value, lines: [line] });
  }
  const headings = new Set<number>();
  let sawText = false;
  const out = lines.map((l, i) => {
    if (i < frontLines) return '';
    const h = headingLevel(l);
    if (h) {
      // The first level-1 heading before any text is the title: leave it a plain line.
      if (!(h.level === 1 && !sawText)) headings.add(i + 1);
      return decodeReferences(h.text);
    }
    if (l.trim()) sawText = true;
    return decodeReferences(l.replace(/^\s{0,3}>\s?/u, ''));
  });
  return { text: out.join('\n'), entries, repeated, headings, error: fm.error };
}
