import { advance, canSet, face, measure, setLine, wrap, type Font } from './fonts.js';
import { Canvas, type Rgb } from './canvas.js';
import { Mask } from './raster.js';

/** The words on a generated cover. */
export interface CoverText {
  title: string;
  subtitle?: string;
  /** Known authors, in book order; none means the cover names none. */
  authors: string[];
  editor?: string;
}

/** Pixel size of the generated cover: the 1:1.6 portrait stores ask for (1600 × 2560). */
export const COVER_SIZE = { width: 1600, height: 2560 } as const;

const INK: Rgb = [28, 43, 58];
const GOLD: Rgb = [201, 164, 92];
const PAPER: Rgb = [245, 236, 216];
const SOFT: Rgb = [222, 211, 189];
/** The text column: 200 px margins each side. */
const COLUMN = 1200;

/** Words the cover itself adds (kept with the design rather than in shared labels: the cover is an image). */
export const COVER_WORDS = { editedBy: 'Edited by', more: (n: number) => `and ${n} more` } as const;

/**
 * Draws the cover: a framed, dark page with the title large, an ornament
 * and the authors below it, and the editor at the foot.
 * Text the font cannot set (a script Literata lacks) is left off rather than
 * printed as boxes; the title page and the metadata carry it in full.
 */
export function drawCover(text: CoverText): Canvas {
  const { width, height } = COVER_SIZE;
  const c = new Canvas(width, height, INK);
  frame(c);
  const bold = face('bold');
  const italic = face('italic');
  const regular = face('regular');

  const title = canSet(bold, text.title) ? fit(bold, text.title, 150, 64, 5) : null;
  const subtitle = text.subtitle && canSet(italic, text.subtitle) ? fit(italic, text.subtitle, 64, 40, 2) : null;
  const editorLine = text.editor ? `${COVER_WORDS.editedBy} ${text.editor}` : '';
  const editor = editorLine && canSet(italic, editorLine) ? fit(italic, editorLine, 60, 36, 2) : null;
  const editorTop = height - 240 - (editor ? block(editor) : 0);

  // Title, ornament and authors form one block, set a little above the middle of the room
  // between the frame's top (y = 300) and the editor line; the authors get what the title leaves.
  const top = 300;
  const bottom = editorTop - 80;
  const titleHeight = (title ? block(title) : 0) + (subtitle ? 40 + block(subtitle) : 0);
  const gap = 230;
  const authors = authorLines(regular, text.authors, bottom - top - titleHeight - gap);
  const total = titleHeight + gap + (authors ? block(authors) : 0);
  let y = top + Math.round(Math.max(0, bottom - top - total) * 0.4);
  if (title) y = draw(c, bold, title, y, PAPER);
  if (subtitle) y = draw(c, italic, subtitle, y + 40, SOFT);
  ornament(c, width / 2, y + 110);
  if (authors) draw(c, regular, authors, y + gap, PAPER);
  if (editor) draw(c, italic, editor, editorTop, SOFT);
  return c;
}

/** Lines of text at one size, with their line height. */
interface Fitted {
  lines: string[];
  size: number;
  leading: number;
}

const block = (f: Fitted): number => f.lines.length * f.leading;

/**
 * The largest size from `max` down to `min` at which the text fits the
 * column in at most `maxLines` lines (and `maxHeight` pixels); at `min`,
 * what does not fit is cut with an ellipsis.
 */
function fit(font: Font, text: string, max: number, min: number, maxLines: number, maxHeight = Infinity): Fitted {
  for (let size = max; ; size -= 4) {
    const leading = Math.round(size * 1.2);
    const lines = wrap(font, text, size, COLUMN);
    const room = Math.max(1, Math.min(maxLines, Math.floor(maxHeight / leading)));
    const fits = lines.length <= room && lines.every((l) => measure(font, l, size) <= COLUMN);
    if (fits || size <= min) return { lines: fits ? lines : clip(font, lines, size, room), size, leading };
  }
}

/** Lines cut to `maxLines`, the last ending in an ellipsis, each no wider than the column. */
function clip(font: Font, lines: string[], size: number, maxLines: number): string[] {
  const out = lines.slice(0, maxLines).map((l) => shorten(font, l, size));
  if (lines.length > maxLines) out[maxLines - 1] = shorten(font, `${out[maxLines - 1]}…`, size);
  return out;
}

/**
 * A line cut at its end, with an ellipsis, to the column's width: the
 * longest start of it (in characters, an ellipsis it ends with left off)
 * that fits with an ellipsis after it, or the ellipsis alone. Found by
 * halving, as a start's width never falls as it grows: cutting a character
 * at a time measured a 2,000-character title 2,000 times (10 s).
 */
export function shorten(font: Font, line: string, size: number): string {
  if (line.length <= 1 || measure(font, line, size) <= COLUMN) return line;
  const chars = [...line.replace(/…$/u, '')];
  const cut = (k: number): string => `${chars.slice(0, k).join('')}…`;
  // The longest start that fits lies in [lo, hi]; the ellipsis alone is what is left when none does.
  let [lo, hi] = [0, chars.length - 1];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(font, cut(mid), size) <= COLUMN) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}

