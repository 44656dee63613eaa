import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { parseStory } from '../parse/index.js';
import { storyView } from '../render/view.js';
import { applyStoryEntry } from './cascade.js';
import type { StoryEntry } from './index.js';

function story(text: string, entry: StoryEntry) {
  const s = parseStory({ file: 'x.txt', text, encoding: 'utf-8', sha256: '', bytes: text.length }, new Messages());
  return applyStoryEntry(s, entry);
}

const BODY = '\nThe lamps were lit along the quay.\n';

describe("the editor's series correction", () => {
  it('a part number with no series anywhere is shown as the part, not "Part 2 of " with no name', () => {
    const s = story(`Title: Quay\nAuthor: P. Q\n${BODY}`, { file: 'x.txt', part: 2 });
    expect(s.meta.series).toMatchObject({ name: '', position: 2, statement: 'Part 2' });
  });

  it("a corrected series name is the one the book shows, beside the author's own series note", () => {
    const s = story(`Title: Quay\nAuthor: P. Q\nSeries: Old Name, part 3\n${BODY}`, { file: 'x.txt', series: 'New Name' });
    expect(s.meta.series).toMatchObject({ name: 'New Name', position: 3, statement: 'Part 3 of New Name' });
    // The author's note stays as written; the statement is not hidden by it, as it says something else.
    expect(s.front.map((n) => n.kind)).toContain('series');
    expect(storyView(s, 'en').series).toBe('Part 3 of New Name');
  });

  it("an entry that repeats what the story says keeps the author's statement, shown once", () => {
    const plain = story(`Title: Quay\nAuthor: P. Q\nSeries: Old Name, part 3\n${BODY}`, { file: 'x.txt' });
    const same = story(`Title: Quay\nAuthor: P. Q\nSeries: Old Name, part 3\n${BODY}`, { file: 'x.txt', series: plain.meta.series!.name, part: plain.meta.series!.position! });
    expect(same.meta.series!.statement).toBe(plain.meta.series!.statement);
    expect(storyView(same, 'en').series).toBe(storyView(plain, 'en').series);
  });
});
