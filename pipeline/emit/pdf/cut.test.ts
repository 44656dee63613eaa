import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import type { Inline } from '../../model.js';
import { hyphenatorFor } from './hyphenate.js';
import { breakLines, rebreakFrom, type Align, type Line } from './lines.js';
import { emitPdf, pageTexts, prose, run, withTools } from './fixtures/tools.js';
import { wordsOf, type Measure, type Word } from './words.js';

/** A fake font: every character is half the size wide. */
const measure: Measure = (_font, size, text) => [...text].length * size * 0.5;
const en = hyphenatorFor('en')!;
/** An invented compound, far wider than a line of 20 characters, with many hyphenation points. */
const LONG = 'Thundercloudmerchantwheelwrightlanternkeeperwatchtowers';
const t = (text: string): Inline => ({ kind: 'text', text });
const textOf = (w: Word): string => w.pieces.map((p) => p.text).join('');
const lineText = (l: Line): string => l.words.map((w, i) => (i > 0 && w.space > 0 ? ' ' : '') + textOf(w)).join('');
const set = (text: string, width: number, align: Align, hyphens = true): Line[] =>
  breakLines(wordsOf([t(text)], 'regular', { size: 10, measure, maxWidth: width, ...(hyphens ? { cutHyphenation: en } : {}) }), { width, indent: 0, align });

describe('a word wider than a line', () => {
  it('is cut at hyphenation points, each line ending in a drawn hyphen, in every alignment', () => {
    const points = new Set(en(LONG));
    for (const align of ['justify', 'left', 'center'] as const) {
      const lines = set(`see ${LONG} go`, 100, align).map(lineText);
      expect(lines.length, align).toBeGreaterThan(2);
      // Each line but the last ends inside the word, with a hyphen, at a point the patterns allow.
      let at = 0;
      for (const line of lines.slice(0, -1)) {
        expect(line, align).toMatch(/\p{L}-$/u);
        const part = line.replace(/^see /, '').slice(0, -1);
        at += part.length;
        expect(points.has(at), `${align}: "${line}" ends at ${at}`).toBe(true);
      }
      expect(lines.map((l) => l.replace(/-$/, '')).join('').replace(/ /g, '')).toBe(`see${LONG}go`);
    }
  });

  it('keeps every line within its room, hyphen included, and loses no letter, at any width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 300 }), fc.constantFrom<Align>('justify', 'left'), (width, align) => {
        const lines = set(`a ${LONG} b ${LONG}`, width, align);
        for (const l of lines) expect(l.width).toBeLessThanOrEqual(l.room + 0.01);
        const words = lines.flatMap((l) => l.words);
        // Only a cut word's hyphened part ends a line with a hyphen, and nothing else carries one.
        expect(words.filter((w) => textOf(w).endsWith('-')).every((w) => w.unhyphened !== undefined)).toBe(true);
        expect(lines.map((l) => lineText(l).replace(/-$/, '')).join('').replace(/ /g, '')).toBe(`a${LONG}b${LONG}`);
      }),
    );
  });

  it('is cut between letters, without a hyphen, where the patterns give no point (capitals, no patterns)', () => {
    const caps = set(`${LONG.toUpperCase()}`, 100, 'justify').map(lineText);
    expect(caps.length).toBeGreaterThan(2);
    expect(caps.some((l) => l.endsWith('-'))).toBe(false);
    expect(caps.join('')).toBe(LONG.toUpperCase());
    const none = set(LONG, 100, 'justify', false).map(lineText);
    expect(none.some((l) => l.endsWith('-'))).toBe(false);
    expect(none.join('')).toBe(LONG);
  });

  it('is not looked up in the patterns when it is longer than any word (the lookup takes time that grows with its square)', () => {
    const asked: string[] = [];
    const spy = (w: string): readonly number[] => (asked.push(w), en(w));
    const blob = 'abcdefghij'.repeat(40);
    const words = wordsOf([t(`${LONG} ${blob}`)], 'regular', { size: 10, measure, maxWidth: 100, cutHyphenation: spy });
    expect(asked).toEqual([LONG]);
    expect(words.map(textOf).join('')).toBe(LONG + blob);
  });

  it('is broken again from a line without the hyphen it had there', () => {
    const o = { width: 100, indent: 0, align: 'justify' as const };
    const lines = breakLines(wordsOf([t(`aa ${LONG} bb`)], 'regular', { size: 10, measure, maxWidth: 100, cutHyphenation: en }), o);
    const again = rebreakFrom(lines, 1, o);
    expect(again.map(lineText)).toEqual(lines.map(lineText)); // all inside the word: it cannot end elsewhere
    // A line with a word before the cut one ends before it (it ends a page), and the word starts the next.
    const before = rebreakFrom(lines, 0, o).map(lineText);
    expect(before[0]).toBe('aa');
    expect(before.slice(1).join('').replace(/-/g, '').replace(/ /g, '')).toBe(`${LONG}bb`);
    // A narrower rest: the old line end's hyphen is not left in the middle of a line.
    const narrower = rebreakFrom(lines, 0, { ...o, width: 80 }).map(lineText);
    expect(narrower.map((l) => l.replace(/-$/, '')).join('').replace(/ /g, '')).toBe(`aa${LONG}bb`);
    for (const l of narrower) expect(l.slice(0, -1)).not.toContain('-');
  });
});

