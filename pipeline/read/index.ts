import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, extname, isAbsolute } from 'node:path';
import type { Messages } from '../diagnostics/index.js';
import type { SourceText } from '../model.js';
import { decodeBytes } from './decode.js';

/** File endings read as stories. */
export const STORY_EXTENSIONS = ['.txt', '.md'];

/** One story file found among the inputs. */
export interface FoundFile {
  /** Path for messages: relative to cwd when inside it. */
  file: string;
  /** Absolute path. */
  abs: string;
}

/** The largest story file read by default: far beyond any story, small enough never to strain the machine. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

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

/**
 * Reads at most `max` + 1 bytes of a regular file. The limit holds for what
 * is read, not for what the file system reports: /proc files say they are
 * empty, and a device never ends. Reading is synchronous: story files are
 * small, and a thousand asynchronous opens, stats and closes cost far more
 * than the reads themselves.
 */
function readLimited(abs: string, max: number): Uint8Array | 'not-regular' | 'too-large' {
  // Non-blocking: a file swapped for a FIFO after the check below must not hang the open.
  const fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    // A FIFO, socket or device would block or never end.
    if (!st.isFile()) return 'not-regular';
    if (st.size > max) return 'too-large';
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // One read for a file that is what it says it is: its size plus one byte to see the end.
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size + 1, 4096), 1 << 20, max + 1 - total));
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) return 'too-large';
    }
    return new Uint8Array(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
  } finally {
    closeSync(fd);
  }
}

/** Reads one story file's bytes; returns null (with an error recorded) when it cannot be read. */
export function readStoryBytes(f: FoundFile, messages: Messages, maxBytes = DEFAULT_MAX_FILE_BYTES): Uint8Array | null {
  try {
    // A FIFO would block even the opening for reading: check what it is first.
    if (!statSync(f.abs).isFile()) {
      messages.add('input/unreadable', `Cannot read ${f.file}: not a regular file`, { file: f.file });
      return null;
    }
    const read = readLimited(f.abs, maxBytes);
    if (read === 'too-large') {
      const size = statSync(f.abs).size;
      messages.add('input/too-large', `${f.file} is ${size > maxBytes ? mib(size) : 'larger than that'}, over the ${mib(maxBytes)} limit for one story (raise it with --max-file-size)`, { file: f.file });
      return null;
    }
    if (read === 'not-regular') {
      messages.add('input/unreadable', `Cannot read ${f.file}: not a regular file`, { file: f.file });
      return null;
    }
    return read;
  } catch (e) {
    messages.add('input/unreadable', `Cannot read ${f.file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { file: f.file });
    return null;
  }
}

/** The size of a story file as {@link readStoryBytes} would read it: 0 for one it would not read. */
export function storyFileSize(f: FoundFile, maxBytes = DEFAULT_MAX_FILE_BYTES): number {
  try {
    const st = statSync(f.abs);
    return st.isFile() && st.size <= maxBytes ? st.size : 0;
  } catch {
    return 0;
  }
}

/** Decodes a story file's bytes; returns null (with an error recorded) when they are not text. */
export function decodeStory(f: FoundFile, bytes: Uint8Array, messages: Messages): SourceText | null {
  const decoded = decodeBytes(bytes, f.file, messages);
  if (decoded === null) return null;
  return {
    file: f.file,
    text: decoded.text,
    encoding: decoded.encoding,
    // Of the decoded text, not the bytes: the same story saved as CRLF, UTF-16 or Windows-1252 is the same story.
    sha256: createHash('sha256').update(decoded.text).digest('hex'),
    bytes: bytes.byteLength,
  };
}

function mib(n: number): string {
  // Small limits (--max-file-size 0.0001) would all read "0.00 MiB".
  if (n < 1024) return `${Math.round(n)} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
