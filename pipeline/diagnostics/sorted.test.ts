import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model.js';
import { Messages, sortDiagnostics } from './index.js';

/** A stand-in for a spill file that counts what is read back at once. */
function disk(): { write(text: string): number; read(place: number): string; reads: number; texts: string[] } {
  const d = {
    texts: [] as string[],
    reads: 0,
    write: (text: string): number => d.texts.push(text) - 1,
    read(place: number): string {
      d.reads++;
      return d.texts[place]!;
    },
  };
  return d;
}

/** A small deterministic generator (the test must fail the same way every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const rec = (file: string | undefined, line: number | undefined, message: string, column?: number): Diagnostic => ({
  code: 'text/doubled-word',
  severity: 'warning',
  message,
  ...(file !== undefined ? { file } : {}),
  ...(line !== undefined ? { line } : {}),
  ...(column !== undefined ? { column } : {}),
});

/** A book's messages as a build makes them: some added in memory, each story's parked in the order of its file. */
function build(seed: number, inOrder: boolean): { messages: Messages; reads: () => number } {
  const next = random(seed);
  const pick = (n: number): number => Math.floor(next() * n);
  const files = ['a.txt', 'b.txt', 'b.txt.md', 'c/d.txt', 'e.txt', 'z.txt'];
  const m = new Messages();
  const d = disk();
  let n = 0;
  const one = (file: string | undefined): Diagnostic => rec(file, pick(3) === 0 ? undefined : pick(4) + 1, `m${n++}`, pick(2) ? pick(3) + 1 : undefined);
  const order = inOrder ? files : [...files].reverse();
  for (const file of order) {
    if (pick(2)) m.add('meta/missing-title', `book ${n++}`);
    // The same place often: stable order among them is part of the report's bytes.
    if (pick(2)) m.take([one(pick(2) ? file : files[pick(files.length)])]);
    m.take(Array.from({ length: pick(5) }, () => one(file)), d);
    if (pick(3) === 0) m.take([one(file)], d);
  }
  m.add('meta/missing-title', `last ${n++}`, { file: files[pick(files.length)], line: pick(3) });
  return { messages: m, reads: () => d.reads };
}

describe('Messages.sorted', () => {
  it('gives the records in the order sorting the whole list gives, reading parked batches back one at a time', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { messages, reads } = build(seed, true);
      const streamed = [...messages.sorted()].map((d) => d.message);
      // Nothing was read back whole: the list is still parked.
      const parked = (messages as unknown as { parked: { length: number } }).parked.length;
      expect(reads()).toBe(parked);
      expect(streamed, `seed ${seed}`).toEqual(sortDiagnostics(messages.list).map((d) => d.message));
    }
  });

  it('reads records parked out of the order of their files back whole, and still sorts them', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { messages } = build(seed, false);
      const streamed = [...messages.sorted()].map((d) => d.message);
      expect(streamed, `seed ${seed}`).toEqual(sortDiagnostics(messages.list).map((d) => d.message));
    }
    // A batch out of order within itself is not walked either.
    const m = new Messages();
    const d = disk();
    m.take([rec('b.txt', 1, 'b'), rec('a.txt', 1, 'a')], d);
    m.take([rec('c.txt', 1, 'c')], d);
    expect([...m.sorted()].map((x) => x.message)).toEqual(['a', 'b', 'c']);
  });

  it('can be walked again, and agrees with the list once read back', () => {
    const { messages } = build(7, true);
    const first = [...messages.sorted()].map((d) => d.message);
    expect([...messages.sorted()].map((d) => d.message)).toEqual(first);
    void messages.list;
    expect([...messages.sorted()].map((d) => d.message)).toEqual(first);
  });
});
