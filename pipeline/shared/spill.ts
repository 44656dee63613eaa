import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chapter, Story } from '../model.js';

/**
 * Story text spilled to disk, so that a big book is never whole in memory.
 *
 * A story's chapters are nearly all of its size; the rest (metadata, notes,
 * removed lines) is what the stages that see every story at once need
 * (ordering, the contents, the report). Above a size, the load stage writes
 * each story's chapters, as JSON, to a spill file the moment the story is
 * made, and the story keeps only where they are: its `chapters` property
 * reads them back when asked, remembering the last story read. So a stage
 * that walks the book story by story (the PDF) holds one story's text at a
 * time; the rest of the pipeline does not know.
 *
 * A spill file is deleted as soon as it is opened: nothing is left behind
 * however the process ends. Its descriptor is closed when the build ends
 * (`close`), or when no story points to it any more.
 */

/** Where one story's chapters are in a spill file. */
export interface SpillPlace {
  /** The spill file's descriptor (descriptors are shared by the threads of a process). */
  fd: number;
  offset: number;
  length: number;
}

const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed by `close`.
  }
});

/** An open, already deleted temporary file, written at its end and read anywhere. */
export class Spill {
  private at = 0;
  private open = true;

  /** Wraps a spill file another thread created (`fd`), for reading, or for that thread's writing. */
  constructor(readonly fd: number) {}

  /** A new spill file in the temporary folder. */
  static create(): Spill {
    const path = join(tmpdir(), `anthologist-spill-${process.pid}-${randomBytes(6).toString('hex')}`);
    const fd = openSync(path, 'w+', 0o600);
    unlinkSync(path);
    const spill = new Spill(fd);
    closer.register(spill, fd, spill);
    return spill;
  }

  /** Appends text (as UTF-8); returns where it is. */
  write(text: string): SpillPlace {
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.at + done);
    const place = { fd: this.fd, offset: this.at, length: bytes.length };
    this.at += bytes.length;
    return place;
  }

  /** Reads back what `write` returned `place` for. */
  read(place: SpillPlace): string {
    if (!this.open) throw new Error('a spilled story was read after its build ended');
    const bytes = Buffer.allocUnsafe(place.length);
    for (let done = 0; done < place.length; ) {
      const n = readSync(this.fd, bytes, done, place.length - done, place.offset + done);
      if (n === 0) throw new Error('a spill file ended early');
      done += n;
    }
    return bytes.toString('utf8');
  }

  /** Closes the file (it is already deleted); its stories cannot be read after. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    if (last?.spill === this) last = undefined;
    closer.unregister(this);
    closeSync(this.fd);
  }
}

/** The last story whose chapters were read back, and them: one story's text at most. */
let last: { story: object; spill: Spill; chapters: Chapter[] } | undefined;

/**
 * Writes a story's chapters to `spill` and empties them, for sending to
 * another thread; `restoreChapters` on the other side makes them readable again.
 */
export function spillChapters(story: Story, spill: Spill): SpillPlace {
  const place = spill.write(JSON.stringify(story.chapters));
  story.chapters = [];
  return place;
}

/** Makes `story.chapters` read its chapters from `spill` at `place` when asked. */
export function restoreChapters(story: Story, spill: Spill, place: SpillPlace): Story {
  if (place.fd !== spill.fd) throw new Error('a story was restored from the wrong spill file');
  Object.defineProperty(story, 'chapters', {
    enumerable: true,
    configurable: true,
    get(this: Story): Chapter[] {
      if (last?.story !== this) last = { story: this, spill, chapters: JSON.parse(spill.read(place)) as Chapter[] };
      return last.chapters;
    },
  });
  return story;
}

/** Writes a story's chapters to `spill` and makes them read back from there. */
export function spillStory(story: Story, spill: Spill): Story {
  return restoreChapters(story, spill, spillChapters(story, spill));
}

/**
 * A copy of a story with some fields changed, whose chapters stay spilled
 * if they were (`{ ...story }` would read them all into the copy).
 */
export function withChanges(story: Story, changes: Partial<Story>): Story {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(story)) as Story;
  return Object.assign(copy, changes);
}
