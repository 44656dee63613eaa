import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeStaleTemps, tempFor } from '../shared/temp.js';
import { fdCloser, readAt, Spill } from '../shared/spill.js';

/**
 * The build cache: values keyed by the hash of everything they were made
 * from, so a hit is always what a clean build would compute (editing one
 * story of a thousand re-does that story's work only). Keys are content
 * hashes of a value's inputs; the file as a whole is stamped with the tool's
 * own code and dependencies (`fingerprint`), so a new version never reads
 * an old one's values.
 *
 * Values are stored serialised (bytes as they are, strings as UTF-8,
 * anything else as JSON, which reads back faster than a structured clone), so
 * nothing a later stage does to an object it got from the cache can change
 * what is saved. Values must be JSON data, strings or bytes.
 *
 * It lives in one file, whose records are listed at the start and read
 * when asked for, and which is written record by record at the end (to a
 * temporary file, then renamed), holding only the entries the last build
 * used: it never grows beyond one book's worth, and memory holds its keys. A missing, corrupt or foreign file is an
 * empty cache, never an error.
 */
export interface Cache {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  /** Writes the entries this build used, if anything changed, and closes the cache. */
  save(): void;
  /** Lets go of the cache's files without saving (a build that stopped); the cache cannot be used after. */
  close(): void;
  /** Lookups so far that found a value, and that did not. */
  readonly stats: { hits: number; misses: number };
}

/** Name of the cache file inside the cache folder. */
export const CACHE_FILE = 'cache.bin';

/** The hash of the parts, as a key. Strings and bytes are told apart by a separator, so ("ab","c") ≠ ("a","bc"). */
export function hashKey(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('base64url');
}

let printed: string | undefined;

/**
 * What the tool's output depends on besides its input: its code (every
 * module beside this one, by content: recompiling the same code keeps the
 * cache) and its dependencies (the lock file). Computed once per process.
 */
export function fingerprint(): string {
  if (printed !== undefined) return printed;
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, e.name);
      if (e.isDirectory() && e.name !== 'fixtures') walk(path);
      else if (/\.(?:js|ts|hbs|css|json)$/u.test(e.name)) h.update(`${relative(root, path)}\u0000`).update(readFileSync(path)).update('\u0000');
    }
  };
  walk(root);
  // The package root is above pipeline/ (sources) or above dist/pipeline/ (compiled).
  for (const dir of [dirname(root), dirname(dirname(root))]) {
    for (const f of ['package.json', 'package-lock.json']) {
      if (existsSync(join(dir, f))) h.update(`${f}\u0000`).update(readFileSync(join(dir, f))).update('\u0000');
    }
  }
  printed = h.digest('base64url');
  return printed;
}

/** Kinds of value, as kept. */
const BYTES = 0;
const TEXT = 1;
const JSON_TEXT = 2;

/**
 * A value as kept: its kind, and its bytes (strings as UTF-8: half the size
 * of V8's two-byte strings), in memory or at a place in a file (the old
 * cache file, or the build's spill file).
 */
interface Stored {
  kind: number;
  bytes?: Uint8Array;
  fd?: number;
  offset?: number;
  length: number;
}

function freeze(value: unknown): { kind: number; bytes: Uint8Array } {
  if (value instanceof Uint8Array) return { kind: BYTES, bytes: new Uint8Array(value) };
  if (typeof value === 'string') return { kind: TEXT, bytes: Buffer.from(value, 'utf8') };
  return { kind: JSON_TEXT, bytes: Buffer.from(JSON.stringify(value), 'utf8') };
}

/** A stored value's bytes, read from its file if it is not in memory (a fresh copy either way). */
function bytesOf(stored: Stored): Uint8Array {
  return stored.bytes ? new Uint8Array(stored.bytes) : readAt(stored.fd!, stored.offset!, stored.length);
}

