import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { checkStoryMeta } from '../config/cascade.js';
import type { Story } from '../model.js';
import { plainText } from '../shared/inline.js';
import { parseStory } from './index.js';

// Whole stories in, what the parser decided out: the cases where a heuristic guessed wrong once.
function parse(text: string): { story: Story; codes: string[] } {
  const messages = new Messages();
  const story = parseStory({ file: 'x.txt', text, encoding: 'utf-8', sha256: '', bytes: text.length }, messages);
  checkStoryMeta(story, messages);
  return { story, codes: messages.list.map((d) => d.code) };
}

const blocks = (s: Story) => s.chapters.flatMap((c) => c.blocks);
const texts = (s: Story) => blocks(s).map((b) => (b.kind === 'paragraph' ? plainText(b.inlines) : b.kind));
const endTexts = (s: Story) => s.end.flatMap((n) => n.blocks.map((p) => plainText(p.inlines)));
const STORY = 'The wind came off the hills at dusk.\n\nNobody in the village slept well that night.\n';

describe('authors are never invented', () => {
  it.each([
    ['Stand by Me', 'Stand by Me'],
    ['Saved by the Bell', 'Saved by the Bell'],
  ])('"%s" on one line is a title with no author', (line, title) => {
    const { story, codes } = parse(`${line}\n\n${STORY}`);
    expect(story.meta).toMatchObject({ title, authors: [] });
    expect(codes).toContain('meta/unknown-author');
  });

  it('"By the river" is story text, not a by-line', () => {
    const { story, codes } = parse(`The Crossing\n\nBy the river\n\n${STORY}`);
    expect(story.meta).toMatchObject({ title: 'The Crossing', authors: [] });
    expect(texts(story)[0]).toBe('By the river');
    expect(codes).toContain('meta/unknown-author');
  });

  it.each(['-- and then nothing', '- Reviews are love', '- Chapter 2 coming soon'])('a last line "%s" is story text, not a signature', (last) => {
    const { story, codes } = parse(`Dusk\n\n${STORY}\n${last}\n`);
    expect(story.signature).toBeUndefined();
    expect(story.meta.authors).toEqual([]);
    expect(texts(story).at(-1)).toBe(last);
    expect(codes).toContain('meta/unknown-author');
  });

  it('keeps a suffix with its name: "By John Smith, Jr" is one author', () => {
    const { story } = parse(`Dusk\nBy John Smith, Jr\n\n${STORY}`);
    expect(story.meta.authors).toEqual(['John Smith, Jr']);
  });

  it('still reads a signature with a date as the author', () => {
    const { story } = parse(`Dusk\n\n${STORY}\n- Jane\n\n12 March 2011\n`);
    expect(story.signature).toMatchObject({ name: 'Jane', date: '12 March 2011' });
    expect(story.meta.authors).toEqual(['Jane']);
  });

  it('reads a signature dated by month and year under end notes', () => {
    const { story } = parse(`Dusk\nBy Ada Quill\n\n${STORY}\nAuthor's Notes:\n\nThanks for reading! This one was for a prompt.\n\n- Ada\nMarch 2019\n`);
    expect(story.signature).toMatchObject({ name: 'Ada', date: 'March 2019' });
    expect(endTexts(story)).toEqual(['Thanks for reading! This one was for a prompt.']);
  });
});

describe('titles and story lines are not navigation', () => {
  it.each(['Home', 'Back to Hogwarts', 'Return to Sender'])('"%s" above a by-line is the title', (title) => {
    const { story } = parse(`${title}\nBy Ann Lee\n\n${STORY}`);
    expect(story.meta).toMatchObject({ title, authors: ['Ann Lee'] });
    expect(story.removed).toEqual([]);
  });

  it('a last line "Go to the window" is story text', () => {
    const { story } = parse(`Dusk\nBy Ann Lee\n\n${STORY}\nGo to the window\n`);
    expect(texts(story).at(-1)).toBe('Go to the window');
    expect(story.removed).toEqual([]);
  });
});

