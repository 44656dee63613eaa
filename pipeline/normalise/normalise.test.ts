import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { parseStory } from '../parse/index.js';
import { normaliseStory } from './index.js';
import { plainText } from '../shared/inline.js';
import fc from 'fast-check';
import { checkParagraph } from './checks.js';
import type { Paragraph } from '../model.js';
import { storyWords } from '../shared/words.js';

function run(text: string) {
  const messages = new Messages();
  const parsed = parseStory({ file: 'x.txt', text, encoding: 'utf-8', sha256: '', bytes: 0 }, messages);
  return { story: normaliseStory(parsed, messages), messages };
}

describe('normalise', () => {
  it('typesets story text, notes and titles and counts changes', () => {
    const { story } = run('DISCLAIMER: I don\'t own "them".\n\nA "Quiet" Night\nBy someone\n\n"Hi," she said...\n');
    expect(story.meta.title).toBe('A “Quiet” Night');
    expect(plainText(story.front[0]!.blocks[0]!.inlines)).toBe('I don’t own “them”.');
    const p = story.chapters[0]!.blocks[0]!;
    expect(p.kind === 'paragraph' && plainText(p.inlines)).toBe('“Hi,” she said…');
    expect(story.typography).toMatchObject({ 'typo/ellipsis': 1, 'typo/double-quotes': 6, 'typo/single-quotes': 1 });
  });

  it('typesets an author\'s note inside the text, as it does the notes before and after the story', () => {
    const { story } = run('A Title\nBy someone\n\n"Hi," she said.\n\nA/N: You\'re welcome -- "really"...\n\nThe rest of it.\n\nAnd more.\n\nAnd the end.\n');
    const note = story.chapters[0]!.blocks[1]!;
    expect(note.kind === 'authorNote' && plainText(note.inlines)).toBe('You’re welcome — “really”…');
  });

  it('typesets the labels an author gave notes, which the books show as headings, as it does the notes', () => {
    const { story } = run('AUTHOR\'S NOTE: For the "crew".\n\nA Title\nBy someone\n\n"Hi," she said.\n\nAuthor\'s note: It\'s done.\n\nThe rest of it.\n\nAnd more.\n\nThe End\n\nAuthor\'s Notes:\n\nThanks -- to you.\n');
    expect(story.front.map((n) => [n.label, plainText(n.blocks[0]!.inlines)])).toEqual([['AUTHOR’S NOTE', 'For the “crew”.']]);
    expect(story.chapters[0]!.blocks.filter((b) => b.kind === 'authorNote').map((b) => b.kind === 'authorNote' && [b.label, plainText(b.inlines)])).toEqual([['Author’s note', 'It’s done.']]);
    expect(story.end.map((n) => [n.label, plainText(n.blocks[0]!.inlines)])).toEqual([['Author’s Notes', 'Thanks — to you.']]);
  });

  it('typesets a series name as its statement, which the books show beside it', () => {
    const { story } = run('SERIES: Second part of the "Salt" Keeper\'s Tales\n\nA Title\nBy someone\n\nShe said it.\n');
    expect(story.meta.series).toEqual({ name: '“Salt” Keeper’s Tales', position: 2, statement: 'Second part of the “Salt” Keeper’s Tales' });
  });

  it('typesets header details and the editor\'s permission, which the books show beside the notes, but not a source address', () => {
    const messages = new Messages();
    const text = '---\ntitle: A Title\nauthor: Someone\nrating: Teen -- "mild" peril\nbeta: Jo\'s friend...\n"editor\'s pick": yes\nsource: https://example.invalid/a--b/it\'s\n---\n\nShe said it.\n';
    const parsed = parseStory({ file: 'x.md', text, encoding: 'utf-8', sha256: '', bytes: 0 }, messages);
    const story = normaliseStory({ ...parsed, meta: { ...parsed.meta, permission: 'Granted by the author\'s agent -- by letter...' } }, messages);
    expect(story.meta.details.map((d) => [d.label, d.value])).toEqual([
      ['Rating', 'Teen — “mild” peril'],
      ['Beta', 'Jo’s friend…'],
      ['Editor’s pick', 'yes'],
      ['Source', 'https://example.invalid/a--b/it\'s'],
    ]);
    expect(story.meta.permission).toBe('Granted by the author’s agent — by letter…');
    const off = normaliseStory({ ...parsed, meta: { ...parsed.meta, permission: 'It\'s -- fine' } }, messages, { typography: 'off' });
    expect([off.meta.details[0]!.value, off.meta.permission]).toEqual(['Teen -- "mild" peril', 'It\'s -- fine']);
  });

  it('sets a quote beside emphasis by what stands on its other side, as if the marks were not there', () => {
    const messages = new Messages();
    const text = '# A Title\n\nby Sam Reed\n\nHe said "*run*" and \'**she**\' did, *Ann*\'s way -- "*fast*."\n';
    const story = normaliseStory(parseStory({ file: 'x.md', text, encoding: 'utf-8', sha256: '', bytes: 0 }, messages), messages);
    const p = story.chapters[0]!.blocks.at(-1)!;
    expect(p.kind === 'paragraph' && plainText(p.inlines)).toBe('He said “run” and ‘she’ did, Ann’s way — “fast.”');
    expect(messages.list.map((d) => d.code)).not.toContain('text/unbalanced-quotes');
  });

  it('reports a digit inside a word with its line and column, and leaves it as written', () => {
    const { story, messages } = run('Title Here\nBy someone\n\nShe went to see Mart1n and the B-52 in 3x04.\n');
    const d = messages.list.find((m) => m.code === 'text/suspicious-token');
    expect(d).toMatchObject({ severity: 'warning', message: 'Suspicious token "Mart1n"', file: 'x.txt', line: 4, column: 17 });
    expect(messages.list.filter((m) => m.code === 'text/suspicious-token')).toHaveLength(1);
    const p = story.chapters[0]!.blocks[0]!;
    expect(p.kind === 'paragraph' && plainText(p.inlines)).toContain('Mart1n');
  });

  it('counts the words of the story text once, the same as before typography', () => {
    const text = 'A Title\nBy someone\n\nAUTHOR\'S NOTE: not counted.\n\n"Don\'t -- ever," she said... \'90s rock\'n\'roll - yes.\n\nChapter 2\n\nTwo  more.\n';
    const messages = new Messages();
    const parsed = parseStory({ file: 'x.txt', text, encoding: 'utf-8', sha256: '', bytes: 0 }, messages);
    const story = normaliseStory(parsed, messages);
    expect(story.words).toBe(storyWords({ chapters: parsed.chapters }));
    expect(story.words).toBe(11);
    // A story made by hand, without a count, is counted when asked.
    expect(storyWords({ chapters: story.chapters })).toBe(11);
    // Its chapters are counted too, for the report: a big book's wait on disk.
    expect(story.chapters.length).toBe(2);
    expect(story.chapterCount).toBe(2);
  });

  it('reports doubled words', () => {
    const { messages } = run('Title Here\nBy someone\n\nIt was the the best night.\n');
    expect(messages.list.map((m) => [m.code, m.column])).toContainEqual(['text/doubled-word', 8]);
  });
});

