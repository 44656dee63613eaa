import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The bench's corpus: stories in the messy shapes real dumps have, the same on every run.
import { story, writeCorpus } from '../../bench/corpus.mjs';
import { cleanup, ROOT, tempDir } from '../helpers/robustness.js';

const run = promisify(execFile);

/** What `tests/helpers/live-heap.mjs` prints for one PDF build. */
interface LiveHeap {
  maxLive: number;
  lastLive: number;
  samples: number;
  pages: number;
  maxRssMiB: number;
}

/** Runs one of the heap-sampling helpers in `tests/helpers` on a folder of stories, in a process of its own, and gives the JSON it prints. */
async function sampled<T>(helper: string, input: string, out: string): Promise<T> {
  const { stdout } = await run(process.execPath, ['--expose-gc', join(ROOT, 'tests', 'helpers', helper), input, out], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as T;
}

const liveHeap = (input: string, out: string): Promise<LiveHeap> => sampled('live-heap.mjs', input, out);

const MiB = 1024 * 1024;
const FEW = 500;
const MANY = 2000;
const LONG_WORDS = 200_000;

/**
 * Issue "PDF", memory bounded: what a PDF build keeps alive must not grow
 * with the book. Measured as the live heap (after a full collection, at
 * every megabyte of the file written), which does not depend on when V8
 * chose to collect, unlike the peak RSS the bench reports. Every story is
 * spilled, as in a book over 4 MiB; below that a book's stories are kept in
 * memory on purpose, and a book four times as long would then keep four
 * times the text.
 */
describe('PDF memory', () => {
  let dir: string;
  let few: LiveHeap;
  let many: LiveHeap;
  let long: LiveHeap;

  beforeAll(async () => {
    dir = tempDir('memory');
    writeCorpus(join(dir, 'few'), FEW, FEW * 300);
    writeCorpus(join(dir, 'many'), MANY, MANY * 300);
    writeCorpus(join(dir, 'long'), FEW, FEW * 300);
    writeFileSync(join(dir, 'long', 'story-long.txt'), story(9999, LONG_WORDS).text);
    const build = (c: string): Promise<LiveHeap> => liveHeap(join(dir, c), join(dir, `out-${c}`));
    [few, many, long] = await Promise.all([build('few'), build('many'), build('long')]);
    console.info(`[robustness] PDF live heap: ${FEW} stories ${(few.maxLive / MiB).toFixed(1)} MiB (peak RSS ${few.maxRssMiB}), ${MANY} stories ${(many.maxLive / MiB).toFixed(1)} MiB (${many.maxRssMiB}), ${FEW} + one of ${LONG_WORDS} words ${(long.maxLive / MiB).toFixed(1)} MiB (${long.maxRssMiB})`);
  }, 180_000);

  afterAll(() => cleanup(dir));

  it('four times the stories (and the words) keep at most 2 KiB more alive per story added', () => {
    // The books were built, and the longer one is about four times as long.
    expect(many.pages).toBeGreaterThan(3.5 * few.pages);
    expect(many.samples).toBeGreaterThan(3 * few.samples);
    // Holding the added stories' text would be about 20 MiB; each keeps about 1.3 KiB (its place on disk, its pages' numbers).
    expect(many.maxLive - few.maxLive).toBeLessThan((MANY - FEW) * 2048);
  });

  it('a story of 200,000 words is let go once it is set: nothing of it stays alive', () => {
    expect(long.pages).toBeGreaterThan(few.pages + 400);
    expect(long.lastLive - few.lastLive).toBeLessThan(MiB);
  });
});

/** What `tests/helpers/loading-heap.mjs` prints for one EPUB build. */
interface LoadingHeap {
  started: number;
  live: number;
  stories: number;
}

const loadingHeap = (input: string, out: string): Promise<LoadingHeap> => sampled('loading-heap.mjs', input, out);

/**
 * While a big book's stories are made, what each made story keeps is its
 * place in the spill files and its file's name: its text, its messages and
 * what loading it took (the places of its messages, its loaded result) go
 * as soon as the stories before it are in. On one thread (too little text
 * for the story worker), so the stories made by the sample are the same on
 * every run.
 */
describe('loading memory', () => {
  let dir: string;
  let few: LoadingHeap;
  let many: LoadingHeap;

  beforeAll(async () => {
    dir = tempDir('loading');
    writeCorpus(join(dir, 'few'), 500, 500 * 150);
    writeCorpus(join(dir, 'many'), 1500, 1500 * 150);
    [few, many] = await Promise.all([loadingHeap(join(dir, 'few'), join(dir, 'out-few')), loadingHeap(join(dir, 'many'), join(dir, 'out-many'))]);
    console.info(`[robustness] live heap while loading: ${few.started} stories made ${(few.live / MiB).toFixed(2)} MiB, ${many.started} made ${(many.live / MiB).toFixed(2)} MiB`);
  }, 120_000);

  afterAll(() => cleanup(dir));

  it('a story made keeps at most 1.4 KiB alive while the rest are made', () => {
    expect([few.stories, many.stories]).toEqual([500, 1500]);
    // Each loaded result was held until the last story was made (1.8 KiB a story in all; about 1 KiB now).
    expect(many.live - few.live).toBeLessThan((many.started - few.started) * 1.4 * 1024);
  });
});
