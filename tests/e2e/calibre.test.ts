import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnthology } from '../../pipeline/index.js';
import { available } from '../helpers/tools.js';

/*
 * The EPUB as Calibre converts it (the usual road to a Kindle): a small
 * book of invented stories in English, Hebrew and Japanese, built as the
 * CLI builds it. Calibre is optional everywhere, CI included: these run
 * only where it is installed.
 */
const STORIES: Record<string, string> = {
  'a-harbour.txt': 'The Quiet Harbour\nBy Wren Callory\n\nChapter 1: Night\n\nThe boats slept in rows.\n\nChapter 2: Morning\n\nThe gulls woke first.\n',
  'b-garden.txt': 'Title: הגן הקטן\nAuthor: Dalia Oren\nLanguage: Hebrew\n\nבבוקר הלכנו לגן. העצים היו גבוהים.\n\nישבנו על הספסל ושתינו תה.\n',
  'c-station.txt': 'Title: 夜の駅\nAuthor: 青木 澄\nLanguage: Japanese\n\n駅のホームで、彼女は傘をたたんだ。\n\n電車が来たとき、雨はやんでいた。\n',
};

const work = mkdtempSync(join(tmpdir(), 'anthologist-calibre-'));
let epub = '';

beforeAll(async () => {
  if (!available.calibre) return;
  const inputs = join(work, 'in');
  mkdirSync(inputs);
  for (const [name, text] of Object.entries(STORIES)) writeFileSync(join(inputs, name), text);
  writeFileSync(join(inputs, 'anthology.yaml'), 'title: Three Shores\nlanguage: en\nstories: [a-harbour.txt, b-garden.txt, c-station.txt]\n');
  const result = await buildAnthology({ inputs: [inputs], outDir: join(work, 'out'), formats: ['epub'], cache: false, cwd: work, env: {} });
  const out = result.report.outputs.find((o) => o.format === 'epub');
  if (!out) throw new Error(`the book did not build: ${JSON.stringify(result.report.diagnostics)}`);
  epub = join(work, 'out', out.path.split('/').pop()!);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a Calibre tool, failing the test with its stderr if it fails. */
function calibre(tool: 'ebook-convert' | 'ebook-meta', args: string[]): string {
  const run = spawnSync(tool, args, { encoding: 'utf8', timeout: 300_000 });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe.skipIf(!available.calibre)('the EPUB converted by Calibre', () => {
  it('does not show the hidden landmarks list as text (Calibre ignores the hidden attribute)', () => {
    const txt = join(work, 'book.txt');
    calibre('ebook-convert', [epub, txt]);
    const text = readFileSync(txt, 'utf8');
    expect(text).toContain('Contents');
    expect(text).not.toContain('Landmarks');
    expect(text).not.toContain('Start of the stories');
  });
});
