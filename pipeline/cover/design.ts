import { face, fontFor, setLine, type Font } from './fonts.js';
import { Canvas, type Rgb } from './canvas.js';
import { Mask } from './raster.js';
import { authorLines, block, COVER_WORDS, fit, type CoverWords, type Fitted } from './fit.js';

/** The words on a generated cover. */
export interface CoverText {
  title: string;
  subtitle?: string;
  /** Known authors, in book order; none means the cover names none. */
  authors: string[];
  editor?: string;
  /** The words around the names, in the book's language; absent: English. */
  words?: CoverWords;
}

/** Pixel size of the generated cover: the 1:1.6 portrait stores ask for (1600 × 2560). */
export const COVER_SIZE = { width: 1600, height: 2560 } as const;

const INK: Rgb = [28, 43, 58];
const GOLD: Rgb = [201, 164, 92];
const PAPER: Rgb = [245, 236, 216];
const SOFT: Rgb = [222, 211, 189];


/**
 * Draws the cover: a framed, dark page with the title large, an ornament
 * and the authors below it, and the editor at the foot.
 * Text Literata cannot set is set in the first of the PDF's script fonts
 * that has all of it (`fontFor`: Chinese, Korean, Thai, Hindi, …); text no
 * font can set whole (a script set right to left, say) is left off rather
 * than printed as boxes; the title page and the metadata carry it in full.
 */
export function drawCover(text: CoverText): Canvas {
  const { width, height } = COVER_SIZE;
  const c = new Canvas(width, height, INK);
  frame(c);
  const bold = fontFor('bold', text.title);
  const italic = text.subtitle ? fontFor('italic', text.subtitle) : null;
  const words = text.words ?? COVER_WORDS;
  const editorLine = text.editor ? `${words.editedBy} ${text.editor}` : '';
  const byline = editorLine ? fontFor('italic', editorLine) : null;
  // All the authors in one font: a fallback when it can set every name, else Literata, which names those it can.
  const regular = fontFor('regular', text.authors.join(' ')) ?? face('regular');

  const title = bold ? fit(bold, text.title, 150, 64, 5) : null;
  const subtitle = italic && text.subtitle ? fit(italic, text.subtitle, 64, 40, 2) : null;
  const editor = byline ? fit(byline, editorLine, 60, 36, 2) : null;
  const editorTop = height - 240 - (editor ? block(editor) : 0);

  // Title, ornament and authors form one block, set a little above the middle of the room
  // between the frame's top (y = 300) and the editor line; the authors get what the title leaves.
  const top = 300;
  const bottom = editorTop - 80;
  const titleHeight = (title ? block(title) : 0) + (subtitle ? 40 + block(subtitle) : 0);
  const gap = 230;
  const authors = authorLines(regular, text.authors, bottom - top - titleHeight - gap, words);
  const total = titleHeight + gap + (authors ? block(authors) : 0);
  let y = top + Math.round(Math.max(0, bottom - top - total) * 0.4);
  if (title && bold) y = draw(c, bold, title, y, PAPER);
  if (subtitle && italic) y = draw(c, italic, subtitle, y + 40, SOFT);
  ornament(c, width / 2, y + 110);
  if (authors) draw(c, regular, authors, y + gap, PAPER);
  if (editor && byline) draw(c, byline, editor, editorTop, SOFT);
  return c;
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
