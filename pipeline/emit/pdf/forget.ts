import { pageKids } from './order.js';

/**
 * What pdfkit keeps of a finished page until the document ends, and how
 * little of it is needed.
 *
 * The page tree lists every page's dictionary object, and the structure
 * parent tree lists, for every page, the structure element of each of its
 * marked-content sequences; pdfkit writes both only at the end, and until
 * then they hold the objects themselves, with everything those point to
 * (resources, fonts, a paragraph's element and its parent): about 4.5 KB a
 * page, which made memory grow with the book. All that the end needs of
 * them is their references ("12 0 R"): so once a page is finished both
 * lists keep only those, as text. The page's dictionary object itself is
 * still pointed to from a bookmark or a named destination when a story
 * opens on it, so once pdfkit has written it its contents are dropped.
 */
interface PageDictionary {
  data: { StructParents?: number };
}

interface Internals {
  _root: object;
  page: { dictionary: PageDictionary };
  getStructParentTree(): { _items: Record<number, unknown> };
}

/** Per document, the dictionary of the page finished last: written by pdfkit when the next page was added. */
const written = new WeakMap<object, PageDictionary>();

/** An object pdfkit writes as the text it holds (its references are written with `toString`). */
interface Written {
  text: string;
}

const protos = new WeakMap<object, object>();

/**
 * A stand-in that pdfkit writes as `text`: an instance of pdfkit's own
 * reference class, which its serializer writes by calling `toString`.
 */
function standIn(doc: Internals, text: string): Written {
  const abstract = Object.getPrototypeOf(Object.getPrototypeOf(doc._root)) as object;
  let proto = protos.get(abstract);
  if (!proto) {
    proto = Object.create(abstract, { toString: { value(this: Written) { return this.text; } } }) as object;
    protos.set(abstract, proto);
  }
  const out = Object.create(proto) as Written;
  out.text = text;
  return out;
}

/**
 * Called when the current page is finished (before the next is added):
 * its entries in the page tree and the structure parent tree become plain
 * references. Its marked content is all assigned by then.
 */
export function forgetPage(pdf: PDFKit.PDFDocument): void {
  const doc = pdf as unknown as Internals;
  const before = written.get(doc);
  // Only its reference ("12 0 R") is ever asked of it again.
  if (before) before.data = {};
  const kids = pageKids(pdf);
  const last = kids.length - 1;
  if (last < 0 || kids[last] !== doc.page.dictionary) return;
  written.set(doc, doc.page.dictionary);
  kids[last] = standIn(doc, String(kids[last]));
  const key = doc.page.dictionary.data.StructParents;
  if (key === undefined) return;
  const items = doc.getStructParentTree()._items;
  const parents = items[key];
  if (Array.isArray(parents)) items[key] = standIn(doc, `[${parents.map((p) => (p == null ? 'null' : String(p))).join(' ')}]`);
}
