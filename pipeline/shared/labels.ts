import type { Note, StoryMeta } from '../model.js';

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
} as const;

const NOTE_LABELS: Record<Note['kind'], string> = {
  disclaimer: 'Disclaimer',
  authorsNote: "Author's Note",
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
