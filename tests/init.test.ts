import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument } from 'yaml';
import { cli } from './helpers/cli.js';
import { buildAnthology, CACHE_DIR } from '../pipeline/runner.js';
import { loadConfig } from '../pipeline/config/index.js';
import { Messages } from '../pipeline/diagnostics/index.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'anthologist.js');
const COVER = join(root, 'pipeline', 'emit', 'epub', 'fixtures', 'cover.jpg');

/** A temp folder `in/` holding the files (sub-folders made as needed); returns its absolute path. */
function stories(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'anth-init-')), 'in');
  mkdirSync(dir);
  for (const [n, c] of Object.entries(files)) {
    mkdirSync(join(dir, n, '..'), { recursive: true });
    writeFileSync(join(dir, n), c);
  }
  return dir;
}

const HARBOUR = 'Harbour Night\nBy Q. Tester\n\nThe lantern swung in the wind.\n\nEnd of the night.\n';
const SNOW = 'First Snow\nBy A. Writer\n\nSnow fell on the harbour.\n';
const UNTITLED = 'Nobody wrote a title for this one, it simply begins.\n\nIt goes on with care.\n';

/** An anthology.yaml with every key an editor may write, comments, a plain-string entry and per-story corrections. */
const EDITED = `# The editor's own notes: keep them.
title: Keep
subtitle: Sub # beside a value
editor: Ed
publisher: Pub
description: D
date: 2024-12-01
cover: art/cover.jpg
page: 6x9
typography: off
order: title

stories:
  # Checked against the original.
  - file: a.txt
    permission: granted by email
    series: S
    part: 2
    notes: [end]
    order: 3
  - c.txt
`;

/** Reads an anthology.yaml the way the build does; fails the test on any message. */
async function config(path: string) {
  const messages = new Messages();
  const cfg = await loadConfig(path, 'anthology.yaml', messages);
  expect(messages.list).toEqual([]);
  return cfg;
}

function bytesOf(out: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(out).filter((f) => f !== CACHE_DIR).map((f) => [f, readFileSync(join(out, f))]));
}

