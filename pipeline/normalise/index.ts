import type { Messages } from '../diagnostics/index.js';
import type { Block, Inline, Note, Paragraph, Story } from '../model.js';
import { quotesFor, typeset, type Beside } from './typography.js';
import { cappedSink, checkParagraph, checkQuotes } from './checks.js';
import { storyWords } from '../shared/words.js';

/**
 * Normalises typography everywhere text is shown (story, notes, titles) and
 * reports suspected typos in the story text. Words are never changed.
 */
export function normaliseStory(story: Story, messages: Messages, opts: { typography?: 'smart' | 'off' } = {}): Story {
  const counts: Record<string, number> = {};
  const sink = cappedSink(messages, story.source.file);
  // `typography: off` in anthology.yaml keeps punctuation exactly as typed.
  // Straight double quotes become the story's language's quotes (“…” in English, «…» in Russian, „…“ in German).
  const quotes = quotesFor(story.meta.language);
  const t = opts.typography === 'off' ? (s: string) => s : (s: string, beside?: Beside) => typeset(s, counts, beside, quotes);
  const inl = (xs: Inline[]): Inline[] => (xs.length === 1 && xs[0]!.kind === 'text' ? [{ ...xs[0]!, text: t(xs[0]!.text) }] : besideMarks(xs, t));
  const para = (p: Paragraph): Paragraph => ({ ...p, inlines: inl(p.inlines) });
  // A note's label is the author's words too, shown as its heading: typeset, or "AUTHOR'S NOTE" stood over "I don’t…".
  const note = (n: Note): Note => ({ ...n, ...(n.label === undefined ? {} : { label: t(n.label) }), blocks: n.blocks.map(para) });
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'paragraph':
        checkParagraph(b, sink);
        return para(b);
      case 'epigraph':
        return { ...b, lines: b.lines.map(para), attribution: b.attribution && inl(b.attribution) };
      // A note inside the text is shown as the notes around the story are: typeset, not checked for typos.
      case 'authorNote':
        return { ...b, label: t(b.label), inlines: inl(b.inlines) };
      default:
        return b;
    }
  };
  const meta = { ...story.meta };
  // The shown title is the title when there is one: typeset (and count) it once.
  if (meta.title !== null && meta.displayTitle === meta.title) meta.displayTitle = meta.title = t(meta.title);
  else {
    if (meta.title !== null) meta.title = t(meta.title);
    meta.displayTitle = t(meta.displayTitle);
  }
  if (meta.subtitle) meta.subtitle = t(meta.subtitle);
  // The series name is a title too: the EPUB's collection and the PDF's keywords show it, beside the statement.
  if (meta.series) meta.series = { ...meta.series, name: t(meta.series.name), statement: t(meta.series.statement) };
  // Header details and the editor's permission are shown on the pages beside the typeset notes: set alike. A source is an
  // address (the EPUB's dc:source), which a rule would change ("--" in a path), so it stays as written.
  meta.details = meta.details.map((d) => (d.key === 'source' ? d : { ...d, label: t(d.label), value: t(d.value) }));
  if (meta.permission) meta.permission = t(meta.permission);
  const chapters = story.chapters.map((c) => ({ ...c, heading: c.heading && inl(c.heading), blocks: c.blocks.map(block) }));
  for (const c of chapters) checkQuotes(c.blocks, sink);
  sink.flush();
  return {
    ...story,
    meta,
    front: story.front.map(note),
    chapters,
    end: story.end.map(note),
    typography: counts,
    // Typography never joins or splits a word, so the count is the same before and after it.
    words: storyWords({ chapters }),
    chapterCount: chapters.length,
  };
}

/**
 * Typesets the pieces of a paragraph that emphasis splits, each told the
 * text on either side of it: alone, the quote in 'He said "' before `*run*`
 * had nothing after it and was set as a closing quote.
 */
function besideMarks(xs: Inline[], t: (s: string, beside?: Beside) => string): Inline[] {
  const texts: string[] = [];
  const collect = (ys: Inline[]): void => ys.forEach((y) => (y.kind === 'text' ? texts.push(y.text) : collect(y.children)));
  collect(xs);
  // Each piece's neighbours: the nearest text on either side that is not empty.
  const prev: string[] = [];
  for (let i = 0, last = ''; i < texts.length; i++) [prev[i], last] = [last, texts[i] || last];
  const next: string[] = [];
  for (let i = texts.length - 1, first = ''; i >= 0; i--) [next[i], first] = [first, texts[i] || first];
  let i = 0;
  const set = (ys: Inline[]): Inline[] => ys.map((y) => {
    if (y.kind !== 'text') return { ...y, children: set(y.children) };
    const k = i++;
    return { ...y, text: t(y.text, { before: prev[k]!, after: next[k]! }) };
  });
  return set(xs);
}
