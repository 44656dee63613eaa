import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { xmlText } from './view.js';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Anthology, RenderedBook, RenderedDoc } from '../model.js';
import { sampleAnthology } from '../../tests/helpers/sample.js';
import { hostileAnthology } from './fixtures/hostile.js';
import { xmlProblems } from './wellformed.js';
import { render, renderPass } from './index.js';
import { fileAs } from './package.js';
import { packageRoot } from './templates.js';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, 'fixtures', 'golden');

/** Every text file of a rendered book, by the name it has in the EPUB. */
function files(b: RenderedBook): Map<string, string> {
  const m = new Map(b.docs.map((d) => [d.filename, d.xhtml] as const));
  m.set('content.opf', b.opf).set('toc.ncx', b.ncx).set('style.css', b.css);
  return m;
}

const everything = (b: RenderedBook): string => [...files(b).values()].join('\n');

describe('render: golden files', () => {
  const book = render(sampleAnthology());
  const actual = files(book);
  if (process.env.UPDATE_GOLDEN === '1') {
    rmSync(goldenDir, { recursive: true, force: true });
    mkdirSync(goldenDir, { recursive: true });
    for (const [name, text] of actual) writeFileSync(join(goldenDir, name), text);
  }

  it('renders the same files as the fixtures (UPDATE_GOLDEN=1 rewrites them)', () => {
    expect([...actual.keys()].sort()).toEqual(readdirSync(goldenDir).sort());
  });
  it.each([...actual.keys()])('%s matches its fixture', (name) => {
    expect(actual.get(name)).toBe(readFileSync(join(goldenDir, name), 'utf8'));
  });
});

