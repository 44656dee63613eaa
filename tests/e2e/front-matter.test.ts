import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAnthology, type BuildResult } from '../../pipeline/index.js';
import { available, epubFiles, pdfText, skipWithout, xhtmlText } from '../helpers/tools.js';

/**
 * Markdown front matter reaches both books as the author wrote it: YAML would
 * read `007` as 7, `1e3` as 1000 and a nested mapping as "[object Object]".
 */
const STORY = [
  '---',
  'title: 007',
  'author: 1e3',
  'series: 1.10',
  'summary: 0x1F',
  'rating: .inf',
  'draft: true',
  'extra:',
  '  nested: zebrafrontmatter',
  'author: Bob Secondauthor',
  '---',
  'Body text here.',
  '',
].join('\n');

let out: string;
let result: BuildResult;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anth-fm-'));
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'in', 'story.md'), STORY);
  out = join(dir, 'out');
  result = await buildAnthology({ inputs: [join(dir, 'in')], outDir: out, cwd: dir, title: 'Front Matter', env: {} });
});

const WORDS = ['007', '1e3', 'Bob Secondauthor', '1.10', '0x1F', '.inf', 'true', 'nested: zebrafrontmatter', 'Body text here.'];

describe('Markdown front matter, end to end', () => {
  it('builds, reporting the values as written and the repeated key at its line', () => {
    expect(result.exitCode).toBe(0);
    expect(result.report.stories[0]).toMatchObject({ title: '007', authors: ['1e3', 'Bob Secondauthor'] });
    expect(result.report.diagnostics.filter((d) => d.code === 'input/front-matter-duplicate').map((d) => [d.file, d.line])).toEqual([[expect.stringMatching(/story\.md$/u), 10]]);
  });

  it('EPUB has every value as written, and both authors as dc:creator', async () => {
    const files = await epubFiles(join(out, 'front-matter.epub'));
    const text = [...files].filter(([n]) => n.endsWith('.xhtml') && !n.endsWith('toc.xhtml')).map(([, x]) => xhtmlText(x)).join('\n');
    for (const w of WORDS) expect(text, w).toContain(w);
    expect(text).not.toContain('[object Object]');
    const opf = [...files].find(([n]) => n.endsWith('.opf'))![1];
    expect([...opf.matchAll(/<dc:creator[^>]*>([^<]*)</gu)].map((m) => m[1])).toEqual(['1e3', 'Bob Secondauthor']);
  });

  it.skipIf(skipWithout('poppler'))('PDF has every value as written', () => {
    expect(available.poppler).toBe(true);
    const text = pdfText(join(out, 'front-matter.pdf')).replace(/\s+/gu, ' ');
    for (const w of WORDS) expect(text, w).toContain(w);
    expect(text).not.toContain('[object Object]');
  });
});
