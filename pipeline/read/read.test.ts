import { mkdtempSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { decodeBytes } from './decode.js';
import { findStoryFiles, decodeStory, readStoryBytes } from './index.js';

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

  it('reports what UTF-16 with a BOM holds that is no character (lone surrogates, an odd last byte), replaced by U+FFFD', () => {
    // "Hi\uD800 there\nx\uDC00" then a stray byte: the decoder gave U+FFFD for each, and nothing said so.
    const le = dec([0xff, 0xfe, 0x48, 0, 0x69, 0, 0x00, 0xd8, 0x20, 0, 0x74, 0, 0x0a, 0, 0x78, 0, 0x00, 0xdc, 0x41]);
    expect(le.r).toEqual({ text: 'Hi\uFFFD t\nx\uFFFD\uFFFD', encoding: 'utf-16le' });
    expect(le.m.list).toMatchObject([{ code: 'input/invalid-chars', severity: 'warning', file: 'f.txt', line: 1, column: 3, message: expect.stringContaining('3 ') }]);
    const be = dec([0xfe, 0xff, 0, 0x41, 0xdb, 0xff, 0, 0x42]);
    expect(be.r?.text).toBe('A\uFFFDB');
    expect(be.m.list).toMatchObject([{ code: 'input/invalid-chars', line: 1, column: 2 }]);
    // A surrogate pair is one character, and a U+FFFD the file really holds is not reported.
    expect(dec([0xff, 0xfe, 0x3d, 0xd8, 0x00, 0xde, 0xfd, 0xff]).m.list).toEqual([]);
  });

  it('falls back to Windows-1252 and says so', () => {
    const { r, m } = dec([0x93, 0x48, 0x69, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9]);
    expect(r).toEqual({ text: '“Hi” café', encoding: 'windows-1252' });
    expect(m.list).toMatchObject([{ code: 'input/fallback-encoding', severity: 'warning', file: 'f.txt' }]);
  });

  it('removes control characters XML forbids, and reports them', () => {
    const { r, m } = dec([0x41, 0x07, 0x42, 0x01, 0x43]);
    expect(r?.text).toBe('ABC');
    expect(m.list[0]).toMatchObject({ code: 'input/control-chars', message: expect.stringContaining('2 control') });
    // Where the first one is: its line and column.
    const at = dec(new TextEncoder().encode('Title\r\n\r\nA line\r\nthen a\u0007bell'));
    expect(at.m.list[0]).toMatchObject({ code: 'input/control-chars', line: 4, column: 7, message: expect.stringContaining('the first at line 4') });
  });

  it('reads a form feed or a vertical tab as a space: they separate words (page breaks in old text files)', () => {
    const { r, m } = dec(new TextEncoder().encode('a last word\fand the next page\n\f\nA vertical\vtab.'));
    expect(r?.text).toBe('a last word and the next page\n \nA vertical tab.');
    expect(m.list).toEqual([]);
  });

  it('rejects binary and blank files naming the file', () => {
    expect(dec([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]).m.list[0]).toMatchObject({ code: 'input/binary', severity: 'error', file: 'f.txt' });
    expect(dec([0x20, 0x0a, 0x0a]).m.list[0]).toMatchObject({ code: 'input/empty', severity: 'error' });
  });
});

