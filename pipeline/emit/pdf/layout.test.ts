import { describe, expect, it } from 'vitest';
import type { Inline } from '../../model.js';
import { fontRuns } from './fallback.js';
import { drawableText, primaryFont, type FontFace } from './fonts.js';
import { Setter } from './setting.js';
import { hyphenatorFor } from './hyphenate.js';
import { breakLines, linesHere, linesToStart, MOST_LINES_TO_START, rebreakFrom, type Align, type Line } from './lines.js';
import { knownWords } from './measured.js';
import { hyphenSplit } from './split.js';
import { wordsOf as wordsWith, type Measure, type Word } from './words.js';
import { clusters } from './clusters.js';
import fc from 'fast-check';

/** A fake font: every character is half the size wide, bold a little wider. */
const measure: Measure = (font, size, text) => [...text].length * size * (/\/bold/.test(font) ? 0.6 : 0.5);
const wordsOf = (inlines: Inline[], face: FontFace, size: number, _m: Measure, maxWidth: number): Word[] => wordsWith(inlines, face, { size, measure, maxWidth });
const br = (words: readonly Word[], width: number, indent: number, align: Align, maxStretch?: number): Line[] =>
  breakLines(words, { width, indent, align, ...(maxStretch === undefined ? {} : { maxStretch }) });
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

  it('keeps words it has measured, but not numbers, which are built from their digits', () => {
    const known = knownWords();
    const words = wordsWith([t('page 1234 of 12 pages')], 'regular', { size: 10, measure, maxWidth: 1000, known });
    expect(words.map(textOf)).toEqual(['page', '1234', 'of', '12', 'pages']);
    expect(['page', 'of', 'pages', '1234', '12'].map((w) => known.words.regular.get(w) !== undefined)).toEqual([true, true, true, false, false]);
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

  it('cuts a word of 200,000 characters, losing nothing (it overflowed the call stack after a minute)', () => {
    const long = 'x'.repeat(200_000);
    const t0 = performance.now();
    const words = wordsOf([t(long)], 'regular', 10, measure, 100);
    // Far above the time on a busy machine: the fault was a stack overflow after a minute.
    expect(performance.now() - t0).toBeLessThan(30_000);
    expect(words.every((w) => w.width <= 100)).toBe(true);
    expect(words.map(textOf).join('')).toBe(long);
  });
});

describe('breakLines', () => {
  const para = 'She climbed the stairs, all ninety of them, and looked out at the dark water below. '.repeat(4);
  const words = wordsOf([t(para)], 'regular', 10, measure, 300 - 13);

  it('keeps every line within its room, and every word', () => {
    const lines = br(words, 300, 13, 'justify');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(l.room + 0.01);
    expect(lines[0]!.room).toBe(300 - 13);
    expect(lines.map(lineText).join(' ')).toBe(para.trim());
  });

  it('justifies every line but the last exactly to its room', () => {
    const lines = br(words, 300, 0, 'justify');
    for (const l of lines.slice(0, -1)) {
      const gaps = l.words.slice(1).filter((w) => w.space > 0).length;
      expect(l.width + gaps * l.stretch).toBeCloseTo(l.room, 6);
    }
    expect(lines[lines.length - 1]!.stretch).toBe(0);
    expect(br(words, 300, 0, 'left').every((l) => l.stretch === 0)).toBe(true);
  });

  it('leaves a line ragged rather than open its spaces too far', () => {
    const loose = wordsOf([t('a b '), t('x'.repeat(58))], 'regular', 10, measure, 300);
    const lines = br(loose, 300, 0, 'justify', 6);
    expect(lines.map(lineText)).toEqual(['a b', 'x'.repeat(58)]);
    expect(lines[0]!.stretch).toBe(0);
    expect(br(loose, 300, 0, 'justify')[0]!.stretch).toBeGreaterThan(6);
  });
});

describe('linesToStart', () => {
  it('is the least room in which linesHere sets some of a block that starts there', () => {
    for (let count = 1; count <= 8; count++) {
      const need = linesToStart(count);
      expect(need).toBeLessThanOrEqual(MOST_LINES_TO_START);
      expect(linesHere(count, need, true, false), `${count} lines in ${need}`).toBeGreaterThan(0);
      expect(linesHere(count, need - 1, true, false), `${count} lines in ${need - 1}`).toBe(0);
    }
  });
});

