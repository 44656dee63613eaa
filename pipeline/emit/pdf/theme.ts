import type { FontFace } from './fonts.js';

/** A type style: face, size and line advance (baseline to baseline), all in points. */
export interface TextStyle {
  face: FontFace;
  size: number;
  leading: number;
}

const style = (face: FontFace, size: number, leading = size * 1.35): TextStyle => ({ face, size, leading });

/**
 * Page geometry. A5 portrait; the bottom margin is larger than the top one
 * because the folio (page number) sits in it.
 */
export const PAGE = {
  /** ISO A5 in points, as pdfkit's 'A5'. */
  width: 419.53,
  height: 595.28,
  margins: { top: 54, bottom: 64, left: 54, right: 54 },
  /** Distance of the folio's baseline from the bottom edge of the page. */
  folioFromBottom: 34,
} as const;

/** Every type style the book uses, by role. Body text is 10.5 pt with a 1.35 line advance. */
export const STYLES = {
  body: style('regular', 10.5),
  chapterHeading: style('bold', 13, 18),
  sceneBreak: style('regular', 10.5),
  endMarker: style('italic', 10.5),
  epigraph: style('italic', 10),
  epigraphAttribution: style('regular', 9.5),
  noteLabel: style('bold', 8.5, 12),
  noteBody: style('regular', 9.5, 13),
  signature: style('regular', 10.5),
  signatureDate: style('italic', 9.5),
  folio: style('regular', 8.5),
  bookTitle: style('bold', 24, 30),
  bookSubtitle: style('italic', 14, 19),
  bookEditor: style('regular', 12, 16),
  bookPublisher: style('regular', 9.5, 13),
  pageHeading: style('bold', 16, 22),
  contentsTitle: style('regular', 10.5, 14),
  contentsAuthor: style('italic', 9, 12),
  storyTitle: style('regular', 20, 26),
  storySubtitle: style('italic', 13, 18),
  storyBy: style('regular', 12, 17),
  storySmall: style('italic', 8.5, 12),
  storySeries: style('italic', 10, 14),
  contributorTitle: style('bold', 10.5, 14),
  contributorAuthor: style('italic', 10, 14),
  contributorText: style('regular', 9.5, 13),
} as const satisfies Record<string, TextStyle>;

/** Horizontal and vertical distances that are not tied to one style. */
export const SPACING = {
  /** First-line indent of a body paragraph. */
  paragraphIndent: 13,
  /** Left and right inset of an epigraph. */
  epigraphInset: 28,
  /** Width reserved at the right of a contents line for its page number. */
  contentsNumberGap: 12,
  /**
   * The glyph line drawn for every scene break, whatever the source used.
   * No-break spaces, because ordinary white space collapses to one space.
   */
  sceneBreakGlyph: '*\u00A0\u00A0\u00A0*\u00A0\u00A0\u00A0*',
} as const;
