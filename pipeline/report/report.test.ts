import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import type { Anthology, Story } from '../model.js';
import { makeReport, removedOf, storiesOf } from './index.js';

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

describe('storiesOf and removedOf', () => {
  it('walk the stories and their removed lines as the arrays give them, without making the arrays (a big book reads them back from disk)', () => {
    let reads = 0;
    const story = (n: number): Story => {
      const s = {
        id: `s${n}`,
        source: { file: `${n}.txt`, encoding: 'utf-8', sha256: '', bytes: 0 },
        meta: { title: `Title ${n}`, displayTitle: `Title ${n}`, authors: [] },
        typography: {},
        words: n * 10,
        chapterCount: 1,
      } as unknown as Story;
      Object.defineProperty(s, 'removed', { enumerable: true, get: () => (reads++, [{ text: `Next ${n}`, reason: 'navigation', pos: { file: `${n}.txt`, line: 3 } }]) });
      return s;
    };
    const book = { meta: { title: 'Book' }, stories: [story(1), story(2)] } as unknown as Anthology;
    const report = makeReport(book, [], new Messages());
    expect([...removedOf(report)].map((r) => r.text)).toEqual(['Next 1', 'Next 2']);
    expect([...removedOf(report)]).toHaveLength(2);
    expect(reads).toBe(4); // read again on each walk: no array was kept
    expect([...storiesOf(report)].map((s) => [s.file, s.words])).toEqual([['1.txt', 10], ['2.txt', 20]]);
    expect(report.removed).toEqual([...removedOf(report)]);
    const after = reads;
    expect([...removedOf(report)]).toEqual(report.removed);
    expect(reads).toBe(after); // once made, the array is walked
    expect(JSON.parse(JSON.stringify(report))).toMatchObject({ title: 'Book', stories: [{ file: '1.txt' }, { file: '2.txt' }], removed: [{ text: 'Next 1' }, { text: 'Next 2' }], diagnostics: [] });
  });
});
