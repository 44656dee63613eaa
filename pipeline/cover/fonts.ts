import { createRequire } from 'node:module';
import { layoutSafely, openInstalled, SCRIPT_FONTS, scriptFontFile } from '../shared/script-fonts.js';
import { fillPath, Mask, type PathCommand } from './raster.js';

/*
 * Type for the cover: Literata, from the npm package the PDF uses too, read
 * with fontkit (pure JavaScript: no system fonts, no native code). fontkit
 * shapes the text (kerning, ligatures), and the outlines are filled by our
 * own rasteriser.
 */

/** The faces the cover uses. */
export type CoverFace = 'regular' | 'italic' | 'bold';

const FILES: Record<CoverFace, string> = {
  regular: '400Regular/Literata_400Regular.ttf',
  italic: '400Regular_Italic/Literata_400Regular_Italic.ttf',
  bold: '700Bold/Literata_700Bold.ttf',
};

/** The part of a fontkit font the cover uses (fontkit ships no types). */
export interface Font {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  layout(text: string, features?: Record<string, boolean>): {
    glyphs: { path: { commands: PathCommand[] } }[];
    positions: { xAdvance: number; xOffset: number; yOffset: number }[];
    advanceWidth: number;
  };
  hasGlyphForCodePoint(codePoint: number): boolean;
}

const require = createRequire(import.meta.url);
// Loaded through require with our own interface, so that the cover does not
// depend on (or clash with) anyone's ambient typing of the 'fontkit' module.
const { openSync } = require('fontkit') as { openSync(path: string): Font };
const fonts = new Map<CoverFace, Font>();

/** The parsed font of a face, opened once per process. */
export function face(name: CoverFace): Font {
  let f = fonts.get(name);
  if (f === undefined) {
    f = openSync(require.resolve(`@expo-google-fonts/literata/${FILES[name]}`));
    fonts.set(name, f);
  }
  return f;
}

/**
 * Fonts for a text Literata cannot set, tried in order for the whole text:
 * the PDF's fonts for scripts set left to right (`SCRIPT_FONTS`: Chinese
 * and Japanese kana, Korean, Thai, the Indic scripts, …), bold for the bold
 * face and regular for the others, as they have no italics. The CJK
 * packages are optional and may be missing.
 */
const FALLBACKS = SCRIPT_FONTS.filter((f) => !f.rtl);
const fallbacks = new Map<string, Font | null>();

function fallback(file: string): Font | null {
  let f = fallbacks.get(file);
  if (f === undefined) fallbacks.set(file, (f = openInstalled(file, openSync)));
  return f;
}

/**
 * The font a text is set in on the cover: the face asked for when it has
 * every character, else the first fallback that has them all (a title in
 * Chinese, Korean, Hindi, Thai, Georgian…); null when none has (a title
 * in Hebrew or Arabic, set right to left), and the text is left off.
 */
export function fontFor(name: CoverFace, text: string): Font | null {
  const own = face(name);
  if (canSet(own, text)) return own;
  for (const script of FALLBACKS) {
    const f = fallback(scriptFontFile(script, name === 'bold' ? 'bold' : 'regular'));
    if (f && canSet(f, text)) return f;
  }
  return null;
}

/** Whether the font has a glyph for every character (white space aside): a missing one would print as a box. */
export function canSet(font: Font, text: string): boolean {
  return [...text].every((ch) => /\s/u.test(ch) || font.hasGlyphForCodePoint(ch.codePointAt(0)!));
}

const advances = new WeakMap<Font, Map<string, number>>();

/** Advance width of `text` in font units; shaping is the slow part, so each string is shaped once. */
export function advance(font: Font, text: string): number {
  let cache = advances.get(font);
  if (cache === undefined) advances.set(font, (cache = new Map()));
  let w = cache.get(text);
  if (w === undefined) cache.set(text, (w = layoutSafely((f) => font.layout(text, f)).advanceWidth));
  return w;
}

/** Width of `text` at `size` pixels per em. */
export function measure(font: Font, text: string, size: number): number {
  return (advance(font, text) * size) / font.unitsPerEm;
}

/**
 * Breaks text into lines no wider than `width` at spaces. A word wider than
 * the line stays whole on its own line: the caller shrinks the size until it
 * fits. Lines are measured word by word (kerning across a space is nil in
 * Literata), so long texts wrap in linear time.
 */
export function wrap(font: Font, text: string, size: number, width: number): string[] {
  const limit = (width * font.unitsPerEm) / size;
  const space = advance(font, ' ');
  const lines: string[] = [];
  let line: string[] = [];
  let used = 0;
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    const w = advance(font, word);
    if (line.length && used + space + w > limit) {
      lines.push(line.join(' '));
      [line, used] = [[word], w];
    } else {
      used += (line.length ? space : 0) + w;
      line.push(word);
    }
  }
  if (line.length) lines.push(line.join(' '));
  return lines;
}

/** One line of text as a coverage mask, with where its baseline and left edge sit in it. */
export interface SetLine {
  mask: Mask;
  /** Distance from the mask's top to the baseline, in whole pixels. */
  baseline: number;
  /** Distance from the mask's left edge to the text's origin, in whole pixels. */
  left: number;
  /** Advance width of the text, in pixels. */
  advance: number;
}

/** Rasterises one line of text at `size` pixels per em. */
export function setLine(font: Font, text: string, size: number): SetLine {
  const run = layoutSafely((f) => font.layout(text, f));
  const scale = size / font.unitsPerEm;
  const pad = Math.ceil(size * 0.25);
  const advance = run.advanceWidth * scale;
  const baseline = pad + Math.ceil(font.ascent * scale);
  const mask = new Mask(Math.ceil(advance) + 2 * pad, baseline + Math.ceil(-font.descent * scale) + pad);
  let pen = 0;
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]!;
    fillPath(mask, g.path.commands, scale, pad + (pen + p.xOffset) * scale, baseline - p.yOffset * scale);
    pen += p.xAdvance;
  });
  return { mask, baseline, left: pad, advance };
}
