/**
 * Hands results that come in any order (two threads take jobs from one
 * counter, and a cache answers some at once) to `use` in index order, each
 * as soon as every one before it is in. Only those that came early wait,
 * a few at a time: a big book's results are not all held until the last.
 */
export class InOrder<T> {
  private next = 0;
  private readonly early = new Map<number, T>();

  constructor(private readonly use: (value: T, index: number) => void) {}

  /** How many have been used: all before this index. */
  get used(): number {
    return this.next;
  }

  /** The result of job `i`, used now if its turn has come, else when it does. */
  put(i: number, value: T): void {
    if (i !== this.next) {
      this.early.set(i, value);
      return;
    }
    this.use(value, i);
    for (this.next++; this.early.has(this.next); this.next++) {
      const waiting = this.early.get(this.next)!;
      this.early.delete(this.next);
      this.use(waiting, this.next);
    }
  }
}
