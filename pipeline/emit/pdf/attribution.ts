import type { Detail, Note, Story } from '../../model.js';
import { byline, noteLabel, repeatsSeriesNote } from '../../shared/labels.js';
import { Flow, type BlockOptions } from './flow.js';
import { linesToStart } from './lines.js';

const centred = (style: BlockOptions['style']): BlockOptions => ({ style, align: 'center' });

/** How far down the text block an attribution page starts, as a share of its height. */
const OPENING_DROP = 0.18;

/**
 * A story's opening page, set like a title page of its own: the title a
 * fifth of the way down, subtitle, a short rule, the byline, the untitled
 * and series lines, then the header details as a two-column list (label in
 * small capitals at the left of the axis, value at the right), another rule
 * and the author's front notes in smaller type.
 */
export function attributionPage(flow: Flow, story: Story): void {
  flow.y = flow.top + openingDrop(flow, story);
  attributionBlock(flow, story);
}

/**
 * Where the attribution block starts below the top margin: a fifth of the
 * way down, or higher when that would push a block that fits on one page
 * (a long title with many authors, on a small page) over onto a second
 * one, a page holding the end of a byline and nothing else. A block longer
 * than the page (long front notes) runs on anyway and keeps the usual drop.
 */
function openingDrop(flow: Flow, story: Story): number {
  const drop = (flow.bottom - flow.top) * OPENING_DROP;
  if (endFrom(flow, story, drop).pages === 1) return drop;
  const top = endFrom(flow, story, 0);
  if (top.pages > 1) return drop;
  // As low as the block's height allows; a note kept with the lines after it may need more room than it takes.
  const low = Math.max(0, flow.bottom - top.y);
  return endFrom(flow, story, low).pages === 1 ? low : 0;
}

/**
 * Sets the attribution block on a dry flow from `offset` below the top
 * margin: how many pages it takes and where it ends. A dry flow of its own,
 * so that characters no font has are not counted twice.
 */
function endFrom(flow: Flow, story: Story, offset: number): { pages: number; y: number } {
  const dry = new Flow(undefined, flow.theme, flow.setter.dry());
  dry.newPage();
  dry.y = dry.top + offset;
  attributionBlock(dry, story);
  return { pages: dry.page, y: dry.y };
}

/** The attribution page's content, from the cursor down. */
function attributionBlock(flow: Flow, story: Story): void {
  const { meta } = story;
  const s = flow.styles;
  flow.tagged('H1', meta.displayTitle, centred(s.storyTitle));
  if (meta.subtitle) {
    flow.space(s.storySubtitle.size * 0.3);
    flow.tagged('P', meta.subtitle, centred(s.storySubtitle));
  }
  flow.space(s.storyBy.size * 0.5);
  flow.rule(s.storyTitle.size * 1.2, s.storyBy.leading);
  flow.space(s.storyBy.size * 0.5);
  // "by Author unknown" would read as a name: the unknown label stands alone.
  flow.tagged('P', byline(meta, flow.theme.labels), centred(s.storyBy));
  if (meta.title === null) {
    flow.space(s.storySmall.size * 0.5);
    flow.tagged('P', flow.theme.labels.untitled, centred(s.storySmall));
  }
  // A series note with the very same words as the statement would say it twice.
  const statement = meta.series?.statement;
  if (statement && !repeatsSeriesNote(story.front, statement)) {
    flow.space(s.storySeries.size);
    flow.tagged('P', statement, centred(s.storySeries));
  }
  if (meta.details.length) {
    flow.space(s.storyBy.leading * 1.2);
    flow.tags.within('Div', () => meta.details.forEach((d) => detailRow(flow, d)));
  }
  if (story.front.length) {
    flow.space(s.storyBy.leading);
    // A second rule parts the details from the notes; without details, space does.
    if (meta.details.length) flow.rule(s.storyTitle.size * 1.2, s.storyBy.leading);
    else flow.space(s.storyBy.leading);
    for (const note of story.front) {
      flow.space(s.noteBody.leading * 0.6);
      noteBlock(flow, note);
    }
  }
}

/** One header detail: label and value side by side across the page's axis. */
function detailRow(flow: Flow, d: Detail): void {
  const s = flow.styles;
  const gutter = s.detailValue.size;
  const half = flow.width / 2;
  const label: BlockOptions = { style: s.detailLabel, align: 'right', right: half + gutter / 2 };
  const value: BlockOptions = { style: s.detailValue, align: 'left', left: half + gutter / 2 };
  const labelLines = flow.layout(d.label.replace(/\s*:\s*$/u, ''), label);
  const valueLines = flow.layout(d.value, value);
  flow.space(s.detailValue.leading * 0.15);
  flow.ensure(Math.max(flow.height(labelLines, label), Math.min(flow.height(valueLines, value), 3 * s.detailValue.leading)));
  const top = flow.y;
  const page = flow.page;
  flow.tags.within('P', () => flow.draw(labelLines, label));
  const below = flow.y;
  flow.y = top;
  flow.tags.within('P', () => flow.draw(valueLines, value));
  if (flow.page === page) flow.y = Math.max(flow.y, below);
}

/**
 * A note: its label (without the colon that ends it in running text) as a
 * small heading kept with what follows, then its paragraphs. The label
 * needs room for itself and at most `MOST_LINES_TO_START` lines of the body.
 */
export function noteBlock(flow: Flow, note: Note): void {
  const s = flow.styles;
  const label: BlockOptions = { style: s.noteLabel, align: 'left' };
  const body: BlockOptions = { style: s.noteBody, align: 'justify' };
  // Inside a story, characters no font has are reported at the note's line (see storyPages).
  const at = (pos: Note['pos']): void => {
    if (flow.setter.at) flow.setter.at = pos;
  };
  const first = note.blocks[0];
  at(first?.pos ?? note.pos);
  // Laid out once, before the label, to keep the label with as many lines as the page must take of it.
  const firstLines = first ? flow.layout(first.inlines, body) : [];
  flow.ensure(s.noteLabel.leading + linesToStart(firstLines.length) * s.noteBody.leading);
  flow.tags.within('Div', () => {
    at(note.pos);
    flow.tagged('P', noteLabel(note, flow.theme.labels).replace(/\s*:\s*$/u, ''), label);
    note.blocks.forEach((p, i) => {
      if (i > 0) flow.space(s.noteBody.leading * 0.25);
      at(p.pos);
      if (i === 0) flow.tags.within('P', () => flow.draw(firstLines, body));
      else flow.tagged('P', p.inlines, body);
    });
  });
}

