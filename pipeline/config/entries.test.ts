import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchEntries } from './entries.js';

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

  it('an entry that leads to no file names the files whose path ends in it, as before', () => {
    const files = [file('a/x.txt'), file('b/x.txt'), file('c.txt')];
    const m = matchEntries(['x.txt', 'in/c.txt', 'gone.txt'], files, join('/', 'elsewhere'));
    expect(m.filesOf).toEqual([[0, 1], [2], []]);
    expect(m.exact).toEqual([false, false, false]);
  });

  it('a second entry for a file is a duplicate, however it is spelled; the first names the file', () => {
    const files = [file('a.txt'), file('c.txt')];
    const m = matchEntries(['a.txt', 'c.txt', './a.txt', 'in/a.txt'], files, dir);
    expect(m.entryOf).toEqual([0, 1]);
    expect(m.duplicates).toEqual([{ entry: 2, earlier: 0, file: 0 }, { entry: 3, earlier: 0, file: 0 }]);
  });
});
