import type { AnthologyMeta, Story } from '../../model.js';
import { authorLine } from '../../shared/labels.js';
import { Flow, type BlockOptions } from './flow.js';
import { primaryFont } from './fonts.js';
import { hyphenatorFor } from './hyphenate.js';
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
  const editor = meta.editor ? `${flow.theme.labels.editedBy} ${meta.editor}` : undefined;
  const room = flow.bottom - flow.top - (meta.publisher ? 2 * s.bookPublisher.leading : 0);
  // The front matter cuts a word too long for a line by the book's language, in the measuring pass as when
  // it is set after the stories (which leave their own language's patterns behind): both must break alike.
  flow.setter.hyphenator = hyphenatorFor(meta.language);
  // Measured on a flow of its own: laying the text out here must not count its missing characters again.
  const dry = new Flow(undefined, flow.theme, flow.setter.dry());
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

/** The page numbers the contents shows: each story's attribution page, and the first page of the contributors. */
export interface ContentsNumbers {
  stories: readonly number[];
  contributors: number;
}

/**
 * The contents: one entry per story (title, leader dots, page number, and
 * the author line below), each a link to the story, and last the
 * "Contributors and Rights" pages, as the EPUB's contents lists them.
 * `numbers` holds the pages from the measuring pass; while measuring it is
 * absent and no numbers are drawn. Titles wrap short of a column of
 * fixed width kept for the number, so that numbers never change how titles
 * wrap: both passes give the contents the same number of pages. An entry
 * is never split across pages. A generator that pauses after each entry,
 * as `contributorsPages` does.
 */
export function* contentsPages(flow: Flow, stories: readonly Story[], numbers: ContentsNumbers | undefined): Generator<void, void> {
  const s = flow.styles;
  const sp = flow.theme.spacing;
  flow.head = null;
  flow.newPage({ head: false });
  anchor(flow, 'contents');
  const { labels } = flow.theme;
  bookmark(flow, labels.contents);
  flow.tagged('H1', labels.contents, centred(s.pageHeading));
  flow.space(s.pageHeading.leading);
  const numberStyle = s.contentsTitle;
  const font = primaryFont(numberStyle.face);
  const column = flow.measure(font, numberStyle.size, '0000') + sp.contentsNumberGap + 3 * sp.leaderPitch;
  // The contributors come after every story: theirs is the highest number.
  const widest = flow.measure(font, numberStyle.size, numbers ? String(numbers.contributors) : '0000');
  const title: BlockOptions = { style: s.contentsTitle, align: 'left', right: column };
  const author: BlockOptions = { style: s.contentsAuthor, align: 'left', left: sp.paragraphIndent, right: column };
  /** One entry: its title with leaders to its page number, the author line below when there is one, all a link. */
  const entry = (heading: string, byline: string | undefined, page: number | undefined, destination: string, description: string): void => {
    const titleLines = flow.layout(heading, title);
    const authorLines = byline === undefined ? [] : flow.layout(byline, author);
    const height = flow.height(titleLines, title) + flow.height(authorLines, author);
    flow.ensure(height);
    flow.tags.within('TOCI', () =>
      flow.tags.within('Link', () => {
        const top = flow.y;
        flow.draw(titleLines, title);
        const last = titleLines[titleLines.length - 1];
        const baseline = flow.y - numberStyle.leading + (numberStyle.leading + 0.701 * numberStyle.size) / 2;
        const right = flow.left + flow.width;
        // Leaders end at one x for every entry, short of the widest number; numbers align right.
        leaders(flow, flow.left + (last?.width ?? 0) + sp.contentsNumberGap, right - widest - sp.contentsNumberGap, baseline);
        if (page !== undefined) {
          const number = String(page);
          flow.tags.mark();
          flow.show(number, numberStyle, right - flow.measure(font, numberStyle.size, number), baseline);
        }
        if (authorLines.length > 0) flow.draw(authorLines, author);
        link(flow, top, height, destination, description);
      }),
    );
  };
  flow.tags.open('TOC');
  try {
    for (const [i, story] of stories.entries()) {
      if (i > 0) flow.space(s.contentsTitle.leading * 0.5);
      const byline = authorLine(story.meta, labels);
      entry(story.meta.displayTitle, byline, numbers?.stories[i], storyDestination(story), `${story.meta.displayTitle}, ${byline}`);
      yield;
    }
    // The back matter, a line apart from the stories.
    flow.space(s.contentsTitle.leading * (stories.length > 0 ? 1.5 : 0));
    entry(labels.contributors, undefined, numbers?.contributors, 'contributors', labels.contributors);
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
