import type { AnthologyMeta, RenderedDoc, Story } from '../model.js';
import { isLanguageTag } from './lang.js';
import { xmlText } from './view.js';

/*
 * Data for the package files (content.opf): creators, manifest and spine.
 */

/** One distinct author, as a `dc:creator` with a `file-as` refinement. */
export interface CreatorView {
  id: string;
  name: string;
  fileAs: string;
}

/** A manifest item for one of our XHTML documents. */
export interface ItemView {
  id: string;
  href: string;
  /** `nav` for the navigation document, else null. */
  properties: string | null;
}

/** The cover image as the package declares it. */
export interface CoverItemView {
  id: string;
  href: string;
  mediaType: string;
}

import { fileAs } from '../shared/names.js';

export { fileAs };

/** One creator per distinct known author, in order of first appearance. Unknown authors are never invented. */
export function creators(stories: readonly Story[]): CreatorView[] {
  const names = [...new Set(stories.flatMap((s) => s.meta.authors))];
  return names.map((n, i) => ({ id: `creator-${i + 1}`, name: xmlText(n), fileAs: xmlText(fileAs(n)) }));
}

/** A manifest id from a file name; file names are already restricted to NCName-safe characters. */
export function itemId(filename: string): string {
  const id = filename.replace(/\.xhtml$/, '');
  if (!/^[A-Za-z_][-.\w]*$/.test(id)) throw new Error(`file name ${filename} cannot serve as a manifest id`);
  return id;
}

/** Manifest id of the cover image; the EPUB 2 `<meta name="cover">` points at it too. */
export const COVER_ITEM_ID = 'cover-image';

/** Manifest and spine items, in reading order; the navigation document is marked. */
export function items(docs: readonly Pick<RenderedDoc, 'filename' | 'role'>[]): ItemView[] {
  return docs.map((d) => ({
    id: itemId(d.filename),
    href: d.filename,
    properties: d.role === 'toc' ? 'nav' : null,
  }));
}

/** Anthology metadata for the templates, optional fields made explicit. */
export function metaView(m: AnthologyMeta) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(m.modified)) {
    throw new Error(`meta.modified must be YYYY-MM-DDThh:mm:ssZ for dcterms:modified, got ${m.modified}`);
  }
  if (!isLanguageTag(m.language)) throw new Error(`meta.language must be a BCP 47 language tag (e.g. en, en-GB), got ${JSON.stringify(m.language)}`);
  return {
    title: xmlText(m.title),
    subtitle: m.subtitle ? xmlText(m.subtitle) : null,
    lang: m.language,
    editor: m.editor ? xmlText(m.editor) : null,
    // An empty dc:description is an epubcheck error: leave it out instead.
    description: m.description?.trim() ? xmlText(m.description) : null,
    publisher: m.publisher ? xmlText(m.publisher) : null,
    modified: m.modified,
    identifier: xmlText(m.identifier),
  };
}