describe('quote balance', () => {
  it('reports a stray closing quote and a quote never closed, not a speech running over paragraphs', () => {
    const { messages } = run('Title Here\nBy someone\n\n"Start of a long speech.\n\n"And its end," she said.\n\nHe said it twice."\n\n"Never closed.\n\nThe end came.\n');
    expect(messages.list.filter((m) => m.code === 'text/unbalanced-quotes').map((m) => [m.line, m.message])).toEqual([
      [8, 'Unbalanced quotes: 1 closing, 0 opening'],
      [10, 'Unbalanced quotes: a quote opened here is never closed'],
    ]);
  });

  it('sets a story’s quotes in its language, and pairs guillemets and low quotes as it pairs English ones', () => {
    const messages = new Messages();
    const text = 'Title: Дождь\nAuthor: А. Автор\nLanguage: Русский\n\n"Пойдём домой," сказала она.\n\nОн ответил: «Нет.\n\n«А потом уйду», — сказал он.\n\nИ всё».\n';
    const story = normaliseStory(parseStory({ file: 'r.txt', text, encoding: 'utf-8', sha256: '', bytes: 0 }, messages), messages);
    const first = story.chapters[0]!.blocks[0]!;
    expect(first.kind === 'paragraph' && plainText(first.inlines)).toBe('«Пойдём домой,» сказала она.'); // the comma stays where it was typed
    // «Нет. runs on into the next paragraph, which opens again (a speech over paragraphs); the last » closes nothing.
    expect(messages.list.filter((m) => m.code === 'text/unbalanced-quotes').map((m) => [m.line, m.message])).toEqual([[11, 'Unbalanced quotes: 1 closing, 0 opening']]);
  });

  it('does not read the inch mark of a height (5\'10", 6’2”) as a stray closing quote', () => {
    const { messages } = run('Title Here\nBy someone\n\nHe was 5\'10" tall.\n\nShe was 6’2” in heels.\n\n"He was 5\'10"," she said.\n\n"I\'m 5\'4" she said.\n\nStill 5\'4" and then a stray one."\n');
    expect(messages.list.filter((m) => m.code === 'text/unbalanced-quotes').map((m) => [m.line, m.message])).toEqual([
      // A closing quote that is not a height's is still reported.
      [12, 'Unbalanced quotes: 1 closing, 0 opening'],
    ]);
  });

  it('pairs low opening quotes with “ (German, Czech) or ” (Polish), and still reports one left open', () => {
    const { messages } = run('Titel\nBy someone\n\n„Hallo“, sagte sie. „Komm herein.“\n\n„Dzień dobry” – powiedział.\n\n„Nie zamknięty.\n\nKoniec.\n');
    expect(messages.list.filter((m) => m.code === 'text/unbalanced-quotes').map((m) => [m.line, m.message])).toEqual([[8, 'Unbalanced quotes: a quote opened here is never closed']]);
  });
});

