import type { AnthologyMeta, Story } from '../../model.js';
import { authorLine, LABELS } from '../../shared/labels.js';
import { Flow, type BlockOptions } from './flow.js';
import { primaryFont } from './fonts.js';
import { anchor, bookmark, link } from './nav.js';

const centred = (style: BlockOptions['style']): BlockOptions => ({ style, align: 'center' });

/**
 * Page 1: the anthology's title, subtitle, editor and publisher. Carries no
 * folio and no running head. The block starts a quarter of the way down;
 * a long title starts it higher, and one too long for the page at its size
 * is set smaller (down to the body's size), so that the title page stays
 * one page.
 */
export function titlePage(flow: Flow, meta: AnthologyMeta): void {
  const s = flow.styles;
  flow.head = null;
  flow.newPage({ head: false });
  const editor = meta.editor ? `${LABELS.editedBy} ${meta.editor}` : undefined;
  const room = flow.bottom - flow.top - (meta.publisher ? 2 * s.bookPublisher.leading : 0);
  // Measured on a flow of its own: laying the text out here must not count its missing characters again.
  const dry = new Flow(undefined, flow.theme);
  let title = s.bookTitle;
  let height = titleBlockHeight(dry, meta, editor, title);
  for (let k = 9; height > room && title.size > s.body.size && k > 0; k--) {
    title = { ...s.bookTitle, size: (s.bookTitle.size * k) / 10, leading: (s.bookTitle.leading * k) / 10 };
    height = titleBlockHeight(dry, meta, editor, title);
  }
  flow.y = flow.top + Math.max(0, Math.min((flow.bottom - flow.top) * 0.25, room - height));
  flow.tagged('H1', meta.title, centred(title));
  if (meta.subtitle) {
    flow.space(s.bookSubtitle.size * 0.6);
    flow.tagged('P', meta.subtitle, centred(s.bookSubtitle));
  }
  flow.space(title.size);
  flow.rule(title.size * 1.5, s.body.leading);
  if (editor) {
    flow.space(title.size);
    flow.tagged('P', editor, centred(s.bookEditor));
  }
  if (meta.publisher) {
    // At the foot of the page, unless the title ran that far down.
    flow.y = Math.max(flow.y + s.bookPublisher.leading, flow.bottom - s.bookPublisher.leading);
    flow.tagged('P', meta.publisher, centred(s.bookPublisher));
  }
}

/** Height of the title page's block (title, subtitle, rule, editor line) with the title in `title`. */
function titleBlockHeight(flow: Flow, meta: AnthologyMeta, editor: string | undefined, title: BlockOptions['style']): number {
  const s = flow.styles;
  const h = (text: string, style: BlockOptions['style']): number => flow.height(flow.layout(text, centred(style)), centred(style));
  return h(meta.title, title) + (meta.subtitle ? s.bookSubtitle.size * 0.6 + h(meta.subtitle, s.bookSubtitle) : 0) + title.size + s.body.leading + (editor ? title.size + h(editor, s.bookEditor) : 0);
}

/** Named destination of a story's attribution page. */
export function storyDestination(story: Story): string {
  return `story-${story.id}`;
}

/**
 * The contents: one entry per story (title, leader dots, page number, and
 * the author line below), each a link to the story. `pages` holds the
 * attribution page of each story from the measuring pass; while measuring
 * it is absent and no numbers are drawn. Titles wrap short of a column of
 * fixed width kept for the number, so that numbers never change how titles
 * wrap: both passes give the contents the same number of pages. An entry
 * is never split across pages. A generator that pauses after each entry,
 * as `contributorsPages` does.
 */
export function* contentsPages(flow: Flow, stories: readonly Story[], pages: readonly number[] | undefined): Generator<void, void> {
  const s = flow.styles;
  const sp = flow.theme.spacing;
  flow.head = null;
  flow.newPage({ head: false });
  anchor(flow, 'contents');
  bookmark(flow, LABELS.contents);
  flow.tagged('H1', LABELS.contents, centred(s.pageHeading));
  flow.space(s.pageHeading.leading);
  const numberStyle = s.contentsTitle;
  const font = primaryFont(numberStyle.face);
  const column = flow.measure(font, numberStyle.size, '0000') + sp.contentsNumberGap + 3 * sp.leaderPitch;
  const widest = flow.measure(font, numberStyle.size, pages?.length ? String(pages.reduce((a, b) => Math.max(a, b), 0)) : '0000');
  const title: BlockOptions = { style: s.contentsTitle, align: 'left', right: column };
  const author: BlockOptions = { style: s.contentsAuthor, align: 'left', left: sp.paragraphIndent, right: column };
  flow.tags.open('TOC');
  try {
    for (const [i, story] of stories.entries()) {
      const titleLines = flow.layout(story.meta.displayTitle, title);
      const authorLines = flow.layout(authorLine(story.meta), author);
      const height = flow.height(titleLines, title) + flow.height(authorLines, author);
      if (i > 0) flow.space(s.contentsTitle.leading * 0.5);
      flow.ensure(height);
      flow.tags.within('TOCI', () =>
        flow.tags.within('Link', () => {
          const top = flow.y;
          flow.draw(titleLines, title);
          const last = titleLines[titleLines.length - 1];
          const baseline = flow.y - numberStyle.leading + (numberStyle.leading + 0.701 * numberStyle.size) / 2;
          const number = pages?.[i] === undefined ? undefined : String(pages[i]);
          const right = flow.left + flow.width;
          // Leaders end at one x for every entry, short of the widest number; numbers align right.
          leaders(flow, flow.left + (last?.width ?? 0) + sp.contentsNumberGap, right - widest - sp.contentsNumberGap, baseline);
          if (number !== undefined) {
            flow.tags.mark();
            flow.show(number, numberStyle, right - flow.measure(font, numberStyle.size, number), baseline);
          }
          flow.draw(authorLines, author);
          link(flow, top, height, storyDestination(story), `${story.meta.displayTitle}, ${authorLine(story.meta)}`);
        }),
      );
      yield;
    }
  } finally {
    flow.tags.close();
  }
}

/**
 * Leader dots from `from` to `to` on a baseline: an artifact, drawn as one
 * text, a dot every `leaderPitch`. Dots sit on a grid counted from the right, so
 * that the dots of every entry line up in columns.
 */
function leaders(flow: Flow, from: number, to: number, baseline: number): void {
  const { leaderPitch: pitch } = flow.theme.spacing;
  const style = flow.styles.contentsTitle;
  const n = Math.floor((to - from) / pitch);
  if (n < 2) return;
  const font = primaryFont(style.face);
  const dot = flow.measure(font, style.size, '.');
  const x = to - n * pitch + (pitch - dot);
  flow.tags.artifact(() => flow.repeat('.', font, style, n, x, baseline, pitch));
}
