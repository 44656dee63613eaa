import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAnthology, type BuildResult } from '../../pipeline/index.js';
import { available, epubFiles, pdfText, skipWithout, xhtmlText } from '../helpers/tools.js';

/**
 * An epigraph's source line is shown with the book's dash where the author
 * began it with a dash (the dash is the book's to set), and as written where
 * the author did not: a quoted title followed by the author's own dash, or
 * a "by" line, gets no second dash in front.
 */
const BODY = 'The ferry was late again and the gulls had the pier to themselves.';
const STORIES: [file: string, head: string][] = [
  ['dashed.txt', 'Lantern Row\n\n"Every lantern is a promise."\n-- Tamsin Reed'],
  ['one-line.txt', 'Fog Bank\n\n"The fog lifts by noon." -- a harbour saying'],
  ['titled.txt', 'Mooring\n\n"Ropes remember every knot."\n"Mooring Lines" -- a song by Piet Vane'],
  ['titled-by.txt', 'Slipway\n\n"Nothing launched comes back the same."\n"Slipway Hymn" by Orla Fenwick'],
  ['by.txt', 'Tidewater\n\n"Wait for the turn of the tide."\nby Ivo Harland'],
];

/** Each story's source line as both books should show it. */
const SHOWN = ['— Tamsin Reed', '— a harbour saying', '“Mooring Lines” — a song by Piet Vane', '“Slipway Hymn” by Orla Fenwick', 'by Ivo Harland'];

let out: string;
let result: BuildResult;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anth-epigraph-'));
  mkdirSync(join(dir, 'in'));
  for (const [file, head] of STORIES) writeFileSync(join(dir, 'in', file), `${head}\n\n${BODY}\n`);
  out = join(dir, 'out');
  result = await buildAnthology({ inputs: [join(dir, 'in')], outDir: out, cwd: dir, title: 'Sources', env: {} });
});

describe("an epigraph's source line, end to end", () => {
  it('is an epigraph in every story', () => {
    expect(result.exitCode).toBe(0);
    expect(result.report.stories).toHaveLength(STORIES.length);
  });

  it('EPUB: the dash only where the author began the line with one', async () => {
    const files = await epubFiles(join(out, 'sources.epub'));
    const captions = [...files]
      .filter(([n]) => n.endsWith('-story.xhtml'))
      .flatMap(([, x]) => [...x.matchAll(/<figcaption class="attribution"[^>]*>(.*?)<\/figcaption>/gsu)].map((m) => xhtmlText(m[1]!).trim()));
    expect([...captions].sort()).toEqual([...SHOWN].sort());
  });

  it.skipIf(skipWithout('poppler'))('PDF: the same lines as the EPUB', () => {
    expect(available.poppler).toBe(true);
    const lines = pdfText(join(out, 'sources.pdf')).split('\n').map((l) => l.trim());
    for (const shown of SHOWN) expect(lines, shown).toContain(shown);
    expect(lines.filter((l) => /^— [“"]|^— by /u.test(l))).toEqual([]);
  });
});
