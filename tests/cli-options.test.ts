import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { build } from '../pipeline/commands/build.js';
import { buildAnthology } from '../pipeline/index.js';
import { CACHE_DIR } from '../pipeline/runner.js';
import { packageRoot } from '../pipeline/render/index.js';

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'anth-opt-'));
  mkdirSync(join(d, 'in'));
  for (const [n, c] of Object.entries(files)) {
    mkdirSync(join(d, 'in', n, '..'), { recursive: true });
    writeFileSync(join(d, 'in', n), c);
  }
  return d;
}

const RESTRICTED = 'ARCHIVING: Only with the permission of the author.\n\nKept Close\nBy R. Vane\n\nShe kept the letter close.\n';
const PLAIN = 'Open Book\nBy O. Page\n\nAnyone may read this.\n';

describe('--strict and the rights ledger', () => {
  it('a restriction without a recorded permission warns; --strict makes it exit 3 with no book', async () => {
    const d = dir({ 'a.txt': RESTRICTED, 'b.txt': PLAIN });
    const loose = await cli(['build', join(d, 'in'), '-o', join(d, 'out'), '--format', 'epub']);
    expect(loose.code).toBe(0);
    expect(loose.err).toMatch(/a\.txt:1:\d+ warning The author restricts archiving .* \[rights\/no-permission\]/u);
    const strict = await cli(['build', join(d, 'in'), '-o', join(d, 'strict'), '--strict']);
    expect(strict.code).toBe(3);
    expect(strict.err).toMatch(/error The author restricts archiving/u);
    expect(existsSync(join(d, 'strict'))).toBe(false);
  });

  it('a warning found only as the PDF is set (a character no font has) makes --strict exit 3 with no book of any format', async () => {
    // Tibetan: no font of the PDF's chain has it, which the PDF finds only as it sets the text.
    const d = dir({ 'a.txt': 'Prayer Flags\nBy T. Dorje\n\nThe flag read \u0F40\u0F41 in the wind.\n' });
    const loose = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'out'), env: {} });
    expect(loose.exitCode).toBe(0);
    expect(loose.report.diagnostics.map((x) => [x.code, x.severity])).toContainEqual(['pdf/missing-glyph', 'warning']);
    const strict = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'strict'), strict: true, env: {} });
    expect(strict.exitCode).toBe(3);
    expect(strict.report.diagnostics.map((x) => [x.code, x.severity])).toContainEqual(['pdf/missing-glyph', 'error']);
    expect(strict.report.outputs).toEqual([]);
    expect(readdirSync(join(d, 'strict'))).toEqual([]);
  });

  it('a recorded permission silences the warning and is stated on the rights page', async () => {
    const d = dir({ 'a.txt': RESTRICTED, 'anthology.yaml': 'title: Kept\nstories:\n  - file: a.txt\n    permission: Granted by email, 2024-05-01\n' });
    const r = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'out'), formats: ['epub'], strict: true, env: {} });
    expect(r.exitCode).toBe(0);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync((await import('node:fs')).readFileSync(join(d, 'out', 'kept.epub')));
    const colophon = await zip.file('OEBPS/colophon.xhtml')!.async('string');
    expect(colophon).toContain('Granted by email, 2024-05-01');
  });
});

