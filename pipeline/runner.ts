import { createHash } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { Messages } from './diagnostics/index.js';
import type { Anthology, Output, Story } from './model.js';
import { findStoryFiles, readStory } from './read/index.js';
import { parseStory } from './parse/index.js';
import { normaliseStory } from './normalise/index.js';
import { matchesFile, orderStories } from './order/index.js';
import { render } from './render/index.js';
import { emitters } from './emit/index.js';
import { loadConfig, type AnthologyConfig } from './config/index.js';
import { applyStoryEntries, checkStoryMeta, resolveMeta } from './config/cascade.js';
import { makeReport, type Report } from './report/index.js';
import { slugify } from './shared/slug.js';

/** Options of a build; everything has a default. */
export interface BuildOptions {
  /** Story files or folders. Default: `seeds`. */
  inputs?: string[];
  /** Output folder. Default: `output`. */
  outDir?: string;
  /** Formats to write, from the emitter registry. Default: all (`epub`, `pdf`). */
  formats?: string[];
  /** Anthology title: overrides anthology.yaml. */
  title?: string;
  /** Folder that relative paths start from. Default: `process.cwd()`. */
  cwd?: string;
  /** Skip unusable story files (empty, binary, unreadable) with a warning instead of stopping. */
  keepGoing?: boolean;
  /** Environment read for SOURCE_DATE_EPOCH. Default: `process.env`. */
  env?: Record<string, string | undefined>;
}

/** Exit codes, one per kind of outcome. */
export const EXIT = { ok: 0, build: 1, usage: 2 } as const;

/** The result of a build: the report, and the exit code the CLI should use. */
export interface BuildResult {
  exitCode: number;
  report: Report;
}

/** Codes that mean the user asked for something impossible, rather than the input being bad. */
const USAGE_CODES = new Set(['input/not-found', 'config/invalid']);

function failed(messages: Messages): number {
  const errs = messages.errors;
  if (!errs.length) return EXIT.ok;
  return errs.some((e) => USAGE_CODES.has(e.code)) ? EXIT.usage : EXIT.build;
}

/** The exit code for a run's diagnostics, for commands that stop before writing books (lint, inspect, init). */
export function exitCodeFor(messages: Messages): number {
  return failed(messages);
}

/** Finds anthology.yaml beside the stories: in the first input folder, or the folder of the first input file. */
async function findConfig(inputs: string[], cwd: string): Promise<{ abs: string; shown: string; folder?: string } | null> {
  for (const input of inputs) {
    const abs = isAbsolute(input) ? input : join(cwd, input);
    const st = await stat(abs).catch(() => null);
    if (!st) continue;
    const dir = st.isDirectory() ? abs : dirname(abs);
    const cfg = join(dir, 'anthology.yaml');
    const exists = await access(cfg).then(() => true, () => false);
    return exists ? { abs: cfg, shown: join(st.isDirectory() ? input : dirname(input), 'anthology.yaml'), folder: st.isDirectory() ? abs : undefined } : { abs: '', shown: '', folder: st.isDirectory() ? abs : undefined };
  }
  return null;
}

/**
 * read/decode → parse → normalise → order: the book as a model, with the
 * diagnostics so far. Returns null for the book when an error stops the build.
 */
export async function loadAnthology(opts: BuildOptions, messages: Messages): Promise<Anthology | null> {
  const cwd = opts.cwd ?? process.cwd();
  const inputs = opts.inputs?.length ? opts.inputs : ['seeds'];
  const found = await findConfig(inputs, cwd);
  let cfg: AnthologyConfig = {};
  if (found?.abs) {
    const loaded = await loadConfig(found.abs, found.shown, messages);
    if (!loaded) return null;
    cfg = loaded;
  }
  const files = await findStoryFiles(inputs, cwd, messages);
  if (!files.length && !messages.errors.length) messages.add('input/no-stories', `No story files (.txt, .md) in ${inputs.join(', ')}`);
  const language = cfg.language ?? 'en';
  const stories: Story[] = [];
  for (const f of files) {
    const src = await readStory(f, messages);
    if (!src) continue;
    const story = applyStoryEntries(parseStory(src, messages, language), cfg.stories);
    checkStoryMeta(story, messages);
    stories.push(normaliseStory(story, messages));
  }
  if (opts.keepGoing) messages.downgrade(['input/empty', 'input/binary', 'input/unreadable'], 'skipped: --keep-going');
  if (!stories.length && !messages.errors.length) messages.add('input/no-stories', `No usable story files in ${inputs.join(', ')}`);
  for (const e of cfg.stories ?? []) {
    if (!files.some((f) => matchesFile(f.file, e.file))) messages.add('config/unknown-story', `anthology.yaml lists "${e.file}", which is not among the inputs`, { file: found?.shown });
  }
  if (messages.errors.length) return null;
  const meta = resolveMeta(cfg, { title: opts.title }, stories, found?.folder, opts.env ?? process.env, messages);
  return { meta, stories: orderStories(stories, meta.order, meta.language, meta.manifest) };
}

/** Writes bytes to a temporary file beside the target, then renames it: a failed build never leaves half a book. */
async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Builds the anthology: the whole pipeline, ending in written books and a report. */
export async function buildAnthology(opts: BuildOptions = {}): Promise<BuildResult> {
  const messages = new Messages();
  const cwd = opts.cwd ?? process.cwd();
  const formats = opts.formats?.length ? opts.formats : Object.keys(emitters);
  const unknown = formats.filter((f) => !Object.hasOwn(emitters, f));
  if (unknown.length) throw new UsageError(`Unknown format: ${unknown.join(', ')} (known: ${Object.keys(emitters).join(', ')})`);
  const book = await loadAnthology(opts, messages);
  if (!book) return { exitCode: failed(messages), report: makeReport(null, [], messages.list) };

  const rendered = render(book);
  const outDir = resolve(cwd, opts.outDir ?? 'output');
  await mkdir(outDir, { recursive: true });
  const outputs: Output[] = [];
  for (const format of formats) {
    const emitter = emitters[format]!;
    // The slug has no separators, so the file can only land inside outDir.
    const path = join(outDir, `${slugify(book.meta.title)}.${emitter.extension}`);
    try {
      const bytes = await emitter.emit({ anthology: book, rendered, messages });
      await writeAtomic(path, bytes);
      const shown = isAbsolute(opts.outDir ?? '') ? path : join(opts.outDir ?? 'output', `${slugify(book.meta.title)}.${emitter.extension}`);
      outputs.push({ format, path: shown, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
    } catch (e) {
      messages.add('build/emit-failed', `Could not write the ${format.toUpperCase()}: ${(e as Error).message}`);
    }
  }
  return { exitCode: failed(messages), report: makeReport(book, outputs, messages.list) };
}

/** An error in how the tool was called (exit code 2), as opposed to a problem with the input. */
export class UsageError extends Error {}
