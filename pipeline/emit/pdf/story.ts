import type { Block, Chapter, Inline, Story } from '../../model.js';
import { plainText } from '../../shared/inline.js';
import { authorLine } from '../../shared/labels.js';
import { attributionPage, noteBlock } from './attribution.js';
import type { BlockOptions, Flow } from './flow.js';
import { storyDestination } from './front.js';
import { hyphenatorFor } from './hyphenate.js';
import { MOST_LINES_TO_START } from './lines.js';
import { SCENE_BREAK_GLYPH } from './theme.js';
import { anchor, bookmark } from './nav.js';

const centred = (style: BlockOptions['style']): BlockOptions => ({ style, align: 'center' });
const strong = (text: string): Inline => ({ kind: 'strong', children: [{ kind: 'text', text }] });

/**
 * One story, as a section of the structure tree in the story's language:
 * its attribution page, then the text from a new page, then its end notes
 * and signature. Returns the number of the attribution page, which is where
 * the contents and the outline point. Neither opening page has a running head.
 * A mirrored book (6×9, printed and bound) opens every story on a recto, an
 * odd page, as printed books do: when the story before ends on one, a blank
 * verso is left between them.
 */
export function storyPages(flow: Flow, story: Story, bookLanguage: string): number {
  flow.setter.hyphenator = hyphenatorFor(story.meta.language);
  // Characters no font has are reported with the story's file, and the line of the text they are in.
  flow.setter.at = { file: story.source.file };
  flow.head = null;
  const lang = story.meta.language !== bookLanguage ? { lang: story.meta.language } : {};
  toRecto(flow);
  return flow.tags.within(
    'Sect',
    () => {
      flow.newPage({ head: false });
      const page = flow.page;
      anchor(flow, storyDestination(story));
      const byAuthors = authorLine(story.meta, flow.theme.labels);
      const mark = bookmark(flow, `${story.meta.displayTitle} — ${byAuthors}`);
      attributionPage(flow, story);
      flow.head = { title: story.meta.displayTitle, author: byAuthors };
      flow.newPage({ head: false });
      story.chapters.forEach((chapter, i) => chapterText(flow, chapter, i, mark));
      endMatter(flow, story);
      flow.head = null;
      flow.setter.at = undefined;
      return page;
    },
    lang,
  );
}

/**
 * On a mirrored book, leaves the next page blank when it would be a verso,
 * so that what starts after it (the contents, a story, the contributors) opens on a recto.
 * The page now is the one the part before ended on: if it is odd, the next
 * is even and left blank.
 */
export function toRecto(flow: Flow): void {
  if (flow.theme.page.mirrored && flow.page % 2 === 1) flow.newPage({ blank: true });
}

function chapterText(flow: Flow, chapter: Chapter, index: number, mark: number | undefined): void {
  const lead = flow.styles.body.leading;
  if (chapter.heading) {
    flow.setter.at = chapter.pos;
    const o = centred(flow.styles.chapterHeading);
    const lines = flow.layout(chapter.heading, o);
    flow.space(2 * lead);
    // A heading is never the last thing on a page: keep it with three lines of its text.
    flow.ensure(flow.height(lines, o) + lead + 3 * lead);
    bookmark(flow, plainText(chapter.heading), mark);
    flow.tags.within('H2', () => flow.draw(lines, o));
    flow.space(lead);
  } else if (index > 0) {
    flow.space(2 * lead);
    flow.rule(flow.styles.body.size * 2, lead);
  }
  let fresh = true; // no first-line indent at the start and after a break
  for (const block of chapter.blocks) fresh = blockText(flow, block, fresh);
}

