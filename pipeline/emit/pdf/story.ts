import type { Block, Chapter, Note, Story } from '../../model.js';
import { plainText } from '../../shared/inline.js';
import { authorLine, LABELS, noteLabel } from '../../shared/labels.js';
import type { BlockOptions, Flow } from './flow.js';
import { storyDestination } from './front.js';
import { SPACING, STYLES } from './theme.js';

const BODY = STYLES.body;
const LEAD = BODY.leading;
const centred = (style: BlockOptions['style']): BlockOptions => ({ style, align: 'center' });

/**
 * One story: its attribution page, then the text from a new page, then its
 * end notes and signature. Returns the number of the attribution page,
 * which is where the contents and the outline point.
 */
export function storyPages(flow: Flow, story: Story): number {
  flow.newPage();
  const page = flow.page;
  flow.anchor(storyDestination(story));
  const mark = flow.bookmark(`${story.meta.displayTitle} — ${authorLine(story.meta)}`);
  attribution(flow, story);
  flow.newPage();
  story.chapters.forEach((chapter, i) => chapterText(flow, chapter, i, mark));
  endMatter(flow, story);
  return page;
}

function attribution(flow: Flow, story: Story): void {
  const { meta } = story;
  flow.y = flow.top + (flow.bottom - flow.top) * 0.12;
  flow.block(meta.displayTitle, centred(STYLES.storyTitle));
  if (meta.subtitle) {
    flow.space(4);
    flow.block(meta.subtitle, centred(STYLES.storySubtitle));
  }
  flow.space(14);
  // "by Author unknown" would read as a name: the unknown label stands alone.
  const by = meta.authors.length > 0 ? `${LABELS.by} ${authorLine(meta)}` : authorLine(meta);
  flow.block(by, centred(STYLES.storyBy));
  if (meta.title === null) {
    flow.space(4);
    flow.block(LABELS.untitled, centred(STYLES.storySmall));
  }
  // A series note with the very same words as the statement would say it twice.
  const statement = meta.series?.statement;
  if (statement && !story.front.some((n) => n.kind === 'series' && notePlain(n) === statement.trim())) {
    flow.space(10);
    flow.block(statement, centred(STYLES.storySeries));
  }
  if (meta.details.length) {
    flow.space(10);
    for (const d of meta.details) flow.block([{ kind: 'strong', children: [{ kind: 'text', text: `${d.label}: ` }] }, { kind: 'text', text: d.value }], centred(STYLES.storySmall));
  }
  flow.space(28);
  for (const note of story.front) {
    flow.space(10);
    noteBlock(flow, note);
  }
}

/** A note: its label as a small heading kept with what follows, then its paragraphs. */
export function noteBlock(flow: Flow, note: Note): void {
  const label: BlockOptions = { style: STYLES.noteLabel, align: 'left' };
  const body: BlockOptions = { style: STYLES.noteBody, align: 'justify' };
  flow.ensure(STYLES.noteLabel.leading + 2 * STYLES.noteBody.leading);
  flow.block(noteLabel(note), label);
  note.blocks.forEach((p, i) => {
    if (i > 0) flow.space(3);
    flow.block(p.inlines, body);
  });
}

function notePlain(note: Note): string {
  return note.blocks.map((p) => plainText(p.inlines)).join('\n').trim();
}

function chapterText(flow: Flow, chapter: Chapter, index: number, mark: PDFKit.PDFOutline): void {
  if (chapter.heading) {
    const o = centred(STYLES.chapterHeading);
    const lines = flow.layout(chapter.heading, o);
    flow.space(2 * LEAD);
    // Keep the heading with the first lines of its text.
    flow.ensure(flow.height(lines, o) + LEAD + 2 * LEAD);
    flow.bookmark(plainText(chapter.heading), mark);
    flow.draw(lines, o);
    flow.space(LEAD);
  } else if (index > 0) {
    flow.space(2 * LEAD);
  }
  let fresh = true; // no first-line indent at the start and after a break
  for (const block of chapter.blocks) fresh = blockText(flow, block, fresh);
}

/** Sets one block of story text; returns whether the next paragraph starts fresh. */
function blockText(flow: Flow, block: Block, fresh: boolean): boolean {
  switch (block.kind) {
    case 'paragraph': {
      const indent = fresh ? 0 : SPACING.paragraphIndent;
      return flow.block(block.inlines, { style: BODY, align: 'justify', indent }).length === 0 && fresh;
    }
    case 'sceneBreak':
      flow.space(LEAD / 2);
      // The glyph line is always drawn, so a break at a page turn is not lost.
      flow.ensure(3 * LEAD);
      flow.block(SPACING.sceneBreakGlyph, centred(STYLES.sceneBreak));
      flow.space(LEAD / 2);
      return true;
    case 'epigraph': {
      const inset = { left: SPACING.epigraphInset, right: SPACING.epigraphInset };
      flow.space(LEAD / 2);
      for (const line of block.lines) flow.block(line.inlines, { style: STYLES.epigraph, align: 'left', ...inset });
      if (block.attribution) {
        const attribution = [{ kind: 'text' as const, text: '— ' }, ...block.attribution];
        flow.block(attribution, { style: STYLES.epigraphAttribution, align: 'right', ...inset });
      }
      flow.space(LEAD);
      return true;
    }
    case 'endMarker':
      flow.space(LEAD);
      flow.block(block.text, centred(STYLES.endMarker));
      return true;
    case 'authorNote': {
      // Set apart like an epigraph, in the notes' face, its label kept as written.
      const inset = { left: SPACING.epigraphInset, right: SPACING.epigraphInset };
      flow.space(LEAD / 2);
      flow.block([{ kind: 'strong', children: [{ kind: 'text', text: `${block.label}: ` }] }, ...block.inlines], { style: STYLES.noteBody, align: 'left', ...inset });
      flow.space(LEAD / 2);
      return true;
    }
  }
}

/** End notes after a short rule, then the signature. */
function endMatter(flow: Flow, story: Story): void {
  if (story.end.length > 0) {
    flow.space(2 * LEAD);
    flow.ensure(LEAD + STYLES.noteLabel.leading + 2 * STYLES.noteBody.leading);
    flow.rule(40, { style: BODY, align: 'center' });
    for (const note of story.end) {
      flow.space(8);
      noteBlock(flow, note);
    }
  }
  const sig = story.signature;
  if (sig) {
    flow.space(LEAD);
    flow.ensure(LEAD + (sig.date ? STYLES.signatureDate.leading : 0));
    flow.block(sig.name, { style: STYLES.signature, align: 'right' });
    if (sig.date) flow.block(sig.date, { style: STYLES.signatureDate, align: 'right' });
  }
}
