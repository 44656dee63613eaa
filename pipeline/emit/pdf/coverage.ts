import type { Anthology, AnthologyMeta, Inline, Paragraph, SourcePos, Story } from '../../model.js';
import { plainText } from '../../shared/inline.js';
import { noteLabel } from '../../shared/labels.js';
import { BIDI_CONTROLS } from './bidi.js';
import { fontRuns, inPrimary } from './fallback.js';
import { drawableText } from './fonts.js';
import type { MissingChars } from './setting.js';
import { runsOf, WHITE } from './words.js';

const CONTROLS = new RegExp(BIDI_CONTROLS.source, 'gu');

/**
 * The characters no font of the PDF has, in the text of a book, found from
 * the model without setting the book: by story file ('' for the book's own
 * text: its title, subtitle, editor and publisher), where the first of them
 * is, and how often each occurs in that text; with `files`, only those
 * stories' files. `lint` reports these; the PDF reports them too, for the
 * places and counts (it finds the same characters as it sets them, but
 * knows only the line of the block it sets, and draws a title again in the
 * contents and on the contributors page).
 *
 * Every font chain of the PDF covers the same characters (a test checks),
 * so the text is checked in one face; it is split where the PDF splits it
 * into words (spaces, emphasis), so that a grapheme cluster is the one the
 * PDF looks up.
 */
export function missingInBook({ meta, stories }: Anthology, files?: ReadonlySet<string>): Map<string, MissingChars> {
  const found = new Map<string, MissingChars>();
  const own = missingInMeta(meta);
  if (own) found.set('', own);
  for (const story of stories) {
    // Only the files asked for: the others' text is not read back (a big book's waits on disk).
    if (files && !files.has(story.source.file)) continue;
    const m = missingInStory(story);
    if (m) found.set(story.source.file, m);
  }
  return found;
}

/** The characters no font has in the book's own text, or undefined for none. */
function missingInMeta(meta: AnthologyMeta): MissingChars | undefined {
  const scan = new Scan(undefined);
  for (const text of [meta.title, meta.subtitle, meta.editor, meta.publisher]) if (text) scan.text(text, undefined);
  return scan.result();
}

/**
 * The characters no font has in one story's text as the PDF shows it, in
 * the order it is set (attribution page, text, end notes, signature, the
 * permission on the contributors page), or undefined for none. The first
 * that came from a line of the file is placed there: in a paragraph, at
 * its first line and the character's column in the paragraph's text (the
 * column in the file for a paragraph on one line, but counted in the text
 * as normalised: "..." before it, set as "…", counts one, as Markdown's
 * emphasis marks count none); in metadata (title, byline, details,
 * headings), at the line it came from. The model keeps no more: where a
 * hard-wrapped paragraph's lines were joined is not known.
 */
export function missingInStory(story: Story): MissingChars | undefined {
  const { meta, source } = story;
  const scan = new Scan(source.file);
  const from = (p: (typeof meta.provenance)[keyof typeof meta.provenance]): SourcePos | undefined => (p && 'line' in p ? p : undefined);
  scan.text(meta.displayTitle, from(meta.provenance.title));
  if (meta.subtitle) scan.text(meta.subtitle, from(meta.provenance.subtitle));
  for (const a of meta.authors) scan.text(a, from(meta.provenance.authors));
  if (meta.series) scan.text(meta.series.statement, from(meta.provenance.series));
  for (const d of meta.details) scan.text(`${d.label} ${d.value}`, d.pos);
  const notes = (list: Story['front']): void => {
    for (const note of list) {
      scan.text(noteLabel(note), note.pos);
      for (const p of note.blocks) scan.paragraph(p);
    }
  };
  notes(story.front);
  for (const chapter of story.chapters) {
    if (chapter.heading) scan.inlines(chapter.heading, chapter.pos);
    for (const b of chapter.blocks) {
      if (b.kind === 'paragraph') scan.paragraph(b);
      else if (b.kind === 'epigraph') {
        for (const l of b.lines) scan.paragraph(l);
        if (b.attribution) scan.inlines(b.attribution, b.pos);
      } else if (b.kind === 'endMarker') scan.text(b.text, b.pos);
      else if (b.kind === 'authorNote') scan.inlines([{ kind: 'text', text: `${b.label}: ` }, ...b.inlines], b.pos);
    }
  }
  notes(story.end);
  if (story.signature) scan.text([story.signature.name, story.signature.date].filter(Boolean).join(' '), story.signature.pos);
  // From anthology.yaml: in no line of the story's file.
  if (meta.permission) scan.text(meta.permission, undefined);
  return scan.result();
}

/** Characters no font has, counted over the texts given, and where the first placed one is. */
class Scan {
  private at: Partial<SourcePos> | undefined;
  private placed = false;
  private readonly chars = new Map<string, number>();
  constructor(private readonly file: string | undefined) {
    this.at = file === undefined ? undefined : { file };
  }

  text(text: string, pos: SourcePos | undefined): void {
    this.inlines([{ kind: 'text', text }], pos);
  }

  paragraph(p: Paragraph): void {
    this.inlines(p.inlines, p.pos, true);
  }

  /** `offset`: the position is where the text starts, so the first character's column is counted from it. */
  inlines(inlines: readonly Inline[], pos: SourcePos | undefined, offset = false): void {
    let first: string | undefined;
    for (const run of runsOf(inlines, 'regular')) {
      const text = drawableText(run.text).replace(CONTROLS, '');
      if (inPrimary(text, 'regular')) continue;
      for (const word of text.replace(WHITE, ' ').split(' ')) {
        if (word === '') continue;
        fontRuns(word, 'regular', (c) => {
          first ??= c;
          this.chars.set(c, (this.chars.get(c) ?? 0) + 1);
        });
      }
    }
    if (first === undefined || this.placed || pos === undefined) return;
    this.placed = true;
    this.at = { ...this.at, line: pos.line, column: pos.column + (offset ? Math.max(0, plainText(inlines).indexOf(first)) : 0) };
  }

  result(): MissingChars | undefined {
    return this.chars.size === 0 ? undefined : { at: this.at, chars: this.chars };
  }
}
