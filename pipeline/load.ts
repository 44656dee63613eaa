import { access, stat } from 'node:fs/promises';
import { coverProblem } from './cover/declare.js';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { Messages } from './diagnostics/index.js';
import type { Anthology, Story } from './model.js';
import type { BuildOptions } from './options.js';
import { displayPath, findStoryFiles, storyFileSize } from './read/index.js';
import { loadAll, type Loaded, type StoryJob, type StorySettings } from './story-work.js';
import { Spill, type Spills } from './shared/spill.js';
import { InOrder } from './shared/in-order.js';
import { remember, searchCache, settle, spilledHead } from './story-cache.js';
import type { Cache } from './cache/index.js';
import { orderStories } from './order/index.js';
import { readConfig, type AnthologyConfig, type EntryPlace } from './config/index.js';
import { matchEntries, nearestFile } from './config/entries.js';
import { manifestOrder, resolveMeta } from './config/cascade.js';
import { checkFlags, epochProblem } from './config/flags.js';
import { quotesFor, typeset as typesetText } from './normalise/typography.js';

interface ConfigPlace {
  /** Absolute path of the anthology.yaml to read, if there is one. */
  abs?: string;
  /** The path as shown in messages. */
  shown?: string;
  /** The first input folder, for the default title. */
  firstFolder?: string;
}

/** Bytes of story files above which stories are spilled (BuildOptions.spillBytes): about 500,000 words. */
export const SPILL_BYTES = 4 * 1024 * 1024;

/**
 * The same for a build whose formats are all made of rendered pages (the
 * EPUB keeps every page it renders, as UTF-8, until it packs them): about 5
 * million words, the size the project's memory target for such a build is
 * set at (1 GB). Below it, spilling saved such a build from a twentieth to a
 * quarter of its memory and cost it a sixth of its time (a million words: 236–245 MB and
 * 2.55–2.69 s spilled, 250–259 MB and 2.0–2.3 s kept; 5 million: 540 MB
 * and 10.3–11.1 s, 694–725 MB and 8.8–9.6 s). Since pages are rendered one
 * at a time, 5 million words peak at about 280 MB spilled and 490–520 MB kept.
 */
export const HELD_SPILL_BYTES = 32 * 1024 * 1024;

/** anthology.yaml: the one named by --config, or the one beside the stories (first input folder, or the first file's folder). */
async function findConfig(opts: BuildOptions, inputs: string[], cwd: string): Promise<ConfigPlace> {
  const place: ConfigPlace = {};
  for (const input of inputs) {
    const abs = isAbsolute(input) ? input : join(cwd, input);
    const st = await stat(abs).catch(() => null);
    if (!st) continue;
    if (st.isDirectory()) place.firstFolder = abs;
    const cfg = join(st.isDirectory() ? abs : dirname(abs), 'anthology.yaml');
    if (!opts.config && (await access(cfg).then(() => true, () => false))) [place.abs, place.shown] = [cfg, displayPath(cfg, cwd)];
    break;
  }
  if (opts.config) [place.abs, place.shown] = [isAbsolute(opts.config) ? opts.config : join(cwd, opts.config), opts.config];
  return place;
}

/**
 * read/decode → parse → normalise → order, with the metadata cascade:
 * defaults < anthology.yaml < the story's own header < the editor's per-story
 * corrections < command-line flags. Returns null when an error stops the build.
 *
 * A big book's stories are spilled (see `shared/spill.ts`): `onSpill` is
 * given the spill files, for a caller that knows when the book is done with
 * to close them; otherwise they close when the stories are garbage.
 */
