import type { Diagnostic, SourcePos } from '../model.js';
import { catalogue, type Code } from './catalogue.js';

import { ParkedBatches, type Disk } from './parked.js';
import { fileKey, mergeParked, sortDiagnostics } from './sorted.js';

export { sortDiagnostics } from './sorted.js';

export { catalogue, type Code } from './catalogue.js';
export type { Disk } from './parked.js';

/** Records written to a disk by `writeRecords`: where, and how many of them are errors. */
export interface Written<P> {
  place: P;
  errors: number;
  /**
   * The first and last record's file (`''` for none), if the records are in
   * the report's order of files; null if they are not. Absent for no records.
   */
  files?: [string, string] | null;
}

/** Writes records to a disk, each followed by a comma: batches written one after another read back as one. */
export function writeRecords<P>(records: readonly Diagnostic[], disk: Disk<P>): Written<P> {
  const written: Written<P> = { place: disk.write(records.map((d) => `${JSON.stringify(d)},`).join('')), errors: records.filter((d) => d.severity === 'error').length };
  if (records.length > 0) written.files = records.every((d, i) => i === 0 || fileKey(records[i - 1]!) <= fileKey(d)) ? [fileKey(records[0]!), fileKey(records.at(-1)!)] : null;
  return written;
}

/** The records `writeRecords` wrote at `place` (or at places joined). */
export function readRecords<P>(disk: Disk<P>, place: P): Diagnostic[] {
  return JSON.parse(`[${disk.read(place).slice(0, -1)}]`) as Diagnostic[];
}

/**
 * A function that gives records' oft-repeated strings (code, severity,
 * file) one copy each, shared by every record it is given. Records read
 * back or copied from another thread have their own copy of every string,
 * and a big book has hundreds of thousands, kept to the end: read back
 * unshared, 200,000 records took about 570 bytes each, shared about 160.
 * Messages are shared too, the first {@link MESSAGES_SHARED} different ones
 * at most: many repeat (a doubled "the the", a removed "* * *"), and a
 * book of messages that never repeat must not fill a table as large as
 * they are. Assigned in place: the properties keep their order, and so the
 * report its bytes.
 */
export function stringSharer(): (records: Diagnostic[]) => Diagnostic[] {
  const one = pooled(Infinity);
  const message = pooled(MESSAGES_SHARED);
  return (records) => {
    for (const d of records) {
      d.code = one(d.code);
      d.severity = one(d.severity) as Diagnostic['severity'];
      if (d.file !== undefined) d.file = one(d.file);
      d.message = message(d.message);
    }
    return records;
  };
}

/** Different messages a {@link stringSharer} keeps one copy of. */
export const MESSAGES_SHARED = 65_536;

/** A function giving one copy of each string it is given, of the first `limit` different ones. */
function pooled(limit: number): (s: string) => string {
  const pool = new Map<string, string>();
  return (s) => {
    const known = pool.get(s);
    if (known !== undefined) return known;
    if (pool.size < limit) pool.set(s, s);
    return s;
  };
}

/**
 * Collects diagnostics for one build. Stages receive one and only add to it;
 * nothing inside a stage prints, so the CLI, the JSON report and the library
 * API all see the same records.
 */
export class Messages {
  private items: Diagnostic[] = [];
  /** Records written to disk by `take`, and where in `items` each batch goes back. */
  private parked = new ParkedBatches();
  private parkedErrors = 0;
  /** Whether the parked batches' records are in the report's order of files, the last one's last file: see `sorted`. */
  private parkedInOrder = true;
  private lastParkedFile = '';

  /** Every record, in the order added (records parked on disk are read back first, once). */
  get list(): Diagnostic[] {
    this.unpark();
    return this.items;
  }

  /** Warnings added with `add` so far: a stage can tell whether it raised any, without reading parked records back. */
  warningsAdded = 0;

