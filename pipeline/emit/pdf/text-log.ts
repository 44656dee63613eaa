import { Spill, type SpillPlace } from '../../shared/spill.js';
import { Ids } from './refs.js';

/**
 * Strings kept for the end of the file (bookmark titles, destination
 * names), one or more a story: each is appended to a batch, and a full
 * batch ({@link BATCH} characters) goes to a spill file (deleted as it is
 * opened), so memory holds a batch and 4 bytes a string, not the strings.
 * They are read back in the order they were added. A log that never fills
 * a batch never opens the file.
 */
export class TextLog {
  /** Each string's length in UTF-16 code units, in order. */
  private readonly lengths = new Ids();
  private readonly batches: { place: SpillPlace; count: number }[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private spill: Spill | undefined;

  constructor(private readonly batchChars = BATCH) {}

  /** Strings added. */
  get length(): number {
    return this.lengths.length;
  }

  /** Adds a string; returns its index. */
  push(text: string): number {
    this.pending.push(text);
    this.pendingChars += text.length;
    this.lengths.push(text.length);
    if (this.pendingChars >= this.batchChars) this.flush();
    return this.lengths.length - 1;
  }

  /** Every string, in the order added. */
  *[Symbol.iterator](): Iterator<string> {
    let i = 0;
    for (const { place, count } of this.batches) {
      const text = this.spill!.read(place);
      for (let at = 0, end = i + count; i < end; i++) {
        // A slice keeps its batch alive as long as it is: read the log at the end, and let the strings go.
        yield text.slice(at, (at += this.lengths.at(i)));
      }
    }
    yield* this.pending;
  }

  /** Closes the spill file; the log cannot be read after. */
  close(): void {
    this.spill?.close();
    this.spill = undefined;
    this.pending = [];
  }

  private flush(): void {
    this.spill ??= Spill.create();
    this.batches.push({ place: this.spill.write(this.pending.join('')), count: this.pending.length });
    this.pending = [];
    this.pendingChars = 0;
  }
}

/** Characters a batch holds before it goes to disk: read back as one string, it stays below V8's large-object size (128 KB). */
export const BATCH = 32 * 1024;
