import { describe, expect, it, vi } from 'vitest';
import { Spill } from '../shared/spill.js';
import type { Diagnostic } from '../model.js';
import { Messages, formatDiagnostic, readRecords, writeRecords } from './index.js';

/** A stand-in for a spill file: counts what is written and read. */
function disk(): { write(text: string): number; read(place: number): string; texts: string[]; reads: number } {
  const d = {
    texts: [] as string[],
    reads: 0,
    write(text: string): number {
      d.texts.push(text);
      return d.texts.length - 1;
    },
    read(place: number): string {
      d.reads++;
      return d.texts[place]!;
    },
  };
  return d;
}

const warn = (message: string): Diagnostic => ({ code: 'text/doubled-word', severity: 'warning', message, file: 'a.txt', line: 1 });

describe('Messages.take', () => {
  it('keeps records in the order added, whether parked on disk or not', () => {
    const m = new Messages();
    const d = disk();
    m.add('meta/missing-title', 'first');
    m.take([warn('a'), warn('b')], d);
    m.take([warn('c')]);
    m.take([warn('d')], d);
    m.add('meta/missing-title', 'last');
    expect(d.texts).toHaveLength(2);
    expect(d.reads).toBe(0);
    expect(m.list.map((x) => x.message)).toEqual(['first', 'a', 'b', 'c', 'd', 'last']);
    expect(d.reads).toBe(2);
    // Read back once: the records are in memory from then on.
    m.list[1]!.message = 'changed';
    expect(m.list[1]!.message).toBe('changed');
    expect(d.reads).toBe(2);
  });

  it('answers `errors` without reading warnings back, and finds parked errors', () => {
    const m = new Messages();
    const d = disk();
    m.take([warn('a')], d);
    expect(m.errors).toEqual([]);
    expect(d.reads).toBe(0);
    m.take([{ ...warn('bad'), code: 'input/binary', severity: 'error' }], d);
    expect(m.errors.map((e) => e.message)).toEqual(['bad']);
    m.downgrade(['input/binary'], 'skipped');
    expect(m.errors).toEqual([]);
    expect(m.list.map((x) => `${x.severity} ${x.message}`)).toEqual(['warning a', 'warning bad (skipped)']);
  });

  it('parks batches written one after another as one entry, read back at once in order', () => {
    const spill = Spill.create();
    try {
      const m = new Messages();
      const reads = vi.spyOn(spill, 'read');
      for (let i = 0; i < 50; i++) m.take([warn(`a${i}`), warn(`b${i}`)], spill);
      m.add('meta/missing-title', 'between');
      m.take([warn('after, with a comma]')], spill);
      expect((m as unknown as { parked: unknown[] }).parked).toHaveLength(2);
      expect(m.list.map((x) => x.message)).toEqual([...Array.from({ length: 50 }, (_, i) => [`a${i}`, `b${i}`]).flat(), 'between', 'after, with a comma]']);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      spill.close();
    }
  });

  it('takes records written before, in the order taken, counting their errors unread', () => {
    const m = new Messages();
    const d = disk();
    const later = writeRecords([warn('c'), { ...warn('bad'), code: 'input/binary', severity: 'error' }], d);
    const first = writeRecords([warn('a'), warn('b')], d);
    m.takeWritten(first, d);
    m.takeWritten(later, d);
    expect(m.errors.map((e) => e.message)).toEqual(['bad']);
    expect(m.list.map((x) => x.message)).toEqual(['a', 'b', 'c', 'bad']);
    expect(readRecords(d, first.place).map((x) => x.message)).toEqual(['a', 'b']);
  });

  it('promotes parked warnings under --strict', () => {
    const m = new Messages();
    m.take([warn('a')], disk());
    m.promoteWarnings();
    expect(m.errors.map((e) => [e.message, e.promoted])).toEqual([['a', true]]);
  });

  it('under --strict reads parked records back only when they are read: none of a clean big book\'s, until the report', () => {
    const m = new Messages();
    const d = disk();
    const info: Diagnostic = { code: 'struct/removed-line', severity: 'info', message: 'i', file: 'a.txt' };
    m.take([info, { ...info, message: 'j' }], d);
    m.add('text/doubled-word', 'here');
    m.promoteWarnings();
    expect(d.reads).toBe(0);
    expect(m.errors.map((e) => [e.message, e.promoted])).toEqual([['here', true]]);
    expect(d.reads).toBe(0);
    // Walked for the report (a record with no file first): the parked ones as they were (info stays info), read once.
    expect([...m.sorted()].map((x) => [x.message, x.severity])).toEqual([['here', 'error'], ['i', 'info'], ['j', 'info']]);
    expect(d.reads).toBe(1);
  });

  it('under --strict promotes parked warnings as they are read back, in the report and the list alike', () => {
    const m = new Messages();
    const d = disk();
    m.take([warn('a'), { ...warn('b'), severity: 'info' }], d);
    m.promoteWarnings();
    expect([...m.sorted()].map((x) => [x.message, x.severity, x.promoted])).toEqual([['a', 'error', true], ['b', 'info', undefined]]);
    expect(m.list.map((x) => [x.message, x.severity, x.promoted])).toEqual([['a', 'error', true], ['b', 'info', undefined]]);
  });
});

describe('formatDiagnostic', () => {
  it('shows control and bidi override characters escaped: a file name must not act on the terminal or split the line', () => {
    const d: Diagnostic = { code: 'meta/unknown-author', severity: 'warning', message: 'No author "\u202Eevil"', file: 'in/a\u001b[31mred\nx.txt', line: 1, column: 1 };
    expect(formatDiagnostic(d)).toBe('in/a\\u001B[31mred\\u000Ax.txt:1:1 warning No author "\\u202Eevil" [meta/unknown-author]');
    // Everything else as written.
    expect(formatDiagnostic({ ...d, file: 'in/café “x”.txt', message: 'שָׁלוֹם 👍' })).toBe('in/café “x”.txt:1:1 warning שָׁלוֹם 👍 [meta/unknown-author]');
  });
});