describe('the metadata cascade: defaults < anthology.yaml < story header < per-story entry < flags', () => {
  it('each layer wins over the one below it', async () => {
    const story = 'Language: Deutsch\n\nDer Titel\nBy Eine Autorin\n\nEs war einmal.\n';
    const d = dir({ 'de.txt': story, 'en.txt': PLAIN, 'anthology.yaml': 'title: From YAML\nlanguage: fr\nstories:\n  - file: en.txt\n    title: Corrected Title\n' });
    const a = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'a'), formats: ['epub'], env: {} });
    expect(a.report.title).toBe('From YAML'); // anthology.yaml over the default (folder name)
    expect(a.report.stories.map((s) => s.title).sort()).toEqual(['Corrected Title', 'Der Titel']); // per-story entry over detection
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync((await import('node:fs')).readFileSync(join(d, 'a', 'from-yaml.epub')));
    const opf = await zip.file('OEBPS/content.opf')!.async('string');
    expect(opf).toContain('<dc:language>fr</dc:language>'); // the book: anthology.yaml
    const files = Object.keys(zip.files).filter((f) => f.endsWith('-story.xhtml'));
    const langs = await Promise.all(files.map(async (f) => /xml:lang="([^"]+)"/u.exec(await zip.file(f)!.async('string'))![1]));
    expect(langs.sort()).toEqual(['de', 'fr']); // a story's own header over anthology.yaml
    const b = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'b'), formats: ['epub'], title: 'From Flag', language: 'es', env: {} });
    expect(b.report.title).toBe('From Flag'); // flags over everything
    expect(readdirSync(join(d, 'b')).filter((f) => f !== CACHE_DIR)).toEqual(['from-flag.epub']);
  });
});

describe('flags are held to the rules of the keys they override', () => {
  it.each([
    [['--language', 'en_US'], /--language "en_US": is not a BCP 47 language tag/u],
    [['--language', ''], /--language "": is not a BCP 47 language tag/u],
    [['--title', '   '], /--title "   ": must not be empty/u],
    [['--format', ' , '], /--format needs at least one format/u],
  ])('%j is a usage error (exit 2), and no book is written', async (flags, message) => {
    const d = dir({ 'a.txt': PLAIN });
    const r = await cli(['build', join(d, 'in'), '-o', join(d, 'out'), ...flags]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/internal error/u);
    expect(existsSync(join(d, 'out')) ? readdirSync(join(d, 'out')).filter((f) => f !== CACHE_DIR) : []).toEqual([]);
  });

  it('a title given as a flag is trimmed, as the same key in anthology.yaml is', async () => {
    const d = dir({ 'a.txt': PLAIN });
    const r = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'out'), formats: ['epub'], title: '  Winter Tales ', env: {} });
    expect(r.exitCode).toBe(0);
    expect(r.report.title).toBe('Winter Tales');
  });

  it('--config naming a folder is a configuration error (exit 2), not a crash', async () => {
    const d = dir({ 'a.txt': PLAIN });
    const r = await cli(['lint', join(d, 'in'), '--config', join(d, 'in')]);
    expect(r.code).toBe(2);
    // lint writes its findings on stdout.
    expect(r.out).toMatch(/is not a file \(a folder\?\).*\[config\/invalid\]/u);
    expect(r.out + r.err).not.toMatch(/internal error|EISDIR/u);
  });
});

describe('--quiet', () => {
  it('lint --quiet prints errors only and no closing count; without it, warnings too', async () => {
    const d = dir({ 'a.txt': 'Untitled thoughts, a line that is long enough to read as a paragraph of story text here.\n\nAnd the the story ends.\n', 'b.bin.txt': '\u0000\u0001\u0002binary\u0000' });
    const loud = await cli(['lint', join(d, 'in')]);
    expect(loud.out).toMatch(/ warning /u);
    expect(loud.out).toMatch(/ error /u);
    const quiet = await cli(['lint', join(d, 'in'), '--quiet']);
    expect(quiet.code).toBe(loud.code);
    expect(quiet.out).toMatch(/ error /u);
    expect(quiet.out).not.toMatch(/ warning /u);
    expect(quiet.err).toBe('');
  });
});

describe('SOURCE_DATE_EPOCH and --format', () => {
  it.each(['abc', '-5', '1.5', '99999999999999'])('SOURCE_DATE_EPOCH=%s is a configuration error (exit 2), not another date', async (epoch) => {
    const d = dir({ 'a.txt': PLAIN });
    const r = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'out'), formats: ['epub'], env: { SOURCE_DATE_EPOCH: epoch } });
    expect(r.exitCode).toBe(2);
    expect(r.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'config/invalid', message: expect.stringContaining(`SOURCE_DATE_EPOCH="${epoch}"`) }));
  });

  it('a format named twice is built once', async () => {
    const d = dir({ 'a.txt': PLAIN });
    const r = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'out'), formats: ['epub', 'epub'], env: { SOURCE_DATE_EPOCH: '0' } });
    expect(r.exitCode).toBe(0);
    expect(r.report.outputs.map((o) => o.format)).toEqual(['epub']);
  });
});

