import type { Anthology, RenderedBook, RenderedDoc } from '../model.js';
import { LABELS, noClaimSentence } from '../shared/labels.js';
import { creators, items, metaView } from './package.js';
import { loadTemplates, type TemplateName } from './templates.js';
import { storyView, tocEntries, xmlText } from './view.js';

export { defaultTemplatesDir, packageRoot, TEMPLATE_FILES } from './templates.js';

/** Options of {@link render}. */
export interface RenderOptions {
  /** A directory whose files replace the default templates of the same name, file by file. */
  templatesDir?: string;
}

/** File names of the book-level documents. */
export const FILES = { titlepage: 'titlepage.xhtml', nav: 'toc.xhtml', colophon: 'colophon.xhtml' } as const;

/**
 * Renders the anthology into XHTML documents, the style sheet and the
 * package files, through the Handlebars templates.
 *
 * Reading order: title page, contents (the EPUB navigation document), then
 * per story its attribution page, the story and (if it has end notes or a
 * signature) its notes, then the colophon.
 *
 * The navigation document is both in `docs` (role `toc`, at its place in
 * the reading order, so the spine and any emitter walking `docs` see it) and
 * in `nav` (the same string), for emitters that must write the navigation
 * document separately. Emitters must not write it twice.
 */
export function render(anthology: Anthology, options: RenderOptions = {}): RenderedBook {
  const t = loadTemplates(options.templatesDir);
  const meta = metaView(anthology.meta);
  const stories = anthology.stories.map(storyView);
  const toc = tocEntries(stories, { label: LABELS.contributors, href: FILES.colophon });
  const labels = { ...LABELS };
  const base = { meta, labels, lang: meta.lang };

  const docs: RenderedDoc[] = [];
  const add = (doc: Omit<RenderedDoc, 'xhtml'>, template: TemplateName, context: object): string => {
    const xhtml = t.run(template, { ...base, ...context, docTitle: doc.title });
    docs.push({ ...doc, xhtml });
    return xhtml;
  };

  add({ filename: FILES.titlepage, title: meta.title, role: 'titlepage' }, 'titlepage.xhtml.hbs', {});
  const first = stories[0]?.files.attribution ?? null;
  const nav = add({ filename: FILES.nav, title: LABELS.contents, role: 'toc' }, 'toc.xhtml.hbs', {
    toc,
    landmarks: { toc: FILES.nav, bodymatter: first, colophon: FILES.colophon },
  });
  for (const story of stories) {
    const own = { story, lang: story.lang };
    const storyId = story.id;
    add({ filename: story.files.attribution, title: story.displayTitle, role: 'attribution', storyId }, 'attribution.xhtml.hbs', own);
    add({ filename: story.files.story, title: story.displayTitle, role: 'story', storyId }, 'story.xhtml.hbs', own);
    if (story.files.notes !== null) {
      const title = `${LABELS.endNotes}: ${story.displayTitle}`;
      add({ filename: story.files.notes, title, role: 'endnotes', storyId }, 'endnotes.xhtml.hbs', own);
    }
  }
  add({ filename: FILES.colophon, title: LABELS.contributors, role: 'colophon' }, 'colophon.xhtml.hbs', { stories, noClaim: xmlText(noClaimSentence(anthology.meta.editor)) });

  assertUniqueFilenames(docs);
  const pkg = { ...base, creators: creators(anthology.stories), items: items(docs), toc };
  return {
    docs,
    css: t.css,
    opf: t.run('content.opf.hbs', pkg),
    ncx: t.run('toc.ncx.hbs', { ...pkg, depth: toc.some((e) => e.children.length > 0) ? 2 : 1 }),
    nav,
  };
}

/** Two documents with one name would overwrite each other in the book. */
function assertUniqueFilenames(docs: readonly RenderedDoc[]): void {
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.filename)) throw new Error(`two documents would be named ${d.filename}: story ids must be unique`);
    seen.add(d.filename);
  }
}