/**
 * The authors: one per line when there are few and each fits, else one
 * running line "A, B and C" wrapped. Names the font cannot set, and names
 * that do not fit in `maxHeight`, are counted as "and N more".
 */
function authorLines(font: Font, authors: readonly string[], maxHeight: number): Fitted | null {
  const settable = authors.filter((a) => canSet(font, a));
  const missing = authors.length - settable.length;
  if (settable.length === 0) return null;
  if (authors.length <= 6) {
    for (let size = 72; size >= 48; size -= 4) {
      const lines = missing ? [...settable, COVER_WORDS.more(missing)] : [...settable];
      const leading = Math.round(size * 1.35);
      if (lines.length * leading <= maxHeight && lines.every((l) => measure(font, l, size) <= COLUMN)) return { lines, size, leading };
    }
  }
  // Fewest names cut: the most that fit at the smallest size, then the largest size for those.
  const maxLines = Math.floor(maxHeight / Math.round(40 * 1.2));
  const text = namesText(font, settable, authors.length, maxLines);
  return text === null ? null : fit(font, text, 64, 40, maxLines, maxHeight);
}

/**
 * The running line naming the most of `names` (the settable ones of
 * `total` authors) that wraps into `maxLines` lines at the smallest size:
 * "A, B and C", or "A, B and 7 more"; null if not even one fits.
 */
export function namesText(font: Font, names: readonly string[], total: number, maxLines: number): string | null {
  for (let shown = Math.min(names.length, mostThatMayFit(font, names, 40, maxLines)); shown > 0; shown--) {
    const rest = total - shown;
    const some = names.slice(0, shown);
    const text = rest ? `${some.join(', ')} ${COVER_WORDS.more(rest)}` : some.length > 1 ? `${some.slice(0, -1).join(', ')} and ${some.at(-1)}` : some[0]!;
    if (wrap(font, text, 40, COLUMN).length <= maxLines) return text;
  }
  return null;
}

/**
 * How many of `names`, at most, can fit in `maxLines` lines at `size`: the
 * names before the first that would overflow the room even with no space
 * wasted at line ends. Trying every count from the last name down would
 * wrap the whole list once per name, a time that grows with the square of
 * the names (5 s for 3,000 authors); counts above this one cannot fit, so
 * starting here gives the same cover.
 */
function mostThatMayFit(font: Font, names: readonly string[], size: number, maxLines: number): number {
  // In the lines `wrap` makes, a line's words are never wider than the line,
  // unless one word alone is: so no word counts for more than a line.
  const line = (COLUMN * font.unitsPerEm) / size;
  const room = maxLines * line;
  let used = 0;
  for (let k = 0; k < names.length; k++) {
    // Each word as narrow as it can be in the text: with or without the comma that may follow it.
    for (const word of names[k]!.split(/\s+/u).filter(Boolean)) used += Math.min(advance(font, word), advance(font, `${word},`), line);
    if (used > room) return k;
  }
  return names.length;
}

/** Draws lines centred in the column from top `y` (the top of the first line box); returns the y below the last. */
function draw(c: Canvas, font: Font, f: Fitted, y: number, color: Rgb): number {
  for (const l of f.lines) {
    const set = setLine(font, l, f.size);
    // The baseline sits at 0.8 of the line box, as the cap height and descenders of Literata balance there.
    const baseline = y + Math.round(f.leading * 0.8);
    const left = Math.round((c.width - set.advance) / 2) - set.left;
    c.paint(set.mask, left, baseline - set.baseline, color);
    y += f.leading;
  }
  return y;
}

/** A double rule around the page. */
function frame(c: Canvas): void {
  const rule = (inset: number, t: number): void => {
    c.fillRect(inset, inset, c.width - 2 * inset, t, GOLD);
    c.fillRect(inset, c.height - inset - t, c.width - 2 * inset, t, GOLD);
    c.fillRect(inset, inset, t, c.height - 2 * inset, GOLD);
    c.fillRect(c.width - inset - t, inset, t, c.height - 2 * inset, GOLD);
  };
  rule(72, 6);
  rule(96, 2);
}

/** A small diamond between two rules, centred on (x, y). */
function ornament(c: Canvas, x: number, y: number): void {
  const size = 100;
  const m = new Mask(2 * size * 3, 2 * size);
  const cx = size * 3;
  const cy = size;
  m.polygon([[cx, cy - 20], [cx + 20, cy], [cx, cy + 20], [cx - 20, cy]]);
  m.polygon([[cx - 240, cy - 1.5], [cx - 44, cy - 1.5], [cx - 44, cy + 1.5], [cx - 240, cy + 1.5]]);
  m.polygon([[cx + 44, cy - 1.5], [cx + 240, cy - 1.5], [cx + 240, cy + 1.5], [cx + 44, cy + 1.5]]);
  c.paint(m, Math.round(x - cx), Math.round(y - cy), GOLD);
}
