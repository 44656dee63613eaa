import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
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
    const files = st.isDirectory() ? await listFolder(abs, seenDirs) : [abs];
    for (const f of files) {
      const real = await realpath(f).catch(() => f);
      if (!found.has(real)) found.set(real, { abs: f, file: displayPath(f, cwd) });
    }
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

async function listFolder(dir: string, seen: Set<string>): Promise<string[]> {
  const real = await realpath(dir).catch(() => dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    // Hidden files and folders are editor back-ups and system files, never stories.
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    // A link is resolved to what it points at; a dangling one is skipped.
    const st = e.isSymbolicLink() ? await stat(path).catch(() => null) : e;
    if (!st) continue;
    if (st.isDirectory()) out.push(...(await listFolder(path, seen)));
    else if (st.isFile() && STORY_EXTENSIONS.includes(extname(e.name).toLowerCase())) out.push(path);
  }
  return out;
}

function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split('\\').join('/');
}

/** Reads and decodes one story file; returns null (with an error recorded) when it cannot be used. */
export async function readStory(f: FoundFile, messages: Messages, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<SourceText | null> {
  let bytes: Uint8Array;
  try {
    // The size is checked before reading, so an enormous file is never loaded.
    const size = (await stat(f.abs)).size;
    if (size > maxBytes) {
      messages.add('input/too-large', `${f.file} is ${mib(size)}, over the ${mib(maxBytes)} limit for one story (raise it with --max-file-size)`, { file: f.file });
      return null;
    }
    bytes = await readFile(f.abs);
  } catch (e) {
    messages.add('input/unreadable', `Cannot read ${f.file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { file: f.file });
    return null;
  }
  const decoded = decodeBytes(bytes, f.file, messages);
  if (decoded === null) return null;
  return {
    file: f.file,
    text: decoded.text,
    encoding: decoded.encoding,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.byteLength,
  };
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MiB`;
}
