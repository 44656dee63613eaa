import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Files are written to `<file>.<pid>.tmp` beside their target and renamed
 * into place, so a failed or killed write never leaves half a file under
 * the real name (books, the build cache).
 */

/** This process's temporary file for `path`. */
export function tempFor(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/** Removes the temporary files for `path` that killed writes left (`<file>.<pid>.tmp`); none if its folder does not exist yet. */
export function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  const stale = new RegExp(`^${basename(path).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\.\\d+\\.tmp$`, 'u');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const f of names) if (stale.test(f)) rmSync(join(dir, f), { force: true });
}

/** The write under way to each path in this process, for {@link inTurn}. */
const turns = new Map<string, Promise<unknown>>();

/**
 * Runs `write` once every write to `path` this process started earlier has
 * ended. Two builds in one process (a program calling `buildAnthology`
 * twice at once) writing the same book share its temporary file name
 * (`<book>.<pid>.tmp`), and each removes the other's as stale: taking turns,
 * each book is written whole, and the last one written stays.
 */
export async function inTurn<T>(path: string, write: () => Promise<T>): Promise<T> {
  const before = turns.get(path);
  const mine = (async () => {
    await before?.catch(() => {});
    return write();
  })();
  turns.set(path, mine);
  try {
    return await mine;
  } finally {
    // Forgotten once no later write is waiting behind this one.
    if (turns.get(path) === mine) turns.delete(path);
  }
}