describe('anthologist init --force', () => {
  it('keeps every key and comment the editor wrote, and the order; adds the new stories', async () => {
    const dir = stories({ 'a.txt': HARBOUR, 'b.txt': UNTITLED, 'c.txt': SNOW });
    mkdirSync(join(dir, 'art'));
    copyFileSync(COVER, join(dir, 'art', 'cover.jpg'));
    const path = join(dir, 'anthology.yaml');
    writeFileSync(path, EDITED);
    const r = await cli(['init', dir, '--force']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`wrote ${path}: 3 stories (1 new), order: title`);
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^# The editor's own notes: keep them\.\n/u);
    expect(text).toContain('subtitle: Sub # beside a value\n');
    expect(text).toContain('  # Checked against the original.\n  - file: a.txt\n');
    expect(text).toContain('date: 2024-12-01\n');
    expect(await config(path)).toEqual({
      title: 'Keep',
      subtitle: 'Sub',
      editor: 'Ed',
      publisher: 'Pub',
      description: 'D',
      date: '2024-12-01',
      cover: 'art/cover.jpg',
      page: '6x9',
      typography: 'off',
      order: 'title',
      language: 'en',
      stories: [
        { file: 'a.txt', permission: 'granted by email', series: 'S', part: 2, notes: ['end'], order: 3 },
        { file: 'c.txt' },
        { file: 'b.txt', authors: [] },
      ],
    });
    // Run again: nothing changes.
    expect((await cli(['init', dir, '--force'])).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('a build with the rewritten file makes the same books as with the old one', async () => {
    const dir = stories({ 'a.txt': HARBOUR, 'b.txt': UNTITLED, 'c.txt': SNOW });
    mkdirSync(join(dir, 'art'));
    copyFileSync(COVER, join(dir, 'art', 'cover.jpg'));
    writeFileSync(join(dir, 'anthology.yaml'), EDITED.replace('order: title', 'order: manifest').replace('  - c.txt\n', '  - file: c.txt\n    title: Snow, Corrected\n    authors: [A. Writer, B. Writer]\n'));
    const build = async (out: string) => {
      const r = await buildAnthology({ inputs: [dir], outDir: join(dir, '..', out), formats: ['epub', 'pdf'], env: {} });
      expect(r.exitCode).toBe(0);
      return { books: bytesOf(join(dir, '..', out)), stories: r.report.stories.map((s) => [s.file, s.title, s.authors]) };
    };
    const before = await build('out1');
    // c.txt's place in the list (2) comes before a.txt's order: 3; the unlisted b.txt follows.
    expect(before.stories.map((s) => s[1])).toEqual(['Snow, Corrected', 'Harbour Night', 'Nobody wrote a title for this one…']);
    expect((await cli(['init', dir, '--force'])).code).toBe(0);
    const after = await build('out2');
    expect(after.stories).toEqual(before.stories);
    expect(Object.keys(after.books).sort()).toEqual(['keep.epub', 'keep.pdf']);
    for (const f of Object.keys(before.books)) expect(after.books[f]!.equals(before.books[f]!), f).toBe(true);
  });

  it('stories that had no entry keep their place after an order: number beyond the list', async () => {
    const dir = stories({ 'a.txt': HARBOUR, 'b.txt': UNTITLED, 'c.txt': SNOW });
    writeFileSync(join(dir, 'anthology.yaml'), 'stories:\n  - file: c.txt\n    order: 10\n');
    const titles = async () => {
      const r = await buildAnthology({ inputs: [dir], outDir: join(dir, '..', 'out'), formats: ['epub'], env: {} });
      expect(r.exitCode).toBe(0);
      return r.report.stories.map((s) => s.title);
    };
    const before = await titles();
    expect(before).toEqual(['First Snow', 'Harbour Night', 'Nobody wrote a title for this one…']);
    expect((await cli(['init', dir, '--force'])).code).toBe(0);
    expect((await config(join(dir, 'anthology.yaml')))!.stories!.map((s) => [s.file, s.order])).toEqual([['c.txt', 10], ['a.txt', 10], ['b.txt', 10]]);
    expect(await titles()).toEqual(before);
  });

  it('keeps the entry of a story whose file is gone as a comment, and says so', async () => {
    const dir = stories({ 'a.txt': HARBOUR, 'b.txt': UNTITLED });
    const path = join(dir, 'anthology.yaml');
    writeFileSync(path, 'title: T\nstories:\n  - file: gone.txt # the lost one\n    title: Lost\n    permission: by letter\n  - file: a.txt\n    title: Harbour\n');
    const r = await cli(['init', dir, '--force']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('"gone.txt" is not among the inputs and no such file exists: its entry is kept as a comment');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('  # anthologist init: no such file; the entry is kept as a comment\n  # - file: gone.txt # the lost one\n  #   title: Lost\n  #   permission: by letter\n  - file: a.txt\n');
    expect((await config(path))!.stories).toEqual([{ file: 'a.txt', title: 'Harbour' }, { file: 'b.txt', authors: [] }]);
    // A file that exists but was not among the inputs keeps its entry as it was.
    writeFileSync(path, 'stories:\n  - file: b.txt\n    title: Bee\n  - file: a.txt\n');
    expect((await cli(['init', join(dir, 'a.txt'), '--force'])).code).toBe(0);
    expect((await config(path))!.stories).toEqual([{ file: 'b.txt', title: 'Bee' }, { file: 'a.txt' }]);
  });
  it('edits a UTF-16 anthology.yaml (as Windows Notepad saves it) as the build reads it, keeping what the editor wrote', async () => {
    const dir = stories({ 'a.txt': HARBOUR, 'c.txt': SNOW });
    const path = join(dir, 'anthology.yaml');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('title: Café Night # mine\nstories:\n  - file: a.txt\n    title: Harbour\n', 'utf16le')]));
    const r = await cli(['init', dir, '--force']);
    expect(r.code).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('title: Café Night # mine\n');
    expect((await config(path))!.stories).toEqual([{ file: 'a.txt', title: 'Harbour' }, { file: 'c.txt', title: 'First Snow', authors: ['A. Writer'] }]);
  });
});

describe('anthologist init --config FILE', () => {
  it('writes the file --config names, with paths from its folder, and leaves the one beside the stories alone; with --force it edits that file', async () => {
    const dir = stories({ 'a.txt': HARBOUR, 'c.txt': SNOW });
    const beside = join(dir, 'anthology.yaml');
    writeFileSync(beside, 'title: Beside\n');
    const edition = join(dir, '..', 'editions', 'paperback.yaml');
    // Its folder does not exist yet: init makes it.
    const r = await cli(['init', dir, '--config', edition]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`wrote ${edition}: 2 stories`);
    expect(readFileSync(beside, 'utf8')).toBe('title: Beside\n');
    expect(((await config(edition))?.stories ?? []).map((e) => e.file).sort()).toEqual(['../in/a.txt', '../in/c.txt']);
    // It exists now: refused without --force, edited with it (the editor's subtitle kept).
    expect((await cli(['init', dir, '--config', edition])).code).toBe(2);
    writeFileSync(edition, readFileSync(edition, 'utf8').replace(/^title: .*$/mu, '$&\nsubtitle: Paperback'));
    expect((await cli(['init', dir, '--config', edition, '--force'])).code).toBe(0);
    expect(await config(edition)).toMatchObject({ subtitle: 'Paperback' });
    expect(readFileSync(beside, 'utf8')).toBe('title: Beside\n');
  });
});

describe('anthology.yaml paths', () => {
  it('init names files relative to the anthology.yaml folder, and a build from another folder follows them', async () => {
    const top = mkdtempSync(join(tmpdir(), 'anth-init-'));
    for (const [f, c] of [['i3/a/19.txt', HARBOUR], ['i3/b/14_two_authors.txt', SNOW]] as const) {
      mkdirSync(join(top, f, '..'), { recursive: true });
      writeFileSync(join(top, f), c);
    }
    const r = spawnSync(process.execPath, [bin, 'init', 'i3/a/19.txt', 'i3/b'], { cwd: top, encoding: 'utf8' });
    expect(r.stderr).toContain('wrote i3/a/anthology.yaml: 2 stories');
    expect(r.status).toBe(0);
    const path = join(top, 'i3', 'a', 'anthology.yaml');
    expect((await config(path))!.stories!.map((s) => s.file)).toEqual(['../b/14_two_authors.txt', '19.txt']);
    // The editor corrects a title and reverses the order.
    const doc = parseDocument(readFileSync(path, 'utf8'));
    const list = doc.get('stories');
    if (!isSeq(list) || !isMap(list.items[0])) throw new Error('no stories');
    list.items[0].set('title', 'Snow, Corrected');
    list.items.reverse();
    writeFileSync(path, doc.toString());
    for (const [cwd, inputs] of [[join(top, 'i3'), ['a/19.txt', 'b']], [tmpdir(), [join(top, 'i3/a/19.txt'), join(top, 'i3/b')]]] as const) {
      const b = await buildAnthology({ inputs: [...inputs], cwd, outDir: join(top, 'out'), formats: ['epub'], env: {} });
      expect(b.report.diagnostics.filter((d) => d.code.startsWith('config/'))).toEqual([]);
      expect(b.exitCode).toBe(0);
      expect(b.report.stories.map((s) => s.title)).toEqual(['Harbour Night', 'Snow, Corrected']);
    }
  });

  it('two entries for one file are a configuration error at the second', async () => {
    const dir = stories({ 'a.txt': HARBOUR, 'c.txt': SNOW });
    const path = join(dir, 'anthology.yaml');
    writeFileSync(path, 'stories:\n  - file: a.txt\n    title: First\n  - c.txt\n  - file: ./a.txt\n    title: Second\n');
    const r = await cli(['lint', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${path}:5:5 error stories[2]: "./a.txt" names the same story file as stories[0] (line 2): a file may have one entry [config/invalid]\n`);
    const b = await cli(['build', dir, '-o', join(dir, '..', 'out'), '--format', 'epub']);
    expect(b.code).toBe(2);
  });
});

describe('an entry that names no input file', () => {
  it('warns with the input file it was likely meant to be', async () => {
    const dir = stories({ 'harbour-night.txt': HARBOUR, 'c.txt': SNOW });
    const path = join(dir, 'anthology.yaml');
    writeFileSync(path, 'stories:\n  - file: Harbour Night.txt\n    title: H\n  - file: gone-for-good.txt\n');
    const r = await cli(['lint', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${path}:2:5 warning anthology.yaml lists "Harbour Night.txt", which is not among the inputs (did you mean "harbour-night.txt"?) [config/unknown-story]\n`);
    expect(r.out).toContain(`${path}:4:5 warning anthology.yaml lists "gone-for-good.txt", which is not among the inputs [config/unknown-story]\n`);
  });
});

describe('an entry that names several input files', () => {
  it('is applied to none of them, with a warning listing them; an exact name still names its one file', async () => {
    const dir = stories({ 'a/one.txt': HARBOUR, 'b/one.txt': SNOW, 'someone.txt': UNTITLED, 'bone.txt': 'Bone Dry\nBy L. Marsh\n\nDry as a bone.\n' });
    // A --config file in another folder: its entries lead to no file, and name files by the end of their path.
    const path = join(dir, '..', 'other.yaml');
    writeFileSync(path, 'stories:\n  - file: one.txt\n    title: Which One\n  - file: bone.txt\n    title: Bone Wet\n');
    const r = await cli(['lint', dir, '--config', path]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${path}:2:5 warning stories[0]: "one.txt" could name any of 2 story files (${join(dir, 'a', 'one.txt')}, ${join(dir, 'b', 'one.txt')}): it is applied to none of them; name one by its path from ${join(dir, '..')}, such as "in/a/one.txt" [config/ambiguous-story]\n`);
    expect(r.out).not.toContain('[config/unknown-story]');
    const b = await buildAnthology({ inputs: [dir], config: path, outDir: join(dir, '..', 'out'), formats: ['epub'], env: {} });
    // Both stories were titled "Which One"; someone.txt, whose name ends in "one.txt" but not at a "/", never was.
    const title = (end: string) => b.report.stories.find((s) => s.file.endsWith(end))!.title;
    expect([title('/a/one.txt'), title('/b/one.txt'), title('/bone.txt'), title('/someone.txt')]).toEqual(['Harbour Night', 'First Snow', 'Bone Wet', 'Nobody wrote a title for this one…']);
    // init --force keeps the entry as the editor wrote it (it names no file, but is not gone), and adds the two stories.
    const i = await cli(['init', dir, '--config', path, '--force']);
    expect(i.code).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('  - file: one.txt\n    title: Which One\n');
    expect(text).not.toContain('no such file');
  });
});

describe('anthologist init --strict', () => {
  it('writes nothing when the stories have warnings (exit 3), and leaves an existing file as it was with --force', async () => {
    const dir = stories({ 'a.txt': HARBOUR, 'u.txt': UNTITLED });
    const path = join(dir, 'anthology.yaml');
    const r = await cli(['init', dir, '--strict', '--json']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/u\.txt:1:1 error No title found/u);
    // It wrote the file and then failed: a CI step saw exit 3 and a new anthology.yaml.
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'u.txt']);
    expect(r.err).toContain(`anthologist: ${path} not written: --strict, and the stories have warnings\n`);
    expect(JSON.parse(r.out)).toMatchObject({ file: null, stories: [] });
    writeFileSync(path, 'title: Mine\n');
    expect((await cli(['init', dir, '--strict', '--force'])).code).toBe(3);
    expect(readFileSync(path, 'utf8')).toBe('title: Mine\n');
    expect((await cli(['init', '--help'])).out).toMatch(/--strict +Treat warnings as errors \(exit 3, anthology\.yaml not written\)/u);
  });

  it('writes the file as without it when there is no warning', async () => {
    const dir = stories({ 'a.txt': HARBOUR });
    const r = await cli(['init', dir, '--strict']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'anthology.yaml'), 'utf8')).toContain('  - file: a.txt\n    title: Harbour Night\n');
  });
});

describe('anthologist init --json', () => {
  it('refusing to overwrite an existing anthology.yaml still prints its JSON document, with the reason as a cli/usage error', async () => {
    const dir = stories({ 'a.txt': HARBOUR });
    const path = join(dir, 'anthology.yaml');
    writeFileSync(path, 'title: Mine\n');
    const r = await cli(['init', dir, '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${path} already exists; use --force to overwrite it`);
    expect(JSON.parse(r.out)).toEqual({ file: null, stories: [], diagnostics: [{ code: 'cli/usage', severity: 'error', message: `${path} already exists; use --force to overwrite it`, file: path }] });
    expect(readFileSync(path, 'utf8')).toBe('title: Mine\n');
  });
});
