import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, Chunks, writeJson } from './json.js';
import { writeDiagnostics } from './shared.js';

/** What `writeJson` writes, and the size of each write. */
async function written(value: object): Promise<{ text: string; sizes: number[] }> {
  const parts: string[] = [];
  await writeJson((s) => void parts.push(s), value);
  return { text: parts.join(''), sizes: parts.map((p) => p.length) };
}

const stringified = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/**
 * A writer like a full pipe: each write returns a promise that settles a
 * moment later, and a write made while one is pending fails the test
 * (writing on regardless is what piles text up in memory).
 */
function slowPipe(): { parts: string[]; readonly waiting: boolean; write: (s: string) => Promise<void> } {
  const parts: string[] = [];
  let waiting = false;
  const write = (s: string): Promise<void> => {
    expect(waiting).toBe(false);
    parts.push(s);
    waiting = true;
    return new Promise((resolve) => setTimeout(() => resolve(void (waiting = false)), 0));
  };
  return {
    parts,
    get waiting() {
      return waiting;
    },
    write,
  };
}

describe('writeJson', () => {
  const diagnostic = { code: 'text/doubled-word', severity: 'warning', message: 'Doubled word "the the"\n\t\u2028', file: 'a/b "c".txt', line: 3, column: 7 };
  const cases: [string, object][] = [
    ['an empty object', {}],
    ['an empty array', []],
    ['a report', { title: 'A & <B>', outputs: [{ format: 'pdf', path: 'output/a.pdf', bytes: 3, pages: 1 }], stories: [{ file: 'x.txt', title: 'X', authors: ['Á', 'ß'], typography: { quotes: 2 } }], removed: [], diagnostics: [diagnostic, { ...diagnostic, line: 9 }] }],
    ['left-out and null values', { a: undefined, b: null, c: [undefined, null, () => 1, Symbol('s')], d: () => 1, e: { f: undefined, g: [] }, h: [[], {}, [1, [2]]] }],
    ['a top-level array', [diagnostic, [1, 2], 'x', 0, null, undefined, { nested: { deep: ['y'] } }]],
    ['keys that need escaping', { 'a"b': 1, 'c\nd': ['e'], '\u00e9': [{ '\\': '\u0000' }] }],
  ];
  for (const [what, value] of cases) {
    it(`writes ${what} as JSON.stringify(v, null, 2) does`, async () => {
      expect((await written(value)).text).toBe(stringified(value));
    });
  }

  it('writes a big array in chunks, never the whole text at once', async () => {
    const diagnostics = Array.from({ length: 20_000 }, (_, i) => ({ ...diagnostic, line: i }));
    const { text, sizes } = await written({ title: 't', diagnostics });
    expect(text).toBe(stringified({ title: 't', diagnostics }));
    expect(sizes.length).toBeGreaterThan(20);
    // A chunk ends at the first element that takes it past the size.
    expect(Math.max(...sizes)).toBeLessThan(CHUNK_CHARS + 400);
  });

  it('waits for a write that asks it to before writing more (a full pipe)', async () => {
    const diagnostics = Array.from({ length: 5_000 }, (_, i) => ({ ...diagnostic, line: i }));
    const pipe = slowPipe();
    await writeJson(pipe.write, { diagnostics });
    expect(pipe.parts.length).toBeGreaterThan(5);
    expect(pipe.waiting).toBe(false);
    expect(pipe.parts.join('')).toBe(stringified({ diagnostics }));
  });
  it('writes a key given as an iterable in its place, as the array it yields, without reading the key from the value', async () => {
    const items = [diagnostic, { ...diagnostic, line: 4 }];
    let read = 0;
    const value = Object.defineProperty({ title: 'T', empty: [] as unknown[] }, 'diagnostics', { enumerable: true, get: () => (read++, items) });
    Object.assign(value, { after: 1 });
    const parts: string[] = [];
    await writeJson((s) => void parts.push(s), value, { diagnostics: (function* () { yield* items; })(), empty: [][Symbol.iterator]() });
    expect(read).toBe(0);
    expect(parts.join('')).toBe(stringified({ title: 'T', empty: [], diagnostics: items, after: 1 }));
  });
});

describe('writeDiagnostics', () => {
  it('writes one line a message, a chunk at a time, waiting when asked', async () => {
    const list = Array.from({ length: 3_000 }, (_, i) => ({ code: 'text/doubled-word', severity: 'warning' as const, message: 'Doubled word "a a"', file: 'f.txt', line: i + 1, column: 2 }));
    const pipe = slowPipe();
    await writeDiagnostics(pipe.write, [{ code: 'struct/removed-line', severity: 'info', message: 'hidden' }, ...list], false);
    expect(pipe.parts.length).toBeGreaterThan(1);
    expect(pipe.waiting).toBe(false);
    expect(pipe.parts.join('')).toBe(list.map((d) => `f.txt:${d.line}:2 warning Doubled word "a a" [text/doubled-word]\n`).join(''));
  });
});

describe('Chunks', () => {
  it('writes what it gathered, in order, once it is big enough or flushed', () => {
    const out: string[] = [];
    const c = new Chunks((s) => void out.push(s));
    c.add('a');
    c.add('');
    expect(out).toEqual([]);
    c.add('x'.repeat(CHUNK_CHARS));
    expect(out).toEqual([`a${'x'.repeat(CHUNK_CHARS)}`]);
    c.add('b');
    c.flush();
    c.flush();
    expect(out.slice(1)).toEqual(['b']);
  });
});
