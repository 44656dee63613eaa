import { isUtf8 } from 'node:buffer';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, normalize, isAbsolute } from 'node:path';
import { child, displayPath, holds, pathKey, realOf, shownChild, shownPath, trimmed, type FsPath } from './paths.js';
import type { Messages } from '../diagnostics/index.js';

/** File endings read as stories. */
export const STORY_EXTENSIONS = ['.txt', '.md'];

/** A name ending in one of {@link STORY_EXTENSIONS}, in any case (the names tested never start with a dot). */
const STORY_NAME = new RegExp(`(?:${STORY_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`, 'iu');

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
    shown: (path) => displayPath(path, cwd),
    notUtf8: (path) => void messages.add('input/file-name', `The name of ${show(path)} is not UTF-8 text: it is read, and shown with each byte that is not as %XX`, { file: show(path) }),
  };
  for (const input of inputs) {
    const given = isAbsolute(input) ? input : join(cwd, input);
    const st = await stat(given).catch(() => null);
    if (!st) {
      messages.add('input/not-found', `Input not found: ${input}`, { file: input });
      continue;
    }
    // A folder's path is normalised once (as join would), so that its files' paths can be made by appending their names.
    const folder = st.isDirectory() ? trimmed(normalize(given)) : undefined;
    const files = folder !== undefined ? await listFolder(folder, seenDirs, said, displayPath(folder, cwd)) : [{ path: given, real: await realpath(given).catch(() => given) }];
    for (const { path, real, file } of files) {
      if (found.has(real)) continue;
      const shown = shownPath(path);
      found.set(real, typeof path === 'string' ? { abs: shown, file: file ?? displayPath(shown, cwd) } : { abs: shown, file: displayPath(shown, cwd), raw: path });
    }
  }
  // Returned from a turn of its own: code after an awaited `readdir` runs inside the native callback that
  // resolved it, and the load is mostly synchronous, so that callback's handle scope kept the last folder's
  // listing (a Dirent a file, about 150 bytes each) alive until every story was made.
  await new Promise((resolve) => setImmediate(resolve));
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * A story file found in a folder, and what it really is (links resolved, as
 * a {@link pathKey}), by which two finds are told to be one file; and the
 * path messages name it by, where the folder's gave it.
 */
interface Listed {
  path: FsPath;
  real: string;
  file?: string;
}

/** What listing a folder has to say: a folder it cannot open, a story file's name that is a link to nothing, a link to a folder that holds it, a name that is not UTF-8; and how it shows a path. */
interface Said {
  unreadable(dir: FsPath, code: string): void;
  dangling(path: FsPath): void;
  loop(path: FsPath, to: FsPath): void;
  notUtf8(path: FsPath): void;
  /** How messages show a path (from the working folder when inside it). */
  shown(path: string): string;
}

/** What a folder's entry is. */
interface Kind {
  isSymbolicLink(): boolean;
  isDirectory(): boolean;
  isFile(): boolean;
}

/** A folder's entry (a Dirent, when its name is UTF-8): its name as shown, its bytes where they are not UTF-8, and what it is. */
interface Entry extends Kind {
  name: string;
  raw?: Buffer;
}

/**
 * A folder's entries. Read by name, as is quickest; a name that is not
 * UTF-8 then comes back with U+FFFD for its stray bytes, which opens
 * nothing (ENOENT stopped the build): the folder is then read again by bytes.
 */
async function entriesOf(dir: FsPath): Promise<Entry[]> {
  if (typeof dir === 'string') {
    const list = await readdir(dir, { withFileTypes: true });
    // The listing itself: an object more a file was about 40 bytes each of a big folder's garbage.
    if (!list.some((e) => e.name.includes('\uFFFD'))) return list;
  }
  const list = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  const kind = (e: Kind): Kind => ({ isSymbolicLink: () => e.isSymbolicLink(), isDirectory: () => e.isDirectory(), isFile: () => e.isFile() });
  return list.map((e) => (isUtf8(e.name) ? { name: e.name.toString('utf8'), ...kind(e) } : { name: shownPath(e.name), raw: e.name, ...kind(e) }));
}

/**
 * The story files in a folder and its sub-folders. `shown` is the folder's
 * path as messages show it (from the working folder when inside it): its
 * files' are made from it and their names, not each worked out again with
 * `relative`, which made a dozen strings a file.
 */
async function listFolder(dir: FsPath, seen: Set<string>, said: Said, shown?: string): Promise<Listed[]> {
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
    const story = STORY_NAME.test(e.name);
    // A link is resolved to what it points at; a dangling one is skipped, and said if its name is a story's:
    // the story it stood for (a file moved or deleted) would otherwise be missing from the book unnoticed.
    const link = e.isSymbolicLink();
    const st = link ? await stat(path).catch(() => null) : e;
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
    // A sub-folder's path as shown is worked out whole: the working folder may be inside it (or be it).
    else if (st.isDirectory()) for (const found of await listFolder(path, seen, said, typeof path === 'string' ? said.shown(path) : undefined)) out.push(found);
    else if (st.isFile() && story) {
      // A file that is not a link is where its folder really is: asking each of 20,000 files took 1.2 s.
      // In a folder with no link on the way, that is where it was found: one path, not two equal strings.
      const where = link ? await realOf(path) : real === dir ? path : child(real, e);
      const file = shownChild(shown, dir, path, e.name);
      out.push(file === undefined ? { path, real: pathKey(where) } : { path, real: pathKey(where), file });
    }
  }
  return out;
}

