import type { Block, Chapter, Inline, Note, Paragraph, Story } from '../model.js';
import { authorLine, byline, labelsFor, noteLabel, permissionSentence, repeatsSeriesNote, rightsSentence, type LabelSet } from '../shared/labels.js';
import { plainText } from '../shared/inline.js';
import { isLanguageTag } from './lang.js';
import { blockDir, storyDirection, type Dir } from './direction.js';

/*
 * View models: the plain data the templates see. Every optional model field
 * becomes an explicit null (or empty list) because the templates run in
 * strict mode, where a missing key is an error rather than an empty string.
 * Strings here are raw text; escaping is the templates' job (`{{ }}`).
 */

/** Inline content as the `inlines` partial walks it. */
export type InlineView = { kind: 'text'; text: string } | { kind: 'em' | 'strong'; children: InlineView[] };

/**
 * A paragraph as the `paragraphs` partial renders it. `dir` is the
 * direction it is marked with (see {@link blockDir}), null for none; every
 * element of story text below carries one the same way.
 */
export interface ParagraphView {
  dir: Dir | null;
  inlines: InlineView[];
}

/** A block as the `blocks` partial renders it. */
export type BlockView =
  | { kind: 'paragraph'; dir: Dir | null; inlines: InlineView[] }
  | { kind: 'sceneBreak' }
  | { kind: 'epigraph'; lines: ParagraphView[]; attribution: InlineView[] | null; attributionDash: boolean; attributionDir: Dir | null }
  | { kind: 'endMarker'; dir: Dir | null; text: string }
  | { kind: 'authorNote'; dir: Dir | null; label: string; inlines: InlineView[] };

/** A note: its heading (`dir` is the heading's) and paragraphs. */
export interface NoteView {
  label: string;
  dir: Dir | null;
  paragraphs: ParagraphView[];
}

/** One chapter; `headingId` is the anchor the contents link to, `dir` the heading's direction. */
export interface ChapterView {
  heading: InlineView[] | null;
  headingId: string | null;
  dir: Dir | null;
  blocks: BlockView[];
}

/** One story, with the names of the files it is rendered into. */
export interface StoryView {
  id: string;
  /** The story's language: its documents are in it. The book's when the story's tag is malformed. */
  lang: string;
  /** The story's writing direction, from its text ({@link storyDirection}); its documents' root says `rtl`. */
  dir: Dir;
  displayTitle: string;
  /** The title's direction (on the attribution page, the colophon and the subtitle's line), null for none. */
  titleDir: Dir | null;
  subtitle: string | null;
  subtitleDir: Dir | null;
  authorLine: string;
  authorCount: number;
  /** The attribution page's and the colophon's byline: the book's word for "by" (where its language has one) and the authors, or "Author unknown". */
  byline: string;
  /** The colophon's sentence saying whose the story is. */
  rightsLine: string;
  /** The colophon's line on the permission the editor recorded (or that none was). */
  permissionLine: string;
  untitledLabel: string | null;
  series: string | null;
  /** Header fields (rating, fandom, …) as label and value. */
  details: { label: string; value: string }[];
  front: NoteView[];
  chapters: ChapterView[];
  end: NoteView[];
  signature: { name: string; date: string | null; dir: Dir | null } | null;
  /** The author's rights notes, repeated in the colophon. */
  rights: NoteView[];
  files: { attribution: string; story: string; notes: string | null };
}

/** Characters XML 1.0 cannot carry at all, not even as references. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * A quick test that passes nearly all text: no control character, no
 * U+FFFE/FFFF and no surrogate (a valid pair is checked by NOT_XML). Without
 * the `u` flag it runs several times faster over a book's worth of text.
 */
const MAYBE_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text safe to place in XML once escaped: characters XML forbids become U+FFFD. */
export function xmlText(s: string): string {
  return MAYBE_NOT_XML.test(s) ? s.replace(NOT_XML, '\uFFFD') : s;
}

/** Inline content for the templates. */
export function inlineView(inlines: readonly Inline[]): InlineView[] {
  return inlines.map((i) =>
    i.kind === 'text' ? { kind: 'text', text: xmlText(i.text) } : { kind: i.kind, children: inlineView(i.children) },
  );
}

/** Whether a paragraph has any visible text; blank ones would become empty <p>s, which readers show as stray gaps. */
const hasText = (text: string): boolean => text.trim() !== '';

/** A paragraph's view, or null for a blank one; its text is joined once, for both questions. */
function paragraphView(p: Pick<Paragraph, 'inlines'>, dir: Dir): ParagraphView | null {
  const text = plainText(p.inlines);
  return hasText(text) ? { dir: blockDir(text, dir), inlines: inlineView(p.inlines) } : null;
}

const paragraphs = (ps: readonly Paragraph[], dir: Dir): ParagraphView[] => ps.map((p) => paragraphView(p, dir)).filter((v): v is ParagraphView => v !== null);

function blockView(b: Block, dir: Dir): BlockView | null {
  switch (b.kind) {
    case 'paragraph': {
      const view = paragraphView(b, dir);
      return view && { kind: 'paragraph', ...view };
    }
    case 'sceneBreak':
      // The glyph the author typed is not shown: the book uses one scene-break style throughout.
      return { kind: 'sceneBreak' };
    case 'epigraph':
      return {
        kind: 'epigraph',
        lines: paragraphs(b.lines, dir),
        attribution: b.attribution ? inlineView(b.attribution) : null,
        attributionDash: !b.undashed,
        attributionDir: b.attribution ? blockDir(plainText(b.attribution), dir) : null,
      };
    case 'endMarker':
      return { kind: 'endMarker', dir: blockDir(b.text, dir), text: xmlText(b.text) };
    case 'authorNote':
      return { kind: 'authorNote', dir: blockDir(`${b.label}: ${plainText(b.inlines)}`, dir), label: xmlText(b.label), inlines: inlineView(b.inlines) };
  }
}

