import { currentPage, outlineOf } from './outline.js';
import { Ids, refTo, writtenRows } from './refs.js';
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
 * until the file ends. Written at the end of the file in the form pdfkit's
 * name tree writes, sorted by name: by this class when every name is
 * plain (lower-case letters, digits, hyphens: the book's own names), a row
 * at a time, as the tree's items, an array and a reference for each of
 * 10,000 stories, and its list of rows were several megabytes at the very
 * end of a big book; else by pdfkit's tree itself, which escapes and
 * encrypts.
 */
class Dests {
  private readonly names = new TextLog();
  private readonly pages = new Ids();

  constructor(private readonly pdf: PDFKit.PDFDocument) {
    const tree = (pdf as unknown as { _root: { data: { Names: { data: { Dests: NameTree } } } } })._root.data.Names.data.Dests;
    const write = tree.toString;
    tree.toString = (encrypt?: unknown): string => {
      const own = encrypt ? undefined : this.plain(tree);
      if (own !== undefined) return own;
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

  /**
   * The tree as pdfkit would write it, if it has no items of its own and
   * every name is plain: sorted by name (pdfkit's `localeCompare` sorts
   * such names as their bytes do, the order the PDF format asks for), the
   * page named last winning for a name given twice; else undefined.
   */
  private plain(tree: NameTree): string | undefined {
    if (Object.keys(tree._items).length > 0) return undefined;
    const names = [...this.names];
    if (!names.every((n) => PLAIN.test(n))) return undefined;
    const last = new Map<string, number>();
    names.forEach((n, i) => last.set(n, i));
    const order = [...last.values()].sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
    this.names.close();
    const out = ['<<'];
    if (order.length > 1) out.push(`  /Limits [(${names[order[0]!]}) (${names[order[order.length - 1]!]})]`);
    out.push('  /Names [');
    if (order.length > 0) out.push(writtenRows(this.pdf, order.length, (k) => `    (${names[order[k]!]}) [${this.pages.at(order[k]!)} 0 R /Fit]`, '\n'));
    out.push(']', '>>');
    return out.join('\n');
  }
}

/** Names written as they are, in parentheses, and sorted alike by bytes and by pdfkit's `localeCompare`. */
const PLAIN = /^[a-z0-9-]+$/;

const dests = new WeakMap<object, Dests>();

function destsOf(pdf: PDFKit.PDFDocument): Dests {
  let made = dests.get(pdf);
  if (!made) dests.set(pdf, (made = new Dests(pdf)));
  return made;
}
