import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAnthology, type BuildOptions } from '../../pipeline/index.js';
import { CACHE_DIR } from '../../pipeline/runner.js';
import { cacheCorpus, cleanup, sha256, tempDir } from '../helpers/robustness.js';

/**
 * The build cache (issue 8, incremental rebuilds): a build that reuses
 * earlier work must give the same bytes and the same messages as a clean
 * build of the same input, and editing one story must re-do only that
 * story's work.
 */

const work = tempDir('anth-cache-e2e-');
afterAll(() => cleanup(work));

const stories = cacheCorpus(work);

const options = (outDir: string, cache?: boolean): BuildOptions => ({ inputs: [stories], outDir, title: 'Cached Tales', env: { SOURCE_DATE_EPOCH: '86400' }, ...(cache === false ? { cache: false } : {}) });

async function build(outDir: string, cache?: boolean) {
  const r = await buildAnthology(options(outDir, cache));
  expect(r.exitCode).toBe(0);
  const books = Object.fromEntries(r.report.outputs.map((o) => [o.format, sha256(readFileSync(join(outDir, o.path.split('/').pop()!)))]));
  return { r, books, messages: JSON.stringify(r.report.diagnostics), report: JSON.stringify(r.report) };
}

describe('the build cache', () => {
  it('gives the same books and messages as a clean build, cold, warm and after an edit', async () => {
    const cached = join(work, 'cached');
    const cold = await build(cached);
    expect(existsSync(join(cached, CACHE_DIR, 'cache.bin'))).toBe(true);
    expect(cold.r.cache!.hits).toBe(0);
    const clean = await build(join(work, 'clean-1'), false);
    expect(readdirSync(join(work, 'clean-1'))).not.toContain(CACHE_DIR);
    expect(clean.r.cache).toBeUndefined();
    expect(cold.books).toEqual(clean.books);

    const warm = await build(cached);
    expect(warm.r.cache!.misses).toBe(0);
    expect(warm.r.cache!.hits).toBeGreaterThan(10);
    expect(warm.books).toEqual(clean.books);
    expect(warm.report).toBe(clean.report.replaceAll('clean-1', 'cached'));

    // One story edited: only its work is done again.
    const file = join(stories, 'extra-2.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('opened', 'closed'));
    const edited = await build(cached);
    const clean2 = await build(join(work, 'clean-2'), false);
    expect(edited.books).toEqual(clean2.books);
    expect(edited.books).not.toEqual(clean.books);
    expect(edited.messages).toBe(clean2.messages);
    expect(edited.r.cache!.misses).toBeGreaterThan(0);
    expect(edited.r.cache!.misses).toBeLessThan(edited.r.cache!.hits / 3);
  });
  it('is not used with cache: false, and a corrupt cache file is rebuilt', async () => {
    const out = join(work, 'corrupt');
    await build(out);
    writeFileSync(join(out, CACHE_DIR, 'cache.bin'), 'garbage');
    const again = await build(out);
    expect(again.r.cache!.hits).toBe(0);
    const clean = await build(join(work, 'clean-3'), false);
    expect(again.books).toEqual(clean.books);
    // The rebuilt file serves the next build.
    const third = await build(out);
    expect(third.r.cache!.misses).toBe(0);
    expect(third.r.cache!.hits).toBeGreaterThan(10);
  });
});
