import type { Story } from '../../model.js';
import { authorLine, noClaimSentence, permissionSentence, rightsSentence } from '../../shared/labels.js';
import { noteBlock } from './attribution.js';
import type { Flow } from './flow.js';
import { anchor, bookmark } from './nav.js';

/**
 * The "Contributors and Rights" page(s): for each story its title, author
 * line, rights sentence and recorded permission, and again the author's own
 * rights note if there is one. Nobody but the authors is said to hold any
 * right. Continuation pages carry the section's title as running head.
 *
 * A generator that pauses after each story: a book of thousands of stories
 * has hundreds of these pages, and the caller setting the PDF writes out
 * the finished ones there, as it does between stories (see `setBook`).
 */
export function* contributorsPages(flow: Flow, stories: readonly Story[], editor?: string): Generator<void, void> {
  const s = flow.styles;
  const { labels } = flow.theme;
  flow.head = null;
  flow.newPage({ head: false });
  flow.head = { title: labels.contributors };
  anchor(flow, 'contributors');
  bookmark(flow, labels.contributors);
  flow.tags.open('Sect');
  try {
    flow.tagged('H1', labels.contributors, { style: s.pageHeading, align: 'center' });
    flow.space(s.pageHeading.leading / 2);
    for (const story of stories) {
      flow.space(s.contributorTitle.leading);
      // Title, author and at least the first line of the rights sentence together.
      flow.ensure(s.contributorTitle.leading + s.contributorAuthor.leading + s.contributorText.leading);
      flow.tags.within('Div', () => {
        flow.tagged('H2', story.meta.displayTitle, { style: s.contributorTitle, align: 'left' });
        flow.tagged('P', authorLine(story.meta, labels), { style: s.contributorAuthor, align: 'left' });
        flow.tagged('P', rightsSentence(story.meta, labels), { style: s.contributorText, align: 'left' });
        flow.tagged('P', permissionSentence(story.meta, labels), { style: s.contributorText, align: 'left' });
        for (const note of [...story.front, ...story.end]) {
          if (note.kind !== 'rights') continue;
          flow.space(s.contributorText.leading * 0.3);
          noteBlock(flow, note);
        }
      });
      yield;
    }
    flow.space(s.contributorTitle.leading);
    flow.tagged('P', noClaimSentence(editor, labels), { style: s.contributorText, align: 'center' });
  } finally {
    flow.tags.close();
  }
  flow.head = null;
}
