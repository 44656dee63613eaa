import type { Cache } from './cache/index.js';
import type { Chapter } from './model.js';
import { restoreParts, spillHead, spillStory, type Spill, type Spills } from './shared/spill.js';
import { Messages } from './diagnostics/index.js';
import { readStoryBytes } from './read/index.js';
import { messagesOf, parkMessages, storyKey, type Loaded, type StoryJob } from './story-work.js';

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

/** What the cache had for a book's jobs (see {@link searchCache}). */
export interface Searched {
  /** By job: the story found (settled), or the messages of a file that cannot be read. */
  results: Loaded[];
  /** The jobs still to do, in order. */
  todo: number[];
}

/**
 * Looks each job's story up by the hash of its file's bytes, reading the
 * files one at a time. A story found is settled at once (see `settle`): a
 * big book's chapters go straight to the spill file, never all in memory. A
 * file that cannot be read is done with (its messages are its result). The
 * bytes are let go either way: a story to be made is made by whichever
 * thread takes its job, from the file. `onFound` is told of each story found.
 */
export function searchCache(jobs: readonly StoryJob[], cache: Cache, spills: Spills | undefined, onFound?: (i: number) => void): Searched {
  const found: Searched = { results: [], todo: [] };
  for (const [i, job] of jobs.entries()) {
    const read = new Messages();
    const bytes = readStoryBytes(job.file, read, job.maxBytes);
    const recalled = bytes && recall(cache, storyKey(job, bytes));
    if (!bytes) found.results[i] = { story: null, diagnostics: read.list };
    else if (!recalled) found.todo.push(i);
    else {
      settle(recalled.loaded, spills, recalled.chapters);
      found.results[i] = spills ? spilledHead(parkMessages(recalled.loaded, spills.messages), spills) : recalled.loaded;
      onFound?.(i);
    }
  }
  return found;
}

/** Caches a story just loaded (before `settle`: a spilled story's parts are still only in the spill file). */
export function remember(cache: Cache, key: string, loaded: Loaded, spills: Spills | undefined): void {
  const { story, spilled = {} } = loaded;
  const diagnostics = messagesOf(loaded, spills);
  if (!story) {
    cache.set(chaptersKey(key), '[]');
    cache.set(key, { story, diagnostics });
    return;
  }
  const text = (part: 'chapters' | 'front' | 'end' | 'removed'): string => {
    const place = spilled[part];
    return place ? spillOf(place.fd, spills).read(place) : JSON.stringify(story[part]);
  };
  // The notes and removed lines are small: back to objects, inside the story's entry.
  const read = (part: 'front' | 'end' | 'removed'): unknown => (spilled[part] ? JSON.parse(text(part)) : story[part]);
  cache.set(chaptersKey(key), text('chapters'));
  cache.set(key, { story: { ...story, chapters: [], front: read('front'), end: read('end'), removed: read('removed') }, diagnostics });
}

/**
 * Makes a loaded story whole: parts another thread spilled become readable
 * here; a story from the cache (its chapters' JSON in `chapters`) is
 * spilled if the book spills, or has its chapters parsed.
 */
export function settle(loaded: Loaded, spills: Spills | undefined, chapters?: string): void {
  const { story, spilled } = loaded;
  // Not `delete`: that turns the object into a dictionary of about 450 bytes (when every loaded story
  // was kept until the last was made, 18 MB of them for 40,000 stories).
  loaded.spilled = undefined;
  if (!story) return;
  // A story copied from another thread or the cache has a copy of its file's name in every place
  // that names it; kept to the end of the build, one will do.
  for (const p of [...Object.values(story.meta.provenance), story.signature?.pos]) if (p && 'file' in p && p.file === story.source.file) p.file = story.source.file;
  const first = spilled && Object.values(spilled)[0];
  if (first) restoreParts(story, spillOf(first.fd, spills), spilled);
  else if (chapters !== undefined && spills) {
    // Written as they came from the cache (not parsed), the notes and removed lines with them.
    const place = spills.here.write(chapters);
    spillStory(story, spills.here);
    restoreParts(story, spills.here, { chapters: place });
  } else if (chapters !== undefined) story.chapters = JSON.parse(chapters) as Chapter[];
}

/**
 * A settled story with its metadata spilled too, if the book spills: a big
 * book's stories then hold almost nothing while the rest are made (their
 * metadata was about 2 KB a story, all in memory until the book was
 * ordered). Nothing changes a story's metadata once it is settled.
 */
export function spilledHead(loaded: Loaded, spills: Spills | undefined): Loaded {
  if (spills && loaded.story) loaded.story = spillHead(loaded.story, spills.here);
  return loaded;
}

function spillOf(fd: number, spills: Spills | undefined): Spill {
  const spill = [spills?.here, spills?.worker].find((s) => s?.fd === fd);
  if (!spill) throw new Error('a story was spilled to a file this build did not open');
  return spill;
}