export async function loadAnthology(opts: BuildOptions, messages: Messages, cache?: Cache, onSpill?: (spills: Spills) => void): Promise<Anthology | null> {
  const cwd = opts.cwd ?? process.cwd();
  const inputs = opts.inputs?.length ? opts.inputs : ['seeds'];
  const checked = checkFlags({ title: opts.title, language: opts.language, order: opts.order, page: opts.page });
  const epoch = epochProblem(opts.env ?? process.env);
  for (const p of [...checked.problems, ...(epoch ? [epoch] : [])]) messages.add('config/invalid', p);
  if (checked.problems.length || epoch) return null;
  opts = { ...opts, ...(checked.flags as Pick<BuildOptions, 'title' | 'language' | 'order' | 'page'>) };
  const place = await findConfig(opts, inputs, cwd);
  let cfg: AnthologyConfig = {};
  let places: EntryPlace[] = [];
  let coverAt: EntryPlace | undefined;
  if (place.abs) {
    const found = await stat(place.abs).catch(() => undefined);
    if (!found) messages.add('config/invalid', `Configuration file not found: ${place.shown}`, { file: place.shown });
    else if (!found.isFile()) messages.add('config/invalid', `Configuration file ${place.shown} is not a file (a folder?): name the anthology.yaml itself`, { file: place.shown });
    const loaded = found?.isFile() ? await readConfig(place.abs, place.shown!, messages) : null;
    if (!loaded) return null;
    [cfg, places, coverAt] = [loaded.config, loaded.entries, loaded.cover];
  }
  const configDir = place.abs ? dirname(place.abs) : cwd;
  const files = await findStoryFiles(inputs, cwd, messages);
  // Entries name files from anthology.yaml's folder (see config/entries.ts): the same wherever the build runs from.
  const entries = cfg.stories ?? [];
  const matched = matchEntries(entries.map((e) => e.file), files, configDir);
  for (const d of matched.duplicates) {
    const earlier = places[d.earlier]?.line;
    messages.add('config/invalid', `stories[${d.entry}]: "${entries[d.entry]!.file}" names the same story file as stories[${d.earlier}]${earlier ? ` (line ${earlier})` : ''}: a file may have one entry`, { file: place.shown, ...places[d.entry] });
  }
  if (matched.duplicates.length) return null;
  if (!files.length && !messages.errors.length) messages.add('input/no-stories', `No story files (.txt, .md) in ${inputs.join(', ')}`);
  const language = opts.language ?? cfg.language ?? 'en';
  const stories: Story[] = [];
  const settings: StorySettings = { language, typography: cfg.typography ?? 'smart' };
  if (files.length) opts.onProgress?.({ stage: 'read', done: 0, total: files.length, label: files[0]!.file });
  const jobs = files.map((f, i): StoryJob => {
    const entry = entries[matched.entryOf[i]!];
    const job: StoryJob = { file: f, size: storyFileSize(f, opts.maxFileBytes), settings, ...(entry ? { entry } : {}), ...(cache ? { keyed: true } : {}) };
    if (opts.maxFileBytes !== undefined) job.maxBytes = opts.maxFileBytes;
    return job;
  });
  // A big book's stories wait on disk until a stage reads them (see shared/spill.ts). Judged by the
  // files' sizes: they are read one by one, by the thread that makes their story.
  const size = jobs.reduce((n, j) => n + j.size, 0);
  const spills = size > (opts.spillBytes ?? SPILL_BYTES) ? openSpills() : undefined;
  if (spills) onSpill?.(spills);
  // Progress by file: a story found in the cache, then each this thread starts to make. `done` counts
  // them rather than being the file's place: stories come from the cache first, and the worker takes
  // its own, so places come out of order and a bar drawn by them went back.
  let handled = 0;
  const progress = (i: number): void => opts.onProgress?.({ stage: 'read', done: handled++, total: files.length, label: files[i]!.file });
  // Each file's messages are added and its story kept in file order, however the work was shared, as soon as
  // the files before it are done: a big book's loaded stories are not all held until the last is made.
  const inOrder = new InOrder<Loaded>((loaded) => {
    // A big book's story messages wait on disk with its stories (written as each was made), until the report.
    if (loaded.written) messages.takeWritten(loaded.written, spills!.messages);
    else messages.take(loaded.diagnostics, spills?.messages);
    if (loaded.story) stories.push(loaded.story);
  });
  const { results, todo } = cache ? searchCache(jobs, cache, spills, progress) : { results: [] as Loaded[], todo: jobs.map((_, i) => i) };
  results.forEach((loaded, i) => inOrder.put(i, loaded));
  // Each story is cached, settled and (a big book's) its metadata spilled as it comes, not once all are made.
  await loadAll(todo.map((i) => jobs[i]!), spills, (k) => progress(todo[k]!), (loaded, k) => {
    if (loaded.key) remember(cache!, loaded.key, loaded, spills);
    // Stories found in the cache were settled when found.
    settle(loaded, spills);
    inOrder.put(todo[k]!, spilledHead(loaded, spills));
  });
  if (inOrder.used !== files.length) throw new Error(`loaded ${inOrder.used} of ${files.length} story files`);
  opts.onProgress?.({ stage: 'read', done: files.length, total: files.length });
  if (opts.keepGoing) messages.downgrade(['input/empty', 'input/binary', 'input/unreadable', 'input/too-large'], 'skipped: --keep-going');
  if (!stories.length && !messages.errors.length) messages.add('input/no-stories', `No usable story files in ${inputs.join(', ')}`);
  // A few suggestions are help; one for each of thousands of stale entries would cost a pass over the files each.
  let suggested = 0;
  entries.forEach((e, i) => {
    if (matched.filesOf[i]!.length) return;
    const could = matched.ambiguous[i]!;
    if (could.length) {
      const list = could.slice(0, 5).map((j) => files[j]!.file).join(', ') + (could.length > 5 ? `, and ${could.length - 5} more` : '');
      messages.add('config/ambiguous-story', `stories[${i}]: "${e.file}" could name any of ${could.length} story files (${list}): it is applied to none of them; name one by its path from ${displayPath(configDir, cwd) || '.'}, such as ${JSON.stringify(relative(configDir, files[could[0]!]!.abs).split('\\').join('/'))}`, { file: place.shown, ...places[i] });
      return;
    }
    const meant = suggested++ < 20 ? nearestFile(e.file, files, configDir) : undefined;
    messages.add('config/unknown-story', `anthology.yaml lists "${e.file}", which is not among the inputs${meant ? ` (did you mean ${JSON.stringify(meant)}?)` : ''}`, { file: place.shown, ...places[i] });
  });
  if (messages.errors.length) return null;
  const cli = { title: opts.title, language: opts.language, order: opts.order, page: opts.page };
  // The book's title is set as its stories' titles are (normalise), so the two never differ in their quotes and dashes.
  // In the book's language: its quotes are the book's own.
  const quotes = quotesFor(settings.language);
  const typeset = settings.typography === 'off' ? undefined : (s: string) => typesetText(s, {}, undefined, quotes);
  const meta = resolveMeta(cfg, cli, stories, { firstFolder: place.firstFolder, configDir }, opts.env ?? process.env, messages, typeset);
  // A bad cover is found before any book is written, so the output folder never mixes two builds.
  if (meta.cover) {
    const problem = coverProblem(meta.cover);
    if (problem) {
      messages.add('config/invalid', `cover: ${cfg.cover} ${problem}`, { file: place.shown, ...coverAt });
      return null;
    }
  }
  // The manifest as the files the entries name, in the editor's order: each file placed by its own entry.
  if (cfg.stories) meta.manifest = manifestOrder(cfg).flatMap((i) => matched.filesOf[i]!.map((j) => files[j]!.file));
  const rank = new Map((meta.manifest ?? []).map((file, k) => [file, k]));
  return { meta, stories: orderStories(stories, meta.order, meta.language, rank) };
}

/**
 * The spill files (this thread's, the worker's, the messages'), or none if
 * the temporary folder cannot take them: then the book stays in memory, as
 * a small one does. Nothing else is written there, so a read-only temporary
 * folder must not fail the build.
 */
function openSpills(): Spills | undefined {
  const opened: Spill[] = [];
  try {
    for (let i = 0; i < 3; i++) opened.push(Spill.create());
    const [here, worker, messages] = opened as [Spill, Spill, Spill];
    return { here, worker, messages };
  } catch {
    for (const s of opened) s.close();
    return undefined;
  }
}
