import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Messages } from '../diagnostics/index.js';
import type { SourceText } from '../model.js';
import { decodeBytes } from './decode.js';
import { openPath, type FoundFile } from './find.js';

export { findStoryFiles, STORY_EXTENSIONS, type FoundFile } from './find.js';
export { displayPath } from './paths.js';

/** The largest story file read by default: far beyond any story, small enough never to strain the machine. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads at most `max` + 1 bytes of a regular file. The limit holds for what
 * is read, not for what the file system reports: /proc files say they are
 * empty, and a device never ends. Reading is synchronous: story files are
 * small, and a thousand asynchronous opens, stats and closes cost far more
 * than the reads themselves.
 */
function readLimited(abs: string | Buffer, max: number): Uint8Array | 'not-regular' | 'too-large' {
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
    if (!statSync(openPath(f)).isFile()) {
      messages.add('input/unreadable', `Cannot read ${f.file}: not a regular file`, { file: f.file });
      return null;
    }
    const read = readLimited(openPath(f), maxBytes);
    if (read === 'too-large') {
      const size = statSync(openPath(f)).size;
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
    const st = statSync(openPath(f));
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