describe('render: structure', () => {
  const book = render(sampleAnthology());

  it('lists the documents in reading order, notes only where a story has them', () => {
    expect(book.docs.map((d) => `${d.filename}:${d.role}`)).toEqual([
      'cover.xhtml:cover',
      'titlepage.xhtml:titlepage',
      'toc.xhtml:toc',
      's1-attribution.xhtml:attribution',
      's1-story.xhtml:story',
      's1-notes.xhtml:endnotes',
      's2-attribution.xhtml:attribution',
      's2-story.xhtml:story',
      'colophon.xhtml:colophon',
    ]);
  });
  it('has the nav both in docs (in the spine) and as book.nav', () => {
    expect(book.docs.find((d) => d.role === 'toc')?.xhtml).toBe(book.nav);
    expect(book.opf).toContain('<item id="toc" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav"/>');
    expect(book.opf).toContain('<spine toc="ncx">');
  });
  it('starts every XHTML document with the XML declaration, doctype and language', () => {
    for (const d of book.docs) {
      expect(d.xhtml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">')).toBe(true);
      expect(d.xhtml).toContain('<link rel="stylesheet" type="text/css" href="style.css"/>');
    }
  });
  it('keeps non-ASCII text as characters, never numeric references', () => {
    const story = book.docs.find((d) => d.filename === 's1-story.xhtml')!.xhtml;
    expect(story).toContain('Ночь была тихой. Ἡ θάλασσα. 海 —');
    expect(everything(book)).not.toMatch(/&#(?:x0*[89a-fA-F][0-9a-fA-F]|x0*[1-9a-fA-F][0-9a-fA-F]{2,}|1[2-9]\d|[2-9]\d\d|\d{4,});/);
  });
  it('says "Author unknown" and the untitled label for a story without either', () => {
    const page = book.docs.find((d) => d.filename === 's2-attribution.xhtml')!.xhtml;
    expect(page).toContain('<p class="byline">Author unknown</p>');
    expect(page).toContain('Untitled: known by its opening words');
    expect(book.nav).toContain('Rain fell on the… — Author unknown');
  });
  it('gives the NCX the depth of the nav', () => {
    expect(book.ncx).toContain('<meta name="dtb:depth" content="2"/>');
    expect(book.ncx).toContain('<meta name="dtb:uid" content="urn:uuid:00000000-0000-4000-8000-000000000000"/>');
    const flat = render({ ...sampleAnthology(), stories: [sampleAnthology().stories[0]!] });
    expect(flat.ncx).toContain('<meta name="dtb:depth" content="1"/>');
    expect(flat.nav).not.toMatch(/<ol>\s*<\/ol>/);
  });
});

describe('render: safety and package metadata', () => {
  const book = render(hostileAnthology());
  const all = everything(book);

  it('escapes markup-like story text everywhere', () => {
    // The one image of the book is the cover, on the cover page, named by us.
    const cover = book.docs.find((d) => d.filename === 'cover.xhtml')!.xhtml;
    expect(cover.match(/<img /g)).toHaveLength(1);
    expect(cover).toContain('<img src="cover.png" alt="&lt;img src&#x3D;');
    const rest = everything({ ...book, docs: book.docs.filter((d) => d.filename !== 'cover.xhtml') });
    expect(rest).not.toMatch(/<img|<IMG|<script|<!--|<hr\/>/);
    expect(all).not.toMatch(/<IMG|<script|<!--|<hr\/>/);
    expect(all).toContain('&lt;img src&#x3D;&quot;file:///etc/passwd&quot;&gt; ]]&gt; &lt;!-- x --&gt; &amp; &amp;amp; &lt;script&gt;');
    expect(all).toContain('{{meta.title}}');
    expect(all).toContain('<em>a <strong>&lt;b&gt;bold&lt;/b&gt;</strong></em>');
    for (const f of files(book).values()) expect(f.split(']]>').length).toBe(1);
  });
  it.each([...files(render(hostileAnthology())).entries()].filter(([n]) => !n.endsWith('.css')))(
    '%s is well-formed XML',
    (_name, text) => expect(xmlProblems(text)).toEqual([]),
  );
  it.each([...files(render(sampleAnthology())).entries()].filter(([n]) => !n.endsWith('.css')))(
    'sample %s is well-formed XML',
    (_name, text) => expect(xmlProblems(text)).toEqual([]),
  );
  it('replaces characters XML cannot carry', () => {
    expect(all).toContain('Ж\uFFFD control and \uFFFD non-character');
    expect(all).not.toMatch(/[\u0007\uFFFE]/);
  });
  it('has one dc:creator per distinct known author, each with file-as and role', () => {
    const creators = [...book.opf.matchAll(/<dc:creator id="([^"]+)">([^<]*)<\/dc:creator>/g)];
    expect(creators.map((m) => m[2])).toEqual(['Ada Quill', expect.stringContaining('&lt;img'), 'Bo Li']);
    for (const [, id] of creators) {
      expect(book.opf).toContain(`<meta refines="#${id}" property="file-as">`);
      expect(book.opf).toContain(`<meta refines="#${id}" property="role" scheme="marc:relators">aut</meta>`);
    }
    expect(book.opf.match(/<dc:title>/g)).toHaveLength(1);
  });
  it('claims no rights for anyone but the authors', () => {
    for (const b of [book, render(sampleAnthology())]) {
      expect(everything(b)).not.toMatch(/all\s+rights\s+reserved/i);
      expect(b.opf).toContain('<dc:rights>Each story in this anthology belongs to its author');
    }
  });
  it('leaves out an empty description and an absent editor', () => {
    expect(book.opf).not.toContain('dc:description');
    expect(book.opf).not.toContain('dc:contributor');
    const sample = render(sampleAnthology()).opf;
    expect(sample).toContain('<dc:description>A sample anthology for tests.</dc:description>');
    expect(sample).toContain('<dc:contributor id="editor">E. Editor</dc:contributor>');
    expect(sample).toContain('<meta refines="#editor" property="role" scheme="marc:relators">edt</meta>');
  });
  it('dates the package with meta.modified and refuses other formats', () => {
    expect(book.opf).toContain('<meta property="dcterms:modified">2021-06-01T12:30:00Z</meta>');
    expect(book.opf).toContain('<dc:date>2021-06-01T12:30:00Z</dc:date>');
    const bad: Anthology = { ...hostileAnthology(), meta: { ...hostileAnthology().meta, modified: '2021-06-01' } };
    expect(() => render(bad)).toThrow(/modified/);
  });
});

describe('render: templates', () => {
  const dirs: string[] = [];
  const overrides = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'anthologist-tpl-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('throws, naming the template, on a field the data lacks (strict mode)', () => {
    const dir = overrides({ 'titlepage.xhtml.hbs': '<p>{{meta.nope}}</p>' });
    expect(() => render(sampleAnthology(), { templatesDir: dir })).toThrow(/titlepage\.xhtml\.hbs.*nope/s);
  });
  it('names the template whose partial fails', () => {
    const dir = overrides({ 'partials/note.hbs': '{{missingField}}' });
    expect(() => render(sampleAnthology(), { templatesDir: dir })).toThrow(/attribution\.xhtml\.hbs.*missingField/s);
  });
  it('replaces templates file by file and falls back to the defaults', () => {
    const dir = overrides({ 'style.css': 'p { margin: 0 }', 'partials/inlines.hbs': '{{#each this}}[{{kind}}]{{/each}}' });
    const book = render(sampleAnthology(), { templatesDir: dir });
    expect(book.css).toBe('p { margin: 0 }');
    expect(book.docs.find((d) => d.filename === 's1-story.xhtml')!.xhtml).toContain('<p>[text]</p>');
    expect(book.opf).toBe(render(sampleAnthology()).opf);
  });
  it('refuses a templates path that is a file, saying so rather than that it does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anth-tpl-file-'));
    writeFileSync(join(dir, 'story.xhtml.hbs'), '<p/>');
    expect(() => render(sampleAnthology(), { templatesDir: join(dir, 'story.xhtml.hbs') })).toThrow(/story\.xhtml\.hbs is a file, not a folder/u);
  });

  it('refuses a templates directory that does not exist', () => {
    expect(() => render(sampleAnthology(), { templatesDir: join(tmpdir(), 'anthologist-no-such-dir') })).toThrow(/does not exist/);
  });
  it('finds the package root from the sources and from dist/', () => {
    const root = packageRoot();
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name).toBe('anthologist');
    expect(packageRoot(join(root, 'dist', 'pipeline', 'render'))).toBe(root);
  });
});

