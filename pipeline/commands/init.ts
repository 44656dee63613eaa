import { existsSync } from 'node:fs';
import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { EXIT } from '../runner.js';
import type { Anthology, Story } from '../model.js';
import { matchEntries } from '../config/entries.js';
import { decodeConfig } from '../config/index.js';
import { load, writeDiagnostics, type CommonArgs, type Io } from './shared.js';
import { writeJson } from './json.js';

/** Options of `init`: the common ones and `--force`. */
export interface InitArgs extends CommonArgs {
  force: boolean;
}

/** The folder anthology.yaml belongs in: the first input if it is a folder, else the first input file's folder. */
async function targetFolder(first: string, cwd: string): Promise<{ abs: string; shown: string } | null> {
  const abs = resolve(cwd, first);
  const st = await stat(abs).catch(() => null);
  if (!st) return null;
  return st.isDirectory() ? { abs, shown: first } : { abs: dirname(abs), shown: dirname(first) };
}

/** A YAML comment is one line: a line break in detected text would end it and leak the rest into the data. */
const oneLine = (s: string) => ` ${s.replace(/[\r\n\u2028\u2029]+/gu, ' ')}`;

/**
 * The path an entry names: relative to the anthology.yaml folder (`../b/x.txt`
 * for a file outside it), with `/` on every OS, as the build reads entries
 * (config/entries.ts), wherever it runs from. Absolute only when there is no
 * relative path (another drive on Windows).
 */
function entryPath(story: Story, folder: string, cwd: string): string {
  const rel = relative(folder, resolve(cwd, story.source.file));
  return isAbsolute(rel) ? rel : rel.split('\\').join('/');
}

/**
 * The text of anthology.yaml for a loaded book: anthology keys, `order:
 * manifest`, and one entry per story in reading order. Built with the yaml
 * Document API, so every value is quoted as YAML needs and comments sit
 * beside the entries they are about.
 */
export function initYaml(book: Anthology, folder: string, cwd: string): string {
  const doc = new Document({ title: book.meta.title, language: book.meta.language, order: 'manifest', stories: [] as unknown[] });
  doc.commentBefore = oneLine('Written by anthologist init from what it detected: correct the titles and authors, then build.');
  const list = doc.get('stories', true);
  if (!isSeq(list)) throw new Error('stories: not a list'); // cannot happen: made above
  for (const s of book.stories) list.add(storyNode(doc, s, folder, cwd));
  return yamlText(doc);
}

/** A new story's entry: its file, the detected title and authors, and comments for what is missing. */
function storyNode(doc: Document, s: Story, folder: string, cwd: string): YAMLMap {
  const entry: Record<string, unknown> = { file: entryPath(s, folder, cwd) };
  if (s.meta.title !== null) entry.title = s.meta.title;
  entry.authors = s.meta.authors;
  const node = doc.createNode(entry) as YAMLMap;
  const authors = node.get('authors', true);
  if (isSeq(authors)) {
    authors.flow = true; // `authors: [A. Writer]`, the style the README shows
    if (!s.meta.authors.length) authors.comment = oneLine('unknown: fill in');
  }
  // The comment stands where the title would go, so the editor sees where to add one.
  if (s.meta.title === null) {
    const key = node.items.find((p) => isScalar(p.key) && p.key.value === 'authors')?.key;
    if (isScalar(key)) key.commentBefore = oneLine(`untitled: shown as ${JSON.stringify(s.meta.displayTitle)}`);
  }
  return node;
}

