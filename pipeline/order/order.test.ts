import { describe, expect, it } from 'vitest';
import type { OrderKey } from '../model.js';
import type { Story } from '../model.js';
import { orderStories, sortKey } from './index.js';

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
    const got = orderStories([story('in/a.txt', 'A'), story('in/b.txt', 'B'), story('in/c.txt', 'C')], 'manifest', 'en', new Map([['in/c.txt', 0], ['in/a.txt', 1]]));
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
      const got = orderStories(stories, order, 'en', new Map([['f3.txt', 0]]));
      expect(got).toHaveLength(40);
      expect(reads).toBe(40);
    }
  });
});
