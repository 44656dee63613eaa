import { describe, expect, it } from 'vitest';
import type { Inline } from '../../model.js';
import { drawableText } from './fonts.js';
import { breakLines, linesHere, segmentsOf, type Line } from './lines.js';
import { wordsOf, type Measure } from './words.js';

/** A fake font: every character is half the size wide, bold a little wider. */
const measure: Measure = (face, size, text) => [...text].length * size * (face.startsWith('bold') ? 0.6 : 0.5);
const t = (text: string): Inline => ({ kind: 'text', text });
const em = (...children: Inline[]): Inline => ({ kind: 'em', children });
const strong = (...children: Inline[]): Inline => ({ kind: 'strong', children });

const textOf = (w: ReturnType<typeof wordsOf>[number]): string => w.pieces.map((p) => p.text).join('');
const lineText = (l: Line): string => l.words.map((w, i) => (i > 0 && w.space > 0 ? ' ' : '') + textOf(w)).join('');

describe('wordsOf', () => {
  it('sets em in italic, strong in bold, both in bold italic, and em inside italic upright', () => {
    const words = wordsOf([t('a '), em(t('b '), strong(t('c'))), t(' '), strong(t('d'))], 'regular', 10, measure, 1000);
    expect(words.map((w) => w.pieces.map((p) => `${p.face}:${p.text}`))).toEqual([['regular:a'], ['italic:b'], ['boldItalic:c'], ['bold:d']]);
    const upright = wordsOf([em(t('x'))], 'italic', 10, measure, 1000);
    expect(upright[0]!.pieces[0]!.face).toBe('regular');
  });

  it('keeps a word whole across a change of face, with no space inside it', () => {
    const words = wordsOf([t('the '), em(t('sun')), t(', came')], 'regular', 10, measure, 1000);
    expect(words.map(textOf)).toEqual(['the', 'sun,', 'came']);
    expect(words[1]!.pieces.map((p) => p.face)).toEqual(['italic', 'regular']);
  });

  it('collapses white space, drops it at the ends, and keeps no-break spaces', () => {
    const words = wordsOf([t('  one \n\t\u2028 two\u00A0three  ')], 'regular', 10, measure, 1000);
    expect(words.map(textOf)).toEqual(['one', 'two\u00A0three']);
    expect(words[0]!.space).toBe(0);
    expect(words[1]!.space).toBe(5);
  });

  it('may break after a dash between words, without a space', () => {
    const words = wordsOf([t('stairs—all well-known —')], 'regular', 10, measure, 1000);
    expect(words.map(textOf)).toEqual(['stairs—', 'all', 'well-', 'known', '—']);
    expect(words.map((w) => w.space)).toEqual([0, 0, 5, 0, 5]);
  });

  it('cuts a word wider than the line into chunks that fit, losing nothing', () => {
    const long = 'http://example.invalid/' + 'x'.repeat(60);
    const words = wordsOf([t(`see ${long}`)], 'regular', 10, measure, 100);
    expect(words.every((w) => w.width <= 100)).toBe(true);
    expect(words.slice(1).map(textOf).join('')).toBe(long);
    expect(words.slice(2).every((w) => w.space === 0)).toBe(true);
  });

  it('breaks a long URL after its separators before cutting anywhere else', () => {
    const words = wordsOf([t('http://example.invalid/a/b.html')], 'regular', 10, measure, 100);
    expect(words.map(textOf)).toEqual(['http://', 'example.', 'invalid/', 'a/', 'b.', 'html']);
  });

  it('does not cut grapheme clusters', () => {
    const words = wordsOf([t('e\u0301'.repeat(30))], 'regular', 10, measure, 20);
    for (const w of words) expect(textOf(w).startsWith('\u0301')).toBe(false);
  });
});

describe('breakLines', () => {
  const para = 'She climbed the stairs, all ninety of them, and looked out at the dark water below. '.repeat(4);
  const words = wordsOf([t(para)], 'regular', 10, measure, 300 - 13);

  it('keeps every line within its room, and every word', () => {
    const lines = breakLines(words, 300, 13, 'justify');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(l.room + 0.01);
    expect(lines[0]!.room).toBe(300 - 13);
    expect(lines.map(lineText).join(' ')).toBe(para.trim());
  });

  it('justifies every line but the last exactly to its room', () => {
    const lines = breakLines(words, 300, 0, 'justify');
    for (const l of lines.slice(0, -1)) {
      const gaps = l.words.slice(1).filter((w) => w.space > 0).length;
      expect(l.width + gaps * l.stretch).toBeCloseTo(l.room, 6);
    }
    expect(lines[lines.length - 1]!.stretch).toBe(0);
    expect(breakLines(words, 300, 0, 'left').every((l) => l.stretch === 0)).toBe(true);
  });

  it('leaves a line ragged rather than open its spaces too far', () => {
    const loose = wordsOf([t('a b '), t('x'.repeat(58))], 'regular', 10, measure, 300);
    const lines = breakLines(loose, 300, 0, 'justify', 6);
    expect(lines.map(lineText)).toEqual(['a b', 'x'.repeat(58)]);
    expect(lines[0]!.stretch).toBe(0);
    expect(breakLines(loose, 300, 0, 'justify')[0]!.stretch).toBeGreaterThan(6);
  });
});

describe('segmentsOf', () => {
  it('joins same-face words into one call and splits at face changes', () => {
    const words = wordsOf([t('a b '), em(t('c d')), t(' e')], 'regular', 10, measure, 1000);
    const [line] = breakLines(words, 1000, 0, 'left');
    expect(segmentsOf(line!).map((s) => [s.face, s.text, s.x])).toEqual([
      ['regular', 'a b', 0],
      ['italic', 'c d', 20],
      ['regular', 'e', 40],
    ]);
  });

  it('draws a piece holding a no-break space on its own when the line is stretched', () => {
    const words = wordsOf([t('a b\u00A0c d e f g h')], 'regular', 10, measure, 1000);
    const [line] = breakLines(words, 40, 0, 'justify');
    expect(line!.stretch).toBeGreaterThan(0);
    const segs = segmentsOf(line!);
    expect(segs.map((s) => s.text)).toEqual(['a', 'b\u00A0c', 'd']);
    expect(segs.map((s) => s.wordSpacing)).toEqual([line!.stretch, 0, line!.stretch]);
  });
});

describe('linesHere', () => {
  it('sets a block whole when it fits', () => {
    expect(linesHere(3, 3, true, false)).toBe(3);
  });
  it('leaves neither one line at the foot nor one at the head of a page', () => {
    expect(linesHere(5, 1, true, false)).toBe(0); // orphan: move the block
    expect(linesHere(5, 4, true, false)).toBe(3); // widow: carry two over
    expect(linesHere(3, 2, true, false)).toBe(0); // either way one line would be alone
    expect(linesHere(2, 1, true, false)).toBe(0);
    expect(linesHere(40, 30, false, true)).toBe(30); // a continued block fills the page
    expect(linesHere(31, 30, false, true)).toBe(29);
  });
  it('always advances on an empty page', () => {
    expect(linesHere(3, 0, true, true)).toBe(1);
    expect(linesHere(3, 2, true, true)).toBe(2);
  });
});

describe('drawableText', () => {
  it('swaps characters Literata lacks for near equivalents and drops invisible ones', () => {
    expect(drawableText('a\u202Fb\u2011c\u00ADd\u200Be')).toBe('a\u2009b\u2010cde');
  });
});
