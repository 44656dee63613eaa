import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { Messages } from '../../diagnostics/index.js';
import { render } from '../../render/index.js';
import { cyrillicBook, zipEntries } from './fixtures/helpers.js';
import { epubEmitter } from './index.js';

/*
 * Nothing goes into the book but what the build chose: a book of Cyrillic
 * text is no bigger than its own files deflated one by one (the XHTML, the
 * package files, the style sheet) plus the cover image, give or take the
 * zip's headers. Non-Latin text stays UTF-8 characters: a numeric reference
 * per letter would triple the text.
 */
describe('EPUB size and encoding', async () => {
  const anthology = cyrillicBook();
  const rendered = render(anthology);
  const bytes = await epubEmitter.emit({ anthology, rendered, messages: new Messages() });
  const zip = await JSZip.loadAsync(bytes);
  const texts = new Map<string, string>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir && !/\.(?:png|jpe?g)$/.test(name)) texts.set(name, await f.async('string'));

  it('is at most 1.15 times its rendered files deflated at the same level, plus the cover', () => {
    const files = [...rendered.docs.map((d) => d.xhtml), rendered.opf, rendered.ncx, rendered.css];
    const deflated = files.reduce((n, f) => n + deflateRawSync(Buffer.from(f, 'utf8'), { level: 6 }).length, 0);
    const cover = zipEntries(bytes).find((e) => e.name === 'OEBPS/cover.png')!.size;
    expect(deflated).toBeGreaterThan(50_000); // big enough that the zip's per-file headers do not matter
    expect(bytes.length).toBeLessThanOrEqual(1.15 * (deflated + cover));
  });
  it('keeps non-ASCII text as UTF-8 characters, never numeric references, in every file', () => {
    expect(texts.get('OEBPS/s1-story.xhtml')).toMatch(/гаванью/);
    for (const [name, text] of texts) {
      const refs = [...text.matchAll(/&#(x[0-9a-f]+|\d+);/gi)].map((m) => (m[1]!.startsWith('x') || m[1]!.startsWith('X') ? parseInt(m[1]!.slice(1), 16) : Number(m[1])));
      expect(refs.filter((cp) => cp > 0x7f), name).toEqual([]);
    }
  });
  it('has nothing in it but the rendered files, the cover and the container', () => {
    const expected = ['mimetype', 'META-INF/container.xml', 'OEBPS/content.opf', 'OEBPS/toc.ncx', 'OEBPS/style.css', 'OEBPS/cover.png', ...rendered.docs.map((d) => `OEBPS/${d.filename}`)];
    expect(zipEntries(bytes).filter((e) => !e.name.endsWith('/')).map((e) => e.name).sort()).toEqual(expected.sort());
  });
});
