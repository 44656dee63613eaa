import type { Anthology } from '../model.js';
import { COVER_SIZE, drawCover, type CoverText } from './design.js';
import { coverText, FILENAMES, readCoverFile, type CoverImage } from './declare.js';
import { encodePng } from './png.js';

export { COVER_SIZE, type CoverText } from './design.js';
export { decodePng } from './png.js';
export { coverDeclaration, coverText, readCoverFile, sniffImage, type CoverImage, type CoverMediaType } from './declare.js';

/** Generates the cover as a PNG; the same words always give the same bytes. */
export function generateCover(text: CoverText): CoverImage {
  const canvas = drawCover(text);
  return { bytes: encodePng(COVER_SIZE.width, COVER_SIZE.height, canvas.rgb), mediaType: 'image/png', filename: FILENAMES['image/png'], generated: true };
}

/**
 * The cover stage: the editor's image when `meta.cover` is set (throwing if
 * it is unusable), else a generated one.
 */
export function makeCover(anthology: Anthology): CoverImage {
  const path = anthology.meta.cover;
  return path ? readCoverFile(path) : generateCover(coverText(anthology.meta, anthology.stories));
}

