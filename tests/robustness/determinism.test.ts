import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, skipWithout } from '../helpers/tools.js';
import { baseEnv, cleanup, expectNoCrash, listFiles, ROOT, runCli, sha256, tempDir, writeTree, type CliRun } from '../helpers/robustness.js';
import { HOSTILE_STORY } from './fixtures.js';

/**
 * README: "the same inputs give byte-identical books". Each variant runs the
 * CLI as its own process, with its own environment, and must give the same
 * sha256 for the EPUB and the PDF: whatever the time zone, the locale, the
 * order the files are named on the command line or were created in.
 * Line ends too: the identifier is derived from the decoded text, so the
 * same stories saved with CRLF give the same bytes.
 */

const TITLE = 'Same Bytes Everywhere';
let work: string;
/** Story files by name: the seeds plus stories whose order or text could depend on locale or time zone. */
let stories: Record<string, string>;

/** Writes the stories into `<parent>/stories` in the given order, each with its own modification time. */
function makeFolder(parent: string, names: string[], lineEnd = '\n'): string {
  const dir = join(parent, 'stories');
  names.forEach((n, i) => {
    writeTree(dir, { [n]: stories[n]!.replace(/\r?\n/gu, lineEnd) });
    const t = new Date(Date.UTC(2001, 0, 1) + i * 86_400_000 * 37);
    utimesSync(join(dir, n), t, t);
  });
  return dir;
}

interface Variant {
  name: string;
  env?: Record<string, string>;
  /** Folder to run in (holds `stories/`); default the base folder. */
  cwd?: () => string;
  /** Inputs; default `stories`. */
  inputs?: () => string[];
}

async function build(v: Variant, extra: string[] = []): Promise<CliRun & { shas: Record<string, string> }> {
  const cwd = v.cwd?.() ?? join(work, 'base');
  const out = join(work, 'out', `${v.name.replace(/\W+/gu, '-')}${extra.join('').replace(/\W+/gu, '-')}`);
  const env = baseEnv(v.env);
  // Locale variables must be the only thing that differs: drop the base LANG when the variant sets LC_ALL.
  if (v.env?.LC_ALL) delete env.LANG;
  const r = await runCli(['build', ...(v.inputs?.() ?? ['stories']), '-o', out, '--title', TITLE, '--json', ...extra], { cwd, env, timeoutMs: 180_000 });
  const shas = Object.fromEntries(listFiles(out).map((f) => [f, sha256(readFileSync(join(out, f)))]));
  return { ...r, shas };
}

/** Runs builds two at a time (the machine has two cores). */
async function pairs<T, R>(items: T[], f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 2) out.push(...(await Promise.all(items.slice(i, i + 2).map(f))));
  return out;
}

beforeAll(() => {
  work = tempDir('determinism');
  stories = {};
  for (const f of readdirSync(join(ROOT, 'seeds'))) if (/\.txt$/u.test(f)) stories[f] = readFileSync(join(ROOT, 'seeds', f), 'utf8');
  Object.assign(stories, {
    'istanbul.txt': 'İstanbul Işıkları\nBy Ömer Işık\n\nIşıl ışıl bir gece, dedi İsmail. Bir, iki, üç.\n\n– Ömer Işık\n\nMarch 4, 2010\n',
    'strasse.txt': 'Straße der Äpfel\nBy Jürgen Groß\n\nDie Straße war lang, und die Äpfel fielen.\n',
    'angstrom.txt': 'Ångström and Zebra\nBy Åsa Öberg\n\nSwedish sorts Å after Z, English does not.\n',
    'zebra.txt': 'Zebra Crossing\nBy Zed Zimmer\n\nThe zebra crossed at noon on a cold day.\n',
    'iota.txt': 'ılık Rüzgâr\nBy İlker Ilgaz\n\nA dotless i leads this title, which Turkish sorts after i.\n',
    'dated.txt': 'Title: The Dated One\nAuthor: D. Writer\nPublished: 2010-03-04\nUpdated: March 5, 2010 23:30\n\nIt happened near midnight, somewhere.\n',
    'hostile.txt': HOSTILE_STORY,
    'chapters.txt': 'Many Parts\nBy Part Writer\n\nChapter 1\n\nThe first part.\n\nChapter 2\n\nThe second part.\n\n* * *\n\nAfter the break.\n',
  });
  makeFolder(join(work, 'base'), Object.keys(stories).sort());
});
afterAll(() => cleanup(work));