describe('Setter', () => {
  it('keeps a word whole that fits a full line but not the indented first one, when it is not the first word', () => {
    const style = { face: 'regular' as const, size: 10, leading: 13.5 };
    const long = 'Donaudampfschifffahrtsgesellschaftskapitänswitwe';
    const width = new Setter(0).measure(primaryFont('regular'), 10, long) + 5;
    const lines = new Setter(width).layout(`Die ${long} ging.`, { style, align: 'justify', indent: 20 });
    expect(lines.map(lineText)).toEqual(['Die', long, 'ging.']);
  });
});

describe('hyphenation', () => {
  const en = hyphenatorFor('en')!;
  const o = { size: 10, measure };

  it('finds break points by the language\'s patterns, and none for languages without them', () => {
    expect(en('countenances')).toEqual([4, 6]);
    expect(hyphenatorFor('en-GB')).toBeDefined();
    expect(hyphenatorFor('de-CH')!('Geschwindigkeit').length).toBeGreaterThan(0);
    expect(hyphenatorFor('ru')!('невероятно').length).toBeGreaterThan(0);
    expect(hyphenatorFor('zh')).toBeUndefined();
    expect(hyphenatorFor('tlh')).toBeUndefined();
    expect(en('NASA-2024')).toEqual([]);
    expect(en('http://x.invalid/countenances')).toEqual([]);
  });

  it('splits a word with a real hyphen, as late as fits, across faces', () => {
    const [word] = wordsOf([em(t('counte')), t('nances,')], 'regular', 10, measure, 1000);
    const split = hyphenSplit(word!, 40, en('countenances,'), o)!;
    expect(split[0].pieces.map((p) => p.text).join('')).toBe('counte-');
    expect(split[0].hyphenated).toBe(true);
    expect(split[1].pieces.map((p) => [p.face, p.text])).toEqual([['regular', 'nances,']]);
    expect(hyphenSplit(word!, 20, en('countenances,'), o)).toBeUndefined(); // "coun-" needs 25
  });

  it('hyphenates only to fill a loose line, never a line that must not end in one', () => {
    const words = wordsOf([t('aa bb cc countenances')], 'regular', 10, measure, 1000);
    const hyphenate = (w: Word, avail: number): [Word, Word] | undefined => hyphenSplit(w, avail, en(w.pieces.map((p) => p.text).join('')), o);
    const set = (noHyphen?: Set<number>): string[] => breakLines(words, { width: 75, indent: 0, align: 'justify', hyphenate, hyphenSlack: 2, ...(noHyphen ? { noHyphen } : {}) }).map(lineText);
    expect(set()).toEqual(['aa bb cc coun-', 'tenances']);
    expect(set(new Set([0]))).toEqual(['aa bb cc', 'countenances']);
    // A tight line (little slack per space) is not hyphenated.
    const tight = breakLines(words, { width: 75, indent: 0, align: 'justify', hyphenate, hyphenSlack: 100 });
    expect(tight.map(lineText)).toEqual(['aa bb cc', 'countenances']);
    expect(breakLines(words, { width: 75, indent: 0, align: 'left', hyphenate }).map(lineText)).toEqual(['aa bb cc', 'countenances']);
  });

  it('breaks a block again from a line that ends a page, undoing only the splits after it', () => {
    const words = wordsOf([t('aa bb cc countenances dd ee ff gg countenances hh')], 'regular', 10, measure, 1000);
    const hyphenate = (w: Word, avail: number): [Word, Word] | undefined => hyphenSplit(w, avail, en(w.pieces.map((p) => p.text).join('')), o);
    const opts = { width: 75, indent: 0, align: 'justify' as const, hyphenate, hyphenSlack: 2 };
    const all = breakLines(words, opts);
    expect(all.map(lineText)).toEqual(['aa bb cc coun-', 'tenances dd ee', 'ff gg counte-', 'nances hh']);
    expect(rebreakFrom(all, 2, opts).map(lineText)).toEqual(['aa bb cc coun-', 'tenances dd ee', 'ff gg', 'countenances hh']);
    expect(rebreakFrom(all, 0, opts).map(lineText)).toEqual(['aa bb cc', 'countenances dd', 'ee ff gg coun-', 'tenances hh']);
  });
});

