import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, extname, isAbsolute } from 'node:path';
import type { Messages } from '../diagnostics/index.js';

/** File endings read as stories. */
export const STORY_EXTENSIONS = ['.txt', '.md'];

/** One story file found among the inputs. */
export interface FoundFile {
  /** Path for messages: relative to cwd when inside it. */
  file: string;
  /** Absolute path. */
  abs: string;
}

/**
 * Expands the inputs (files or folders, folders searched through their
 * sub-folders) into story files, sorted by path so that the file system's
 * listing order never changes the book. Symbolic links are followed once:
 * a link loop, or two links to one file, cannot make a story appear twice.
 */
export async function findStoryFiles(inputs: string[], cwd: string, messages: Messages): Promise<FoundFile[]> {
  const found = new Map<string, FoundFile>();
  const seenDirs = new Set<string>();
  for (const input of inputs) {
    const abs = isAbsolute(input) ? input : join(cwd, input);
    const st = await stat(abs).catch(() => null);
    if (!st) {
      messages.add('input/not-found', `Input not found: ${input}`, { file: input });
      continue;
    }
    const said: Said = {
      unreadable: (dir, code) => void messages.add('input/unreadable', `Cannot read the folder ${displayPath(dir, cwd)}: ${code}`, { file: displayPath(dir, cwd) }),
      dangling: (path) => void messages.add('input/dangling-link', `${displayPath(path, cwd)} is a symbolic link to nothing: skipped`, { file: displayPath(path, cwd) }),
    };
    const files = st.isDirectory() ? await listFolder(abs, seenDirs, said) : [{ path: abs, real: await realpath(abs).catch(() => abs) }];
    for (const { path, real } of files) {
      if (!found.has(real)) found.set(real, { abs: path, file: displayPath(path, cwd) });
    }
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A story file found in a folder, and the path it really is (links resolved), by which two finds are told to be one file. */
interface Listed {
  path: string;
  real: string;
}

/** What listing a folder has to say: a folder it cannot open, a story file's name that is a link to nothing. */
interface Said {
  unreadable(dir: string, code: string): void;
  dangling(path: string): void;
}

async function listFolder(dir: string, seen: Set<string>, said: Said): Promise<Listed[]> {
  const real = await realpath(dir).catch(() => dir);
  if (seen.has(real)) return [];
  seen.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    // A folder the build cannot open would silently lose its stories: say so.
    said.unreadable(dir, (e as NodeJS.ErrnoException).code ?? 'error');
    return [];
  }
  const out: Listed[] = [];
  for (const e of entries) {
    // Hidden files and folders are editor back-ups and system files, never stories.
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    // A link is resolved to what it points at; a dangling one is skipped, and said if its name is a story's:
    // the story it stood for (a file moved or deleted) would otherwise be missing from the book unnoticed.
    const link = e.isSymbolicLink();
    const st = link ? await stat(path).catch(() => null) : e;
    if (!st) {
      if (STORY_EXTENSIONS.includes(extname(e.name).toLowerCase())) said.dangling(path);
      continue;
    }
    // One at a time: a folder of 200,000 stories is too many to spread as arguments.
    if (st.isDirectory()) for (const found of await listFolder(path, seen, said)) out.push(found);
    else if (st.isFile() && STORY_EXTENSIONS.includes(extname(e.name).toLowerCase())) {
      // A file that is not a link is where its folder really is: asking each of 20,000 files took 1.2 s.
      out.push({ path, real: link ? await realpath(path).catch(() => path) : join(real, e.name) });
    }
  }
  return out;
}

function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split('\\').join('/');
}
