import { isUtf8 } from 'node:buffer';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * Paths as the file finder makes, compares and shows them: strings while
 * every name on the way is UTF-8, bytes where one is not.
 */

/** A path as the file system has it: a string, or bytes where a name on the way is not UTF-8, which no string can hold. */
export type FsPath = string | Buffer;

/** Each UTF-8 sequence of a name read as Latin-1 (one character a byte), or a stray byte alone. */
const UTF8_OR_BYTE = /[\0-\x7F]|[\xC2-\xDF][\x80-\xBF]|\xE0[\xA0-\xBF][\x80-\xBF]|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}|\xED[\x80-\x9F][\x80-\xBF]|\xF0[\x90-\xBF][\x80-\xBF]{2}|[\xF1-\xF3][\x80-\xBF]{3}|\xF4[\x80-\x8F][\x80-\xBF]{2}|[\s\S]/gu;

/**
 * A path as messages show it: its UTF-8 as text and each stray byte as
 * %XX, so that `caf\xE9.txt` and `caf\xE8.txt` are told apart (read as
 * UTF-8, both were `caf\uFFFD.txt`, which opens neither).
 */
export function shownPath(p: FsPath): string {
  if (typeof p === 'string') return p;
  return p.toString('latin1').replace(UTF8_OR_BYTE, (s) => (s.length > 1 ? Buffer.from(s, 'latin1').toString('utf8') : s < '\x80' ? s : `%${s.charCodeAt(0).toString(16).toUpperCase()}`));
}

/** What tells two paths apart: the path itself, or for bytes that are not UTF-8 the bytes (one character a byte, after a NUL no path holds). */
export function pathKey(p: FsPath): string {
  return typeof p === 'string' ? p : isUtf8(p) ? p.toString('utf8') : `\0${p.toString('latin1')}`;
}

/**
 * A folder's entry as a path: a string while every name on the way is UTF-8,
 * else bytes. A string folder is normalised, without a separator at its end
 * but the root's ({@link trimmed}), and a listed name has no separator and is
 * not `.` or `..`: appending the name is what `join` gives, without the
 * strings `join` makes on the way.
 */
export function child(dir: FsPath, e: { name: string; raw?: Buffer }): FsPath {
  if (typeof dir === 'string' && !e.raw) return dir.endsWith(sep) ? dir + e.name : dir + sep + e.name;
  return Buffer.concat([typeof dir === 'string' ? Buffer.from(dir) : dir, Buffer.from(sep), e.raw ?? Buffer.from(e.name)]);
}

/** Where a path really is, links resolved (the path itself if that cannot be found). */
export async function realOf(path: FsPath): Promise<FsPath> {
  return (typeof path === 'string' ? realpath(path) : realpath(path, { encoding: 'buffer' })).catch(() => path);
}

/** Whether the folder `outer` is `inner` or holds it. */
export function holds(outer: FsPath, inner: FsPath): boolean {
  const [o, i] = [Buffer.from(outer), Buffer.from(inner)];
  const slash = Buffer.from(sep)[0];
  return i.length >= o.length && i.subarray(0, o.length).equals(o) && (i.length === o.length || o.at(-1) === slash || i[o.length] === slash);
}

/** A normalised path without the separator `normalize` leaves at the end of a folder's (the root's kept). */
export function trimmed(p: string): string {
  return p.length > 1 && p.endsWith(sep) && !p.endsWith(`:${sep}`) ? p.slice(0, -1) : p;
}

/** How messages show `path`, the entry `name` of the folder `dir`, from how they show `dir` (as {@link displayPath} would). */
export function shownChild(shown: string | undefined, dir: FsPath, path: FsPath, name: string): string | undefined {
  if (shown === undefined || typeof path !== 'string') return undefined;
  // Outside the working folder a path is shown whole; inside, from it, with forward slashes.
  if (shown === dir) return path;
  return shown ? `${shown}/${name}` : name;
}

/** A path as messages show it: from the working folder when inside it (with forward slashes), else whole. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split('\\').join('/');
}
