import type { Inline } from '../../model.js';
import type { FontKey } from './fonts.js';
import { drawFurniture, type RunningHead } from './heads.js';
import { PageContents } from './content.js';
import { forgetPage } from './forget.js';
import { pageEnd } from './foot.js';
import type { Line } from './lines.js';
import { leftMargin, textWidth } from './page.js';
import { Setter, type BlockOptions } from './setting.js';
import { Tagger } from './tags.js';
import type { Styles, TextStyle, Theme } from './theme.js';
import { TextWriter } from './writer.js';

export type { BlockOptions } from './setting.js';

/** Literata's cap height in em; used to centre a line's capitals in its line box. */
const CAP_HEIGHT = 0.701;
/** Slack for comparing positions that went through float sums. */
const EPSILON = 0.01;

/**
 * The page cursor of one layout pass: where the next line goes, which page
 * that is, and the few drawing primitives the book is made of. All page
 * breaks go through here, so that a dry flow (no document: it breaks lines
 * and turns pages but draws, tags and writes nothing) and a drawing one make
 * the same decisions; pdfkit's own wrapping and page breaks are never used.
 * Text goes straight into the content stream (`TextWriter`).
 */
export class Flow {
  /** Number of the current page, counting the title page as 1. */
  page = 0;
  /** Top of the next line box, in points from the top of the page. */
  y = 0;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
  /** The structure tree being built. */
  readonly tags: Tagger;
  /** Running head of the pages that follow; null for none. */
  head: RunningHead | null = null;
  /** The pages' content streams, compressed off the main thread; undefined for a dry flow. */
  readonly contents: PageContents | undefined;
  private headOff = false;
  private blank = false;
  private readonly writer: TextWriter | undefined;
  /** How blocks are broken into lines (and the hyphenation and missing characters of this flow). */
  readonly setter: Setter;

  constructor(
    /** The document drawn into; undefined for a dry (measuring) flow. */
    readonly doc: PDFKit.PDFDocument | undefined,
    readonly theme: Theme,
    /** How text is broken into lines; a dry flow measuring for another passes that flow's `setter.dry()`. */
    setter?: Setter,
  ) {
    const { page } = theme;
    this.width = textWidth(page);
    this.top = page.top;
    this.bottom = page.height - page.bottom;
    this.setter = setter ?? new Setter(this.width);
    this.tags = new Tagger(doc);
    this.writer = doc && new TextWriter(doc);
    this.contents = doc && new PageContents();
    doc?.on('pageAdded', () => this.onPageAdded());
  }

  /** The book's type styles. */
  get styles(): Styles {
    return this.theme.styles;
  }

  /** Left edge of the text block on the current page (mirrored books move it). */
  get left(): number {
    return leftMargin(this.theme.page, this.page);
  }

  /** Starts a new page: `head: false` without running head (a story opens on it), `blank: true` empty, without folio either. */
  newPage(options: { head?: boolean; blank?: boolean } = {}): void {
    this.tags.pause();
    this.headOff = options.head === false;
    this.blank = options.blank === true;
    if (!this.doc) return this.onPageAdded();
    this.contents!.close();
    forgetPage(this.doc);
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

  /** Text width in a font, size and OpenType features. */
  measure(font: FontKey, size: number, text: string, features?: readonly string[]): number {
    return this.setter.measure(font, size, text, features);
  }

  /** Breaks content into lines for a block, without drawing. */
  layout(content: readonly Inline[] | string, o: BlockOptions): Line[] {
    return this.setter.layout(content, o);
  }

  /** Height of lines set in a block. */
  height(lines: readonly Line[], o: BlockOptions): number {
    return lines.length * o.style.leading;
  }

  /**
   * Draws lines, continuing on new pages as needed; returns the lines drawn.
   * A paragraph never leaves one line alone at the foot or at the head of a
   * page when it can help it, and never ends a page on a hyphen (`pageEnd`).
   */
  draw(lines: readonly Line[], o: BlockOptions): readonly Line[] {
    let i = 0;
    while (i < lines.length) {
      const room = Math.max(0, Math.floor((this.bottom - this.y + EPSILON) / o.style.leading));
      let end: number;
      ({ lines, end } = pageEnd(lines, i, room, this.atTop, this.setter.breaking(o)));
      for (const line of lines.slice(i, end)) this.drawLine(line, o);
      i = end;
      if (i < lines.length) this.newPage();
    }
    return lines;
  }

  /** Lays out and draws a block; returns its lines. */
  block(content: readonly Inline[] | string, o: BlockOptions): readonly Line[] {
    return this.draw(this.layout(content, o), o);
  }

  /** A block as one structure element (`P`, `H1`, …). */
  tagged(type: string, content: readonly Inline[] | string, o: BlockOptions): readonly Line[] {
    return this.tags.within(type, () => this.block(content, o));
  }

  /** A short centred rule in the middle of a line box of `height`: an ornament, not text. */
  rule(length: number, height: number): void {
    this.ensure(height);
    const mid = this.y + height / 2;
    const x = this.left + (this.width - length) / 2;
    const doc = this.doc;
    if (doc) this.tags.artifact(() => doc.save().moveTo(x, mid).lineTo(x + length, mid).lineWidth(0.5).stroke().restore());
    this.y += height;
  }

  /** Draws a line of a block at the cursor, as content of the open structure element. */
  private drawLine(line: Line, o: BlockOptions): void {
    const baseline = this.y + (o.style.leading + CAP_HEIGHT * o.style.size) / 2;
    this.tags.mark();
    this.drawAt(line, o, this.left + (o.left ?? 0), baseline);
    this.y += o.style.leading;
  }

  /**
   * Draws a line with its left edge at `x` (before alignment) and its
   * baseline at `baseline`. A right-to-left paragraph, justified or set from
   * its start, has its first-line indent at the right and its ragged lines
   * (the last one too) flush right; a full justified line spans the room.
   */
  drawAt(line: Line, o: BlockOptions, x: number, baseline: number): void {
    if (!this.writer) return;
    if (line.base === 1 && (o.align === 'justify' || o.align === 'start')) {
      if (line.stretch === 0) x += line.room - line.width;
    } else {
      x += line.indent;
      if (o.align === 'right') x += line.room - line.width;
      else if (o.align === 'center') x += (line.room - line.width) / 2;
    }
    this.writer.line(line, x, baseline, o.style.size, o.style.features);
  }

  /** Draws a short text without spaces (a page number) in one font, its left edge at `x`. */
  show(text: string, style: TextStyle, x: number, baseline: number): void {
    const line = this.setter.single(text, style, 0);
    this.writer?.line(line, x, baseline, style.size, style.features);
  }

  /** Draws `count` leader dots (or another short text), one every `pitch` points from `x`. */
  repeat(text: string, font: FontKey, style: TextStyle, count: number, x: number, baseline: number, pitch: number): void {
    this.writer?.repeat(font, style.size, text, count, x, baseline, pitch);
  }

  private onPageAdded(): void {
    this.page += 1;
    this.y = this.top;
    if (!this.doc) return; // page numbers and running heads take no room from the text: a dry flow leaves them out
    this.contents!.begin((this.doc as unknown as { page: Parameters<PageContents['begin']>[0] }).page);
    // A blank page's only content is an empty artifact: nothing on it belongs to the text.
    if (this.blank) this.tags.artifact(() => {});
    else drawFurniture(this, this.headOff ? null : this.head);
  }
}
