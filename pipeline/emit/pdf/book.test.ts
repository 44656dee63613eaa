import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import type { Anthology, PagePreset } from '../../model.js';
import { setBook } from './book.js';
import { createDocument } from './document.js';
import { emitPdf, longStory, pageTexts, pdfObjects, run, withTools } from './fixtures/tools.js';
import { Flow } from './flow.js';
import { measure } from './index.js';
import { streamTo } from './memory.js';
import { rotate } from './order.js';
import { themeFor } from './theme.js';

/** The sample, a long story and a title long enough to wrap, on a page preset. */
function book(preset: PagePreset): Anthology {
  const a = sampleAnthology();
  a.meta.page = preset;
  a.meta.title = 'Tales of the Harbour, the Lighthouse and the Long Winter Nights, Collected';
  a.stories.push(longStory(a.stories[0]!, 12, 's3'), longStory(a.stories[1]!, 3, 's4'));
  return a;
}

/** The real, one-pass layout of a book (its bytes dropped). */
async function set(a: Anthology): ReturnType<typeof setBook> {
  const theme = themeFor(a.meta.page);
  const doc = createDocument(a, theme);
  streamTo(doc, () => {});
  const flow = new Flow(doc, theme);
  const layout = await setBook(flow, a);
  flow.contents!.close();
  doc.end();
  await flow.contents!.finish();
  return layout;
}

describe('rotate', () => {
  it('moves what came after a mark to the front, keeping both parts in order', () => {
    const items = ['s1', 's2', 'c', 't', 'toc'];
    rotate(items, 3);
    expect(items).toEqual(['t', 'toc', 's1', 's2', 'c']);
    rotate(items, 5);
    expect(items).toEqual(['t', 'toc', 's1', 's2', 'c']);
  });
});

describe('setBook', () => {
  it('lands every story where the reading-order layout does, on every preset', async () => {
    for (const preset of ['a5', 'ereader', 'letter', '6x9'] as const) {
      const a = book(preset);
      const measured = measure(a);
      expect(measured.stories).toHaveLength(4);
      expect(await set(a), preset).toEqual(measured);
    }
  });

  it('writes out the contributors\' and contents\' pages as it sets them, not all at the end', async () => {
    // Enough stories for the contents and the contributors to run to several batches of pages.
    const a = sampleAnthology();
    const base = { ...a.stories[0]!, chapters: a.stories[0]!.chapters.slice(0, 1) };
    a.stories = Array.from({ length: 400 }, (_, i) => ({ ...base, id: `s${i + 1}`, meta: { ...base.meta, displayTitle: `Story number ${i + 1}` } }));
    const theme = themeFor('a5');
    const doc = createDocument(a, theme);
    streamTo(doc, () => {});
    const flow = new Flow(doc, theme);
    const contents = flow.contents! as unknown as { finished: unknown[]; checkpoint(): Promise<void>; finish(): Promise<void> };
    let most = 0;
    const watch = <T>(f: () => Promise<T>) => () => ((most = Math.max(most, contents.finished.length)), f());
    contents.checkpoint = watch(contents.checkpoint.bind(contents));
    contents.finish = watch(contents.finish.bind(contents));
    const layout = await setBook(flow, a);
    flow.contents!.close();
    doc.end();
    await flow.contents!.finish();
    // The stories take 400 pages or more and the front and back matter over a hundred; a batch is 48.
    expect(layout.pages).toBeGreaterThan(550);
    expect(layout.stories[0]! - 1 + (layout.pages - layout.contributors)).toBeGreaterThan(100);
    expect(most).toBeLessThan(60);
  });

  it('refuses a dry flow', async () => {
    await expect(setBook(new Flow(undefined, themeFor('a5')), sampleAnthology())).rejects.toThrow(/document/);
  });
});

describe('the book set stories first', () => {
  let dir = '';
  let file = '';
  const a = book('6x9');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anthologist-pdf-book-'));
    file = join(dir, 'book.pdf');
    writeFileSync(file, await emitPdf(a));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  withTools('puts the title page, then the contents, before the stories, in pages, outline and structure', () => {
    const pages = pageTexts(file);
    const layout = measure(a);
    expect(pages[0]).toContain('Tales of the Harbour');
    expect(pages[layout.contents - 1]).toContain('Contents');
    expect(pages[layout.stories[0]! - 1]).toContain(a.stories[0]!.meta.displayTitle);
    expect(pages[layout.contributors - 1]).toContain('Contributors and Rights');
    const outline = JSON.parse(run('qpdf', ['--json', file])) as { outlines: { title: string; destpageposfrom1: number }[] };
    expect(outline.outlines.map((o) => o.destpageposfrom1)).toEqual([layout.contents, ...layout.stories, layout.contributors]);
    // The root element's children: the title page's heading, the contents, a section per story, the contributors.
    const objects = pdfObjects(file);
    const get = (v: unknown): Record<string, unknown> => objects.get(v as string) as Record<string, unknown>;
    const catalog = [...objects.values()].find((o) => (o as Record<string, unknown>)?.['/Type'] === '/Catalog') as Record<string, unknown>;
    const top = get(catalog['/StructTreeRoot'])['/K'];
    const root = get(Array.isArray(top) ? top[0] : top);
    expect(root['/S']).toBe('/Document');
    const kids = (root['/K'] as string[]).map((k) => get(k)['/S']);
    expect(kids[0]).toBe('/H1');
    expect(kids.filter((k) => k === '/Sect')).toHaveLength(a.stories.length + 1);
    expect(kids.indexOf('/TOC')).toBeLessThan(kids.indexOf('/Sect'));
    // Folios are the book's page numbers, on the moved pages as on the others.
    const lastLine = (p: string): string => p.trim().split('\n').pop()!.trim();
    expect(lastLine(pages[layout.contents - 1]!)).toBe(String(layout.contents));
    expect(lastLine(pages[layout.pages - 1]!)).toBe(String(layout.pages));
  });
});
