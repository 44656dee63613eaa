import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect } from 'vitest';
import { pdfObjects, withTools } from './fixtures/tools.js';
import { ByteSink } from '../sink.js';
import { streamTo } from './memory.js';
import { currentPage, outlineOf } from './outline.js';

type Dict = Record<string, unknown>;

/** Three pages with bookmarks A (and its child A1), B, C; then C moved to the front. */
async function book(): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false, font: null, info: { CreationDate: new Date(0), ModDate: new Date(0) } } as unknown as PDFKit.PDFDocumentOptions);
  const sink = new ByteSink();
  streamTo(doc, (c) => sink.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  const outline = outlineOf(doc);
  for (const title of ['A', 'B', 'C']) {
    doc.addPage({ size: [200, 200], margin: 0 });
    const item = outline.add(title, currentPage(doc));
    if (title === 'A') outline.add('A1 — “é” & <x>', currentPage(doc), item);
  }
  outline.toFront(2);
  outline.write(doc);
  doc.end();
  await done;
  return sink.bytes();
}

describe('Outline', () => {
  withTools('writes every bookmark linked both ways to its neighbours and parent, closed, to the whole page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anthologist-outline-'));
    try {
      const file = join(dir, 'o.pdf');
      writeFileSync(file, await book());
      const objects = pdfObjects(file);
      const get = (ref: unknown): Dict => objects.get(ref as string) as Dict;
      const catalog = [...objects.values()].find((o) => (o as Dict)?.['/Type'] === '/Catalog') as Dict;
      expect(catalog['/PageMode']).toBe('/UseOutlines');
      const rootRef = catalog['/Outlines'] as string;
      const root = get(rootRef);
      const pages = (get(catalog['/Pages'])['/Kids'] as string[]);
      const siblings = (parent: Dict): Dict[] => {
        const out: Dict[] = [];
        for (let ref = parent['/First'] as string | undefined; ref; ref = get(ref)['/Next'] as string | undefined) out.push(get(ref));
        return out;
      };
      const top = siblings(root);
      expect(top.map((o) => o['/Title'])).toEqual(['u:C', 'u:A', 'u:B']);
      expect(top.map((o) => o['/Dest'])).toEqual([[pages[2], '/Fit'], [pages[0], '/Fit'], [pages[1], '/Fit']]);
      expect(top.every((o) => o['/Parent'] === rootRef && o['/Count'] === undefined)).toBe(true);
      // Backwards too: Last, then Prev.
      expect(get(root['/Last'])['/Title']).toBe('u:B');
      expect(get(top[2]!['/Prev'])['/Title']).toBe('u:A');
      expect(get(top[1]!['/Prev'])['/Title']).toBe('u:C');
      expect(top[0]!['/Prev']).toBeUndefined();
      const [child] = siblings(top[1]!);
      expect(top[1]!['/First']).toBe(top[1]!['/Last']);
      expect(child!['/Title']).toBe('u:A1 — “é” & <x>');
      expect(get(child!['/Parent'])['/Title']).toBe('u:A');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
