import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { plainText } from '../shared/inline.js';
import { parseStory } from './index.js';
import { splitBlocks } from './lines.js';

const shape = (text: string) => splitBlocks(text).map((b) => ({ gap: b.gap, lines: b.lines.map((l) => [l.text, l.line, l.column]) }));

describe('line and paragraph separators (U+2028, U+2029)', () => {
  it('a line separator ends a line as a line feed does, on the same line number', () => {
    expect(shape('Gulls\u2028over the\u2028  pier\nand\u2028')).toEqual([
      { gap: 0, lines: [['Gulls', 1, 1], ['over the', 1, 1], ['pier', 1, 3], ['and', 2, 1]] },
    ]);
  });

  it('a paragraph separator ends a paragraph as one blank line does, with or without line feeds around it', () => {
    expect(shape('Gulls.\u2029Rain.')).toEqual([{ gap: 0, lines: [['Gulls.', 1, 1]] }, { gap: 1, lines: [['Rain.', 1, 1]] }]);
    for (const text of ['Gulls.\u2029\nRain.', 'Gulls.\n\u2029Rain.', 'Gulls.\u2029\n\nRain.'.replace('\n\n', '\n'), 'Gulls.\n\nRain.']) {
      expect(shape(text).map((b) => [b.gap, b.lines.map((l) => l[0])]), JSON.stringify(text)).toEqual([[0, ['Gulls.']], [1, ['Rain.']]]);
    }
    // Blank lines written after it count as they would after a line feed: one is the usual gap, two a longer one.
    expect(shape('Gulls.\u2029\n\nRain.').map((b) => b.gap)).toEqual([0, 1]);
    expect(shape('Gulls.\u2029\n\n\nRain.').map((b) => b.gap)).toEqual([0, 2]);
  });

  it('give the same paragraphs in a story as line feeds and blank lines, with no separator left in the text', () => {
    const parse = (text: string) => {
      const story = parseStory({ file: 'x.txt', text, encoding: 'utf-8', sha256: '', bytes: text.length }, new Messages());
      return story.chapters.flatMap((c) => c.blocks).map((b) => (b.kind === 'paragraph' ? plainText(b.inlines) : b.kind));
    };
    const lines = 'Dusk\n\nThe gulls went quiet.\nThen the rain.\n\nShe lit the lamp at six.\n\n* * *\n\nMorning.\n';
    const separated = 'Dusk\n\nThe gulls went quiet.\u2028Then the rain.\u2029She lit the lamp at six.\u2029* * *\u2029Morning.\n';
    expect(parse(separated)).toEqual(parse(lines));
    expect(parse(separated)).toEqual(['The gulls went quiet.', 'Then the rain.', 'She lit the lamp at six.', 'sceneBreak', 'Morning.']);
  });
});