describe('the variants really differ', () => {
  // Without this, a locale or time zone the runtime ignores would make the comparison below vacuous.
  it.each([
    [{ TZ: 'Pacific/Kiritimati' }, /-840$/u],
    [{ TZ: 'America/St_Johns' }, /(?:150|210)$/u],
    [{ LANG: 'tr_TR.UTF-8' }, /^tr-TR /u],
    [{ LC_ALL: 'de_DE.UTF-8' }, /^de-DE /u],
  ] as [Record<string, string>, RegExp][])('%j reaches the child', (env, expected) => {
    const r = spawnSync(process.execPath, ['-e', 'console.log(Intl.DateTimeFormat().resolvedOptions().locale, new Date(2010, 0, 1).getTimezoneOffset())'], { env: { ...baseEnv(env), ...(env.LC_ALL ? { LANG: '' } : {}) }, encoding: 'utf8' });
    expect(r.stdout.trim()).toMatch(expected);
  });
});

describe('the same inputs give the same bytes', () => {
  let base: CliRun & { shas: Record<string, string> };
  const names = () => Object.keys(stories).sort();
  const variants: Variant[] = [
    { name: 'TZ=Pacific/Kiritimati', env: { TZ: 'Pacific/Kiritimati' } },
    { name: 'TZ=America/St_Johns', env: { TZ: 'America/St_Johns' } },
    { name: 'LANG=C', env: { LANG: 'C' } },
    { name: 'LANG=tr_TR.UTF-8', env: { LANG: 'tr_TR.UTF-8' } },
    { name: 'LC_ALL=de_DE.UTF-8', env: { LC_ALL: 'de_DE.UTF-8' } },
    {
      name: 'files named in a shuffled order',
      inputs: () => fc.sample(fc.shuffledSubarray(names(), { minLength: names().length }), { numRuns: 1, seed: 42 })[0]!.map((n) => `stories/${n}`),
    },
    {
      name: 'files created in reverse order in a fresh folder',
      cwd: () => {
        const parent = join(work, 'fresh');
        makeFolder(parent, names().reverse());
        return parent;
      },
    },
  ];
  const results = new Map<string, CliRun & { shas: Record<string, string> }>();

  beforeAll(async () => {
    base = await build({ name: 'base' });
    for (const [v, r] of (await pairs(variants, async (v) => [v, await build(v)] as const))) results.set(v.name, r);
  }, 400_000);

  it('the base build succeeds with both books', () => {
    expectNoCrash(base);
    expect(base.code, base.stderr).toBe(0);
    expect(Object.keys(base.shas).sort()).toEqual(['same-bytes-everywhere.epub', 'same-bytes-everywhere.pdf']);
  });

  it('files named one by one, in order, give the same bytes as the folder', async () => {
    const r = await build({ name: 'files in order', inputs: () => names().map((n) => `stories/${n}`) });
    expect(r.code).toBe(0);
    expect(r.shas).toEqual(base.shas);
  });

  it.each(variants.map((v) => [v.name]))('%s: byte-identical EPUB and PDF', (name) => {
    const r = results.get(name)!;
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(0);
    expect(r.shas).toEqual(base.shas);
    // The report's story order and diagnostics do not move either.
    expect(r.report!.stories.map((s) => s.title)).toEqual(base.report!.stories.map((s) => s.title));
    expect(r.report!.diagnostics.map((d) => [d.code, d.file?.split('/').pop(), d.line])).toEqual(base.report!.diagnostics.map((d) => [d.code, d.file?.split('/').pop(), d.line]));
  });
});

