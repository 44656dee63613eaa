import type { PagePreset } from '../../model.js';

/** Points in a millimetre and in an inch. */
const MM = 72 / 25.4;
const IN = 72;

/**
 * The geometry of a page preset, in points. `inner` is the margin at the
 * spine, `outer` the one at the fore-edge; on an unmirrored preset they are
 * the left and right margins of every page.
 */
export interface PageGeometry {
  preset: PagePreset;
  width: number;
  height: number;
  top: number;
  bottom: number;
  inner: number;
  outer: number;
  /** Whether facing pages mirror each other (a bound book): the inner margin is at the left of odd pages and at the right of even ones. */
  mirrored: boolean;
  /** Baseline of the page number, from the bottom edge. */
  folioFromBottom: number;
  /** Baseline of the running head, from the top edge. */
  headFromTop: number;
  /** Every type size and distance is the A5 one times this. */
  scale: number;
}

/**
 * The presets. A5 is the default, sized for reading on a tablet or printing
 * at home; `ereader` fits a 6-inch e-ink screen (about 90 × 120 mm) with thin
 * margins and smaller type, so no zooming is needed; `letter` is US Letter
 * with wide margins to keep lines near 70 characters; `6x9` is the common
 * trade paperback trim, with a wider inner margin for the binding.
 */
export const PRESETS: Record<PagePreset, PageGeometry> = {
  a5: { preset: 'a5', width: 419.53, height: 595.28, top: 54, bottom: 64, inner: 54, outer: 54, mirrored: false, folioFromBottom: 34, headFromTop: 34, scale: 1 },
  ereader: {
    preset: 'ereader',
    width: round(90 * MM),
    height: round(120 * MM),
    top: 26,
    bottom: 26,
    inner: 14,
    outer: 14,
    mirrored: false,
    folioFromBottom: 11,
    headFromTop: 15,
    scale: 0.86,
  },
  letter: { preset: 'letter', width: 8.5 * IN, height: 11 * IN, top: 72, bottom: 80, inner: 90, outer: 90, mirrored: false, folioFromBottom: 44, headFromTop: 46, scale: 1.1 },
  '6x9': { preset: '6x9', width: 6 * IN, height: 9 * IN, top: 58, bottom: 62, inner: 0.875 * IN, outer: 0.625 * IN, mirrored: true, folioFromBottom: 34, headFromTop: 38, scale: 1 },
};

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The geometry for a preset; an unknown value (from an old config) falls back to A5. */
export function pageGeometry(preset: PagePreset | undefined): PageGeometry {
  return (preset && PRESETS[preset]) || PRESETS.a5;
}

/** Left margin of a page: the inner one on odd (recto) pages of a mirrored book, else the outer one. */
export function leftMargin(g: PageGeometry, page: number): number {
  if (!g.mirrored) return g.inner;
  return page % 2 === 1 ? g.inner : g.outer;
}

/** Width of the text block. */
export function textWidth(g: PageGeometry): number {
  return g.width - g.inner - g.outer;
}
