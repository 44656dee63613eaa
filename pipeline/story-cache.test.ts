import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from './cache/index.js';
import { remember, searchCache, settle } from './story-cache.js';
import { loadOne, storyKey, type Loaded, type StoryJob } from './story-work.js';

const dir = mkdtempSync(join(tmpdir(), 'anth-story-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = (name: string): StoryJob => {
  const abs = join(dir, name);
  return { file: { file: name, abs }, size: 0, settings: { language: 'en', typography: 'smart' }, keyed: true };
};

describe('searchCache and loadOne', () => {
  it('find a story by its bytes, and a story made later is keyed by the bytes it was made from', () => {
    writeFileSync(join(dir, 'a.txt'), 'A Title\nBy Someone\n\nFirst words.\n');
    writeFileSync(join(dir, 'b.txt'), 'Another\nBy Someone Else\n\nOther words.\n');
    const jobs = [job('a.txt'), job('b.txt'), job('missing.txt')];
    const cache = openCache(join(dir, 'cache'));
    const first = searchCache(jobs, cache, undefined);
    // Not found: to be made. A file that cannot be read is done with, its messages its result.
    expect(first.todo).toEqual([0, 1]);
    expect(first.results[2]).toMatchObject({ story: null, diagnostics: [{ code: 'input/unreadable' }] });
    expect(loadOne(jobs[2]!).key).toBeUndefined();
    const a = loadOne(jobs[0]!);
    expect(a.key).toBe(storyKey(jobs[0]!, readFileSync(join(dir, 'a.txt'))));
    expect(a.story!.key).toBe(a.key);
    remember(cache, a.key!, a, undefined);
    // The second file changes between the search and its story's making.
    const before = storyKey(jobs[1]!, readFileSync(join(dir, 'b.txt')));
    writeFileSync(join(dir, 'b.txt'), 'Changed\nBy Someone Else\n\nNew words.\n');
    const b = loadOne(jobs[1]!);
    expect(b.key).not.toBe(before);
    expect(b.key).toBe(storyKey(jobs[1]!, readFileSync(join(dir, 'b.txt'))));
    const again = searchCache(jobs, cache, undefined);
    expect(again.todo).toEqual([1]);
    // Found, and settled: its chapters are back.
    expect(again.results[0]!.story!.meta).toEqual(a.story!.meta);
    expect(again.results[0]!.story!.chapters).toEqual(a.story!.chapters);
  });
});

describe('settle', () => {
  it('leaves a loaded story a fast object: `delete` made each a dictionary of about 450 bytes, and a big book holds them all until its last story is made', () => {
    // V8's own test of an object's representation, compiled after the flag is set.
    setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    // As a story comes from the worker: its spill places, and then (a big book's) where its messages wait.
    const loaded: Loaded = { story: null, diagnostics: [], spilled: {} };
    loaded.written = { place: { fd: 0, offset: 0, length: 0 }, errors: 0 };
    expect(hasFastProperties(loaded)).toBe(true);
    settle(loaded, undefined);
    expect(loaded.spilled).toBeUndefined();
    expect(hasFastProperties(loaded)).toBe(true);
  });
});
