import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchEntries, nearestFile } from './entries.js';

const dir = join('/', 'books', 'in');
const file = (rel: string, shown = `in/${rel}`) => ({ abs: join(dir, rel), file: shown });

describe('matchEntries', () => {
  it('names a file by its path from the anthology.yaml folder, whatever the working directory', () => {
    const files = [file('x.txt'), file('sub/x.txt'), { abs: join('/', 'books', 'b', 'y.txt'), file: '/books/b/y.txt' }];
    const m = matchEntries(['x.txt', '../b/y.txt', './sub/x.txt'], files, dir);
    // x.txt leads to in/x.txt and names only it, not in/sub/x.txt, whose path also ends in x.txt.
    expect(m.filesOf).toEqual([[0], [2], [1]]);
    expect(m.entryOf).toEqual([0, 2, 1]);
    expect(m.exact).toEqual([true, true, true]);
    expect(m.duplicates).toEqual([]);
  });

  it('reads no file\'s path when anthology.yaml has no entries (an index of every path and tail was 35 MB for 40,000 files)', () => {
    let read = 0;
    const unread = (rel: string) => ({ get abs() { return read++, join(dir, rel); }, get file() { return read++, `in/${rel}`; } });
    const m = matchEntries([], [unread('a.txt'), unread('b/c.txt')], dir);
    expect(read).toBe(0);
    expect(m).toEqual({ entryOf: [-1, -1], filesOf: [], duplicates: [], exact: [], ambiguous: [] });
  });

  it('an entry that leads to no file names the one file whose path ends in it, as before', () => {
    const files = [file('a/x.txt'), file('c.txt'), file('one.txt'), file('someone.txt'), file('bone.txt')];
    const m = matchEntries(['x.txt', 'in/c.txt', 'gone.txt', 'one.txt'], files, join('/', 'elsewhere'));
    // A path ends in an entry at a "/": one.txt is not the end of someone.txt or bone.txt.
    expect(m.filesOf).toEqual([[0], [1], [], [2]]);
    expect(m.exact).toEqual([false, false, false, false]);
    expect(m.ambiguous).toEqual([[], [], [], []]);
  });

  it('an entry that leads to no file and ends several files\' paths names none of them: it is ambiguous', () => {
    const files = [file('a/x.txt'), file('b/x.txt'), file('c.txt')];
    const m = matchEntries(['x.txt', 'a/x.txt', 'c.txt'], files, join('/', 'elsewhere'));
    // x.txt named both a/x.txt and b/x.txt, and the editor's title went to two stories.
    expect(m.filesOf).toEqual([[], [0], [2]]);
    expect(m.entryOf).toEqual([1, -1, 2]);
    expect(m.ambiguous).toEqual([[0, 1], [], []]);
    expect(m.duplicates).toEqual([]);
  });

  it('of the files an entry ends, the one whose whole path (as messages name it) is the entry is the one it names', () => {
    const files = [file('x.txt', 'x.txt'), file('old/x.txt', 'old/x.txt')];
    const m = matchEntries(['x.txt', 'old/x.txt'], files, join('/', 'elsewhere'));
    expect(m.filesOf).toEqual([[0], [1]]);
    expect(m.ambiguous).toEqual([[], []]);
  });

  it('a second entry for a file is a duplicate, however it is spelled; the first names the file', () => {
    const files = [file('a.txt'), file('c.txt')];
    const m = matchEntries(['a.txt', 'c.txt', './a.txt', 'in/a.txt'], files, dir);
    expect(m.entryOf).toEqual([0, 1]);
    expect(m.duplicates).toEqual([{ entry: 2, earlier: 0, file: 0 }, { entry: 3, earlier: 0, file: 0 }]);
  });
});

describe('matchEntries by path suffix (an entry that leads to no file)', () => {
  // The comparison the build made before it went through the file's tails, kept as the reference.
  const reference = (file: string, entry: string): boolean => {
    const f = file.split('\\').join('/');
    const e = entry.split('\\').join('/').replace(/^\.\//u, '');
    return f === e || f.endsWith(`/${e}`);
  };
  // Files and anthology.yaml in folders no entry can lead from one to the other (at most four `..`): only suffixes match.
  const found = (file: string) => ({ abs: `/r/s/t/u/v/${file}`, file });
  const configDir = '/c/d/e/f/g';
  const part = fc.constantFrom('a', 'b', 'x.txt', 'y.txt', 'seeds', '.', '..', 'a b', '');
  const path = fc.array(part, { minLength: 1, maxLength: 4 }).chain((ps) => fc.constantFrom(ps.join('/'), ps.join('\\'), `./${ps.join('/')}`));

  it('match as a path suffix, the same as before', () => {
    fc.assert(fc.property(path, path, (file, entry) => {
      expect(matchEntries([entry], [found(file)], configDir).filesOf[0]).toEqual(reference(file, entry) ? [0] : []);
    }), { numRuns: 3000 });
  });

  it('give a file the first entry naming it, as trying every entry in turn did', () => {
    fc.assert(fc.property(path, fc.array(path, { maxLength: 8 }), (file, entries) => {
      expect(matchEntries(entries, [found(file)], configDir).entryOf[0]).toBe(entries.findIndex((e) => reference(file, e)));
    }), { numRuns: 3000 });
  });

  it('match the entries of 20,000 files in seconds at most (trying every entry for each file took minutes)', () => {
    const files = Array.from({ length: 20_000 }, (_, i) => found(`stories/part-${i % 7}/story-${i}.txt`));
    const entries = files.map((f) => f.file.split('/').at(-1)!).reverse();
    const t = performance.now();
    const m = matchEntries(entries, files, configDir);
    // Not a timing test: a bound ten times what a busy machine takes, far below the minutes of the quadratic way.
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(m.entryOf[0]).toBe(19_999);
    expect(m.entryOf[19_999]).toBe(0);
  });
});

describe('nearestFile', () => {
  it('names the input file an entry that names none was likely meant to be: a typo, another case', () => {
    const files = [file('one.txt'), file('sub/Winter Road.md'), file('two.txt')];
    expect(nearestFile('One.txt', files, dir)).toBe('one.txt');
    expect(nearestFile('sub/winter-road.md', files, dir)).toBe('sub/Winter Road.md');
    expect(nearestFile('sub/Wintr Road.md', files, dir)).toBe('sub/Winter Road.md');
    expect(nearestFile('lost story.txt', files, dir)).toBeUndefined();
  });

  it('compares paths from the anthology.yaml folder, a file outside it by its ../ path', () => {
    const files = [{ abs: join('/', 'books', 'b', 'story.txt'), file: '/books/b/story.txt' }];
    expect(nearestFile('../b/storry.txt', files, dir)).toBe('../b/story.txt');
  });
});
