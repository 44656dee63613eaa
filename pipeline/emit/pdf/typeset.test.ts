import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import { Messages } from '../../diagnostics/index.js';
import type { Anthology, Block, PagePreset } from '../../model.js';
import { authorLine, labelsFor } from '../../shared/labels.js';
import { emitPdf, longStory, pageTexts, prose, run, withTools } from './fixtures/tools.js';

/** The sample plus a long story of many chapters and scene breaks, on a page preset. */
function book(preset: PagePreset): Anthology {
  const a = sampleAnthology();
  a.meta.page = preset;
  a.stories.push(longStory(a.stories[0]!, 30, 's3'));
  return a;
}

/**
 * Stories whose scene break falls a line lower on the page in each: `k`
 * one-line paragraphs, the break, then a paragraph of several lines. One of
 * them leaves the break room for itself but not for the lines after it.
 */
function breaksBook(preset: PagePreset): Anthology {
  const a = sampleAnthology();
  a.meta.page = preset;
  const base = a.stories[1]!;
  const pos = { file: 'gen.txt', line: 1, column: 1 };
  const para = (text: string): Block => ({ kind: 'paragraph', inlines: [{ kind: 'text', text }], pos });
  a.stories = Array.from({ length: 40 }, (_, k) => ({
    ...base,
    id: `b${k}`,
    front: [],
    end: [],
    chapters: [{ pos, blocks: [...Array.from({ length: k + 1 }, () => para('Short.')), { kind: 'sceneBreak' as const, pos }, para(prose(120, k))] }],
  }));
  return a;
}

/** A Thai sentence ("I love the Thai language very much, and read every day") and its words. */
const THAI_WORDS = ['ฉัน', 'รัก', 'ภาษา', 'ไทย', 'มาก', 'และ', 'อ่าน', 'ทุก', 'วัน'];
const THAI = THAI_WORDS.join('');

/** A word in each script the fallback fonts added for (Tamil, Telugu, Gujarati, Punjabi, Kannada, Malayalam, Sinhala, Khmer, Lao, Burmese, Georgian, Armenian, Amharic). */
const SCRIPT_WORDS = ['தமிழ்', 'తెలుగు', 'ગુજરાતી', 'ਪੰਜਾਬੀ', 'ಕನ್ನಡ', 'മലയാളം', 'සිංහල', 'ខ្មែរ', 'ລາວ', 'မြန်မာ', 'ქართული', 'Հայերեն', 'አማርኛ'];

const lines = (page: string): string[] => page.split('\n').map((l) => l.trim()).filter((l) => l !== '');

