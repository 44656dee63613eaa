import type { Anthology } from '../../model.js';
import { contributorsPages } from './back.js';
import type { Flow } from './flow.js';
import { contentsPages, titlePage } from './front.js';
import { storyPages } from './story.js';

/** Where things landed: page numbers count the title page as 1. */
export interface BookLayout {
  /** First page of the contents. */
  contents: number;
  /** Attribution page of each story, in reading order. */
  stories: number[];
  /** First page of "Contributors and Rights". */
  contributors: number;
  /** Number of pages. */
  pages: number;
}

/** What a layout pass needs. */
export interface Plan {
  anthology: Anthology;
  /** The measuring pass's result; absent in the measuring pass itself. */
  measured?: BookLayout;
}

/**
 * Lays the whole book out into the flow's document, as one `Document`
 * element of the structure tree, and reports where things landed. Run
 * twice: once to measure (no page numbers in the contents), once for real
 * with the measured numbers. Nothing in here depends on the numbers'
 * values, so both runs must agree.
 */
export function layoutBook(flow: Flow, plan: Plan): BookLayout {
  const { meta, stories } = plan.anthology;
  flow.tags.open('Document');
  titlePage(flow, meta);
  const contents = flow.page + 1;
  contentsPages(flow, stories, plan.measured?.stories);
  const starts = stories.map((story) => storyPages(flow, story, meta.language));
  const contributors = flow.page + 1;
  contributorsPages(flow, stories, meta.editor);
  flow.tags.finish();
  return { contents, stories: starts, contributors, pages: flow.page };
}

/** Throws unless two passes laid the book out the same way. */
export function assertSameLayout(measured: BookLayout, actual: BookLayout): void {
  const a = JSON.stringify(measured);
  const b = JSON.stringify(actual);
  if (a !== b) throw new Error(`PDF layout passes disagree (contents page numbers would be wrong): measured ${a}, laid out ${b}`);
}
