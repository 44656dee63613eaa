import type { Anthology, DocHead, RenderedBook, RenderedDoc, RenderedRest, RenderPass, Story } from '../model.js';
import { coverDeclaration } from '../cover/declare.js';
import { labelsFor, noClaimSentence } from '../shared/labels.js';
import { accessibility, collections, languages, sources } from './metadata.js';
import { COVER_ITEM_ID, creators, items, metaView } from './package.js';
import { loadTemplates, TemplateError, type TemplateName, type Templates } from './templates.js';
import { xmlProblems } from './wellformed.js';
import { hashKey, type Cache } from '../cache/index.js';
import { storyHead, storyView, tocEntries, xmlText, type StoryHead } from './view.js';

export { defaultTemplatesDir, packageRoot, TEMPLATE_FILES, TemplateError, templatesDirProblem } from './templates.js';

/** Options of {@link render}. */
export interface RenderOptions {
  /** A directory whose files replace the default templates of the same name, file by file. */
  templatesDir?: string;
  /** Renderings of earlier builds, by template and context; absent: none. */
  cache?: Cache;
}

/** File names of the book-level documents. */
export const FILES = { cover: 'cover.xhtml', titlepage: 'titlepage.xhtml', nav: 'toc.xhtml', colophon: 'colophon.xhtml' } as const;

/**
 * Renders the anthology into XHTML documents, the style sheet and the
 * package files, through the Handlebars templates.
 *
 * Reading order: cover, title page, contents (the EPUB navigation
 * document), then per story its attribution page, the story and (if it has
 * end notes or a signature) its notes, then the colophon. The spine, the
 * nav, the NCX and the guide all follow this one order.
 *
 * The navigation document is both in `docs` (role `toc`, at its place in
 * the reading order, so the spine and any emitter walking `docs` see it) and
 * in `nav` (the same string), for emitters that must write the navigation
 * document separately. Emitters must not write it twice.
 *
 * The cover image itself is made by the cover stage in the EPUB emitter;
 * here it is only declared (`cover.png`, or the editor's file by its type).
 */
export function render(anthology: Anthology, options: RenderOptions = {}): RenderedBook {
  const docs: RenderedDoc[] = [];
  const pass = renderPass(anthology, options);
  const { heads, opf, ncx, nav } = pass.each((d) => docs.push(d));
  // The navigation document is made last (it lists every story's chapters) but read third.
  const at = heads.findIndex((h) => h.role === 'toc');
  docs.splice(at, 0, { ...heads[at]!, xhtml: nav });
  return { docs, css: pass.css, opf, ncx, nav };
}

/**
 * The same documents as {@link render}, made one at a time as the pass is
 * walked: a story's view and pages exist only while they are handed out,
 * and what the contents and the colophon need of it (its titles, authors,
 * rights notes and chapter headings, not its text) is kept for the end.
 * The templates are read now, so a missing one is an error before any
 * document is made.
 */
export function renderPass(anthology: Anthology, options: RenderOptions = {}): RenderPass {
  const t = loadTemplates(options.templatesDir);
  // The default templates are tested to make well-formed pages; an editor's own are checked as they run.
  const check = options.templatesDir !== undefined;
  return { css: t.css, each: (each) => walk(anthology, t, options.cache, each, check) };
}

/** Stops the build on a page that is not well-formed XHTML: epubcheck would refuse the book. */
function checked(template: TemplateName, head: DocHead, xhtml: string): string {
  const problem = xmlProblems(xhtml)[0];
  if (problem !== undefined) throw new TemplateError(`template ${template} made ${head.filename}, which is not well-formed XHTML: ${problem}`);
  return xhtml;
}

