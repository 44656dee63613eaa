import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_FILE, fingerprint, hashKey, openCache } from './index.js';

const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'anth-cache-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('hashKey', () => {
  it('tells the parts apart, and strings from their bytes only by content', () => {
    expect(hashKey('ab', 'c')).not.toBe(hashKey('a', 'bc'));
    expect(hashKey('x', new TextEncoder().encode('y'))).toBe(hashKey('x', 'y'));
    expect(hashKey('a')).toMatch(/^[-_A-Za-z0-9]{43}$/u);
  });
});

describe('openCache', () => {
  it('gives back what an earlier build stored: JSON data, strings and bytes', () => {
    const dir = fresh();
    const a = openCache(dir);
    a.set('json', { story: 'Ночь', n: [1, 2] });
    a.set('text', '<p>x</p>');
    a.set('bytes', new Uint8Array([0, 255, 7]));
    expect(a.get('json')).toEqual({ story: 'Ночь', n: [1, 2] });
    a.save();
    const b = openCache(dir);
    expect(b.get('json')).toEqual({ story: 'Ночь', n: [1, 2] });
    expect(b.get('text')).toBe('<p>x</p>');
    expect(b.get<Uint8Array>('bytes')).toEqual(new Uint8Array([0, 255, 7]));
    expect(b.get('missing')).toBeUndefined();
  });
  it('writes the same file whatever order its entries were made in', () => {
    const [one, two] = [fresh(), fresh()];
    const entries: [string, unknown][] = [['b', 'second'], ['a', { first: 1 }], ['c', new Uint8Array([3])]];
    const a = openCache(one);
    for (const [k, v] of entries) a.set(k, v);
    a.save();
    const b = openCache(two);
    for (const [k, v] of [...entries].reverse()) b.set(k, v);
    b.save();
    expect(readFileSync(join(one, CACHE_FILE))).toEqual(readFileSync(join(two, CACHE_FILE)));
  });
  it('is not changed by what a stage does to a value it got', () => {
    const dir = fresh();
    const a = openCache(dir);
    const v = { list: [1] };
    a.set('k', v);
    v.list.push(2);
    a.get<{ list: number[] }>('k')!.list.push(3);
    expect(a.get('k')).toEqual({ list: [1] });
  });
  it('keeps only the entries the last build used', () => {
    const dir = fresh();
    const a = openCache(dir);
    a.set('old', 1);
    a.set('kept', 2);
    a.save();
    const b = openCache(dir);
    b.get('kept');
    b.set('new', 3);
    b.save();
    const c = openCache(dir);
    expect([c.get('old'), c.get('kept'), c.get('new')]).toEqual([undefined, 2, 3]);
  });
  it('treats a corrupt or foreign file as empty, never as an error', () => {
    const dir = fresh();
    const a = openCache(dir);
    a.set('k', 1);
    a.save();
    const file = join(dir, CACHE_FILE);
    writeFileSync(file, readFileSync(file).subarray(0, 20));
    expect(openCache(dir).get('k')).toBeUndefined();
    writeFileSync(file, 'not a cache');
    expect(openCache(dir).get('k')).toBeUndefined();
  });
  it('checks every record: a damaged value or head is a miss, and the file is saved whole again', () => {
    const dir = fresh();
    const values: [string, unknown][] = [['a', { n: 1 }], ['b', 'text value'], ['c', new Uint8Array([1, 2, 3, 4])], ['d', { m: 'last' }]];
    const a = openCache(dir);
    for (const [k, v] of values) a.set(k, v);
    a.save();
    const file = join(dir, CACHE_FILE);
    const good = readFileSync(file);
    /** The cache file with the byte at `at` flipped: which values it still gives. */
    const afterFlip = (at: number): (unknown)[] => {
      const bytes = Buffer.from(good);
      bytes.writeUInt8(bytes.readUInt8(at) ^ 0x20, at);
      writeFileSync(file, bytes);
      const b = openCache(dir);
      const got = values.map(([k]) => b.get(k));
      // What was missed is made again: the file saved is the good one.
      values.forEach(([k, v], i) => got[i] === undefined && b.set(k, v));
      b.save();
      expect(readFileSync(file).equals(good), `byte ${at}`).toBe(true);
      return got;
    };
    // In a value ("text value"): that record only is a miss.
    expect(afterFlip(good.indexOf('text value') + 2)).toEqual([{ n: 1 }, undefined, new Uint8Array([1, 2, 3, 4]), { m: 'last' }]);
    // In a JSON value: a miss, not a value parsed differently, nor an error.
    expect(afterFlip(good.indexOf('"last"') + 1)).toEqual([{ n: 1 }, 'text value', new Uint8Array([1, 2, 3, 4]), undefined]);
    // In a key, or a value's length: the records from there on cannot be found.
    expect(afterFlip(good.indexOf('text value') - 13 - 1)).toEqual([{ n: 1 }, undefined, undefined, undefined]);
    expect(afterFlip(good.indexOf('text value') - 13 + 1)).toEqual([{ n: 1 }, undefined, undefined, undefined]);
    // Every byte, one at a time: never a wrong value, never an error.
    for (let at = 0; at < good.length; at++) {
      for (const [i, got] of afterFlip(at).entries()) if (got !== undefined) expect(got, `byte ${at}`).toEqual(values[i]![1]);
    }
  });
  it('ignores a file written by other code (another fingerprint)', () => {
    const dir = fresh();
    const a = openCache(dir);
    a.set('k', 'value');
    a.save();
    expect(openCache(dir).get('k')).toBe('value');
    const file = join(dir, CACHE_FILE);
    const bytes = readFileSync(file);
    // The fingerprint follows the 20-byte magic line and its 4-byte length: change one of its characters.
    const at = bytes.indexOf(Buffer.from(fingerprint()));
    expect(at).toBe(24);
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(file, bytes);
    expect(openCache(dir).get('k')).toBeUndefined();
  });
});

