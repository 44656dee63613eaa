import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { pdfObjects, withTools } from './fixtures/tools.js';
import { forgetElement, forgetPage, sealChildren } from './forget.js';
import { Tagger } from './tags.js';
import { ByteSink } from '../sink.js';
import { streamTo } from './memory.js';

interface Internals {
  _root: { data: { Pages: { data: { Kids: unknown[] } } } };
  getStructParentTree(): { _items: Record<number, unknown> };
}

/** An empty tagged document written into memory, and when it has ended. */
function openTagged(): { doc: PDFKit.PDFDocument; sink: ByteSink; done: Promise<unknown> } {
  const doc = new PDFDocument({ autoFirstPage: false, font: null, tagged: true, info: { CreationDate: new Date(0), ModDate: new Date(0) } } as unknown as PDFKit.PDFDocumentOptions);
  const sink = new ByteSink();
  streamTo(doc, (c) => sink.push(c));
  return { doc, sink, done: new Promise((resolve) => doc.on('end', resolve)) };
}

/** A tagged document of `n` pages, two paragraphs a page, each page forgotten when done. */
async function tagged(n: number): Promise<{ bytes: Uint8Array; internals: Internals; parents: unknown[]; pages: { data: object }[] }> {
  const { doc, sink, done } = openTagged();
  const root = doc.struct('Document');
  doc.addStructure(root);
  const parents: unknown[] = [];
  const pages: { data: object }[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) forgetPage(doc);
    doc.addPage({ size: [200, 200], margin: 0 });
    pages.push((doc as unknown as { page: { dictionary: { data: object } } }).page.dictionary);
    for (let j = 0; j < 2; j++) {
      const p = doc.struct('P');
      root.add(p);
      p.add(doc.markStructureContent('P'));
      doc.rect(10, 10 + 20 * j, 50, 10).fill();
      doc.endMarkedContent();
      p.end();
      parents.push(p);
    }
  }
  const internals = doc as unknown as Internals;
  root.end();
  doc.end();
  await done;
  return { bytes: sink.bytes(), internals, parents, pages };
}

