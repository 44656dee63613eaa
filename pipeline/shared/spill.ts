import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Story } from '../model.js';

/**
 * Story text spilled to disk, so that a big book is never whole in memory.
 *
 * A story's text, notes and removed lines are nearly all of its size; the
 * rest (metadata) is what the stages that see every story at once need
 * (ordering, the contents, the document's information). Above a size, the
 * load stage writes each of those parts, as JSON, to a spill file the
 * moment the story is made, and the story keeps only where they are: each
 * such property reads its part back when asked, remembering the last story
 * read. So a stage that walks the book story by story (the PDF) holds one
 * story's text at a time; the rest of the pipeline does not know. The rest
 * (metadata) follows once the story is settled on the main thread
 * (`spillHead`); ordering, which compares every story's, reads each back
 * once. Every story's messages go too, as it is made (see
 * `Messages.takeWritten`).
 *
 * A spill file is deleted as soon as it is opened: nothing is left behind
 * however the process ends. Its descriptor is closed when the build ends
 * (`close`), or when no story points to it any more.
 */

/** The spill files of a build: the main thread's, the story worker's, and the stories' messages'. */
export interface Spills {
  here: Spill;
  worker: Spill;
  /**
   * Every story's messages, written by the main thread as each is made: in
   * a file of their own, the report can read them once the stories' files
   * are closed (see `Messages.sorted`).
   */
  messages: Spill;
}

/** Where one part of a story is in a spill file. */
export interface SpillPlace {
  /** The spill file's descriptor (descriptors are shared by the threads of a process). */
  fd: number;
  offset: number;
  length: number;
}

/**
 * Closes a file descriptor when its owner (registered with itself as the
 * unregister token) is garbage without having closed it; the owner's own
 * close unregisters it first.
 */
export const fdCloser = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/**
 * Bytes a joined place may span. Read back, its text is a string of that
 * size, copied once or twice: below V8's large-object size (128 KB) such
 * strings are young garbage, collected at once; above it they wait for a
 * full collection (1 MB places raised a 1,000-story book's peak by about 12 MB,
 * 64 MB ones a 10,000-story book's by 150 MB).
 */
const JOIN_LIMIT = 64 * 1024;

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
    fdCloser.register(spill, fd, spill);
    return spill;
  }

  /** Appends text (as UTF-8); returns where it is. */
  write(text: string): SpillPlace {
    return this.writeBytes(Buffer.from(text, 'utf8'));
  }

  /** Appends bytes; returns where they are. */
  writeBytes(bytes: Uint8Array): SpillPlace {
    // A closed descriptor's number may already name another file.
    if (!this.open) throw new Error('a spill file was written after it was closed');
    writeAll(this.fd, bytes, this.at);
    const place = { fd: this.fd, offset: this.at, length: bytes.length };
    this.at += bytes.length;
    return place;
  }

  /**
   * One place for two written one right after the other in this file;
   * undefined if they were not, or if together they are too long to read
   * back as one string (`JOIN_LIMIT`).
   */
  join(first: SpillPlace, next: SpillPlace): SpillPlace | undefined {
    if (first.fd !== this.fd || next.fd !== this.fd || first.offset + first.length !== next.offset) return undefined;
    if (first.length + next.length > JOIN_LIMIT) return undefined;
    return { fd: this.fd, offset: first.offset, length: first.length + next.length };
  }

  /** A place in this file as two numbers (its offset and length), for a long list of them. */
  pack(place: SpillPlace): [number, number] {
    return [place.offset, place.length];
  }

  /** A place in this file from the numbers `pack` gave. */
  unpack(offset: number, length: number): SpillPlace {
    return { fd: this.fd, offset, length };
  }

  /** Reads back what `write` returned `place` for. */
  read(place: SpillPlace): string {
    const bytes = this.readBytes(place);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }

  /** Reads back the bytes at `place`. */
  readBytes(place: SpillPlace): Uint8Array {
    if (!this.open) throw new Error('a spilled story was read after its build ended');
    return readAt(this.fd, place.offset, place.length);
  }

  /** Closes the file (it is already deleted); its stories cannot be read after. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    for (const memo of memos) if (memo.spill === this) memo.story = memo.spill = memo.value = undefined;
    fdCloser.unregister(this);
    closeSync(this.fd);
  }
}

/** Writes all of `bytes` to file `fd`: at `position`, or where the file is (a call may write less than it is given). */
export function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position === undefined ? null : position + done);
}

