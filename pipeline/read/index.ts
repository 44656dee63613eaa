import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
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

/**
 * Expands the inputs (files or folders) into story files, sorted by path so
 * that the file-system's listing order never changes the book.
 */
export async function findStoryFiles(inputs: string[], cwd: string, messages: Messages): Promise<FoundFile[]> {
  const found = new Map<string, FoundFile>();
  for (const input of inputs) {
    const abs = isAbsolute(input) ? input : join(cwd, input);
    const st = await stat(abs).catch(() => null);
    if (!st) {
      messages.add('input/not-found', `Input not found: ${input}`, { file: input });
      continue;
    }
    const files = st.isDirectory() ? await listFolder(abs) : [abs];
    for (const f of files) found.set(f, { abs: f, file: displayPath(f, cwd) });
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

async function listFolder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    // Hidden files are editor back-ups and system files, never stories.
    if (e.name.startsWith('.')) continue;
    if (e.isFile() && STORY_EXTENSIONS.includes(extname(e.name).toLowerCase())) out.push(join(dir, e.name));
  }
  return out;
}

function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split('\\').join('/');
}

/** Reads and decodes one story file; returns null (with an error recorded) when it cannot be used. */
export async function readStory(f: FoundFile, messages: Messages): Promise<SourceText | null> {
  let bytes: Uint8Array;
  try {
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
