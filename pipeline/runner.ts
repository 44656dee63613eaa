import { createHash } from 'node:crypto';
import { closeSync, openSync, rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Messages } from './diagnostics/index.js';
import type { Anthology, Output, RenderPass } from './model.js';
import type { BuildOptions } from './options.js';
import { HELD_SPILL_BYTES, loadAnthology, SPILL_BYTES } from './load.js';
import { openCache, type Cache } from './cache/index.js';
import { inTurn, removeStaleTemps, tempFor } from './shared/temp.js';
import { coverInBackground } from './cover/background.js';
import { renderPass, TemplateError, templatesDirProblem } from './render/index.js';
import { emitters, type Emitter, type EmitInput } from './emit/index.js';
import { FileSink } from './emit/sink.js';
import type { Spills } from './shared/spill.js';
import { makeReport, type Report } from './report/index.js';
import { slugify } from './shared/slug.js';
import { checkOptions } from './options-check.js';
import { UsageError } from './usage-error.js';

export type { BuildOptions, Progress } from './options.js';
export { loadAnthology } from './load.js';
export { UsageError } from './usage-error.js';

/** Exit codes, one per kind of outcome. */
export const EXIT = { ok: 0, build: 1, usage: 2, strict: 3 } as const;

/** The result of a build: the report, and the exit code the CLI should use. */
export interface BuildResult {
  exitCode: number;
  report: Report;
  /** How much earlier builds' work was reused: cache lookups that hit, and that missed (absent when the cache is off). */
  cache?: { hits: number; misses: number };
}

/** The cache's folder inside the output folder, unless the options name another. */
export const CACHE_DIR = '.anthologist-cache';

/** Codes that mean the user asked for something impossible, rather than the input being bad. */
const USAGE_CODES = new Set(['input/not-found', 'config/invalid', 'build/template', 'build/output-folder']);

function failed(messages: Messages): number {
  const errs = messages.errors;
  if (!errs.length) return EXIT.ok;
  if (errs.some((e) => USAGE_CODES.has(e.code))) return EXIT.usage;
  return errs.every((e) => e.promoted) ? EXIT.strict : EXIT.build;
}

/** The exit code for a run's diagnostics, for commands that stop before writing books (lint, inspect, init). */
export function exitCodeFor(messages: Messages): number {
  return failed(messages);
}

/**
 * What each format would warn of as it is written that the loaded book
 * already shows (the PDF: characters no font has), without writing any:
 * for `lint`, so that it fails under `--strict` where `build` would.
 */
export async function checkBook(book: Anthology, messages: Messages): Promise<void> {
  for (const emitter of Object.values(emitters)) await emitter.check?.({ anthology: book, messages });
}

/** Temporary files being written right now, so a signal handler can remove them. */
const writing = new Set<string>();

/** Removes the temporary files of writes still under way (for SIGINT/SIGTERM): the books stay as they were. */
export function removeTemporaryFiles(): void {
  for (const tmp of writing) rmSync(tmp, { force: true });
  writing.clear();
}

/**
 * Writes a book to a temporary file beside the target, then renames it: a
 * failed build never leaves half a book. Temporary files a killed build left
 * for this book (`<book>.<pid>.tmp`) are removed first. A streaming emitter
 * writes straight into the file; another's bytes are written once made.
 * Another build in this process writing the same book waits its turn.
 */
function writeBook(path: string, emitter: Emitter, input: EmitInput, keep?: () => boolean): Promise<Omit<Output, 'format' | 'path'> | null> {
  return inTurn(path, () => writeBookNow(path, emitter, input, keep));
}