describe('the line directly above a by-line is the title', () => {
  it.each(["'Til Death", '"Hello?"', 'Heart (Reprise)', '...and Then There Were None', '¿Dónde Estás?', '?!...', '<script>alert("x")</script> Night'])('%s', (title) => {
    const { story } = parse(`${title}\n\nBy Ann Lee\n\n${STORY}`);
    expect(story.meta).toMatchObject({ title, authors: ['Ann Lee'] });
    expect(story.front).toEqual([]);
  });
});

describe('header lines with blank lines between them', () => {
  it.each([
    ['Title: Far Shore\n\nAuthor: Ann Lee\n\n', ['Ann Lee']],
    ['Title: Far Shore\n\n', []],
    ['Title: Far Shore\n\nSummary: A crossing.\n\nAuthor: Ann Lee\n\n', ['Ann Lee']],
  ])('a lone "Title:" line is read as the header field, not kept as a title with its key (%j)', (head, authors) => {
    const { story } = parse(`${head}${STORY}`);
    expect(story.meta).toMatchObject({ title: 'Far Shore', authors });
    expect(texts(story)).toEqual(['The wind came off the hills at dusk.', 'Nobody in the village slept well that night.']);
  });
});

describe('metadata of invisible characters only', () => {
  it('a Title: or Author: whose value is only a zero-width space or a direction mark is no value, and is reported missing', () => {
    // Taken as given, the book showed an empty title and "by " with no name, and neither was reported.
    const { story, codes } = parse(`Title: \u200B\nAuthor: \u00A0\u200E\n\n${STORY}`);
    expect(story.meta).toMatchObject({ title: null, authors: [] });
    expect(codes).toEqual(expect.arrayContaining(['meta/missing-title', 'meta/unknown-author']));
  });

  it('the same in Markdown front matter', () => {
    const messages = new Messages();
    const text = `---\ntitle: "\u200B"\nauthors: ["\u200E", Ann Lee]\n---\n\n${STORY}`;
    const story = parseStory({ file: 'x.md', text, encoding: 'utf-8', sha256: '', bytes: text.length }, messages);
    expect(story.meta).toMatchObject({ title: null, authors: ['Ann Lee'] });
  });

  it('an invisible name among the authors is dropped, the others kept', () => {
    const { story } = parse(`Title: Far Shore\nAuthor: Ann Lee & \u200B\n\n${STORY}`);
    expect(story.meta.authors).toEqual(['Ann Lee']);
  });
});

describe('an end marker in the middle of the story', () => {
  it('keeps the story paragraphs after "The end." as story text', () => {
    const { story } = parse('Nightfall\n\nThe town emptied slowly.\n\nThe baker stayed longest.\n\nThe end.\n\nBut it was not the end, because at dawn the bells rang again.\n\nThe baker laughed.\n');
    expect(story.end).toEqual([]);
    expect(texts(story)).toEqual(['The town emptied slowly.', 'The baker stayed longest.', 'The end.', 'But it was not the end, because at dawn the bells rang again.', 'The baker laughed.']);
  });

  it('still takes a note after the end marker as end notes', () => {
    const { story } = parse(`Dusk\n\n${STORY}\nThe End\n\nThanks for reading, and please review!\n`);
    expect(endTexts(story)).toEqual(['Thanks for reading, and please review!']);
  });

  it('takes end notes headed after the end marker even when they are longer than the story', () => {
    const notes = Array.from({ length: 8 }, (_, i) => `Note paragraph ${i + 1} thanks my beta reader for the help.`);
    const { story } = parse(`Dusk
By Ann Lee

${STORY}
The End

Author's Notes:

${notes.join('\n\n')}
`);
    expect(story.end.map((n) => n.label)).toEqual(["Author's Notes"]);
    expect(endTexts(story)).toEqual(notes);
    expect(texts(story)).toEqual(['The wind came off the hills at dusk.', 'Nobody in the village slept well that night.', 'endMarker']);
  });

  it('still keeps a "Notes:" line early in the story, not after an end marker, as story text', () => {
    const rest = Array.from({ length: 6 }, (_, i) => `The story goes on, paragraph ${i + 1} of it.`);
    const { story } = parse(`Dusk
By Ann Lee

${STORY}
Notes:

${rest.join('\n\n')}
`);
    expect(story.end).toEqual([]);
    expect(texts(story)).toContain('Notes:');
  });
});

