import { Ids, refsTo, standIn, writtenRows } from './refs.js';

/**
 * What pdfkit keeps of a finished page until the document ends, and how
 * little of it is needed.
 *
 * The page tree lists every page's dictionary object, and the structure
 * parent tree lists, for every page, the structure element of each of its
 * marked-content sequences; pdfkit writes both only at the end, and until
 * then holds them as objects, with everything those point to. All that the
 * end needs of a finished page is numbers: so its dictionary's object
 * number joins one list (the page tree's `Kids` becomes that list, written
 * as references, and the page still being drawn), and its list of
 * structure elements is written at once as an object of its own, the tree
 * keeping its number. The page's dictionary object itself is still pointed
 * to from a named destination when a story opens on it, so once pdfkit has
 * written it its contents are dropped.
 */
interface PageDictionary {
  id: number;
  data: { StructParents?: number };
}

interface ParentTree {
  _items: Record<number, unknown>;
  toString(): string;
}

interface Internals {
  _root: { data: { Pages: { data: { Kids: unknown[] } }; StructTreeRoot?: object } };
  page: { dictionary: PageDictionary };
  getStructParentTree(): ParentTree;
  ref(data: unknown): { id: number; end(): void };
}

/** What is kept of one document's finished pages. */
interface Ledger {
  /** Object numbers of the finished pages' dictionaries, in page-tree order. */
  pages: Ids;
  /** The stand-in at the head of `Kids` that writes `pages`. */
  list: object;
  /** The dictionary of the page finished last: written by pdfkit when the next page was added. */
  written?: PageDictionary;
  /**
   * Parent-tree keys taken out of pdfkit's tree, and the object each points
   * to: a finished page's list, or the structure element of a link.
   */
  keys: Ids;
  lists: Ids;
}

const ledgers = new WeakMap<object, Ledger>();

const internals = (pdf: PDFKit.PDFDocument): Internals => pdf as unknown as Internals;

/** The page tree's `Kids`: pdfkit's own array, so changes to it are the document's. */
export const pageKids = (pdf: PDFKit.PDFDocument): unknown[] => internals(pdf)._root.data.Pages.data.Kids;

const tagged = (pdf: PDFKit.PDFDocument): boolean => internals(pdf)._root.data.StructTreeRoot !== undefined;

function ledgerOf(pdf: PDFKit.PDFDocument): Ledger {
  let ledger = ledgers.get(pdf);
  if (ledger) return ledger;
  const pages = new Ids();
  ledger = { pages, list: standIn(pdf, () => refsTo(pages, pdf)), keys: new Ids(), lists: new Ids() };
  ledgers.set(pdf, ledger);
  // An untagged document has no parent tree (and asking pdfkit for one would make one).
  if (!tagged(pdf)) return ledger;
  const tree = internals(pdf).getStructParentTree();
  const { keys, lists } = ledger;
  // pdfkit writes the tree from its items; finished pages' lists are in the ledger instead.
  // A big book's tree has a row for every page and link: the rows are sorted as numbers, not made into an object each.
  tree.toString = function (this: ParentTree): string {
    const open = Object.entries(this._items).map(([key, value]) => ({ key: Number(key), text: written(value) }));
    const order = Array.from({ length: keys.length + open.length }, (_, i) => i);
    const keyOf = (i: number): number => (i < keys.length ? keys.at(i) : open[i - keys.length]!.key);
    order.sort((a, b) => keyOf(a) - keyOf(b));
    const row = (k: number): string => {
      const i = order[k]!;
      return `    ${keyOf(i)} ${i < keys.length ? `${lists.at(i)} 0 R` : open[i - keys.length]!.text}`;
    };
    return ['<<', '  /Nums [', ...(order.length > 0 ? [writtenRows(pdf, order.length, row, '\n')] : []), ']', '>>'].join('\n');
  };
  return ledger;
}

/** A parent-tree value as pdfkit would write it: a reference, or a list of references and nulls. */
function written(value: unknown): string {
  return Array.isArray(value) ? `[${value.map((v) => (v == null ? 'null' : String(v))).join(' ')}]` : String(value);
}

/** Pages in the page tree so far, finished or not. */
export function pageCount(pdf: PDFKit.PDFDocument): number {
  const ledger = ledgers.get(pdf);
  const open = pageKids(pdf).filter((k) => k !== ledger?.list).length;
  return (ledger?.pages.length ?? 0) + open;
}

