import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { cli } from './helpers/cli.js';
import { buildAnthology, CACHE_DIR } from '../pipeline/runner.js';
import { loadConfig } from '../pipeline/config/index.js';
import { Messages } from '../pipeline/diagnostics/index.js';

/** A temp folder `in/` holding the files; returns the absolute path of `in/`. */
function stories(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'anth-cmd-')), 'in');
  mkdirSync(dir);
  for (const [n, c] of Object.entries(files)) writeFileSync(join(dir, n), c);
  return dir;
}

// Made-up stories: a header line, title, by-line, two chapters, a typo-like
// token, a doubled word, end notes, a signature and a navigation line (line 22).
const TITLED = [
  'DISCLAIMER: Nothing here is real.', '', 'Harbour Night', 'By Q. Tester', '', 'Chapter One', '',
  'The Lant3rn swung in the the wind.', '', 'Chapter Two', '', '"It\'s late," she said... Morning came -- grey.', '',
  "Author's Notes:", '', 'Thanks for reading.', '', '– Q. Tester', '', 'May 2, 2011', '', 'Back to Index', '',
].join('\n');
// No title, no author, and a typo on line 3: its messages are found out of line order.
const UNTITLED = 'Nobody wrote a title for this one, it simply begins.\n\nIt goes on w1th care.\n';
// A title YAML would read as a number unless it is quoted.
const NUMBER_TITLE = '1984\n\n"Words," he said, nothing more.\n';

