import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAnthology, type BuildResult } from '../../pipeline/index.js';
import { available, epubcheck, joinHyphens, epubFiles, missingWords, pdfFonts, pdfText, qpdfCheck, skipWithout, wordCounts, xhtmlText } from '../helpers/tools.js';

/**
 * The foundation's promise, end to end: the seeds build into an EPUB and a
 * PDF that real validators accept, and every word of every seed reaches both.
 * Nothing here names a seed's title or author: expectations come from the
 * seed files themselves and from what the build reports.
 */
const root = join(import.meta.dirname, '..', '..');
const seedsDir = join(root, 'seeds');
let out: string;
let result: BuildResult;
const path = (format: string) => join(out, result.report.outputs.find((o) => o.format === format)!.path.split('/').pop()!);

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'anth-e2e-'));
  result = await buildAnthology({ inputs: [seedsDir], outDir: out, cwd: root, env: {} });
});

/** Every word of the seed files, less the lines the build reports as removed. */
function seedWords(prepare = (t: string) => t): Map<string, number> {
  const removed = result.report.removed;
  let text = '';
  for (const f of readdirSync(seedsDir).filter((n) => n.endsWith('.txt'))) {
    const lines = readFileSync(join(seedsDir, f), 'utf8').split(/\r?\n/u);
    lines.forEach((l, i) => {
      if (!removed.some((r) => r.pos.file.endsWith(f) && r.pos.line === i + 1)) text += `${l}\n`;
    });
  }
  return wordCounts(prepare(text));
}

describe('seeds, end to end', () => {
  it('builds both formats and reports three stories', () => {
    expect(result.exitCode).toBe(0);
    expect(result.report.outputs.map((o) => o.format).sort()).toEqual(['epub', 'pdf']);
    expect(result.report.stories).toHaveLength(3);
    // Two seeds name their author, one does not; none is invented.
    expect(result.report.stories.filter((s) => s.authors.length > 0)).toHaveLength(2);
    expect(result.report.diagnostics.filter((d) => d.code === 'meta/unknown-author')).toHaveLength(1);
    for (const o of result.report.outputs) expect(o.sha256).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('lists the removed navigation lines with file and line', () => {
    expect(result.report.removed.length).toBeGreaterThan(0);
    for (const r of result.report.removed) {
      expect(r.pos.line).toBeGreaterThan(0);
      expect(readFileSync(join(root, r.pos.file), 'utf8').split('\n')[r.pos.line - 1]!.trim()).toBe(r.text);
    }
  });

  it.skipIf(skipWithout('epubcheck'))('EPUB: epubcheck reports no error and no warning', () => {
    expect(available.epubcheck, 'epubcheck (java -jar /usr/bin/epubcheck) is required in CI').toBe(true);
    const r = epubcheck(path('epub'));
    expect(r.problems).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('EPUB: every word of every seed is in the book text, as often as in the seeds', async () => {
    const files = await epubFiles(path('epub'));
    const text = [...files].filter(([n]) => n.endsWith('.xhtml') && !n.endsWith('toc.xhtml')).map(([, x]) => xhtmlText(x)).join('\n');
    expect(missingWords(seedWords(), wordCounts(text))).toEqual([]);
  });

  it('EPUB: the navigation lists the three stories, and each attribution page names its author', async () => {
    const files = await epubFiles(path('epub'));
    const nav = [...files].find(([n]) => /nav|toc\.xhtml/u.test(n) && n.endsWith('.xhtml'))![1];
    const ncx = [...files].find(([n]) => n.endsWith('.ncx'))![1];
    for (const s of result.report.stories) {
      expect(xhtmlText(nav)).toContain(s.title);
      expect(ncx).toContain(s.title.replace(/&/gu, '&amp;'));
    }
    const storyLinks = new Set([...nav.matchAll(/href="([^"#]*attribution[^"#]*)/gu)].map((m) => m[1]));
    expect(storyLinks.size).toBe(3);
    const attribution = [...files].filter(([n]) => /attribution/u.test(n)).map(([, x]) => xhtmlText(x));
    expect(attribution).toHaveLength(3);
    for (const s of result.report.stories) {
      const page = attribution.find((p) => p.includes(s.title))!;
      expect(page).toBeDefined();
      if (s.authors.length) for (const a of s.authors) expect(page).toContain(a);
      else expect(page).toContain('Author unknown');
    }
  });

  it('EPUB: one dc:creator per known author, the language set, no "All rights reserved"', async () => {
    const files = await epubFiles(path('epub'));
    const opf = [...files].find(([n]) => n.endsWith('.opf'))![1];
    const authors = [...new Set(result.report.stories.flatMap((s) => s.authors))];
    const creators = [...opf.matchAll(/<dc:creator[^>]*>([^<]*)<\/dc:creator>/gu)].map((m) => m[1]);
    expect(creators.sort()).toEqual(authors.sort());
    expect(opf).toMatch(/<dc:language>en<\/dc:language>/u);
    expect([...files.values()].join('\n')).not.toMatch(/all rights reserved/iu);
  });

  it.skipIf(skipWithout('qpdf'))('PDF: qpdf --check passes', () => {
    expect(available.qpdf, 'qpdf is required in CI').toBe(true);
    const r = qpdfCheck(path('pdf'));
    expect(r.output).toContain('No syntax or stream encoding errors');
    expect(r.status).toBe(0);
  });

  it.skipIf(skipWithout('poppler'))('PDF: every font is embedded, and every word of every seed is in the text', () => {
    expect(available.poppler, 'poppler-utils is required in CI').toBe(true);
    const fonts = pdfFonts(path('pdf'));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f, f.name).toMatchObject({ embedded: true });
    expect(missingWords(seedWords(joinHyphens), wordCounts(joinHyphens(pdfText(path('pdf')))))).toEqual([]);
  });

  it('is reproducible: the same inputs give the same bytes', async () => {
    const again = await buildAnthology({ inputs: [seedsDir], outDir: mkdtempSync(join(tmpdir(), 'anth-e2e2-')), cwd: root, env: {} });
    expect(again.report.outputs.map((o) => o.sha256)).toEqual(result.report.outputs.map((o) => o.sha256));
    const dated = await buildAnthology({ inputs: [seedsDir], outDir: mkdtempSync(join(tmpdir(), 'anth-e2e3-')), cwd: root, env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(dated.report.outputs.map((o) => o.sha256)).not.toEqual(result.report.outputs.map((o) => o.sha256));
  });
});