/** Sets one block of story text; returns whether the next paragraph starts fresh. */
function blockText(flow: Flow, block: Block, fresh: boolean): boolean {
  const s = flow.styles;
  const lead = s.body.leading;
  flow.setter.at = block.pos;
  switch (block.kind) {
    case 'paragraph': {
      const indent = fresh ? 0 : flow.theme.spacing.paragraphIndent;
      return flow.tagged('P', block.inlines, { style: s.body, align: 'justify', indent }).length === 0 && fresh;
    }
    case 'sceneBreak':
      flow.space(lead / 2);
      // The glyph line is always drawn, and kept with the two lines after it,
      // so that a break at a page turn is never lost. Room for the glyph, the
      // half line after it and as many lines as a paragraph may ask for
      // (three): with only two, a paragraph of three lines (whose last would
      // be a widow) goes whole to the next page and leaves the glyph alone
      // at the foot.
      flow.ensure(lead + lead / 2 + MOST_LINES_TO_START * lead);
      flow.tagged('P', SCENE_BREAK_GLYPH, centred(s.sceneBreak));
      flow.space(lead / 2);
      return true;
    case 'epigraph': {
      const inset = flow.theme.spacing.epigraphInset;
      // From its start: the left, or the right for a line that reads right to left.
      const line: BlockOptions = { style: s.epigraph, align: 'start', left: inset, right: inset };
      const by: BlockOptions = { style: s.epigraphAttribution, align: 'right', left: inset, right: inset };
      // The book's dash stands for the author's; a source line the author began without one is shown as written.
      const attribution = block.attribution && (block.undashed ? block.attribution : [{ kind: 'text' as const, text: '— ' }, ...block.attribution]);
      // Short as it is, an epigraph is kept whole on one page when it fits.
      const height = block.lines.reduce((h, l) => h + flow.height(flow.layout(l.inlines, line), line), 0) + (attribution ? flow.height(flow.layout(attribution, by), by) : 0);
      flow.space(lead / 2);
      flow.ensure(Math.min(height, flow.bottom - flow.top));
      flow.tags.within('BlockQuote', () => {
        for (const l of block.lines) {
          flow.setter.at = l.pos;
          flow.tagged('P', l.inlines, line);
        }
        if (attribution) {
          flow.space(s.epigraph.leading * 0.25);
          flow.tagged('P', attribution, by);
        }
      });
      flow.space(lead * 1.5);
      return true;
    }
    case 'endMarker':
      flow.space(lead);
      flow.tagged('P', block.text, centred(s.endMarker));
      return true;
    case 'authorNote': {
      // Set apart from the story: inset, smaller and in italic, its label kept as written.
      const inset = flow.theme.spacing.noteInset;
      flow.space(lead * 0.75);
      flow.ensure(2 * s.inTextNote.leading);
      flow.tags.within('Div', () => flow.tagged('P', [strong(`${block.label}: `), ...block.inlines], { style: s.inTextNote, align: 'justify', left: inset, right: inset }));
      flow.space(lead * 0.75);
      return true;
    }
  }
}

/** End notes after a short rule, then the signature. */
function endMatter(flow: Flow, story: Story): void {
  const s = flow.styles;
  const lead = s.body.leading;
  if (story.end.length > 0) {
    const gap = s.noteBody.leading * 0.6;
    flow.space(2 * lead);
    // The rule, the gap after it and the room the first note asks for at most
    // (see noteBlock): with less, the note could go on to the next page without its rule.
    flow.ensure(lead + gap + s.noteLabel.leading + MOST_LINES_TO_START * s.noteBody.leading);
    flow.rule(s.body.size * 4, lead);
    for (const note of story.end) {
      flow.space(gap);
      noteBlock(flow, note);
    }
  }
  const sig = story.signature;
  if (sig) {
    flow.setter.at = sig.pos;
    flow.space(lead);
    flow.ensure(lead + (sig.date ? s.signatureDate.leading : 0));
    flow.tags.within('Div', () => {
      flow.tagged('P', sig.name, { style: s.signature, align: 'right' });
      if (sig.date) flow.tagged('P', sig.date, { style: s.signatureDate, align: 'right' });
    });
  }
}
