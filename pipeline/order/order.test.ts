import { describe, expect, it } from 'vitest';
import type { OrderKey } from '../model.js';
import type { Story } from '../model.js';
import fc from 'fast-check';
import { entryFinder, matchesFile, orderStories, sortKey } from './index.js';

const story = (file: string, title: string): Story => ({
  id: '',
  source: { file, encoding: 'utf-8', sha256: '', bytes: 0 },
  meta: { title, displayTitle: title, authors: [], language: 'en', details: [], provenance: {} },
  front: [],
  chapters: [],
  end: [],
  removed: [],
  typography: {},
});

describe('order', () => {
  it('sorts by title ignoring leading articles and quotes, locale-aware, numbering s1…', () => {
    const got = orderStories([story('a', 'The Zebra'), story('b', 'an apple'), story('c', '“Bees”'), story('d', 'Éclair'), story('e', 'Chapter 10'), story('f', 'Chapter 9')], 'title', 'en');
    expect(got.map((s) => s.meta.title)).toEqual(['an apple', '“Bees”', 'Chapter 9', 'Chapter 10', 'Éclair', 'The Zebra']);
    expect(got.map((s) => s.id)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
  });

  it('is stable on equal titles, by file name, whatever the input order', () => {
    const a = orderStories([story('x/2.txt', 'Same'), story('x/1.txt', 'Same')], 'title', 'en');
    const b = orderStories([story('x/1.txt', 'Same'), story('x/2.txt', 'Same')], 'title', 'en');
    expect(a.map((s) => s.source.file)).toEqual(['x/1.txt', 'x/2.txt']);
    expect(b.map((s) => s.source.file)).toEqual(['x/1.txt', 'x/2.txt']);
  });

  it('follows the manifest, unlisted stories after it by title', () => {
    const got = orderStories([story('in/a.txt', 'A'), story('in/b.txt', 'B'), story('in/c.txt', 'C')], 'manifest', 'en', ['c.txt', 'in/a.txt']);
    expect(got.map((s) => s.meta.title)).toEqual(['C', 'A', 'B']);
  });

  it('sort keys drop articles only at the start', () => {
    expect(sortKey('The Theory of the Thing', 'en')).toBe('Theory of the Thing');
    expect(sortKey('Anne', 'en-GB')).toBe('Anne');
  });
});

describe('order keys', () => {
  const s = (file: string, title: string, extra: Partial<Story['meta']> = {}, words = 1): Story => {
    const base = story(file, title);
    const text = Array.from({ length: words }, () => 'w').join(' ');
    return { ...base, meta: { ...base.meta, ...extra }, chapters: [{ blocks: [{ kind: 'paragraph', inlines: [{ kind: 'text', text }], pos: { file, line: 1, column: 1 } }], pos: { file, line: 1, column: 1 } }] };
  };
  const titles = (xs: Story[]) => xs.map((x) => x.meta.title);

  it('author: by surname where the name looks like a personal one, handles as written', () => {
    const got = orderStories([s('a', 'A', { authors: ['Beatrix Vane'] }), s('b', 'B', { authors: ['Constance Abernathy'] }), s('c', 'C', { authors: ['Felix Harrow'] }), s('d', 'D', { authors: ['inkwell_77'] })], 'author', 'en');
    expect(got.map((x) => x.meta.authors[0])).toEqual(['Constance Abernathy', 'Felix Harrow', 'inkwell_77', 'Beatrix Vane']);
  });

  it('author: by first author, locale-aware; unknown authors last', () => {
    const got = orderStories([s('a', 'A', { authors: ['Zoë'] }), s('b', 'B', { authors: [] }), s('c', 'C', { authors: ['Émile'] }), s('d', 'D', { authors: ['anna'] })], 'author', 'en');
    expect(titles(got)).toEqual(['D', 'C', 'A', 'B']);
  });

  it('date: oldest first from the signature date or a Published field; undated last', () => {
    const pub = (v: string) => ({ details: [{ key: 'published' as const, label: 'Published', value: v, pos: { file: 'x', line: 1, column: 1 } }] });
    const got = orderStories([s('a', 'A', { date: 'March 3rd, 2012' }), s('b', 'B'), s('c', 'C', pub('2009-01-02')), s('d', 'D', { date: '14 February 2011' })], 'date', 'en');
    expect(titles(got)).toEqual(['C', 'D', 'A', 'B']);
  });

  it('series: each series together in part order; stories outside a series after', () => {
    const ser = (name: string, position?: number) => ({ series: { name, position, statement: name } });
    const got = orderStories([s('a', 'Lone'), s('b', 'Two', ser('Harbour', 2)), s('c', 'One', ser('Harbour', 1)), s('d', 'Other', ser('Attic', 1)), s('e', 'Three', ser('Harbour', 3))], 'series', 'en');
    expect(titles(got)).toEqual(['Other', 'One', 'Two', 'Three', 'Lone']);
  });

  it('words: shortest first, ties by title', () => {
    const got = orderStories([s('a', 'Long', {}, 50), s('b', 'Short', {}, 5), s('c', 'Also Short', {}, 5)], 'words', 'en');
    expect(titles(got)).toEqual(['Also Short', 'Short', 'Long']);
  });

  it("reads each story's metadata once, whatever the order (a big book's is read back from disk)", () => {
    for (const order of ['title', 'author', 'date', 'series', 'words', 'manifest'] as OrderKey[]) {
      // A spilled story keeps the last head read: what costs is asking another story's.
      let [reads, last] = [0, -1];
      const stories = Array.from({ length: 40 }, (_, i) => {
        const s = story(`f${(i * 7) % 40}.txt`, `Title ${(i * 13) % 40}`);
        const meta = { ...s.meta, authors: [`Author ${(i * 11) % 40}`] };
        return Object.defineProperty(s, 'meta', { enumerable: true, get: () => (last !== i && reads++, (last = i), meta) });
      });
      const got = orderStories(stories, order, 'en', ['f3.txt']);
      expect(got).toHaveLength(40);
      expect(reads).toBe(40);
    }
  });
});

describe('anthology.yaml entries and story files', () => {
  // The comparison matchesFile made before it went through the file's tails, kept as the reference.
  const reference = (file: string, entry: string): boolean => {
    const f = file.split('\\').join('/');
    const e = entry.split('\\').join('/').replace(/^\.\//u, '');
    return f === e || f.endsWith(`/${e}`);
  };
  const part = fc.constantFrom('a', 'b', 'x.txt', 'y.txt', 'seeds', '.', '..', 'a b', '');
  const path = fc.array(part, { minLength: 1, maxLength: 4 }).chain((ps) => fc.constantFrom(ps.join('/'), ps.join('\\'), `./${ps.join('/')}`));

  it('match as a path suffix, the same as before', () => {
    fc.assert(fc.property(path, path, (file, entry) => {
      expect(matchesFile(file, entry)).toBe(reference(file, entry));
    }), { numRuns: 3000 });
  });

  it('find, for a file, the first entry naming it, as trying every entry in turn did', () => {
    fc.assert(fc.property(path, fc.array(path, { maxLength: 8 }), (file, entries) => {
      expect(entryFinder(entries)(file)).toBe(entries.findIndex((e) => reference(file, e)));
    }), { numRuns: 3000 });
  });

  it('find the entries of 20,000 files in well under a second (trying every entry for each file took minutes)', () => {
    const files = Array.from({ length: 20_000 }, (_, i) => `stories/part-${i % 7}/story-${i}.txt`);
    const entries = files.map((f) => f.split('/').at(-1)!).reverse();
    const t = performance.now();
    const find = entryFinder(entries);
    const found = files.map(find);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(found[0]).toBe(19_999);
    expect(found[19_999]).toBe(0);
  });
});
