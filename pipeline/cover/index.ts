import { COVER_SIZE, drawCover, type CoverText } from './design.js';
import { FILENAMES, type CoverImage } from './declare.js';
import { encodePng } from './png.js';

export { COVER_SIZE, type CoverText } from './design.js';
export { decodePng } from './png.js';
export { coverDeclaration, coverText, readCoverFile, sniffImage, type CoverImage, type CoverMediaType } from './declare.js';

/** Generates the cover as a PNG; the same words always give the same bytes. */
export function generateCover(text: CoverText): CoverImage {
  const canvas = drawCover(text);
  return { bytes: encodePng(COVER_SIZE.width, COVER_SIZE.height, canvas.rgb), mediaType: 'image/png', filename: FILENAMES['image/png'], generated: true };
}