  /** Adds a record whose severity comes from the catalogue. */
  add(code: Code, message: string, pos?: Partial<SourcePos>): Diagnostic {
    const d: Diagnostic = { code, severity: catalogue[code].severity, message };
    if (d.severity === 'warning') this.warningsAdded++;
    if (pos?.file !== undefined) d.file = pos.file;
    if (pos?.line !== undefined) d.line = pos.line;
    if (pos?.column !== undefined) d.column = pos.column;
    this.items.push(d);
    return d;
  }

  /**
   * Adds records made elsewhere (another file's or thread's), in order. With
   * `disk`, they wait there until the list is read (for the report, at the
   * end of the build): a big book's stories can have hundreds of thousands
   * of messages, which memory would otherwise hold while the books are set.
   */
  take<P>(records: readonly Diagnostic[], disk?: Disk<P>): void {
    if (!disk || records.length === 0) {
      for (const d of records) this.items.push(d);
      return;
    }
    this.takeWritten(writeRecords(records, disk), disk);
  }

  /**
   * Adds records already written to `disk` (by `writeRecords`, as a story's
   * messages are the moment it is made, however long before they are
   * added here), in order.
   */
  takeWritten<P>(written: Written<P>, disk: Disk<P>): void {
    // One story's batch right after another's (as a cache's stories are) is one entry, not one a story.
    this.parked.push(this.items.length, disk, written.place);
    this.parkedErrors += written.errors;
    if (written.files === undefined) return;
    if (written.files === null || written.files[0] < this.lastParkedFile) this.parkedInOrder = false;
    else this.lastParkedFile = written.files[1];
  }

  /**
   * Every record in the report's order ({@link sortDiagnostics}), the same
   * records in the same order as sorting `list`, but without reading every
   * parked record back at once: a big book's story messages were parked in
   * the order of their files, one story's after another's, so they are read
   * back one batch at a time and each file's merged with those in memory.
   * (A 20,000-story book has over half a million, about 90 MB as objects.)
   * Records parked out of that order are read back whole and sorted.
   */
  *sorted(): Generator<Diagnostic> {
    if (this.parked.length === 0 || !this.parkedInOrder) return yield* sortDiagnostics(this.list);
    yield* mergeParked(this.items, this.parked, readRecords);
  }

  private unpark(): void {
    if (this.parked.length === 0) return;
    const parked = this.parked;
    this.parked = new ParkedBatches();
    this.parkedErrors = 0;
    const out: Diagnostic[] = [];
    const shared = stringSharer();
    let k = 0;
    for (const { at, disk, place } of parked) {
      while (k < at) out.push(this.items[k++]!);
      for (const d of shared(readRecords(disk, place))) out.push(d);
    }
    while (k < this.items.length) out.push(this.items[k++]!);
    this.items = out;
  }

  /**
   * Turns the errors with these codes into warnings (for `--keep-going`,
   * where a bad file is skipped rather than stopping the build).
   */
  downgrade(codes: readonly Code[], note: string): void {
    for (const d of this.errors) {
      if ((codes as readonly string[]).includes(d.code)) {
        d.severity = 'warning';
        d.message += ` (${note})`;
      }
    }
  }

  /** Makes every warning an error (for `--strict`); they are marked so the exit code can tell them apart. */
  promoteWarnings(): void {
    for (const d of this.list) {
      if (d.severity === 'warning') {
        d.severity = 'error';
        d.promoted = true;
      }
    }
  }

  /** The errors (without reading parked records back unless some are errors). */
  get errors(): Diagnostic[] {
    if (this.parkedErrors > 0) this.unpark();
    return this.items.filter((d) => d.severity === 'error');
  }
}

/**
 * Control characters (C0, DEL, C1) and the bidi embeddings, overrides and
 * isolates. A file name or a quoted token is the input's: an escape sequence
 * in it would act on the terminal, a newline would split the one-line record,
 * an override would show it reversed.
 */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;

/** `s` with each {@link UNPRINTABLE} character shown as its `\uXXXX` escape (for text printed for people). */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Formats a record the way compilers do: `file:line:col severity message [code]`, its text printable. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}${d.line && d.column ? `:${d.column}` : ''} ` : '';
  return printable(`${where}${d.severity} ${d.message} [${d.code}]`);
}
