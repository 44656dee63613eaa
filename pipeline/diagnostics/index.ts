import type { Diagnostic, SourcePos } from '../model.js';
import { catalogue, type Code } from './catalogue.js';

export { catalogue, type Code } from './catalogue.js';

/**
 * Collects diagnostics for one build. Stages receive one and only add to it;
 * nothing inside a stage prints, so the CLI, the JSON report and the library
 * API all see the same records.
 */
export class Messages {
  readonly list: Diagnostic[] = [];

  /** Adds a record whose severity comes from the catalogue. */
  add(code: Code, message: string, pos?: Partial<SourcePos>): Diagnostic {
    const d: Diagnostic = { code, severity: catalogue[code].severity, message };
    if (pos?.file !== undefined) d.file = pos.file;
    if (pos?.line !== undefined) d.line = pos.line;
    if (pos?.column !== undefined) d.column = pos.column;
    this.list.push(d);
    return d;
  }

  /**
   * Turns the errors with these codes into warnings (for `--keep-going`,
   * where a bad file is skipped rather than stopping the build).
   */
  downgrade(codes: readonly Code[], note: string): void {
    for (const d of this.list) {
      if (d.severity === 'error' && (codes as readonly string[]).includes(d.code)) {
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

  get errors(): Diagnostic[] {
    return this.list.filter((d) => d.severity === 'error');
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
