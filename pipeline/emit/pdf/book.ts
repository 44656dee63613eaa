import type { Anthology } from '../../model.js';
import { contributorsPages } from './back.js';
import { Flow } from './flow.js';
import { contentsPages, titlePage } from './front.js';
import { moveToFront, orderMark } from './order.js';
import { storyPages, toRecto } from './story.js';

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

/**
 * Lays the whole book out in reading order, as one `Document` element of
 * the structure tree, and reports where things landed. The contents shows
 * no page numbers: run on a dry flow, this is the measuring pass
 * (`measure`), and `setBook` must land everything where it does.
 */
export function layoutBook(flow: Flow, anthology: Anthology): BookLayout {
  const { meta, stories } = anthology;
  flow.tags.open('Document');
  titlePage(flow, meta);
  toRecto(flow);
  const contents = flow.page + 1;
  drain(contentsPages(flow, stories, undefined));
  const starts = stories.map((story) => storyPages(flow, story, meta.language));
  toRecto(flow);
  const contributors = flow.page + 1;
  drain(contributorsPages(flow, stories, meta.editor));
  flow.tags.finish();
  return { contents, stories: starts, contributors, pages: flow.page };
}

/**
 * Sets the book into the flow's document in one pass. The contents must
 * show the page each story starts on, so the stories are set first, from
 * the page after the front matter (whose length is known beforehand: it is
 * laid out dry, and its titles wrap short of a column kept for the
 * numbers, so the numbers cannot change it), then the contributors, then
 * the title page and the contents with the numbers now known; and their
 * pages, structure elements and bookmarks are moved to the front. A story's
 * layout does not depend on the number of its first page (mirrored pages
 * move the text block, they do not resize it), so this is the book the
 * measuring pass lays out, without laying it out twice.
 */
export async function setBook(flow: Flow, anthology: Anthology): Promise<BookLayout> {
  const { meta, stories } = anthology;
  const { doc, contents: pages } = flow;
  if (!doc || !pages) throw new Error('setBook needs a document; a dry flow takes layoutBook');
  const front = new Flow(undefined, flow.theme);
  titlePage(front, meta);
  // A printed book opens its contents on a recto, as its stories: page 2 is left blank.
  toRecto(front);
  const contents = front.page + 1;
  drain(contentsPages(front, stories, undefined));
  flow.tags.open('Document');
  flow.page = front.page;
  const starts: number[] = [];
  for (const story of stories) {
    starts.push(storyPages(flow, story, meta.language));
    await pages.checkpoint(); // writes the story before out; this one's pages compress while the next is set
  }
  // The back matter opens on a recto too, as the stories do.
  toRecto(flow);
  const contributors = flow.page + 1;
  // The contributors and the contents are written out as they are set, as the stories are.
  for (const _ of contributorsPages(flow, stories, meta.editor)) await pages.checkpoint();
  const last = flow.page;
  const mark = orderMark(doc, flow.tags.root!);
  flow.page = 0;
  titlePage(flow, meta);
  toRecto(flow);
  for (const _ of contentsPages(flow, stories, { stories: starts, contributors })) await pages.checkpoint();
  if (flow.page !== front.page) throw new Error(`PDF front matter took ${flow.page} pages, measured ${front.page}: the contents page numbers would be wrong`);
  moveToFront(doc, flow.tags.root!, mark);
  flow.tags.finish();
  flow.page = last;
  return { contents, stories: starts, contributors, pages: last };
}

/** Runs a generator of pages to its end, for a flow that writes nothing (nothing to write out between entries). */
function drain(pages: Generator<void, void>): void {
  for (let step = pages.next(); !step.done; step = pages.next());
}
