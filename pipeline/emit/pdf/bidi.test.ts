import { describe, expect, it } from 'vitest';
import { mirrored, paragraphLevels, visualOrder, visualParts } from './bidi.js';
import { breakLines } from './lines.js';
import { paragraphWords, type Measure } from './words.js';

/** Every character 5 pt wide: the tests are about order, not widths. */
const measure: Measure = (_font, _size, text) => [...text].length * 5;

/**
 * One paragraph set on one line and read off in visual order, left to
 * right: each right-to-left piece's characters reversed (and mirrored), as
 * its glyphs are drawn. Pieces are marked off with `|` where `marks` is set.
 */
function visual(text: string, marks = false): string {
  const { words, base } = paragraphWords([{ kind: 'text', text }], 'regular', { size: 10, measure, maxWidth: 10_000 });
  const [line, more] = breakLines(words, { width: 10_000, indent: 0, align: 'justify', ...(base === undefined ? {} : { base }) });
  expect(more).toBeUndefined();
  const out = visualParts(line!).map((p) => ('pieces' in p ? ' ' : (p.level ?? 0) % 2 === 1 ? [...mirrored(p.text)].reverse().join('') : p.text));
  return out.join(marks ? '|' : '');
}

describe('visualOrder (rule L2)', () => {
  it.each([
    [[0, 0, 0], [0, 1, 2]],
    [[1, 1, 1], [2, 1, 0]],
    [[0, 1, 1, 0], [0, 2, 1, 3]],
    [[1, 2, 2, 1], [3, 1, 2, 0]],
    [[1, 1, 2, 1, 2, 2], [4, 5, 3, 2, 1, 0]],
    [[0, 1, 2, 1, 0], [0, 3, 2, 1, 4]],
    [[], []],
  ])('levels %j ⇒ %j', (levels, order) => expect(visualOrder(levels)).toEqual(order));
});

describe('paragraphLevels', () => {
  it('leaves a paragraph without right-to-left text alone', () => {
    expect(paragraphLevels('Plain English, Ελληνικά, русский, 漢字 and 1948.')).toBeUndefined();
  });

  it('takes the base direction from the first strong character', () => {
    expect(paragraphLevels('שלום world')!.base).toBe(1);
    expect(paragraphLevels('world שלום')!.base).toBe(0);
    expect(paragraphLevels('1948 — مرحبا')!.base).toBe(1);
    expect(paragraphLevels('“שלום” said she')!.base).toBe(1);
  });

  it('puts numbers in right-to-left text a level up, so that they read left to right', () => {
    const { levels } = paragraphLevels('בשנת 1948 הוא')!;
    expect([...levels]).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1]);
  });
});

describe('a line in visual order', () => {
  it.each([
    // English with a Hebrew phrase: the phrase reads right to left, in place.
    ['The keeper said שלום עולם to the sea.', 'The keeper said םלוע םולש to the sea.'],
    // Hebrew: words from the right; the full stop ends the sentence at the left.
    ['הים היה שקט הלילה.', '.הלילה טקש היה םיה'],
    // Numbers keep their order inside right-to-left text.
    ['בשנת 1948 הוא קרא', 'ארק אוה 1948 תנשב'],
    ['الساعة ١٢:٣٠ الآن', 'نآلا ١٢:٣٠ ةعاسلا'],
    // English inside Hebrew, neutrals between them taking the paragraph's direction.
    ['שלום, world!', '!world ,םולש'],
    ['הספר "Moby-Dick" נקרא', 'ארקנ "Moby-Dick" רפסה'],
    // Brackets at a right-to-left level are mirrored, so that they still enclose.
    ['כרך (2) נקרא', 'ארקנ (2) ךרכ'],
    ['(כרך 2)', '(2 ךרכ)'],
    // Arabic with English and digits.
    ['مرحبا بالعالم and 25 more', 'and 25 more ملاعلاب ابحرم'],
  ])('%s', (text, expected) => expect(visual(text)).toBe(expected));

  it('splits a word into pieces where its level changes, and drops bidi controls', () => {
    expect(visual('שלום, world!', true)).toBe('!|world| |,|םולש');
    expect(visual('abc\u200F def')).toBe('abc def');
    // A left-to-right mark in left-to-right text: nothing to reorder, but it is still not drawn.
    expect(paragraphLevels('abc\u200E def')).toBeDefined();
    expect(visual('abc\u200E def', true)).toBe('abc| |def');
    // An isolate (U+2067 … U+2069) is skipped when the base direction is found: this paragraph is left to right.
    expect(visual('\u2067שלום עולם\u2069 said he')).toBe('םלוע םולש said he');
  });
});
