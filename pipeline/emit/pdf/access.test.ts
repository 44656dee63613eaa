import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import { emitPdf, pdfObjects, run, withTools } from './fixtures/tools.js';
import { xmlEscape } from './xmp.js';

/**
 * A strict well-formedness check for the XMP packet: every tag closed in
 * order, attribute values quoted, and no bare `<` or `&` in text.
 */
function wellFormed(xml: string): string | null {
  const stack: string[] = [];
  const text = (t: string): boolean => !/<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(t);
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const [, close, open, attrs, selfClosing, chars, stray] = m;
    if (stray) return `stray < at ${m.index}`;
    if (chars !== undefined && !text(chars)) return `bad text ${JSON.stringify(chars.slice(0, 40))}`;
    if (attrs && !text(attrs.replace(/=\s*(["'])/g, '=$1'))) return `bad attribute in <${open}>`;
    if (open && !selfClosing) stack.push(open);
    if (close && stack.pop() !== close) return `unbalanced </${close}>`;
  }
  return stack.length ? `unclosed <${stack.join('> <')}>` : null;
}

type Dict = Record<string, unknown>;

describe('PDF metadata and accessibility', () => {
  let dir = '';
  let file = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anthologist-pdf-access-'));
    file = join(dir, 'sample.pdf');
    const a = sampleAnthology();
    a.stories[1]!.meta.language = 'fr'; // a story in another language than the book's
    writeFileSync(file, await emitPdf(a));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('escapes XML text', () => {
    expect(xmlEscape('Tales & <Stories> "x" \'y\'\u0001')).toBe('Tales &amp; &lt;Stories&gt; &quot;x&quot; &apos;y&apos;');
  });

  withTools('writes well-formed XMP metadata with the escaped title, authors, editor, subject, keywords and language', () => {
    const objects = pdfObjects(file);
    const catalog = [...objects.values()].find((o) => (o as Dict)?.['/Type'] === '/Catalog') as Dict;
    const ref = catalog['/Metadata'] as string;
    expect(ref).toMatch(/^\d+ 0 R$/);
    const xml = run('qpdf', ['--show-object=' + ref.split(' ')[0], '--raw-stream-data', file]);
    expect(wellFormed(xml)).toBeNull();
    expect(xml).toContain('<rdf:li xml:lang="x-default">Tales &amp; &lt;Stories&gt;</rdf:li>');
    // The editor made the book but wrote none of its stories: a contributor, as in the EPUB.
    expect(xml).toContain('<dc:creator><rdf:Seq><rdf:li>Ada Quill</rdf:li></rdf:Seq></dc:creator>');
    expect(xml).toContain('<dc:contributor><rdf:Bag><rdf:li>E. Editor</rdf:li></rdf:Bag></dc:contributor>');
    expect(xml).toContain('A sample anthology for tests.');
    expect(xml).toContain('<pdf:Keywords>anthology, Harbour Lights</pdf:Keywords>');
    expect(xml).toContain('<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>');
    expect(xml).toContain('<xmp:CreateDate>2020-01-01T00:00:00Z</xmp:CreateDate>');
    // The check would catch pdfkit's own, unescaped packet.
    expect(wellFormed(xml.replace('&amp;', '&'))).not.toBeNull();
    expect(xml.match(/<x:xmpmeta/g)).toHaveLength(1);
    expect(run('pdfinfo', [file])).toMatch(/^Metadata Stream: +yes$/m);
  });

  withTools('is a tagged PDF: MarkInfo, and a structure tree of headings, paragraphs, contents and links', () => {
    const objects = pdfObjects(file);
    const get = (v: unknown): unknown => (typeof v === 'string' && /^\d+ 0 R$/.test(v) ? objects.get(v) : v);
    const catalog = [...objects.values()].find((o) => (o as Dict)?.['/Type'] === '/Catalog') as Dict;
    expect((get(catalog['/MarkInfo']) as Dict)['/Marked']).toBe(true);
    const root = get(catalog['/StructTreeRoot']) as Dict;
    expect(root['/Type']).toBe('/StructTreeRoot');
    expect(root['/ParentTree']).toBeDefined();
    // Walk the tree in order, collecting element types and languages.
    const types: string[] = [];
    const langs: string[] = [];
    let marked = 0;
    const walk = (node: unknown): void => {
      const n = get(node);
      if (typeof n === 'number') marked += 1;
      else if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const d = n as Dict;
        if (typeof d['/S'] === 'string') types.push(d['/S'].slice(1));
        if (typeof d['/Lang'] === 'string') langs.push(d['/Lang']);
        if (d['/Type'] === '/MCR') marked += 1;
        if (d['/K'] !== undefined) walk(d['/K']);
      }
    };
    walk(root['/K']);
    expect(types[0]).toBe('Document');
    for (const t of ['H1', 'H2', 'P', 'TOC', 'TOCI', 'Link', 'Sect', 'BlockQuote']) expect(types, t).toContain(t);
    // Book title, contents, two story titles, contributors.
    expect(types.filter((t) => t === 'H1')).toHaveLength(5);
    expect(types.filter((t) => t === 'H2').length).toBeGreaterThanOrEqual(2 + 2); // two chapters, two contributor entries
    expect(types.filter((t) => t === 'P').length).toBeGreaterThan(20);
    expect(langs).toEqual(['u:fr']);
    expect(marked).toBeGreaterThan(30);
    expect(run('pdfinfo', [file])).toMatch(/^Tagged: +yes$/m);
  });

  withTools('marks page numbers and running heads as artifacts', () => {
    const content = run('qpdf', ['--qdf', '--object-streams=disable', file, '-']).replace(/\s+/g, ' ');
    expect(content).toMatch(/\/Artifact << \/Type \/Pagination >> BDC/);
    expect(content).toMatch(/\/P << \/MCID \d+ >> BDC/);
    // Every marked sequence is closed.
    expect(content.match(/ BDC /g)?.length).toBe(content.match(/ EMC /g)?.length);
  });
});