/** The `length` bytes of file `fd` from `offset`. */
export function readAt(fd: number, offset: number, length: number): Uint8Array {
  // Its own memory (not a slice of Node's shared pool), as a plain Uint8Array.
  const bytes = new Uint8Array(length);
  for (let done = 0; done < length; ) {
    const n = readSync(fd, bytes, done, length - done, offset + done);
    if (n === 0) throw new Error('a file ended early');
    done += n;
  }
  return bytes;
}

/** The parts of a story that are spilled: its text, its notes and the lines removed from it, nearly all of its size. */
export const SPILLED = ['chapters', 'front', 'end', 'removed'] as const;

/** A spilled part of a story. */
export type SpilledPart = (typeof SPILLED)[number];

/** Where a story's spilled parts are (a part that was empty is not spilled). */
export type SpillPlaces = Partial<Record<SpilledPart, SpillPlace>>;

/** The last story a kind of value (a part, the head) was read back for, and the value: one story's at most. */
interface Memo {
  story?: object | undefined;
  spill?: Spill | undefined;
  value?: unknown;
}

/** Every memo, for `Spill.close` to clear those of its file. */
const memos: Memo[] = [];

function newMemo(): Memo {
  const memo: Memo = {};
  memos.push(memo);
  return memo;
}

/** The JSON at `offset` in `spill`, parsed, unless `memo` holds it for `story` already. */
function readBack(memo: Memo, story: object, spill: Spill, offset: number, length: number): unknown {
  if (memo.story === story) return memo.value;
  const value: unknown = JSON.parse(spill.read({ fd: spill.fd, offset, length }));
  Object.assign(memo, { story, spill, value });
  return value;
}

/**
 * Writes a story's parts to `spill` and empties them, for sending to
 * another thread; `restoreParts` on the other side makes them readable again.
 */
export function spillParts(story: Story, spill: Spill): SpillPlaces {
  const places: SpillPlaces = {};
  for (const part of SPILLED) {
    if (story[part].length === 0) continue;
    places[part] = spill.write(JSON.stringify(story[part]));
    story[part] = [];
  }
  return places;
}

/** A restored story's spill file, and where its parts are in it: symbols, which JSON, spreading and structured clone leave out. */
const SPILL = Symbol('spill file');
const PLACES = Symbol('spilled parts');

/**
 * Where a story's parts are, as numbers: offset and length for each part in
 * `SPILLED` order, -1 for a part not spilled. A big book keeps one of these
 * a story to the end; four objects a story cost about twice as much.
 */
type Places = number[];

type Restored = Story & { [SPILL]?: Spill; [PLACES]?: Places };

/**
 * One getter per part, shared by every story, reading where the story's
 * own `PLACES` say: a closure per story and part cost about a kilobyte a
 * story, and stories with the same getters share their shape.
 */
const getters = Object.fromEntries(
  SPILLED.map((part, i) => {
    const memo = newMemo();
    return [
      part,
      function (this: Restored): unknown {
        const at = this[PLACES]!;
        return readBack(memo, this, this[SPILL]!, at[2 * i]!, at[2 * i + 1]!);
      },
    ];
  }),
) as Record<SpilledPart, (this: Restored) => unknown>;

/** Makes each part of `story` that is in `places` read back from `spill` when asked. */
export function restoreParts(story: Story, spill: Spill, places: SpillPlaces): Story {
  const own = story as Restored;
  for (const place of Object.values(places)) if (place.fd !== spill.fd || (own[SPILL] && own[SPILL] !== spill)) throw new Error('a story was restored from the wrong spill file');
  // A story restored twice (its chapters from the cache, then its notes) keeps the places of both.
  const at = own[PLACES] ?? new Array<number>(2 * SPILLED.length).fill(-1);
  SPILLED.forEach((part, i) => {
    const place = places[part];
    if (place === undefined) return;
    [at[2 * i], at[2 * i + 1]] = [place.offset, place.length];
    Object.defineProperty(story, part, { enumerable: true, configurable: true, get: getters[part] });
  });
  for (const [key, value] of [[SPILL, spill], [PLACES, at]] as const) Object.defineProperty(own, key, { value, configurable: true });
  return story;
}