function walk(anthology: Anthology, t: Templates, cache: Cache | undefined, each: (doc: RenderedDoc) => void, check: boolean): RenderedRest {
  const meta = metaView(anthology.meta);
  // The book's own words (headings, navigation names, the colophon's sentences) are in its language.
  const labels = labelsFor(anthology.meta.language);
  // Documents are in the book's language, a story's own documents in the story's. The book's own
  // pages are left to right (every language of their words is); a right-to-left story's documents say so.
  const base = { meta, labels, lang: meta.lang, dir: null };
  const declared = coverDeclaration(anthology.meta);
  const cover = { id: COVER_ITEM_ID, href: declared.filename, mediaType: declared.mediaType, alt: meta.title };

  const heads: DocHead[] = [];
  // A story's own documents do not see the identifier: it is a hash of every story, and a story's
  // pages must not change (nor miss the cache) because another story was edited.
  const { identifier: _, ...storyMeta } = meta;
  const storyBase = { ...base, meta: storyMeta };
  const run = cachedRun(t, cache, storyBase);
  const add = (head: DocHead, template: TemplateName, context: object, story?: Story): void => {
    const full = { ...(story ? storyBase : base), ...context, docTitle: head.title };
    const made = story ? run(story, template, full) : t.run(template, full);
    const xhtml = check ? checked(template, head, made) : made;
    heads.push(head);
    each({ ...head, xhtml });
  };

  add({ filename: FILES.cover, title: labels.cover, role: 'cover' }, 'cover.xhtml.hbs', { cover });
  add({ filename: FILES.titlepage, title: meta.title, role: 'titlepage' }, 'titlepage.xhtml.hbs', {});
  const navHead: DocHead = { filename: FILES.nav, title: labels.contents, role: 'toc' };
  heads.push(navHead);
  const stories: StoryHead[] = [];
  for (const model of anthology.stories) {
    const story = storyView(model, anthology.meta.language);
    const own = { story, lang: story.lang, dir: story.dir === 'rtl' ? 'rtl' : null };
    const storyId = story.id;
    add({ filename: story.files.attribution, title: story.displayTitle, role: 'attribution', storyId }, 'attribution.xhtml.hbs', own, model);
    add({ filename: story.files.story, title: story.displayTitle, role: 'story', storyId }, 'story.xhtml.hbs', own, model);
    if (story.files.notes !== null) {
      const title = `${labels.endNotes}: ${story.displayTitle}`;
      add({ filename: story.files.notes, title, role: 'endnotes', storyId }, 'endnotes.xhtml.hbs', own, model);
    }
    stories.push(storyHead(story));
  }
  add({ filename: FILES.colophon, title: labels.contributors, role: 'colophon' }, 'colophon.xhtml.hbs', { stories, noClaim: xmlText(noClaimSentence(anthology.meta.editor, labels)) });

  const toc = tocEntries(stories, { label: labels.contributors, href: FILES.colophon });
  const landmarks = { cover: FILES.cover, toc: FILES.nav, bodymatter: stories[0]?.files.attribution ?? null };
  const navMade = t.run('toc.xhtml.hbs', { ...base, toc, landmarks, docTitle: navHead.title });
  const nav = check ? checked('toc.xhtml.hbs', navHead, navMade) : navMade;
  assertUniqueFilenames(heads);
  const pkg = {
    ...base,
    creators: creators(anthology.stories),
    languages: languages(anthology.meta, anthology.stories),
    collections: collections(anthology.stories),
    sources: sources(anthology.stories),
    a11y: accessibility(anthology.stories, cover.alt, anthology.meta.language),
    cover,
    items: items(heads),
    guide: landmarks,
    toc,
  };
  return {
    heads,
    opf: t.run('content.opf.hbs', pkg),
    ncx: t.run('toc.ncx.hbs', { ...pkg, depth: toc.some((e) => e.children.length > 0) ? 2 : 1 }),
    nav,
  };
}

/**
 * `t.run`, remembered across builds for a story's documents. What they
 * show depends on the templates, the book-level context (`base`), the
 * story (named by its `key`, a hash of everything it was made from), its
 * metadata after the cascade and its place in the book (`id`); the key
 * hashes all of that, without serialising the story's text.
 */
function cachedRun(t: Templates, cache: Cache | undefined, base: object): (story: Story, name: TemplateName, context: object) => string {
  const book = JSON.stringify(base);
  // A story's part of the key, made once for its two or three documents (they come one story at a time).
  let last: Story | undefined;
  let storyPart = '';
  return (story, name, context) => {
    if (cache === undefined || story.key === undefined) return t.run(name, context);
    if (story !== last) [last, storyPart] = [story, hashKey(t.fingerprint, book, story.key, story.id, JSON.stringify(story.meta))];
    const key = hashKey('render', name, storyPart);
    let xhtml = cache.get<string>(key);
    if (xhtml === undefined) cache.set(key, (xhtml = t.run(name, context)));
    return xhtml;
  };
}

/** Two documents with one name would overwrite each other in the book. */
function assertUniqueFilenames(docs: readonly DocHead[]): void {
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.filename)) throw new Error(`two documents would be named ${d.filename}: story ids must be unique`);
    seen.add(d.filename);
  }
}
