import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { AnthologyMeta, Story } from '../model.js';
import type { CoverText } from './design.js';
import { labelsFor } from '../shared/labels.js';

/*
 * What the rest of the pipeline needs to know about the cover without
 * loading the font machinery that draws it (fontkit costs a few hundred
 * milliseconds to load): its type, its file name, the editor's file, the words.
 */

/** Image types a cover may have. */
export type CoverMediaType = 'image/png' | 'image/jpeg';

/** A cover image ready to pack: its bytes and how the package must declare it. */
export interface CoverImage {
  bytes: Uint8Array;
  mediaType: CoverMediaType;
  /** File name inside the book (`cover.png` or `cover.jpg`). */
  filename: string;
  /** Whether the image was generated (else it is the editor's file). */
  generated: boolean;
}

export const FILENAMES: Record<CoverMediaType, string> = { 'image/png': 'cover.png', 'image/jpeg': 'cover.jpg' };

/** The image type by its first bytes (PNG signature, JPEG SOI marker), or null: file names can lie. */
export function sniffImage(bytes: Uint8Array): CoverMediaType | null {
  const b = (i: number): number | undefined => bytes[i];
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b(i) === v)) return 'image/png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  return null;
}

/** Reads the editor's cover file; throws an Error naming the file if it cannot be read or is not a PNG or JPEG. */
export function readCoverFile(path: string): CoverImage {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new Error(`cannot read the cover image ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  const mediaType = sniffImage(bytes);
  if (mediaType === null) throw new Error(`the cover image ${path} is not a PNG or JPEG file (judged by its content, not its name)`);
  return { bytes, mediaType, filename: FILENAMES[mediaType], generated: false };
}

/** The words a generated cover shows: the title, subtitle, every known author once, and the editor. */
export function coverText(meta: AnthologyMeta, stories: readonly Story[]): CoverText {
  return {
    title: meta.title,
    ...(meta.subtitle ? { subtitle: meta.subtitle } : {}),
    authors: [...new Set(stories.flatMap((s) => s.meta.authors))],
    ...(meta.editor ? { editor: meta.editor } : {}),
    ...coverWords(meta.language),
  };
}

/** The words around the names in the book's language; none for English, the cover's own. */
function coverWords(language: string): Pick<CoverText, 'words'> {
  const labels = labelsFor(language);
  const words = { editedBy: labels.editedBy, and: labels.and, more: labels.more };
  return labels === labelsFor('en') ? {} : { words };
}

/**
 * How the package declares the cover, without generating it: the render
 * stage needs the file name and type for the manifest. It never throws: an
 * unusable file is declared as a PNG here and refused by `coverInBackground` (the cover stage)
 * in the emitter, whose errors the runner reports as diagnostics.
 */
export function coverDeclaration(meta: AnthologyMeta): { filename: string; mediaType: CoverMediaType } {
  let mediaType: CoverMediaType = 'image/png';
  if (meta.cover) {
    try {
      mediaType = sniffImage(readHead(meta.cover)) ?? 'image/png';
    } catch {
      // Reported by the cover stage, with the reason.
    }
  }
  return { filename: FILENAMES[mediaType], mediaType };
}

/** The first bytes of a file, enough to tell its type, without reading a large image twice. */
export function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(8);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Why a cover file cannot be used (unreadable, or neither PNG nor JPEG by its first bytes, as the cover stage judges it), or null. */
export function coverProblem(path: string): string | null {
  let head: Uint8Array;
  try {
    head = readHead(path);
  } catch (e) {
    return `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  return sniffImage(head) ? null : 'is neither a PNG nor a JPEG image';
}