function yamlText(doc: Document): string {
  // No line folding: a long title stays on its line, where the editor expects it.
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  // yaml leaves out the final line break when the document ends in a comment.
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** What `init --force` made of the existing anthology.yaml. */
export interface Merged {
  text: string;
  /** Stories given an entry for the first time. */
  added: number;
  /** The `order:` the file has. */
  order: string;
  /** Entries whose file is gone, now comments: the file they named and their line in the old file. */
  gone: { file: string; line: number }[];
}

/**
 * `init --force`: the existing anthology.yaml (already read and checked by
 * the build's loader, so `book` follows it), edited as a YAML Document so
 * everything the editor wrote stays as written, comments included. Only:
 * `title`, `language` and `order: manifest` are added if missing (the
 * values the book already has, and the order it is in); a story with no
 * entry gets one at the end of `stories:`, as a fresh init writes it; an
 * entry that names its file some other way than by the path from this
 * folder (as init once wrote: from the working directory) gets that path;
 * an entry whose file is not among the inputs is kept as it is if the file
 * exists, and turned into a comment, where it stood, if it does not.
 */
export function mergeYaml(existing: string, book: Anthology, folder: string, cwd: string, exists: (abs: string) => boolean = existsSync): Merged {
  const lc = new LineCounter();
  const doc = parseDocument(existing, { lineCounter: lc });
  // The build read and checked this file already; a syntax error here is one a caller of mergeYaml brings.
  if (doc.errors.length) throw new SyntaxError(doc.errors[0]!.message.split('\n')[0]);
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as YAMLMap as never; // an empty file, or one of comments only
  const map = doc.contents as unknown as YAMLMap;
  const indexOf = (key: string) => map.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
  if (indexOf('title') < 0) map.items.unshift(doc.createPair('title', book.meta.title));
  if (indexOf('language') < 0) map.items.splice(indexOf('title') + 1, 0, doc.createPair('language', book.meta.language));
  if (indexOf('order') < 0) {
    const at = indexOf('stories');
    map.items.splice(at < 0 ? map.items.length : at, 0, doc.createPair('order', 'manifest'));
  }
  const list: unknown = map.get('stories', true);
  // Absent, or `stories:` with nothing after it: a new list.
  const seq = isSeq(list) ? list : (doc.createNode([]) as YAMLSeq);
  if (seq !== list) map.set('stories', seq);
  const fileNode = (item: unknown) => (isMap(item) ? item.get('file', true) : item);
  const entries = seq.items.map((item) => String((fileNode(item) as { value?: unknown } | undefined)?.value ?? ''));
  const files = book.stories.map((s) => ({ abs: resolve(cwd, s.source.file), file: s.source.file }));
  const matched = matchEntries(entries, files, folder);
  const gone: Merged['gone'] = [];
  const dropped = new Set<number>();
  entries.forEach((file, i) => {
    const named = matched.filesOf[i]!;
    if (named.length === 1 && !matched.exact[i]) {
      const node = fileNode(seq.items[i]);
      if (isScalar(node)) node.value = entryPath(book.stories[named[0]!]!, folder, cwd);
    }
    // An entry that could be any of several files names none, but stands for one of them: it is not gone.
    if (named.length || matched.ambiguous[i]!.length || exists(resolve(folder, file))) return;
    const range = (seq.items[i] as Node).range;
    gone.push({ file, line: range ? lc.linePos(range[0]).line : 0 });
    dropped.add(i);
  });
  // New entries come last in the manifest order, as the stories had no entry did: after an
  // `order:` number greater than their place in the list, they take that number too (ties keep list order).
  const kept = seq.items.filter((_, i) => !dropped.has(i));
  const last = Math.max(0, ...kept.map((item, k) => {
    const n = isMap(item) ? item.get('order') : undefined;
    return typeof n === 'number' ? n : k + 1;
  }));
  const manifest = map.get('order') === 'manifest';
  let added = 0;
  book.stories.forEach((s, j) => {
    if (matched.entryOf[j]! >= 0) return;
    const node = storyNode(doc, s, folder, cwd);
    if (manifest && kept.length + added + 1 < last) node.set('order', last);
    seq.items.push(node);
    added++;
  });
  if (added) seq.flow = false; // `stories: []` becomes a block list
  // Each gone entry becomes comment lines where it stood: before the next entry, or after the list.
  let pending: string[] = [];
  seq.items = seq.items.filter((item, i) => {
    if (dropped.has(i)) {
      pending.push(...commentedOut(item as Node));
      return false;
    }
    if (pending.length) {
      const node = item as Node;
      node.commentBefore = [...pending, ...(node.commentBefore ? [node.commentBefore] : [])].join('\n');
      pending = [];
    }
    return true;
  });
  if (pending.length) seq.comment = [...(seq.comment ? [seq.comment] : []), ...pending].join('\n');
  const order = map.get('order');
  return { text: yamlText(doc), added, order: String(order), gone };
}

/** An entry as comment lines: the editor's comment above it as it was, a line saying why, then the entry, each line behind a `#`. */
function commentedOut(item: Node): string[] {
  const above = item.commentBefore;
  item.commentBefore = undefined;
  const one = new Document([]);
  (one.contents as YAMLSeq).items.push(item);
  const lines = one.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/u, '').split('\n');
  return [...(above ? [above] : []), ' anthologist init: no such file; the entry is kept as a comment', ...lines.map((l) => ` ${l}`)];
}

