import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Messages } from './diagnostics/index.js';
import type { Diagnostic, Story } from './model.js';
import type { StoryEntry } from './config/index.js';
import { applyStoryEntries, checkStoryMeta } from './config/cascade.js';
import { decodeStory, type FoundFile } from './read/index.js';
import { parseStory } from './parse/index.js';
import { normaliseStory } from './normalise/index.js';

/** How stories are read: the same for every file of a build. */
export interface StorySettings {
  language: string;
  typography: 'smart' | 'off';
}

/** One file's work: its bytes and everything its story depends on. */
export interface StoryJob {
  file: FoundFile;
  bytes: Uint8Array;
  /** The editor's entry for this file in anthology.yaml, if any. */
  entry?: StoryEntry;
  settings: StorySettings;
  /** The cache key of the result, kept in the story as `key`. */
  key: string;
}

/** What one story file gave: its story (null if it is not text) and the messages on the way. */
export interface Loaded {
  story: Story | null;
  diagnostics: Diagnostic[];
}

/** decode → parse → the editor's entry → normalise, for one file. */
export function loadOne(job: StoryJob): Loaded {
  const local = new Messages();
  const src = decodeStory(job.file, job.bytes, local);
  let story: Story | null = null;
  if (src) {
    story = applyStoryEntries(parseStory(src, local, job.settings.language), job.entry ? [job.entry] : []);
    checkStoryMeta(story, local);
    story = { ...normaliseStory(story, local, { typography: job.settings.typography }), key: job.key };
  }
  return { story, diagnostics: local.list };
}

/** Below this much text, starting a worker (about 0.1 s) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

/**
 * Runs the jobs, on two cores when there is enough text and a second core.
 * This thread and a worker thread take jobs one at a time from a shared
 * counter, so both finish together however long the worker takes to start.
 * Results are put back in the order of the jobs, and each story's work is
 * the same function wherever it runs, so the book does not depend on how the
 * work was shared.
 */
export async function loadAll(jobs: readonly StoryJob[]): Promise<Loaded[]> {
  const total = jobs.reduce((n, j) => n + j.bytes.byteLength, 0);
  const script = new URL('./story-worker.js', import.meta.url);
  const usable = script.protocol === 'file:' && existsSync(fileURLToPath(script));
  if (total < PARALLEL_MIN_BYTES || availableParallelism() < 2 || !usable) return jobs.map(loadOne);
  const next = new Int32Array(new SharedArrayBuffer(4));
  // The files' bytes in one shared buffer: the worker reads them where they are instead of getting a copy.
  const shared = new SharedArrayBuffer(total);
  const offsets = [0];
  for (const j of jobs) {
    new Uint8Array(shared, offsets.at(-1)!, j.bytes.byteLength).set(j.bytes);
    offsets.push(offsets.at(-1)! + j.bytes.byteLength);
  }
  const theirs = runInWorker(script, { jobs: jobs.map(({ bytes: _, ...rest }) => rest), shared, offsets, next });
  const results: Loaded[] = new Array(jobs.length);
  for (let i = Atomics.add(next, 0, 1); i < jobs.length; i = Atomics.add(next, 0, 1)) results[i] = loadOne(jobs[i]!);
  for (const [i, loaded] of await theirs) results[i] = loaded;
  return results;
}

/** What the worker is given: all the jobs (their bytes in `shared`, job i at offsets[i]..offsets[i+1]), and the counter both threads take them from. */
export interface WorkerInput {
  jobs: readonly Omit<StoryJob, 'bytes'>[];
  shared: SharedArrayBuffer;
  offsets: readonly number[];
  next: Int32Array;
}

/** How many stories this process has had loaded on a worker thread (for tests, and for the curious). */
export const workerStats = { stories: 0 };

function runInWorker(script: URL, input: WorkerInput): Promise<[number, Loaded][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: input });
    worker.once('message', (done: [number, Loaded][]) => {
      workerStats.stories += done.length;
      resolve(done);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the story worker stopped (exit code ${code}) without its stories`)));
  });
}
