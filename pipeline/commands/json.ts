/** How many characters {@link Chunks} gathers before it writes them: few calls, and never the whole text at once. */
export const CHUNK_CHARS = 1 << 16;

/**
 * Gathers text and hands it to `write` about {@link CHUNK_CHARS} at a time.
 * A big book's report is hundreds of thousands of lines: one write call a
 * line is slow, and one string of them all (as `JSON.stringify` of the whole
 * report made) took several times the book's memory.
 */
export class Chunks {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly write: (s: string) => void) {}

  add(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.size === 0 && this.parts.length === 0) return;
    const text = this.parts.join('');
    [this.parts, this.size] = [[], 0];
    if (text) this.write(text);
  }
}

/**
 * Writes `value`, a plain object or array, and a newline, as
 * `JSON.stringify(value, null, 2)` and "\n" would be, the same characters, but the elements of its top-level arrays (or
 * of itself, if an array) one at a time, so the text is never whole in memory.
 */
export function writeJson(write: (s: string) => void, value: object): void {
  const out = new Chunks(write);
  if (Array.isArray(value)) writeArray(out, value, '');
  else {
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      // Left out as JSON.stringify leaves them out.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      out.add(`${first ? '{\n' : ',\n'}  ${JSON.stringify(key)}: `);
      first = false;
      if (Array.isArray(v)) writeArray(out, v, '  ');
      else out.add(nested(v, '  '));
    }
    out.add(first ? '{}' : '\n}');
  }
  out.add('\n');
  out.flush();
}

/** An array's text, an element at a time, as JSON.stringify indents it at `indent`. */
function writeArray(out: Chunks, list: readonly unknown[], indent: string): void {
  if (list.length === 0) return out.add('[]');
  const inner = `${indent}  `;
  list.forEach((item, i) => out.add(`${i ? ',\n' : '[\n'}${inner}${item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 'null' : nested(item, inner)}`));
  out.add(`\n${indent}]`);
}

/** `v` as JSON.stringify indents it at `indent`: it escapes newlines inside strings, so every "\n" in its text is between values. */
function nested(v: unknown, indent: string): string {
  const text = JSON.stringify(v, null, 2);
  return indent ? text.replaceAll('\n', `\n${indent}`) : text;
}
