import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng } from '../../cover/index.js';
import { buildAnthology, type BuildResult } from '../../index.js';
import { available, missingWords, wordCounts, xhtmlText } from '../../../tests/helpers/tools.js';
import { epubcheck, runEpubcheck } from './fixtures/helpers.js';

/*
 * The seeds' EPUB, built as the CLI builds it, against a golden copy: the
 * file list, every text file's content, and each image's pixels (by hash:
 * the PNG's compressed bytes could differ between zlib builds, its pixels
 * cannot). UPDATE_GOLDEN=1 rewrites the copy. Nothing here names a seed.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const goldenDir = join(import.meta.dirname, 'fixtures', 'seeds-golden');
const work = mkdtempSync(join(tmpdir(), 'anthologist-golden-'));
let result: BuildResult;
let bytes: Uint8Array;
let entries: Map<string, Uint8Array>;

beforeAll(async () => {
  result = await buildAnthology({ inputs: [join(root, 'seeds')], outDir: work, formats: ['epub'], cwd: root, env: {} });
  const out = result.report.outputs.find((o) => o.format === 'epub');
  if (!out) throw new Error(`the seeds did not build: ${JSON.stringify(result.report.diagnostics)}`);
  bytes = new Uint8Array(readFileSync(join(work, out.path.split('/').pop()!)));
  const zip = await JSZip.loadAsync(bytes);
  entries = new Map();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) entries.set(name, await f.async('uint8array'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const isImage = (name: string): boolean => /\.(?:png|jpe?g)$/.test(name);

/** The book normalised: each text file as it is, each image as a description of its pixels. */
function normalised(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, data] of entries) {
    if (!isImage(name)) out.set(name, Buffer.from(data).toString('utf8'));
    else if (name.endsWith('.png')) {
      const { width, height, rgb } = decodePng(data);
      out.set(`${name}.json`, `${JSON.stringify({ width, height, rgbSha256: createHash('sha256').update(rgb).digest('hex') }, null, 2)}\n`);
    } else out.set(`${name}.json`, `${JSON.stringify({ sha256: createHash('sha256').update(data).digest('hex') }, null, 2)}\n`);
  }
  return out;
}

function goldenFiles(dir = goldenDir, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? goldenFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

describe("the seeds' EPUB", () => {
  it('matches the golden copy (UPDATE_GOLDEN=1 rewrites it)', () => {
    const actual = normalised();
    if (process.env.UPDATE_GOLDEN === '1') {
      rmSync(goldenDir, { recursive: true, force: true });
      for (const [name, text] of actual) {
        mkdirSync(dirname(join(goldenDir, name)), { recursive: true });
        writeFileSync(join(goldenDir, name), text);
      }
    }
    expect([...actual.keys()].sort()).toEqual(goldenFiles().sort());
    for (const [name, text] of actual) expect(text, name).toBe(readFileSync(join(goldenDir, name), 'utf8'));
  });

  it.runIf(runEpubcheck)('passes epubcheck with 0 errors and 0 warnings', async () => {
    const report = await epubcheck(bytes, work, 'seeds');
    expect(report.problems).toEqual([]);
    expect(report.counts).toEqual({ fatal: 0, error: 0, warning: 0 });
  });

  // Calibre is optional everywhere, CI included: these run only where it is installed.
  it.skipIf(!available.calibre)('converts with Calibre to text that has every word of every story', () => {
    const epub = join(work, 'calibre.epub');
    writeFileSync(epub, bytes);
    const txt = join(work, 'calibre.txt');
    const run = spawnSync('ebook-convert', [epub, txt], { encoding: 'utf8', timeout: 300_000 });
    expect(run.status, run.stderr).toBe(0);
    const stories = [...entries].filter(([n]) => /-(?:attribution|story|notes)\.xhtml$/.test(n)).map(([, d]) => xhtmlText(Buffer.from(d).toString('utf8')));
    expect(missingWords(wordCounts(stories.join('\n')), wordCounts(readFileSync(txt, 'utf8')))).toEqual([]);
  });
  it.skipIf(!available.calibre)('shows in Calibre the title, every author and the language', () => {
    const epub = join(work, 'meta.epub');
    writeFileSync(epub, bytes);
    const run = spawnSync('ebook-meta', [epub], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Title\\s*:\\s*${escape(result.report.title)}`));
    for (const a of new Set(result.report.stories.flatMap((s) => s.authors))) expect(run.stdout).toMatch(new RegExp(`Author\\(s\\)\\s*:.*${escape(a)}`));
    // Calibre shows ISO 639-2 codes; the seeds' book is in English.
    expect(run.stdout).toMatch(/Languages?\s*:\s*(?:en|eng)\b/);
  });
});

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
