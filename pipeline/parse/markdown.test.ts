import { describe, expect, it } from 'vitest';
import type { Inline } from '../model.js';
import { headingLevel, isThematicBreak, parseInlines, splitFrontMatter } from './markdown.js';

const t = (text: string): Inline => ({ kind: 'text', text });
const em = (...children: Inline[]): Inline => ({ kind: 'em', children });
const strong = (...children: Inline[]): Inline => ({ kind: 'strong', children });

const plain = (xs: Inline[]): string => xs.map((x) => (x.kind === 'text' ? x.text : plain(x.children))).join('');
/** Markers an emphasis node stands for: 2 for em, 4 for strong. */
const markers = (xs: Inline[]): number =>
  xs.reduce((n, x) => n + (x.kind === 'text' ? 0 : (x.kind === 'em' ? 2 : 4) + markers(x.children)), 0);
const escapes = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === '\\' && /[!-/:-@[-`{-~]/u.test(s[i + 1] ?? '')) (n++, i++);
  return n;
};

describe('parseInlines', () => {
  it.each<[string, Inline[]]>([
    ['plain text', [t('plain text')]],
    ['', []],
    ['an *em* word', [t('an '), em(t('em')), t(' word')]],
    ['an _em_ word', [t('an '), em(t('em')), t(' word')]],
    ['**strong**', [strong(t('strong'))]],
    ['__strong__', [strong(t('strong'))]],
    ['***both***', [strong(em(t('both')))]],
    ['___both___', [strong(em(t('both')))]],
    ['**bold *and em* inside**', [strong(t('bold '), em(t('and em')), t(' inside'))]],
    ['*em **and strong** inside*', [em(t('em '), strong(t('and strong')), t(' inside'))]],
    ['snake_case_words', [t('snake_case_words')]],
    ['2*3*4', [t('2*3*4')]],
    ['un*frigging*believable', [t('un*frigging*believable')]],
    ['\\*not em\\*', [t('*not em*')]],
    ['\\_ and \\\\ and \\a', [t('_ and \\ and \\a')]],
    ['*unclosed', [t('*unclosed')]],
    ['closed* only', [t('closed* only')]],
    ['**unbalanced*', [t('*'), em(t('unbalanced'))]],
    ['a * b * c', [t('a * b * c')]],
    ['<b>not html</b> [not](link)', [t('<b>not html</b> [not](link)')]],
    ['*Harry*’s *wand*.', [em(t('Harry')), t('’s '), em(t('wand')), t('.')]],
    ['“*Really?*”', [t('“'), em(t('Really?')), t('”')]],
    ['*a _b* c_', [em(t('a _b')), t(' c_')]],
    // Like `_` in CommonMark, markers inside a word are text (CommonMark would nest a strong here).
    ['*foo**bar**baz*', [em(t('foo**bar**baz'))]],
    ['* * *', [t('* * *')]],
    ['*😀*', [em(t('😀'))]],
  ])('%j', (input, expected) => {
    expect(parseInlines(input)).toEqual(expected);
  });

  it('never throws, never loses or adds a letter, and removes only markers and escapes', () => {
    const alphabet = ['a', ' ', '*', '_', '\\', 'b'];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 600; k++) {
      const input = Array.from({ length: 1 + Math.floor(random() * 16) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const out = parseInlines(input);
      const text = plain(out);
      for (const letter of ['a', 'b', ' ']) expect(text.split(letter).length, input).toBe(input.split(letter).length);
      expect(text.length + markers(out) + escapes(input), input).toBe(input.length);
      expect(JSON.stringify(out), input).not.toMatch(/"text":""/u);
    }
  });

  it('stays fast on pathological paragraphs', () => {
    const start = performance.now();
    const lonely = '_a '.repeat(20000) + 'a* '.repeat(20000); // closers that find no opener
    expect(plain(parseInlines(lonely))).toBe(lonely);
    const many = '*a* '.repeat(20000);
    expect(plain(parseInlines(many))).toBe('a '.repeat(20000));
    const nested = '**a '.repeat(5000) + 'a* '.repeat(10000);
    expect(plain(parseInlines(nested)).length).toBe(nested.length - 20000);
    // Far above the time on a busy machine: a guard against work that grows with the square of the paragraph.
    expect(performance.now() - start).toBeLessThan(20_000);
  });
});

describe('headingLevel and isThematicBreak', () => {
  it.each<[string, ReturnType<typeof headingLevel>]>([
    ['# Title', { level: 1, text: 'Title' }],
    ['### Part Two ###', { level: 3, text: 'Part Two' }],
    ['###### six', { level: 6, text: 'six' }],
    ['   ## indented  ', { level: 2, text: 'indented' }],
    ['#', { level: 1, text: '' }],
    ['# C#', { level: 1, text: 'C#' }],
    ['####### seven', null],
    ['#hashtag', null],
    ['    # code', null],
    ['\\# escaped', null],
  ])('heading %j', (line, expected) => {
    expect(headingLevel(line)).toEqual(expected);
  });

  it('recognises thematic breaks', () => {
    for (const yes of ['---', '***', '___', '* * *', '- - -', '_ _ _ _', '  ----  ']) expect(isThematicBreak(yes), yes).toBe(true);
    for (const no of ['--', '-*-', '* * x', 'a---', '    ---', '', '~~~']) expect(isThematicBreak(no), no).toBe(false);
  });
});

describe('splitFrontMatter', () => {
  it('returns the whole text when there is none', () => {
    expect(splitFrontMatter('Title\n\nBody')).toEqual({ fields: null, body: 'Title\n\nBody', bodyLine: 1 });
    expect(splitFrontMatter('')).toEqual({ fields: null, body: '', bodyLine: 1 });
  });

  it('reads valid front matter and says on which line the body starts', () => {
    const text = '---\ntitle: The Road\nauthors: [A. Writer, B. Writer]\n---\nIt was late.\n';
    expect(splitFrontMatter(text)).toEqual({
      fields: [
        { key: 'title', value: 'The Road', line: 2, column: 1 },
        { key: 'authors', value: 'A. Writer, B. Writer', items: ['A. Writer', 'B. Writer'], line: 3, column: 1 },
      ],
      body: 'It was late.\n',
      bodyLine: 5,
    });
    expect(splitFrontMatter('---\ntitle: X\n...\n\nBody').bodyLine).toBe(4);
    expect(splitFrontMatter('---\ntitle: X\n---')).toEqual({ fields: [{ key: 'title', value: 'X', line: 2, column: 1 }], body: '', bodyLine: 4 });
    expect(splitFrontMatter('---\n---\nBody')).toEqual({ fields: [], body: 'Body', bodyLine: 3 });
  });

  it('keeps every scalar as written, not as YAML types it: numbers, booleans, null, dates', () => {
    const text = '---\ntitle: 007\nauthor: 1e3\nseries: 1.10\nsummary: 0x1F\nrating: .inf\ndraft: true\nx: ~\ny: null\nz:\ndate: 2001-02-03\nn: -0\noct: 0o17\n---\nBody';
    const f = splitFrontMatter(text).fields!;
    expect(f.map((x) => [x.key, x.value, x.line])).toEqual([
      ['title', '007', 2], ['author', '1e3', 3], ['series', '1.10', 4], ['summary', '0x1F', 5], ['rating', '.inf', 6],
      ['draft', 'true', 7], ['x', '~', 8], ['y', 'null', 9], ['z', '', 10], ['date', '2001-02-03', 11], ['n', '-0', 12], ['oct', '0o17', 13],
    ]);
  });

  it('drops the quotes of quoted scalars but keeps their content; block scalars keep their text; tags and anchors are not text', () => {
    const text = '---\na: "007"\nb: \'it\'\'s 1e3\'\nc: |\n  line one\n  line two\nd: >\n  folded\n  text\ne: !!str 010\nf: &x 1.50\ng: *x\nh: plain # a comment\n---\nBody';
    const f = splitFrontMatter(text).fields!;
    expect(f.map((x) => [x.key, x.value])).toEqual([
      ['a', '007'], ['b', "it's 1e3"], ['c', 'line one\nline two\n'], ['d', 'folded text\n'], ['e', '010'], ['f', '1.50'], ['g', '1.50'], ['h', 'plain'],
    ]);
  });

  it('keeps lists as their items\' text and nested mappings as readable text', () => {
    const text = '---\ntags:\n  - 01\n  - yes\nextra:\n  nested: zebrafrontmatter\n  deeper: {k: 0x10}\n  list: [a, b]\nmix: [1.0, {n: v}]\n---\nBody';
    const f = splitFrontMatter(text).fields!;
    expect(f).toEqual([
      { key: 'tags', value: '01, yes', items: ['01', 'yes'], line: 2, column: 1 },
      { key: 'extra', value: 'nested: zebrafrontmatter; deeper: (k: 0x10); list: (a, b)', line: 5, column: 1 },
      { key: 'mix', value: '1.0, (n: v)', items: ['1.0', '(n: v)'], line: 9, column: 1 },
    ]);
  });

  it('keeps every value of a key given twice, each at its own line, and text normalised from CRLF', () => {
    const crlf = '---\r\ntitle: A\r\ntitle: B\r\n---\r\nBody'.replace(/\r\n?/gu, '\n');
    expect(splitFrontMatter(crlf)).toEqual({
      fields: [{ key: 'title', value: 'A', line: 2, column: 1 }, { key: 'title', value: 'B', line: 3, column: 1 }],
      body: 'Body',
      bodyLine: 5,
    });
  });

  it('treats an unclosed fence or a non-mapping as no front matter', () => {
    expect(splitFrontMatter('---\ntitle: X\nno closing')).toEqual({ fields: null, body: '---\ntitle: X\nno closing', bodyLine: 1 });
    const rules = '---\nThe sun rose.\n---\nMore.';
    expect(splitFrontMatter(rules)).toEqual({ fields: null, body: rules, bodyLine: 1 });
  });

  it('reports invalid YAML with its line in the file, keeping the whole text as body', () => {
    const text = '---\ntitle: X\nauthor Y\n---\nBody';
    const r = splitFrontMatter(text);
    expect(r).toMatchObject({ fields: null, body: text, bodyLine: 1 });
    expect(r.error).toMatch(/^front matter line 3: /u);
    const bomb = '---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\nBody';
    expect(splitFrontMatter(bomb)).toMatchObject({ fields: null, body: bomb, error: expect.stringContaining('front matter') });
  });
});