describe('decode: double encoding and UTF-16 without a BOM', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const utf16 = (s: string, le: boolean) =>
    Uint8Array.from(Array.from(s, (c) => c.charCodeAt(0)).flatMap((u) => (le ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff])));

  it('repairs UTF-8 that was read as Windows-1252 and saved again, and reports file and count', () => {
    const { r, m } = dec(utf8('ï»¿â€œItâ€™s fine,â€\u009d said the cafÃ© owner.\r\nnaïve'));
    expect(r).toEqual({ text: '“It’s fine,” said the café owner.\nnaïve', encoding: 'utf-8' });
    expect(m.list).toMatchObject([
      { code: 'input/double-encoded', severity: 'warning', file: 'f.txt', message: expect.stringContaining('repaired 5 character(s)') },
    ]);
  });

  it('says nothing about correct text', () => {
    expect(dec(utf8('“Fine,” she said — naïve Ångström, CAFÉ’S, Straße“')).m.list).toEqual([]);
  });

  it('repairs UTF-8 inside a Windows-1252 file as well', () => {
    // cafÃ© is UTF-8 (C3 A9); 0x93/0x94 are Windows-1252 quotes, which make the file invalid UTF-8.
    const { r, m } = dec([0x63, 0x61, 0x66, 0xc3, 0xa9, 0x20, 0x93, 0x48, 0x69, 0x94]);
    expect(r).toEqual({ text: 'café “Hi”', encoding: 'windows-1252' });
    expect(m.list.map((d) => d.code)).toEqual(['input/fallback-encoding', 'input/double-encoded']);
  });

  it('repairs UTF-8 holding a byte Windows-1252 leaves undefined (” is E2 80 9D, Á is C3 81) in a file read as Windows-1252', () => {
    // One stray Windows-1252 byte sends the whole file to the fallback; its UTF-8 ” and Á were decoded to
    // "â€\uFFFD" and "Ã\uFFFD", which no repair could read again: the book showed "Ã�NGEL".
    const { r, m } = dec([...utf8('“Hi,” ÁNGEL, Ýr and 🐱 at the caf'), 0xe9, 0x81, 0x2e]);
    expect(r).toEqual({ text: '“Hi,” ÁNGEL, Ýr and 🐱 at the café\uFFFD.', encoding: 'windows-1252' });
    expect(m.list.map((d) => d.code)).toEqual(['input/fallback-encoding', 'input/double-encoded']);
  });

  it('reads C1 controls in UTF-8 as the Windows-1252 punctuation they stand for, and reports them', () => {
    // Windows-1252 text once read as Latin-1 and saved as UTF-8: 0x92 became U+0092, not ’.
    // Left as controls, "don\u0092t" showed as "dont" (nothing drawn for U+0092).
    const { r, m } = dec(utf8('Title\n\n\u0093Hi,\u0094 I don\u0092t know\u0085 \u0096 \u20ac5 or \u00805.'));
    expect(r).toEqual({ text: 'Title\n\n“Hi,” I don’t know… – €5 or €5.', encoding: 'utf-8' });
    expect(m.list).toMatchObject([{ code: 'input/control-punctuation', severity: 'warning', file: 'f.txt', line: 3, column: 1, message: expect.stringContaining('6 C1 control') }]);
    // The five bytes Windows-1252 leaves undefined stand for nothing: they stay as they were.
    expect(dec(utf8('a\u0081b\u009dc')).r?.text).toBe('a\u0081b\u009dc');
    // Double encoding that uses C1 stand-ins is still repaired as such, not read as punctuation.
    expect(dec(utf8('it\u00e2\u0080\u0099s')).r?.text).toBe('it’s');
  });

  it('reads UTF-16 LE and BE without a BOM when every other byte is zero, and says so', () => {
    const text = 'Chapter 1\r\n“Hi,” said Zoë.';
    const le = dec(utf16(text, true));
    expect(le.r).toEqual({ text: 'Chapter 1\n“Hi,” said Zoë.', encoding: 'utf-16le' });
    expect(le.m.list).toMatchObject([{ code: 'input/missing-bom', severity: 'warning', file: 'f.txt' }]);
    expect(dec(utf16(text, false)).r).toEqual({ text: 'Chapter 1\n“Hi,” said Zoë.', encoding: 'utf-16be' });
  });

  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1]],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, 0x61, 0x62, 0x2e, 0x74, 0x78, 0x74]],
    ['PDF', [...utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Length 4 >>\nstream\n'), 0x78, 0x9c, 0, 0, 0x0a]],
    ['8-bit text with a NUL, even length', [...utf8('Hello\0World!')]],
    ['8-bit text with a NUL, odd length', [...utf8('Hello\0World')]],
    ['small 16-bit numbers', [1, 0, 2, 0, 3, 0, 4, 0, 0x41, 0, 5, 0]],
    ['UTF-16 of symbols only', [...utf16('1234 5678', true)]],
  ])('still rejects %s as binary', (_, bytes) => {
    const { r, m } = dec(bytes);
    expect(r).toBeNull();
    expect(m.list).toMatchObject([{ code: 'input/binary', severity: 'error', file: 'f.txt' }]);
  });

  it('says where the first NUL byte is, for a text file damaged early on', () => {
    const { m } = dec([...new TextEncoder().encode('Title\n\nOne line\nand a'), 0, ...new TextEncoder().encode('nul')]);
    expect(m.list).toMatchObject([{ code: 'input/binary', line: 4, message: expect.stringContaining('a NUL byte on line 4, byte 22') }]);
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
    const src = decodeStory(files[1]!, readStoryBytes(files[1]!, m)!, m);
    expect(src).toMatchObject({ file: 'in/b.txt', text: 'x', bytes: 1, sha256: expect.stringMatching(/^2d711642/u) });
  });

  it('finds each file once, however many links and inputs lead to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anth-read-links-'));
    for (const d of ['x', 'y', 'y/deep']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'x', 'story.txt'), 'a');
    writeFileSync(join(dir, 'y', 'deep', 'other.txt'), 'b');
    symlinkSync('story.txt', join(dir, 'x', 'alias.txt')); // a second name for a file
    symlinkSync(join(dir, 'y'), join(dir, 'x', 'linked')); // a folder reached twice
    symlinkSync('..', join(dir, 'y', 'deep', 'up')); // a loop
    symlinkSync('missing.txt', join(dir, 'x', 'dangling.txt'));
    const m = new Messages();
    const files = await findStoryFiles(['x', 'y', 'x/story.txt', 'y/deep/other.txt'], dir, m);
    expect(files).toHaveLength(2);
    const names = files.map((f) => f.file.split('/').pop()!);
    expect(names.filter((n) => n === 'story.txt' || n === 'alias.txt')).toHaveLength(1);
    expect(names).toContain('other.txt');
    // The dangling link named like a story is said, and the loop (not followed); the second names are not.
    expect(m.list.map((d) => [d.code, d.file])).toEqual([['input/dangling-link', 'x/dangling.txt'], ['input/link-loop', 'x/linked/deep/up']]);
    expect(m.list[0]!.message).toBe('x/dangling.txt is a symbolic link to nothing: skipped');
  });

  it('does not follow a link to a folder that holds it (.., ., /): it would read the folders around the stories; says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anth-read-up-'));
    for (const d of ['lib', 'lib/mine', 'lib/mine/deep', 'lib/other']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'lib', 'loose.txt'), 'a story beside the folder');
    writeFileSync(join(dir, 'lib', 'other', 'near.txt'), 'a story in a folder beside it');
    writeFileSync(join(dir, 'lib', 'mine', 'own.txt'), 'the editor\'s story');
    symlinkSync('..', join(dir, 'lib', 'mine', 'up'));
    symlinkSync('.', join(dir, 'lib', 'mine', 'here'));
    symlinkSync('/', join(dir, 'lib', 'mine', 'deep', 'root'));
    symlinkSync('../other', join(dir, 'lib', 'mine', 'side')); // a folder the editor linked in: followed, as before
    const m = new Messages();
    const files = await findStoryFiles(['lib/mine'], dir, m);
    // lib/mine/up/loose.txt came in from the folder above, and a link to / read the whole disk.
    expect(files.map((f) => f.file)).toEqual(['lib/mine/own.txt', 'lib/mine/side/near.txt']);
    expect(m.list.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['input/link-loop', 'warning', 'lib/mine/deep/root'],
      ['input/link-loop', 'warning', 'lib/mine/here'],
      ['input/link-loop', 'warning', 'lib/mine/up'],
    ].sort((a, b) => (a[2]! < b[2]! ? -1 : 1)));
    expect(m.list.find((d) => d.file === 'lib/mine/up')!.message).toMatch(/^lib\/mine\/up is a symbolic link to (?:.*\/)?lib, a folder that holds it: not followed, as it would read the folders around the stories$/u);
  });

  // Linux keeps a name's bytes as written (bash: printf x > $'caf\xe9.txt'); macOS and Windows refuse such names.
  it.skipIf(process.platform !== 'linux')('reads story files and folders whose names are not UTF-8, naming each stray byte as %XX', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anth-read-bytes-'));
    const at = (...parts: (string | number)[]) => Buffer.concat([Buffer.from(join(dir, 'in')), ...parts.map((p) => (typeof p === 'number' ? Buffer.of(p) : Buffer.from(p)))]);
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'lamp.txt'), 'A lamp.');
    // Two names that read alike as UTF-8 (both "caf\uFFFD.txt"): each is its own story.
    writeFileSync(at('/caf', 0xe9, '.txt'), 'A blue door.');
    writeFileSync(at('/caf', 0xe8, '.txt'), 'A red door.');
    mkdirSync(at('/d', 0xfc, 'r'));
    writeFileSync(at('/d', 0xfc, 'r/deep.txt'), 'A deep well.');
    writeFileSync(at('/image', 0xff, '.png'), 'not a story');
    const m = new Messages();
    const files = await findStoryFiles(['in'], dir, m);
    expect(files.map((f) => f.file)).toEqual(['in/caf%E8.txt', 'in/caf%E9.txt', 'in/d%FCr/deep.txt', 'in/lamp.txt']);
    expect(files.map((f) => decodeStory(f, readStoryBytes(f, m)!, m)?.text)).toEqual(['A red door.', 'A blue door.', 'A deep well.', 'A lamp.']);
    // Said once for each name that is not UTF-8 and leads to stories: the folder, not each file in it; not the picture.
    expect(m.list.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['input/file-name', 'warning', 'in/caf%E9.txt'],
      ['input/file-name', 'warning', 'in/caf%E8.txt'],
      ['input/file-name', 'warning', 'in/d%FCr'],
    ].sort((a, b) => (a[2]! < b[2]! ? -1 : 1)));
    expect(m.list[0]!.message).toMatch(/not UTF-8.*%XX/u);
  });
});
