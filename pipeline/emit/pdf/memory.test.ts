import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { ByteSink, streamTo, writeInto } from './memory.js';

const options = { autoFirstPage: false, font: null, info: { CreationDate: new Date(0), ModDate: new Date(0) } } as unknown as PDFKit.PDFDocumentOptions;

describe('ByteSink', () => {
  it('keeps bytes and lines in order across its blocks, and joins them exactly', () => {
    const sink = new ByteSink();
    const big = Buffer.alloc(1_500_000, 0x61); // spans a block boundary
    expect(sink.line('%PDF-1.7')).toBe(9);
    expect(sink.push(big)).toBe(1_500_000);
    sink.line('x'.repeat(600_000)); // does not fit what is left of the block
    sink.line('é\u00ff'); // binary strings: one byte a character
    expect(sink.length).toBe(9 + 1_500_000 + 600_001 + 3);
    const out = Buffer.from(sink.bytes());
    expect(out.length).toBe(9 + 1_500_000 + 600_001 + 3);
    expect(out.subarray(0, 9).toString('latin1')).toBe('%PDF-1.7\n');
    expect(out.subarray(9, 9 + 1_500_000).equals(big)).toBe(true);
    expect(out.subarray(out.length - 3)).toEqual(Buffer.from([0xe9, 0xff, 0x0a]));
    expect(sink.length).toBe(0);
  });
});

describe('writeInto', () => {
  it("gives the bytes pdfkit's own stream gives, and still ends the stream", async () => {
    const draw = (doc: PDFKit.PDFDocument): void => {
      for (let i = 0; i < 30; i++) doc.addPage({ size: [100, 100], margin: 0 }).rect(5, 5, i, 5).fill();
      doc.end();
    };
    const streamed: Buffer[] = [];
    const a = new PDFDocument(options);
    const aEnd = new Promise((resolve) => a.on('end', resolve));
    streamTo(a, (c) => streamed.push(Buffer.from(c)));
    draw(a);
    await aEnd;
    const sink = new ByteSink();
    const b = new PDFDocument(options);
    const bEnd = new Promise((resolve) => b.on('end', resolve));
    writeInto(b, sink);
    draw(b);
    await bEnd;
    const expected = Buffer.concat(streamed);
    expect(expected.length).toBeGreaterThan(3000);
    expect(Buffer.from(sink.bytes()).equals(expected)).toBe(true);
  });
});
