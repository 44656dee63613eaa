import type { Messages } from '../diagnostics/index.js';
import type { SourceText, Story, StoryMeta } from '../model.js';
import { plainText } from '../shared/inline.js';
import { readBody } from './body.js';
import { readFront, takeEntries } from './front.js';
import { prepareMarkdown } from './source-markdown.js';
import { stripEdgeZeroWidth } from './invisible.js';
import { withEmphasis } from './emphasis.js';
import { paragraphOf, posOf, splitBlocks } from './lines.js';
import { parseSeries } from './headings.js';
import { splitAuthors } from './names.js';
import { languageTag } from './patterns.js';
import { addressReason, takeAddresses } from './addresses.js';
import { readTail, stripNavigation } from './tail.js';

/** How many opening words name an untitled story. */
const OPENING_WORDS = 7;

/**
 * Parses one decoded story file into the model: header lines, title, part
 * line and by-line, notes before the story, epigraph, body with chapters and
 * scene breaks, end notes, signature; navigation lines are removed and listed.
 * Language is filled in from the anthology (a story header may say otherwise).
 */
export function parseStory(src: SourceText, messages: Messages, language = 'en'): Story {
  const file = src.file;
  // Before anything reads a line: a zero-width space in front of "Title:" or "* * *" hid what the line is.
  const edges = stripEdgeZeroWidth(src.text);
  if (edges.first) messages.add('input/zero-width', `${file}: removed ${edges.count} zero-width character(s) (${edges.kinds.join(', ')}) at the start or end of lines, where they hide header lines, headings and scene breaks; the first at line ${edges.first.line}`, { file, ...edges.first });
  const text = edges.text;
  const md = /\.(?:md|markdown)$/iu.test(file) ? prepareMarkdown(text) : null;
  if (md?.error) messages.add('input/front-matter', `${file}: the YAML front matter cannot be read (${md.error}); it is kept as text`, { file, line: 1, column: 1 });
  for (const r of md?.repeated ?? []) {
    messages.add('input/front-matter-duplicate', `${file}: the front matter gives "${r.key}" again (first at line ${r.first}); both values are kept`, { file, line: r.line, column: r.column });
  }
  const { blocks, removed } = stripNavigation(file, splitBlocks(md?.text ?? text));
  const front = readFront(file, blocks);
  if (md) {
    // Front matter stands before everything else in the file, and its fields are explicit.
    const fm: Pick<typeof front, 'entries' | 'notes' | 'details'> = { entries: [], notes: [], details: [] };
    takeEntries(file, md.entries, fm);
    front.entries.unshift(...fm.entries);
    front.notes.unshift(...fm.notes);
    front.details.unshift(...fm.details);
  }

  const meta: StoryMeta = { title: null, displayTitle: '', authors: [], language, details: front.details, provenance: {} };
  // A story's own "Language:" field is more specific than the anthology's language.
  const own = front.details.find((d) => d.key === 'language');
  if (own && languageTag(own.value)) meta.language = languageTag(own.value)!;
  // Explicit header fields first; the title and by-lines found in the text fill what they leave open.
  for (const e of front.entries) {
    const pos = posOf(file, e.lines[0]!);
    if (!('meta' in e.role) || !e.value) continue;
    if (e.role.meta === 'title' && meta.title === null) [meta.title, meta.provenance.title] = [e.value, pos];
    if (e.role.meta === 'authors' && !meta.authors.length) [meta.authors, meta.provenance.authors] = [e.items ? [...e.items] : splitAuthors(e.value), pos];
  }
  const series = front.notes.find((n) => n.kind === 'series');
  if (series) [meta.series, meta.provenance.series] = [{ ...parseSeries(plainText(series.blocks[0]!.inlines)), statement: plainText(series.blocks[0]!.inlines) }, series.pos];
  if (front.title && meta.title === null) [meta.title, meta.provenance.title] = [front.title.text, posOf(file, front.title)];
  // A `Title:` or `Author:` header wins; a different line detected as title or by-line is kept as a note, never dropped.
  for (const l of [front.title?.text !== meta.title ? front.title : undefined, front.byline && meta.provenance.authors && 'line' in meta.provenance.authors && meta.provenance.authors.line !== front.byline.line.line ? front.byline.line : undefined]) {
    if (l) front.notes.push({ kind: 'note', blocks: [paragraphOf(file, [l])], pos: posOf(file, l) });
  }
  if (front.subtitle) [meta.subtitle, meta.provenance.subtitle] = [front.subtitle.text, posOf(file, front.subtitle)];
  if (front.byline && !meta.authors.length) [meta.authors, meta.provenance.authors] = [splitAuthors(front.byline.names), posOf(file, front.byline.line)];
  // The header or by-line is shown only as the names it gives: an address taken out of them is listed as removed, at its line.
  const named = meta.provenance.authors;
  if (named && 'line' in named) {
    const { names, addresses } = takeAddresses(meta.authors);
    meta.authors = names;
    for (const a of addresses) removed.push({ text: a, reason: addressReason(a), pos: named });
  }

  const tail = readTail(file, front.body, 0);
  if (tail.signature) {
    // The signature is shown as signed; the author it names is the name without an address beside it.
    if (!meta.authors.length) [meta.authors, meta.provenance.authors] = [takeAddresses([tail.signature.name]).names, tail.signature.pos];
    if (tail.signature.date) [meta.date, meta.provenance.date] = [tail.signature.date, tail.signature.pos];
  }
  const { chapters, removed: dropped } = readBody(file, tail.blocks.slice(0, tail.bodyEnd), { markdown: md !== null, headings: md?.headings });
  removed.push(...front.removed, ...dropped);
  removed.sort((a, b) => a.pos.line - b.pos.line);
  for (const r of removed) messages.add('struct/removed-line', `Removed ${r.reason} "${r.text}"`, r.pos);
  if (front.epigraph) chapters[0]!.blocks.unshift(front.epigraph);

  meta.displayTitle = meta.title ?? openingWords(chapters);
  // Missing titles and authors are reported after the metadata cascade, where anthology.yaml may supply them.
  if (meta.title === null) meta.provenance.title = { source: 'opening-words' };

  const story: Story = {
    id: '',
    source: { file, encoding: src.encoding, sha256: src.sha256, bytes: src.bytes },
    meta,
    front: front.notes,
    chapters,
    end: tail.end,
    signature: tail.signature,
    removed,
    typography: {},
  };
  return md ? withEmphasis(story) : story;
}

/** The first words of the story text, for an untitled story (the convention for untitled works). */
function openingWords(chapters: Story['chapters']): string {
  for (const c of chapters) {
    for (const b of c.blocks) {
      if (b.kind !== 'paragraph') continue;
      const words = plainText(b.inlines).split(/\s+/u).filter(Boolean);
      const head = words.slice(0, OPENING_WORDS).join(' ').replace(/[\s,;:.!?]+$/u, '');
      return words.length > OPENING_WORDS ? `${head}…` : head;
    }
  }
  return 'Untitled';
}
