import { describe, expect, it } from 'vitest';
import { authorLine, labelsFor } from '../shared/labels.js';
import { sampleAnthology } from '../../tests/helpers/sample.js';
import { generatedBook } from './fixtures/books.js';
import { fileOf, navLinks, ncxPoints, orderProblems, spineHrefs } from './fixtures/package-read.js';
import { render } from './index.js';

const books = {
  sample: sampleAnthology(),
  'several stories with chapters': generatedBook({ stories: 5, chapters: 3, paragraphs: 3 }),
  'one-shots only': generatedBook({ stories: 4, chapters: 1, paragraphs: 2 }),
};

describe.each(Object.entries(books))('navigation of the %s book', (_name, anthology) => {
  const book = render(anthology);
  const spine = spineHrefs(book.opf);
  const nav = navLinks(book.nav);
  const ncx = ncxPoints(book.ncx);

  it('has a spine that is the documents in reading order, cover first', () => {
    expect(spine).toEqual(book.docs.map((d) => d.filename));
    expect(spine[0]).toBe('cover.xhtml');
  });
  it('lists the contents in reading order: nav hrefs, NCX playOrder and spine agree', () => {
    expect(orderProblems(book)).toEqual([]);
    expect(ncx.map((p) => p.order)).toEqual(ncx.map((_, i) => i + 1));
  });
  it('nests chapters under their story, to the same depth in the nav and the NCX', () => {
    const depth = Math.max(...nav.map((l) => l.depth));
    expect(book.ncx).toContain(`<meta name="dtb:depth" content="${depth}"/>`);
    expect(Math.max(...ncx.map((p) => p.depth))).toBe(depth);
    const chaptered = anthology.stories.filter((s) => s.chapters.some((c) => c.heading));
    expect(depth).toBe(chaptered.length > 0 ? 2 : 1);
    for (const s of chaptered) {
      const children = nav.filter((l) => l.depth === 2 && fileOf(l.href) === `${s.id}-story.xhtml`);
      expect(children).toHaveLength(s.chapters.filter((c) => c.heading).length);
    }
  });
  it('labels each story "Title — Author" and links it to its first page', () => {
    const top = nav.filter((l) => l.depth === 1);
    const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    anthology.stories.forEach((s, i) => {
      expect(top[i]).toEqual({ href: `${s.id}-attribution.xhtml`, label: esc(`${s.meta.displayTitle} — ${authorLine(s.meta, labelsFor('en'))}`), depth: 1 });
    });
    expect(top.at(-1)!.href).toBe('colophon.xhtml');
  });
  it('has landmarks for the cover, the contents and the start of the first story, and a guide to match', () => {
    const first = `${anthology.stories[0]!.id}-attribution.xhtml`;
    const landmarks = /<nav epub:type="landmarks"[\s\S]*?<\/nav>/.exec(book.nav)![0];
    expect([...landmarks.matchAll(/<a epub:type="([^"]+)" href="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'cover cover.xhtml',
      'toc toc.xhtml',
      `bodymatter ${first}`,
    ]);
    const guide = /<guide>[\s\S]*<\/guide>/.exec(book.opf)![0];
    expect([...guide.matchAll(/<reference type="([^"]+)" title="[^"]+" href="([^"]+)"\/>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'cover cover.xhtml',
      'toc toc.xhtml',
      `text ${first}`,
    ]);
  });
});

describe('the order check itself', () => {
  const book = render(generatedBook({ stories: 3, chapters: 2, paragraphs: 1 }));
  it('notices a nav that goes back in the reading order', () => {
    const swapped = book.nav.replace('s1-attribution.xhtml"', 'TMP"').replace('s3-attribution.xhtml"', 's1-attribution.xhtml"').replace('TMP"', 's3-attribution.xhtml"');
    expect(orderProblems({ ...book, nav: swapped }).join('\n')).toMatch(/goes back/);
  });
  it('notices an NCX whose playOrder skips', () => {
    expect(orderProblems({ ...book, ncx: book.ncx.replace('playOrder="2"', 'playOrder="9"') }).join('\n')).toMatch(/playOrder 9/);
  });
  it('notices a spine that lacks a linked document', () => {
    expect(orderProblems({ ...book, opf: book.opf.replace('<itemref idref="s2-story"/>\n', '') }).join('\n')).toMatch(/not in the spine/);
  });
});
