import { forgetElement } from './forget.js';

/**
 * Structure types that hold other elements, never content of their own.
 * Everything else (H1, P, Link, …) is a leaf that marks the text drawn while
 * it is open.
 */
const CONTAINERS = new Set(['Document', 'Part', 'Sect', 'Div', 'BlockQuote', 'TOC', 'TOCI', 'Note']);

/** Options of a structure element: its language, when it differs from the book's. */
export interface TagOptions {
  lang?: string;
}

interface Open {
  type: string;
  /** Undefined in a dry flow, which builds no tree. */
  elem: PDFKit.PDFStructureElement | undefined;
  /** Whether a marked-content sequence for this element is open on the current page. */
  marked: boolean;
}

/**
 * The structure tree of a tagged PDF, built as the book is drawn, so that a
 * screen reader can follow headings and paragraphs in order. Elements are
 * ended (and so written out by pdfkit) as soon as they close: memory holds
 * only the open path from the root, never the tree of the whole book.
 *
 * Marked content never spans pages: `pause` closes the open sequence before
 * a page turn, and the next drawing opens a new one on the new page, added
 * to the same element.
 *
 * Without a document (a dry flow) it only keeps track of what is open.
 */
export class Tagger {
  private readonly stack: Open[] = [];

  constructor(private readonly doc: PDFKit.PDFDocument | undefined) {}

  /** Opens an element under the current one (or as the root). */
  open(type: string, options: TagOptions = {}): void {
    this.pause();
    const elem = this.doc?.struct(type, options.lang ? { lang: options.lang } : {});
    const parent = this.stack[this.stack.length - 1];
    if (elem && parent) parent.elem!.add(elem);
    else if (elem) this.doc!.addStructure(elem);
    this.stack.push({ type, elem, marked: false });
  }

  /** Closes the innermost element. */
  close(): void {
    this.pause();
    const top = this.stack.pop();
    if (!top?.elem) return;
    top.elem.end();
    const parent = this.stack[this.stack.length - 1]?.elem;
    if (parent) forgetElement(this.doc!, parent, top.elem);
  }

  /** Runs `draw` inside a new element. */
  within<T>(type: string, draw: () => T, options?: TagOptions): T {
    this.open(type, options);
    try {
      return draw();
    } finally {
      this.close();
    }
  }

  /** The outermost open element (the `Document`); undefined in a dry flow or before it opens. */
  get root(): PDFKit.PDFStructureElement | undefined {
    return this.stack[0]?.elem;
  }

  /** The innermost open element, e.g. for a link annotation to belong to. */
  get current(): PDFKit.PDFStructureElement | undefined {
    return this.stack[this.stack.length - 1]?.elem;
  }

  /**
   * Called before anything is drawn: makes sure what follows is marked as
   * content of the innermost leaf. Drawing with only containers open (rules,
   * ornaments) is marked as an artifact instead, which readers skip.
   */
  mark(): void {
    const top = this.stack[this.stack.length - 1];
    if (!top?.elem || top.marked) return;
    if (CONTAINERS.has(top.type)) return;
    top.elem.add(this.doc!.markStructureContent(top.type));
    top.marked = true;
  }

  /** Closes the open marked-content sequence, if any (before a page turn or an artifact). */
  pause(): void {
    const top = this.stack[this.stack.length - 1];
    if (top?.marked) {
      this.doc!.endMarkedContent();
      top.marked = false;
    }
  }

  /** Draws something that is not part of the text (page number, running head, ornament). */
  artifact(draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
    if (!this.doc) return;
    this.pause();
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** Whether drawing now would be content (a leaf is open) rather than an artifact. */
  get inLeaf(): boolean {
    const top = this.stack[this.stack.length - 1];
    return top !== undefined && !CONTAINERS.has(top.type);
  }

  /** Closes every open element; called once, before the document ends. */
  finish(): void {
    while (this.stack.length > 0) this.close();
  }
}