/** Moves the current page's dictionary from `Kids` into the ledger's list; returns it, or undefined if it is not there. */
function foldCurrent(pdf: PDFKit.PDFDocument, ledger: Ledger): PageDictionary | undefined {
  const kids = pageKids(pdf);
  const dict = internals(pdf).page?.dictionary;
  if (!dict || kids[kids.length - 1] !== dict) return undefined;
  kids.pop();
  ledger.pages.push(dict.id);
  if (kids[0] !== ledger.list) kids.unshift(ledger.list);
  return dict;
}

/**
 * Called when the current page is finished (before the next is added): it
 * joins the page list, and its list of structure elements (all assigned by
 * then) is written.
 */
export function forgetPage(pdf: PDFKit.PDFDocument): void {
  const ledger = ledgerOf(pdf);
  // Only its reference ("12 0 R") is ever asked of it again.
  if (ledger.written) ledger.written.data = {};
  const dict = foldCurrent(pdf, ledger);
  if (!dict) return;
  ledger.written = dict;
  if (!tagged(pdf)) return;
  const items = internals(pdf).getStructParentTree()._items;
  // A link's key points to its structure element: only the element's number is written, and
  // pdfkit's tree would keep the element's dictionary, its parent's and theirs, a contents entry each.
  for (const [key, value] of Object.entries(items)) {
    if (Array.isArray(value)) continue;
    ledger.keys.push(Number(key));
    ledger.lists.push((value as { id: number }).id);
    delete items[Number(key)];
  }
  const key = dict.data.StructParents;
  const parents = key === undefined ? undefined : items[key];
  if (!Array.isArray(parents)) return;
  const ref = internals(pdf).ref(parents);
  ref.end();
  delete items[key!];
  ledger.keys.push(key!);
  ledger.lists.push(ref.id);
}

/** Moves the pages from index `from` on (the current one included) to the front of the page tree. */
export function pagesToFront(pdf: PDFKit.PDFDocument, from: number): void {
  const ledger = ledgerOf(pdf);
  foldCurrent(pdf, ledger);
  ledger.pages.rotate(from);
}

/** The parts of pdfkit's structure element this touches. */
interface Element {
  _children: unknown[];
  _flushed: boolean;
  dictionary: { id: number };
}

/** Per copy of pdfkit: a structure element that is written and ended, and does nothing more. */
const doneElements = new WeakMap<object, object>();

/** A stand-in for ended children in a row: their object numbers, written as their references. */
interface DoneRun {
  dictionary: object;
  ids: Ids;
}

/** Stand-ins made by {@link forgetElement}, so that the next ended child can join the one before it. */
const runs = new WeakSet<object>();

/**
 * Called when `child`, the last child of `parent`, is ended: if pdfkit has
 * written it, it leaves `parent`'s list of children, its object number
 * joining the stand-in for the ended children just before it (one that
 * pdfkit takes for a written, ended element whose reference is all of
 * theirs). pdfkit keeps an ended element, with its dictionary, until its
 * parent ends, and the parents of a big book's stories, contents entries
 * and contributors are open to the end; a stand-in for each, with its
 * reference, was still about 150 bytes a story. All the parent asks of
 * them then is their references (for its `K`, where they are written one
 * after another, as before) and whether they are done.
 */
export function forgetElement(pdf: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, child: PDFKit.PDFStructureElement): void {
  const [p, c] = [parent as unknown as Element, child as unknown as Element];
  const last = p._children.length - 1;
  if (!c._flushed || p._children[last] !== child) return;
  const before = p._children[last - 1] as DoneRun | undefined;
  if (before && runs.has(before)) {
    before.ids.push(c.dictionary.id);
    p._children.pop();
    return;
  }
  const proto = Object.getPrototypeOf(child) as object;
  let done = doneElements.get(proto);
  if (!done) {
    const nothing = { value(): void {} };
    const flag = { value: true };
    done = Object.create(proto, { end: nothing, setAttached: nothing, _flush: nothing, _isFlushable: { value: (): boolean => true }, _ended: flag, _flushed: flag, _attached: flag }) as object;
    doneElements.set(proto, done);
  }
  // Most runs are a section's few paragraphs; the book's stories are one long one.
  const ids = new Ids(8);
  ids.push(c.dictionary.id);
  const run = Object.create(done) as DoneRun;
  run.dictionary = standIn(pdf, () => refsTo(ids, pdf));
  run.ids = ids;
  runs.add(run);
  p._children[last] = run;
}

/**
 * Ends the run of ended children at the end of `parent`'s list: those ended
 * from now on make a run of their own, so that the list's length now marks
 * a place between them (see `orderMark`, which moves what follows it).
 */
export function sealChildren(parent: PDFKit.PDFStructureElement): void {
  const list = (parent as unknown as Element)._children;
  const last = list[list.length - 1];
  if (last) runs.delete(last);
}
