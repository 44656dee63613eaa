import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EPub } from 'epub-gen-memory';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Messages } from '../../diagnostics/index.js';
import type { Anthology } from '../../model.js';
import { hostileAnthology, imgParagraph } from '../../render/fixtures/hostile.js';
import { render } from '../../render/index.js';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import { epubEmitter } from './index.js';

const emit = (a: Anthology): Promise<Uint8Array> => epubEmitter.emit({ anthology: a, rendered: render(a), messages: new Messages() });
const unzip = async (bytes: Uint8Array): Promise<JSZip> => JSZip.loadAsync(bytes);
const work = mkdtempSync(join(tmpdir(), 'anthologist-epub-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('epub emitter: packing', () => {
  it('declares itself', () => {
    expect(epubEmitter.format).toBe('epub');
    expect(epubEmitter.extension).toBe('epub');
  });
  it('gives the same bytes for the same book, whatever the clock and the random numbers', async () => {
    const a = await emit(sampleAnthology());
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2033-03-03T03:03:03Z'));
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const b = await emit(sampleAnthology());
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    } finally {
      random.mockRestore();
      vi.useRealTimers();
    }
  });
  it('puts the mimetype first, stored, with no extra field', async () => {
    const buf = Buffer.from(await emit(sampleAnthology()));
    expect(buf.readUInt32LE(0)).toBe(0x04034b50);
    expect(buf.readUInt16LE(8)).toBe(0); // compression method: stored
    expect(buf.readUInt16LE(26)).toBe(8);
    expect(buf.readUInt16LE(28)).toBe(0);
    expect(buf.toString('latin1', 30, 38)).toBe('mimetype');
    expect(buf.toString('latin1', 38, 58)).toBe('application/epub+zip');
  });
  it('writes our rendered files verbatim, non-ASCII as characters, and nothing else', async () => {
    const a = sampleAnthology();
    const rendered = render(a);
    const zip = await unzip(await epubEmitter.emit({ anthology: a, rendered, messages: new Messages() }));
    const entries = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
    const expected = ['mimetype', 'META-INF/container.xml', 'OEBPS/content.opf', 'OEBPS/toc.ncx', 'OEBPS/style.css']
      .concat(rendered.docs.map((d) => `OEBPS/${d.filename}`));
    expect(entries.sort()).toEqual(expected.sort());
    const text = (name: string): Promise<string> => zip.file(name)!.async('string');
    expect(await text('OEBPS/content.opf')).toBe(rendered.opf);
    expect(await text('OEBPS/toc.ncx')).toBe(rendered.ncx);
    expect(await text('OEBPS/style.css')).toBe(rendered.css);
    expect(await text('OEBPS/toc.xhtml')).toBe(rendered.nav);
    for (const d of rendered.docs) expect(await text(`OEBPS/${d.filename}`)).toBe(d.xhtml);
    expect(await text('OEBPS/s1-story.xhtml')).toContain('Ночь была тихой.');
    for (const f of Object.values(zip.files)) expect(f.date.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });
  it('refuses file names the library would rewrite or let overwrite each other', async () => {
    const a = sampleAnthology();
    const rendered = render(a);
    const bad = { ...rendered, docs: rendered.docs.map((d, i) => (i === 2 ? { ...d, filename: 'ü story.xhtml' } : d)) };
    await expect(epubEmitter.emit({ anthology: a, rendered: bad, messages: new Messages() })).rejects.toThrow(/file name/);
    const dup = { ...rendered, docs: [...rendered.docs, rendered.docs[2]!] };
    await expect(epubEmitter.emit({ anthology: a, rendered: dup, messages: new Messages() })).rejects.toThrow(/twice/);
  });
});