/** A stored value read back, or undefined if it cannot be (a damaged record). */
function tryThaw(stored: Stored): unknown {
  try {
    const bytes = bytesOf(stored);
    if (stored.kind === BYTES) return bytes;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return stored.kind === TEXT ? text : JSON.parse(text);
  } catch {
    return undefined;
  }
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
function readEntries(file: string, print: string): { fd?: number; entries: Map<string, Stored> } {
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
function writeEntries(file: string, print: string, entries: ReadonlyMap<string, Stored>): void {
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

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Byte arrays gathered until there are {@link WRITE_BATCH} bytes of them, then handed to `write` joined. */
class Batch {
  private parts: Uint8Array[] = [];
  private size = 0;
  constructor(private readonly write: (bytes: Uint8Array) => void) {}
  add(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
    if (this.size >= WRITE_BATCH) this.flush();
  }
  flush(): void {
    if (this.size > 0) this.write(Buffer.concat(this.parts, this.size));
    [this.parts, this.size] = [[], 0];
  }
}

/**
 * Opens the cache in `dir` (created when saved). The old file's values are
 * read when asked for; new values go to a spill file (deleted as it is
 * opened), a megabyte of them at a time, until the cache is saved: memory
 * holds the keys and that megabyte, not the values.
 */
export function openCache(dir: string): Cache {
  const file = join(dir, CACHE_FILE);
  const print = fingerprint();
  // A build killed while saving (the write is synchronous, so only SIGKILL can) leaves its temporary file.
  removeStaleTemps(file);
  const { fd: oldFd, entries: old } = readEntries(file, print);
  const used = new Map<string, Stored>();
  let spill: Spill | null | undefined;
  let changed = false;
  const stats = { hits: 0, misses: 0 };
  // New values wait in memory until a megabyte of them is written to the spill file at once; until then
  // a value's `bytes` are its own (see bytesOf), after it its place in the file.
  let waiting: Stored[] = [];
  const toSpill = new Batch((bytes) => {
    const place = spill!.writeBytes(bytes);
    let at = place.offset;
    for (const stored of waiting) {
      [stored.fd, stored.offset] = [place.fd, at];
      at += stored.length;
      stored.bytes = undefined; // not `delete`: the record keeps its shape
    }
    waiting = [];
  });
  const keep = (value: unknown): Stored => {
    const { kind, bytes } = freeze(value);
    if (spill === undefined) {
      try {
        spill = Spill.create();
      } catch {
        spill = null; // no temporary folder to spill to: the values stay in memory
      }
    }
    const stored: Stored = { kind, bytes, length: bytes.length };
    if (spill === null) return stored;
    waiting.push(stored);
    toSpill.add(bytes);
    return stored;
  };
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    spill?.close();
    if (oldFd !== undefined) {
      fdCloser.unregister(cache);
      closeSync(oldFd);
    }
    old.clear();
    used.clear();
  };
  const cache: Cache = {
    stats,
    get<T>(key: string): T | undefined {
      const stored = used.get(key) ?? old.get(key);
      // Not there, or not readable: made again (a value is never undefined: JSON has none).
      const value = stored === undefined ? undefined : (tryThaw(stored) as T | undefined);
      if (value === undefined) {
        stats.misses++;
        return undefined;
      }
      used.set(key, stored!);
      stats.hits++;
      return value;
    },
    set(key, value) {
      if (closed) return; // saved or let go: nothing more is kept
      if (!used.has(key)) changed = true;
      used.set(key, keep(value));
    },
    save() {
      // Entries the last build used and this one did not are dropped: the file holds one book's worth.
      if (changed || used.size !== old.size) {
        mkdirSync(dir, { recursive: true });
        const tmp = tempFor(file);
        try {
          // By key: entries come in the order stories are made, which two threads decide; the file should not.
          writeEntries(tmp, print, new Map([...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
          renameSync(tmp, file);
        } catch {
          // A cache that cannot be written costs the next build time, not correctness.
          rmSync(tmp, { force: true });
        }
      }
      close();
    },
    close,
  };
  // Its old file is closed when the cache is garbage without having been saved or closed.
  if (oldFd !== undefined) fdCloser.register(cache, oldFd, cache);
  return cache;
}
