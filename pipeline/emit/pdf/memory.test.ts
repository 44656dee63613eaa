import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../sink.js';
import { streamTo, writeInto } from './memory.js';

const options = { autoFirstPage: false, font: null, info: { CreationDate: new Date(0), ModDate: new Date(0) } } as unknown as PDFKit.PDFDocumentOptions;

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
