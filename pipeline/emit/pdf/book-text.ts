import type { Anthology, AnthologyMeta, Inline, SourcePos, Story } from '../../model.js';

/**
 * Called with each text of a book as the PDF shows it, and where it came
 * from: `pos` the line (and column) it starts at in the story's file, when
 * known; `inText` whether `pos` is where the text itself starts (a
 * paragraph's), so that a character's column can be counted from it, rather
 * than where its line or key starts (a header's `Title: …`).
 */
export type VisitText = (inlines: readonly Inline[], pos: SourcePos | undefined, inText: boolean) => void;

const text = (t: string): Inline[] => [{ kind: 'text', text: t }];

/** The book's own text the PDF shows: its title, subtitle, editor and publisher. */
export function metaTexts(meta: AnthologyMeta, visit: VisitText): void {
  for (const t of [meta.title, meta.subtitle, meta.editor, meta.publisher]) if (t) visit(text(t), undefined, false);
}

/**
 * A story's text as the PDF shows it, in the order it is set: attribution
 * page (title, subtitle, authors, series, details, front notes), text
 * (headings, paragraphs, epigraphs, end markers, notes in the text), end
 * notes, signature, and the permission on the contributors page. Labels the
 * book adds itself ("by", "Permission:") are left out; a scene break is
 * drawn as the book's own glyph line, not the one typed.
 */
export function storyTexts(story: Story, visit: VisitText): void {
  const { meta } = story;
  const from = (p: (typeof meta.provenance)[keyof typeof meta.provenance]): SourcePos | undefined => (p && 'line' in p ? p : undefined);
  visit(text(meta.displayTitle), from(meta.provenance.title), false);
  if (meta.subtitle) visit(text(meta.subtitle), from(meta.provenance.subtitle), false);
  for (const a of meta.authors) visit(text(a), from(meta.provenance.authors), false);
  if (meta.series) visit(text(meta.series.statement), from(meta.provenance.series), false);
  for (const d of meta.details) visit(text(`${d.label} ${d.value}`), d.pos, false);
  const notes = (list: Story['front']): void => {
    for (const note of list) {
      // The author's own label: the book's word for a note's kind is its own text, which Literata draws in every language it has.
      if (note.label) visit(text(note.label), note.pos, false);
      for (const p of note.blocks) visit(p.inlines, p.pos, true);
    }
  };
  notes(story.front);
  for (const chapter of story.chapters) {
    if (chapter.heading) visit(chapter.heading, chapter.pos, false);
    for (const b of chapter.blocks) {
      if (b.kind === 'paragraph') visit(b.inlines, b.pos, true);
      else if (b.kind === 'epigraph') {
        for (const l of b.lines) visit(l.inlines, l.pos, true);
        if (b.attribution) visit(b.attribution, b.pos, false);
      } else if (b.kind === 'endMarker') visit(text(b.text), b.pos, false);
      else if (b.kind === 'authorNote') visit([...text(`${b.label}: `), ...b.inlines], b.pos, false);
    }
  }
  notes(story.end);
  if (story.signature) visit(text([story.signature.name, story.signature.date].filter(Boolean).join(' ')), story.signature.pos, false);
  // From anthology.yaml: in no line of the story's file.
  if (meta.permission) visit(text(meta.permission), undefined, false);
}

/**
 * Characters every face of Literata has, and white space the PDF collapses:
 * ASCII, Latin-1, Latin Extended-A, and the punctuation typography makes
 * (dashes, curly quotes, the ellipsis). A test checks them against the fonts.
 */
export const SURELY_DRAWN = /^[\t\n\r\u0020-\u007E\u00A0-\u017E\u2010\u2013\u2014\u2018\u2019\u201C\u201D\u2026]*$/u;

/**
 * Whether any text of the book has a character outside `SURELY_DRAWN`:
 * only then are the PDF's fonts read to find what no font has, so that
 * `lint` on a book in a Latin script does not pay for loading fontkit.
 */
export function needsFonts({ meta, stories }: Anthology): boolean {
  let needs = false;
  const visit: VisitText = (inlines) => {
    if (!needs) for (const t of plainTexts(inlines)) if (!SURELY_DRAWN.test(t)) needs = true;
  };
  metaTexts(meta, visit);
  for (const story of stories) {
    storyTexts(story, visit);
    if (needs) return true;
  }
  return needs;
}

/** The text strings of inline content. */
function* plainTexts(inlines: readonly Inline[]): Generator<string> {
  for (const i of inlines) {
    if (i.kind === 'text') yield i.text;
    else yield* plainTexts(i.children);
  }
}
