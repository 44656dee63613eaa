import type { Diagnostic, SourcePos } from '../model.js';
import { catalogue, type Code } from './catalogue.js';

export { catalogue, type Code } from './catalogue.js';

/**
 * Collects diagnostics for one build. Stages receive one and only add to it;
 * nothing inside a stage prints, so the CLI, the JSON report and the library
 * API all see the same records.
 */
export class Messages {
  private items: Diagnostic[] = [];
  /** Records written to disk by `park`, and where in `items` each batch goes back. */
  private parked: { at: number; read: () => string }[] = [];
  private parkedErrors = 0;

  /** Every record, in the order added (records parked on disk are read back first, once). */
  get list(): Diagnostic[] {
    this.unpark();
    return this.items;
  }

  /** Adds a record whose severity comes from the catalogue. */
  add(code: Code, message: string, pos?: Partial<SourcePos>): Diagnostic {
    const d: Diagnostic = { code, severity: catalogue[code].severity, message };
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
  take<P>(records: readonly Diagnostic[], disk?: { write(text: string): P; read(place: P): string }): void {
    if (!disk || records.length === 0) {
      for (const d of records) this.items.push(d);
      return;
    }
    const place = disk.write(JSON.stringify(records));
    this.parked.push({ at: this.items.length, read: () => disk.read(place) });
    this.parkedErrors += records.filter((d) => d.severity === 'error').length;
  }

  private unpark(): void {
    if (this.parked.length === 0) return;
    const parked = this.parked;
    this.parked = [];
    this.parkedErrors = 0;
    const out: Diagnostic[] = [];
    let k = 0;
    for (const { at, read } of parked) {
      while (k < at) out.push(this.items[k++]!);
      for (const d of JSON.parse(read()) as Diagnostic[]) out.push(d);
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

/** Formats a record the way compilers do: `file:line:col severity message [code]`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}${d.line && d.column ? `:${d.column}` : ''} ` : '';
  return `${where}${d.severity} ${d.message} [${d.code}]`;
}

/**
 * Sorts diagnostics by file, line and column. Records without a file (about
 * the whole anthology) come first. Array.prototype.sort is stable, so records
 * at the same place keep the order the stages found them in. Strings compare
 * by code unit, not locale, so the order is the same on every machine.
 */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...list].sort((a, b) => cmp(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
