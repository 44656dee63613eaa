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