describe('in the PDF', () => {
  for (const preset of ['ereader', 'a5'] as const) {
    withTools(`${preset}: no page ends on the hyphen of a word cut to fit a line; the line before it ends the page, the word whole`, async () => {
      const a = sampleAnthology();
      a.meta.page = preset;
      const story = a.stories[0]!;
      a.stories = [story];
      const word = `${LONG}${LONG.toLowerCase()}`;
      // Paragraphs of growing length, each with the word after its prose, so that the word's lines fall at every place on a page.
      story.chapters = [{ pos: story.chapters[0]!.pos, blocks: Array.from({ length: 60 }, (_, k) => ({ kind: 'paragraph' as const, inlines: [t(`${prose(8 + k * 5, k)} Then ${word} went by.`)], pos: { file: 'in/one.txt', line: k + 1, column: 1 } })) }];
      const dir = mkdtempSync(join(tmpdir(), 'anthologist-pdf-cut-foot-'));
      try {
        const file = join(dir, 'foot.pdf');
        writeFileSync(file, await emitPdf(a));
        const pages = pageTexts(file, true).slice(0, -1).map((p) => p.split('\n').map((l) => l.trim()).filter((l) => l !== ''));
        let turns = 0;
        pages.forEach((page, i) => {
          const body = page.slice(0, -1); // less the folio
          expect(body[body.length - 1] ?? '', `page ${i + 1}`).not.toMatch(/\p{L}-$/u);
          // The word goes on at the head of the next page's text (after its running head).
          const head = (body[1] ?? '').split(' ')[0]!.replace(/-$/, '');
          if (head.length > 8 && word.includes(head)) turns++;
        });
        expect(turns, 'the word opens some page').toBeGreaterThan(0);
        // Every paragraph's word whole, across lines and pages (less running heads and folios).
        const text = pages.flatMap((p) => p.filter((l) => !/^(\d+|The Lighthouse +Ada Quill)$/.test(l))).join('\n');
        expect(text.replace(/-\n/g, '').replace(/\s+/g, ' ').split(` Then ${word} went by.`)).toHaveLength(61);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  withTools('a word wider than the page breaks at a hyphenation point with a hyphen, and pdftotext gives the whole word', async () => {
    const a = sampleAnthology();
    a.meta.page = 'ereader';
    const block = a.stories[0]!.chapters[0]!.blocks[1]!;
    if (block.kind !== 'paragraph') throw new Error('the sample changed');
    block.inlines.push(t(` The ${LONG}${LONG.toLowerCase()} stood there.`));
    const dir = mkdtempSync(join(tmpdir(), 'anthologist-pdf-cut-'));
    try {
      const file = join(dir, 'cut.pdf');
      writeFileSync(file, await emitPdf(a));
      run('qpdf', ['--check', file]);
      const word = `${LONG}${LONG.toLowerCase()}`;
      const points = new Set(en(word));
      const lines = pageTexts(file, true).join('\n').split('\n').map((l) => l.trim());
      const first = lines.findIndex((l) => l.includes(` The ${LONG.slice(0, 4)}`));
      expect(lines[first], 'the word starts at the end of a line of other words').toMatch(/ The Thun\S*-$/u);
      // From the line where the word starts to the line where it ends, each ends with a hyphen at a pattern's point.
      let at = 0;
      let i = first;
      let rest = lines[i]!.slice(lines[i]!.lastIndexOf(' ') + 1);
      while (rest.endsWith('-')) {
        at += rest.length - 1;
        expect(points.has(at), `"${rest}" ends at ${at}`).toBe(true);
        rest = lines[++i]!.split(' ')[0]!;
      }
      expect(i - first).toBeGreaterThan(1);
      expect(run('pdftotext', [file, '-']).replace(/\s+/g, ' ')).toContain(`The ${word} stood there.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
