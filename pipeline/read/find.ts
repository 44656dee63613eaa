import { isUtf8 } from 'node:buffer';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, extname, isAbsolute, sep } from 'node:path';
import type { Messages } from '../diagnostics/index.js';

/** File endings read as stories. */
export const STORY_EXTENSIONS = ['.txt', '.md'];

/** One story file found among the inputs. */
export interface FoundFile {
  /** Path for messages: relative to cwd when inside it; a name that is not UTF-8 shows each stray byte as %XX. */
  file: string;
  /** Absolute path, shown the same way. */
  abs: string;
  /**
   * The absolute path's bytes, for a path that is not UTF-8 (Linux keeps a
   * name's bytes as written): the one to open, as `abs` opens nothing then.
   */
  raw?: Uint8Array;
}

/** The path to open a found file by: its bytes where its name is not UTF-8 (a worker is given them as a plain Uint8Array). */
export function openPath(f: FoundFile): string | Buffer {
  return f.raw ? Buffer.from(f.raw.buffer, f.raw.byteOffset, f.raw.byteLength) : f.abs;
}

/** A path as the file system has it: a string, or bytes where a name on the way is not UTF-8, which no string can hold. */
type FsPath = string | Buffer;

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
function pathKey(p: FsPath): string {
  return typeof p === 'string' ? p : isUtf8(p) ? p.toString('utf8') : `\0${p.toString('latin1')}`;
}

/**
 * Expands the inputs (files or folders, folders searched through their
 * sub-folders) into story files, sorted by path so that the file system's
 * listing order never changes the book. Symbolic links are followed once:
 * a link loop, or two links to one file, cannot make a story appear twice;
 * a link to a folder that holds it is not followed (and said).
 */
