import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAnthology, type BuildResult } from '../../pipeline/index.js';
import { headerKey } from '../../pipeline/parse/header.js';
import { available, epubcheck, epubFiles, joinHyphens, missingWords, pdfText, qpdfCheck, skipWithout, wordCounts, xhtmlText } from '../helpers/tools.js';

/**
 * Every parser fixture (each a shape real story files come in) built into one
 * book: both formats must pass the validators and keep every word, less the
 * lines the report lists as removed and the scene-break glyph lines the book
 * draws in its own style.
 */
const root = join(import.meta.dirname, '..', '..');
const dir = join(root, 'pipeline', 'parse', 'fixtures');
let out: string;
let result: BuildResult;
const file = (format: string) => join(out, `shapes.${format}`);

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'anth-shapes-'));
  result = await buildAnthology({ inputs: [dir], outDir: out, cwd: root, title: 'Shapes', env: {} });
});

function inputWords(prepare = (t: string) => t): Map<string, number> {
  const skip = new Set(result.report.removed.map((r) => `${r.pos.file}:${r.pos.line}`));
  let text = '';
  for (const f of readdirSync(dir).filter((n) => /\.(?:txt|md)$/u.test(n))) {
    readFileSync(join(dir, f), 'utf8').split('\n').forEach((l, i) => {
      // Glyph lines: runs of symbols, oOo/xXx waves, and decorative runs such as -o-o-, ~o~, -x-x-.
      const glyph = /^\s*(?:[*~#=+\-]+(?:\s+[*~#=+\-]+)*|x+X+x+|o+O+o+|[*~+\-]+(?:[oOxX][*~+\-]+)+)\s*$/u.test(l);
      if (skip.has(`${join('pipeline', 'parse', 'fixtures', f)}:${i + 1}`) || glyph) return;
      // "Title:" and "Author:" keys ("Название:", "Titre :"…): the book shows the title and by-line, not the key.
      const key = headerKey(l);
      text += `${key && 'meta' in key.role ? key.value : l}\n`;
    });
  }
  return wordCounts(prepare(text));
}

describe('every fixture shape, end to end', () => {
  it('builds', () => {
    expect(result.exitCode).toBe(0);
    expect(result.report.stories.length).toBe(readdirSync(dir).filter((n) => /\.(?:txt|md)$/u.test(n)).length);
  });

  it.skipIf(skipWithout('epubcheck'))('EPUB passes epubcheck with no message', () => {
    expect(available.epubcheck).toBe(true);
    expect(epubcheck(file('epub')).problems).toEqual([]);
  });

  it('EPUB keeps every word', async () => {
    const files = await epubFiles(file('epub'));
    const text = [...files].filter(([n]) => n.endsWith('.xhtml') && !n.endsWith('toc.xhtml')).map(([, x]) => xhtmlText(x)).join('\n');
    expect(missingWords(inputWords(), wordCounts(text))).toEqual([]);
  });

  it.skipIf(skipWithout('qpdf') || skipWithout('poppler'))('PDF passes qpdf and keeps every word', () => {
    expect(available.qpdf && available.poppler).toBe(true);
    expect(qpdfCheck(file('pdf')).status).toBe(0);
    expect(missingWords(inputWords(joinHyphens), wordCounts(joinHyphens(pdfText(file('pdf')))))).toEqual([]);
  });

  it('nests chapters under their story in the EPUB navigation and the NCX', async () => {
    const files = await epubFiles(file('epub'));
    const nav = files.get('OEBPS/toc.xhtml')!;
    const ncx = files.get('OEBPS/toc.ncx')!;
    expect(nav).toMatch(/Chapter One: The Ink<\/a>/u);
    expect(nav).toMatch(/<li><a href="[^"]+">[^<]*Cartographer[^<]*<\/a>\s*<ol>/u);
    expect(ncx).toMatch(/<navPoint[^>]*>\s*<navLabel>\s*<text>[^<]*Cartographer[^<]*<\/text>\s*<\/navLabel>\s*<content[^>]*\/>\s*<navPoint/u);
  });
});
