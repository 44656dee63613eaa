import type { Note, StoryMeta } from '../model.js';
import { plainText } from './inline.js';

/**
 * Words the book itself supplies (labels, not story text). Kept in one
 * place so the EPUB and the PDF say the same thing.
 */
export const LABELS = {
  contents: 'Contents',
  unknownAuthor: 'Author unknown',
  untitled: 'Untitled: known by its opening words',
  contributors: 'Contributors and Rights',
  endNotes: 'Notes',
  by: 'by',
  editedBy: 'Edited by',
} as const;

const NOTE_LABELS: Record<Note['kind'], string> = {
  disclaimer: 'Disclaimer',
  authorsNote: 'Author’s Note',
  rights: 'Archiving',
  series: 'Series',
  summary: 'Summary',
  note: 'Note',
};

/** The heading for a note: the author's own label if there was one, else a generic one. */
export function noteLabel(note: Note): string {
  return note.label ?? NOTE_LABELS[note.kind];
}

/** "A, B and C", or the unknown-author label. */
export function authorLine(meta: Pick<StoryMeta, 'authors'>): string {
  const a = meta.authors;
  if (a.length === 0) return LABELS.unknownAuthor;
  if (a.length === 1) return a[0]!;
  return `${a.slice(0, -1).join(', ')} and ${a[a.length - 1]}`;
}

/** The colophon's line for one story: it belongs to its author(s); no permission or claim is invented. */
export function rightsSentence(meta: Pick<StoryMeta, 'authors'>): string {
  if (meta.authors.length === 0) return 'This story belongs to its author, whose name is not known.';
  return endSentence(`This story belongs to its ${meta.authors.length > 1 ? 'authors' : 'author'}, ${authorLine(meta)}`);
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
export function noClaimSentence(editor?: string): string {
  return `${editor ? `The editor, ${editor}, claims` : 'This anthology claims'} no rights in the stories; each belongs to its author.`;
}

/** The colophon's line on permission: what the editor recorded, or that nothing was recorded. */
export function permissionSentence(meta: Pick<StoryMeta, 'permission'>): string {
  return meta.permission ? `Permission: ${meta.permission}` : 'Permission: none recorded.';
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
