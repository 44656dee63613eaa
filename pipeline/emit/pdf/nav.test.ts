import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../sink.js';
import type { Flow } from './flow.js';
import { streamTo } from './memory.js';
import { anchor } from './nav.js';

/** A document of four pages with named destinations, made by pdfkit itself or by `anchor`. */
async function named(own: boolean, names = [['story-b', 'contents'], ['story-a'], ['story-ä (1)', 'story-b'], ['z']]): Promise<string> {
  const doc = new PDFDocument({ autoFirstPage: false, font: null, info: { CreationDate: new Date(0), ModDate: new Date(0) } } as unknown as PDFKit.PDFDocumentOptions);
  const sink = new ByteSink();
  streamTo(doc, (c) => sink.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  for (const page of names) {
    doc.addPage({ size: [200, 200], margin: 0 });
    for (const name of page) {
      if (own) anchor({ doc } as unknown as Flow, name);
      else doc.addNamedDestination(name, 'Fit');
    }
  }
  doc.end();
  await done;
  return Buffer.from(sink.bytes()).toString('latin1');
}

describe('anchor', () => {
  it("writes the same name tree as pdfkit's own named destinations: sorted, the last page named wins", async () => {
    const [own, theirs] = [await named(true), await named(false)];
    expect(own).toBe(theirs);
    expect(own).toMatch(/\/Names \[\n {4}\(contents\) \[\d+ 0 R \/Fit\]\n {4}\(story-a\)/);
  });

  it('writes plain names itself, the same bytes as pdfkit: sorted as bytes, numbers as text, the last page named wins', async () => {
    const names = [['story-s2', 'contents'], ['story-s10', 'story-s1'], ['contributors', 'story-s2'], ['story-s1-0']];
    const [own, theirs] = [await named(true, names), await named(false, names)];
    expect(own).toBe(theirs);
    expect(own).toMatch(/\/Limits \[\(contents\) \(story-s2\)\]\n {2}\/Names \[\n {4}\(contents\) \[\d+ 0 R \/Fit\]\n {4}\(contributors\)/);
    expect(own.indexOf('(story-s1)')).toBeLessThan(own.indexOf('(story-s1-0)'));
    expect(own.indexOf('(story-s1-0)')).toBeLessThan(own.indexOf('(story-s10)'));
  });

  it('writes an empty tree as pdfkit does', async () => {
    expect(await named(true, [[], []])).toBe(await named(false, [[], []]));
  });
});