describe('typesetting', () => {
  let dir = '';
  const files: Record<string, string> = {};
  const messages = new Messages();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anthologist-pdf-typeset-'));
    for (const preset of ['a5', 'ereader', '6x9'] as const) {
      files[preset] = join(dir, `${preset}.pdf`);
      writeFileSync(files[preset], await emitPdf(book(preset), messages));
      files[`breaks-${preset}`] = join(dir, `breaks-${preset}.pdf`);
      writeFileSync(files[`breaks-${preset}`]!, await emitPdf(breaksBook(preset), messages));
    }
    const symbols = sampleAnthology();
    const first = symbols.stories[0]!.chapters[0]!.blocks[1]!;
    if (first.kind === 'paragraph') first.inlines.push({ kind: 'text', text: ' Stars ★ and ♞, a grin 😀, かな, 한글 (Hangul), हिन्दी धर्म (Hindi), আমার সোনার (Bengali), and ཀ (Tibetan, which no font has).' });
    // Thai, written without spaces between words: long enough to wrap, and it may wrap only between words.
    symbols.stories[0]!.chapters[0]!.blocks.push({ kind: 'paragraph', inlines: [{ kind: 'text', text: THAI.repeat(6) }], pos: first.pos });
    symbols.stories[0]!.chapters[0]!.blocks.push({ kind: 'paragraph', inlines: [{ kind: 'text', text: `Scripts: ${SCRIPT_WORDS.join(' ')}.` }], pos: first.pos });
    files.symbols = join(dir, 'symbols.pdf');
    writeFileSync(files.symbols, await emitPdf(symbols, messages));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  withTools('the contents has dot leaders to right-aligned page numbers', () => {
    const contents = lines(pageTexts(files.a5!, true)[1]!);
    const a = sampleAnthology();
    for (const s of a.stories) {
      const line = contents.find((l) => l.startsWith(s.meta.displayTitle))!;
      expect(line, s.meta.displayTitle).toMatch(/(?:\.\s*){8,}\s+\d+$/);
    }
  });

  withTools('running heads: story title and author, off where a story opens and on the front pages', () => {
    const pages = pageTexts(files.a5!, true).slice(0, -1).map(lines);
    const outline = JSON.parse(run('qpdf', ['--json', files.a5!])) as { outlines: { title: string; destpageposfrom1: number }[] };
    const starts = outline.outlines.slice(1, -1).map((o) => o.destpageposfrom1);
    const stories = book('a5').stories;
    const first = (p: number): string => pages[p - 1]![0]!;
    // Title page, contents: no head.
    expect(first(1)).toBe(sampleAnthology().meta.title);
    expect(first(2)).toBe('Contents');
    stories.forEach((s, i) => {
      const open = starts[i]!;
      const end = (starts[i + 1] ?? pages.length) - 1;
      const head = new RegExp(`^${s.meta.displayTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${authorLine(s.meta, labelsFor('en'))}$`);
      expect(first(open)).not.toMatch(head); // the attribution page
      expect(first(open + 1)).not.toMatch(head); // where the text opens
      for (let p = open + 2; p <= end; p++) expect(first(p), `page ${p}`).toMatch(head);
    });
  });

  withTools('6x9 running heads: the author on the verso, the title on the recto', () => {
    const pages = pageTexts(files['6x9']!, true).slice(0, -1).map(lines);
    const s = book('6x9').stories[2]!;
    const outline = JSON.parse(run('qpdf', ['--json', files['6x9']!])) as { outlines: { destpageposfrom1: number }[] };
    const [open, contributors] = outline.outlines.slice(-2).map((o) => o.destpageposfrom1) as [number, number];
    // From the second page of the text on, to the page before the contributors (less a blank verso before them).
    const body = pages.map((l, i) => ({ page: i + 1, first: l[0]! })).slice(open + 1, contributors - 1).filter((p) => p.first !== undefined);
    expect(body.length).toBeGreaterThan(10);
    for (const { page, first } of body) expect(first, `page ${page}`).toBe(page % 2 === 0 ? authorLine(s.meta, labelsFor('en')) : s.meta.displayTitle);
  });

  /** The first line of each page of a two-chapter story with this title and these authors, set alone: its running heads among them. */
  async function firstLines(title: string, authors: string[], name: string): Promise<string[]> {
    const a = sampleAnthology();
    const story = longStory(a.stories[0]!, 2, 's3');
    story.meta = { ...story.meta, title, displayTitle: title, authors };
    a.stories = [story];
    const file = join(dir, name);
    writeFileSync(file, await emitPdf(a));
    return pageTexts(file, true)
      .map(lines)
      .map((l) => l[0] ?? '');
  }

  withTools('a running head gives a long author line the room a short title leaves', async () => {
    const heads = (await firstLines('Tides', ['Bartholomew Quincy-Worthington', 'Cassandra Delacroix-Villeneuve'], 'long-author.pdf')).filter((l) => l.startsWith('Tides '));
    expect(heads.length).toBeGreaterThan(2);
    for (const head of heads) expect(head).toMatch(/^Tides +Bartholomew Quincy-Worthington and\b/);
  });

  withTools('a running head cut inside a word too long for it ends in an ellipsis', async () => {
    const title = 'Supercalifragilisticexpialidocious'.repeat(3);
    const author = 'xXx_TheDarkLordOfTheSithAndAllThingsShadowy_xXx';
    // Not the attribution page's title: a head holds both.
    const heads = (await firstLines(title, [author], 'long-words.pdf')).filter((l) => l.startsWith('Supercali') && l.includes('xXx_'));
    expect(heads.length).toBeGreaterThan(2);
    for (const head of heads) expect(head).toMatch(/^Supercali\S*… +xXx_\S*…$/u);
  });

  for (const preset of ['a5', 'ereader'] as const) {
    withTools(`${preset}: no heading is last on a page, no page ends in a hyphen, no scene break is lost`, () => {
      const pages = pageTexts(files[preset]!, true).slice(0, -1).map(lines);
      let hyphens = 0;
      pages.forEach((page, i) => {
        const body = page.slice(0, -1); // less the folio
        const last = body[body.length - 1] ?? '';
        expect(last, `page ${i + 1}`).not.toMatch(/^Chapter \d+$/);
        expect(last, `page ${i + 1}`).not.toMatch(/\p{L}-$/u);
        hyphens += body.filter((l) => /\p{L}-$/u.test(l)).length;
      });
      expect(hyphens, 'some lines are hyphenated').toBeGreaterThan(5);
      const breaks = book(preset).stories.flatMap((s) => s.chapters.flatMap((c) => c.blocks)).filter((b) => b.kind === 'sceneBreak').length;
      expect(run('pdftotext', [files[preset]!, '-']).match(/\*\s+\*\s+\*/g)).toHaveLength(breaks);
    });
  }

  for (const preset of ['a5', 'ereader', '6x9'] as const) {
    withTools(`${preset}: a scene break is never the last line of a page, its text gone on to the next`, () => {
      const pages = pageTexts(files[`breaks-${preset}`]!, true).slice(0, -1).map(lines);
      pages.forEach((page, i) => {
        const body = page.slice(0, -1); // less the folio
        expect(body[body.length - 1] ?? '', `page ${i + 1}`).not.toMatch(/^\*\s+\*\s+\*$/);
      });
    });
  }

  withTools('draws symbols, emoji, kana, Hangul, Thai, Devanagari and Bengali from the fallback fonts, and leaves out only what no font has', () => {
    const text = run('pdftotext', [files.symbols!, '-']);
    // Devanagari and Bengali in order, though their glyphs are not (a vowel sign drawn before its consonant, a repha after).
    for (const c of ['★', '♞', '😀', 'かな', '海', '한글 (Hangul)', 'हिन्दी धर्म (Hindi)', 'আমার সোনার (Bengali)']) expect(text).toContain(c);
    expect(text).not.toContain('ཀ');
    expect(text).not.toContain('\uFFFD');
    expect(text.replace(/\s+/g, ' ')).toContain('and (Tibetan, which no font has).');
    const fonts = run('pdffonts', [files.symbols!]);
    for (const f of ['NotoSansSymbols2-Regular', 'NotoEmoji-Regular', 'NotoSerifSC-Regular', 'NotoSerifKR-Regular', 'NotoSansThai-Regular', 'NotoSerifDevanagari-Regular', 'NotoSerifBengali-Regular']) expect(fonts).toContain(f);
    // A word of each other script with a font, every one whole and in order (Punjabi's tippi makes fontkit's mark placing throw: it is laid out without it).
    expect(text.replace(/\s+/g, ' ')).toContain(`Scripts: ${SCRIPT_WORDS.join(' ')}.`);
    // Every Thai word, on lines that break only between words.
    const thai = lines(text).filter((l) => /[\u0E00-\u0E7F]/.test(l));
    expect(thai.join('')).toBe(THAI.repeat(6));
    expect(thai.length).toBeGreaterThan(1);
    const ends = new Set(THAI_WORDS.map((_, i) => THAI_WORDS.slice(0, i + 1).join('').length));
    let done = 0;
    for (const l of thai.slice(0, -1)) {
      done += l.length;
      expect(ends.has(done % THAI.length || THAI.length), l).toBe(true);
    }
    const missing = messages.list.filter((d) => d.code === 'pdf/missing-glyph').map((d) => d.message);
    expect(missing.join('\n')).toContain('ཀ');
    expect(missing.join('\n')).not.toMatch(/[\uAC00-\uD7A3]/u);
    expect(messages.errors).toEqual([]);
  });
});
