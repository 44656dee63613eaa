import type { AnthologyMeta, Story } from '../model.js';
import { isLanguageTag } from './lang.js';
import { xmlText } from './view.js';

/*
 * Package metadata beyond the basics: languages, series, sources and the
 * accessibility statement (EPUB Accessibility 1.1).
 */

/** The book's language first, then every other (well-formed) language a story is in, once each. */
export function languages(meta: AnthologyMeta, stories: readonly Story[]): string[] {
  const rest = stories.map((s) => s.meta.language).filter((l) => l !== meta.language && isLanguageTag(l));
  return [...new Set([meta.language, ...rest])];
}

/** A series the book belongs to, as a `belongs-to-collection` with its refinements. */
export interface CollectionView {
  id: string;
  name: string;
  /** `group-position`: the lowest part number of the series the book holds, if any story states one. */
  position: number | null;
}

/**
 * Every distinct series among the stories, in reading order. When all the
 * stories are of one series this is that one series; when they differ, the
 * book belongs to each (EPUB allows several collections). A book holding
 * parts 2–4 sits at position 2, so it shelves after part 1 and before part 5.
 */
export function collections(stories: readonly Story[]): CollectionView[] {
  const byName = new Map<string, number | null>();
  for (const s of stories) {
    const series = s.meta.series;
    if (!series || !series.name.trim()) continue;
    const had = byName.get(series.name);
    const pos = series.position ?? null;
    byName.set(series.name, had === undefined ? pos : had === null ? pos : pos === null ? had : Math.min(had, pos));
  }
  return [...byName].map(([name, position], i) => ({ id: `series-${i + 1}`, name: xmlText(name), position }));
}

/** `dc:source` values: each story's "source" header field (where it was first published), once each. */
export function sources(stories: readonly Story[]): string[] {
  const all = stories.flatMap((s) => s.meta.details.filter((d) => d.key === 'source').map((d) => d.value.trim()));
  return [...new Set(all.filter(Boolean))].map(xmlText);
}

/** The EPUB Accessibility 1.1 conformance statement, as epubcheck and Ace read it. */
export const CONFORMS_TO = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA';

/** The schema.org accessibility metadata of the book. */
export interface AccessibilityView {
  accessModes: string[];
  accessModeSufficient: string[];
  features: string[];
  hazards: string[];
  summary: string;
  /** The summary's language where it is not the book's: it is written in English only. */
  summaryLang: string | null;
  conformsTo: string;
}

/**
 * What the book offers a reader who cannot see it, stated truthfully: the
 * only image is the cover, its alternative text is the title, and the title
 * is also text on the title page.
 */
export function accessibility(stories: readonly Story[], coverAlt: string, bookLanguage = 'en'): AccessibilityView {
  const n = stories.length;
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder'];
  if (coverAlt.trim()) features.push('alternativeText');
  const summary =
    `An anthology of ${n} ${n === 1 ? 'story' : 'stories'}, all in text. The only image is the cover, ` +
    `whose text alternative is the book’s title; the title page repeats it as text. Every story, and every ` +
    `chapter its author titled, has a heading and an entry in the table of contents, landmarks mark the cover, the contents and the start ` +
    `of the stories, and the reading order follows the contents. No font, size or colour is fixed for the text, ` +
    `so the reader’s own settings apply. There are no flashing, motion or sound hazards.`;
  return {
    accessModes: ['textual', 'visual'],
    accessModeSufficient: ['textual'],
    features,
    hazards: ['none'],
    summary,
    summaryLang: bookLanguage.toLowerCase().split('-')[0] === 'en' ? null : 'en',
    conformsTo: CONFORMS_TO,
  };
}