/**
 * `anthologist init`: writes anthology.yaml into the first input folder
 * (or the file `--config` names),
 * listing the stories in the detected order with their detected metadata
 * for the editor to correct. Refuses to overwrite an existing file unless
 * `--force` (exit 2), and writes nothing under `--strict` when the stories
 * have warnings (exit 3). With --force the existing file is read as usual and
 * edited ({@link mergeYaml}), so everything the editor wrote carries over. Messages go to stderr; `--json`
 * prints `{ file, stories, diagnostics }` on stdout.
 */
export async function init(args: InitArgs, io: Io): Promise<number> {
  const cwd = process.cwd();
  const first = args.inputs[0] ?? 'seeds';
  // --config names the file to write (or, with --force, to edit): the one the build would read.
  const named = args.config === undefined ? undefined : resolve(cwd, args.config);
  const folder = named ? { abs: dirname(named), shown: dirname(args.config!) } : await targetFolder(first, cwd);
  // A missing input falls through to load(), which reports it like every other command does.
  const path = named ?? (folder ? join(folder.abs, 'anthology.yaml') : '');
  const shown = args.config ?? (folder ? join(folder.shown, 'anthology.yaml') : '');
  const exists = folder !== null && (await access(path).then(() => true, () => false));
  if (exists && !args.force) {
    const why = `${shown} already exists; use --force to overwrite it`;
    io.err(`anthologist: ${why}\n`);
    // A CI step reading stdout finds JSON, as for any other command line it cannot carry out.
    if (args.json) await writeJson(io.out, { file: null, stories: [], diagnostics: [{ code: 'cli/usage', severity: 'error', message: why, file: shown }] });
    return EXIT.usage;
  }
  // A --config file yet to be written is not read: the stories are read as a build without it would.
  const { config: _, ...unnamed } = args;
  const { book, diagnostics, exitCode } = await load(named && !exists ? unnamed : args);
  await writeDiagnostics(io.err, diagnostics, args.verbose);
  // Under --strict a warning fails the command (exit 3), as a build writes no book then: nor is the file written.
  if (!book || !folder || exitCode !== EXIT.ok) {
    if (book && folder) io.err(`anthologist: ${shown} not written: --strict, and the stories have warnings\n`);
    if (args.json) await writeJson(io.out, { file: null, stories: [], diagnostics }, { diagnostics });
    return exitCode;
  }
  const count = `${book.stories.length} ${book.stories.length === 1 ? 'story' : 'stories'}`;
  let summary = `${count}, order: manifest`;
  try {
    const bytes = await readFile(path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
    // Decoded as the build read it (a UTF-16 file too): read as UTF-8 it would be garbage, edited into a new file.
    const existing = bytes === null ? null : decodeConfig(bytes);
    let text: string;
    if (existing === null) text = initYaml(book, folder.abs, cwd);
    else if (typeof existing !== 'string') {
      io.err(`anthologist: cannot read ${shown}: not UTF-8 text (line ${existing.line})\n`);
      return EXIT.usage;
    }
    else {
      let merged: Merged;
      try {
        merged = mergeYaml(existing, book, folder.abs, cwd);
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
        io.err(`anthologist: cannot read ${shown}: ${e.message}\n`);
        return EXIT.usage;
      }
      for (const g of merged.gone) io.err(`anthologist: ${shown}:${g.line}: "${g.file}" is not among the inputs and no such file exists: its entry is kept as a comment\n`);
      summary = `${count} (${merged.added} new), order: ${merged.order}`;
      text = merged.text;
    }
    // A --config file may be the first in its folder (editions/paperback.yaml).
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (e) {
    io.err(`anthologist: cannot write ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.build;
  }
  io.err(`wrote ${shown}: ${summary}\n`);
  const stories = book.stories.map((s) => ({ file: entryPath(s, folder.abs, cwd), title: s.meta.title, authors: s.meta.authors }));
  if (args.json) await writeJson(io.out, { file: shown, stories, diagnostics }, { diagnostics });
  return exitCode;
}
