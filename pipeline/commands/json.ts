import { Gather } from '../shared/gather.js';

/** How many characters {@link Chunks} gathers before it writes them: few calls, and never the whole text at once. */
export const CHUNK_CHARS = 1 << 16;

/** Where text goes: a promise means "wait for it before writing more" (a pipe that is full). */
export type Write = (s: string) => void | Promise<void>;

/**
 * Text handed to `write` about {@link CHUNK_CHARS} characters at a time. A
 * big book's report is hundreds of thousands of lines: one write call a
 * line is slow, and one string of them all (as `JSON.stringify` of the whole
 * report made) took several times the book's memory. `add` and `flush`
 * return the write's promise, to be awaited before adding more: written in
 * one loop, text a pipe's reader had not taken yet piled up in memory
 * (a 10,000-story build's message lines, about 60 MB).
 */
export class Chunks extends Gather<string, void | Promise<void>> {
  constructor(write: Write) {
    super(CHUNK_CHARS, (parts) => parts.join(''), write);
  }
}

/**
 * Writes `value`, a plain object or array, and a newline: the characters
 * `JSON.stringify(value, null, 2)` and "\n" would be, but the elements of its
 * top-level arrays (or of itself, if an array) one at a time, so the text is
 * never whole in memory. A key of `streamed` is written from its iterable
 * instead of read from `value` (as an array: a report's diagnostics, read
 * from disk as they are written); so is `value` itself when it is an
 * iterable other than an array (`lint`'s diagnostics).
 */
export async function writeJson(write: Write, value: object, streamed: Readonly<Record<string, Iterable<unknown>>> = {}): Promise<void> {
  const out = new Chunks(write);
  if (Array.isArray(value) || Symbol.iterator in value) await writeArray(out, value as Iterable<unknown>, '');
  else {
    let first = true;
    for (const key of Object.keys(value)) {
      const v: unknown = Object.hasOwn(streamed, key) ? streamed[key] : (value as Record<string, unknown>)[key];
      // Left out as JSON.stringify leaves them out.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      await out.add(`${first ? '{\n' : ',\n'}  ${JSON.stringify(key)}: `);
      first = false;
      if (Array.isArray(v) || Object.hasOwn(streamed, key)) await writeArray(out, v as Iterable<unknown>, '  ');
      else await out.add(nested(v, '  '));
    }
    await out.add(first ? '{}' : '\n}');
  }
  await out.add('\n');
  await out.flush();
}

/** An array's text, an element at a time, as JSON.stringify indents it at `indent`. */
async function writeArray(out: Chunks, list: Iterable<unknown>, indent: string): Promise<void> {
  const inner = `${indent}  `;
  let first = true;
  for (const item of list) {
    const written = out.add(`${first ? '[\n' : ',\n'}${inner}${item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 'null' : nested(item, inner)}`);
    first = false;
    // Only a full pipe makes this wait: an await per element would cost a turn of the event loop each.
    if (written) await written;
  }
  return out.add(first ? '[]' : `\n${indent}]`);
}

/** `v` as JSON.stringify indents it at `indent`: it escapes newlines inside strings, so every "\n" in its text is between values. */
function nested(v: unknown, indent: string): string {
  const text = JSON.stringify(v, null, 2);
  return indent ? text.replaceAll('\n', `\n${indent}`) : text;
}
