import { currentPage, outlineOf } from './outline.js';
import { Ids, refTo } from './refs.js';
import { TextLog } from './text-log.js';
import type { Flow } from './flow.js';

/** A clickable area over the full text width that jumps to a named destination; part of the open structure element. */
export function link(flow: Flow, top: number, height: number, name: string, description: string): void {
  if (!flow.doc) return;
  // A String object: pdfkit writes a plain string as a PDF name.
  const options = { structParent: flow.tags.current, Contents: new String(description) };
  flow.doc.goTo(flow.left, top, flow.width, height, name, options as unknown as PDFKit.Mixins.AnnotationOption);
}

/** Names the current page as a link target (its whole page, "Fit"). */
export function anchor(flow: Flow, name: string): void {
  if (flow.doc) destsOf(flow.doc).add(name, currentPage(flow.doc));
}

/** Adds a bookmark for the current page under `parent` (default: the top level); none in a dry flow. */
export function bookmark(flow: Flow, title: string, parent?: number): number | undefined {
  if (!flow.doc) return undefined;
  return outlineOf(flow.doc).add(title, currentPage(flow.doc), parent);
}

/** The part of pdfkit's name tree the destinations are written through. */
interface NameTree {
  _items: Record<string, unknown>;
  toString(encrypt?: unknown): string;
}

/**
 * The document's named destinations, kept as a name (in a {@link TextLog},
 * on disk for a big book) and a page's object number each. pdfkit's own
 * keeps each as an array holding the page's dictionary, object and all,
 * until the file ends. Written by pdfkit's name tree, as it would write
 * its own: made whole when the tree is written, at the end of the file.
 */
class Dests {
  private readonly names = new TextLog();
  private readonly pages = new Ids();

  constructor(pdf: PDFKit.PDFDocument) {
    const tree = (pdf as unknown as { _root: { data: { Names: { data: { Dests: NameTree } } } } })._root.data.Names.data.Dests;
    const write = tree.toString;
    tree.toString = (encrypt?: unknown): string => {
      let i = 0;
      for (const name of this.names) tree._items[name] = [refTo(pdf, this.pages.at(i++)), 'Fit'];
      this.names.close();
      return write.call(tree, encrypt);
    };
  }

  add(name: string, page: number): void {
    this.names.push(name);
    this.pages.push(page);
  }
}

const dests = new WeakMap<object, Dests>();

function destsOf(pdf: PDFKit.PDFDocument): Dests {
  let made = dests.get(pdf);
  if (!made) dests.set(pdf, (made = new Dests(pdf)));
  return made;
}
