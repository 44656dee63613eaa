import { closeSync, existsSync, mkdtempSync, mkdirSync, openSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { CACHE_DIR } from '../pipeline/runner.js';

const root = join(import.meta.dirname, '..');

function storyDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'anth-cli-'));
  mkdirSync(join(dir, 'in'));
  for (const [n, c] of Object.entries(files)) writeFileSync(join(dir, 'in', n), c);
  return dir;
}

const STORY = 'The Small Hours\nBy A. Writer\n\n"It\'s late," she said.\n\nHe agreed.\n';

describe('anthologist build', () => {
  it('--json prints one report on stdout with outputs, stories and diagnostics', async () => {
    const dir = storyDir({ 'a.txt': STORY, 'b.txt': 'No title here, just text that goes on.\n\nAnd more of it.\n' });
    const r = await cli(['build', join(dir, 'in'), '-o', join(dir, 'out'), '--format', 'epub', '--title', 'Night & Day', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.outputs).toEqual([{ format: 'epub', path: join(dir, 'out', 'night-day.epub'), bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/u) }]);
    expect(report.stories.map((s: { title: string; authors: string[]; words: number }) => [s.title, s.authors, s.words])).toEqual([
      ['No title here, just text that goes…', [], 12],
      ['The Small Hours', ['A. Writer'], 6],
    ]);
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(['meta/missing-title', 'meta/unknown-author']);
    expect(report.diagnostics[0]).toMatchObject({ severity: 'warning', file: expect.stringContaining('b.txt'), line: 1, column: 1 });
    // Warnings go to stderr, one per line, in the compiler style.
    expect(r.err).toMatch(/b\.txt:1:1 warning No author found.* \[meta\/unknown-author\]\n/u);
    // The books, and the build cache beside them.
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([CACHE_DIR, 'night-day.epub']);
  });

  it('exits 2 with one clear line for a missing input, and writes nothing', async () => {
    const dir = storyDir({});
    const r = await cli(['build', join(dir, 'nope'), '-o', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/error Input not found: .*nope \[input\/not-found\]/u);
    expect(r.err).not.toMatch(/\n\s+at /u);
  });

  it('exits 1 for an empty or binary story file, naming it, with no book written', async () => {
    const dir = storyDir({ 'a.txt': STORY, 'empty.txt': '  \n', 'pic.txt': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]) });
    const r = await cli(['build', join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/empty\.txt.*error .*empty \[input\/empty\]/u);
    expect(r.err).toMatch(/pic\.txt.*error .*binary data: a NUL byte on line 1, byte \d+\) \[input\/binary\]/u);
    expect(() => readdirSync(join(dir, 'out'))).toThrow();
  });

  it('exits 2 for an unknown format or option, without a stack trace', async () => {
    const dir = storyDir({ 'a.txt': STORY });
    const a = await cli(['build', join(dir, 'in'), '--format', 'mobi']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/^anthologist: Unknown format: mobi/u);
    const b = await cli(['build', '--colour']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/Unknown argument: colour/u);
    expect(b.out).toBe('');
  });

  it('with --json, a command line it cannot understand still gives the command\'s JSON, with the reason', async () => {
    const dir = storyDir({ 'a.txt': STORY });
    const usage = (message: RegExp) => [expect.objectContaining({ code: 'cli/usage', severity: 'error', message: expect.stringMatching(message) })];
    const build = await cli(['build', join(dir, 'in'), '--json', '--colour']);
    expect(build.code).toBe(2);
    expect(JSON.parse(build.out)).toEqual({ title: '', outputs: [], stories: [], removed: [], diagnostics: usage(/Unknown argument: colour/u) });
    const format = await cli(['build', join(dir, 'in'), '-o', join(dir, 'out'), '--format', 'mobi', '--json']);
    expect(format.code).toBe(2);
    expect(JSON.parse(format.out).diagnostics).toEqual(usage(/Unknown format: mobi/u));
    const page = await cli(['build', '--json', '--page', 'huge']);
    expect(JSON.parse(page.out).diagnostics).toEqual(usage(/Invalid values/u));
    const lint = await cli(['lint', join(dir, 'in'), '--json', '--language', 'en']);
    expect(lint.code).toBe(2);
    expect(JSON.parse(lint.out)).toEqual(usage(/Unknown argument: language/u));
    const inspect = await cli(['inspect', '--json', '--nope']);
    expect(JSON.parse(inspect.out)).toEqual({ stories: [], diagnostics: usage(/Unknown argument: nope/u) });
    const init = await cli(['init', '--json', '--nope']);
    expect(JSON.parse(init.out)).toEqual({ file: null, stories: [], diagnostics: usage(/Unknown argument: nope/u) });
    // The human line is still on stderr.
    expect(lint.err).toMatch(/^anthologist: Unknown argument: language/u);
  });

  it('exits 2 for an invalid anthology.yaml, naming the key and line', async () => {
    const dir = storyDir({ 'a.txt': STORY, 'anthology.yaml': 'title: Fine\nlanguag: en\n' });
    const r = await cli(['build', join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/anthology\.yaml:2:1 error languag: unknown key \(did you mean "language"\?\) \[config\/invalid\]/u);
  });

  it('--help shows the build command with examples', async () => {
    const r = await cli(['build', '--help']);
    expect(r.out + r.err).toMatch(/--format/u);
    expect(r.out + r.err).toMatch(/Examples:/u);
  });

  it('ends with its own exit code, not an EPIPE crash, when the reader of its output stops early (| head)', () => {
    // Enough messages that the JSON is far more than a pipe holds: the reader is gone long before the end.
    const story = (i: number) => `Story ${i}\nBy A. Writer\n\n${'It was the the end. '.repeat(200)}\n`;
    const dir = storyDir(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`s${i}.txt`, story(i)])));
    const bin = join(root, 'bin', 'anthologist.js');
    for (const args of ['lint --json', 'lint']) {
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" ${args} "${join(dir, 'in')}" 2>&1 | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
      expect(r.stdout.trim(), args).toBe('0');
    }
    const err = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" lint --json "${join(dir, 'in')}" 2>&1 >/dev/null | head -c 100000`], { encoding: 'utf8' });
    // All the messages are there when the reader keeps reading: about 600 KB of JSON.
    expect(err.stdout).toMatch(/0 errors, 2600 warnings/u);
  });

  // /dev/full fails every write with ENOSPC, as a full disk does.
  it.skipIf(!existsSync('/dev/full'))('fails with exit 1 and one line, not a crash, when its output cannot be written (a full disk)', () => {
    const dir = storyDir({ 'a.txt': STORY });
    const bin = join(root, 'bin', 'anthologist.js');
    const run = (args: string[], out: 'full' | 'pipe', err: 'full' | 'pipe') => {
      const full = openSync('/dev/full', 'w');
      try {
        return spawnSync(process.execPath, [bin, ...args, join(dir, 'in')], { encoding: 'utf8', stdio: ['ignore', out === 'full' ? full : 'pipe', err === 'full' ? full : 'pipe'] });
      } finally {
        closeSync(full);
      }
    };
    const json = run(['lint', '--json'], 'full', 'pipe');
    expect(json.status).toBe(1);
    expect(json.stderr).toMatch(/^anthologist: cannot write to stdout: ENOSPC \(no space left on device\)$/mu);
    expect(json.stderr).not.toMatch(/\bat \S+ \(|node:internal|Error:/u);
    // Its last line, the summary on stderr, fails after everything else was written: still a failure.
    const summary = run(['lint', '--json'], 'pipe', 'full');
    expect(summary.stdout).toMatch(/"code": "meta\/default-title"/u);
    expect(summary.status).toBe(1);
    // The same command whose output can be written succeeds.
    expect(run(['lint', '--json'], 'pipe', 'pipe').status).toBe(0);
  });

  it('runs as an installed binary (bin/anthologist.js on the compiled dist/)', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'anthologist.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/u);
  });
});