describe('doubled words', () => {
  it.each([
    ['It was the the best night.', ['the the']],
    ['The the start, and And again.', ['The the', 'and And']],
    ["It's it's fine; 2 2 is not a word; that that's fine.", []],
    ['had had a long day', ['had had']],
  ])('%s', (text, want) => {
    const { messages } = run(`Title Here\nBy someone\n\n${text}\n`);
    expect(messages.list.filter((m) => m.code === 'text/doubled-word').map((m) => /"(.*)"/u.exec(m.message)![1])).toEqual(want);
  });
});

describe('a flood of one warning', () => {
  it('reports the first 25 of a kind in a story and counts the rest', () => {
    const { messages } = run(`Title Here\nBy someone\n\n${'word '.repeat(200)}\n`);
    const doubled = messages.list.filter((m) => m.code === 'text/doubled-word');
    expect(doubled).toHaveLength(26);
    expect(doubled.at(-1)!.message).toBe('…and 174 more like this in x.txt');
  });
});

describe('checkParagraph', () => {
  // The regular-expression version it replaced (too slow for a million words), kept as the reference.
  function reference(text: string): string[] {
    const out: string[] = [];
    let prev: { word: string; at: number; end: number } | undefined;
    for (const m of text.matchAll(/\p{L}+/gu)) {
      const word = m[0].toLowerCase();
      const end = m.index + m[0].length;
      const between = prev ? text.slice(prev.end, m.index) : '';
      if (prev && word === prev.word && /^\s+$/u.test(between) && !/[\p{N}'’]/u.test(text[prev.at - 1] ?? '') && !/[\p{N}'’]/u.test(text[end] ?? '')) out.push(`doubled ${prev.at} ${text.slice(prev.at, end)}`);
      prev = { word, at: m.index, end };
    }
    for (const m of text.matchAll(/(?<![\p{L}\p{N}])\p{L}+\p{N}+\p{L}+(?![\p{L}\p{N}])/gu)) out.push(`token ${m.index} ${m[0]}`);
    return out.sort();
  }
  function actual(text: string): string[] {
    const got: string[] = [];
    const p = { kind: 'paragraph', inlines: [{ kind: 'text', text }], pos: { file: 'x', line: 1, column: 1 } } as unknown as Paragraph;
    checkParagraph(p, { add: (code, message, pos) => (got.push(`${code === 'text/doubled-word' ? 'doubled' : 'token'} ${pos!.column! - 1} ${/"(.*)"/u.exec(message)![1]}`), { code, severity: 'warning', message }) });
    return got.sort();
  }
  it('finds what the regular expressions found, on any text', () => {
    const words = ['the', 'The', 'a', 'ж', 'Ж', 'B2B', 'x9', '7', "'", '’', ' ', '  ', '\u00a0', '\t', ',', '𝒜', 'é', '-'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...words), { maxLength: 30 }), (ws) => {
      const s = ws.join('');
      expect(actual(s)).toEqual(reference(s));
    }), { numRuns: 3000 });
  });
});
