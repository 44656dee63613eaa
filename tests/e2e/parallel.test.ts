import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAnthology as fromSources, type BuildOptions } from '../../pipeline/index.js';
import { PARALLEL_MIN_BYTES, PARALLEL_MIN_STORIES } from '../../pipeline/story-work.js';
import { cleanup, ROOT, sha256, tempDir, writeTree } from '../helpers/robustness.js';

/**
 * A large build shares its stories between two threads (compiled build
 * only: the worker is a compiled module). The book and the messages must
 * not depend on it: the compiled build with its worker and the in-thread
 * build from the sources give the same bytes and the same report.
 */

const work = tempDir('anth-parallel-');
afterAll(() => cleanup(work));

function corpus(dir: string): void {
  const files: Record<string, string> = {};
  const words = ['night', 'river', 'lamp', 'Ночь', 'said', 'the', 'stone', 'quiet', 'Mart1n', 'window'];
  for (let i = 0; i < 300; i++) {
    const para = (k: number) => Array.from({ length: 120 }, (_, j) => words[(i * 7 + k * 3 + j) % words.length]).join(' ');
    files[`s${String(i).padStart(3, '0')}.txt`] = `Story ${i}\nBy Writer ${i % 17}\n\n"${para(1)}," she said...\n\n${para(2)} -- ${para(3)}\n\n\n\n${Array.from({ length: 8 }, (_, k) => para(k + 4)).join('\n\n')}\n`;
  }
  writeTree(dir, files);
  writeFileSync(join(dir, 'broken.txt'), new Uint8Array([0, 1, 2, 0, 0, 255]));
}

describe('stories loaded on two threads', () => {
  it('give the same EPUB and messages as one thread', async () => {
    const input = join(work, 'in');
    corpus(input);
    // Large enough to be shared between threads.
    expect(readdirSync(input).reduce((n, f) => n + statSync(join(input, f)).size, 0)).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const dist = (await import(pathToFileURL(join(ROOT, 'dist', 'pipeline', 'index.js')).href)) as typeof import('../../pipeline/index.js');
    const { workerJobs } = (await import(pathToFileURL(join(ROOT, 'dist', 'pipeline', 'shared', 'share.js')).href)) as typeof import('../../pipeline/shared/share.js');
    const options: BuildOptions = { inputs: [input], formats: ['epub'], title: 'Parallel', cache: false, keepGoing: true, env: { SOURCE_DATE_EPOCH: '0' } };
    const before = workerJobs.story ?? 0;
    const two = await dist.buildAnthology({ ...options, outDir: join(work, 'two') });
    // The worker took some of the stories (how many depends on when it started: on a busy host, few).
    expect((workerJobs.story ?? 0) - before).toBeGreaterThan(0);
    const one = await fromSources({ ...options, outDir: join(work, 'one') });
    expect(two.exitCode).toBe(0);
    expect(two.report.stories).toHaveLength(300);
    expect(JSON.stringify(two.report.diagnostics)).toBe(JSON.stringify(one.report.diagnostics));
    expect(two.report.diagnostics.some((d) => d.code === 'text/suspicious-token' && d.file?.endsWith('s299.txt'))).toBe(true);
    expect(sha256(readFileSync(join(work, 'two', 'parallel.epub')))).toBe(sha256(readFileSync(join(work, 'one', 'parallel.epub'))));
  }, 120_000);

  it('share many short stories, however little text they hold, and give the same book', async () => {
    const input = join(work, 'short');
    const files: Record<string, string> = {};
    for (let i = 0; i < PARALLEL_MIN_STORIES; i++) files[`t${String(i).padStart(4, '0')}.txt`] = `Short ${i}\nBy Writer ${i % 50}\n\nA story of a few words, number ${i}.\n`;
    writeTree(input, files);
    expect(readdirSync(input).reduce((n, f) => n + statSync(join(input, f)).size, 0)).toBeLessThan(PARALLEL_MIN_BYTES);
    const dist = (await import(pathToFileURL(join(ROOT, 'dist', 'pipeline', 'index.js')).href)) as typeof import('../../pipeline/index.js');
    const { workerStarts } = (await import(pathToFileURL(join(ROOT, 'dist', 'pipeline', 'shared', 'share.js')).href)) as typeof import('../../pipeline/shared/share.js');
    const options: BuildOptions = { inputs: [input], formats: ['epub'], title: 'Short', cache: false, env: { SOURCE_DATE_EPOCH: '0' } };
    const before = workerStarts.story ?? 0;
    const two = await dist.buildAnthology({ ...options, outDir: join(work, 'short-two') });
    // The story worker was started (how many stories it then took depends on the host).
    expect((workerStarts.story ?? 0) - before).toBe(1);
    const one = await fromSources({ ...options, outDir: join(work, 'short-one') });
    expect(two.report.stories).toHaveLength(PARALLEL_MIN_STORIES);
    expect(sha256(readFileSync(join(work, 'short-two', 'short.epub')))).toBe(sha256(readFileSync(join(work, 'short-one', 'short.epub'))));
  }, 120_000);

  it('give the same books when their chapters are spilled to disk, with the cache cold and warm', async () => {
    const input = join(work, 'in');
    const dist = (await import(pathToFileURL(join(ROOT, 'dist', 'pipeline', 'index.js')).href)) as typeof import('../../pipeline/index.js');
    const options: BuildOptions = { inputs: [input], title: 'Parallel', keepGoing: true, env: { SOURCE_DATE_EPOCH: '0' } };
    const kept = await fromSources({ ...options, outDir: join(work, 'kept'), cache: false });
    const books = (dir: string) => ['parallel.epub', 'parallel.pdf'].map((f) => sha256(readFileSync(join(work, dir, f))));
    // Spilled on both threads; then the same from the cache (chapters from the cache to the spill file).
    const cold = await dist.buildAnthology({ ...options, outDir: join(work, 'spilled'), spillBytes: 0 });
    const warm = await dist.buildAnthology({ ...options, outDir: join(work, 'spilled'), spillBytes: 0 });
    expect(cold.cache!.misses).toBeGreaterThan(300);
    expect(warm.cache!.misses).toBe(0);
    for (const r of [cold, warm]) {
      expect(r.exitCode).toBe(0);
      expect(JSON.stringify(r.report.stories)).toBe(JSON.stringify(kept.report.stories));
      // Walked from disk (as the command line writes them), then made into the array: the same records in the same order.
      expect(JSON.stringify([...dist.diagnosticsOf(r.report)])).toBe(JSON.stringify(kept.report.diagnostics));
      expect(JSON.stringify(r.report.diagnostics)).toBe(JSON.stringify(kept.report.diagnostics));
    }
    expect(books('spilled')).toEqual(books('kept'));
    // A warm build that does not spill reads the same cache.
    const whole = await dist.buildAnthology({ ...options, outDir: join(work, 'spilled') });
    expect(whole.cache!.misses).toBe(0);
    expect(books('spilled')).toEqual(books('kept'));
  }, 240_000);
});