describe('inputs after --', () => {
  it('a story file whose name starts with a dash, named after --, is read (with other inputs, or alone)', () => {
    const d = dir({ '-dash.txt': 'Dash Story\nBy Ann Lee\n\nA story in a file whose name starts with a dash.\n', 'b.txt': PLAIN });
    const bin = join(import.meta.dirname, '..', 'bin', 'anthologist.js');
    const files = (args: string[]) => {
      const r = spawnSync(process.execPath, [bin, 'inspect', '--json', ...args], { cwd: join(d, 'in'), encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { stories: { file: string }[] }).stories.map((x) => x.file).sort();
    };
    expect(files(['--', '-dash.txt'])).toEqual(['-dash.txt']);
    expect(files(['b.txt', '--', '-dash.txt'])).toEqual(['-dash.txt', 'b.txt']);
  });
});

describe('--max-file-size', () => {
  it('a small limit is named in bytes or KiB, not as "0.00 MiB"', async () => {
    const d = dir({ 'a.txt': `${PLAIN}${'More words for the story. '.repeat(60)}\n` });
    const r = await cli(['lint', join(d, 'in'), '--max-file-size', '0.0001']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/is 1\.\d KiB, over the 105 bytes limit/u);
  });
});

describe('cover:', () => {
  it('a cover that cannot be used is an error at the cover: line of anthology.yaml', async () => {
    const d = dir({ 'a.txt': PLAIN, 'anthology.yaml': 'title: Covered\ncover: nowhere.png\n', 'fake.png': 'not an image' });
    const r = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'out'), formats: ['epub'], env: {} });
    expect(r.exitCode).toBe(2);
    expect(r.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'config/invalid', line: 2, column: 8, message: expect.stringMatching(/^cover: nowhere\.png cannot be read/u) }));
    writeFileSync(join(d, 'in', 'anthology.yaml'), 'title: Covered\n\ncover: fake.png\n');
    const fake = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'out'), formats: ['epub'], env: {} });
    expect(fake.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'config/invalid', line: 3, message: expect.stringMatching(/is neither a PNG nor a JPEG/u) }));
  });
});

describe('manifest order', () => {
  it('order: 1 puts a story first, before the one listed first; the others keep their list places', async () => {
    const story = (t: string) => `${t}\nBy O. Page\n\nA story called ${t}.\n`;
    const d = dir({ 'a.txt': story('Alpha'), 'b.txt': story('Beta'), 'c.txt': story('Gamma'), 'anthology.yaml': 'stories:\n  - a.txt\n  - b.txt\n  - file: c.txt\n    order: 1\n' });
    const r = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'out'), formats: ['epub'], env: {} });
    expect(r.exitCode).toBe(0);
    expect(r.report.stories.map((x) => x.title)).toEqual(['Gamma', 'Alpha', 'Beta']);
  });
});

