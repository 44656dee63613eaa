import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { decodeBytes } from './decode.js';
import { findStoryFiles, readStory } from './index.js';

const dec = (bytes: number[] | Uint8Array) => {
  const m = new Messages();
  return { r: decodeBytes(Uint8Array.from(bytes), 'f.txt', m), m };
};

describe('decode', () => {
  it('reads UTF-8 with and without a BOM, and normalises line ends and NFC', () => {
    const text = 'Cafe\u0301\r\nline\rend';
    const bytes = new TextEncoder().encode(text);
    expect(dec(bytes).r).toEqual({ text: 'Café\nline\nend', encoding: 'utf-8' });
    expect(dec([0xef, 0xbb, 0xbf, ...bytes]).r?.text).toBe('Café\nline\nend');
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(dec([0xff, 0xfe, 0x48, 0, 0x69, 0]).r).toEqual({ text: 'Hi', encoding: 'utf-16le' });
    expect(dec([0xfe, 0xff, 0, 0x48, 0, 0x69]).r).toEqual({ text: 'Hi', encoding: 'utf-16be' });
  });

  it('falls back to Windows-1252 and says so', () => {
    const { r, m } = dec([0x93, 0x48, 0x69, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9]);
    expect(r).toEqual({ text: '“Hi” café', encoding: 'windows-1252' });
    expect(m.list).toMatchObject([{ code: 'input/fallback-encoding', severity: 'warning', file: 'f.txt' }]);
  });

  it('removes control characters XML forbids, and reports them', () => {
    const { r, m } = dec([0x41, 0x07, 0x42, 0x0b, 0x43]);
    expect(r?.text).toBe('ABC');
    expect(m.list[0]).toMatchObject({ code: 'input/control-chars', message: expect.stringContaining('2 control') });
  });

  it('rejects binary and blank files naming the file', () => {
    expect(dec([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]).m.list[0]).toMatchObject({ code: 'input/binary', severity: 'error', file: 'f.txt' });
    expect(dec([0x20, 0x0a, 0x0a]).m.list[0]).toMatchObject({ code: 'input/empty', severity: 'error' });
  });
});

describe('read', () => {
  it('finds .txt and .md files in folders, sorted, skipping hidden and other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anth-read-'));
    mkdirSync(join(dir, 'in'));
    for (const f of ['b.txt', 'a.md', '.hidden.txt', 'cover.png', 'notes.yaml']) writeFileSync(join(dir, 'in', f), 'x');
    const m = new Messages();
    const files = await findStoryFiles(['in', 'missing'], dir, m);
    expect(files.map((f) => f.file)).toEqual(['in/a.md', 'in/b.txt']);
    expect(m.list).toMatchObject([{ code: 'input/not-found', file: 'missing' }]);
    const src = await readStory(files[1]!, m);
    expect(src).toMatchObject({ file: 'in/b.txt', text: 'x', bytes: 1, sha256: expect.stringMatching(/^2d711642/u) });
  });
});