describe('chapter headings are short, not sentences', () => {
  it.each(['Book two was even better than the first one.', 'Chapter 11 of the logbook was missing entirely, torn out at the binding.'])('%s', (line) => {
    const { story } = parse(`Dusk\n\n${STORY}\n${line}\n\nThe rest of it.\n`);
    expect(story.chapters).toHaveLength(1);
    expect(texts(story)).toContain(line);
  });
});

describe('a long chapter title is still a heading', () => {
  // Titled chapters in the old style ("In Which …") run past 80 characters and 12 words.
  it.each([
    'Chapter 12: In Which Our Keeper Discovers That the Harbour Master Has Been Lying About the Storm',
    'Chapter Seven — The Night the Lamp Went Out, and What the Fishermen Said to Mrs. Pell About It Afterwards',
    'Part IV. Containing the Long Voyage Home, the Wreck off the Northern Cape, and the Letter From Dr. Anselm',
    'Epilogue: What Became of the Lighthouse, the Keeper, the Dog and the Little Boat They Painted Blue Every Spring',
  ])('%s', (line) => {
    const { story } = parse(`Dusk\n\n${STORY}\n${line}\n\nThe rest of it.\n`);
    expect(story.chapters.map((c) => (c.heading ? plainText(c.heading) : null))).toEqual([null, line]);
    expect(texts(story)).toEqual([...texts(parse(`Dusk\n\n${STORY}`).story), 'The rest of it.']);
  });

  // Prose that opens with a chapter word and a number stays prose, however long.
  it.each([
    'Chapter 3: the one where everything goes wrong, and I am sorry it took me so long to write, real life got in the way',
    'Chapter One. She woke before the gulls did. The sea was loud, the house was cold, and her boots were not where she had left them.',
    'Part 2 - I know some of you wanted more of the harbour master, and he will be back, I promise, just not in this part of the story',
    `Chapter 9: ${'A Very Long Title That Goes On '.repeat(8).trim()}`,
  ])('%s', (line) => {
    const { story } = parse(`Dusk\n\n${STORY}\n${line}\n\nThe rest of it.\n`);
    expect(story.chapters).toHaveLength(1);
    expect(texts(story)).toContain(line);
  });
});

describe('trailing navigation', () => {
  it('removes "Next chapter >>", "Back to index" and "Review this story" at the end', () => {
    const { story } = parse(`Dusk\nBy Ann Lee\n\n${STORY}\nNext chapter >>\nBack to index\nReview this story\n`);
    expect(story.removed.map((r) => r.text)).toEqual(['Next chapter >>', 'Back to index', 'Review this story']);
    expect(texts(story)).toEqual(['The wind came off the hills at dusk.', 'Nobody in the village slept well that night.']);
  });

  it('finds the signature and end notes above the navigation', () => {
    const { story } = parse(`Dusk\n\n${STORY}\nA/N: Written for a friend.\n\n- Jane\n12 March 2011\n\nNext chapter >>\nBack to index\nReview this story\n`);
    expect(story.signature).toMatchObject({ name: 'Jane', date: '12 March 2011' });
    expect(endTexts(story)).toEqual(['Written for a friend.']);
    expect(story.removed).toHaveLength(3);
  });

  it('finds a dated signature that closes the note block, with no blank lines', () => {
    const { story } = parse(`Dusk\n\n${STORY}\nA/N: Written for a friend.\n- Jane\n12 March 2011\nNext chapter >>\nBack to index\nReview this story\n`);
    expect(story.signature).toMatchObject({ name: 'Jane', date: '12 March 2011' });
    expect(endTexts(story)).toEqual(['Written for a friend.']);
    expect(texts(story)).toEqual(['The wind came off the hills at dusk.', 'Nobody in the village slept well that night.']);
  });
});

