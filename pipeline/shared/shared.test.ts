import { describe, expect, it } from 'vitest';
import { slugify } from './slug.js';
import { longestFitting } from './longest.js';
import { authorLine, labelsFor, noteLabel, rightsSentence } from './labels.js';
import { LABEL_SETS } from './label-sets.js';

const EN = labelsFor('en');
import { typeset } from '../normalise/typography.js';
import type { Note } from '../model.js';
import { parseDateUTC } from './dates.js';
import fc from 'fast-check';
import { wordCount } from './words.js';
import { classAt, DIGIT, LETTER, OTHER, widthAt } from './chars.js';

describe('slugify', () => {
  it.each([
    ['Tales & <Stories>', 'tales-stories'],
    ['../../etc/passwd', 'etc-passwd'],
    ['C:\\Windows*?', 'c-windows'],
    ['Café Crème', 'cafe-creme'],
    ['CON', 'con-book'],
    ['x'.repeat(200), 'x'.repeat(80)],
    // Titles with no Latin letter were all "anthology", and two such books in one folder overwrote each other.
    ['Ночь', 'ночь'],
    ['Мой дом', 'мой-дом'],
    ['Νύχτα και Μέρα', 'νύχτα-και-μέρα'],
    ['夏の夜', '夏の夜'],
    ['שלום עולם', 'שלום-עולם'],
    ['हिन्दी कहानियाँ', 'हिन्दी-कहानियाँ'],
    ['Straße, Ørsted & Œuvre', 'strasse-orsted-oeuvre'],
    ['Ｆｕｌｌ ｗｉｄｔｈ ﬁne', 'full-width-fine'],
    ['COM¹', 'com1-book'],
    ['\u202Eevil\u200D.txt', 'evil-txt'],
    // A title with no letter or digit is named by its code points: all were "anthology", and such books overwrote each other.
    ['🌙 ✨', 'anthology-1f319-2728'],
    ['⭐⭐', 'anthology-2b50-2b50'],
    ['?!', 'anthology-3f-21'],
    ['\u200B', 'anthology'],
    ['🌙'.repeat(40), `anthology${'-1f319'.repeat(11)}`],
    // 120 bytes at most: the book is first written as <slug>.epub.<pid>.tmp, and a name may have 143 bytes (eCryptfs).
    ['夜'.repeat(200), '夜'.repeat(40)],
  ])('%s ⇒ %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('is a safe file name for any title: no separator, dot, space or invisible character, 120 bytes at most, never empty', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (title) => {
      const s = slugify(title);
      expect(s).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}\p{M}-]*$/u);
      expect(s.endsWith('-')).toBe(false);
      expect(Buffer.byteLength(s)).toBeLessThanOrEqual(120);
      expect(s).toBe(s.normalize('NFC'));
    }), { numRuns: 2000 });
  });
});

describe('authorLine', () => {
  it('joins names and never invents one', () => {
    expect(authorLine({ authors: [] }, EN)).toBe('Author unknown');
    expect(authorLine({ authors: ['A'] }, EN)).toBe('A');
    expect(authorLine({ authors: ['A', 'B', 'C'] }, EN)).toBe('A, B and C');
  });
});

describe('rightsSentence', () => {
  it('ends with one full stop, the name\'s own when it ends in an abbreviation (never "Jr..")', () => {
    expect(rightsSentence({ authors: ['Pell Orrin'] }, EN)).toBe('This story belongs to its author, Pell Orrin.');
    expect(rightsSentence({ authors: ['Q. R.'] }, EN)).toBe('This story belongs to its author, Q. R.');
    expect(rightsSentence({ authors: ['Ida Lune', 'Wes Farrow Jr.'] }, EN)).toBe('This story belongs to its authors, Ida Lune and Wes Farrow Jr.');
    expect(rightsSentence({ authors: ['inkwell!'] }, EN)).toBe('This story belongs to its author, inkwell!');
  });
});

describe('the book\'s own labels', () => {
  it('in every language are set as the typography rules set the author\'s labels beside them (an "Author’s Note" heading, not "Author\'s Note")', () => {
    const kinds: Note['kind'][] = ['disclaimer', 'authorsNote', 'rights', 'series', 'summary', 'note'];
    const labels = Object.values(LABEL_SETS).flatMap((set) => [
      ...Object.values(set).filter((v): v is string => typeof v === 'string'),
      ...kinds.map((kind) => noteLabel({ kind, blocks: [], pos: { file: 'x.txt', line: 1, column: 1 } }, set)),
    ]);
    for (const label of labels) expect(typeset(label, {}), label).toBe(label);
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

describe('wordCount', () => {
  const byRegex = (s: string): number => s.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}\u00AD\u200C\u200D]*(?:['’][\p{L}\p{N}][\p{L}\p{N}\p{M}\u00AD\u200C\u200D]*)*/gu)?.length ?? 0;
  it.each([
    ["don't stop 'tis rock'n'roll a''b", 6],
    ['Ночь, улица — фонарь', 3],
    ['𝒜𝒷 12 x’', 3],
    ['', 0],
    // Vowel signs and viramas are marks inside a word, not breaks between words.
    ['हिन्दी भाषा', 2],
    ['தமிழ் மொழி', 2],
    ['Spın\u0308al Tap', 2],
    // A soft hyphen or a (non-)joiner inside a word keeps it one word.
    ['extra\u00ADordinary', 1],
    ['می\u200Cخواهم', 1],
    ['\u0301 a', 1],
  ])('%s ⇒ %d', (s, n) => {
    expect(wordCount(s)).toBe(n);
  });
  it('counts as the regular expression it replaces does, on any text', () => {
    const alphabet = ['a', 'Z', 'é', 'ж', '7', '٣', "'", '’', ' ', '\u00a0', '-', '𝒜', '😀', '\ud800', '.', '\u0301', '\u093F', '\u00AD', '\u200C', '\u200D'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (cs) => {
      const s = cs.join('');
      expect(wordCount(s)).toBe(byRegex(s));
    }), { numRuns: 2000 });
  });
});

describe('classAt', () => {
  it('classes letters, digits and the rest, whole code points included', () => {
    expect(['a', 'é', 'ж', '中', '7', '٣', ' ', '’', '-'].map((c) => classAt(c, 0))).toEqual([LETTER, LETTER, LETTER, LETTER, DIGIT, DIGIT, OTHER, OTHER, OTHER]);
    expect(classAt('𝒜', 0)).toBe(LETTER);
    expect(widthAt('𝒜', 0)).toBe(2);
    expect(classAt('😀', 0)).toBe(OTHER);
  });
});

describe('longestFitting', () => {
  it('finds what trying each k from the top finds, asking far fewer times', () => {
    for (const [lo, hi] of [[1, 1], [1, 9], [0, 40], [1, 2000]] as const) {
      for (let limit = lo - 3; limit <= hi + 3; limit++) {
        let asked = 0;
        const fits = (k: number): boolean => (asked++, k <= limit);
        let linear = lo - 1;
        for (let k = hi; k >= lo; k--) if (k <= limit) { linear = k; break; }
        expect(longestFitting(lo, hi, fits)).toBe(linear);
        expect(asked).toBeLessThanOrEqual(Math.ceil(Math.log2(hi - lo + 2)) + 1);
      }
    }
  });
});
