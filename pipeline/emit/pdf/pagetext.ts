/** Buffers of pages whose bytes have been sent, ready for the next pages (shared by every document). */
const spare: Buffer[] = [];
/** Spare buffers kept at most: two batches' worth. */
const SPARE_LIMIT = 96;
const FIRST_SIZE = 16 * 1024;

/**
 * A page's operators as bytes, written as they come. Kept as strings until
 * the page ended, a page's lines outlived many collections of the young
 * generation, and copying them was most of the time spent collecting; and
 * a new buffer for every page kept the collector of the old generation
 * busy with memory outside it. So buffers are reused: `release` hands this
 * one back once its bytes are no longer needed.
 */
export class PageText {
  private buf = spare.pop() ?? Buffer.allocUnsafe(FIRST_SIZE);
  private used = 0;

  /** A line of operators (pdfkit's strings are binary: a byte per character). */
  line(text: string): void {
    this.room(text.length + 1);
    this.used += this.buf.write(text, this.used, 'latin1');
    this.buf[this.used++] = 0x0a;
  }

  /** Bytes already ended by a newline (what pdfkit wrote itself). */
  bytes(chunk: Uint8Array): void {
    this.room(chunk.length);
    this.buf.set(chunk, this.used);
    this.used += chunk.length;
  }

  /** The page's bytes, valid until `release`. */
  done(): Uint8Array {
    return this.buf.subarray(0, this.used);
  }

  /** Hands the buffer back for another page; nothing more may be written or read. */
  release(): void {
    if (spare.length < SPARE_LIMIT) spare.push(this.buf);
    this.buf = Buffer.alloc(0);
    this.used = 0;
  }

  private room(n: number): void {
    if (this.used + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.used + n, FIRST_SIZE));
    this.buf.copy(grown, 0, 0, this.used);
    this.buf = grown;
  }
}
