import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { render, renderPass } from '../../render/index.js';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import { coverText, generateCover } from '../../cover/index.js';
import { emit, JPEG_COVER, zipEntries } from './fixtures/helpers.js';
import { epubEmitter } from './index.js';
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
  it('gives the same bytes from a pass, rendering one page at a time, as from the book rendered whole', async () => {
    const a = sampleAnthology();
    const whole = await epubEmitter.emit({ anthology: a, rendered: render(a), messages: new Messages() });
    let handed = 0;
    const pass = renderPass(a);
    const counted = { css: pass.css, each: (f: Parameters<typeof pass.each>[0]) => pass.each((d) => (handed++, f(d))) };
    const streamed = await epubEmitter.emit({ anthology: a, rendered: counted, messages: new Messages() });
    expect(handed).toBe(render(a).docs.length - 1);
    expect(Buffer.from(streamed).equals(Buffer.from(whole))).toBe(true);
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
    const expected = ['mimetype', 'META-INF/container.xml', 'OEBPS/content.opf', 'OEBPS/toc.ncx', 'OEBPS/style.css', 'OEBPS/cover.png']
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
  it('adds the generated cover, stored as it is (PNG is compressed already)', async () => {
    const a = sampleAnthology();
    const bytes = await emit(a);
    const zip = await unzip(bytes);
    const png = await zip.file('OEBPS/cover.png')!.async('uint8array');
    expect(Buffer.from(png).equals(Buffer.from(generateCover(coverText(a.meta, a.stories)).bytes))).toBe(true);
    const entry = zipEntries(bytes).find((e) => e.name === 'OEBPS/cover.png')!;
    expect(entry).toMatchObject({ method: 0, size: png.length, compressedSize: png.length });
    expect(zipEntries(bytes).filter((e) => e.name.endsWith('.xhtml')).every((e) => e.method === 8)).toBe(true);
  });
  it('refuses file names the library would rewrite or let overwrite each other', async () => {
    const a = sampleAnthology();
    const rendered = render(a);
    const bad = { ...rendered, docs: rendered.docs.map((d, i) => (i === 3 ? { ...d, filename: 'ü story.xhtml' } : d)) };
    await expect(epubEmitter.emit({ anthology: a, rendered: bad, messages: new Messages() })).rejects.toThrow(/file name/);
    const dup = { ...rendered, docs: [...rendered.docs, rendered.docs[3]!] };
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
    // The only image is the cover the build made; nothing was fetched into images/ or fonts/.
    expect(Object.keys(zip.files).filter((n) => /images\/|fonts\/|\.(?:png|jpe?g|gif|svg|webp)$/i.test(n))).toEqual(['OEBPS/cover.png']);
    const story = await zip.file('OEBPS/s1-story.xhtml')!.async('string');
    expect(story).toContain(`Look: &lt;img src&#x3D;&quot;${httpUrl}&quot;`);
    expect(story).not.toMatch(/<img/i);
  });
});

describe("epub emitter: the editor's cover", () => {
  it('packs the file as it is, declared by its type, for a JPEG', async () => {
    const a: Anthology = { ...sampleAnthology(), meta: { ...sampleAnthology().meta, cover: JPEG_COVER } };
    const rendered = render(a);
    expect(rendered.opf).toContain('<item id="cover-image" href="cover.jpg" media-type="image/jpeg" properties="cover-image"/>');
    expect(rendered.docs[0]!.xhtml).toContain('<img src="cover.jpg" alt="Tales &amp; &lt;Stories&gt;"/>');
    const zip = await unzip(await epubEmitter.emit({ anthology: a, rendered, messages: new Messages() }));
    expect(Object.keys(zip.files).filter((n) => /cover\.(?:png|jpg)$/.test(n))).toEqual(['OEBPS/cover.jpg']);
    expect(Buffer.from(await zip.file('OEBPS/cover.jpg')!.async('uint8array')).equals(readFileSync(JPEG_COVER))).toBe(true);
  });
  it('refuses, naming the file, a cover that is not a PNG or JPEG', async () => {
    const bad = join(work, 'cover.png');
    writeFileSync(bad, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await expect(emit({ ...sampleAnthology(), meta: { ...sampleAnthology().meta, cover: bad } })).rejects.toThrow(`the cover image ${bad} is not a PNG or JPEG`);
  });
  it('refuses, naming the file, a cover that cannot be read', async () => {
    const missing = join(work, 'missing.jpg');
    await expect(emit({ ...sampleAnthology(), meta: { ...sampleAnthology().meta, cover: missing } })).rejects.toThrow(`cannot read the cover image ${missing}`);
  });
  it('refuses a cover that is not what the package declares', async () => {
    const a: Anthology = { ...sampleAnthology(), meta: { ...sampleAnthology().meta, cover: JPEG_COVER } };
    const rendered = render(sampleAnthology());
    await expect(epubEmitter.emit({ anthology: a, rendered, messages: new Messages() })).rejects.toThrow(/does not declare the cover as cover\.jpg/);
    const none = { ...rendered, opf: rendered.opf.replace(' properties="cover-image"', '') };
    await expect(epubEmitter.emit({ anthology: sampleAnthology(), rendered: none, messages: new Messages() })).rejects.toThrow(/declares no cover image/);
  });
});
