import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import { joinHyphens, missingWords, wordCounts } from '../../../tests/helpers/tools.js';
import type { Anthology, PagePreset } from '../../model.js';
import { plainText } from '../../shared/inline.js';
import { emitPdf, longStory, pageTexts, run, wordBoxes, withTools } from './fixtures/tools.js';
import { PRESETS } from './page.js';

/** The sample with one long story added, so that every preset has body pages on both sides of a spread. */
function book(preset: PagePreset): Anthology {
  const a = sampleAnthology();
  a.meta.page = preset;
  a.stories.push(longStory(a.stories[0]!, 4, 's3'));
  return a;
}

const SIZES: Record<PagePreset, string> = { ereader: '255.12 x 340.16', a5: '419.53 x 595.28', letter: '612 x 792', '6x9': '432 x 648' };

describe('page presets', () => {
  let dir = '';
  const files = new Map<PagePreset, string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anthologist-pdf-presets-'));
    for (const preset of Object.keys(SIZES) as PagePreset[]) {
      const file = join(dir, `${preset}.pdf`);
      writeFileSync(file, await emitPdf(book(preset)));
      files.set(preset, file);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const preset of Object.keys(SIZES) as PagePreset[]) {
    withTools(`${preset}: page size, valid file, every word of the long story`, () => {
      const file = files.get(preset)!;
      expect(run('pdfinfo', [file])).toMatch(new RegExp(`^Page size: +${SIZES[preset].replace(/\./g, '\\.')} pts`, 'm'));
      expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');
      const story = book(preset).stories[2]!;
      const expected = wordCounts(story.chapters.flatMap((c) => c.blocks.map((b) => (b.kind === 'paragraph' ? plainText(b.inlines) : ''))).join('\n'));
      expect(missingWords(expected, wordCounts(joinHyphens(run('pdftotext', [file, '-']))))).toEqual([]);
    });
  }

  withTools('6x9: facing pages mirror their margins, the wider one at the spine', () => {
    const g = PRESETS['6x9'];
    const pages = wordBoxes(files.get('6x9')!);
    // Body pages of the long story: many words, and a running head at the top.
    const body = pages.map((words, i) => ({ page: i + 1, words })).filter((p) => p.words.length > 150);
    expect(body.length).toBeGreaterThan(4);
    for (const { page, words } of body) {
      const left = Math.min(...words.map((w) => w.xMin));
      const right = Math.max(...words.map((w) => w.xMax));
      const recto = page % 2 === 1;
      // Recto (odd): the spine is at the left; verso (even): at the right.
      expect(left, `page ${page}`).toBeCloseTo(recto ? g.inner : g.outer, 0);
      expect(g.width - right, `page ${page}`).toBeGreaterThan((recto ? g.outer : g.inner) - 2);
      // The page number sits at the outer corner.
      const folio = words.find((w) => w.text === String(page) && w.yMin > g.height - g.bottom)!;
      expect(folio, `folio of page ${page}`).toBeDefined();
      if (recto) expect(folio.xMax).toBeCloseTo(g.width - g.outer, 0);
      else expect(folio.xMin).toBeCloseTo(g.outer, 0);
    }
  });

  withTools('a5: margins are the same on every page', () => {
    const g = PRESETS.a5;
    const body = wordBoxes(files.get('a5')!).filter((words) => words.length > 150);
    for (const words of body) expect(Math.min(...words.map((w) => w.xMin))).toBeCloseTo(g.inner, 0);
  });

  withTools('a title too long for the title page at its size is set smaller, and the title page stays one page', async () => {
    const a = book('ereader');
    a.meta.title = Array.from({ length: 30 }, (_, i) => `Harbour${i}`).join(' ') + ' and the Long Night of the Lanterns by the Sea';
    a.meta.subtitle = 'Stories of the sea';
    a.meta.editor = 'E. Editor';
    const file = join(dir, 'long-title.pdf');
    writeFileSync(file, await emitPdf(a));
    const [first, second] = pageTexts(file);
    const words = (t: string): string => t.replace(/\s+/g, ' ').trim();
    expect(words(first!)).toBe(words(`${a.meta.title} ${a.meta.subtitle} Edited by ${a.meta.editor}`));
    expect(second!.trim().startsWith('Contents')).toBe(true);
    // A short title is where it always was: a quarter of the way down the page.
    const short = wordBoxes(files.get('ereader')!)[0]!;
    const g = PRESETS.ereader;
    expect(Math.min(...short.map((w) => w.yMin))).toBeGreaterThan(g.top + (g.height - g.top - g.bottom) * 0.25 - 6); // less the ascenders
  });

  withTools('an attribution page that fits on one page starts higher rather than run over onto a second', async () => {
    const a = book('ereader');
    const story = a.stories[1]!;
    story.meta.title = story.meta.displayTitle = 'An Extraordinarily Long and Winding Title About the Many Quiet Afternoons We Spent Together on the Old Pier Waiting for Boats That Never Came Back';
    story.meta.authors = ['Alexandra Montgomery-Featherstonehaugh', 'Bartholomew Quincy-Worthington', 'Cassandra Delacroix-Villeneuve', 'Dmitri Alexandrovich Rostropovich'];
    story.meta.details = [];
    story.front = [];
    const file = join(dir, 'long-attribution.pdf');
    writeFileSync(file, await emitPdf(a));
    const outline = JSON.parse(run('qpdf', ['--json', file])) as { outlines: { title: string; destpageposfrom1: number }[] };
    const open = outline.outlines.find((o) => o.title.startsWith(story.meta.displayTitle))!.destpageposfrom1;
    const pages = pageTexts(file);
    // pdftotext drops a hyphen that ends a line, even one of a double name.
    const words = (t: string): string => t.replace(/-\s*/g, '').replace(/\s+/g, ' ').trim();
    // The whole byline on the attribution page (less its folio), and the story's text from the next.
    expect(words(pages[open - 1]!)).toContain(words(`${story.meta.authors.slice(0, -1).join(', ')} and ${story.meta.authors.at(-1)} ${open}`));
    const text = story.chapters[0]!.blocks.find((b) => b.kind === 'paragraph')!;
    expect(words(pages[open]!)).toContain(words(plainText(text.kind === 'paragraph' ? text.inlines : [])).slice(0, 20));
  });
});