/** {@link writeBook} in its turn; null, with nothing written, if `keep` says no once the book is made. */
async function writeBookNow(path: string, emitter: Emitter, input: EmitInput, keep?: () => boolean): Promise<Omit<Output, 'format' | 'path'> | null> {
  removeStaleTemps(path);
  const tmp = tempFor(path);
  writing.add(tmp);
  try {
    let written: Omit<Output, 'format' | 'path'>;
    if (emitter.emitTo) {
      const fd = openSync(tmp, 'w');
      try {
        const sink = new FileSink(fd);
        const { pages } = await emitter.emitTo(input, sink);
        written = { ...sink.finish(), ...(pages !== undefined ? { pages } : {}) };
      } finally {
        closeSync(fd);
      }
    } else {
      const bytes = await emitter.emit(input);
      await writeFile(tmp, bytes);
      written = { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    }
    if (keep && !keep()) {
      await rm(tmp, { force: true });
      return null;
    }
    await rename(tmp, path);
    return written;
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    writing.delete(tmp);
  }
}

/**
 * Builds the anthology: the whole pipeline, ending in written books and a
 * report. Options it cannot take (an unknown name, a value of the wrong
 * type, an unknown format) reject with a {@link UsageError} before anything
 * is read; every other problem is in the returned report and exit code.
 */
export async function buildAnthology(opts: BuildOptions = {}): Promise<BuildResult> {
  checkOptions(opts);
  const messages = new Messages();
  const cwd = opts.cwd ?? process.cwd();
  // Each format once: `epub,epub` would write the same file twice and list it twice.
  const formats = [...new Set(opts.formats?.length ? opts.formats : Object.keys(emitters))];
  const unknown = formats.filter((f) => !Object.hasOwn(emitters, f));
  if (unknown.length) throw new UsageError(`Unknown format: ${unknown.join(', ')} (known: ${Object.keys(emitters).join(', ')})`);
  const outDir = resolve(cwd, opts.outDir ?? 'output');
  const cacheShown = typeof opts.cache === 'string' ? opts.cache : join(opts.outDir ?? 'output', CACHE_DIR);
  // A cache folder that cannot be used or saved to is said when the cache is saved (the books are the same without it).
  const cacheProblem = (what: string): void => void messages.add('build/cache-unusable', `The build cache ${what}`, { file: cacheShown });
  const cache = opts.cache === false ? undefined : openCache(typeof opts.cache === 'string' ? resolve(cwd, opts.cache) : join(outDir, CACHE_DIR), cacheProblem);
  const spills: Spills[] = [];
  let result: BuildResult | undefined;
  try {
    return (result = await build(opts, messages, formats, outDir, cache, (s) => spills.push(s)));
  } finally {
    // Saved by a build that got to the end; let go of unsaved otherwise.
    cache?.close();
    // The report reads its stories and removed lines from the spilled stories as it is walked (`storiesOf`),
    // and its messages from theirs (`diagnosticsOf`): their files are closed when it is collected.
    if (result) reportSpills.register(result.report, spills);
    else closeSpills(spills);
  }
}

/** Closes a build's spilled stories' files: the book can no longer be read. */
function closeSpills(spills: readonly Spills[]): void {
  for (const { here, worker } of spills) [here, worker].forEach((s) => s.close());
}

/** Closes the spill files a report reads from once the report is garbage. */
const reportSpills = new FinalizationRegistry<readonly Spills[]>(closeSpills);

/**
 * The default `spillBytes` of a build of `formats`: a format set straight
 * from the model (the PDF) holds one story at a time, and a big book's
 * stories wait on disk for it; formats made of rendered pages (the EPUB)
 * hold every page until it is packed, and keep stories in memory up to a
 * larger size ({@link HELD_SPILL_BYTES}), which is faster.
 */
export function spillBytesFor(formats: readonly string[]): number {
  return formats.some((f) => emitters[f] !== undefined && emitters[f].usesRendered !== true) ? SPILL_BYTES : HELD_SPILL_BYTES;
}

/** The pipeline once the cache is open: load → render → emit → report. */
async function build(opts: BuildOptions, messages: Messages, formats: string[], outDir: string, cache: Cache | undefined, onSpill: (s: Spills) => void): Promise<BuildResult> {
  const cwd = opts.cwd ?? process.cwd();
  // A misspelt --templates folder is a mistake whatever the formats (a PDF-only build never reads it), said before any work.
  const templatesProblem = opts.templates === undefined ? undefined : templatesDirProblem(resolve(cwd, opts.templates));
  if (templatesProblem) {
    messages.add('build/template', templatesProblem, { file: opts.templates });
    return { exitCode: failed(messages), report: makeReport(null, [], messages) };
  }
  const book = await loadAnthology({ ...opts, spillBytes: opts.spillBytes ?? spillBytesFor(formats) }, messages, cache, onSpill);
  // Under --strict every warning is an error, and a build with errors writes no book.
  if (opts.strict) messages.promoteWarnings();
  if (!book || messages.errors.length) return { exitCode: failed(messages), report: makeReport(book, [], messages) };

  // The cover is drawn on another core while the book is rendered.
  const cover = formats.some((f) => emitters[f]!.usesCover) ? coverInBackground(book, cache) : undefined;
  // Its errors are reported by the emitter that uses it; a build that stops before then must not crash on them.
  cover?.catch(() => {});
  // Only the formats made of XHTML documents (the EPUB) need the book rendered.
  const renders = (f: string): boolean => emitters[f]!.usesRendered === true;
  // The templates are read here; the pages are rendered one at a time as the emitter writes them.
  let rendered: RenderPass | undefined;
  try {
    if (formats.some(renders)) {
      opts.onProgress?.({ stage: 'render', done: 0, total: 1 });
      rendered = renderPass(book, { templatesDir: opts.templates ? resolve(cwd, opts.templates) : undefined, cache });
    }
  } catch (e) {
    templateProblem(messages, e as Error);
    return { exitCode: failed(messages), report: makeReport(book, [], messages) };
  }
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    messages.add('build/output-folder', `Cannot use ${opts.outDir ?? 'output'} as the output folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: opts.outDir ?? 'output' });
    return { exitCode: failed(messages), report: makeReport(book, [], messages) };
  }
  const outputs: Output[] = [];
  // Under --strict a warning means no book: the formats that may warn as they are written go first,
  // and a book whose writing warned is not kept, so none is written before the warning is known.
  const mayWarn = (f: string): number => (emitters[f]!.warnsWhileWriting === true ? 0 : 1);
  const order = opts.strict ? [...formats].sort((a, b) => mayWarn(a) - mayWarn(b)) : formats;
  const inOrder = (): Output[] => outputs.sort((a, b) => formats.indexOf(a.format) - formats.indexOf(b.format));
  for (const [i, format] of order.entries()) {
    opts.onProgress?.({ stage: 'emit', done: i, total: formats.length, label: format });
    const emitter = emitters[format]!;
    // The slug has no separators, so the file can only land inside outDir.
    const name = `${slugify(book.meta.title)}.${emitter.extension}`;
    const input: EmitInput = { anthology: book, messages, cache, ...(emitter.usesRendered ? { rendered } : {}), ...(emitter.usesCover && cover ? { cover } : {}) };
    // Let the rendered book go once no emitter left reads it: the PDF is then set without it in memory.
    if (!order.slice(i + 1).some(renders)) rendered = undefined;
    const warnings = messages.warningsAdded;
    try {
      const written = await writeBook(join(outDir, name), emitter, input, opts.strict ? () => messages.warningsAdded === warnings : undefined);
      if (written === null) {
        messages.promoteWarnings();
        return { exitCode: failed(messages), report: makeReport(book, inOrder(), messages) };
      }
      const shown = isAbsolute(opts.outDir ?? '') ? join(outDir, name) : join(opts.outDir ?? 'output', name);
      outputs.push({ format, path: shown, ...written });
    } catch (e) {
      // A template that cannot be filled stops the build, as it would have before any book was written.
      if (e instanceof TemplateError) {
        templateProblem(messages, e);
        return { exitCode: failed(messages), report: makeReport(book, inOrder(), messages) };
      }
      messages.add('build/emit-failed', `Could not write the ${format.toUpperCase()}: ${(e as Error).message}`);
    }
  }
  opts.onProgress?.({ stage: 'emit', done: formats.length, total: formats.length });
  cache?.save();
  return { exitCode: failed(messages), report: makeReport(book, inOrder(), messages), ...(cache ? { cache: { ...cache.stats } } : {}) };
}

/** Reports a template that cannot be read or filled, with its file and line where Handlebars gives them. */
function templateProblem(messages: Messages, e: Error): void {
  // Handlebars says `"x" not defined in [object Object] - 3:6`: say it in an editor's words, with the place.
  const msg = e.message.replace(/ not defined in \[object Object\] - (\d+):(\d+)/u, ' is not defined (line $1, column $2)');
  const where = /\(([^()]+\.(?:hbs|css))\).*\(line (\d+), column (\d+)\)/u.exec(msg);
  messages.add('build/template', msg, where ? { file: where[1], line: Number(where[2]), column: Number(where[3]) } : undefined);
}