describe('fileAs', () => {
  it.each([
    ['Ada Quill', 'Quill, Ada'],
    ['J. R. R. Tolkien', 'Tolkien, J. R. R.'],
    ['Ada', 'Ada'],
    ['starlight_42', 'starlight_42'],
    ['The Silver Fox', 'The Silver Fox'],
    ['Quill, Ada', 'Quill, Ada'],
    ['Лев Толстой', 'Толстой, Лев'],
  ])('%s → %s', (name, expected) => expect(fileAs(name)).toBe(expected));
});

describe('xmlProblems (the checker the well-formedness tests rely on)', () => {
  it.each([
    ['<a><b></a>', /closes/],
    ['<p>a & b</p>', /bare &/],
    ['<p>x</p><p>y</p>', /2 root/],
    ['<p a=b>x</p>', /not a well-formed tag/],
    ['<p>]]></p>', /\]\]>/],
    ['<p><img src="x"></p>', /closes|unclosed/],
  ])('rejects %s', (xml, why) => expect(xmlProblems(xml).join('\n')).toMatch(why));
  it('accepts a well-formed document', () => expect(xmlProblems('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1&amp;"><b/>t&lt;</a>\n')).toEqual([]));
});

describe('xmlText', () => {
  it.each([
    ['plain text, Ночь, 中文', 'plain text, Ночь, 中文'],
    ['a\u0001b\u000Bc', 'a\uFFFDb\uFFFDc'],
    ['tab\tnew\nline\r', 'tab\tnew\nline\r'],
    ['emoji 😀 kept', 'emoji 😀 kept'],
    ['lone \uD800 surrogate \uDC00', 'lone \uFFFD surrogate \uFFFD'],
    ['not \uFFFE or \uFFFF', 'not \uFFFD or \uFFFD'],
  ])('%j ⇒ %j', (input, want) => {
    expect(xmlText(input)).toBe(want);
  });
});

describe('render: one document at a time', () => {
  it('hands out the documents of render(), in order, but the navigation document, which comes last with the rest', () => {
    const whole = render(sampleAnthology());
    const handed: RenderedDoc[] = [];
    const rest = renderPass(sampleAnthology()).each((d) => handed.push(d));
    expect(handed).toEqual(whole.docs.filter((d) => d.role !== 'toc'));
    expect(rest.heads).toEqual(whole.docs.map(({ xhtml: _, ...head }) => head));
    expect([rest.opf, rest.ncx, rest.nav]).toEqual([whole.opf, whole.ncx, whole.nav]);
  });

  it('gives the colophon the chapter headings of each story, not its text', () => {
    const d = mkdtempSync(join(tmpdir(), 'anthologist-colophon-'));
    try {
      const colophon = readFileSync(join(packageRoot(), 'templates', 'colophon.xhtml.hbs'), 'utf8');
      writeFileSync(join(d, 'colophon.xhtml.hbs'), colophon.replace('{{displayTitle}}</h2>', '{{displayTitle}}</h2>{{#each chapters}}<p class="ch">{{headingId}}</p>{{/each}}'));
      const headed = render(sampleAnthology(), { templatesDir: d }).docs.find((x) => x.role === 'colophon')!.xhtml;
      expect(headed).toContain('<p class="ch">');
      // A chapter's text is gone by the time the colophon is made: asking for it is an error, not an empty list.
      writeFileSync(join(d, 'colophon.xhtml.hbs'), colophon.replace('{{displayTitle}}</h2>', '{{displayTitle}}</h2>{{#each chapters}}{{blocks}}{{/each}}'));
      expect(() => render(sampleAnthology(), { templatesDir: d })).toThrow(/colophon\.xhtml\.hbs.*"blocks" not defined/su);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
