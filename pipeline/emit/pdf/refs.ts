/**
 * References to PDF objects kept as numbers. pdfkit holds what it will
 * write at the end of the file (the page tree, the structure parent tree,
 * the outline) as its objects, each pointing to more objects; a book keeps
 * only their object numbers here, a few bytes each, and writes the
 * references ("12 0 R") when the file ends.
 */

/**
 * A growing list of object numbers (or other integers): 4 bytes each, or 8
 * once one does not fit in 32 bits (a file's byte offsets past 2 GiB).
 */
export class Ids {
  private items: Int32Array | Float64Array = new Int32Array(64);
  /** Numbers held. */
  length = 0;

  push(id: number): void {
    if (this.length === this.items.length) this.resize(this.items.length * 2);
    this.set(this.length++, id);
  }

  /** Sets the number at index `i` (below `length`). */
  set(i: number, id: number): void {
    if (this.items instanceof Int32Array && (id | 0) !== id) this.resize(this.items.length, true);
    this.items[i] = id;
  }

  at(i: number): number {
    return this.items[i]!;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.length; i++) yield this.items[i]!;
  }

  /** Moves the numbers from index `from` on to the front, in place. */
  rotate(from: number): void {
    const head = this.items.slice(0, from);
    this.items.copyWithin(0, from, this.length);
    this.items.set(head, this.length - from);
  }

  /** The numbers as references to objects: "12 0 R 13 0 R". */
  refs(): string {
    const out: string[] = [];
    for (let i = 0; i < this.length; i++) out.push(`${this.items[i]} 0 R`);
    return out.join(' ');
  }

  private resize(size: number, wide = this.items instanceof Float64Array): void {
    const more = wide ? new Float64Array(size) : new Int32Array(size);
    more.set(this.items.subarray(0, this.length));
    this.items = more;
  }
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

/** The parts of pdfkit's document that keep its cross-reference offsets. */
interface OffsetKeeper {
  _offsets: { length: number; push(offset: null): unknown; [Symbol.iterator](): Iterator<number | null> };
  _waiting: number;
  _ended: boolean;
  _finalize(): void;
  _refEnd(ref: { id: number; offset: number }): void;
}

/**
 * The byte offset of each object of a file, as pdfkit writes them in its
 * cross-reference table, in {@link Ids}: 4 bytes an object, where pdfkit's
 * array of numbers takes 8 and grows by half again when full (a big book
 * has hundreds of thousands of objects, kept to the end).
 */
export class Offsets {
  private readonly ids = new Ids();

  /** Objects numbered so far, written or not. */
  get length(): number {
    return this.ids.length;
  }

  /** Numbers one more object (pdfkit pushes `null` for an object it has not written yet). */
  push(_offset: null): number {
    this.ids.push(0);
    return this.ids.length;
  }

  /** Where object number `i + 1` was written. */
  set(i: number, offset: number): void {
    this.ids.set(i, offset);
  }

  [Symbol.iterator](): Iterator<number> {
    return this.ids[Symbol.iterator]();
  }
}

/** Makes `doc` keep its cross-reference offsets in {@link Offsets}, those it has already numbered included. */
export function keepOffsets(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as OffsetKeeper;
  const offsets = new Offsets();
  const known = [...d._offsets];
  for (const [i, offset] of known.entries()) {
    offsets.push(null);
    if (offset !== null) offsets.set(i, offset);
  }
  d._offsets = offsets;
  // pdfkit's own `_refEnd`, with the offset kept in the typed array.
  d._refEnd = function (this: OffsetKeeper, ref): void {
    offsets.set(ref.id - 1, ref.offset);
    if (--this._waiting === 0 && this._ended) {
      this._finalize();
      this._ended = false;
    }
  };
}
