/**
 * References to PDF objects kept as numbers. pdfkit holds what it will
 * write at the end of the file (the page tree, the structure parent tree,
 * the outline) as its objects, each pointing to more objects; a book keeps
 * only their object numbers here, a few bytes each, and writes the
 * references ("12 0 R") when the file ends.
 */

import type { Ids } from '../../shared/ids.js';

export { Ids } from '../../shared/ids.js';

/** Numbers as references to objects: "12 0 R 13 0 R" (a big book's page list has 50,000). */
export function refsTo(ids: Ids): string {
  return joinRows(ids.length, (i) => `${ids.at(i)} 0 R`, ' ');
}

/** Rows joined at a time by {@link joinRows}. */
const ROWS = 4096;

/**
 * `count` rows, `row(i)` each, joined by `separator`, a block of rows at a
 * time: the lists written at the end of a big book's file (its page list,
 * its parent tree) have tens of thousands of rows, and an array of them
 * all, with their strings, was about 10 MB at the end of 50,000 pages.
 */
export function joinRows(count: number, row: (i: number) => string, separator: string): string {
  const blocks: string[] = [];
  for (let from = 0; from < count; from += ROWS) {
    const out: string[] = [];
    for (let i = from; i < Math.min(from + ROWS, count); i++) out.push(row(i));
    blocks.push(out.join(separator));
  }
  return blocks.join(separator);
}

/** The part of a pdfkit document this needs: its catalog (an instance of pdfkit's reference class). */
interface WithRoot {
  _root: object;
}

/** An object pdfkit writes as what `text()` gives (its references are written with `toString`). */
export interface StandIn {
  toString(): string;
}

const protos = new WeakMap<object, { text: object; id: object }>();

/** Subclasses of pdfkit's reference class, made once per copy of pdfkit: one written by `text()`, one as a reference to `id`. */
function protosOf(doc: PDFKit.PDFDocument): { text: object; id: object } {
  const abstract = Object.getPrototypeOf(Object.getPrototypeOf((doc as unknown as WithRoot)._root)) as object;
  let made = protos.get(abstract);
  if (!made) {
    made = {
      text: Object.create(abstract, { toString: { value(this: { text(): string }) { return this.text(); } } }) as object,
      id: Object.create(abstract, { toString: { value(this: { id: number }) { return `${this.id} 0 R`; } } }) as object,
    };
    protos.set(abstract, made);
  }
  return made;
}

/**
 * A stand-in that pdfkit writes as `text()` wherever it goes: an instance
 * of pdfkit's own reference class, which its serializer writes by calling
 * `toString`. `text` is called only when the file is written.
 */
export function standIn(doc: PDFKit.PDFDocument, text: () => string): StandIn {
  const out = Object.create(protosOf(doc).text) as { text(): string };
  out.text = text;
  return out;
}

/** A stand-in for a reference to object `id` (the number is all it holds). */
export function refTo(doc: PDFKit.PDFDocument, id: number): StandIn {
  const out = Object.create(protosOf(doc).id) as { id: number };
  out.id = id;
  return out;
}