describe('templates', () => {
  it('a --templates folder that does not exist is exit 2 before any work, for a PDF-only build too (which never reads templates)', async () => {
    const d = dir({ 'a.txt': PLAIN });
    const r = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'out'), formats: ['pdf'], templates: join(d, 'nope'), env: {} });
    expect(r.exitCode).toBe(2);
    expect(r.report.diagnostics).toMatchObject([{ code: 'build/template', severity: 'error', message: expect.stringContaining('does not exist') }]);
    expect(r.report.stories).toEqual([]);
    expect(existsSync(join(d, 'out'))).toBe(false);
  });

  it('--templates replaces the defaults file by file', async () => {
    const d = dir({ 'a.txt': PLAIN });
    mkdirSync(join(d, 'tpl'));
    writeFileSync(join(d, 'tpl', 'style.css'), 'body { margin: 0 5%; } /* house style */\n');
    const r = await buildAnthology({ inputs: [join(d, 'in')], outDir: join(d, 'out'), formats: ['epub'], templates: join(d, 'tpl'), env: {} });
    expect(r.exitCode).toBe(0);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync((await import('node:fs')).readFileSync(join(d, 'out', 'in.epub')));
    expect(await zip.file('OEBPS/style.css')!.async('string')).toContain('house style');
    // Every other file is still the default: the default title page, with the default stylesheet link.
    expect(await zip.file('OEBPS/titlepage.xhtml')!.async('string')).toMatch(/epub:type="titlepage"[\s\S]*<h1[^>]*>In<\/h1>/u);
  });

  it('a missing variable is an error naming the template and its line, exit 2', async () => {
    const d = dir({ 'a.txt': PLAIN });
    mkdirSync(join(d, 'tpl'));
    writeFileSync(join(d, 'tpl', 'titlepage.xhtml.hbs'), '{{#> page bodyType="frontmatter"}}\n<section>\n<h1>{{meta.titel}}</h1>\n</section>\n{{/page}}\n');
    const r = await cli(['build', join(d, 'in'), '-o', join(d, 'out'), '--templates', join(d, 'tpl')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/titlepage\.xhtml\.hbs:3:\d+ error .*"titel" is not defined \(line 3, column \d+\) \[build\/template\]/u);
  });

  it('a template writing a value unescaped ({{{ }}} or {{& }}) is refused: exit 2 at its line, no book', async () => {
    const d = dir({ 'a.txt': 'The <b>Bold</b> & Title\nBy Ann Lee\n\nIt was a <script>alert(1)</script> night.\n' });
    mkdirSync(join(d, 'tpl', 'partials'), { recursive: true });
    const inlines = readFileSync(join(packageRoot(), 'templates', 'partials', 'inlines.hbs'), 'utf8');
    expect(inlines).toContain('{{text}}');
    writeFileSync(join(d, 'tpl', 'partials', 'inlines.hbs'), inlines.replace('{{text}}', '{{{text}}}'));
    const r = await cli(['build', join(d, 'in'), '-o', join(d, 'out'), '--templates', join(d, 'tpl')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/inlines\.hbs:\d+:\d+ error .*would write a value unescaped.*\[build\/template\]/u);
    expect(existsSync(join(d, 'out')) ? readdirSync(join(d, 'out')).filter((f) => f !== CACHE_DIR) : []).toEqual([]);
    writeFileSync(join(d, 'tpl', 'partials', 'inlines.hbs'), inlines.replace('{{text}}', '{{& text}}'));
    expect((await cli(['build', join(d, 'in'), '-o', join(d, 'out'), '--templates', join(d, 'tpl')])).code).toBe(2);
  });

  it('an editor\'s template that makes a page that is not well-formed XHTML, or a style sheet reaching outside the book, is refused: exit 2, no book', async () => {
    const d = dir({ 'a.txt': PLAIN });
    mkdirSync(join(d, 'tpl'));
    const story = readFileSync(join(packageRoot(), 'templates', 'story.xhtml.hbs'), 'utf8');
    writeFileSync(join(d, 'tpl', 'story.xhtml.hbs'), story.replace('{{#each story.chapters}}', '<!-- a comment is fine --><blink>\n{{#each story.chapters}}'));
    const r = await cli(['build', join(d, 'in'), '-o', join(d, 'out'), '--templates', join(d, 'tpl')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/story\.xhtml\.hbs made s1-story\.xhtml, which is not well-formed XHTML: .*blink.*\[build\/template\]/u);
    rmSync(join(d, 'tpl', 'story.xhtml.hbs'));
    writeFileSync(join(d, 'tpl', 'style.css'), 'body { margin: 0; }\n@import url("http://example.com/x.css");\n');
    const css = await cli(['build', join(d, 'in'), '-o', join(d, 'out'), '--templates', join(d, 'tpl')]);
    expect(css.code).toBe(2);
    expect(css.err).toMatch(/style\.css:2:1 error .*@import would make readers fetch a file from elsewhere.*\[build\/template\]/u);
    writeFileSync(join(d, 'tpl', 'style.css'), 'body { margin: 0 5%; } /* house style */\n');
    expect((await cli(['build', join(d, 'in'), '-o', join(d, 'out'), '--templates', join(d, 'tpl'), '--format', 'epub'])).code).toBe(0);
    expect(readdirSync(join(d, 'out')).filter((f) => f !== CACHE_DIR)).toEqual(['in.epub']);
  });

  it('a story page that cannot be filled stops the build as it is written: exit 2, no book of either format', async () => {
    const d = dir({ 'a.txt': PLAIN });
    mkdirSync(join(d, 'tpl'));
    const story = readFileSync(join(packageRoot(), 'templates', 'story.xhtml.hbs'), 'utf8');
    writeFileSync(join(d, 'tpl', 'story.xhtml.hbs'), story.replace('{{#each story.chapters}}', '{{story.nope}}\n{{#each story.chapters}}'));
    const r = await cli(['build', join(d, 'in'), '-o', join(d, 'out'), '--format', 'epub,pdf', '--templates', join(d, 'tpl')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/story\.xhtml\.hbs:\d+:\d+ error .*"nope" is not defined .*\[build\/template\]/u);
    expect(readdirSync(join(d, 'out')).filter((f) => f !== CACHE_DIR)).toEqual([]);
  });
});

describe('feedback', () => {
  const args = (d: string) => ({ inputs: [join(d, 'in')], output: join(d, 'out'), format: 'epub', json: false, verbose: false, quiet: false, color: true, strict: false, keepGoing: false, maxFileSize: 16 });

  it('on a terminal: a progress bar with the stage and story n of N, then a summary table', async () => {
    const d = dir({ 'a.txt': PLAIN, 'b.txt': RESTRICTED });
    let err = '';
    const code = await build(args(d), { out: () => undefined, err: (s) => void (err += s) }, true);
    expect(code).toBe(0);
    expect(err).toMatch(/\r\u001b\[2Kread +\[[#-]+\] story 1 of 2/u);
    expect(err).toMatch(/\r\u001b\[2Kemit +\[[#-]+\] 0 of 1 epub/u);
    expect(err).toMatch(/^ {2}stories +2$/mu);
    expect(err).toMatch(/^ {2}epub +.*in\.epub \([\d.]+ KB\)$/mu);
    expect(err).toMatch(/^ {2}time +[\d.]+ s$/mu);
    expect(err).toContain('\u001b[33mwarning\u001b[0m');
    // The table counts the warnings the lines above it showed.
    const shown = err.split('\n').filter((l) => l.includes('\u001b[33mwarning\u001b[0m')).length;
    expect(shown).toBeGreaterThan(0);
    expect(err).toMatch(new RegExp(`^ {2}warnings +${shown}$`, 'mu'));
  });

  it('piped: no progress and no colour; --quiet: errors only', async () => {
    const d = dir({ 'a.txt': PLAIN, 'b.txt': RESTRICTED });
    let err = '';
    await build(args(d), { out: () => undefined, err: (s) => void (err += s) }, false);
    expect(err).not.toContain('\r');
    expect(err).not.toContain('\u001b[');
    expect(err).toContain('warning');
    let quiet = '';
    await build({ ...args(d), quiet: true }, { out: () => undefined, err: (s) => void (quiet += s) }, true);
    expect(quiet).toBe('');
  });
});

describe('library API', () => {
  it('ships type declarations for the package entry point', () => {
    expect(existsSync(join(import.meta.dirname, '..', 'dist', 'pipeline', 'index.d.ts'))).toBe(true);
  });
});