/** A story's own fields besides its parts: its metadata, what it was read from, its signature and its typography counts. */
export const HEAD = ['meta', 'source', 'signature', 'typography'] as const;

/** A story's own fields, as spilled together. */
type Head = Partial<Pick<Story, (typeof HEAD)[number]>>;

/** Where a story's head is (offset and length), and in which file: its parts may be in another (the worker's, the cache's). */
const HEAD_OFFSET = Symbol('spilled head offset');
const HEAD_LENGTH = Symbol('spilled head length');
const HEAD_SPILL = Symbol('head spill file');

type Headed = Story & { [HEAD_OFFSET]?: number; [HEAD_LENGTH]?: number; [HEAD_SPILL]?: Spill };

const headMemo = newMemo();

function headOf(story: Headed): Head {
  return readBack(headMemo, story, story[HEAD_SPILL]!, story[HEAD_OFFSET]!, story[HEAD_LENGTH]!) as Head;
}

/** One getter per field, shared by every story (as the parts' getters are). */
const headGetters = Object.fromEntries(HEAD.map((field) => [field, function (this: Headed): unknown { return headOf(this)[field]; }])) as Record<(typeof HEAD)[number], (this: Headed) => unknown>;

/**
 * A copy of a story whose head (`HEAD`) is spilled to `spill`, once
 * nothing will change it: a big book's stories then keep almost nothing
 * in memory, where their metadata was about 2 KB a story. The fields read
 * back, all together, the first time one is asked of a story other than
 * the last: a stage that walks the book story by story parses each head
 * once. They must not be changed after (a change would be lost); the load
 * stage spills a story's head once it is settled, and changes none after.
 *
 * A copy (made by `headed`): turning the story's own fields into getters
 * one by one would give each story a property table of its own (about
 * 0.8 KB), where the copy keeps V8's compact layout, shared by every story.
 */
export function spillHead(story: Story, spill: Spill): Story {
  const head: Head = {};
  for (const field of HEAD) if (field in story) (head as Record<string, unknown>)[field] = story[field];
  const place = spill.write(JSON.stringify(head));
  return headed(story, place.offset, place.length, spill);
}

/**
 * A copy of `story` (changed by `changes`) whose head reads back from
 * `spill` at `offset`. Every copy of a spilled head is made here, in one
 * way: a copy made any other way (`Object.defineProperties` with the
 * descriptors of a story made here, say) comes out in V8's dictionary mode,
 * about 0.8 KB a story (checked with `%HasFastProperties`).
 */
function headed(story: Story, offset: number, length: number, spill: Spill, changes: Partial<Story> = {}): Story {
  const fields: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(story);
  for (const field of HEAD) if (field in story) fields[field] = { enumerable: true, configurable: true, get: headGetters[field] };
  for (const [key, value] of Object.entries(changes)) fields[key] = { value, writable: true, enumerable: true, configurable: true };
  fields[HEAD_OFFSET] = { value: offset, configurable: true };
  fields[HEAD_LENGTH] = { value: length, configurable: true };
  fields[HEAD_SPILL] = { value: spill, configurable: true };
  return Object.defineProperties({}, fields) as Story;
}

/** Writes a story's parts to `spill` and makes them read back from there. */
export function spillStory(story: Story, spill: Spill): Story {
  return restoreParts(story, spill, spillParts(story, spill));
}

/**
 * A copy of a story with some fields changed, whose parts stay spilled
 * if they were (`{ ...story }` would read them all into the copy).
 */
export function withChanges(story: Story, changes: Partial<Story>): Story {
  const head = story as Headed;
  if (head[HEAD_SPILL]) return headed(story, head[HEAD_OFFSET]!, head[HEAD_LENGTH]!, head[HEAD_SPILL], changes);
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(story)) as Story;
  return Object.assign(copy, changes);
}
