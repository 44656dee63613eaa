import type { Cache } from './cache/index.js';
import type { Chapter } from './model.js';
import { restoreChapters, type Spill } from './shared/spill.js';
import type { Loaded } from './story-work.js';

/**
 * A loaded story as the build cache keeps it: two entries, the story and
 * its messages without the chapters (JSON), and the chapters as JSON text.
 * A spilled story's chapters go from the spill file to the cache, and back,
 * as text: never parsed on the way, never whole in memory as objects.
 */

/** A story found in the cache: its story (chapters empty) and messages, and its chapters' JSON. */
export interface Recalled {
  loaded: Loaded;
  chapters: string;
}

const chaptersKey = (key: string): string => `${key}/chapters`;

/** The cached story for `key`, if both of its entries are there. */
export function recall(cache: Cache, key: string): Recalled | undefined {
  const loaded = cache.get<Loaded>(key);
  const chapters = loaded && cache.get<string>(chaptersKey(key));
  return loaded && chapters !== undefined ? { loaded, chapters } : undefined;
}

/** Caches a story just loaded (before `settle`: a spilled story's chapters are still only in the spill file). */
export function remember(cache: Cache, key: string, loaded: Loaded, spills: { here: Spill; worker: Spill } | undefined): void {
  const { story, diagnostics } = loaded;
  if (story && loaded.spilled) cache.set(chaptersKey(key), spillOf(loaded.spilled.fd, spills).read(loaded.spilled));
  else if (story) cache.set(chaptersKey(key), JSON.stringify(story.chapters));
  else cache.set(chaptersKey(key), '[]');
  cache.set(key, { story: story && { ...story, chapters: [] }, diagnostics });
}

/**
 * Makes a loaded story whole: chapters from the cache (`chapters`, JSON)
 * are parsed, or spilled if the book spills; chapters another thread
 * spilled become readable here.
 */
export function settle(loaded: Loaded, spills: { here: Spill; worker: Spill } | undefined, chapters?: string): void {
  const { story, spilled } = loaded;
  delete loaded.spilled;
  if (!story) return;
  if (spilled) restoreChapters(story, spillOf(spilled.fd, spills), spilled);
  else if (chapters !== undefined && spills) restoreChapters(story, spills.here, spills.here.write(chapters));
  else if (chapters !== undefined) story.chapters = JSON.parse(chapters) as Chapter[];
}

function spillOf(fd: number, spills: { here: Spill; worker: Spill } | undefined): Spill {
  const spill = [spills?.here, spills?.worker].find((s) => s?.fd === fd);
  if (!spill) throw new Error('a story was spilled to a file this build did not open');
  return spill;
}
