import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import type { Story } from '../model.js';
import { plainText } from '../shared/inline.js';
import { parseStory } from './index.js';
import { stripEdgeZeroWidth } from './invisible.js';

function parse(text: string, file = 'x.txt'): { story: Story; messages: Messages } {
  const messages = new Messages();
  const story = parseStory({ file, text, encoding: 'utf-8', sha256: '', bytes: text.length }, messages);
  return { story, messages };
}

const blocks = (s: Story) => s.chapters.flatMap((c) => c.blocks);
const texts = (s: Story) => blocks(s).map((b) => (b.kind === 'paragraph' ? plainText(b.inlines) : b.kind));
const STORY = 'The boats were in before the dark.\n\nShe counted them twice and went up to the lamp.\n';

describe('zero-width characters at a line\'s edges', () => {
  it('do not hide Title: and Author: header lines', () => {
    const { story, messages } = parse(`\u200BTitle: The Quiet Harbour\n\u2060Author: Edda Marsh\uFEFF\n\n${STORY}`);
    expect(story.meta).toMatchObject({ title: 'The Quiet Harbour', authors: ['Edda Marsh'] });
    expect(texts(story)).toEqual(['The boats were in before the dark.', 'She counted them twice and went up to the lamp.']);
    const said = messages.list.find((d) => d.code === 'input/zero-width');
    expect(said).toMatchObject({ file: 'x.txt', line: 1, column: 1, severity: 'info' });
    expect(said!.message).toContain('removed 3 zero-width character(s) (U+200B, U+2060, U+FEFF)');
  });

  it('do not hide a scene break, a chapter heading or a blank line', () => {
    const { story } = parse(`Dusk\n\n${STORY}\n\u200B* * *\n\nMorning came grey.\n\n  \u2060~~~ \u200B\n\nNoon came late.\n\n\u200BChapter 2\n\nEvening.\n\u200B\nNight.\n`);
    expect(texts(story)).toEqual([...texts(parse(`Dusk\n\n${STORY}`).story), 'sceneBreak', 'Morning came grey.', 'sceneBreak', 'Noon came late.', 'Evening.', 'Night.']);
    expect(blocks(story).filter((b) => b.kind === 'sceneBreak').map((b) => b.kind === 'sceneBreak' && b.glyph)).toEqual(['* * *', '~~~']);
    expect(story.chapters.map((c) => (c.heading ? plainText(c.heading) : null))).toEqual([null, 'Chapter 2']);
  });

  it('do not hide Markdown front matter', () => {
    const { story } = parse(`\u200B---\ntitle: The Quiet Harbour\nauthor: Edda Marsh\n---\n\n${STORY}`, 'x.md');
    expect(story.meta).toMatchObject({ title: 'The Quiet Harbour', authors: ['Edda Marsh'] });
  });

  it('inside a line are the author\'s and stay, with nothing reported', () => {
    const { story, messages } = parse(`Dusk\n\nThe light\u200Bhouse stood.\u2060 It was old.\n`);
    expect(texts(story)).toEqual(['The light\u200Bhouse stood.\u2060 It was old.']);
    expect(messages.list.map((d) => d.code)).not.toContain('input/zero-width');
  });

  it('are removed at the edges only, indentation and line numbers kept', () => {
    expect(stripEdgeZeroWidth('a\n  \u200B\u200Bb c\u2060  \nd\u200Be')).toEqual({ text: 'a\n  b c  \nd\u200Be', count: 3, kinds: ['U+200B', 'U+2060'], first: { line: 2, column: 3 } });
    expect(stripEdgeZeroWidth('no marks at all')).toEqual({ text: 'no marks at all', count: 0, kinds: [] });
  });
});
