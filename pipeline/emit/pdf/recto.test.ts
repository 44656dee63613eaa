import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import type { Anthology, PagePreset } from '../../model.js';
import { emitPdf, linkTargets, longStory, pageTexts, pdfObjects, presetPdfs, run, withTools } from './fixtures/tools.js';
import { measure } from './index.js';

/** Stories of several lengths, so that some end on an odd page and some on an even one. */
function book(preset: PagePreset): Anthology {
  const a = sampleAnthology();
  a.meta.page = preset;
  a.stories.push(longStory(a.stories[0]!, 3, 's3'), longStory(a.stories[1]!, 2, 's4'), longStory(a.stories[0]!, 5, 's5'), longStory(a.stories[1]!, 1, 's6'));
  return a;
}

describe('recto starts', () => {
  const pdfs = presetPdfs('recto', ['6x9', 'a5'], book);
  const { files } = pdfs;

  withTools('6x9 opens every story on an odd page, leaving a blank verso where the story before ended on a recto', () => {
    const layout = measure(book('6x9'));
    expect(layout.stories.every((p) => p % 2 === 1)).toBe(true);
    const pages = pageTexts(files['6x9']!);
    const blank = pages.slice(0, layout.pages).flatMap((text, i) => (text.trim() === '' ? [i + 1] : []));
    // Some were needed, and each is the page just before the contents, a story or the contributors opens: no head, no folio, no text.
    expect(blank.length).toBeGreaterThan(0);
    for (const p of blank) expect([layout.contents, ...layout.stories, layout.contributors], `page ${p}`).toContain(p + 1);
    // Where the story before ended on a verso, no page was left blank.
    expect(layout.stories.some((p) => !blank.includes(p - 1))).toBe(true);
    // The contents and the outline point to the odd pages.
    const outline = JSON.parse(run('qpdf', ['--json', files['6x9']!])) as { outlines: { destpageposfrom1: number }[] };
    expect(outline.outlines.slice(1, -1).map((o) => o.destpageposfrom1)).toEqual(layout.stories);
    const contents = pages[layout.contents - 1]!;
    for (const p of layout.stories) expect(contents).toMatch(new RegExp(`\\b${p}\\b`));
  });

  withTools('6x9 opens the contents on a recto, page 3, after a blank verso; the outline and the links point there and to the stories', () => {
    const layout = measure(book('6x9'));
    expect(layout.contents).toBe(3);
    const pages = pageTexts(files['6x9']!);
    expect(pages[1]!.trim()).toBe('');
    expect(pages[2]!).toMatch(/^\s*Contents\b/);
    // Its folio is its own number, and the first story opens on the next recto.
    expect(pages[2]!.trim().split(/\s+/).at(-1)).toBe('3');
    expect(layout.stories[0]! % 2).toBe(1);
    const json = JSON.parse(run('qpdf', ['--json', files['6x9']!])) as { outlines: { title: string; destpageposfrom1: number }[] };
    expect(json.outlines[0]).toMatchObject({ title: 'Contents', destpageposfrom1: 3 });
    // Each story's entry links to the page the contents shows for it.
    const links = linkTargets(files['6x9']!, 3).filter((l) => l.name.startsWith('story-'));
    expect(links.map((l) => l.page)).toEqual(layout.stories);
    for (const p of layout.stories) expect(pages[2]!).toMatch(new RegExp(`\\b${p}\\b`));
  });

  withTools('a blank page is an empty artifact: no structure content, no text', () => {
    const layout = measure(book('6x9'));
    const pages = pageTexts(files['6x9']!);
    const p = layout.stories.find((s) => pages[s - 2]!.trim() === '')! - 1;
    const objects = pdfObjects(files['6x9']!);
    const json = JSON.parse(run('qpdf', ['--json', files['6x9']!])) as { pages: { object: string; contents: string[] }[] };
    const page = objects.get(json.pages[p - 1]!.object) as Record<string, unknown>;
    expect(page['/StructParents']).toBeUndefined();
    const stream = run('qpdf', [files['6x9']!, `--show-object=${json.pages[p - 1]!.contents[0]!.split(' ')[0]}`, '--filtered-stream-data']);
    // pdfkit's flip of the y axis, then one empty artifact: no text, no marked content of the structure.
    expect(stream.replace(/\s+/g, ' ').trim()).toBe('1 0 0 -1 0 648 cm /Artifact << /Type /Layout >> BDC EMC');
  });

  withTools('6x9 opens the contributors on an odd page too, after a blank verso where the last story ended on a recto', async () => {
    // The last story a chapter longer each time, so that it ends on either side.
    const books = [1, 2, 3, 4].map((n) => {
      const a = book('6x9');
      a.stories.push(longStory(a.stories[0]!, n, 's7'));
      return a;
    });
    let blanks = 0;
    for (const [i, a] of books.entries()) {
      const layout = measure(a);
      expect(layout.contributors % 2, `contributors at ${layout.contributors}`).toBe(1);
      const file = join(pdfs.dir, `contributors-${i}.pdf`);
      writeFileSync(file, await emitPdf(a));
      const pages = pageTexts(file);
      expect(pages[layout.contributors - 1]).toContain('Contributors and Rights');
      if (pages[layout.contributors - 2]!.trim() === '') blanks++;
      const outline = JSON.parse(run('qpdf', ['--json', file])) as { outlines: { destpageposfrom1: number }[] };
      expect(outline.outlines.at(-1)!.destpageposfrom1).toBe(layout.contributors);
    }
    expect(blanks).toBeGreaterThan(0);
  });

  withTools('other presets leave no page blank', () => {
    const layout = measure(book('a5'));
    expect(layout.stories.some((p) => p % 2 === 0)).toBe(true);
    const pages = pageTexts(files.a5!).slice(1, layout.pages); // every page but the title page has a folio at least
    expect(pages.filter((t) => t.trim() === '')).toEqual([]);
  });
});
