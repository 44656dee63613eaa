import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { checkStoryMeta } from '../config/cascade.js';
import type { Story } from '../model.js';
import { plainText } from '../shared/inline.js';
import { parseStory } from './index.js';

// Stories as real tools and sites export them (archives, copy-paste from a site, word processors): invented text, real shapes.
function parse(text: string, file = 'x.txt'): { story: Story; codes: string[] } {
  const messages = new Messages();
  const story = parseStory({ file, text, encoding: 'utf-8', sha256: '', bytes: text.length }, messages);
  checkStoryMeta(story, messages);
  return { story, codes: messages.list.map((d) => d.code) };
}

const blocks = (s: Story) => s.chapters.flatMap((c) => c.blocks);
const texts = (s: Story) => blocks(s).map((b) => (b.kind === 'paragraph' ? plainText(b.inlines) : b.kind));
const STORY = 'The wind came off the hills at dusk.\n\nNobody in the village slept well that night.\n';

describe('arrow navigation from a copied page', () => {
  it.each([['Next >'], ['< Prev'], ['< Prev Next >'], ['Part 3 >>'], ['<< Part 1'], ['Chapter 4 >>'], ['Next part >>']])('"%s" at the end is removed and listed, not a chapter', (nav) => {
    const { story } = parse(`Dusk\nBy Ann Lee\n\n${STORY}\n${nav}\n`);
    expect(story.removed.map((r) => r.text)).toEqual([nav]);
    expect(story.chapters).toHaveLength(1);
    expect(texts(story)).toEqual(['The wind came off the hills at dusk.', 'Nobody in the village slept well that night.']);
  });
});

describe('an archive page copied whole', () => {
  const ao3 = [
    'Chapter 1: The Keeper', '', 'Chapter Text', '', 'The lamp was lit at dusk, as it always was.', '',
    'Chapter 2: The Ledger', '', 'Chapter Summary', '', '    In which there are numbers.', '', 'Chapter Text', '', 'Ines kept the ledger in a small hand.', '',
  ].join('\n');

  it('"Chapter Text" under a chapter heading (after its summary and notes) is the site\'s label, removed and listed', () => {
    const { story } = parse(`Harbour\nBy Ann Lee\n\n${ao3}`);
    expect(texts(story)).toEqual(['The lamp was lit at dusk, as it always was.', 'authorNote', 'Ines kept the ledger in a small hand.']);
    expect(story.removed.map((r) => [r.text, r.pos.line])).toEqual([['Chapter Text', 6], ['Chapter Text', 16]]);
  });

  it('"Work Text:" opening a one-shot is the site\'s label too', () => {
    const { story } = parse(`Harbour\nBy Ann Lee\n\nWork Text:\n\n${STORY}`);
    expect(texts(story)).toEqual(['The wind came off the hills at dusk.', 'Nobody in the village slept well that night.']);
    expect(story.removed.map((r) => r.text)).toEqual(['Work Text:']);
  });

  it('"Chapter Text" inside the story is story text', () => {
    const { story } = parse(`Harbour\nBy Ann Lee\n\n${STORY}\nChapter Text\n\nThe rest of it.\n`);
    expect(texts(story)).toContain('Chapter Text');
    expect(story.removed).toEqual([]);
  });
});

describe('a journal post: a post title over a header block', () => {
  const post = 'Masterpost: Ironbark (Part 2/5)\n\nTitle: Ironbark\nAuthor: sablewing\nRating: PG\nSummary: The forest remembers.\n\n';

  it('takes the title and author the header gives; the post title is kept as a note', () => {
    const { story, codes } = parse(`${post}${STORY}`);
    expect(story.meta).toMatchObject({ title: 'Ironbark', authors: ['sablewing'] });
    expect(story.front.map((n) => [n.kind, plainText(n.blocks[0]!.inlines)])).toEqual([['note', 'Masterpost: Ironbark (Part 2/5)'], ['summary', 'The forest remembers.']]);
    expect(story.meta.details.map((d) => d.value)).toEqual(['PG']);
    expect(texts(story)).toEqual(['The wind came off the hills at dusk.', 'Nobody in the village slept well that night.']);
    expect(codes).not.toContain('meta/unknown-author');
  });

  it('a first line over header lines that name no title or author stays as it was read', () => {
    const { story } = parse(`The night before\n\nRating: PG\n\n${STORY}`);
    expect(story.meta.title).toBe('The night before');
  });
});

