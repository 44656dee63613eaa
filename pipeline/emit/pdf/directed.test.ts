import { createRequire } from 'node:module';
import { openSync } from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { layoutDirected, lookedUp } from './directed.js';
import { clusterRuns, fontRuns } from './fallback.js';
import { drawableText } from './fonts.js';
import { GlyphEncoder } from './glyphs.js';
import { shape } from './shaping.js';

const ARABIC = 'NotoNaskhArabic/regular';
const HEBREW = 'NotoSerifHebrew/regular';
const cps = (s: string): number[] => [...s].map((c) => c.codePointAt(0)!);
/** Each glyph's text as a string (glyphs in visual order). */
const texts = (font: string, text: string, dir: 'ltr' | 'rtl' = 'rtl'): string[] => shape(font, text, undefined, dir).text!.map((t) => String.fromCodePoint(...t));

describe('shaping in a set direction', () => {
  it('gives glyphs in visual order: right to left for letters, left to right for Arabic-Indic digits', () => {
    expect(texts(HEBREW, 'שלום')).toEqual(['ם', 'ו', 'ל', 'ש']);
    expect(texts(ARABIC, '١٢٣', 'ltr')).toEqual(['١', '٢', '٣']);
    expect(texts(ARABIC, '١٢٣', 'rtl')).toEqual(['٣', '٢', '١']);
  });

  it('names the letter each glyph stands for, where letters share one glyph', () => {
    // Noto Naskh draws ح and ج from one dotless glyph, ب and ي (in "في") from another; the dots are marks.
    const hah = shape(ARABIC, 'مرحبا', undefined, 'rtl');
    const jeem = shape(ARABIC, 'درجات', undefined, 'rtl');
    const glyph = (s: typeof hah, letter: string): number => s.glyphs[s.text!.findIndex((t) => t.includes(letter.codePointAt(0)!))]!.id;
    expect(glyph(hah, 'ح')).toBe(glyph(jeem, 'ج'));
    expect(texts(ARABIC, 'مرحبا').join('')).toBe('ابحرم');
    expect(texts(ARABIC, 'درجات').join('')).toBe('تاجرد');
  });

  it('names the letter written, whatever another word first drew the glyph for', () => {
    // A font of its own: fontkit keeps each glyph with the letters of its first use, and other tests share the book's.
    const font = openSync(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf'));
    const letters = (word: string): string => {
      const { texts } = layoutDirected(font, word, undefined, 'rtl');
      return texts.map((t) => String.fromCodePoint(...t)).reverse().join('');
    };
    // "آ" is drawn as the glyph of "ا" with a madda mark, "ز" as that of "ر" with a dot: first here, they named
    // every later "ا" and "ر" (and "ک" after "گ") in the ToUnicode map.
    expect(letters('آزمون')).toBe('آزمون');
    expect(letters('بزرگ')).toBe('بزرگ');
    expect(letters('خانه')).toBe('خانه');
    expect(letters('بروم')).toBe('بروم');
    expect(letters('کتاب')).toBe('کتاب');
    expect(letters('زر')).toBe('زر');
  });

  it('looks glyphs up by code point, a variation selector with the one before it', () => {
    expect(lookedUp('a\u{1F600}b')).toEqual([[0x61], [0x1f600], [0x62]]);
    expect(lookedUp('\u2764\uFE0F!')).toEqual([[0x2764, 0xfe0f], [0x21]]);
    expect(lookedUp('\uFE0Fa\uFE0F\uFE0E')).toEqual([[0x61, 0xfe0f]]);
  });

  it('keeps a zero-width non-joiner or joiner after a joining letter, and drops it elsewhere', () => {
    expect(drawableText('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(drawableText('ک\u200Dه')).toBe('ک\u200Dه');
    expect(drawableText('Auf\u200Clage\u200D \u200Cx\u00ADy')).toBe('Auflage xy');
  });

  it('folds marks into their letter, listed last first in right-to-left text', () => {
    const word = 'שָׁלוֹם';
    const clusters = [...new Intl.Segmenter('he', { granularity: 'grapheme' }).segment(word)].map((c) => c.segment);
    // Glyphs are in visual order: the last cluster first. Marks stand for nothing; their letter for all.
    const drawn = texts(HEBREW, word).filter((t) => t !== '');
    expect(drawn).toHaveLength(clusters.length);
    drawn.reverse().forEach((t, i) => {
      const logical = [...t].reverse();
      expect(logical[0], `cluster ${i}`).toBe([...clusters[i]!][0]);
      expect([...logical].sort(), `cluster ${i}`).toEqual([...clusters[i]!].sort());
    });
    // An extractor reversing the line character by character gets the word back as written.
    expect([...texts(HEBREW, word).join('')].reverse().join('').normalize('NFC')).toBe(word.normalize('NFC'));
  });

  it('mirrors brackets at a right-to-left level, each still standing for the bracket written', () => {
    const s = shape('Literata/regular', '(2)', undefined, 'rtl');
    expect(s.text!.map((t) => String.fromCodePoint(...t))).toEqual([')', '2', '(']);
    const ltr = shape('Literata/regular', '(2)', undefined, 'ltr');
    // The ")" written ends the text, at the left, so it is drawn as "(": the pair still encloses "2".
    expect(s.glyphs[0]!.id).toBe(ltr.glyphs[0]!.id);
    expect(s.glyphs[2]!.id).toBe(ltr.glyphs[2]!.id);
  });
});

describe('GlyphEncoder.hexAs', () => {
  it('gives a glyph that stands for other text a further id in the subset, with its own ToUnicode entry', () => {
    const doc = new PDFDocument({ autoFirstPage: false, font: null } as unknown as PDFKit.PDFDocumentOptions);
    const enc = new GlyphEncoder(doc);
    const font = enc.font(ARABIC);
    const hah = shape(ARABIC, 'ح', undefined, 'rtl').glyphs[0]!;
    const a = enc.hexAs(font, hah, cps('ح'));
    const b = enc.hexAs(font, hah, cps('ج'));
    expect(b).not.toBe(a);
    expect(enc.hexAs(font, hah, cps('ج'))).toBe(b);
    expect(enc.hexAs(font, hah, cps('ح'))).toBe(a);
    const [ia, ib] = [parseInt(a, 16), parseInt(b, 16)];
    expect(font.subset.glyphs[ia]).toBe(font.subset.glyphs[ib]);
    expect(font.unicode[ia]).toEqual(cps('ح'));
    expect(font.unicode[ib]).toEqual(cps('ج'));
    expect(font.widths[ib]).toBe(font.widths[ia]);
  });
});

describe('font runs of right-to-left words', () => {
  it.each([
    ['שלום,', 'regular'],
    ['בְּרֵאשִׁית', 'bold'],
    ['(כרך', 'italic'],
    ['هادئًا،', 'regular'],
    ['١٢:٣٠', 'boldItalic'],
    ['\u0600١٢', 'regular'], // an Arabic number sign joins the digit after it into one cluster
    ['שלום★', 'regular'], // a third font
    ['ש\u05B8\uFE0F', 'regular'],
    ['\u05B8ש', 'regular'], // a mark with no letter before it
    ['שཀ', 'regular'], // a character no font has (Tibetan)
  ] as const)('%s: the same runs as cluster by cluster', (text, face) => {
    const a: string[] = [];
    const b: string[] = [];
    expect(fontRuns(text, face, (c) => a.push(c))).toEqual(clusterRuns(text, face, (c) => b.push(c)));
    expect(a).toEqual(b);
  });

  it('puts a Hebrew word in the Hebrew font and its punctuation in Literata', () => {
    expect(fontRuns('שָׁלוֹם,', 'bold')).toEqual([
      { font: 'NotoSerifHebrew/bold', text: 'שָׁלוֹם' },
      { font: 'Literata/bold', text: ',' },
    ]);
  });
});
