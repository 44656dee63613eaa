import type { Glyph, GlyphPosition, GlyphRun } from 'fontkit';
import { BoundedCache } from './cache.js';
import type { Direction } from './bidi.js';
import { layoutDirected } from './directed.js';
import { mustLoad, type FontKey } from './fonts.js';
import { layoutSafely } from '../../shared/script-fonts.js';

/**
 * Text (one word, or one space) shaped in one font by fontkit: its glyphs,
 * with kerning, ligatures and the features asked for. Lengths are in
 * thousandths of an em, the unit of PDF text space and of pdfkit's metrics.
 */
export interface Shaped {
  /** Advance width: the sum of the glyphs' shaped advances. */
  readonly advance: number;
  readonly glyphs: readonly Glyph[];
  /**
   * Per glyph, its shaped advance less its own width (kerning, which a TJ
   * array puts between glyphs); null when that is 0 for every glyph.
   */
  readonly kern: readonly number[] | null;
  /**
   * Per glyph, its advance and x and y offsets, as [advance, x, y, …]; null
   * when no glyph is offset (only marks placed on letters are).
   */
  readonly offsets: readonly number[] | null;
  /**
   * Per glyph, the code points it stands for when that is not simply its
   * own (see `glyphTexts`); set only for text shaped in a set direction.
   */
  readonly text?: readonly (readonly number[])[];
}

/**
 * Distinct texts kept shaped per font and feature set. A story's vocabulary
 * fits; a book's may not, and then the words of stories long past are
 * shaped again if they come back, rather than kept for the whole book.
 */
const SHAPE_CACHE_LIMIT = 20_000;

const caches = new Map<string, BoundedCache<string, Shaped>>();

/**
 * The shaping of `text` in a font, with OpenType `features` (none: the
 * font's defaults). Cached for the process: both layout passes, and every
 * document, measure and draw a word from one shaping.
 *
 * With a `direction` (text of a paragraph with right-to-left text), the
 * glyphs come in visual order for it, mirrored where they must be, each
 * with the text it stands for (`layoutDirected`).
 */
export function shape(font: FontKey, text: string, features?: readonly string[], direction?: Direction): Shaped {
  // A number is put together from its digits at every use, never kept: every page has
  // its own, and a big book's would crowd the words out of the cache (and fill memory).
  // The digit shortcut knows only shaping by script: directed text is always shaped.
  if (!direction && isNumeral(text)) {
    const digits = fromDigits(font, text, features);
    if (digits) return digits;
  }
  const cache = font === last.font && features === last.features && direction === last.direction ? last.cache : cacheFor(font, features, direction);
  let shaped = cache.get(text);
  if (!shaped) cache.set(text, (shaped = shapeNow(font, text, features, direction)));
  return shaped;
}

/** Whether `text` is a number of two digits or more, which `shape` builds from its digits rather than keep. */
export function isNumeral(text: string): boolean {
  return DIGITS.test(text);
}

const DIGITS = /^[0-9]{2,}$/;

/** How a font shapes digits: each digit's glyph and advance, and the kerning of each pair (font units). */
interface DigitTable {
  glyphs: Glyph[];
  advance: number[];
  /** Kerning after digit a when digit b follows, at a * 10 + b. */
  kern: number[];
}

/** Per font and feature set: its digit table, or null where digits do more than kern. */
const digitTables = new Map<string, DigitTable | null>();

function digitTable(font: FontKey, features: readonly string[] | undefined): DigitTable | null {
  const key = `${font}|${features?.join(',') ?? ''}`;
  let table = digitTables.get(key);
  if (table !== undefined) return table;
  const f = mustLoad(font);
  const layout = (text: string): GlyphRun => f.layout(text, features && features.length > 0 ? [...features] : undefined);
  const singles = [...'0123456789'].map(layout);
  table = { glyphs: singles.map((r) => r.glyphs[0]!), advance: singles.map((r) => r.positions[0]!.xAdvance), kern: [] };
  let simple = singles.every((r) => r.glyphs.length === 1 && !offset(r.positions[0]!));
  for (let pair = 0; pair < 100 && simple; pair++) {
    const [a, b] = [Math.floor(pair / 10), pair % 10];
    const both = layout(`${a}${b}`);
    simple = both.glyphs.length === 2 && both.glyphs[0]!.id === table.glyphs[a]!.id && both.glyphs[1]!.id === table.glyphs[b]!.id && !offset(both.positions[0]!) && !offset(both.positions[1]!) && both.positions[1]!.xAdvance === table.advance[b];
    table.kern.push(both.positions[0]!.xAdvance - table.advance[a]!);
  }
  digitTables.set(key, (table = simple ? table : null));
  return table;
}