describe('anthologist lint', () => {
  it('prints every diagnostic on stdout, sorted by file, line and column; info only with --verbose', async () => {
    const dir = stories({ 'a.txt': TITLED, 'b.txt': UNTITLED });
    const [a, b] = [join(dir, 'a.txt'), join(dir, 'b.txt')];
    const warnings = [
      `${a}:8:5 warning Suspicious token "Lant3rn" [text/suspicious-token]`,
      `${a}:8:22 warning Doubled word "the the" [text/doubled-word]`,
      `${b}:1:1 warning No title found; shown by its opening words "Nobody wrote a title for this one…" [meta/missing-title]`,
      `${b}:1:1 warning No author found; shown as unknown (set authors: for this file in anthology.yaml) [meta/unknown-author]`,
      `${b}:3:12 warning Suspicious token "w1th" [text/suspicious-token]`,
    ];
    const r = await cli(['lint', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${warnings.join('\n')}\n`);
    expect(r.err).toBe('anthologist lint: 0 errors, 5 warnings\n');

    const v = await cli(['lint', dir, '--verbose']);
    const lines = v.out.trimEnd().split('\n');
    // The whole-anthology record has no file, so it sorts first; the removed line sorts after line 8.
    expect(lines[0]).toMatch(/^info .* \[meta\/default-title\]$/u);
    expect(lines.slice(1)).toEqual([...warnings.slice(0, 2), expect.stringMatching(new RegExp(`^${a}:22:1 info .*"Back to Index" \\[struct/removed-line\\]$`, 'u')), ...warnings.slice(2)]);
  });

  it('--json prints the same records as one JSON array, informational ones included', async () => {
    const dir = stories({ 'a.txt': TITLED, 'b.txt': UNTITLED });
    const human = (await cli(['lint', dir, '--verbose'])).out;
    const r = await cli(['lint', dir, '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { code: string; severity: string; file?: string; line?: number; column?: number; message: string }[];
    expect(list.map((d) => `${d.file ? `${d.file}:${d.line}:${d.column} ` : ''}${d.severity} ${d.message} [${d.code}]`)).toEqual(human.trimEnd().split('\n'));
    expect(list.filter((d) => d.severity === 'info').map((d) => d.code)).toEqual(['meta/default-title', 'struct/removed-line']);
  });

  it('exits 1 for an unusable file and 2 for a missing input, like build', async () => {
    const dir = stories({ 'a.txt': TITLED, 'empty.txt': ' \n' });
    const bad = await cli(['lint', dir]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/empty\.txt error .* \[input\/empty\]\n/u);
    expect((await cli(['lint', dir, '--keep-going'])).code).toBe(0);
    const missing = await cli(['lint', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/error Input not found: .*nope \[input\/not-found\]/u);
  });
});

describe('anthologist inspect', () => {
  it('shows what was found and from which line, including the title line and the removed navigation line', async () => {
    const dir = stories({ 'a.txt': TITLED, 'b.txt': UNTITLED });
    const r = await cli(['inspect', dir]);
    expect(r.code).toBe(0);
    const [first, second] = r.out.trimEnd().split('\n\n');
    expect(first!.split('\n')[0]).toBe(`${join(dir, 'a.txt')} (utf-8)`);
    expect(first).toMatch(/^ {2}title: +Harbour Night \(line 3\)$/mu);
    expect(first).toMatch(/^ {2}authors: +Q\. Tester \(line 4\)$/mu);
    expect(first).toMatch(/^ {2}front notes: +disclaimer "DISCLAIMER" \(line 1\)$/mu);
    expect(first).toMatch(/^ {2}chapters: +2\n +Chapter One \(line 6\)\n +Chapter Two \(line 10\)$/mu);
    expect(first).toMatch(/^ {2}removed: +"Back to Index" \(line 22\)/mu);
    expect(first).toMatch(/^ {2}signature: +Q\. Tester, May 2, 2011 \(line 18\)$/mu);
    expect(second).toMatch(/^ {2}title: +untitled, shown as "Nobody wrote a title for this one…" \(opening-words\)$/mu);
    expect(second).toMatch(/^ {2}authors: +unknown$/mu);
    // Warnings are human messages: stderr, not mixed into the listing.
    expect(r.err).toMatch(/warning Doubled word "the the"/u);
    expect(r.out).not.toMatch(/warning/u);
  });

  it('shows control and bidi override characters of a file name or a title escaped, not raw on the terminal', async () => {
    const dir = stories({ 'a\u001b[2J.txt': 'Title: Tide \u202Eedit\u202C Line\nAuthor: Q. Tester\n\nThe tide came in.\n\nIt went out.\n' });
    const r = await cli(['inspect', dir]);
    expect(r.out.split('\n')[0]).toBe(`${join(dir, 'a\\u001B[2J.txt')} (utf-8)`);
    expect(r.out).toMatch(/^ {2}title: +Tide \\u202Eedit\\u202C Line \(line 1\)$/mu);
  });

  it('--json prints one document { stories, diagnostics }', async () => {
    const dir = stories({ 'a.txt': TITLED, 'b.txt': UNTITLED });
    const r = await cli(['inspect', dir, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['stories', 'diagnostics']);
    expect(doc.stories.map((s: { file: string }) => s.file)).toEqual([join(dir, 'a.txt'), join(dir, 'b.txt')]);
    expect(doc.stories[0]).toMatchObject({
      encoding: 'utf-8',
      title: { text: 'Harbour Night', display: 'Harbour Night', from: { line: 3 } },
      authors: { names: ['Q. Tester'], from: { line: 4 } },
      frontNotes: [{ kind: 'disclaimer', label: 'DISCLAIMER', line: 1 }],
      chapters: { count: 2, list: [{ heading: 'Chapter One', line: 6 }, { heading: 'Chapter Two', line: 10 }] },
      endNotes: [{ line: 14 }],
      signature: { name: 'Q. Tester', line: 18 },
      removed: [{ text: 'Back to Index', line: 22 }],
      words: expect.any(Number),
      typography: expect.objectContaining({ 'typo/ellipsis': 1 }),
    });
    expect(doc.stories[1]).toMatchObject({ title: { text: null, from: { source: 'opening-words' } }, authors: { names: [] } });
    expect(doc.diagnostics).toEqual(JSON.parse((await cli(['lint', dir, '--json'])).out));
  });
});

describe('anthologist init', () => {
  it('writes anthology.yaml that loads with no diagnostics, with comments for what is missing', async () => {
    const dir = stories({ 'a.txt': TITLED, 'b.txt': UNTITLED, 'c.txt': NUMBER_TITLE });
    const r = await cli(['init', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain(`wrote ${join(dir, 'anthology.yaml')}: 3 stories`);
    const text = readFileSync(join(dir, 'anthology.yaml'), 'utf8');
    expect(text).toContain('  - file: b.txt\n    # untitled: shown as "Nobody wrote a title for this one…"\n    authors: [] # unknown: fill in\n');
    const messages = new Messages();
    const cfg = await loadConfig(join(dir, 'anthology.yaml'), 'anthology.yaml', messages);
    expect(messages.list).toEqual([]);
    expect(cfg).toEqual({
      title: 'In',
      language: 'en',
      order: 'manifest',
      stories: [
        { file: 'c.txt', title: '1984', authors: [] },
        { file: 'a.txt', title: 'Harbour Night', authors: ['Q. Tester'] },
        { file: 'b.txt', authors: [] },
      ],
    });
  });

  it('refuses to overwrite anthology.yaml without --force, and overwrites it with --force', async () => {
    const dir = stories({ 'a.txt': TITLED });
    const path = join(dir, 'anthology.yaml');
    writeFileSync(path, 'title: Kept\n');
    const r = await cli(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`anthologist: ${path} already exists; use --force to overwrite it\n`);
    expect(readFileSync(path, 'utf8')).toBe('title: Kept\n');
    const f = await cli(['init', dir, '--force']);
    expect(f.code).toBe(0);
    // The existing file is read first, so the editor's title carries over into the new one.
    expect(readFileSync(path, 'utf8')).toMatch(/^title: Kept\nlanguage: en\norder: manifest\nstories:\n {2}- file: a\.txt\n/mu);
  });

  it('a build afterwards follows the file: its order and its titles', async () => {
    const dir = stories({ 'a.txt': TITLED, 'b.txt': UNTITLED, 'c.txt': NUMBER_TITLE });
    expect((await cli(['init', dir])).code).toBe(0);
    const opts = { inputs: [dir], outDir: join(dir, '..', 'out'), formats: ['epub'], env: {} };
    const first = await buildAnthology(opts);
    expect(first.exitCode).toBe(0);
    expect(first.report.stories.map((s) => s.title)).toEqual(['1984', 'Harbour Night', 'Nobody wrote a title for this one…']);
    // The editor reverses the list and names the untitled story and its author.
    const doc = parseDocument(readFileSync(join(dir, 'anthology.yaml'), 'utf8'));
    doc.set('stories', [{ file: 'b.txt', title: 'Found Title', authors: ['E. Editor'] }, { file: 'a.txt' }, { file: 'c.txt' }]);
    writeFileSync(join(dir, 'anthology.yaml'), doc.toString());
    const second = await buildAnthology(opts);
    expect(second.exitCode).toBe(0);
    expect(second.report.stories.map((s) => [s.file, s.title])).toEqual([
      [join(dir, 'b.txt'), 'Found Title'],
      [join(dir, 'a.txt'), 'Harbour Night'],
      [join(dir, 'c.txt'), '1984'],
    ]);
    expect(second.report.stories[0]!.authors).toEqual(['E. Editor']);
  });
});

describe('anthologist build --keep-going', () => {
  it('skips an empty file with a warning naming it and writes the book; without the flag it fails', async () => {
    const dir = stories({ 'a.txt': TITLED, 'empty.txt': '  \n' });
    const out = join(dir, '..', 'out');
    const stop = await cli(['build', dir, '-o', out, '--format', 'epub']);
    expect(stop.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const r = await cli(['build', dir, '-o', out, '--format', 'epub', '--keep-going', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/empty\.txt warning .*empty \(skipped: --keep-going\) \[input\/empty\]\n/u);
    expect(readdirSync(out).filter((f) => f !== CACHE_DIR)).toEqual(['in.epub']);
    const report = JSON.parse(r.out);
    expect(report.stories.map((s: { file: string }) => s.file)).toEqual([join(dir, 'a.txt')]);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'input/empty', severity: 'warning', file: join(dir, 'empty.txt') }));
  });
});

describe('command help', () => {
  it.each(['lint', 'inspect', 'init'])('%s --help shows its options and examples', async (command) => {
    const r = await cli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--json/u);
    expect(r.out).toMatch(/--verbose/u);
    expect(r.out).toMatch(/Examples:/u);
    expect(r.out).toMatch(command === 'init' ? /--force/u : /--keep-going/u);
  });
});