describe('epub emitter: story text never makes the build fetch or read anything', () => {
  let server: http.Server;
  let hits = 0;
  let httpUrl = '';
  let fileUrl = '';
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'image/png' }).end('png');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    httpUrl = `http://127.0.0.1:${port}/x.png`;
    const secret = join(work, 'secret.png');
    writeFileSync(secret, 'secret');
    fileUrl = pathToFileURL(secret).href;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Runs `fn` with spies on every way the library could reach out. */
  async function watched(fn: () => Promise<unknown>) {
    hits = 0;
    const spies = {
      fetch: vi.spyOn(globalThis, 'fetch'),
      http: vi.spyOn(http, 'request'),
      https: vi.spyOn(https, 'request'),
      readFile: vi.spyOn(fsp, 'readFile'),
    };
    try {
      const result = await fn();
      const secretReads = spies.readFile.mock.calls.filter((c) => String(c[0]).includes('secret.png'));
      return { result, hits, fetch: spies.fetch.mock.calls.length, http: spies.http.mock.calls.length, https: spies.https.mock.calls.length, secretReads: secretReads.length };
    } finally {
      Object.values(spies).forEach((s) => s.mockRestore());
    }
  }

  it('(control) the plain library does fetch <img> in chapter HTML, so the spies can see it', async () => {
    const html = `<p><img src="${httpUrl}"/><img src="${fileUrl}"/></p>`;
    const seen = await watched(() => new EPub({ title: 't', ignoreFailedDownloads: true, verbose: false }, [{ content: html }]).genEpub());
    expect(seen.hits).toBeGreaterThan(0);
    expect(seen.http).toBeGreaterThan(0);
    expect(seen.secretReads).toBeGreaterThan(0);
  });
  it('our emitter, given the same <img> in story text, fetches and reads nothing', async () => {
    const seen = await watched(() => emit(hostileAnthology([imgParagraph(httpUrl), imgParagraph(fileUrl)])));
    expect(seen).toMatchObject({ hits: 0, fetch: 0, http: 0, https: 0, secretReads: 0 });
    const zip = await unzip(seen.result as Uint8Array);
    expect(Object.keys(zip.files).filter((n) => /images\/|fonts\/|cover/.test(n))).toEqual([]);
    const story = await zip.file('OEBPS/s1-story.xhtml')!.async('string');
    expect(story).toContain(`Look: &lt;img src&#x3D;&quot;${httpUrl}&quot;`);
    expect(story).not.toMatch(/<img/i);
  });
});

/** The epubcheck jar and a java to run it, if this machine has them. */
function findEpubcheck(): string | null {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.status !== 0) return null;
  const candidates = [process.env.EPUBCHECK_JAR, '/usr/share/java/epubcheck.jar', '/usr/bin/epubcheck'];
  // Debian's /usr/bin/epubcheck is the jar itself (it starts with the zip signature).
  return candidates.find((p): p is string => !!p && existsSync(p) && readFileSync(p).subarray(0, 2).toString() === 'PK') ?? null;
}

interface EpubcheckReport {
  checker: { nFatal: number; nError: number; nWarning: number };
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number }[] }[];
}

function epubcheck(jar: string, bytes: Uint8Array, name: string): EpubcheckReport {
  const file = join(work, `${name}.epub`);
  const out = join(work, `${name}.json`);
  writeFileSync(file, bytes);
  const run = spawnSync('java', ['-jar', jar, '--json', out, file], { encoding: 'utf8', timeout: 120_000 });
  if (!existsSync(out)) throw new Error(`epubcheck gave no report: ${run.stderr || run.error?.message}`);
  return JSON.parse(readFileSync(out, 'utf8')) as EpubcheckReport;
}

describe('epub emitter: epubcheck', () => {
  const jar = findEpubcheck();
  // Without epubcheck the check may be skipped locally, never in CI.
  const run = jar !== null || process.env.CI !== undefined;
  it.runIf(run).each([
    ['sample', sampleAnthology],
    ['hostile', () => hostileAnthology([imgParagraph('http://127.0.0.1:9/x.png'), imgParagraph('file:///etc/passwd')])],
  ])('%s book has 0 errors and 0 warnings', async (name, make) => {
    if (jar === null) throw new Error('epubcheck (and java) are required in CI: apt-get install epubcheck');
    const report = epubcheck(jar, await emit(make()), name);
    const bad = report.messages.filter((m) => m.severity !== 'USAGE' && m.severity !== 'INFO');
    expect(bad.map((m) => `${m.severity} ${m.ID} ${m.message} @ ${JSON.stringify(m.locations[0])}`)).toEqual([]);
    expect(report.checker.nFatal + report.checker.nError + report.checker.nWarning).toBe(0);
  });
});
