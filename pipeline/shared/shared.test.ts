import { describe, expect, it } from 'vitest';
import { slugify } from './slug.js';
import { authorLine } from './labels.js';

describe('slugify', () => {
  it.each([
    ['Tales & <Stories>', 'tales-stories'],
    ['../../etc/passwd', 'etc-passwd'],
    ['C:\\Windows*?', 'c-windows'],
    ['Café Crème', 'cafe-creme'],
    ['Ночь', 'anthology'],
    ['CON', 'con-book'],
    ['x'.repeat(200), 'x'.repeat(80)],
  ])('%s ⇒ %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe('authorLine', () => {
  it('joins names and never invents one', () => {
    expect(authorLine({ authors: [] })).toBe('Author unknown');
    expect(authorLine({ authors: ['A'] })).toBe('A');
    expect(authorLine({ authors: ['A', 'B', 'C'] })).toBe('A, B and C');
  });
});
