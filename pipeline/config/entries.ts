import { relative, resolve } from 'node:path';
import { closestKey } from './index.js';

/** An entry's path as it is compared: forward slashes, no leading `./`. */
export function entryPath(entry: string): string {
  return entry.split('\\').join('/').replace(/^\.\//u, '');
}

/** Each path an entry may name `file` by: the whole path (forward slashes), and each tail after a `/`. */
function forEachTail(file: string, each: (tail: string) => void): void {
  const f = file.includes('\\') ? file.split('\\').join('/') : file;
  each(f);
  for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) each(f.slice(i + 1));
}

/** A story file as the build found it: its absolute path, and the path messages name it by. */
export interface EntryFile {
  abs: string;
  file: string;
}

/** Which of anthology.yaml's `stories:` entries name which story files. */
export interface EntryMatches {
  /** For each file, the index of the entry that names it, or -1. */
  entryOf: number[];
  /** For each entry, the indices of the files it names (none: the file is not among the inputs). */
  filesOf: number[][];
  /** For each entry that names a file an earlier entry already names: that entry, the earlier one and the file. */
  duplicates: { entry: number; earlier: number; file: number }[];
  /** For each entry, whether it names its file by the path from anthology.yaml's folder (else by a path suffix, or not at all). */
  exact: boolean[];
  /** For each entry that could be any of several files (it ends all their paths): those files, none of which it names; else empty. */
  ambiguous: number[][];
}

/**
 * Matches anthology.yaml's entries to story files. An entry's `file:` is a
 * path from the folder anthology.yaml is in (`../b/x.txt` included): an
 * entry that leads to one of the files names that file and no other. An
 * entry that leads to none of them names the file whose path (as messages
 * name it) ends in it, so `x.txt` still names `seeds/x.txt` whichever
 * anthology.yaml lists it. When several paths end in it, the one that is
 * the entry whole is named; failing that the entry is ambiguous and names
 * none: the editor's corrections for one story went to every story of that
 * name, and only one can be right. Each file takes the
 * first entry that names it; a later one is a duplicate. Files are looked
 * up by their few path tails, not by trying every entry for every file
 * (for 2,500 files that took 9 s of a 5 s build), and only the paths and
 * tails the entries ask for are kept: an index of every file's tails was
 * about 35 MB for 40,000 files, with no entries at all.
 */
export function matchEntries(entries: readonly string[], files: readonly EntryFile[], configDir: string): EntryMatches {
  const paths = entries.map(entryPath);
  const targets = new Set(paths.map((p) => resolve(configDir, p)));
  const wanted = new Set(paths);
  const byAbs = new Map<string, number>();
  const byTail = new Map<string, number[]>();
  if (entries.length) {
    files.forEach((f, j) => {
      const abs = resolve(f.abs);
      if (targets.has(abs)) byAbs.set(abs, j);
      forEachTail(f.file, (tail) => {
        if (!wanted.has(tail)) return;
        const list = byTail.get(tail);
        if (list) list.push(j);
        else byTail.set(tail, [j]);
      });
    });
  }
  const entryOf = files.map(() => -1);
  const duplicates: EntryMatches['duplicates'] = [];
  const exact: boolean[] = [];
  const ambiguous: number[][] = [];
  const filesOf = paths.map((path, i) => {
    const j = byAbs.get(resolve(configDir, path));
    exact.push(j !== undefined);
    const ends = j !== undefined ? [j] : (byTail.get(path) ?? []);
    const whole = ends.length > 1 ? ends.filter((k) => files[k]!.file.split('\\').join('/') === path) : ends;
    const named = whole.length === 1 ? whole : [];
    ambiguous.push(named.length ? [] : ends);
    let reported = false;
    for (const k of named) {
      if (entryOf[k] === -1) entryOf[k] = i;
      else if (!reported) {
        duplicates.push({ entry: i, earlier: entryOf[k]!, file: k });
        reported = true;
      }
    }
    return named;
  });
  return { entryOf, filesOf, duplicates, exact, ambiguous };
}

/**
 * The input file an entry that names none of them was likely meant to be
 * (a typo, another case, a space for a hyphen), as a path from the
 * anthology.yaml folder, for the warning: "not among the inputs" alone
 * leaves the editor comparing names by eye.
 */
export function nearestFile(entry: string, files: readonly EntryFile[], configDir: string): string | undefined {
  const want = entryPath(entry);
  // Only names within two characters of the entry's length can be two edits from it.
  const near = files.map((f) => relative(configDir, f.abs).split('\\').join('/')).filter((p) => Math.abs(p.length - want.length) <= 2);
  return closestKey(want, near);
}
