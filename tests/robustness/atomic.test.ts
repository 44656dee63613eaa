import { existsSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli.js';
import { available, qpdfCheck, skipWithout } from '../helpers/tools.js';
import { baseEnv, cleanup, listFiles, runCli, sha256, snapshot, tempDir, writeTree, type CliRun } from '../helpers/robustness.js';
import { story, tinyStories } from './fixtures.js';

/**
 * Atomic outputs: a build that fails, or is killed, never leaves half a book
 * under a book's name, and never touches the books of an earlier build.
 * (README: "Books are written to a temporary file and renamed, so a failed
 * build never leaves half a book.")
 */

const TITLE = 'Atomic Tales';
const BOOKS = ['atomic-tales.epub', 'atomic-tales.pdf'];
/** Anything a build may leave that is not a book: a temporary file named `<book>.<pid>.tmp`. */
const TMP = /^atomic-tales\.(?:epub|pdf)\.\d+\.tmp$/u;

let work: string;
let good: string;

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, { out: () => {}, err: (s) => void (err += s) });
  return { code, err };
}

/** A fresh output folder holding the books of a good build; returns it and their hashes. */
async function goodOutput(name: string): Promise<{ out: string; before: Record<string, string> }> {
  const out = join(work, name);
  const r = await cli(['build', good, '-o', out, '--title', TITLE]);
  expect(r.code, r.err).toBe(0);
  const before = snapshot(out);
  expect(Object.keys(before)).toEqual(BOOKS);
  return { out, before };
}

/** Whether `file` is a complete EPUB (its zip directory reads, with a story document). */
async function completeEpub(file: string): Promise<boolean> {
  try {
    const zip = await JSZip.loadAsync(readFileSync(file));
    return zip.file('OEBPS/s1-story.xhtml') !== null && zip.file('OEBPS/content.opf') !== null;
  } catch {
    return false;
  }
}

/** Whether `file` is a complete PDF (qpdf --check, or at least a trailer at its end). */
function completePdf(file: string): boolean {
  if (available.qpdf) return qpdfCheck(file).status === 0;
  return readFileSync(file).subarray(-1024).toString('latin1').includes('%%EOF');
}

beforeAll(() => {
  work = tempDir('atomic');
  good = writeTree(join(work, 'good'), { 'a.txt': story('First Light', 'firstmarker'), 'b.txt': story('Second Wind', 'secondmarker') });
});
afterAll(() => cleanup(work));

describe('a failed build leaves the earlier books untouched', () => {
  it.each([
    ['an empty story file (exit 1)', 1, (dir: string) => writeTree(dir, { 'z-empty.txt': '' }), [] as string[]],
    ['a binary story file (exit 1)', 1, (dir: string) => writeTree(dir, { 'z-image.txt': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) }), []],
    ['--strict with a warning (exit 3)', 3, (dir: string) => writeTree(dir, { 'z-untitled.txt': 'no title and no author here, only words that go on and on.\n' }), ['--strict']],
    ['a template that cannot be filled (exit 2)', 2, (dir: string) => writeTree(dir, { 'tpl/story.xhtml.hbs': '<p>{{no.such.variable}}</p>' }), ['--templates', 'TPL']],
    ['an unknown format (exit 2)', 2, () => {}, ['--format', 'epub,mobi']],
  ])('%s', async (_, code, change, extra) => {
    const { out, before } = await goodOutput(`failed-${code}-${extra.join('')}`.replace(/[^\w-]/gu, ''));
    const input = join(work, `input-${Math.random().toString(36).slice(2)}`);
    writeTree(input, { 'a.txt': story('First Light', 'changedmarker'), 'b.txt': story('Second Wind', 'secondmarker') });
    change(input);
    const args = extra.map((a) => (a === 'TPL' ? join(input, 'tpl') : a));
    const r = await cli(['build', input, '-o', out, '--title', TITLE, ...args]);
    expect(r.code, r.err).toBe(code);
    expect(r.err).not.toMatch(/\n\s+at |internal error/u);
    // Byte for byte the same books, and nothing else: no temporary file.
    expect(snapshot(out)).toEqual(before);
  });
});

