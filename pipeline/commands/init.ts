import { access, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Document, isScalar, isSeq, type YAMLMap } from 'yaml';
import { EXIT } from '../runner.js';
import type { Anthology, Story } from '../model.js';
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
  for (const s of book.stories) {
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
    list.add(node);
  }
  // No line folding: a long title stays on its line, where the editor expects it.
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  // yaml leaves out the final line break when the document ends in a comment.
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * `anthologist init`: writes anthology.yaml into the first input folder,
 * listing the stories in the detected order with their detected metadata
 * for the editor to correct. Refuses to overwrite an existing file unless
 * `--force` (exit 2). With --force the existing file is read as usual, so its
 * corrections carry over into the new one. Messages go to stderr; `--json`
 * prints `{ file, stories, diagnostics }` on stdout.
 */
export async function init(args: InitArgs, io: Io): Promise<number> {
  const cwd = process.cwd();
  const first = args.inputs[0] ?? 'seeds';
  const folder = await targetFolder(first, cwd);
  // A missing input falls through to load(), which reports it like every other command does.
  const path = folder ? join(folder.abs, 'anthology.yaml') : '';
  const shown = folder ? join(folder.shown, 'anthology.yaml') : '';
  if (folder && !args.force && (await access(path).then(() => true, () => false))) {
    io.err(`anthologist: ${shown} already exists; use --force to overwrite it\n`);
    return EXIT.usage;
  }
  const { book, diagnostics, exitCode } = await load(args);
  await writeDiagnostics(io.err, diagnostics, args.verbose);
  if (!book || !folder) {
    if (args.json) await writeJson(io.out, { file: null, stories: [], diagnostics });
    return exitCode;
  }
  try {
    await writeFile(path, initYaml(book, folder.abs, cwd));
  } catch (e) {
    io.err(`anthologist: cannot write ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.build;
  }
  io.err(`wrote ${shown}: ${book.stories.length} ${book.stories.length === 1 ? 'story' : 'stories'}, order: manifest\n`);
  const stories = book.stories.map((s) => ({ file: entryPath(s, folder.abs, cwd), title: s.meta.title, authors: s.meta.authors }));
  if (args.json) await writeJson(io.out, { file: shown, stories, diagnostics });
  return exitCode;
}