describe('a cache folder that cannot be used', () => {
  it('a file in its place: nothing is kept or reused, saving says why once and leaves the file', () => {
    const dir = join(fresh(), 'cache');
    writeFileSync(dir, 'not a folder');
    const problems: string[] = [];
    const a = openCache(dir, (p) => problems.push(p));
    a.set('k', 1);
    expect(a.get('k')).toBeUndefined();
    expect(problems).toEqual([]);
    a.save();
    a.save();
    expect(problems).toEqual(['cannot be used (EEXIST: a file of that name exists): nothing was reused or kept']);
    expect(readFileSync(dir, 'utf8')).toBe('not a folder');
  });
  it('a file in its path: the same, as ENOTDIR', () => {
    const file = join(fresh(), 'file');
    writeFileSync(file, '');
    const problems: string[] = [];
    const a = openCache(join(file, 'cache'), (p) => problems.push(p));
    a.set('k', 1);
    a.save();
    expect(problems).toEqual(['cannot be used (ENOTDIR: a file is in its path): nothing was reused or kept']);
  });
  it('a save that fails is said, not thrown, and leaves nothing behind', () => {
    const root = fresh();
    const dir = join(root, 'cache');
    const problems: string[] = [];
    const a = openCache(dir, (p) => problems.push(p));
    a.set('k', 'value');
    expect(a.get('k')).toBe('value');
    writeFileSync(dir, 'made a file since the cache was opened');
    expect(() => a.save()).not.toThrow();
    expect(problems).toEqual(["could not be saved (EEXIST): the next build cannot reuse this one's work"]);
    expect(readdirSync(root)).toEqual(['cache']);
  });
});

describe('a cache that is not saved', () => {
  it('leaves nothing in its folder and the old file as it was; values wait outside memory until saved', () => {
    const dir = fresh();
    const a = openCache(dir);
    a.set('k', 'first');
    a.save();
    const before = readFileSync(join(dir, CACHE_FILE));
    const b = openCache(dir);
    expect(b.get('k')).toBe('first');
    b.set('big', 'x'.repeat(100_000));
    expect(b.get('big')).toBe('x'.repeat(100_000)); // still waiting to be written to the spill file
    b.close();
    expect(b.get('k')).toBeUndefined(); // closed: nothing is read from a file let go
    expect(readdirSync(dir)).toEqual([CACHE_FILE]);
    expect(readFileSync(join(dir, CACHE_FILE)).equals(before)).toBe(true);
  });

  it('gives back values written to the spill file a megabyte at a time, before and after saving', () => {
    const dir = fresh();
    const a = openCache(dir);
    // Values of 600 KB, and small ones between them: some are written out with others, some wait.
    const values = Array.from({ length: 7 }, (_, i) => (i % 2 ? `small ${i}` : `${i}`.repeat(600_000)));
    values.forEach((v, i) => a.set(`k${i}`, v));
    values.forEach((v, i) => expect(a.get(`k${i}`)).toBe(v));
    a.save();
    const b = openCache(dir);
    values.forEach((v, i) => expect(b.get(`k${i}`)).toBe(v));
  });

  it('keeps new values in memory when the temporary folder cannot take them', () => {
    const dir = fresh();
    const old = process.env.TMPDIR;
    process.env.TMPDIR = join(dir, 'missing');
    try {
      const a = openCache(dir);
      a.set('k', { n: 1 });
      expect(a.get('k')).toEqual({ n: 1 });
      a.save();
    } finally {
      process.env.TMPDIR = old;
    }
    expect(openCache(dir).get('k')).toEqual({ n: 1 });
  });
});

