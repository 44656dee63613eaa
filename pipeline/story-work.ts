import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';
import { postTurns, shareWork, type Turns } from './shared/share.js';
import { hashKey } from './cache/index.js';
import { Messages, readRecords, stringSharer, writeRecords, type Written } from './diagnostics/index.js';
import type { Diagnostic, Story } from './model.js';
import type { StoryEntry } from './config/index.js';
import { applyStoryEntry, checkStoryMeta } from './config/cascade.js';
import { decodeStory, readStoryBytes, type FoundFile } from './read/index.js';
import { parseStory } from './parse/index.js';
import { normaliseStory } from './normalise/index.js';
import { Spill, spillParts, type SpillPlace, type SpillPlaces, type Spills } from './shared/spill.js';

/** How stories are read: the same for every file of a build. */
export interface StorySettings {
  language: string;
  typography: 'smart' | 'off';
}

/**
 * One file's work: the file and everything its story depends on. Not its
 * bytes: the thread that takes the job reads them, so that a book's files
 * are never all in memory at once.
 */
export interface StoryJob {
  file: FoundFile;
  /** Its size on disk, to judge whether a second thread is worth starting. */
  size: number;
  /** The editor's entry for this file in anthology.yaml, if any. */
  entry?: StoryEntry;
  settings: StorySettings;
  /** The largest file read (BuildOptions.maxFileBytes). */
  maxBytes?: number;
  /** Whether the result is to be cached: it is then given the key of the bytes it was made from. */
  keyed?: boolean;
}

/** What one story file gave: its story (null if it cannot be read or is not text) and the messages on the way. */
export interface Loaded {
  story: Story | null;
  diagnostics: Diagnostic[];
  /** Where the story's parts were spilled (they are then empty until `restoreParts`). */
  spilled?: SpillPlaces;
  /** The cache key of the bytes the story was made from, for a keyed job whose file could be read. */
  key?: string;
  /** Where its messages wait when the book spills (`diagnostics` is then empty): see `parkMessages`. */
  written?: Written<SpillPlace>;
}

/**
 * Writes a loaded story's messages to the spill file the moment it is
 * made (this thread's): a big book's are hundreds of thousands (the
 * bench's 10,000 stories have 269,090, about 60 MB as objects), and they
 * would otherwise all be in memory when the last story is made, and be
 * garbage just after, which V8 collects late.
 */
export function parkMessages(loaded: Loaded, spill: Spill): Loaded {
  if (loaded.diagnostics.length === 0) return loaded;
  loaded.written = writeRecords(loaded.diagnostics, spill);
  loaded.diagnostics = [];
  return loaded;
}

/** A loaded story's messages, read back if they were parked. */
export function messagesOf(loaded: Loaded, spills: Spills | undefined): Diagnostic[] {
  return loaded.written ? readRecords(spills!.messages, loaded.written.place) : loaded.diagnostics;
}

/** The cache key of a story made from `bytes` for `job`: everything the story depends on. */
export function storyKey(job: StoryJob, bytes: Uint8Array): string {
  return hashKey('story', job.file.file, bytes, JSON.stringify([job.settings, job.entry ?? null]));
}

/** `loadOne`, then the story's parts written to `spill`, if given: the thread that made them lets them go. */
function loadInto(job: StoryJob, spill: Spill | undefined): Loaded {
  const loaded = loadOne(job);
  if (!spill || !loaded.story) return loaded;
  loaded.spilled = spillParts(loaded.story, spill);
  // What is left holds substrings of the file's text (a title, a date), and V8 keeps a whole string
  // alive for any slice of it: a copy (as another thread's stories get, by message) holds only its own.
  return structuredClone(loaded);
}

