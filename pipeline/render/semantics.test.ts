import { describe, expect, it } from 'vitest';
import type { Anthology, Paragraph } from '../model.js';
import { sampleAnthology } from '../../tests/helpers/sample.js';
import { generatedBook } from './fixtures/books.js';
import { hostileAnthology } from './fixtures/hostile.js';
import { render } from './index.js';
import { isLanguageTag } from './lang.js';
import { CONFORMS_TO } from './metadata.js';
import { labelsFor } from '../shared/labels.js';

const books: Record<string, Anthology> = {
  sample: sampleAnthology(),
  hostile: hostileAnthology(),
  generated: generatedBook({ stories: 4, chapters: 3, paragraphs: 6 }),
  cyrillic: generatedBook({ stories: 3, chapters: 2, paragraphs: 5, script: 'cyrillic' }),
};

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/** Heading levels of a document, in order. */
const headings = (xhtml: string): number[] => [...xhtml.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

describe.each(Object.entries(books))('semantics of the %s book', (_name, anthology) => {
  const book = render(anthology);
  const doc = (name: string): string => book.docs.find((d) => d.filename === name)!.xhtml;

  it('marks the cover, title page, contents, colophon and each story, chapter, epigraph and note', () => {
    expect(doc('cover.xhtml')).toContain('epub:type="cover"');
    expect(doc('titlepage.xhtml')).toContain('<section class="titlepage" epub:type="titlepage"');
    expect(doc('toc.xhtml')).toContain('<nav epub:type="toc"');
    expect(doc('colophon.xhtml')).toContain('epub:type="colophon"');
    for (const s of anthology.stories) {
      expect(doc(`${s.id}-attribution.xhtml`)).toContain(`<section class="attribution" id="${s.id}" epub:type="part"`);
      const story = doc(`${s.id}-story.xhtml`);
      expect(story).toContain('<section class="story" epub:type="part"');
      expect(count(story, /<section class="story-chapter" epub:type="chapter"/g)).toBe(s.chapters.length);
      const epigraphs = s.chapters.flatMap((c) => c.blocks).filter((b) => b.kind === 'epigraph').length;
      expect(count(story, /epub:type="epigraph"/g)).toBe(epigraphs);
      if (s.front.length) expect(doc(`${s.id}-attribution.xhtml`)).toContain('epub:type="preamble"');
      if (s.end.length || s.signature) expect(doc(`${s.id}-notes.xhtml`)).toContain('epub:type="afterword"');
    }
  });
  it('gives no element the class "chapter", which Calibre takes for a chapter start besides the heading in it', () => {
    // Calibre's default chapter detection (used for every conversion, AZW3 and PDF included) matches
    // @class = 'chapter' as well as a heading reading "Chapter …": both got a page break, and its
    // PDF had a blank page before every chapter.
    for (const d of book.docs) expect(d.xhtml, d.filename).not.toMatch(/class="chapter"/);
    expect(book.css).not.toMatch(/\.chapter\b/);
  });
  it('has headings in order in every document: starting at h1, never skipping a level', () => {
    for (const d of book.docs) {
      const levels = headings(d.xhtml);
      levels.forEach((l, i) => expect(l, `${d.filename}: h${l} after h${levels[i - 1] ?? 0}`).toBeLessThanOrEqual((levels[i - 1] ?? 0) + 1));
    }
  });
  it('draws each scene break as a labelled rule with a visible glyph after it', () => {
    for (const s of anthology.stories) {
      const breaks = s.chapters.flatMap((c) => c.blocks).filter((b) => b.kind === 'sceneBreak').length;
      const story = doc(`${s.id}-story.xhtml`);
      // Named in the book's language (the Cyrillic book is in Russian).
      const label = labelsFor(anthology.meta.language).sceneBreak;
      expect(count(story, new RegExp(`<hr class="scene-break" aria-label="${label}"/>\\n<div class="scene-glyph" aria-hidden="true">\\* \\* \\*</div>`, 'g'))).toBe(breaks);
      expect(count(story, /<hr/g)).toBe(breaks);
    }
  });
  it('has no empty paragraphs anywhere', () => {
    for (const d of book.docs) expect(d.xhtml, d.filename).not.toMatch(/<p(?:\s[^>]*)?>\s*<\/p>/);
  });
  it('sets on every document a language dc:language declares: the book\'s (declared first), or its story\'s', () => {
    const lang = anthology.meta.language;
    const declared = [...book.opf.matchAll(/<dc:language>([^<]+)<\/dc:language>/g)].map((m) => m[1]);
    expect(declared[0]).toBe(lang);
    expect(book.opf).toContain(`xml:lang="${lang}"`);
    expect(book.ncx).toContain(`xml:lang="${lang}"`);
    for (const d of book.docs) {
      const own = anthology.stories.find((s) => s.id === d.storyId)?.meta.language ?? lang;
      expect(d.xhtml, d.filename).toMatch(new RegExp(`<html [^>]*lang="${own}" xml:lang="${own}">`));
      expect(declared).toContain(own);
    }
  });
  it('has exactly one dc:title, the identifier and dcterms:modified from meta', () => {
    expect(count(book.opf, /<dc:title[ >]/g)).toBe(1);
    expect(book.opf).toContain(`<dc:identifier id="pub-id">${anthology.meta.identifier}</dc:identifier>`);
    expect(book.opf).toContain(`<meta property="dcterms:modified">${anthology.meta.modified}</meta>`);
  });
});

describe('empty paragraphs', () => {
  it('are never written, even when the model has blank ones', () => {
    const a = sampleAnthology();
    const blank = (text: string): Paragraph => ({ kind: 'paragraph', inlines: [{ kind: 'text', text }], pos: { file: 'x', line: 1, column: 1 } });
    a.stories[0]!.chapters[0]!.blocks.push(blank(''), blank('  \u00a0 '), { kind: 'paragraph', inlines: [], pos: { file: 'x', line: 1, column: 1 } });
    a.stories[0]!.end[0]!.blocks.push(blank(' '));
    const book = render(a);
    for (const d of book.docs) expect(d.xhtml, d.filename).not.toMatch(/<p(?:\s[^>]*)?>\s*<\/p>/);
  });
});

describe('languages', () => {
  it.each(['en', 'en-GB', 'pt-BR', 'zh-Hant-TW', 'sr-Latn-RS', 'es-419', 'de-CH-1996', 'x-private', 'en-x-house'])('accepts %s as BCP 47', (tag) => expect(isLanguageTag(tag)).toBe(true));
  it.each(['', 'e', 'English', 'en_GB', 'en-', 'en GB', '12'])('refuses %j', (tag) => expect(isLanguageTag(tag)).toBe(false));
  it('sets a story in another language on its own documents and lists that language too', () => {
    const a = generatedBook({ stories: 2, chapters: 2, paragraphs: 2 });
    a.stories[1]!.meta.language = 'de-CH';
    const book = render(a);
    expect([...book.opf.matchAll(/<dc:language>([^<]+)<\/dc:language>/g)].map((m) => m[1])).toEqual(['en', 'de-CH']);
    for (const d of book.docs) {
      const lang = d.storyId === 's2' ? 'de-CH' : 'en';
      expect(d.xhtml, d.filename).toMatch(new RegExp(`<html [^>]*lang="${lang}" xml:lang="${lang}">`));
      expect(d.xhtml.match(/\slang="/g), d.filename).toHaveLength(1);
    }
  });
  it('ignores a malformed story language and refuses a malformed book language', () => {
    const a = generatedBook({ stories: 1, chapters: 1, paragraphs: 1 });
    a.stories[0]!.meta.language = 'English';
    const book = render(a);
    expect(book.opf).not.toContain('English');
    expect(book.docs.find((d) => d.filename === 's1-story.xhtml')!.xhtml).toContain('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">');
    expect(() => render({ ...a, meta: { ...a.meta, language: 'English language' } })).toThrow(/BCP 47/);
  });
});

describe('package metadata', () => {
  const opf = render(sampleAnthology()).opf;
  it('has one creator per author with file-as, and the editor as contributor (edt)', () => {
    expect(opf).toContain('<dc:creator id="creator-1">Ada Quill</dc:creator>\n<meta refines="#creator-1" property="file-as">Quill, Ada</meta>');
    expect(opf).toContain('<dc:contributor id="editor">E. Editor</dc:contributor>\n<meta refines="#editor" property="role" scheme="marc:relators">edt</meta>');
    const gen = render(generatedBook({ stories: 6, chapters: 1, paragraphs: 1 })).opf;
    expect(count(gen, /<dc:creator /g)).toBe(4); // every third story has no known author: none is invented
  });
  it('declares the one series all the stories share, at its lowest stated position', () => {
    const a = generatedBook({ stories: 3, chapters: 1, paragraphs: 1, series: (i) => ({ name: 'Lantern', position: i + 2 }) });
    const out = render(a).opf;
    expect(count(out, /property="belongs-to-collection"/g)).toBe(1);
    expect(out).toContain('<meta property="belongs-to-collection" id="series-1">Lantern</meta>\n<meta refines="#series-1" property="collection-type">series</meta>\n<meta refines="#series-1" property="group-position">2</meta>');
  });
  it('declares each distinct series when the stories differ, positions only where stated', () => {
    const a = generatedBook({ stories: 4, chapters: 1, paragraphs: 1, series: (i) => (i === 3 ? undefined : i === 0 ? { name: 'Harbour' } : { name: 'Lantern', position: 5 - i }) });
    const out = render(a).opf;
    expect([...out.matchAll(/property="belongs-to-collection" id="([^"]+)">([^<]+)</g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['series-1 Harbour', 'series-2 Lantern']);
    expect(out).not.toContain('refines="#series-1" property="group-position"');
    expect(out).toContain('<meta refines="#series-2" property="group-position">3</meta>');
  });
  it('gives dc:source for every story whose header names its source', () => {
    expect([...opf.matchAll(/<dc:source>([^<]+)<\/dc:source>/g)].map((m) => m[1])).toEqual(['https://example.invalid/works/1']);
    const gen = render(generatedBook({ stories: 5, chapters: 1, paragraphs: 1 })).opf;
    expect(count(gen, /<dc:source>/g)).toBe(3);
  });
  it('states accessibility as EPUB Accessibility 1.1 asks', () => {
    const lines = (prop: string): string[] => [...opf.matchAll(new RegExp(`<meta property="${prop}">([^<]+)</meta>`, 'g'))].map((m) => m[1]!);
    expect(lines('schema:accessMode')).toEqual(['textual', 'visual']);
    expect(lines('schema:accessModeSufficient')).toEqual(['textual']);
    expect(lines('schema:accessibilityFeature')).toEqual(['structuralNavigation', 'tableOfContents', 'readingOrder', 'alternativeText']);
    expect(lines('schema:accessibilityHazard')).toEqual(['none']);
    expect(lines('schema:accessibilitySummary')[0]).toMatch(/^An anthology of 2 stories, all in text\. The only image is the cover/);
    expect(lines('dcterms:conformsTo')).toEqual([CONFORMS_TO]);
    expect(CONFORMS_TO).toBe('EPUB Accessibility 1.1 - WCAG 2.1 Level AA');
  });
  it('declares the cover image for EPUB 3 and for Kindle', () => {
    expect(opf).toContain('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>');
    expect(opf).toContain('<meta name="cover" content="cover-image"/>');
    const cover = render(sampleAnthology()).docs[0]!;
    expect(cover.xhtml).toContain('<img src="cover.png" alt="Tales &amp; &lt;Stories&gt;"/>');
  });
});

describe('style sheet', () => {
  const css = render(sampleAnthology()).css.replace(/\/\*[\s\S]*?\*\//g, '');
  it('fixes no font, colour or absolute size, so reader settings apply', () => {
    expect(css).not.toMatch(/font-family|(?<![-\w])color\s*:|background/);
    expect(css).not.toMatch(/\d(?:px|pt|cm|mm|in)\b/);
    expect(/body\s*\{[^}]*\}/.exec(css)![0]).not.toMatch(/font/);
  });
  it('indents paragraphs, but not after headings, scene breaks, epigraphs or notes', () => {
    expect(css).toMatch(/\bp\s*\{[^}]*text-indent:\s*1\.5em/);
    const noIndent = /([^{}]+)\{\s*text-indent:\s*0;\s*\}/.exec(css)![1]!;
    for (const sel of ['h1 + p', 'h2 + p', '.scene-glyph + p', '.epigraph + p', '.author-note + p']) expect(noIndent).toContain(sel);
  });
});

describe('the title page', () => {
  it('shows the publisher, as the PDF title page does', () => {
    const anthology = sampleAnthology();
    anthology.meta.publisher = 'The Small & Quiet Press';
    const page = render(anthology).docs.find((d) => d.filename === 'titlepage.xhtml')!.xhtml;
    expect(page).toContain('<p class="book-publisher">The Small &amp; Quiet Press</p>');
  });
});
