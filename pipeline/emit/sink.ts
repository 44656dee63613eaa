import { createHash, type Hash } from 'node:crypto';
import { writeAll } from '../shared/spill.js';

/** Bytes per block of a sink. */
const BLOCK = 1 << 20;

/**
 * Where a streaming emitter writes its book, in order: bytes, or lines of
 * binary text (a byte per character, as pdfkit writes them).
 */
export interface BookSink {
  /** Appends bytes; returns how many. */
  push(chunk: Uint8Array): number;
  /** Appends a line of text, a byte per character, and a newline; returns how many bytes. */
  line(text: string): number;
  /** Appends text, a byte per character, without a newline; returns how many bytes. */
  text(text: string): number;
  /** Bytes so far. */
  readonly length: number;
}

/**
 * Collects bytes in blocks of a megabyte, handing each full block to
 * `sealed`. pdfkit writes a chunk per line of the file (a few bytes each):
 * kept as a list, their per-object overhead costs many times the bytes
 * themselves; written one by one, a system call each.
 */
abstract class BlockSink implements BookSink {
  protected block: Buffer = Buffer.allocUnsafeSlow(BLOCK);
  protected used = 0;
  protected total = 0;

  /** Takes a full block (or the last part of one); returns the block to fill next. */
  protected abstract sealed(block: Buffer): Buffer;

  push(chunk: Uint8Array): number {
    let from = 0;
    while (from < chunk.length) {
      if (this.used === BLOCK) this.seal();
      const n = Math.min(BLOCK - this.used, chunk.length - from);
      this.block.set(chunk.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
    }
    this.total += chunk.length;
    return chunk.length;
  }

  line(text: string): number {
    this.text(text);
    if (this.used === BLOCK) this.seal();
    this.block[this.used++] = 0x0a;
    this.total++;
    return text.length + 1;
  }

  text(text: string): number {
    // A long line (a big book's page list or structure parent tree, megabytes at the end of the file) goes
    // into the blocks a piece at a time: `${text}\n` and its bytes were two more copies of it at once.
    for (let from = 0; from < text.length; ) {
      if (this.used === BLOCK) this.seal();
      const n = Math.min(BLOCK - this.used, text.length - from);
      this.block.write(n === text.length ? text : text.slice(from, from + n), this.used, n, 'latin1');
      this.used += n;
      from += n;
    }
    this.total += text.length;
    return text.length;
  }

  get length(): number {
    return this.total;
  }

  protected seal(): void {
    this.block = this.sealed(this.block);
    this.used = 0;
  }
}

/**
 * A sink in memory: the bytes joined once, at the end, into one exactly
 * sized array (a buffer that doubles as it grows would, at its last
 * doubling, hold three times the book).
 */
export class ByteSink extends BlockSink {
  private blocks: Buffer[] = [];

  protected sealed(block: Buffer): Buffer {
    this.blocks.push(block);
    return Buffer.allocUnsafeSlow(BLOCK);
  }

  /** The bytes, as one exactly sized array; the sink is emptied. */
  bytes(): Uint8Array {
    const out = Buffer.allocUnsafeSlow(this.length);
    let at = 0;
    for (const b of [...this.blocks, this.block.subarray(0, this.used)]) {
      b.copy(out, at);
      at += b.length;
    }
    this.blocks = [];
    this.used = 0;
    this.total = 0;
    return out;
  }
}

/**
 * A sink that writes to an open file a block at a time, hashing as it goes:
 * memory holds one block whatever the size of the book.
 */
export class FileSink extends BlockSink {
  private readonly hash: Hash = createHash('sha256');

  constructor(private readonly fd: number) {
    super();
  }

  protected sealed(block: Buffer): Buffer {
    const part = block.subarray(0, this.used);
    writeAll(this.fd, part);
    this.hash.update(part);
    return block;
  }

  /** Writes what is left; returns the file's length and SHA-256 (hex). The file stays open. */
  finish(): { bytes: number; sha256: string } {
    this.seal();
    return { bytes: this.length, sha256: this.hash.digest('hex') };
  }
}
