import type { Story } from '../../model.js';
import { authorLine, LABELS, noClaimSentence, rightsSentence } from '../../shared/labels.js';
import type { Flow } from './flow.js';
import { noteBlock } from './story.js';
import { STYLES } from './theme.js';

/**
 * The "Contributors and Rights" page(s): for each story its title, author
 * line and rights sentence, and again the author's own rights note if there
 * is one. Nobody but the authors is said to hold any right.
 */
export function contributorsPages(flow: Flow, stories: readonly Story[], editor?: string): void {
  flow.newPage();
  flow.anchor('contributors');
  flow.bookmark(LABELS.contributors);
  flow.block(LABELS.contributors, { style: STYLES.pageHeading, align: 'center' });
  flow.space(STYLES.pageHeading.leading / 2);
  for (const story of stories) {
    flow.space(14);
    // Title, author and at least the first line of the rights sentence together.
    flow.ensure(STYLES.contributorTitle.leading + STYLES.contributorAuthor.leading + STYLES.contributorText.leading);
    flow.block(story.meta.displayTitle, { style: STYLES.contributorTitle, align: 'left' });
    flow.block(authorLine(story.meta), { style: STYLES.contributorAuthor, align: 'left' });
    flow.block(rightsSentence(story.meta), { style: STYLES.contributorText, align: 'left' });
    for (const note of [...story.front, ...story.end]) {
      if (note.kind !== 'rights') continue;
      flow.space(4);
      noteBlock(flow, note);
    }
  }
  flow.space(14);
  flow.block(noClaimSentence(editor), { style: STYLES.contributorText, align: 'center' });
}
