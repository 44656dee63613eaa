import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { readAt, writeAll } from '../shared/spill.js';
import { Gather } from '../shared/gather.js';

/*
 * The cache file: a header (magic bytes and the tool's fingerprint), then
 * records of key length, key, kind, value length, the value's CRC-32, the
 * head's own CRC-32 (of everything before it in the record) and the value.
 * Read by its records' heads (values stay in the file until asked for) and
 * written a megabyte at a time. The checksums make damage a miss: a head
 * that does not match its CRC ends the listing (nothing after it can be
 * found), a value that does not match its CRC is not given out.
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
  /** The CRC-32 of its bytes, taken when the value was kept or read from a cache file's record. */
  crc: number;
}

/** A stored value's bytes, read from its file if it is not in memory (a fresh copy either way). */
export function bytesOf(stored: Stored): Uint8Array {
  return stored.bytes ? new Uint8Array(stored.bytes) : readAt(stored.fd!, stored.offset!, stored.length);
}

/** A stored value's bytes (as {@link bytesOf}), or undefined if they are not the bytes kept (their CRC-32 differs): a damaged file. */
export function checkedBytesOf(stored: Stored): Uint8Array | undefined {
  const bytes = bytesOf(stored);
  return crc32(bytes) === stored.crc ? bytes : undefined;
}

/** First bytes of a cache file; a file that does not start so is not read (version 1 had no checksums). */
const MAGIC = Buffer.from('anthologist cache 2\n', 'latin1');

/** Bytes of a record's head after its key: kind (1), value length (4), value CRC (4), head CRC (4). */
const HEAD_TAIL = 13;

/** Bytes of a cache file read at a time while its records are listed. */
const CHUNK = 1 << 16;

/**
 * Lists the entries of a cache file written for `print`, reading only their
 * heads: the values stay in the file, read (and checked against their CRC)
 * when asked for, so an old cache costs its keys in memory, not its values.
 * Another version's file, or a header that does not match, gives an empty
 * cache; a head that does not match its CRC, or runs past the end (a
 * damaged or cut-off file), ends the list: the entries before it are kept.
 * The file stays open (`fd`).
 */
export function readEntries(file: string, print: string): { fd?: number; entries: Map<string, Stored> } {
  const entries = new Map<string, Stored>();
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { entries };
  }
  let size: number;
  const chunk = Buffer.allocUnsafe(CHUNK);
  let [start, end] = [0, 0];
  /** `n` bytes of the file from `at` (n ≤ CHUNK), from the chunk in hand or a new one; undefined past the end. */
  const bytesAt = (at: number, n: number): Buffer | undefined => {
    if (n > CHUNK || at + n > size) return undefined;
    if (at < start || at + n > end) [start, end] = [at, at + readSync(fd, chunk, 0, CHUNK, at)];
    return at + n > end ? undefined : chunk.subarray(at - start, at - start + n);
  };
  try {
    size = fstatSync(fd).size;
    const magic = bytesAt(0, MAGIC.length + 4);
    if (!magic?.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('foreign');
    const printLength = magic.readUInt32LE(MAGIC.length);
    if (bytesAt(MAGIC.length + 4, printLength)?.toString('utf8') !== print) throw new Error('other code');
    let at = MAGIC.length + 4 + printLength;
    while (at < size) {
      const n = bytesAt(at, 4)?.readUInt32LE(0) ?? CHUNK;
      const head = bytesAt(at, 4 + n + HEAD_TAIL);
      if (!head || crc32(head.subarray(0, head.length - 4)) !== head.readUInt32LE(head.length - 4)) break;
      const key = head.toString('utf8', 4, 4 + n);
      const [kind, length, crc] = [head.readUInt8(4 + n), head.readUInt32LE(5 + n), head.readUInt32LE(9 + n)];
      const offset = at + head.length;
      if (offset + length > size) break;
      entries.set(key, { kind, fd, offset, length, crc });
      at = offset + length;
    }
    return { fd, entries };
  } catch {
    closeSync(fd);
    return { entries: new Map() };
  }
}

/** Bytes gathered before one write to a file: a write per value cost more than the values, for the many small ones of a big book. */
const WRITE_BATCH = 1 << 20;

/**
 * Writes entries in the format {@link readEntries} reads, a megabyte at a
 * time (a value or two in memory beyond that). A value whose bytes no longer
 * match their CRC (a file damaged since it was read) is left out.
 */
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
      const value = checkedBytesOf(stored);
      if (!value) continue;
      const k = Buffer.from(key, 'utf8');
      const head = Buffer.alloc(4 + k.length + HEAD_TAIL);
      head.writeUInt32LE(k.length);
      k.copy(head, 4);
      head.writeUInt8(stored.kind, 4 + k.length);
      head.writeUInt32LE(stored.length, 5 + k.length);
      head.writeUInt32LE(stored.crc, 9 + k.length);
      head.writeUInt32LE(crc32(head.subarray(0, head.length - 4)), head.length - 4);
      batch.add(head);
      batch.add(value);
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