describe('font fallback', () => {
  it('keeps text Literata covers in one run', () => {
    expect(fontRuns('Ночь θάλασσα — “sea”', 'italic')).toEqual([{ font: 'Literata/italic', text: 'Ночь θάλασσα — “sea”' }]);
  });

  it('draws characters Literata lacks in the first font of the chain that has them', () => {
    const runs = fontRuns('sea 海 ★ ♞ 😀 あ 바다', 'bold');
    expect(runs.map((r) => r.font)).toEqual(['Literata/bold', 'NotoSerifSC/bold', 'Literata/bold', 'NotoSansSymbols2/regular', 'Literata/bold', 'NotoSansSymbols2/regular', 'Literata/bold', 'NotoEmoji/regular', 'Literata/bold', 'NotoSerifSC/bold', 'Literata/bold', 'NotoSerifKR/bold']);
    expect(runs.map((r) => r.text).join('')).toBe('sea 海 ★ ♞ 😀 あ 바다');
  });

  it('takes the emoji font when asked by a selector, and leaves out what no font has', () => {
    expect(fontRuns('\u2764\uFE0F', 'regular')).toEqual([{ font: 'NotoEmoji/regular', text: '\u2764' }]);
    const missing: string[] = [];
    expect(fontRuns('a\u0F40b', 'regular', (c) => missing.push(c)).map((r) => r.text).join('')).toBe('ab'); // Tibetan
    expect(missing).toEqual(['\u0F40']);
  });

  it('lets lines break between CJK characters but not before closing punctuation', () => {
    const words = wordsOf([t('海は広い。「空」')], 'regular', 10, measure, 1000);
    expect(words.map(textOf)).toEqual(['海', 'は', '広', 'い。', '「空」']);
    expect(words.every((w) => w.space === 0)).toBe(true);
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

  it('draws the spaces no font has as a space, so that the words on either side stay apart', () => {
    // Left out as missing glyphs, they joined the words: "three\u2004per" read "threeper" in the PDF.
    expect(drawableText('a\u2004b\u2005c\u2006d\u205Fe\u1680f')).toBe('a b c d e f');
  });
});

describe('memory', () => {
  it('hands every chunk over as it is written, so that no pass holds its bytes', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const { streamTo } = await import('./memory.js');
    const doc = new PDFDocument({ autoFirstPage: false, font: null } as unknown as PDFKit.PDFDocumentOptions);
    let bytes = 0;
    streamTo(doc, (chunk) => (bytes += chunk.length));
    for (let i = 0; i < 50; i++) doc.addPage();
    expect(bytes).toBeGreaterThan(1000);
    expect(doc.readableLength).toBe(0); // nothing waits in the stream's buffer
  });
});

describe('clusters', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  // Pieces whose clusters reach across a window's end: flags (regional indicator pairs and tag sequences),
  // emoji joined by ZWJ or with a skin tone, combining marks, surrogate pairs, Hangul jamo, Indic
  // conjuncts, CR LF, and plain letters.
  // Lone surrogates too: a window must not end between the halves of a pair, but may after a lone one.
  const bits = ['🇫🇷', '🇩', '👩\u200D💻', '\u200D', '❤\uFE0F', '👍🏽', '🏽', '🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC7F', 'e\u0301', '\u0301', '𝒜', '\uD835', '\uDC9C', 'ᄀ', 'ᅡ', 'ᆨ', '\r\n', '\r', 'a', ' ', 'क्', 'ष', '\u200C'];
  it('are what Intl.Segmenter finds in the whole string, whatever the window', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...bits), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (xs, window) => {
      const text = xs.join('');
      expect([...clusters(text, window)]).toEqual([...segmenter.segment(text)].map((s) => s.segment));
    }), { numRuns: 3000 });
  });
  it('segment a long string in time that grows with its length', () => {
    const text = 'ab\u0301'.repeat(100_000);
    const t0 = performance.now();
    let n = 0;
    for (const _ of clusters(text)) n++;
    expect(n).toBe(200_000);
    // Far above the time on a busy machine, far below the segmenter's on the whole string (about 45 s).
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
