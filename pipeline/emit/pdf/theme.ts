import type { PagePreset } from '../../model.js';
import type { FontFace } from './fonts.js';
import { pageGeometry, type PageGeometry } from './page.js';
import { labelsFor, type LabelSet } from '../../shared/labels.js';

/** A type style: face, size and line advance (baseline to baseline), all in points. */
export interface TextStyle {
  face: FontFace;
  size: number;
  leading: number;
  /** OpenType features, e.g. small capitals (`smcp`) for running heads. */
  features?: readonly string[];
}

const style = (face: FontFace, size: number, leading = size * 1.35, features?: string[]): TextStyle => ({ face, size, leading, ...(features ? { features } : {}) });

/** Every type style the book uses, by role, at A5 size. Body text is 10.5 pt with a 1.35 line advance. */
const BASE_STYLES = {
  body: style('regular', 10.5),
  chapterHeading: style('bold', 13, 18),
  sceneBreak: style('regular', 10.5),
  endMarker: style('italic', 10.5),
  epigraph: style('italic', 10, 13.5),
  epigraphAttribution: style('regular', 9, 13, ['smcp']),
  noteLabel: style('regular', 9, 13, ['smcp']),
  noteBody: style('regular', 9.5, 13),
  inTextNote: style('italic', 9.5, 13),
  signature: style('italic', 10.5),
  signatureDate: style('regular', 9.5),
  folio: style('regular', 8.5, 11, ['onum']),
  runningHead: style('regular', 8.5, 11, ['smcp']),
  bookTitle: style('bold', 24, 30),
  bookSubtitle: style('italic', 14, 19),
  bookEditor: style('regular', 12, 16),
  bookPublisher: style('regular', 9.5, 13, ['smcp']),
  pageHeading: style('bold', 16, 22),
  contentsTitle: style('regular', 10.5, 14),
  contentsAuthor: style('italic', 9, 12),
  storyTitle: style('regular', 21, 27),
  storySubtitle: style('italic', 13, 18),
  storyBy: style('regular', 12, 17),
  storySmall: style('italic', 8.5, 12),
  storySeries: style('italic', 10, 14),
  detailLabel: style('regular', 8.5, 12, ['smcp']),
  detailValue: style('regular', 8.5, 12),
  contributorTitle: style('bold', 10.5, 14),
  contributorAuthor: style('italic', 10, 14),
  contributorText: style('regular', 9.5, 13),
} as const satisfies Record<string, TextStyle>;

/** The styles of a book, by role. */
export type Styles = { readonly [K in keyof typeof BASE_STYLES]: TextStyle };

/** Horizontal and vertical distances that are not tied to one style, at A5 size. */
const BASE_SPACING = {
  /** First-line indent of a body paragraph. */
  paragraphIndent: 13,
  /** Left and right inset of an epigraph. */
  epigraphInset: 28,
  /** Left and right inset of an in-text author's note. */
  noteInset: 18,
  /** Gap between a contents entry's leader dots and its page number. */
  contentsNumberGap: 6,
  /** Distance between the leader dots of the contents. */
  leaderPitch: 4.5,
};

/** The spacing of a book. */
export type Spacing = { readonly [K in keyof typeof BASE_SPACING]: number };

/**
 * The glyph line drawn for every scene break, whatever the source used.
 * No-break spaces, because ordinary white space collapses to one space.
 */
export const SCENE_BREAK_GLYPH = '*\u00A0\u00A0\u00A0*\u00A0\u00A0\u00A0*';

/** Everything a layout pass needs to know about the look of the book. */
export interface Theme {
  page: PageGeometry;
  styles: Styles;
  spacing: Spacing;
  /** The book's own words, in its language. */
  labels: LabelSet;
}

/** The theme for a page preset (the A5 styles and distances scaled to the page) and the book's language (its words). */
export function themeFor(preset: PagePreset | undefined, language = 'en'): Theme {
  const page = pageGeometry(preset);
  const k = page.scale;
  const r = (n: number): number => Math.round(n * k * 100) / 100;
  const styles = Object.fromEntries(Object.entries(BASE_STYLES).map(([role, s]) => [role, { ...s, size: r(s.size), leading: r(s.leading) }])) as unknown as Styles;
  const spacing = Object.fromEntries(Object.entries(BASE_SPACING).map(([name, n]) => [name, r(n)])) as unknown as Spacing;
  return { page, styles, spacing, labels: labelsFor(language) };
}
