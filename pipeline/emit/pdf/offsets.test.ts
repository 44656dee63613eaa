import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../sink.js';
import { streamTo } from './memory.js';
import { keepOffsets, Offsets } from './offsets.js';

/** A small tagged document's bytes, with or without the offsets kept in Offsets (`offsets`, or a new one). */
async function small(typed: boolean, offsets?: Offsets, pages = 3): Promise<string> {
  const doc = new PDFDocument({ autoFirstPage: false, font: null, tagged: true, info: { CreationDate: new Date(0), ModDate: new Date(0) } } as unknown as PDFKit.PDFDocumentOptions);
  if (typed) keepOffsets(doc, offsets);
  const sink = new ByteSink();
  streamTo(doc, (c) => sink.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  for (let i = 0; i < pages; i++) {
    doc.addPage({ size: [200, 200], margin: 0 });
    doc.rect(10, 10 + 20 * i, 50, 10).fill();
  }
  doc.end();
  await done;
  return Buffer.from(sink.bytes()).toString('latin1');
}

describe('Offsets', () => {
  it('numbers objects, keeps where each was written, and grows', () => {
    const offsets = new Offsets();
    for (let i = 0; i < 3000; i++) expect(offsets.push(null)).toBe(i + 1);
    offsets.set(0, 15);
    offsets.set(2999, 4_000_000_000);
    expect(offsets.length).toBe(3000);
    const all = [...offsets];
    expect([all[0], all[1], all[2999]]).toEqual([15, 0, 4_000_000_000]);
  });

  it('takes offsets past 4 GiB', () => {
    const offsets = new Offsets();
    offsets.push(null);
    offsets.push(null);
    offsets.set(0, 17);
    offsets.set(1, 2 ** 33 + 5);
    expect([...offsets]).toEqual([17, 2 ** 33 + 5]);
  });

  it("gives a document pdfkit's own cross-reference table, byte for byte", async () => {
    const [typed, plain] = [await small(true), await small(false)];
    expect(typed).toBe(plain);
    // The table lists every object at the offset it was written at.
    const xref = /xref\n0 (\d+)\n0000000000 65535 f \n((?:\d{10} 00000 n \n)+)/.exec(typed)!;
    const rows = xref[2]!.trim().split('\n');
    expect(rows).toHaveLength(Number(xref[1]) - 1);
    rows.forEach((row, i) => expect(typed.slice(Number(row.slice(0, 10))).startsWith(`${i + 1} 0 obj`)).toBe(true));
  });

  it('sends the blocks used longest ago to disk and reads them back, written or not', () => {
    const offsets = new Offsets(4, 2);
    for (let i = 0; i < 20; i++) offsets.push(null);
    // Blocks 0–2 went to disk as 3 and 4 were made; object 1 is written late, into block 0.
    offsets.set(0, 7);
    for (let i = 1; i < 20; i++) offsets.set(i, 100 + i);
    expect(offsets.reloads).toBeGreaterThan(0);
    expect([...offsets]).toEqual([7, ...Array.from({ length: 19 }, (_, i) => 101 + i)]);
  });

  it('gives the same cross-reference table with most blocks on disk', async () => {
    const offsets = new Offsets(2, 1);
    const [spilled, plain] = [await small(true, offsets, 12), await small(false, undefined, 12)];
    expect(offsets.length).toBeGreaterThan(20);
    expect(spilled).toBe(plain);
  });
});