const offset = (p: GlyphPosition): boolean => p.xOffset !== 0 || p.yOffset !== 0;

/**
 * A number (every page has its own) put together from its digits: their
 * glyphs, advances and pair kerning, found once per font and feature set
 * from all hundred pairs, and only where digits do nothing but kern.
 * Shaping each page number afresh was a tenth of the time a book took.
 */
function fromDigits(font: FontKey, text: string, features: readonly string[] | undefined): Shaped | undefined {
  const table = digitTable(font, features);
  if (!table) return undefined;
  const scale = 1000 / mustLoad(font).unitsPerEm;
  const n = text.length;
  const glyphs: Glyph[] = [];
  let advance = 0;
  let kern: number[] | null = null;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    const glyph = table.glyphs[d]!;
    glyphs.push(glyph);
    // As fontkit would: the pair's kerning goes on the first digit's advance.
    const x = (table.advance[d]! + (i + 1 < n ? table.kern[d * 10 + text.charCodeAt(i + 1) - 48]! : 0)) * scale;
    advance += x;
    const k = x - glyph.advanceWidth * scale;
    if (k !== 0) (kern ??= new Array<number>(n).fill(0))[i] = k;
  }
  return { advance, glyphs, kern, offsets: null };
}

/** The cache used last: text is mostly shaped in one font, feature set and direction after another in the same. */
const last: { font?: FontKey; features?: readonly string[] | undefined; direction?: Direction; cache: BoundedCache<string, Shaped> } = { cache: new BoundedCache(1) };

/** The cache of a font, feature set and direction (each its own), made the one used last. */
function cacheFor(font: FontKey, features: readonly string[] | undefined, direction: Direction): BoundedCache<string, Shaped> {
  const key = (features && features.length > 0 ? `${font}|${features.join(',')}` : font) + (direction ? `|${direction}` : '');
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new BoundedCache(SHAPE_CACHE_LIMIT)));
  last.font = font;
  last.features = features;
  last.direction = direction;
  last.cache = cache;
  return cache;
}

/**
 * Width of `text` in points at `size`. The arithmetic is pdfkit's own
 * (`widthOfString`), so that lines break where they always did.
 */
export function widthOf(font: FontKey, size: number, text: string, features?: readonly string[], direction?: Direction): number {
  return shape(font, text, features, direction).advance * (size / 1000);
}

function shapeNow(key: FontKey, text: string, features: readonly string[] | undefined, direction?: Direction): Shaped {
  const font = mustLoad(key);
  const wanted = features && features.length > 0 ? [...features] : undefined;
  // pdfkit passes features only when there are some; fontkit applies its defaults either way.
  let texts: number[][] | undefined;
  let run: GlyphRun;
  if (direction) ({ run, texts } = layoutDirected(font, text, wanted, direction));
  else run = layoutSafely((f) => font.layout(text, f), wanted);
  const scale = 1000 / font.unitsPerEm;
  const n = run.glyphs.length;
  let advance = 0;
  let kern: number[] | null = null;
  let offsets: number[] | null = null;
  for (let i = 0; i < n; i++) {
    const p = run.positions[i]!;
    const x = p.xAdvance * scale;
    advance += x;
    const k = x - run.glyphs[i]!.advanceWidth * scale;
    if (k !== 0) (kern ??= new Array<number>(n).fill(0))[i] = k;
    if (p.xOffset !== 0 || p.yOffset !== 0) offsets = [];
  }
  if (offsets) {
    for (let i = 0; i < n; i++) {
      const p = run.positions[i]!;
      offsets.push(p.xAdvance * scale, p.xOffset * scale, p.yOffset * scale);
    }
  }
  return texts ? { advance, glyphs: run.glyphs, kern, offsets, text: texts } : { advance, glyphs: run.glyphs, kern, offsets };
}
