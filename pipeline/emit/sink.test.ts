import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteSink, FileSink } from './sink.js';

/** The sinks' block size (a megabyte). */
const BLOCK_SIZE = 1 << 20;

describe('ByteSink', () => {
  it('keeps bytes and lines in order across its blocks, and joins them exactly', () => {
    const sink = new ByteSink();
    const big = Buffer.alloc(1_500_000, 0x61); // spans a block boundary
    expect(sink.line('%PDF-1.7')).toBe(9);
    expect(sink.push(big)).toBe(1_500_000);
    sink.line('x'.repeat(600_000)); // does not fit what is left of the block
    sink.line('é\u00ff'); // binary strings: one byte a character
    expect(sink.length).toBe(9 + 1_500_000 + 600_001 + 3);
    const out = Buffer.from(sink.bytes());
    expect(out.length).toBe(9 + 1_500_000 + 600_001 + 3);
    expect(out.subarray(0, 9).toString('latin1')).toBe('%PDF-1.7\n');
    expect(out.subarray(9, 9 + 1_500_000).equals(big)).toBe(true);
    expect(out.subarray(out.length - 3)).toEqual(Buffer.from([0xe9, 0xff, 0x0a]));
    expect(sink.length).toBe(0);
  });
});

describe('FileSink', () => {
  it('writes the same bytes a ByteSink joins, a block at a time, and hashes them', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'anth-sink-')), 'book.bin');
    const fd = openSync(file, 'w');
    const sink = new FileSink(fd);
    const mem = new ByteSink();
    const big = Buffer.alloc(2_500_000, 0x62); // more than two blocks
    /** What the lines before the long ones fill of their block. */
    const FILLED = (9 + 2_500_000 + 3) % BLOCK_SIZE;
    for (const s of [sink, mem]) {
      s.line('%PDF-1.7');
      s.push(big);
      s.line('é\u00ff');
      s.line(`${'c'.repeat(BLOCK_SIZE - FILLED - 2)}\u00e9z`); // fills its block to the end: its newline opens the next
      s.line('d'.repeat(2 * BLOCK_SIZE + 10)); // a line longer than two blocks
      s.line('');
    }
    const { bytes, sha256 } = sink.finish();
    closeSync(fd);
    const expected = Buffer.from(mem.bytes());
    const written = readFileSync(file);
    expect(written.equals(expected)).toBe(true);
    const lines = expected.subarray(9 + 2_500_000).toString('latin1').split('\n');
    expect(lines.map((l) => l.length)).toEqual([2, BLOCK_SIZE - FILLED, 2 * BLOCK_SIZE + 10, 0, 0]);
    expect(lines[1]!.endsWith('c\u00e9z')).toBe(true);
    expect(bytes).toBe(9 + 2_500_000 + 3 + BLOCK_SIZE - FILLED + 1 + 2 * BLOCK_SIZE + 11 + 1);
    expect(sha256).toBe(createHash('sha256').update(expected).digest('hex'));
  });
});
