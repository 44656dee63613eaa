import { crc32 } from 'node:zlib';
import { hashKey, type Cache } from '../../cache/index.js';
import { deflateAll } from './deflate.js';
import { ByteSink, type BookSink } from '../sink.js';

/** One file to put in the zip, in order. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Store without compressing: the EPUB mimetype must be, and images gain nothing. */
  store?: boolean;
}

/** The date as MS-DOS packs it (two-second resolution), in UTC so the time zone never changes the bytes. */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** An entry with its compressed body and checksum, ready for {@link writeZip}. */
export interface PackedEntry {
  /** The entry's name, uncompressed size and whether it is stored. */
  e: { name: string; size: number; store?: boolean };
  body: Uint8Array;
  crc: number;
}

/**
 * Compresses entries (the costly half of writing the archive): stored ones
 * are kept as they are, the rest found in the cache or deflated with node's
 * native zlib, shared between this thread and a worker on a large book
 * (`deflateAll`). It replaces the library's pure-JS level-9 deflate, which
 * dominated the build time.
 */
export async function packEntries(entries: readonly ZipEntry[], level = 6, cache?: Cache): Promise<PackedEntry[]> {
  const packed: PackedEntry[] = new Array(entries.length);
  const todo: { i: number; key: string | undefined }[] = [];
  entries.forEach((e, i) => {
    if (e.store) return void (packed[i] = { e: header(e), body: e.data, crc: crc32(e.data) });
    // Deflate is deterministic for the same bytes and level (one zlib build), so a hit is the same body.
    const key = cache && hashKey('deflate', String(level), e.data);
    // Kept as one byte string: the checksum (4 bytes, little-endian), then the body.
    const hit = key === undefined ? undefined : cache!.get<Uint8Array>(key);
    if (hit && hit.byteLength >= 4) packed[i] = { e: header(e), crc: new DataView(hit.buffer, hit.byteOffset, 4).getUint32(0, true), body: hit.subarray(4) };
    else todo.push({ i, key });
  });
  const bodies = await deflateAll(todo.map(({ i }) => entries[i]!.data), level);
  todo.forEach(({ i, key }, k) => {
    const e = entries[i]!;
    const body = bodies[k]!;
    const crc = crc32(e.data);
    if (key !== undefined) {
      const kept = new Uint8Array(4 + body.byteLength);
      new DataView(kept.buffer).setUint32(0, crc, true);
      kept.set(body, 4);
      cache!.set(key, kept);
    }
    packed[i] = { e: header(e), body, crc };
  });
  return packed;
}

/** What the archive needs of an entry once compressed: not its data, which can then be let go of. */
function header(e: ZipEntry): PackedEntry['e'] {
  return { name: e.name, size: e.data.byteLength, ...(e.store ? { store: true } : {}) };
}

/** Writes compressed entries as a zip archive, in the given order. Same inputs, same bytes: no extra fields, fixed dates. */
export function writeZip(packed: readonly PackedEntry[], when: Date): Uint8Array {
  const sink = new ByteSink();
  writeZipTo(sink, packed, when);
  return sink.bytes();
}

/** {@link writeZip}, written into `sink` entry by entry: the archive is never whole in memory. */
export function writeZipTo(sink: Pick<BookSink, 'push'>, packed: readonly PackedEntry[], when: Date): void {
  const { time, date } = dosDateTime(when);
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const { e, body, crc } of packed) {
    const name = Buffer.from(e.name, 'utf8');
    const fields = (h: DataView, at: number) => {
      h.setUint16(at, 20, true); // version needed: 2.0
      h.setUint16(at + 2, 0x0800, true); // names are UTF-8
      h.setUint16(at + 4, e.store ? 0 : 8, true);
      h.setUint16(at + 6, time, true);
      h.setUint16(at + 8, date, true);
      h.setUint32(at + 10, crc, true);
      h.setUint32(at + 14, body.byteLength, true);
      h.setUint32(at + 18, e.size, true);
      h.setUint16(at + 22, name.byteLength, true);
      h.setUint16(at + 24, 0, true); // no extra field
    };
    const local = new Uint8Array(30 + name.byteLength);
    const lh = new DataView(local.buffer);
    lh.setUint32(0, 0x04034b50, true);
    fields(lh, 4);
    local.set(name, 30);
    const entry = new Uint8Array(46 + name.byteLength);
    const ch = new DataView(entry.buffer);
    ch.setUint32(0, 0x02014b50, true);
    ch.setUint16(4, 20, true); // made by: 2.0, MS-DOS attributes
    fields(ch, 6);
    // comment length, disk number, internal and external attributes stay 0
    ch.setUint32(42, offset, true);
    entry.set(name, 46);
    sink.push(local);
    sink.push(body);
    central.push(entry);
    offset += local.byteLength + body.byteLength;
  }
  const dirSize = central.reduce((n, c) => n + c.byteLength, 0);
  const end = new Uint8Array(22);
  const eh = new DataView(end.buffer);
  eh.setUint32(0, 0x06054b50, true);
  eh.setUint16(8, packed.length, true);
  eh.setUint16(10, packed.length, true);
  eh.setUint32(12, dirSize, true);
  eh.setUint32(16, offset, true);
  for (const c of central) sink.push(c);
  sink.push(end);
}
