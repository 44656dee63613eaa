import { Messages, formatDiagnostic } from '../diagnostics/index.js';

export { sortDiagnostics } from '../diagnostics/index.js';
import type { Anthology, Diagnostic } from '../model.js';
import { Chunks, type Write } from './json.js';
import { checkBook, exitCodeFor, loadAnthology } from '../runner.js';

/**
 * Where the CLI writes; injectable so tests can capture it. A write may
 * return a promise to wait for before writing more (a full pipe): the long
 * outputs (messages, JSON reports) wait for it; short lines need not.
 */
export interface Io {
  out: Write;
  err: Write;
}

/** The options every command that reads stories shares. */
export interface CommonArgs {
  inputs: string[];
  json: boolean;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
  strict: boolean;
  keepGoing: boolean;
  maxFileSize: number;
  config?: string;
}

/** What read → parse → normalise → order made of the inputs, without writing a book. */
export interface Loaded {
  /** The ordered book, or null when an error stopped the pipeline. */
  book: Anthology | null;
  /**
   * Every diagnostic so far, sorted for display ({@link sortDiagnostics}):
   * walked afresh each time it is iterated (`Messages.sorted`), a big book's
   * story messages read back from disk a story's at a time, as `build` walks
   * its report's, never all held at once.
   */
  diagnostics: Iterable<Diagnostic>;
  /** 0 no errors, 1 errors in the input, 2 usage or configuration errors: the same rule as `build`. */
  exitCode: number;
}

/**
 * Runs the pipeline up to the ordered model, the same way `build` does
 * before it renders; with `check`, also what the formats would warn of as
 * they are written that the model shows (`checkBook`), without writing them.
 */
export async function load(args: CommonArgs, { check = false } = {}): Promise<Loaded> {
  const messages = new Messages();
  const book = await loadAnthology({ inputs: args.inputs, keepGoing: args.keepGoing, config: args.config, maxFileBytes: args.maxFileSize * 1024 * 1024 }, messages);
  if (check && book) await checkBook(book, messages);
  if (args.strict) messages.promoteWarnings();
  return { book, diagnostics: { [Symbol.iterator]: () => messages.sorted() }, exitCode: exitCodeFor(messages) };
}

/** Whether a diagnostic is shown to a human: informational ones only with `--verbose`. */
export function isShown(d: Diagnostic, verbose: boolean): boolean {
  return verbose || d.severity !== 'info';
}

const COLOURS: Record<Diagnostic['severity'], string> = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m' };

/**
 * Writes the shown diagnostics, one `file:line:col severity message [code]`
 * line each; with `colour`, the severity word is coloured (never in files or pipes).
 */
export async function writeDiagnostics(write: Write, list: Iterable<Diagnostic>, verbose: boolean, colour = false): Promise<void> {
  // A few dozen kilobytes a write: a big book has hundreds of thousands of lines.
  const out = new Chunks(write);
  for (const d of list) {
    if (!isShown(d, verbose)) continue;
    const line = formatDiagnostic(d);
    const written = out.add(`${colour ? line.replace(` ${d.severity} `, ` ${COLOURS[d.severity]}${d.severity}\u001b[0m `) : line}\n`);
    if (written) await written;
  }
  await out.flush();
}

/** Errors and warnings counted by {@link counting}. */
export interface Counted {
  errors: number;
  warnings: number;
}

/** `list` as it comes, counting its errors and warnings into `counted` on the way: a walk from disk is made once. */
export function* counting(list: Iterable<Diagnostic>, counted: Counted): Generator<Diagnostic> {
  for (const d of list) {
    if (d.severity === 'error') counted.errors++;
    else if (d.severity === 'warning') counted.warnings++;
    yield d;
  }
}

/** The errors among `list`, as they come. */
export function* errorsOf(list: Iterable<Diagnostic>): Generator<Diagnostic> {
  for (const d of list) if (d.severity === 'error') yield d;
}

/** "2 errors, 1 warning": a count of what was found, for the closing line on stderr. */
export function countLine({ errors, warnings }: Counted): string {
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
