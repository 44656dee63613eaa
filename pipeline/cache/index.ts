import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeStaleTemps, tempFor } from '../shared/temp.js';

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
 * It lives in one file, read whole at the start and written record by
 * record at the end (to a temporary file, then renamed), holding only the entries the last build used: it never
 * grows beyond one book's worth. A missing, corrupt or foreign file is an
 * empty cache, never an error.
 */
export interface Cache {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  /** Writes the entries this build used, if anything changed. */
  save(): void;
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

/** A value as kept: its kind and its bytes (strings as UTF-8: half the size of V8's two-byte strings). */
interface Stored {
  kind: number;
  bytes: Uint8Array;
}

function freeze(value: unknown): Stored {
  if (value instanceof Uint8Array) return { kind: BYTES, bytes: new Uint8Array(value) };
  if (typeof value === 'string') return { kind: TEXT, bytes: Buffer.from(value, 'utf8') };
  return { kind: JSON_TEXT, bytes: Buffer.from(JSON.stringify(value), 'utf8') };
}

/** A stored value read back, or undefined if it cannot be (a damaged record). */
function tryThaw(stored: Stored): unknown {
  try {
    return thaw(stored);
  } catch {
    return undefined;
  }
}

function thaw({ kind, bytes }: Stored): unknown {
  if (kind === BYTES) return new Uint8Array(bytes);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return kind === TEXT ? text : JSON.parse(text);
}

/** First bytes of a cache file; a file that does not start so is not read. */
const MAGIC = Buffer.from('anthologist cache 1\n', 'latin1');

/**
 * Reads the entries of a cache file written for `print`: records of key
 * length, key, kind, value length and value. The values stay slices of the
 * file's one buffer until they are asked for. Anything unexpected (another
 * version's file, a cut-off write) gives an empty cache.
 */
function readEntries(file: string, print: string): Map<string, Stored> {
  const entries = new Map<string, Stored>();
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return entries;
  }
  try {
    if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return entries;
    let at = MAGIC.length;
    const text = (): string => {
      const n = buf.readUInt32LE(at);
      const s = buf.toString('utf8', at + 4, at + 4 + n);
      at += 4 + n;
      return s;
    };
    if (text() !== print) return entries;
    while (at < buf.length) {
      const key = text();
      const kind = buf.readUInt8(at);
      const n = buf.readUInt32LE(at + 1);
      if (at + 5 + n > buf.length) return new Map();
      entries.set(key, { kind, bytes: buf.subarray(at + 5, at + 5 + n) });
      at += 5 + n;
    }
    return entries;
  } catch {
    return new Map();
  }
}

/** Writes entries in the format {@link readEntries} reads, record by record (no copy of the whole cache in memory). */
function writeEntries(file: string, print: string, entries: ReadonlyMap<string, Stored>): void {
  const fd = openSync(file, 'w');
  try {
    const lengthOf = (n: number): Buffer => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n);
      return b;
    };
    const printBytes = Buffer.from(print, 'utf8');
    writeSync(fd, Buffer.concat([MAGIC, lengthOf(printBytes.length), printBytes]));
    for (const [key, { kind, bytes }] of entries) {
      const k = Buffer.from(key, 'utf8');
      const head = Buffer.alloc(4 + k.length + 5);
      head.writeUInt32LE(k.length);
      k.copy(head, 4);
      head.writeUInt8(kind, 4 + k.length);
      head.writeUInt32LE(bytes.byteLength, 5 + k.length);
      writeSync(fd, head);
      writeSync(fd, bytes);
    }
  } finally {
    closeSync(fd);
  }
}

/** Opens the cache in `dir` (created when saved). */
export function openCache(dir: string): Cache {
  const file = join(dir, CACHE_FILE);
  const print = fingerprint();
  // A build killed while saving (the write is synchronous, so only SIGKILL can) leaves its temporary file.
  removeStaleTemps(file);
  const old = readEntries(file, print);
  const used = new Map<string, Stored>();
  let changed = false;
  const stats = { hits: 0, misses: 0 };
  return {
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
      if (!used.has(key)) changed = true;
      used.set(key, freeze(value));
    },
    save() {
      // Entries the last build used and this one did not are dropped: the file holds one book's worth.
      if (!changed && used.size === old.size) return;
      mkdirSync(dir, { recursive: true });
      const tmp = tempFor(file);
      try {
        writeEntries(tmp, print, used);
        renameSync(tmp, file);
      } catch {
        // A cache that cannot be written costs the next build time, not correctness.
        rmSync(tmp, { force: true });
      }
    },
  };
}