export async function findStoryFiles(inputs: string[], cwd: string, messages: Messages): Promise<FoundFile[]> {
  const found = new Map<string, FoundFile>();
  const seenDirs = new Set<string>();
  const show = (p: FsPath) => displayPath(shownPath(p), cwd);
  const said: Said = {
    unreadable: (dir, code) => void messages.add('input/unreadable', `Cannot read the folder ${show(dir)}: ${code}`, { file: show(dir) }),
    dangling: (path) => void messages.add('input/dangling-link', `${show(path)} is a symbolic link to nothing: skipped`, { file: show(path) }),
    // Read all the same: the name only shows in messages, and anthology.yaml names the file as shown.
    loop: (path, to) => void messages.add('input/link-loop', `${show(path)} is a symbolic link to ${show(to)}, a folder that holds it: not followed, as it would read the folders around the stories`, { file: show(path) }),
    notUtf8: (path) => void messages.add('input/file-name', `The name of ${show(path)} is not UTF-8 text: it is read, and shown with each byte that is not as %XX`, { file: show(path) }),
  };
  for (const input of inputs) {
    const abs = isAbsolute(input) ? input : join(cwd, input);
    const st = await stat(abs).catch(() => null);
    if (!st) {
      messages.add('input/not-found', `Input not found: ${input}`, { file: input });
      continue;
    }
    const files = st.isDirectory() ? await listFolder(abs, seenDirs, said) : [{ path: abs, real: await realpath(abs).catch(() => abs) }];
    for (const { path, real } of files) {
      if (found.has(real)) continue;
      const shown = shownPath(path);
      found.set(real, { abs: shown, file: displayPath(shown, cwd), ...(typeof path === 'string' ? {} : { raw: path }) });
    }
  }
  // Returned from a turn of its own: code after an awaited `readdir` runs inside the native callback that
  // resolved it, and the load is mostly synchronous, so that callback's handle scope kept the last folder's
  // listing (a Dirent a file, about 150 bytes each) alive until every story was made.
  await new Promise((resolve) => setImmediate(resolve));
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A story file found in a folder, and what it really is (links resolved, as a {@link pathKey}), by which two finds are told to be one file. */
interface Listed {
  path: FsPath;
  real: string;
}

/** What listing a folder has to say: a folder it cannot open, a story file's name that is a link to nothing, a link to a folder that holds it, a name that is not UTF-8. */
interface Said {
  unreadable(dir: FsPath, code: string): void;
  dangling(path: FsPath): void;
  loop(path: FsPath, to: FsPath): void;
  notUtf8(path: FsPath): void;
}

/** A folder's entry: its name as shown, its bytes where they are not UTF-8, and what it is. */
interface Entry {
  name: string;
  raw?: Buffer;
  kind: { isSymbolicLink(): boolean; isDirectory(): boolean; isFile(): boolean };
}

/**
 * A folder's entries. Read by name, as is quickest; a name that is not
 * UTF-8 then comes back with U+FFFD for its stray bytes, which opens
 * nothing (ENOENT stopped the build): the folder is then read again by bytes.
 */
async function entriesOf(dir: FsPath): Promise<Entry[]> {
  if (typeof dir === 'string') {
    const list = await readdir(dir, { withFileTypes: true });
    if (!list.some((e) => e.name.includes('\uFFFD'))) return list.map((e) => ({ name: e.name, kind: e }));
  }
  const list = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  return list.map((e) => (isUtf8(e.name) ? { name: e.name.toString('utf8'), kind: e } : { name: shownPath(e.name), raw: e.name, kind: e }));
}

/** A folder's entry as a path: a string while every name on the way is UTF-8, else bytes. */
function child(dir: FsPath, e: Entry): FsPath {
  if (typeof dir === 'string' && !e.raw) return join(dir, e.name);
  return Buffer.concat([typeof dir === 'string' ? Buffer.from(dir) : dir, Buffer.from(sep), e.raw ?? Buffer.from(e.name)]);
}

/** Where a path really is, links resolved (the path itself if that cannot be found). */
async function realOf(path: FsPath): Promise<FsPath> {
  return (typeof path === 'string' ? realpath(path) : realpath(path, { encoding: 'buffer' })).catch(() => path);
}

/** Whether the folder `outer` is `inner` or holds it. */
function holds(outer: FsPath, inner: FsPath): boolean {
  const [o, i] = [Buffer.from(outer), Buffer.from(inner)];
  const slash = Buffer.from(sep)[0];
  return i.length >= o.length && i.subarray(0, o.length).equals(o) && (i.length === o.length || o.at(-1) === slash || i[o.length] === slash);
}

async function listFolder(dir: FsPath, seen: Set<string>, said: Said): Promise<Listed[]> {
  const real = await realOf(dir);
  if (seen.has(pathKey(real))) return [];
  seen.add(pathKey(real));
  let entries;
  try {
    entries = await entriesOf(dir);
  } catch (e) {
    // A folder the build cannot open would silently lose its stories: say so.
    said.unreadable(dir, (e as NodeJS.ErrnoException).code ?? 'error');
    return [];
  }
  const out: Listed[] = [];
  for (const e of entries) {
    // Hidden files and folders are editor back-ups and system files, never stories.
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = child(dir, e);
    const story = STORY_EXTENSIONS.includes(extname(e.name).toLowerCase());
    // A link is resolved to what it points at; a dangling one is skipped, and said if its name is a story's:
    // the story it stood for (a file moved or deleted) would otherwise be missing from the book unnoticed.
    const link = e.kind.isSymbolicLink();
    const st = link ? await stat(path).catch(() => null) : e.kind;
    if (!st) {
      if (story) said.dangling(path);
      continue;
    }
    if (e.raw && (story || st.isDirectory())) said.notUtf8(path);
    // A link to a folder that holds it (.., ., /) leads out to the folders around the stories, the whole
    // disk for /, before it comes back: never what the editor meant by naming this folder.
    const to = link && st.isDirectory() ? await realOf(path) : undefined;
    if (to !== undefined && holds(to, real)) said.loop(path, to);
    // One at a time: a folder of 200,000 stories is too many to spread as arguments.
    else if (st.isDirectory()) for (const found of await listFolder(path, seen, said)) out.push(found);
    else if (st.isFile() && story) {
      // A file that is not a link is where its folder really is: asking each of 20,000 files took 1.2 s.
      const where = link ? await realOf(path) : child(real, e);
      out.push({ path, real: pathKey(where) });
    }
  }
  return out;
}

function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split('\\').join('/');
}
