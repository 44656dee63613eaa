import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { PageContents } from './content.js';
import { PageText } from './pagetext.js';
import { deflater } from './deflate.js';
import { run, withTools } from './fixtures/tools.js';
import { ByteSink } from '../sink.js';
import { streamTo } from './memory.js';

describe('deflater', () => {
  it("gives pdfkit's bytes (zlib's defaults), in order, from the worker", async () => {
    const pages = ['BT /F1 10 Tf ET', 'q 1 0 0 -1 0 595 cm Q'.repeat(500), ''].map((s) => Buffer.from(s, 'latin1'));
    const { pages: out, release } = await deflater.deflate(pages);
    expect(out.map((b) => Buffer.from(b).toString('hex'))).toEqual(pages.map((p) => deflateSync(p).toString('hex')));
    expect(Buffer.from(inflateSync(out[1]!)).toString('latin1')).toBe('q 1 0 0 -1 0 595 cm Q'.repeat(500));
    release();
  });

  it('reuses one stream for every page, with the bytes deflateSync gives: a page whose output fills its buffer, and pages after it', async () => {
    // Bytes that do not compress: more than the stream's 64 KB of output, so it goes round again.
    const noise = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) >>> 24);
    const pages = [noise, Buffer.from('BT (after) Tj ET\n'.repeat(300)), new Uint8Array(0), noise.subarray(1000, 90_000), Buffer.from('q Q')];
    const { pages: out, release } = await deflater.deflate(pages);
    expect(deflater.reusesStream).toBe(true);
    expect(out.map((b) => Buffer.from(b).toString('hex'))).toEqual(pages.map((p) => deflateSync(p).toString('hex')));
    release();
  });

  it('moves one buffer each way per batch and uses it again once released', async () => {
    const page = (i: number): Uint8Array => Buffer.from(`BT (page ${i}) Tj ET\n`.repeat(40 + i), 'latin1');
    const first = await deflater.deflate([page(1), page(2)]);
    const buffer = first.pages[0]!.buffer;
    // Both pages lie in one buffer, end to end.
    expect(first.pages[1]!.buffer).toBe(buffer);
    expect(first.pages[1]!.byteOffset).toBe(first.pages[0]!.byteLength);
    first.release();
    // Given back to the worker with the next batch (so this side no longer holds it), and filled there.
    const second = deflater.deflate([page(3)]);
    expect(buffer.byteLength).toBe(0);
    const { pages: [again], release } = await second;
    expect(inflateSync(again!).toString('latin1')).toBe(Buffer.from(page(3)).toString('latin1'));
    release();
  });

  it('answers batches asked for at once each with its own pages', async () => {
    const asked = Array.from({ length: 5 }, (_, i) => deflater.deflate([Buffer.from(`page ${i}`)]));
    const got = await Promise.all(asked);
    expect(got.map(({ pages: [b] }) => inflateSync(b!).toString())).toEqual(['page 0', 'page 1', 'page 2', 'page 3', 'page 4']);
  });
});

describe('PageText', () => {
  it('collects lines and bytes in order, grows past its buffer, and hands its buffer to the next page', () => {
    const a = new PageText();
    a.bytes(Buffer.from('1 0 0 -1 0 200 cm\n'));
    a.line('BT');
    a.line('x'.repeat(40_000)); // more than the first buffer holds
    a.line('ET é');
    const text = Buffer.from(a.done()).toString('latin1');
    expect(text).toBe(`1 0 0 -1 0 200 cm\nBT\n${'x'.repeat(40_000)}\nET é\n`);
    const buffer = a.done().buffer;
    a.release();
    expect(a.done().length).toBe(0);
    const b = new PageText();
    b.line('q');
    expect(b.done().buffer).toBe(buffer); // the same memory, for the next page
    expect(Buffer.from(b.done()).toString('latin1')).toBe('q\n');
    b.release();
  });
});

/** A document of `n` pages whose content goes through PageContents, with a checkpoint every `every` pages. */
async function book(n: number, every: number): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, font: null, info: { CreationDate: new Date(0), ModDate: new Date(0) } } as unknown as PDFKit.PDFDocumentOptions);
  const sink = new ByteSink();
  streamTo(doc, (c) => sink.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  const pages = new PageContents();
  doc.on('pageAdded', () => pages.begin((doc as unknown as { page: Parameters<PageContents['begin']>[0] }).page));
  for (let i = 1; i <= n; i++) {
    pages.close();
    doc.addPage({ size: [200, 200], margin: 0 });
    doc.rect(10, 10, i, 20).fill();
    doc.addContent(`% page ${i}`);
    if (i % every === 0) await pages.checkpoint();
  }
  pages.close();
  doc.end();
  await pages.finish();
  await done;
  return Buffer.from(sink.bytes());
}

describe('PageContents', () => {
  it('writes every page whole and in order, compressed, the same bytes every time', async () => {
    const first = await book(130, 3);
    expect((await book(130, 3)).equals(first)).toBe(true);
    const raw = first.toString('latin1');
    const streams = [...raw.matchAll(/<<\n((?:\/\w+ [^\n]+\n)*)>>\nstream\n/g)]
      .filter((m) => m[1]!.includes('/Filter /FlateDecode'))
      .map((m) => inflateSync(first.subarray(m.index + m[0].length, m.index + m[0].length + Number(/\/Length (\d+)/.exec(m[1]!)![1]))).toString('latin1'));
    const pages = streams.filter((s) => s.includes('% page'));
    expect(pages).toHaveLength(130);
    // pdfkit's coordinate flip first, then what was drawn, in drawing order.
    expect(pages[0]).toMatch(/^1 0 0 -1 0 200 cm\n/);
    expect(pages[0]).toContain('10 10 1 20 re');
    expect(pages.map((s) => Number(/% page (\d+)/.exec(s)![1]))).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
  });

  withTools('makes a file qpdf accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anthologist-content-'));
    try {
      const file = join(dir, 'c.pdf');
      writeFileSync(file, await book(60, 7));
      expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');
      expect(run('pdfinfo', [file])).toMatch(/^Pages: +60$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
