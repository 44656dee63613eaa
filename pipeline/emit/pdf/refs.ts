/**
 * References to PDF objects kept as numbers. pdfkit holds what it will
 * write at the end of the file (the page tree, the structure parent tree,
 * the outline) as its objects, each pointing to more objects; a book keeps
 * only their object numbers here, a few bytes each, and writes the
 * references ("12 0 R") when the file ends.
 */

import { randomBytes } from 'node:crypto';
import type { Ids } from '../../shared/ids.js';

export { Ids } from '../../shared/ids.js';

/**
 * Numbers as references to objects: "12 0 R 13 0 R" (a big book's page list
 * has 50,000). Given the document that writes them, a long list is written
 * as it goes into the file ({@link writtenRows}).
 */
export function refsTo(ids: Ids, doc?: PDFKit.PDFDocument): string {
  const row = (i: number): string => `${ids.at(i)} 0 R`;
  return doc ? writtenRows(doc, ids.length, row, ' ') : joinRows(ids.length, row, ' ');
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
  return [...rowBlocks(count, row, separator)].join('');
}

/** The text of {@link joinRows} a block of rows at a time, each block after the first opening with `separator`. */
function* rowBlocks(count: number, row: (i: number) => string, separator: string): Generator<string> {
  for (let from = 0; from < count; from += ROWS) {
    const out: string[] = [];
    for (let i = from; i < Math.min(from + ROWS, count); i++) out.push(row(i));
    yield (from > 0 ? separator : '') + out.join(separator);
  }
}

/** Placeholders of each document's long lists of rows still to be written, and how to make their text. */
const waiting = new WeakMap<object, Map<string, () => Iterable<string>>>();

/** How every placeholder starts: a NUL, and a mark no text of a book holds. */
const PLACEHOLDER = `\0anthologist-rows-${randomBytes(8).toString('hex')}-`;
let placeholders = 0;

/**
 * {@link joinRows}, for text that `doc` writes into its file: a long list
 * (more than a block of rows) is given as a placeholder, and its rows are
 * written a block at a time where the placeholder is, when the object that
 * holds it is written (see `writeInto`). The structure parent tree, the
 * page list and the named destinations at the end of a 40,000-story book
 * are megabytes each, and each was joined, then copied whole into the
 * object holding it, then into that object's text: about 20 MB for the
 * parent tree alone, at the very end of the book, its peak.
 */
export function writtenRows(doc: PDFKit.PDFDocument, count: number, row: (i: number) => string, separator: string): string {
  if (count <= ROWS) return joinRows(count, row, separator);
  const placeholder = `${PLACEHOLDER}${placeholders++}\0`;
  let mine = waiting.get(doc);
  if (!mine) waiting.set(doc, (mine = new Map()));
  mine.set(placeholder, () => rowBlocks(count, row, separator));
  return placeholder;
}

/**
 * `text` as `doc` writes it, in pieces, each placeholder of
 * {@link writtenRows} in it replaced by its rows, which are then let go;
 * undefined if it holds none.
 */
export function expandRows(doc: PDFKit.PDFDocument, text: string): Iterable<string> | undefined {
  const mine = waiting.get(doc);
  // Only a document that made placeholders looks for them (most of its lines come before it makes any).
  if (!mine || !text.includes(PLACEHOLDER)) return undefined;
  return (function* () {
    let at = 0;
    for (let start = text.indexOf(PLACEHOLDER); start >= 0; start = text.indexOf(PLACEHOLDER, at)) {
      const end = text.indexOf('\0', start + 1) + 1;
      const placeholder = text.slice(start, end);
      const rows = mine.get(placeholder);
      if (!rows) throw new Error('a list of rows was written twice, or by another document');
      mine.delete(placeholder);
      yield text.slice(at, start);
      yield* rows();
      at = end;
    }
    yield text.slice(at);
  })();
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