describe('forgetPage', () => {
  it('keeps finished pages as numbers and writes their marked content at once', async () => {
    const { internals, parents, pages } = await tagged(3);
    // Written pages keep nothing but their reference; the last two were not yet written when forgotten.
    expect(pages.map((p) => Object.keys(p.data).length > 0)).toEqual([false, true, true]);
    const kids = internals._root.data.Pages.data.Kids;
    const ref = (o: unknown): string => String(o);
    // The finished pages are one stand-in that writes their references; the last page was never finished.
    expect(kids).toHaveLength(2);
    expect(String(kids[0])).toBe(`${ref(pages[0])} ${ref(pages[1])}`);
    expect('data' in (kids[0] as object)).toBe(false);
    expect(kids[1]).toBe(pages[2]);
    // Only the unfinished page's list of elements is still an array in the tree.
    const items = internals.getStructParentTree()._items;
    expect(Object.keys(items)).toEqual(['2']);
    const elem = (p: unknown): string => String((p as { dictionary: unknown }).dictionary);
    expect((items[2] as unknown[]).map(String)).toEqual([elem(parents[4]), elem(parents[5])]);
  });

  withTools('writes the same page tree and parent tree pdfkit would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anthologist-forget-'));
    try {
      const file = join(dir, 'f.pdf');
      writeFileSync(file, (await tagged(4)).bytes);
      const objects = pdfObjects(file);
      const get = (v: unknown): Record<string, unknown> => objects.get(v as string) as Record<string, unknown>;
      const catalog = [...objects.values()].find((o) => (o as Record<string, unknown>)?.['/Type'] === '/Catalog') as Record<string, unknown>;
      const pages = (get(catalog['/Pages'])['/Kids'] as string[]).map(get);
      expect(pages.map((p) => p['/Type'])).toEqual(['/Page', '/Page', '/Page', '/Page']);
      const tree = get(catalog['/StructTreeRoot'])['/ParentTree'] as { '/Nums': unknown[] };
      const nums = tree['/Nums'];
      expect(nums.filter((_, i) => i % 2 === 0)).toEqual(pages.map((p) => p['/StructParents']));
      // A finished page's list is an object of its own; the last page's is written in the tree.
      const lists = nums.filter((_, i) => i % 2 === 1).map((l) => (typeof l === 'string' ? objects.get(l) : l) as string[]);
      expect(nums.filter((_, i) => i % 2 === 1).map((l) => typeof l)).toEqual(['string', 'string', 'string', 'object']);
      for (const list of lists) expect(list.map((r) => get(r)['/S'])).toEqual(['/P', '/P']);
      expect(tree).not.toHaveProperty('/Limits');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  withTools('takes a link out of the parent tree, which still points from its annotation to its structure element', async () => {
    const { doc, sink, done } = openTagged();
    const root = doc.struct('Document');
    doc.addStructure(root);
    doc.addPage({ size: [200, 200], margin: 0 });
    doc.addNamedDestination('there', 'Fit');
    const link = doc.struct('Link');
    root.add(link);
    link.add(doc.markStructureContent('Link'));
    doc.rect(10, 10, 50, 10).fill();
    doc.endMarkedContent();
    doc.goTo(10, 10, 50, 10, 'there', { structParent: link } as unknown as PDFKit.Mixins.AnnotationOption);
    link.end();
    const items = (doc as unknown as Internals).getStructParentTree()._items;
    expect(Object.values(items).filter((v) => !Array.isArray(v))).toHaveLength(1);
    forgetPage(doc);
    // What pdfkit's tree still holds is lists of the open page's elements, nothing of the link.
    expect(Object.values(items).filter((v) => !Array.isArray(v))).toHaveLength(0);
    doc.addPage({ size: [200, 200], margin: 0 });
    root.end();
    doc.end();
    await done;
    const dir = mkdtempSync(join(tmpdir(), 'anthologist-forget-'));
    try {
      const file = join(dir, 'l.pdf');
      writeFileSync(file, sink.bytes());
      const objects = pdfObjects(file);
      const get = (v: unknown): Record<string, unknown> => objects.get(v as string) as Record<string, unknown>;
      const catalog = [...objects.values()].find((o) => (o as Record<string, unknown>)?.['/Type'] === '/Catalog') as Record<string, unknown>;
      const first = get((get(catalog['/Pages'])['/Kids'] as string[])[0]);
      const annot = get((first['/Annots'] as string[])[0]);
      const nums = (get(catalog['/StructTreeRoot'])['/ParentTree'] as { '/Nums': unknown[] })['/Nums'];
      const at = nums.indexOf(annot['/StructParent']);
      expect(at % 2).toBe(0);
      expect(get(nums[at + 1])['/S']).toBe('/Link');
      expect(nums.filter((_, i) => i % 2 === 0)).toEqual([...nums.filter((_, i) => i % 2 === 0)].sort((a, b) => Number(a) - Number(b)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A tagged page with an open `Sect` in the `Document`, and a way to add an ended paragraph to it (its object number kept in `ids`). */
function openSection(): ReturnType<typeof openTagged> & { tags: Tagger; sect: PDFKit.PDFStructureElement; ids: number[]; paragraph(): void } {
  const opened = openTagged();
  const { doc } = opened;
  doc.addPage({ size: [200, 200], margin: 0 });
  const tags = new Tagger(doc);
  tags.open('Document');
  tags.open('Sect');
  const ids: number[] = [];
  const paragraph = (): void => {
    tags.open('P');
    ids.push((tags.current as unknown as { dictionary: { id: number } }).dictionary.id);
    tags.mark();
    doc.rect(10, 10 + 20 * ids.length, 50, 10).fill();
    tags.close();
  };
  return { ...opened, tags, sect: tags.current!, ids, paragraph };
}

describe('forgetElement', () => {
  it('leaves the ended elements in a row in their open parent as one stand-in holding their object numbers, which the parent writes in its K', async () => {
    const { doc, sink, done, tags, sect, ids, paragraph } = openSection();
    for (let i = 0; i < 3; i++) paragraph();
    const children = (sect as unknown as { _children: object[] })._children;
    // One stand-in for the three, still taken for a written, ended structure element by pdfkit.
    expect(children).toHaveLength(1);
    const [run] = children as [{ dictionary: unknown; _ended: boolean; _isFlushable(): boolean }];
    expect(run).toBeInstanceOf(Object.getPrototypeOf(sect).constructor);
    expect(run._ended).toBe(true);
    expect(run._isFlushable()).toBe(true);
    expect(String(run.dictionary)).toBe(ids.map((id) => `${id} 0 R`).join(' '));
    // Not one that is still open, or not written: it stays as it is.
    tags.open('P');
    const open = tags.current!;
    forgetElement(doc, sect, open);
    expect(children[1]).toBe(open);
    tags.finish();
    doc.end();
    await done;
    const text = Buffer.from(sink.bytes()).toString('latin1');
    const sectObject = new RegExp(`/S /Sect\\s*/P \\d+ 0 R\\s*/K \\[${ids.map((id) => `${id} 0 R`).join(' ')} \\d+ 0 R\\]`);
    expect(text).toMatch(sectObject);
  });

  it('starts a new stand-in after sealChildren, so a mark taken there still falls between the two runs', () => {
    const { sect, ids, paragraph } = openSection();
    paragraph();
    paragraph();
    sealChildren(sect);
    paragraph();
    const children = (sect as unknown as { _children: { dictionary: unknown }[] })._children;
    expect(children.map((c) => String(c.dictionary))).toEqual([`${ids[0]} 0 R ${ids[1]} 0 R`, `${ids[2]} 0 R`]);
  });
});
