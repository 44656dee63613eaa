import type { Diagnostic, SourcePos } from '../model.js';
import { catalogue, type Code } from './catalogue.js';

import { ParkedBatches, type Disk } from './parked.js';
import { stringSharer } from './shared-strings.js';
import { fileKey, mergeParked, sortDiagnostics } from './sorted.js';

export { sortDiagnostics } from './sorted.js';

export { catalogue, type Code } from './catalogue.js';
export type { Disk } from './parked.js';
export { formatDiagnostic, printable } from './format.js';
export { MESSAGES_SHARED, stringSharer } from './shared-strings.js';

/** Records written to a disk by `writeRecords`: where, and how many of them are errors and warnings. */
export interface Written<P> {
  place: P;
  errors: number;
  /** How many are warnings (absent: none). */
  warnings?: number;
  /**
   * The first and last record's file (`''` for none), if the records are in
   * the report's order of files; null if they are not. Absent for no records.
   */
  files?: [string, string] | null;
}

/** Writes records to a disk, each followed by a comma: batches written one after another read back as one. */
export function writeRecords<P>(records: readonly Diagnostic[], disk: Disk<P>): Written<P> {
  const written: Written<P> = { place: disk.write(records.map((d) => `${JSON.stringify(d)},`).join('')), errors: records.filter((d) => d.severity === 'error').length };
  const warnings = records.filter((d) => d.severity === 'warning').length;
  if (warnings) written.warnings = warnings;
  if (records.length > 0) written.files = records.every((d, i) => i === 0 || fileKey(records[i - 1]!) <= fileKey(d)) ? [fileKey(records[0]!), fileKey(records.at(-1)!)] : null;
  return written;
}

/** The records `writeRecords` wrote at `place` (or at places joined). */
export function readRecords<P>(disk: Disk<P>, place: P): Diagnostic[] {
  return JSON.parse(`[${disk.read(place).slice(0, -1)}]`) as Diagnostic[];
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
  private parkedWarnings = 0;
  /** Whether parked warnings are errors (`--strict`): they are made so as they are read back. */
  private parkedPromoted = false;
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
    // Under --strict a warning parked now is an error as the ones before it are.
    if (this.parkedPromoted) this.parkedErrors += written.warnings ?? 0;
    else this.parkedWarnings += written.warnings ?? 0;
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
    yield* mergeParked(this.items, this.parked, (disk, place) => this.readBack(disk, place));
  }

  private unpark(): void {
    if (this.parked.length === 0) return;
    const parked = this.parked;
    this.parked = new ParkedBatches();
    this.parkedErrors = 0;
    this.parkedWarnings = 0;
    const out: Diagnostic[] = [];
    const shared = stringSharer();
    let k = 0;
    for (const { at, disk, place } of parked) {
      while (k < at) out.push(this.items[k++]!);
      for (const d of shared(this.readBack(disk, place))) out.push(d);
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

  /** Parked records read back, their warnings made errors under `--strict`. */
  private readBack<P>(disk: Disk<P>, place: P): Diagnostic[] {
    const records = readRecords(disk, place);
    if (this.parkedPromoted) records.forEach(promote);
    return records;
  }

  /**
   * Makes every warning an error (for `--strict`); they are marked so the
   * exit code can tell them apart. Parked records are made so as they are
   * read back: a big book's (over half a million at 20,000 stories, about
   * 90 MB) were read back whole for this, and held to the end of the build,
   * even when none was a warning.
   */
  promoteWarnings(): void {
    this.items.forEach(promote);
    this.parkedPromoted = true;
    this.parkedErrors += this.parkedWarnings;
    this.parkedWarnings = 0;
  }

  /** The errors (without reading parked records back unless some are errors). */
  get errors(): Diagnostic[] {
    if (this.parkedErrors > 0) this.unpark();
    return this.items.filter((d) => d.severity === 'error');
  }
}

/** A warning made an error, and marked as made one (`--strict`). */
function promote(d: Diagnostic): void {
  if (d.severity !== 'warning') return;
  d.severity = 'error';
  d.promoted = true;
}
