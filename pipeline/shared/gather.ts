/**
 * Pieces (strings or bytes) gathered until there are `limit` characters or
 * bytes of them, then handed to `write` joined: one write a piece costs more
 * than the pieces themselves for the many small ones of a big book (a cache
 * value, a message line), and all of them joined at once would hold the
 * whole output in memory. `add` and `flush` return what `write` returned
 * when they wrote (a promise to wait for, say), else undefined.
 */
export class Gather<T extends { readonly length: number }, R = void> {
  private parts: T[] = [];
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly join: (parts: T[], size: number) => T,
    private readonly write: (joined: T) => R,
  ) {}

  add(part: T): R | undefined {
    this.parts.push(part);
    this.size += part.length;
    return this.size >= this.limit ? this.flush() : undefined;
  }

  flush(): R | undefined {
    const [parts, size] = [this.parts, this.size];
    [this.parts, this.size] = [[], 0];
    return size > 0 ? this.write(this.join(parts, size)) : undefined;
  }
}
