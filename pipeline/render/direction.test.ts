import { describe, expect, it } from 'vitest';
import { blockDir, storyDirection, textDirection } from './direction.js';
import { BIDI_ARABIC, BIDI_HEBREW, bidiBook } from './fixtures/books.js';
import { render } from './index.js';

const HEBREW = BIDI_HEBREW;
const ARABIC = BIDI_ARABIC;

describe('textDirection', () => {
  it.each([
    ['Plain English.', 'ltr'],
    ['שלום.', 'rtl'],
    [ARABIC, 'rtl'],
    ['“¿1995… שלום', 'rtl'],
    ['1995 — 2001', null],
    ['* * *', null],
    ['雨の駅', 'ltr'],
    // Text inside an isolate does not decide the direction of what holds it.
    ['\u2067שלום\u2069 is hello', 'ltr'],
  ] as const)('%j is %s', (text, want) => {
    expect(textDirection(text)).toBe(want);
  });
  it('gives a story the direction most of its paragraphs have', () => {
    expect(storyDirection([...HEBREW, 'One English line.'])).toBe('rtl');
    expect(storyDirection(['One.', 'Two.', 'שלום.'])).toBe('ltr');
    expect(storyDirection([])).toBe('ltr');
  });
  it('marks a right-to-left block always, a left-to-right one only in a right-to-left story', () => {
    expect(blockDir('שלום', 'ltr')).toBe('rtl');
    expect(blockDir('Hello', 'ltr')).toBeNull();
    expect(blockDir('Hello', 'rtl')).toBe('ltr');
    expect(blockDir('* * *', 'rtl')).toBeNull();
  });
});

describe('right-to-left text in the EPUB', () => {
  const book = render(bidiBook());
  const doc = (name: string): string => book.docs.find((d) => d.filename === name)!.xhtml;

  it("sets a right-to-left story's documents right to left, whatever its language tag", () => {
    for (const f of ['s1-attribution.xhtml', 's1-story.xhtml', 's1-notes.xhtml']) expect(doc(f), f).toMatch(/<html [^>]*dir="rtl"[^>]*>/);
    for (const d of book.docs.filter((x) => x.storyId !== 's1')) expect(d.xhtml, d.filename).not.toMatch(/<html [^>]*dir=/);
  });
  it('marks each right-to-left paragraph and heading, and the left-to-right ones of a right-to-left story', () => {
    const story = doc('s1-story.xhtml');
    for (const t of HEBREW) expect(story).toContain(`<p dir="rtl">${t}</p>`);
    expect(story).toContain('<p dir="ltr">The end, in English.</p>');
    expect(story).toMatch(/<h1 id="s1-c1" dir="rtl">פרק א<\/h1>/);
    expect(doc('s1-attribution.xhtml')).toContain('<h1 id="s1-title" dir="rtl">הגן</h1>');
    // The colophon is a left-to-right page: the title keeps its own direction there.
    expect(doc('colophon.xhtml')).toContain('<h2 dir="rtl">הגן</h2>');
  });
  it('marks the one Arabic paragraph of an English story, and nothing else in it', () => {
    const story = doc('s2-story.xhtml');
    expect(story).toContain(`<p dir="rtl">${ARABIC}</p>`);
    expect(story.match(/dir="/g)).toHaveLength(1);
  });
});