const blockViews = (bs: readonly Block[], dir: Dir): BlockView[] => bs.map((b) => blockView(b, dir)).filter((b): b is BlockView => b !== null);

/** A note's heading: the label without the colon that ends it in running text ("Author's Notes:"). */
function noteView(n: Note, dir: Dir, labels: LabelSet): NoteView {
  const label = noteLabel(n, labels).replace(/\s*:\s*$/, '');
  return { label: xmlText(label), dir: blockDir(label, dir), paragraphs: paragraphs(n.blocks, dir) };
}

/** The text of a story's chapters, block by block: what its direction is read from. */
function* storyTexts(s: Story): Generator<string> {
  for (const c of s.chapters) {
    for (const b of c.blocks) {
      if (b.kind === 'paragraph' || b.kind === 'authorNote') yield plainText(b.inlines);
      else if (b.kind === 'epigraph') for (const l of b.lines) yield plainText(l.inlines);
    }
  }
}

/** Anchor of a chapter heading inside the story file. */
export const chapterAnchor = (story: Story, index: number): string => `${story.id}-c${index + 1}`;

function chapterView(story: Story, c: Chapter, index: number, dir: Dir): ChapterView {
  return {
    heading: c.heading ? inlineView(c.heading) : null,
    headingId: c.heading ? chapterAnchor(story, index) : null,
    dir: c.heading ? blockDir(plainText(c.heading), dir) : null,
    blocks: blockViews(c.blocks, dir),
  };
}

/** Whether a story gets a notes file after it. */
export const hasEndMatter = (s: Story): boolean => s.end.length > 0 || s.signature !== undefined;

/** The view of one story in a book whose language is `bookLang` (and whose words are in it). */
export function storyView(s: Story, bookLang: string): StoryView {
  const m = s.meta;
  const labels = labelsFor(bookLang);
  // The series statement repeats the author's own series note when it has the very same words; show
  // it once. One that says something else (the editor's correction) is shown, as the PDF shows it.
  const seriesNote = repeatsSeriesNote(s.front, m.series?.statement);
  const dir = storyDirection(storyTexts(s));
  return {
    id: s.id,
    // A malformed tag is never written: the story then takes the book's language.
    lang: isLanguageTag(m.language) ? m.language : bookLang,
    dir,
    displayTitle: xmlText(m.displayTitle),
    titleDir: blockDir(m.displayTitle, dir),
    subtitle: m.subtitle ? xmlText(m.subtitle) : null,
    subtitleDir: m.subtitle ? blockDir(m.subtitle, dir) : null,
    authorLine: xmlText(authorLine(m, labels)),
    authorCount: m.authors.length,
    byline: xmlText(byline(m, labels)),
    rightsLine: xmlText(rightsSentence(m, labels)),
    permissionLine: xmlText(permissionSentence(m, labels)),
    untitledLabel: m.title === null ? labels.untitled : null,
    series: m.series && !seriesNote ? xmlText(m.series.statement) : null,
    details: m.details.map((d) => ({ label: xmlText(d.label), value: xmlText(d.value) })),
    front: s.front.map((n) => noteView(n, dir, labels)),
    chapters: s.chapters.map((c, i) => chapterView(s, c, i, dir)),
    end: s.end.map((n) => noteView(n, dir, labels)),
    signature: s.signature
      ? { name: xmlText(s.signature.name), date: s.signature.date ? xmlText(s.signature.date) : null, dir: blockDir(s.signature.name, dir) }
      : null,
    rights: s.front.concat(s.end).filter((n) => n.kind === 'rights').map((n) => noteView(n, dir, labels)),
    files: {
      attribution: `${s.id}-attribution.xhtml`,
      story: `${s.id}-story.xhtml`,
      notes: hasEndMatter(s) ? `${s.id}-notes.xhtml` : null,
    },
  };
}

/** A chapter as the contents and the colophon see it: its heading, not its text. */
export type ChapterHead = Omit<ChapterView, 'blocks'>;

/** What the contents and the colophon see of a story: its view without its chapters' text, which goes once its pages are made. */
export type StoryHead = Omit<StoryView, 'chapters'> & { chapters: ChapterHead[] };

/** The part of a story's view kept for the contents and the colophon. */
export function storyHead(s: StoryView): StoryHead {
  return { ...s, chapters: s.chapters.map(({ blocks: _, ...c }) => c) };
}

/** An entry of the contents (nav and NCX): plain text only, as both formats want. */
export interface TocEntry {
  label: string;
  href: string;
  /** NCX navPoint id and playOrder. */
  id: string;
  order: number;
  children: TocEntry[];
}

/** The label of a story in the contents: "Title — Author". */
export const tocLabel = (s: Pick<StoryView, 'displayTitle' | 'authorLine'>): string => `${s.displayTitle} — ${s.authorLine}`;

/** The contents: each story ("title — author"), its headed chapters, then the colophon. */
export function tocEntries(stories: readonly StoryHead[], colophon: { label: string; href: string }): TocEntry[] {
  let order = 0;
  const entry = (label: string, href: string): TocEntry => {
    order += 1;
    return { label, href, id: `np-${order}`, order, children: [] };
  };
  const out: TocEntry[] = [];
  for (const s of stories) {
    const top = entry(tocLabel(s), s.files.attribution);
    for (const c of s.chapters) {
      // Headings keep their emphasis in the story; the nav and the NCX take plain text.
      if (c.heading && c.headingId) top.children.push(entry(plainText(c.heading), `${s.files.story}#${c.headingId}`));
    }
    out.push(top);
  }
  out.push(entry(colophon.label, colophon.href));
  return out;
}