/** read → decode → parse → the editor's entry → normalise, for one file. */
export function loadOne(job: StoryJob): Loaded {
  const local = new Messages();
  const bytes = readStoryBytes(job.file, local, job.maxBytes);
  if (bytes === null) return { story: null, diagnostics: local.list };
  // From the bytes read here, not those the cache was searched with: the file may have changed since.
  const key = job.keyed ? storyKey(job, bytes) : undefined;
  const src = decodeStory(job.file, bytes, local);
  let story: Story | null = null;
  if (src) {
    story = applyStoryEntry(parseStory(src, local, job.settings.language), job.entry);
    checkStoryMeta(story, local);
    story = normaliseStory(story, local, { typography: job.settings.typography });
    if (key) story.key = key;
  }
  return { story, diagnostics: local.list, ...(key ? { key } : {}) };
}

/** The story worker's young generation, in MB (see loadAll). */
const WORKER_YOUNG_MB = 16;

/** Below this much text, starting a worker (about 0.1 s) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

/**
 * From this many stories the worker is started whatever their size: a
 * story costs about 0.06 ms however short it is (its file opened, its
 * header and tail looked for), and 20,000 short ones took 1.3 s on one thread.
 */
export const PARALLEL_MIN_STORIES = 2000;

/** What is left of a result once `onMade` has it: nothing (one empty result, for all). */
const TAKEN: Loaded = { story: null, diagnostics: [] };

/**
 * Runs the jobs, on two cores when there is enough text or enough stories and a second core
 * (see {@link shareWork}). Each story's work is the same function wherever
 * it runs, so the book does not depend on how the work was shared.
 * `onTake` is told of each job this thread takes, before it is done;
 * `onMade` is given each result as it comes (in any order), with its job's
 * index, on this thread, and keeps what it needs of it: nothing else is kept.
 */
export async function loadAll(jobs: readonly StoryJob[], spills: Spills | undefined, onTake: ((i: number) => void) | undefined, onMade: (loaded: Loaded, i: number) => void): Promise<void> {
  const total = jobs.reduce((n, j) => n + j.size, 0);
  const script = new URL('./story-worker.js', import.meta.url);
  // From the TypeScript sources (the unit tests) there is no compiled worker beside this module.
  const usable = script.protocol === 'file:' && existsSync(fileURLToPath(script));
  // Messages kept in memory share their strings; a big book's go to disk as they come.
  const sharing = stringSharer();
  const shared = (loaded: Loaded, i: number): Loaded => {
    if (spills) parkMessages(loaded, spills.messages);
    else sharing(loaded.diagnostics);
    onMade(loaded, i);
    return TAKEN;
  };
  const here = (i: number): Loaded => {
    onTake?.(i);
    return shared(loadInto(jobs[i]!, spills?.here), i);
  };
  const enough = total >= PARALLEL_MIN_BYTES || jobs.length >= PARALLEL_MIN_STORIES;
  if (!enough || availableParallelism() < 2 || !usable) {
    jobs.forEach((_, i) => here(i));
    return;
  }
  const spillFd = spills?.worker.fd;
  // The worker keeps next to nothing from one story to the next (it posts its results as it goes),
  // but V8 lets a worker's young generation grow to 48 MB: a third of that is about 15 MB less
  // memory for a big book, at no cost in time that we could measure.
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  await shareWork('story', jobs.length, (turns): [URL, WorkerOptions] => [script, { workerData: { jobs, turns, spillFd } satisfies WorkerInput, resourceLimits }], here, shared);
}

/** The worker's side of {@link loadAll}: its share of the jobs, stories spilled to the file `spillFd` if given, posted as they are made. */
export function workerShare({ jobs, turns, spillFd }: WorkerInput): void {
  const spill = spillFd === undefined ? undefined : new Spill(spillFd);
  postTurns(turns, jobs.length, (i) => loadInto(jobs[i]!, spill));
}

/** What the story worker is given: the jobs and its side of the shared work. */
export interface WorkerInput {
  jobs: readonly StoryJob[];
  turns: Turns;
  /** The descriptor of the worker's own spill file, when stories are spilled. */
  spillFd?: number;
}