describe('a word processor\'s text export: one paragraph a line, no blank lines', () => {
  it('lines of about the same width that each end a sentence are paragraphs, not one wrapped paragraph', () => {
    const lines = [
      'We folded them from the exam papers, one question to a boat.',
      'Mine sank at question four. Hers reached the weir on time.',
      '"That\'s cheating," I said. "You used the answer sheet."',
      'She didn\'t deny it, and she didn\'t say sorry either.',
    ];
    const { story } = parse(`Paper Boats\nBy Lin Harrow\n${lines.join('\n')}\n`);
    expect(texts(story)).toHaveLength(4);
  });

  it('hard-wrapped prose is still joined', () => {
    const lines = [
      'We folded them from the exam papers, one question to a boat, and',
      'set them on the water by the mill. Mine sank at question four,',
      'hers reached the weir, and neither of us said anything about it.',
    ];
    const { story } = parse(`Paper Boats\nBy Lin Harrow\n\n${lines.join('\n')}\n`);
    expect(texts(story)).toEqual([lines.join(' ')]);
  });
});

describe('verse with indented lines', () => {
  it('short lines, every other one indented, stay a line each: none is a wrapped continuation', () => {
    const verse = ['The sea keeps its appointments', '    twice a day, and never late;', 'it does not ask the moon\'s permission,', '    it does not stop to wait.'];
    const { story } = parse(`Tide Tables\nBy Wren Adeyemi\n\n${verse.join('\n')}\n`);
    expect(texts(story)).toEqual(verse.map((l) => l.trim()));
  });

  it('indented paragraphs with a hard-wrapped line are still joined', () => {
    const prose = ['    The boy did not think it was the draught. He thought the soldiers were', 'tired, and he said so, and nobody listened to him at all that night.', '    In the morning there were two on the floor.'];
    const { story } = parse(`Tin\nBy Ann Lee\n\n${prose.join('\n')}\n`);
    expect(texts(story)).toHaveLength(2);
  });
});

describe('Markdown from a notes app: character references', () => {
  it('&nbsp;, &mdash;, &amp;, &lt; and numeric references are the characters they name, in the text and the title', () => {
    const md = '# Salt &amp; Iron\n\nby Ann Lee\n\nShe counted them anyway&mdash;all forty.&nbsp;Then &#8220;AT&amp;T&#x201D; cut her off. 5 &lt; 6 &gt; 3.\n\nThe rest of it.\n';
    const { story } = parse(md, 'x.md');
    expect(story.meta.title).toBe('Salt & Iron');
    expect(texts(story)[0]).toBe('She counted them anyway—all forty.\u00A0Then “AT&T” cut her off. 5 < 6 > 3.');
  });

  it('what names no character, and a reference to a Markdown mark, stays as typed', () => {
    const { story } = parse('# Marks\n\nby Ann Lee\n\nR&D, &madeup; and &#42;not emphasis&#42; and &#0; and &#10; stay.\n\nThe rest of it.\n', 'x.md');
    expect(texts(story)[0]).toBe('R&D, &madeup; and &#42;not emphasis&#42; and &#0; and &#10; stay.');
  });

  it('a plain-text story keeps them as typed', () => {
    const { story } = parse('Marks\nBy Ann Lee\n\nTom &amp; Jerry&mdash;as typed.\n\nThe rest of it.\n');
    expect(texts(story)[0]).toBe('Tom &amp; Jerry&mdash;as typed.');
  });
});
