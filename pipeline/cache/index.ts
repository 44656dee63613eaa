import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { removeStaleTemps, tempFor } from '../shared/temp.js';
import { fdCloser, Spill } from '../shared/spill.js';
import { Batch, checkedBytesOf, readEntries, writeEntries, type Stored } from './file.js';

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
 * used: it never grows beyond one book's worth, and memory holds its keys.
 * Every record carries checksums (see file.ts): a missing, foreign or
 * damaged file, or record, is a miss, never an error and never a value; the
 * work is done again and the file saved whole. A folder that cannot hold
 * the cache (something not a folder in the way) gives a cache that keeps
 * nothing; it, or a save that fails, is told to `onProblem`, never thrown.
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

function freeze(value: unknown): { kind: number; bytes: Uint8Array } {
  if (value instanceof Uint8Array) return { kind: BYTES, bytes: new Uint8Array(value) };
  if (typeof value === 'string') return { kind: TEXT, bytes: Buffer.from(value, 'utf8') };
  return { kind: JSON_TEXT, bytes: Buffer.from(JSON.stringify(value), 'utf8') };
}

/** A stored value read back, or undefined if it cannot be (a damaged record: its bytes do not match their CRC, or do not decode). */
function tryThaw(stored: Stored): unknown {
  try {
    const bytes = checkedBytesOf(stored);
    if (bytes === undefined) return undefined;
    if (stored.kind === BYTES) return bytes;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return stored.kind === TEXT ? text : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Why `dir` cannot be a cache folder (something not a folder in the way: the error a mkdir would give), or undefined if it can. */
function blocked(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : 'EEXIST: a file of that name exists';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined; // made when saved (a file further up is ENOTDIR)
    return code === 'ENOTDIR' ? 'ENOTDIR: a file is in its path' : (code ?? (e as Error).message);
  }
}

/** A cache that keeps nothing, for a folder that cannot hold one: the build does all its work; saving tells why nothing was kept. */
function noCache(problem: string, onProblem?: (why: string) => void): Cache {
  const stats = { hits: 0, misses: 0 };
  let told = false;
  return {
    stats,
    get() {
      stats.misses++;
      return undefined;
    },
    set() {},
    save() {
      if (!told) onProblem?.(`cannot be used (${problem}): nothing was reused or kept`);
      told = true;
    },
    close() {},
  };
}

/**
 * Opens the cache in `dir` (created when saved). The old file's values are
 * read when asked for; new values go to a spill file (deleted as it is
 * opened), a megabyte of them at a time, until the cache is saved: memory
 * holds the keys and that megabyte, not the values. A folder that cannot
 * hold the cache, or a save that fails, is told to `onProblem` (a phrase:
 * "cannot be used (…): …", "could not be saved (…): …") when the cache is
 * saved, never thrown: the build goes on without it, the books the same.
 */
export function openCache(dir: string, onProblem?: (why: string) => void): Cache {
  const problem = blocked(dir);
  if (problem !== undefined) return noCache(problem, onProblem);
  const file = join(dir, CACHE_FILE);
  const print = fingerprint();
  try {
    // A build killed while saving (the write is synchronous, so only SIGKILL can) leaves its temporary file.
    removeStaleTemps(file);
  } catch {
    // Not ours to remove (a folder we cannot write): the save will say so.
  }
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
    const stored: Stored = { kind, bytes, length: bytes.length, crc: crc32(bytes) };
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
        const tmp = tempFor(file);
        try {
          mkdirSync(dir, { recursive: true });
          // By key: entries come in the order stories are made, which two threads decide; the file should not.
          writeEntries(tmp, print, new Map([...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
          renameSync(tmp, file);
        } catch (e) {
          // A cache that cannot be written costs the next build time, not correctness: said, never thrown.
          try {
            rmSync(tmp, { force: true });
          } catch {
            // Never made.
          }
          onProblem?.(`could not be saved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): the next build cannot reuse this one's work`);
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
