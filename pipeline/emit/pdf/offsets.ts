import { Spill, type SpillPlace } from '../../shared/spill.js';

/**
 * The byte offset of each object of a file, as pdfkit writes them in its
 * cross-reference table at the very end. A big book has hundreds of
 * thousands of objects (about 90 a story), so the offsets are kept in
 * blocks of {@link BLOCK} numbers, at most {@link RESIDENT} of them in
 * memory: the block used longest ago goes to a spill file (deleted as it is
 * opened) and comes back if an object it numbers is written later. Objects
 * are nearly always written soon after they are numbered, so a block rarely
 * comes back before the table is written; a book of fewer than
 * `BLOCK × RESIDENT` objects never opens the file.
 */
export class Offsets {
  private readonly blocks: (Float64Array | undefined)[] = [];
  /** Where each block sent to disk is (its latest copy). */
  private readonly places: (SpillPlace | undefined)[] = [];
  /** When each block in memory was last used, to send the oldest to disk. */
  private readonly used: number[] = [];
  private clock = 0;
  private resident = 0;
  private spill: Spill | undefined;
  /** Objects numbered so far, written or not. */
  length = 0;
  /** Blocks read back from disk before the table was written (for tests and measurements). */
  reloads = 0;

  constructor(
    private readonly blockSize = BLOCK,
    private readonly maxResident = RESIDENT,
  ) {}

  /** Numbers one more object (pdfkit pushes `null` for an object it has not written yet). */
  push(_offset: null): number {
    if (this.length % this.blockSize === 0) {
      this.blocks.push(undefined);
      this.places.push(undefined);
      this.used.push(0);
      this.block(this.blocks.length - 1);
    }
    return ++this.length;
  }

  /** Where object number `i + 1` was written. */
  set(i: number, offset: number): void {
    this.block(Math.floor(i / this.blockSize))[i % this.blockSize] = offset;
  }

  /** Every offset, in object order; the spill file is closed once the last is given. */
  *[Symbol.iterator](): Iterator<number> {
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b] ?? this.readBlock(b);
      const end = Math.min(this.blockSize, this.length - b * this.blockSize);
      for (let i = 0; i < end; i++) yield block[i]!;
    }
    this.spill?.close();
    this.spill = undefined;
  }

  /** Block `b`, in memory (read back if it was sent to disk; a new one is zeros). */
  private block(b: number): Float64Array {
    let block = this.blocks[b];
    if (!block) {
      if (this.resident === this.maxResident) this.sendOldest();
      block = this.places[b] ? this.readBlock(b) : new Float64Array(this.blockSize);
      if (this.places[b]) this.reloads++;
      this.blocks[b] = block;
      this.resident++;
    }
    this.used[b] = ++this.clock;
    return block;
  }

  private sendOldest(): void {
    let oldest = -1;
    for (let b = 0; b < this.blocks.length; b++) if (this.blocks[b] && (oldest < 0 || this.used[b]! < this.used[oldest]!)) oldest = b;
    const block = this.blocks[oldest]!;
    this.spill ??= Spill.create();
    this.places[oldest] = this.spill.writeBytes(new Uint8Array(block.buffer, block.byteOffset, block.byteLength));
    this.blocks[oldest] = undefined;
    this.resident--;
  }

  private readBlock(b: number): Float64Array {
    const bytes = this.spill!.readBytes(this.places[b]!);
    return new Float64Array(bytes.buffer, bytes.byteOffset, this.blockSize);
  }
}

/** Offsets in a block: 8 bytes each (a file may pass 4 GiB), 128 KB a block. */
export const BLOCK = 16 * 1024;
/** Blocks kept in memory: 512 KB, the offsets of 65,536 objects (a book of about 700 stories). */
export const RESIDENT = 4;

/** The parts of pdfkit's document that keep its cross-reference offsets. */
interface OffsetKeeper {
  _offsets: { length: number; push(offset: null): unknown; [Symbol.iterator](): Iterator<number | null> };
  _waiting: number;
  _ended: boolean;
  _finalize(): void;
  _refEnd(ref: { id: number; offset: number }): void;
}

/** Makes `doc` keep its cross-reference offsets in {@link Offsets}, those it has already numbered included. */
export function keepOffsets(doc: PDFKit.PDFDocument, offsets = new Offsets()): Offsets {
  const d = doc as unknown as OffsetKeeper;
  const known = [...d._offsets];
  for (const [i, offset] of known.entries()) {
    offsets.push(null);
    if (offset !== null) offsets.set(i, offset);
  }
  d._offsets = offsets;
  // pdfkit's own `_refEnd`, with the offset kept in Offsets.
  d._refEnd = function (this: OffsetKeeper, ref): void {
    offsets.set(ref.id - 1, ref.offset);
    if (--this._waiting === 0 && this._ended) {
      this._finalize();
      this._ended = false;
    }
  };
  return offsets;
}
