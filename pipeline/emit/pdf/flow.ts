import type { Inline } from '../../model.js';
import { textInline } from '../../shared/inline.js';
import { fontPath } from './fonts.js';
import { breakLines, linesHere, segmentsOf, type Align, type Line } from './lines.js';
import { PAGE, STYLES, type TextStyle } from './theme.js';
import { wordsOf, type Measure } from './words.js';

/** How a block of text is set. */
export interface BlockOptions {
  style: TextStyle;
  align: Align;
  /** First-line indent. */
  indent?: number;
  /** Extra inset from the left and right margins. */
  left?: number;
  right?: number;
}

/** Literata's cap height in em; used to centre a line's capitals in its line box. */
const CAP_HEIGHT = 0.701;
/** Slack for comparing positions that went through float sums. */
const EPSILON = 0.01;
/** Largest extra space per word gap (in em) a justified line may take; looser lines stay ragged. */
const MAX_STRETCH = 0.6;

/**
 * The page cursor of one layout pass: where the next line goes, which page
 * that is, and the few drawing primitives the book is made of. All page
 * breaks go through here, so that the measuring pass and the real pass make
 * the same decisions; pdfkit's own line wrapping and automatic page breaks
 * are never used.
 */
export class Flow {
  /** Number of the current page, counting the title page as 1. */
  page = 0;
  /** Top of the next line box, in points from the top of the page. */
  y = 0;
  readonly left: number;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;

  constructor(readonly doc: PDFKit.PDFDocument) {
    const { margins } = PAGE;
    this.left = margins.left;
    this.width = PAGE.width - margins.left - margins.right;
    this.top = margins.top;
    this.bottom = PAGE.height - margins.bottom;
    doc.on('pageAdded', () => this.onPageAdded());
  }

  /** Starts a new page. */
  newPage(): void {
    this.doc.addPage();
  }

  /** Whether nothing has been set on the current page yet. */
  get atTop(): boolean {
    return this.y <= this.top + EPSILON;
  }

  /** Vertical space; none at the head of a page. */
  space(height: number): void {
    if (!this.atTop) this.y += height;
  }

  /** Moves to a new page unless `height` fits below the cursor. */
  ensure(height: number): void {
    if (!this.atTop && this.y + height > this.bottom + EPSILON) this.newPage();
  }

  /** Text width in a face and size. */
  readonly measure: Measure = (face, size, text) => this.doc.font(fontPath(face)).fontSize(size).widthOfString(text);

  /** Breaks content into lines for a block, without drawing. */
  layout(content: readonly Inline[] | string, o: BlockOptions): Line[] {
    const inlines = typeof content === 'string' ? textInline(content) : content;
    const width = this.width - (o.left ?? 0) - (o.right ?? 0);
    const indent = o.indent ?? 0;
    const words = wordsOf(inlines, o.style.face, o.style.size, this.measure, width - indent);
    return breakLines(words, width, indent, o.align, MAX_STRETCH * o.style.size);
  }

  /** Height of lines set in a block. */
  height(lines: readonly Line[], o: BlockOptions): number {
    return lines.length * o.style.leading;
  }

  /**
   * Draws lines, continuing on new pages as needed. A paragraph never leaves
   * one line alone at the foot or at the head of a page when it can help it.
   */
  draw(lines: readonly Line[], o: BlockOptions): void {
    let i = 0;
    while (i < lines.length) {
      const room = Math.max(0, Math.floor((this.bottom - this.y + EPSILON) / o.style.leading));
      const take = linesHere(lines.length - i, room, i === 0, this.atTop);
      for (const line of lines.slice(i, i + take)) this.drawLine(line, o);
      i += take;
      if (i < lines.length) this.newPage();
    }
  }

  /** Lays out and draws a block; returns its lines. */
  block(content: readonly Inline[] | string, o: BlockOptions): Line[] {
    const lines = this.layout(content, o);
    this.draw(lines, o);
    return lines;
  }

  /** A clickable area over the full text width that jumps to a named destination. */
  link(top: number, height: number, name: string): void {
    this.doc.goTo(this.left, top, this.width, height, name);
  }

  /** Names the current page as a link target. */
  anchor(name: string): void {
    this.doc.addNamedDestination(name, 'Fit');
  }

  /** Adds a bookmark for the current page under `parent` (default: the outline root). */
  bookmark(title: string, parent: PDFKit.PDFOutline = this.doc.outline): PDFKit.PDFOutline {
    // `fit` is a real pdfkit option missing from @types/pdfkit; without it pdfkit
    // writes an XYZ destination whose left edge is the page's right edge.
    const options = { expanded: false, fit: true };
    return parent.addItem(title, options);
  }

  /** A short centred rule, drawn in the middle of a line box. */
  rule(length: number, o: BlockOptions): void {
    this.ensure(o.style.leading);
    const mid = this.y + o.style.leading / 2;
    const x = this.left + (this.width - length) / 2;
    this.doc.save().moveTo(x, mid).lineTo(x + length, mid).lineWidth(0.5).stroke().restore();
    this.y += o.style.leading;
  }

  private drawLine(line: Line, o: BlockOptions): void {
    const { style } = o;
    const baseline = this.y + (style.leading + CAP_HEIGHT * style.size) / 2;
    let x = this.left + (o.left ?? 0) + line.indent;
    if (o.align === 'right') x += line.room - line.width;
    else if (o.align === 'center') x += (line.room - line.width) / 2;
    for (const seg of segmentsOf(line)) this.show(seg.text, seg.face, style.size, x + seg.x, baseline, seg.wordSpacing);
    this.y += style.leading;
  }

  private show(text: string, face: TextStyle['face'], size: number, x: number, baseline: number, wordSpacing = 0): void {
    this.doc.font(fontPath(face)).fontSize(size);
    // lineBreak: false keeps pdfkit from wrapping or breaking pages on its own.
    this.doc.text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic', wordSpacing: wordSpacing || undefined });
  }

  private onPageAdded(): void {
    this.page += 1;
    this.y = this.top;
    if (this.page > 1) this.drawFolio();
  }

  /** The page number, centred in the bottom margin; the title page has none. */
  private drawFolio(): void {
    const { doc } = this;
    const margins = doc.page.margins;
    const saved = margins.bottom;
    // Text inside the bottom margin must not trigger an automatic page break.
    margins.bottom = 0;
    const { face, size } = STYLES.folio;
    const text = String(this.page);
    const x = this.left + (this.width - this.measure(face, size, text)) / 2;
    this.show(text, face, size, x, PAGE.height - PAGE.folioFromBottom);
    margins.bottom = saved;
  }
}
