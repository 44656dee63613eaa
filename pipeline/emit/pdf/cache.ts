/**
 * A map that forgets: it holds at most about twice `limit` entries, so a
 * cache filled from a whole book stays the size of what is in use. Entries
 * live in two generations; when the young one is full the old one is
 * dropped and the young one becomes old. An entry found in the old
 * generation moves back to the young one, so words used throughout a book
 * stay cached while those of one story age out after it.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(readonly limit: number) {}

  /** The value for `key`, if it is still cached. */
  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  /** Caches a value; may drop the oldest generation. */
  set(key: K, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Entries held (both generations; a key may be counted twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
