import type { Messages } from '../diagnostics/index.js';
import type { Note, SourceText, Story, StoryMeta } from '../model.js';
import { plainText } from '../shared/inline.js';
import { readBody } from './body.js';
import { readFront } from './front.js';
import { headerNote, readHeader } from './header.js';
import { posOf, splitBlocks } from './lines.js';
import { parseSeries, splitAuthors } from './patterns.js';
import { readTail, stripNavigation } from './tail.js';

/** How many opening words name an untitled story. */
const OPENING_WORDS = 7;

/**
 * Parses one decoded story file into the model: header lines, title, part
 * line and by-line, notes before the story, epigraph, body with scene breaks,
 * end notes, signature; navigation lines are removed and listed.
 * Language is filled in later from the anthology (a story header may say otherwise).
 */
export function parseStory(src: SourceText, messages: Messages, language = 'en'): Story {
  const file = src.file;
  const { blocks, removed } = stripNavigation(file, splitBlocks(src.text));
  for (const r of removed) messages.add('struct/removed-line', `Removed navigation line "${r.text}"`, r.pos);

  const header = readHeader(blocks);
  const front: Note[] = [];
  const meta: StoryMeta = { title: null, displayTitle: '', authors: [], language, details: [], provenance: {} };
  for (const e of header.entries) {
    const pos = posOf(file, e.lines[0]!);
    if ('meta' in e.role) {
      if (e.role.meta === 'title') [meta.title, meta.provenance.title] = [e.value, pos];
      else [meta.authors, meta.provenance.authors] = [splitAuthors(e.value), pos];
      continue;
    }
    front.push(headerNote(file, e, e.role.note));
    if (e.role.note === 'series') [meta.series, meta.provenance.series] = [{ ...parseSeries(e.value), statement: e.value }, pos];
  }

  const head = readFront(file, blocks, header.used);
  front.push(...head.notes);
  if (head.title && meta.title === null) [meta.title, meta.provenance.title] = [head.title.text, posOf(file, head.title)];
  if (head.subtitle) [meta.subtitle, meta.provenance.subtitle] = [head.subtitle.text, posOf(file, head.subtitle)];
  if (head.byline && !meta.authors.length) [meta.authors, meta.provenance.authors] = [splitAuthors(head.byline.names), posOf(file, head.byline.line)];

  const tail = readTail(file, blocks, head.bodyStart);
  if (tail.signature) {
    if (!meta.authors.length) [meta.authors, meta.provenance.authors] = [[tail.signature.name], tail.signature.pos];
    if (tail.signature.date) [meta.date, meta.provenance.date] = [tail.signature.date, tail.signature.pos];
  }
  const chapters = readBody(file, blocks.slice(head.bodyStart, tail.bodyEnd));
  if (head.epigraph) chapters[0]!.blocks.unshift(head.epigraph);

  meta.displayTitle = meta.title ?? openingWords(chapters);
  // Missing titles and authors are reported after the metadata cascade, where anthology.yaml may supply them.
  if (meta.title === null) meta.provenance.title = { source: 'opening-words' };

  return {
    id: '',
    source: { file, encoding: src.encoding, sha256: src.sha256, bytes: src.bytes },
    meta,
    front,
    chapters,
    end: tail.end,
    signature: tail.signature,
    removed,
    typography: {},
  };
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
