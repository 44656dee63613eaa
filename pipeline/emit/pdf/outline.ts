import { Ids, refTo } from './refs.js';
import { TextLog } from './text-log.js';

/** The part of a pdfkit document the outline is written with. */
interface Internals {
  _root: { data: Record<string, unknown> };
  page: { dictionary: { id: number } };
  ref(data: Record<string, unknown>): { id: number; data: Record<string, unknown>; end(): void };
}

/**
 * The book's bookmarks (the PDF outline), kept as a title (in a
 * {@link TextLog}, on disk for a big book), a page's object number and a
 * parent for each until the document ends, and written then.
 * pdfkit's own outline keeps every bookmark as a few objects (its
 * dictionary, destination, title) until the end: about a kilobyte a story.
 * Written the same way: every bookmark closed, its destination the whole
 * page ("Fit").
 */
export class Outline {
  private readonly titles = new TextLog();
  private readonly pages = new Ids();
  /** Each bookmark's parent, as an index into these lists; -1 at the top level. */
  private readonly parents = new Ids();
  /** The top-level bookmarks, in order (indexes). */
  private readonly top = new Ids();

  /** Adds a bookmark to `page` (a page dictionary's object number); returns it, for children. */
  add(title: string, page: number, parent?: number): number {
    const item = this.titles.length;
    this.titles.push(title);
    this.pages.push(page);
    this.parents.push(parent ?? -1);
    if (parent === undefined) this.top.push(item);
    return item;
  }

  /** Top-level bookmarks so far. */
  get topLength(): number {
    return this.top.length;
  }

  /** Moves the top-level bookmarks from index `from` on to the front. */
  toFront(from: number): void {
    this.top.rotate(from);
  }

  /**
   * Writes the outline into `pdf` and makes it the catalog's (nothing if
   * there are no bookmarks); once, before the document ends. Each bookmark
   * is written as soon as it is made, its neighbours named by the object
   * numbers they will get, so only one is ever held as an object.
   */
  write(pdf: PDFKit.PDFDocument): void {
    const n = this.titles.length;
    if (n === 0) return;
    const doc = pdf as unknown as Internals;
    const [prev, next, first, last] = [0, 0, 0, 0].map(() => new Int32Array(n + 1).fill(-1)) as [Int32Array, Int32Array, Int32Array, Int32Array];
    // Index n is the outline's root.
    const join = (parent: number, item: number): void => {
      if (last[parent]! < 0) first[parent] = item;
      else [next[last[parent]!], prev[item]] = [item, last[parent]!];
      last[parent] = item;
    };
    for (let k = 0; k < this.top.length; k++) join(n, this.top.at(k));
    for (let i = 0; i < n; i++) if (this.parents.at(i) >= 0) join(this.parents.at(i), i);
    const root = doc.ref({});
    const ref = (i: number): object => refTo(pdf, i === n ? root.id : root.id + 1 + i);
    const links = (i: number, data: Record<string, unknown>): Record<string, unknown> => {
      if (first[i]! >= 0) Object.assign(data, { First: ref(first[i]!), Last: ref(last[i]!) });
      if (prev[i]! >= 0) data.Prev = ref(prev[i]!);
      if (next[i]! >= 0) data.Next = ref(next[i]!);
      return data;
    };
    const titles = this.titles[Symbol.iterator]();
    for (let i = 0; i < n; i++) {
      const parent = this.parents.at(i);
      const item = doc.ref(links(i, { Dest: [refTo(pdf, this.pages.at(i)), 'Fit'], Parent: ref(parent < 0 ? n : parent), Title: new String(titles.next().value as string) }));
      if (item.id !== root.id + 1 + i) throw new Error('PDF outline: an object was made while the outline was written');
      item.end();
    }
    this.titles.close();
    Object.assign(root.data, links(n, {}));
    root.end();
    doc._root.data.Outlines = root;
    doc._root.data.PageMode ??= 'UseOutlines';
  }
}

const outlines = new WeakMap<object, Outline>();

/** The outline of a document (made when first asked for). */
export function outlineOf(pdf: PDFKit.PDFDocument): Outline {
  let outline = outlines.get(pdf);
  if (!outline) outlines.set(pdf, (outline = new Outline()));
  return outline;
}

/** The object number of the current page's dictionary. */
export const currentPage = (pdf: PDFKit.PDFDocument): number => (pdf as unknown as Internals).page.dictionary.id;
