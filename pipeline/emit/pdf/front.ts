import type { AnthologyMeta, Story } from '../../model.js';
import { authorLine, LABELS } from '../../shared/labels.js';
import type { BlockOptions, Flow } from './flow.js';

import { SPACING, STYLES } from './theme.js';

const centred = (style: BlockOptions['style']): BlockOptions => ({ style, align: 'center' });

/** Page 1: the anthology's title, subtitle, editor and publisher. Carries no folio. */
export function titlePage(flow: Flow, meta: AnthologyMeta): void {
  flow.newPage();
  flow.y = flow.top + (flow.bottom - flow.top) * 0.25;
  flow.block(meta.title, centred(STYLES.bookTitle));
  if (meta.subtitle) {
    flow.space(8);
    flow.block(meta.subtitle, centred(STYLES.bookSubtitle));
  }
  if (meta.editor) {
    flow.space(40);
    flow.block(`${LABELS.editedBy} ${meta.editor}`, centred(STYLES.bookEditor));
  }
  if (meta.publisher) {
    // At the foot of the page, unless the title ran that far down.
    flow.y = Math.max(flow.y + STYLES.bookPublisher.leading, flow.bottom - STYLES.bookPublisher.leading);
    flow.block(meta.publisher, centred(STYLES.bookPublisher));
  }
}

/** Named destination of a story's attribution page. */
export function storyDestination(story: Story): string {
  return `story-${story.id}`;
}

/**
 * The contents: one entry per story (title, author line, page number), each
 * a link to the story. `pages` holds the attribution page of each story from
 * the measuring pass; while measuring it is absent and no numbers are drawn.
 * Numbers sit in a column of fixed width, so they never change how titles
 * wrap: both passes give the contents the same number of pages.
 */
export function contentsPages(flow: Flow, stories: readonly Story[], pages: readonly number[] | undefined): void {
  flow.newPage();
  flow.anchor('contents');
  flow.bookmark(LABELS.contents);
  flow.block(LABELS.contents, centred(STYLES.pageHeading));
  flow.space(STYLES.pageHeading.leading);
  const number = STYLES.contentsTitle;
  const column = flow.measure(number.face, number.size, '0000') + SPACING.contentsNumberGap;
  const title: BlockOptions = { style: STYLES.contentsTitle, align: 'left', right: column };
  const author: BlockOptions = { style: STYLES.contentsAuthor, align: 'left', right: column };
  stories.forEach((story, i) => {
    const titleLines = flow.layout(story.meta.displayTitle, title);
    const authorLines = flow.layout(authorLine(story.meta), author);
    const height = flow.height(titleLines, title) + flow.height(authorLines, author);
    if (i > 0) flow.space(7);
    flow.ensure(height);
    const top = flow.y;
    const page = pages?.[i];
    // The number goes on the entry's first line, right-aligned.
    if (page !== undefined) flow.block(String(page), { style: number, align: 'right' });
    flow.y = top;
    flow.draw(titleLines, title);
    flow.draw(authorLines, author);
    flow.link(top, height, storyDestination(story));
  });
}