describe('a build that fails while writing', () => {
  it('a missing cover image fails the build before any book is written', async () => {
    const { out, before } = await goodOutput('bad-cover');
    const input = writeTree(join(work, 'bad-cover-in'), { 'a.txt': story('First Light', 'changedmarker'), 'anthology.yaml': 'title: Atomic Tales\ncover: art/missing.png\n' });
    const r = await cli(['build', input, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/anthology\.yaml.* error cover: art\/missing\.png cannot be read \(ENOENT\) \[config\/invalid\]/u);
    expect(snapshot(out)).toEqual(before);
  });
});

describe('a killed build never leaves a partial book under a book name', () => {
  let big: string;
  beforeAll(() => {
    big = writeTree(join(work, 'big'), tinyStories(1500, 3));
  });

  it('SIGKILL from outside when the first temporary file appears (1,500 stories): earlier books intact; the next build is clean', async () => {
    const { out, before } = await goodOutput('killed');
    let killedAt = '';
    let watcher: ReturnType<typeof watch> | undefined;
    const run: CliRun = await runCli(['build', big, '-o', out, '--title', TITLE], {
      timeoutMs: 90_000,
      onSpawn: (_pid, kill) => {
        // If no temporary file shows up within 20 s, kill it wherever it is: still midway.
        const fallback = setTimeout(kill, 20_000);
        watcher = watch(out, (_event, name) => {
          if (!killedAt && name && /\.tmp$/u.test(name)) {
            killedAt = name;
            clearTimeout(fallback);
            kill();
          }
        });
      },
    });
    watcher?.close();
    expect(run.signal).toBe('SIGKILL');
    const after = listFiles(out);
    const leftovers = after.filter((f) => !BOOKS.includes(f));
    console.info(`[robustness] killed at ${killedAt || `timeout (${run.ms} ms)`} after ${run.ms} ms; left in the output folder: ${JSON.stringify(leftovers)}`);
    // Both books are still there under their names, each either the earlier bytes or a complete new book.
    for (const b of BOOKS) {
      expect(after).toContain(b);
      const same = sha256(readFileSync(join(out, b))) === before[b];
      if (!same) expect(b.endsWith('.epub') ? await completeEpub(join(out, b)) : completePdf(join(out, b)), `${b} changed but is not complete`).toBe(true);
    }
    // The PDF comes after the EPUB: killed at the EPUB's temporary file, the PDF is the earlier one.
    // (The EPUB may already be renamed when the signal lands: then it is complete, checked above.)
    if (killedAt.includes('.epub.')) expect(sha256(readFileSync(join(out, 'atomic-tales.pdf')))).toBe(before['atomic-tales.pdf']);
    // Anything left is a temporary file, never named like a book.
    for (const f of leftovers) {
      expect(f).toMatch(TMP);
      expect(f).not.toMatch(/\.(?:epub|pdf)$/u);
    }

    // The next successful build writes good books and is not confused by what was left.
    const next = await cli(['build', good, '-o', out, '--title', TITLE]);
    expect(next.code, next.err).toBe(0);
    expect(snapshot(out)).toMatchObject(before); // the same input gives the same bytes
    const stale = listFiles(out).filter((f) => !BOOKS.includes(f));
    console.info(`[robustness] after the next successful build, still left: ${JSON.stringify(stale)}`);
    for (const f of stale) expect(f).toMatch(TMP);
  }, 150_000);

  /** A preload that, while the build writes the temporary file of `ext`, writes half of it and then signals itself. */
  function crashPreload(): string {
    const file = join(work, 'crash.mjs');
    if (!existsSync(file)) {
      writeFileSync(
        file,
        `import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
// Books are written whole (fsp.writeFile: the EPUB) or streamed (openSync, then writeSync a block at a time: the PDF).
const when = process.env.CRASH_WRITING;
const signal = process.env.CRASH_SIGNAL ?? 'SIGKILL';
const ours = (path) => when && typeof path === 'string' && path.endsWith('.tmp') && path.includes(when);
const original = fsp.writeFile;
fsp.writeFile = async function (path, data, ...rest) {
  if (ours(path)) {
    const bytes = Buffer.from(data.buffer ?? data, data.byteOffset ?? 0, data.byteLength ?? data.length);
    fs.writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
    process.kill(process.pid, signal);
    await new Promise((r) => setTimeout(r, 30_000));
  }
  return original.call(this, path, data, ...rest);
};
const streamed = new Set();
const { openSync, writeSync } = fs;
fs.openSync = function (path, ...rest) {
  const fd = openSync.call(this, path, ...rest);
  if (ours(path)) {
    streamed.add(fd);
    // Interrupted while the book is being made and written: the handler runs when the build next waits.
    if (signal !== 'SIGKILL') process.kill(process.pid, signal);
  }
  return fd;
};
fs.writeSync = function (fd, data, ...rest) {
  if (signal === 'SIGKILL' && streamed.has(fd)) {
    writeSync.call(this, fd, data.subarray(0, data.length >> 1));
    process.kill(process.pid, 'SIGKILL');
  }
  return writeSync.call(this, fd, data, ...rest);
};
syncBuiltinESMExports();
`,
      );
    }
    return file;
  }

  it.each(['.epub.', '.pdf.'])('SIGKILL halfway through writing the %s temporary file: the book under its name is old or complete, never half', async (ext) => {
    const { out, before } = await goodOutput(`crash${ext.replace(/\./gu, '-')}`);
    const input = writeTree(join(work, `new${ext.replace(/\./gu, '-')}`), { 'a.txt': story('First Light', 'newmarker') });
    const r = await runCli(['build', input, '-o', out, '--title', TITLE], { preload: [crashPreload()], env: baseEnv({ CRASH_WRITING: ext }) });
    expect(r.signal).toBe('SIGKILL');
    const after = snapshot(out);
    const tmp = Object.keys(after).filter((f) => !BOOKS.includes(f));
    // The half-written file exists, under a temporary name only.
    expect(tmp).toHaveLength(1);
    expect(tmp[0]).toMatch(TMP);
    expect(tmp[0]).toContain(ext);
    if (ext === '.epub.') {
      expect(after['atomic-tales.epub']).toBe(before['atomic-tales.epub']);
      expect(after['atomic-tales.pdf']).toBe(before['atomic-tales.pdf']);
    } else {
      // The EPUB was finished and renamed before the PDF began: a complete new book. The PDF is the old one.
      expect(after['atomic-tales.epub']).not.toBe(before['atomic-tales.epub']);
      expect(await completeEpub(join(out, 'atomic-tales.epub'))).toBe(true);
      expect(after['atomic-tales.pdf']).toBe(before['atomic-tales.pdf']);
    }
  });

  it.skipIf(skipWithout('qpdf'))('the old PDF left by a killed build is still a valid PDF', async () => {
    const { out } = await goodOutput('crash-valid');
    const input = writeTree(join(work, 'new-valid'), { 'a.txt': story('First Light', 'newmarker') });
    await runCli(['build', input, '-o', out, '--title', TITLE], { preload: [crashPreload()], env: baseEnv({ CRASH_WRITING: '.pdf.' }) });
    expect(qpdfCheck(join(out, 'atomic-tales.pdf')).status).toBe(0);
  });

  it.each(['SIGTERM', 'SIGINT'])('%s while writing: no temporary file is left', async (signal) => {
    const { out, before } = await goodOutput(`term-${signal}`);
    const input = writeTree(join(work, `new-${signal}`), { 'a.txt': story('First Light', 'newmarker') });
    const r = await runCli(['build', input, '-o', out, '--title', TITLE], { preload: [crashPreload()], env: baseEnv({ CRASH_WRITING: '.pdf.', CRASH_SIGNAL: signal }) });
    expect(r.signal ?? r.code).not.toBe(0);
    expect(snapshot(out)['atomic-tales.pdf']).toBe(before['atomic-tales.pdf']);
    expect(listFiles(out).filter((f) => !BOOKS.includes(f))).toEqual([]);
  });
});
