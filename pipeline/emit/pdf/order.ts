import { pageCount, pagesToFront, sealChildren } from './forget.js';
import { outlineOf } from './outline.js';

/**
 * The parts of a pdfkit document whose order is the book's order: the page
 * tree, the children of the structure tree's root, and the outline. None of
 * them is written before the document ends, so what was made last can
 * still be moved to the front (see `setBook`).
 */

/** How far the ordered parts of a document had grown at some moment. */
export interface OrderMark {
  pages: number;
  elements: number;
  outline: number;
}

const children = (root: PDFKit.PDFStructureElement): unknown[] => (root as unknown as { _children: unknown[] })._children;

/** Where the document's pages, the root element's children and the outline end now. */
export function orderMark(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement): OrderMark {
  // Children ended after this must not join the stand-in for those ended before.
  sealChildren(root);
  return { pages: pageCount(doc), elements: children(root).length, outline: outlineOf(doc).topLength };
}

/**
 * Moves the pages, root structure elements and top-level bookmarks made
 * since `mark` in front of all those made before it. The root element must
 * still be open: its list of children is written when it ends.
 */
export function moveToFront(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, mark: OrderMark): void {
  pagesToFront(doc, mark.pages);
  rotate(children(root), mark.elements);
  outlineOf(doc).toFront(mark.outline);
}

/** Moves the items from index `from` on to the front, in place. */
export function rotate(items: unknown[], from: number): void {
  items.unshift(...items.splice(from));
}
