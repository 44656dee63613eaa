import type { Note, StoryMeta } from '../model.js';
import { plainText } from './inline.js';
import type { LabelSet } from './label-sets.js';

export { labelsFor, type LabelSet } from './label-sets.js';

/** A label's text with its `{key}`s filled in. */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/gu, (m, key: string) => (key in values ? String(values[key]) : m));
}

/** The heading for a note: the author's own label if there was one, else the book's word for its kind. */
export function noteLabel(note: Note, labels: LabelSet): string {
  return note.label ?? labels.notes[note.kind];
}

/** "A, B and C", or the unknown-author label. */
export function authorLine(meta: Pick<StoryMeta, 'authors'>, labels: LabelSet): string {
  const a = meta.authors;
  if (a.length === 0) return labels.unknownAuthor;
  if (a.length === 1) return a[0]!;
  return `${a.slice(0, -1).join(', ')} ${labels.and} ${a[a.length - 1]}`;
}

/** A story's byline: the book's word for "by" (where its language has one) and the authors, or the unknown-author label alone. */
export function byline(meta: Pick<StoryMeta, 'authors'>, labels: LabelSet): string {
  const names = authorLine(meta, labels);
  return meta.authors.length > 0 && labels.by ? `${labels.by} ${names}` : names;
}

/** The colophon's line for one story: it belongs to its author(s); no permission or claim is invented. */
export function rightsSentence(meta: Pick<StoryMeta, 'authors'>, labels: LabelSet): string {
  if (meta.authors.length === 0) return labels.rightsUnknown;
  return endSentence(fill(meta.authors.length > 1 ? labels.rightsMany : labels.rightsOne, { names: authorLine(meta, labels) }));
}

/**
 * Closes a sentence with a full stop, unless it already ends in one of its
 * own: a name ending in an abbreviation ("A. B.", "Jr.") or in "!"/"?" (a
 * handle) ends the sentence with its own mark, and a second stop would read
 * as a typo ("Jr..").
 */
function endSentence(text: string): string {
  return /[.!?\u2026]$/u.test(text) ? text : `${text}.`;
}

/** The colophon's closing line: the book (and its editor) claim no rights in the stories. */
export function noClaimSentence(editor: string | undefined, labels: LabelSet): string {
  return editor ? fill(labels.noClaimEditor, { editor }) : labels.noClaimBook;
}

/** The colophon's line on permission: what the editor recorded, or that nothing was recorded. */
export function permissionSentence(meta: Pick<StoryMeta, 'permission'>, labels: LabelSet): string {
  return meta.permission ? fill(labels.permission, { permission: meta.permission }) : labels.permissionNone;
}

/** "Part 2 of Name", "Name", or "Part 2" when the editor gives a part and no story names its series. */
export function seriesStatement(name: string, position: number | undefined, labels: LabelSet): string {
  if (position === undefined) return name;
  return name ? fill(labels.partOf, { n: position, name }) : fill(labels.part, { n: position });
}

/** "and 3 more", after the names a cover has room for. */
export function moreNames(n: number, labels: LabelSet): string {
  return fill(labels.more, { n });
}

/** A note's words as plain text, its paragraphs a line each. */
export function notePlain(note: Note): string {
  return note.blocks.map((p) => plainText(p.inlines)).join('\n').trim();
}

/**
 * Whether the story's own notes (`front`) hold a series note with the very
 * same words as the series `statement`: the book then shows it once, as
 * the note. One that says something else (the editor's correction) is
 * shown as well. The EPUB and the PDF ask this alike.
 */
export function repeatsSeriesNote(front: readonly Note[], statement: string | undefined): boolean {
  return statement !== undefined && front.some((n) => n.kind === 'series' && notePlain(n) === statement.trim());
}
