import { describe, expect } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import type { Anthology, PagePreset } from '../../model.js';
import { labelsFor } from '../../shared/labels.js';
import { linkTargets, pageTexts, pdfObjects, presetPdfs, run, withTools } from './fixtures/tools.js';
import { measure } from './index.js';

const LABELS = labelsFor('en');

function book(preset: PagePreset): Anthology {
  const a = sampleAnthology();
  a.meta.page = preset;
  return a;
}

/** The printed contents lists the back matter as the EPUB's contents does: "Contributors and Rights", with its page and a link. */
describe('the printed contents lists the contributors', () => {
  const pdfs = presetPdfs('toc', ['a5', '6x9'], book);
  const { files } = pdfs;

  for (const preset of ['a5', '6x9'] as const) {
    withTools(`${preset}: the last entry is the contributors, with leaders to its page number, linked to it and in the outline`, () => {
      const layout = measure(book(preset));
      const contents = pageTexts(files[preset]!, true)[layout.contents - 1]!;
      const lines = contents.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      const entry = lines.find((l) => l.startsWith(LABELS.contributors));
      expect(entry).toMatch(new RegExp(`^${LABELS.contributors}\\s*(?:\\.\\s*){8,}${layout.contributors}$`));
      // After every story's entry, before the folio.
      expect(lines.indexOf(entry!)).toBe(lines.length - 2);
      const links = linkTargets(files[preset]!, layout.contents);
      expect(links.at(-1)).toEqual({ name: 'contributors', page: layout.contributors });
      expect(links.map((l) => l.page)).toEqual([...layout.stories, layout.contributors]);
      const outline = JSON.parse(run('qpdf', ['--json', files[preset]!])) as { outlines: { title: string; destpageposfrom1: number }[] };
      expect(outline.outlines.at(-1)).toMatchObject({ title: LABELS.contributors, destpageposfrom1: layout.contributors });
    });
  }

  withTools('the entry is a TOCI of the TOC, as each story is, its link tagged', () => {
    const objects = pdfObjects(files.a5!);
    const type = (o: unknown): string | undefined => (o as { '/S'?: string } | undefined)?.['/S'];
    const toc = [...objects.values()].find((o) => type(o) === '/TOC') as { '/K': string[] | string };
    const items = [toc['/K']].flat().map((k) => objects.get(k));
    expect(items.map(type)).toEqual(['/TOCI', '/TOCI', '/TOCI']);
    const last = items.at(-1) as { '/K': string[] | string };
    expect([last['/K']].flat().map((k) => type(objects.get(k)))).toEqual(['/Link']);
  });
});
