import { describe, expect, it } from 'vitest';
import { slugify } from './slug.js';
import { authorLine } from './labels.js';
import { parseDateUTC } from './dates.js';

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

describe('parseDateUTC', () => {
  it.each([
    ['2024-12-01', '2024-12-01T00:00:00.000Z'],
    ['December 1, 2024', '2024-12-01T00:00:00.000Z'],
    ['14 February 2011', '2011-02-14T00:00:00.000Z'],
    ['March 3rd, 2012', '2012-03-03T00:00:00.000Z'],
    ['2024-12-01T10:00:00+02:00', '2024-12-01T08:00:00.000Z'],
  ])('%s ⇒ %s, in every time zone', (s, iso) => {
    expect(new Date(parseDateUTC(s)).toISOString()).toBe(iso);
  });
  it('is NaN for what is not a date', () => expect(parseDateUTC('someday')).toBeNaN());
});
