import { layoutSafely } from '../../shared/script-fonts.js';
import type { Font, Glyph, GlyphRun } from 'fontkit';
import { mirrored } from './bidi.js';

/** What fontkit's OpenType engine knows of each glyph while it shapes (its `GlyphInfo`), as far as used here. */
interface GlyphInfo {
  codePoints: number[];
  isMark: boolean;
}

/** fontkit's OpenType engine, with the glyph infos of its last run kept (see `keepInfos`). */
interface Engine {
  glyphInfos: GlyphInfo[] | null;
  cleanup(): void;
  kept?: GlyphInfo[] | null;
}

const patched = new WeakSet<Engine>();

/**
 * The engine of a font, made to keep the glyph infos of the run it shapes.
 * A fontkit `Glyph` is one object per glyph id, carrying the code points of
 * its first use: Noto Naskh draws ب, ت, ن and ي from one dotless glyph
 * (dots are marks) and ج, ح, خ from another, so `glyph.codePoints` would
 * name the wrong letter. The engine's infos have each glyph's own code
 * points, in logical order, but it drops them when it cleans up after a
 * run; its `cleanup` is wrapped to keep them. fontkit is pinned, and the
 * tests check the letters that come out of the PDF.
 */
function keepInfos(font: Font): Engine | undefined {
  const engine = (font as unknown as { _layoutEngine?: { engine?: Engine } })._layoutEngine?.engine;
  if (!engine || typeof engine.cleanup !== 'function') return undefined;
  if (!patched.has(engine)) {
    const cleanup = engine.cleanup;
    engine.cleanup = function (this: Engine): void {
      this.kept = this.glyphInfos;
      cleanup.call(this);
    };
    patched.add(engine);
  }
  return engine;
}

/**
 * Shapes text in a set direction: its glyphs in visual order for it (fontkit
 * reverses a right-to-left run, and would otherwise go by the script alone,
 * reversing Arabic-Indic digits, which read left to right, and leaving "?!"
 * at a right-to-left level unreversed), with mirrored forms at a
 * right-to-left level (by the font's own `rtlm` feature if it has one, else
 * by swapping the characters), and the text each glyph stands for.
 */
export function layoutDirected(font: Font, text: string, features: string[] | undefined, direction: 'ltr' | 'rtl'): { run: GlyphRun; texts: number[][] } {
  const rtl = direction === 'rtl';
  const mirror = rtl && !font.availableFeatures.includes('rtlm');
  const engine = keepInfos(font);
  const run = withOwnCodePoints(font, () => layoutSafely((f) => font.layout(mirror ? mirrored(text) : text, f, undefined, undefined, direction), features));
  const infos = engine?.kept;
  if (engine) engine.kept = null;
  // The run's glyphs are in visual order: reversed from the engine's for right to left.
  const logical = infos && infos.length === run.glyphs.length ? (rtl ? [...infos].reverse() : infos) : undefined;
  const texts = glyphTexts(run.glyphs, logical, rtl);
  // A ")" drawn for a "(" at a right-to-left level still stands for the "(" written.
  return { run, texts: mirror ? texts.map((cps) => [...mirrored(String.fromCodePoint(...cps))].map((c) => c.codePointAt(0)!)) : texts };
}

/**
 * The text each glyph stands for, for the font's ToUnicode map: its own
 * code points, and those of the marks placed on it (Hebrew points, Arabic
 * harakat), which then stand for nothing. A text extractor sees a mark as a
 * character of its own at the mark's place, over its letter, and splits the
 * word there; folded, the letter carries its marks.
 *
 * In a right-to-left run a glyph standing for several characters lists them
 * last first: extractors (poppler, pdf.js) put a right-to-left line back in
 * logical order by reversing it character by character, so a letter with
 * its points comes out letter first, as written.
 *
 * `infos`: the engine's glyph infos, lined up with the glyphs; without them
 * each glyph's own code points and whether they are all marks are used.
 */
export function glyphTexts(glyphs: readonly Glyph[], infos: readonly GlyphInfo[] | undefined, rtl: boolean): number[][] {
  const n = glyphs.length;
  const info = (i: number): GlyphInfo => infos?.[i] ?? { codePoints: glyphs[i]!.codePoints, isMark: glyphs[i]!.codePoints.length > 0 && glyphs[i]!.codePoints.every((cp) => IS_MARK.test(String.fromCodePoint(cp))) };
  const texts = glyphs.map((_, i) => [...info(i).codePoints]);
  let base = -1;
  // In logical order: from the right of a right-to-left run, where a letter comes before its marks.
  for (let k = 0; k < n; k++) {
    const i = rtl ? n - 1 - k : k;
    if (!info(i).isMark || base < 0) base = i;
    else {
      texts[base]!.push(...texts[i]!);
      texts[i] = [];
    }
  }
  return rtl ? texts.map((t) => (t.length > 1 ? t.reverse() : t)) : texts;
}

/** One character (a code point) that is a combining mark. */
export const IS_MARK = /^\p{M}$/u;

/** The part of a fontkit font that maps a string to its glyphs, one per code point (a variation selector joins the one before). */
interface GlyphSource {
  glyphsForString(text: string): Glyph[];
}

/**
 * Runs a layout of `font` whose engine's glyph infos carry the code points
 * each glyph was looked up for. fontkit keeps one `Glyph` per glyph id with
 * the code points of its first use, and the engine's infos start from
 * those: once "آ" was laid out, every later "ا" (drawn from the same glyph,
 * with the madda as a mark) stood for "آ" in the ToUnicode map, and after
 * "ز" every "ر" for "ز", so text copied or extracted from the PDF had
 * other letters than the story. Each glyph is given to the engine as a view
 * of fontkit's own with its own code points.
 */
function withOwnCodePoints<T>(font: Font, layout: () => T): T {
  const source = font as unknown as GlyphSource;
  const glyphsForString = source.glyphsForString;
  source.glyphsForString = (text: string): Glyph[] => {
    const glyphs = glyphsForString.call(source, text);
    const points = lookedUp(text);
    if (points.length !== glyphs.length) return glyphs;
    return glyphs.map((glyph, i) => Object.create(glyph, { codePoints: { value: points[i], enumerable: true } }) as Glyph);
  };
  try {
    return layout();
  } finally {
    // The instance's own property goes; the prototype's method is fontkit's.
    delete (source as Partial<GlyphSource>).glyphsForString;
  }
}

const isSelector = (cp: number): boolean => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/** The code points fontkit's `glyphsForString` looks each glyph up for: one each, a variation selector with the one before it, a selector after a selector dropped. */
export function lookedUp(text: string): number[][] {
  const out: number[][] = [];
  let previousIsSelector = true;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isSelector(cp)) out.push([cp]);
    else if (!previousIsSelector) out[out.length - 1]!.push(cp);
    previousIsSelector = isSelector(cp);
  }
  return out;
}
