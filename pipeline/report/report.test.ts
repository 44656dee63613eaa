import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import type { Anthology, Story } from '../model.js';
import { makeReport } from './index.js';

describe('makeReport', () => {
  it("gives a story's chapters as counted when it was made, without reading its chapters back (a big book's wait on disk)", () => {
    const story = {
      id: 's1',
      source: { file: 'a.txt', encoding: 'utf-8', sha256: '', bytes: 0 },
      meta: { title: 'A Title', displayTitle: 'A Title', authors: ['Ann Lee'] },
      front: [],
      end: [],
      removed: [],
      typography: {},
      words: 120,
      chapterCount: 3,
    } as unknown as Story;
    Object.defineProperty(story, 'chapters', { enumerable: true, get: () => expect.unreachable('chapters read back to count them') });
    const book = { meta: { title: 'Book' }, stories: [story] } as unknown as Anthology;
    const report = makeReport(book, [], new Messages());
    expect(report.stories).toEqual([{ file: 'a.txt', title: 'A Title', untitled: false, authors: ['Ann Lee'], words: 120, chapters: 3, typography: {} }]);
  });
});
