import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readAt, writeAll } from '../shared/spill.js';
import { Gather } from '../shared/gather.js';

/*
 * The cache file: a header (magic bytes and the tool's fingerprint), then
 * records of key length, key, kind, value length and value. Read by its
 * records' heads (values stay in the file until asked for) and written a
 * megabyte at a time.
 */

/**
 * A value as kept: its kind, and its bytes (strings as UTF-8: half the size
 * of V8's two-byte strings), in memory or at a place in a file (the old
 * cache file, or the build's spill file).
 */
export interface Stored {
  kind: number;
  bytes?: Uint8Array;
  fd?: number;
  offset?: number;
  length: number;
}

/** A stored value's bytes, read from its file if it is not in memory (a fresh copy either way). */
export function bytesOf(stored: Stored): Uint8Array {
  return stored.bytes ? new Uint8Array(stored.bytes) : readAt(stored.fd!, stored.offset!, stored.length);
}

/** First bytes of a cache file; a file that does not start so is not read. */
const MAGIC = Buffer.from('anthologist cache 1\n', 'latin1');

/** Bytes of a cache file read at a time while its records are listed. */
const CHUNK = 1 << 16;

/**
 * Lists the entries of a cache file written for `print` (records of key
 * length, key, kind, value length and value), reading only their heads: the
 * values stay in the file, read when asked for, so an old cache costs its
 * keys in memory, not its values. Anything unexpected (another version's
 * file, a cut-off write) gives an empty cache. The file stays open (`fd`).
 */
export function readEntries(file: string, print: string): { fd?: number; entries: Map<string, Stored> } {
  const entries = new Map<string, Stored>();
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { entries };
  }
  try {
    const size = fstatSync(fd).size;
    const chunk = Buffer.allocUnsafe(CHUNK);
    let [start, end] = [0, 0];
    /** `n` bytes of the file from `at` (n ≤ CHUNK), from the chunk in hand or a new one. */
    const bytesAt = (at: number, n: number): Buffer => {
      if (at + n > size) throw new Error('cut off');
      if (at < start || at + n > end) [start, end] = [at, at + readSync(fd, chunk, 0, CHUNK, at)];
      if (at + n > end) throw new Error('cut off');
      return chunk.subarray(at - start, at - start + n);
    };
    const text = (at: number): [string, number] => {
      const n = bytesAt(at, 4).readUInt32LE(0);
      return [bytesAt(at + 4, n).toString('utf8'), at + 4 + n];
    };
    if (!bytesAt(0, MAGIC.length).equals(MAGIC)) throw new Error('foreign');
    let [found, at] = text(MAGIC.length);
    if (found !== print) throw new Error('other code');
    while (at < size) {
      let key: string;
      [key, at] = text(at);
      const head = bytesAt(at, 5);
      const [kind, length] = [head.readUInt8(0), head.readUInt32LE(1)];
      if (at + 5 + length > size) throw new Error('cut off');
      entries.set(key, { kind, fd, offset: at + 5, length });
      at += 5 + length;
    }
    return { fd, entries };
  } catch {
    closeSync(fd);
    return { entries: new Map() };
  }
}

/** Bytes gathered before one write to a file: a write per value cost more than the values, for the many small ones of a big book. */
const WRITE_BATCH = 1 << 20;

/** Writes entries in the format {@link readEntries} reads, a megabyte at a time (a value or two in memory beyond that). */
export function writeEntries(file: string, print: string, entries: ReadonlyMap<string, Stored>): void {
  const fd = openSync(file, 'w');
  try {
    const batch = new Batch((bytes) => writeAll(fd, bytes));
    const lengthOf = (n: number): Buffer => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n);
      return b;
    };
    const printBytes = Buffer.from(print, 'utf8');
    batch.add(Buffer.concat([MAGIC, lengthOf(printBytes.length), printBytes]));
    for (const [key, stored] of entries) {
      const k = Buffer.from(key, 'utf8');
      const head = Buffer.alloc(4 + k.length + 5);
      head.writeUInt32LE(k.length);
      k.copy(head, 4);
      head.writeUInt8(stored.kind, 4 + k.length);
      head.writeUInt32LE(stored.length, 5 + k.length);
      batch.add(head);
      batch.add(bytesOf(stored));
    }
    batch.flush();
  } finally {
    closeSync(fd);
  }
}

/** Byte arrays handed to `write` joined, {@link WRITE_BATCH} bytes of them at a time. */
export class Batch extends Gather<Uint8Array> {
  constructor(write: (bytes: Uint8Array) => void) {
    super(WRITE_BATCH, (parts, size) => Buffer.concat(parts, size), write);
  }
}
