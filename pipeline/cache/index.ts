import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';

/**
 * The build cache: values keyed by the hash of everything they were made
 * from, so a hit is always what a clean build would compute (editing one
 * story of a thousand re-does that story's work only). Keys are content
 * hashes; the tool's own code and dependencies are part of every key
 * (`fingerprint`), so a new version never reads an old one's values.
 *
 * Values are stored serialised (bytes and strings as they are, anything
 * else as JSON, which reads back faster than a structured clone), so
 * nothing a later stage does to an object it got from the cache can change
 * what is saved. Values must be JSON data, strings or bytes.
 *
 * It lives in one file, read whole at the start and written whole at the
 * end (atomically), holding only the entries the last build used: it never
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

/** A cache that holds nothing (`--no-cache`). */
export const noCache: Cache = { get: () => undefined, set: () => {}, save: () => {}, stats: { hits: 0, misses: 0 } };

/** Name of the cache file inside the cache folder. */
export const CACHE_FILE = 'cache.v8';

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

/** A value as kept: bytes and strings as they are, anything else as JSON text. */
type Stored = Uint8Array | string | { json: string };

function freeze(value: unknown): Stored {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value === 'string') return value;
  return { json: JSON.stringify(value) };
}

function thaw(stored: Stored): unknown {
  if (stored instanceof Uint8Array) return new Uint8Array(stored);
  if (typeof stored === 'string') return stored;
  return JSON.parse(stored.json);
}

/** Opens the cache in `dir` (created when saved). */
export function openCache(dir: string): Cache {
  const file = join(dir, CACHE_FILE);
  const print = fingerprint();
  // A build killed while saving (the write is synchronous, so only SIGKILL can) leaves its temporary file.
  try {
    for (const f of readdirSync(dir)) if (/^cache\.v8\.\d+\.tmp$/u.test(f)) rmSync(join(dir, f), { force: true });
  } catch {
    // No folder yet.
  }
  let old = new Map<string, Stored>();
  try {
    const stored = deserialize(readFileSync(file)) as { print?: unknown; entries?: unknown };
    if (stored.print === print && stored.entries instanceof Map) old = stored.entries as Map<string, Stored>;
  } catch {
    // No cache yet, or one this version cannot read: start empty.
  }
  const used = new Map<string, Stored>();
  let changed = false;
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    get<T>(key: string): T | undefined {
      const stored = used.get(key) ?? old.get(key);
      try {
        if (stored === undefined) return undefined;
        const value = thaw(stored) as T;
        used.set(key, stored);
        stats.hits++;
        return value;
      } catch {
        return undefined;
      } finally {
        if (!used.has(key)) stats.misses++;
      }
    },
    set(key, value) {
      if (!used.has(key)) changed = true;
      used.set(key, freeze(value));
    },
    save() {
      // Entries the last build used and this one did not are dropped: the file holds one book's worth.
      if (!changed && used.size === old.size) return;
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, serialize({ print, entries: used }));
        renameSync(tmp, file);
      } catch {
        // A cache that cannot be written costs the next build time, not correctness.
        rmSync(tmp, { force: true });
      }
    },
  };
}
