import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteSink, FileSink } from './sink.js';

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
    for (const s of [sink, mem]) {
      s.line('%PDF-1.7');
      s.push(big);
      s.line('é\u00ff');
    }
    const { bytes, sha256 } = sink.finish();
    closeSync(fd);
    const expected = Buffer.from(mem.bytes());
    const written = readFileSync(file);
    expect(written.equals(expected)).toBe(true);
    expect(bytes).toBe(9 + 2_500_000 + 3);
    expect(sha256).toBe(createHash('sha256').update(expected).digest('hex'));
  });
});
