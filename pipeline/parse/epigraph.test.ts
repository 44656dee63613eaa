import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import type { Story } from '../model.js';
import { plainText } from '../shared/inline.js';
import { parseStory } from './index.js';

// An epigraph's source line names the quoted writer: it is neither the story's author nor story text.
function parse(text: string): Story {
  return parseStory({ file: 'x.txt', text, encoding: 'utf-8', sha256: '', bytes: text.length }, new Messages());
}

const STORY = 'The boats were frozen in by January and the men walked out on the ice.\n\nNobody spoke of the one that had not come home.\n';
const QUOTE = '"The sea keeps what it is given."';

/** The story's blocks as text: an epigraph as its lines and its attribution. */
function texts(s: Story): string[] {
  return s.chapters.flatMap((c) => c.blocks).map((b) => {
    if (b.kind === 'paragraph') return plainText(b.inlines);
    if (b.kind === 'epigraph') return `epigraph: ${b.lines.map((l) => plainText(l.inlines)).join(' / ')} | ${b.attribution ? plainText(b.attribution) : ''}`;
    return b.kind;
  });
}

const BODY = ['The boats were frozen in by January and the men walked out on the ice.', 'Nobody spoke of the one that had not come home.'];

describe('an epigraph whose source is a quoted title or a "by" line', () => {
  it.each([
    [`${QUOTE}\n"Brine" -- a poem by Oona Pell`, '"Brine" -- a poem by Oona Pell'],
    [`${QUOTE}\n\n"Brine" by Oona Pell`, '"Brine" by Oona Pell'],
    [`${QUOTE}\n"Brine," -- Oona Pell`, '"Brine," -- Oona Pell'],
    [`${QUOTE}\nby Oona Pell`, 'by Oona Pell'],
    [`${QUOTE}\n\nby Oona Pell`, 'by Oona Pell'],
  ])('under a title line, %j is an epigraph with that source; the story keeps its title and no author is taken', (head, source) => {
    const story = parse(`Winter Harbour\n\n${head}\n\n${STORY}`);
    expect(story.meta).toMatchObject({ title: 'Winter Harbour', authors: [] });
    expect(story.front).toEqual([]);
    expect(texts(story)).toEqual([`epigraph: ${QUOTE} | ${source}`, ...BODY]);
  });

  it('after a title and by-line, the story\'s author is the by-line\'s, and the quoted writer\'s stays the epigraph\'s', () => {
    const story = parse(`Winter Harbour\nby Ada Rook\n\n${QUOTE}\nby Oona Pell\n\n${STORY}`);
    expect(story.meta).toMatchObject({ title: 'Winter Harbour', authors: ['Ada Rook'] });
    expect(texts(story)).toEqual([`epigraph: ${QUOTE} | by Oona Pell`, ...BODY]);
  });

  it('a quoted title over a by-line at the top of a story is still its title', () => {
    const story = parse(`"Hello?"\nby Ada Rook\n\n${STORY}`);
    expect(story.meta).toMatchObject({ title: '"Hello?"', authors: ['Ada Rook'] });
  });

  it('dialogue under a title, with a quoted word and a dash, stays story text', () => {
    const story = parse(`Winter Harbour\n\n"Run!"\n"Why" -- she began, but he was already gone.\n\n${STORY}`);
    expect(texts(story)).toEqual(['"Run!"', '"Why" -- she began, but he was already gone.', ...BODY]);
  });
});
