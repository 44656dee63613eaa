/**
 * A growing list of integers (object numbers, offsets in a file): 4 bytes
 * each, or 8 once one does not fit in 32 bits. A big book keeps a few for
 * each of its stories or pages until the end; as a plain array of numbers
 * or of small objects they would cost the collector far more.
 */
export class Ids {
  private items: Int32Array | Float64Array;
  /** Numbers held. */
  length = 0;

  /** `capacity`: numbers held before the list first grows (it doubles). */
  constructor(capacity = 64) {
    this.items = new Int32Array(Math.max(1, capacity));
  }

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

  private resize(size: number, wide = this.items instanceof Float64Array): void {
    const more = wide ? new Float64Array(size) : new Int32Array(size);
    more.set(this.items.subarray(0, this.length));
    this.items = more;
  }
}