describe('line ends: the same stories saved with CRLF', () => {
  let lf: CliRun & { shas: Record<string, string> };
  let crlf: CliRun & { shas: Record<string, string> };
  const epubOf = (r: CliRun) => r.report!.outputs.find((o) => o.format === 'epub')!.path;
  const pdfOf = (r: CliRun) => r.report!.outputs.find((o) => o.format === 'pdf')!.path;

  beforeAll(async () => {
    const names = Object.keys(stories).sort();
    makeFolder(join(work, 'lf'), names, '\n');
    makeFolder(join(work, 'crlf'), names, '\r\n');
    [lf, crlf] = await Promise.all([build({ name: 'lf', cwd: () => join(work, 'lf') }), build({ name: 'crlf', cwd: () => join(work, 'crlf') })]);
  }, 300_000);

  it('give the same book text: every EPUB entry is identical once the content-derived identifier is masked', async () => {
    expect([lf.code, crlf.code]).toEqual([0, 0]);
    const idOf = (opf: string) => /<dc:identifier[^>]*>([^<]+)</u.exec(opf)![1]!;
    const load = async (file: string) => {
      const zip = await JSZip.loadAsync(readFileSync(file));
      const out = new Map<string, string>();
      for (const [n, e] of Object.entries(zip.files)) if (!e.dir) out.set(n, n.endsWith('.png') ? sha256(await e.async('uint8array')) : await e.async('string'));
      return out;
    };
    const [a, b] = [await load(epubOf(lf)), await load(epubOf(crlf))];
    const [ida, idb] = [idOf(a.get('OEBPS/content.opf')!), idOf(b.get('OEBPS/content.opf')!)];
    const mask = (m: Map<string, string>, id: string) => new Map([...m].map(([k, v]) => [k, v.split(id).join('urn:uuid:MASKED')]));
    expect(mask(b, idb)).toEqual(mask(a, ida));
    // The identifier comes from the decoded text, so the books are the same to the byte.
    expect(idb).toBe(ida);
    expect(crlf.shas).toEqual(lf.shas);
    // The report says the same about every story.
    expect(crlf.report!.stories.map(({ file: _f, ...s }) => s)).toEqual(lf.report!.stories.map(({ file: _f, ...s }) => s));
  });

  it.skipIf(skipWithout('poppler'))('give the same PDF text, page for page', () => {
    expect(pdfText(pdfOf(crlf))).toBe(pdfText(pdfOf(lf)));
  });

  it('the PDFs differ at most in the identifier', () => {
    const [a, b] = [readFileSync(pdfOf(lf)).toString('latin1'), readFileSync(pdfOf(crlf)).toString('latin1')];
    const ids = [/<dc:identifier>(urn:uuid:[0-9a-f-]{36})/u.exec(a)?.[1], /<dc:identifier>(urn:uuid:[0-9a-f-]{36})/u.exec(b)?.[1]];
    expect(ids[0]).toBeDefined();
    expect(b.split(ids[1]!).join('ID')).toBe(a.split(ids[0]!).join('ID'));
  });
});

describe('dates and the time zone', () => {
  it('--order date gives the same order and bytes in every time zone', async () => {
    const parent = join(work, 'dates');
    writeTree(join(parent, 'stories'), {
      'a.txt': 'Title: Alpha\nAuthor: A. Writer\nPublished: March 4, 2010\n\nAlpha text here.\n',
      'b.txt': 'Title: Beta\nAuthor: B. Writer\nPublished: 2010-03-04\n\nBeta text here.\n',
    });
    const runs = await Promise.all(['UTC', 'America/St_Johns'].map((tz) => build({ name: `date-${tz}`, env: { TZ: tz }, cwd: () => parent }, ['--order', 'date', '--format', 'epub'])));
    expect(runs[1]!.report!.stories.map((s) => s.title)).toEqual(runs[0]!.report!.stories.map((s) => s.title));
    expect(runs[1]!.shas).toEqual(runs[0]!.shas);
  });

  it('anthology.yaml `date: December 1, 2024` gives the same book date in every time zone', async () => {
    const parent = join(work, 'yaml-date');
    writeTree(join(parent, 'stories'), { 'a.txt': 'Title: Alpha\nAuthor: A. Writer\n\nAlpha text here.\n', 'anthology.yaml': 'title: Dated\ndate: December 1, 2024\n' });
    const runs = await Promise.all(['UTC', 'Pacific/Kiritimati'].map((tz) => build({ name: `yaml-${tz}`, env: { TZ: tz }, cwd: () => parent }, ['--format', 'epub'])));
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(runs[1]!.shas).toEqual(runs[0]!.shas);
  });
});
