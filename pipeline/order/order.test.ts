import { describe, expect, it } from 'vitest';
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
    const got = orderStories([story('in/a.txt', 'A'), story('in/b.txt', 'B'), story('in/c.txt', 'C')], 'manifest', 'en', ['c.txt', 'in/a.txt']);
    expect(got.map((s) => s.meta.title)).toEqual(['C', 'A', 'B']);
  });

  it('sort keys drop articles only at the start', () => {
    expect(sortKey('The Theory of the Thing', 'en')).toBe('Theory of the Thing');
    expect(sortKey('Anne', 'en-GB')).toBe('Anne');
  });
});
