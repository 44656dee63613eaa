import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { available, pdfFonts, pdfText, qpdfCheck, skipWithout } from '../../../tests/helpers/tools.js';
import { Messages } from '../../diagnostics/index.js';
import { plainText } from '../../shared/inline.js';
import { emitPdf, wordBoxes } from './fixtures/tools.js';
import { RTL_PARAGRAPHS, rtlAnthology } from './fixtures/rtl.js';
import { measure } from './index.js';
import { themeFor } from './theme.js';

/** Words as written, marks kept on their letters (Hebrew points, Arabic harakat), NFC. */
const wordsOf = (text: string): string[] => text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

describe('right-to-left text in the PDF', () => {
  let dir = '';
  let file = '';
  let bytes: Uint8Array;
  const messages = new Messages();
  const book = rtlAnthology();
  // Tibetan is in no font of the chain: it must still be reported.
  const last = book.stories[0]!.chapters[0]!.blocks[1]!;
  if (last.kind === 'paragraph') last.inlines.push({ kind: 'text', text: ' ཀ' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anthologist-pdf-rtl-'));
    file = join(dir, 'rtl.pdf');
    bytes = await emitPdf(book, messages);
    writeFileSync(file, bytes);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws Hebrew and Arabic, and reports only what no font has', async () => {
    const missing = messages.list.filter((d) => d.code === 'pdf/missing-glyph');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toContain('ཀ');
    // Where the editor can find it: the story's file, at the paragraph's line and the character's column.
    const column = last.kind === 'paragraph' ? last.pos.column + plainText(last.inlines).indexOf('ཀ') : 0;
    expect(missing[0]).toMatchObject({ file: book.stories[0]!.source.file, line: last.pos.line, column });
    expect(missing[0]!.message).not.toMatch(/[\u0590-\u06FF]/u);
    // The same bytes every time, variant glyph ids and all.
    const again = await emitPdf(book);
    expect(createHash('sha256').update(again).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it.skipIf(skipWithout('qpdf'))('passes qpdf --check', () => {
    expect(available.qpdf).toBe(true);
    const r = qpdfCheck(file);
    expect(r.status, r.output).toBe(0);
  });

  it.skipIf(skipWithout('poppler'))('embeds every font, the Hebrew and Arabic ones among them', () => {
    const fonts = pdfFonts(file);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/u, ''));
    for (const f of ['NotoSerifHebrew-Regular', 'NotoSerifHebrew-Bold', 'NotoNaskhArabic-Regular']) expect(names).toContain(f);
  });

  it.skipIf(skipWithout('poppler'))('gives back every word of every right-to-left paragraph, in logical order', () => {
    const text = pdfText(file).normalize('NFC');
    const found = new Set(wordsOf(text));
    for (const [name, paragraph] of Object.entries(RTL_PARAGRAPHS)) {
      const lost = wordsOf(paragraph).filter((w) => !found.has(w));
      expect(lost, name).toEqual([]);
    }
    // Whole phrases come out as written (poppler puts right-to-left runs back in logical order).
    for (const phrase of ['בְּרֵאשִׁית בָּרָא אֱלֹהִים', 'مرحبا بالعالم', 'كان البحر هادئًا الليلة', 'הים היה שקט הלילה', 'من می\u200Cخواهم به خانه\u200Cها بروم']) expect(text).toContain(phrase.normalize('NFC'));
    for (const w of ['המגדלור', 'נעמי', 'כהן', 'שלום', 'ולהתראות']) expect(found, w).toContain(w);
  });

  it.skipIf(skipWithout('poppler'))('sets right-to-left lines in visual order, flush right, the indent at the right', () => {
    const theme = themeFor(book.meta.page);
    const right = theme.page.width - theme.page.outer;
    const left = theme.page.inner;
    const page = measure(book).stories[2]! + 1; // the first page of the Hebrew story's text
    const boxes = wordBoxes(file)[page - 1]!;
    // pdftotext -bbox gives a right-to-left word's letters as drawn, left to right.
    const box = (word: string): { xMin: number; xMax: number; yMin: number } => {
      const drawn = [...word].reverse().join('');
      const bare = (t: string): string => t.replace(/[.,!"()]/gu, '');
      const b = boxes.find((x) => bare(x.text) === drawn || bare(x.text) === word);
      expect(b, word).toBeDefined();
      return b!;
    };
    // "בשנת 1948 הוא": the year between the two words, the first word rightmost.
    expect(box('בשנת').xMin).toBeGreaterThan(box('1948').xMax);
    expect(box('1948').xMin).toBeGreaterThan(box('הוא').xMax);
    // The English title inside sits between the Hebrew words before and after it.
    expect(box('Moby-Dick').xMax).toBeLessThan(box('הספר').xMin);
    // The Hebrew paragraph (the first, no indent) starts at the right margin (its pointed first word comes out
    // in pieces: the rightmost box of its first line) and is justified out to the left margin, where "והשומר"
    // ends the line; its last line ends flush right too.
    const first = box('והשומר');
    const firstLine = boxes.filter((b) => Math.abs(b.yMin - first.yMin) < 5);
    expect(Math.max(...firstLine.map((b) => b.xMax))).toBeCloseTo(right, 0);
    expect(first.xMin).toBeCloseTo(left, 0);
    expect(box('החוף').xMax).toBeCloseTo(right, 0); // "החוף כולו." alone on the last line
    expect(box('כולו').xMin).toBeGreaterThan((left + right) / 2);
    // The Arabic paragraph (the second) has its first-line indent at the right.
    const arabic = box('كان');
    expect(right - arabic.xMax).toBeCloseTo(theme.spacing.paragraphIndent, 0);
    // In the English paragraph, the Hebrew phrase reads right to left where it stands.
    expect(box('עולם').xMax).toBeLessThan(box('to').xMin);
  });
});