describe('one paragraph a line', () => {
  it('dialogue one line per speaker, no blank lines', () => {
    const lines = [
      '"Did you see the lights over the harbour last night, Tom?"',
      '"I did, and I have never seen anything like them, Mara."',
      '"Father says they are only the fishing boats coming home."',
      '"Father says a great many things that are not true, love."',
    ];
    const { story } = parse(`Harbour\nBy Ann Lee\n\n${lines.join('\n')}\n\nThe end of it.\n`);
    expect(texts(story).slice(0, 4)).toEqual(lines);
  });

  it('tab-indented lines, the last starting with "By"', () => {
    const { story } = parse('Salt Road\nBy P V\n\n\tThe caravan left at noon.\n\tBrannoc led the mules through the dunes.\n\tBy evening the wells were dry.\n');
    expect(story.meta).toMatchObject({ title: 'Salt Road', authors: ['P V'] });
    expect(texts(story)).toEqual(['The caravan left at noon.', 'Brannoc led the mules through the dunes.', 'By evening the wells were dry.']);
  });
});

describe('decorative scene breaks', () => {
  it.each(['-o-o-', '-x-x-', 'oOo', '~o~', '+++', '* * *', '***', '~~~'])('%s between blank lines and inside a block', (glyph) => {
    for (const text of [`Dusk\n\nFirst part of it.\n\n${glyph}\n\nSecond part of it.\n`, `Dusk\n\nFirst part of it.\n${glyph}\nSecond part of it.\n`]) {
      const { story } = parse(text);
      expect(blocks(story).map((b) => (b.kind === 'sceneBreak' ? b.glyph : b.kind))).toEqual(['paragraph', glyph, 'paragraph']);
    }
  });
});

describe('a hard-wrapped line that ends in a hyphen', () => {
  const wrapped = [
    'It was a well-known fact in the village that the old ferry-',
    'man never spoke before noon, and that the lantern on the sea-',
    'wall was lit by nobody anyone could name, not even the baker -',
    'who knew everything - nor the twins who ran the chandlery.',
  ];

  it('joins a word broken after its hyphen without a space, keeping the hyphen', () => {
    const { story } = parse(`Hard Lines\nBy Kit Orme\n\n${wrapped.join('\n')}\n`);
    expect(texts(story)).toEqual([
      'It was a well-known fact in the village that the old ferry-man never spoke before noon, and that the lantern on the sea-wall was lit by nobody anyone could name, not even the baker - who knew everything - nor the twins who ran the chandlery.',
    ]);
  });

  it('joins a word broken at a soft hyphen without a space, keeping the soft hyphen (text copied from a hyphenated PDF)', () => {
    // With a space, "extra\u00AD" / "ordinary" became two words the author never wrote.
    const soft = ['It was a well-known fact in the village that the extra\u00AD', 'ordinary man never spoke before noon, and that the lantern on the sea-', ...wrapped.slice(2)];
    const { story } = parse(`Hard Lines\nBy Kit Orme\n\n${soft.join('\n')}\n`);
    expect(texts(story)).toEqual([
      'It was a well-known fact in the village that the extra\u00ADordinary man never spoke before noon, and that the lantern on the sea-wall was lit by nobody anyone could name, not even the baker - who knew everything - nor the twins who ran the chandlery.',
    ]);
  });

  it('does the same in notes before and after the story', () => {
    const { story } = parse(`Disclaimer: The lantern-\nkeepers belong to nobody.\n\nHard Lines\nBy Kit Orme\n\n${STORY}\nAuthor's Notes:\n\nThanks to the ferry-\nman for the idea.\n`);
    expect(plainText(story.front[0]!.blocks[0]!.inlines)).toBe('The lantern-keepers belong to nobody.');
    expect(endTexts(story)).toEqual(['Thanks to the ferry-man for the idea.']);
  });
});
