import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quotesFor, RULES, typeset } from './typography.js';

// One line in, one line out: each case is what a reader should see.
const cases: [string, string][] = [
  ['"Hello," she said.', '“Hello,” she said.'],
  ['John Connor, "I\'m sorry I doubted you."', 'John Connor, “I’m sorry I doubted you.”'],
  ['"John . . . "', '“John …”'],
  ['I think you could use it after . . ."', 'I think you could use it after …”'],
  ['What are you. . ."', 'What are you…”'],
  ['Wait...', 'Wait…'],
  ['"No - not you. Her."', '“No – not you. Her.”'],
  ['a trickle -- a thin line -- and', 'a trickle — a thin line — and'],
  ["'Tis the season, 'em all, 'cause I said so in the '90s.", '’Tis the season, ’em all, ’cause I said so in the ’90s.'],
  ["He said, 'go home' and left.", 'He said, ‘go home’ and left.'],
  ["The boys' bikes and James's hat.", 'The boys’ bikes and James’s hat.'],
  ['"\'Hello,\' he said," she told me.', '“‘Hello,’ he said,” she told me.'],
  ['Two  spaces   here.', 'Two spaces here.'],
  ['Tabs\tand\u00A0\u00A0no-break spaces.', 'Tabs and no-break spaces.'],
  ['left - - right - and -not- this', 'left – – right – and -not- this'],
  ['"Stop . ." and .. and . . .', '“Stop . .” and .. and …'],
  ['a well-known B-52 in 3x04', 'a well-known B-52 in 3x04'],
  ['“Already curly,” she said — fine…', '“Already curly,” she said — fine…'],
  // Hyphen runs as typewriters made dashes: two or three an em dash, four or five a 2-em dash,
  // six or more a 3-em dash, each set as em dashes (no font of the PDF has ⸺ or ⸻).
  ['she waited---and waited', 'she waited—and waited'],
  ['the house of Lord B----, at the end of the lane', 'the house of Lord B——, at the end of the lane'],
  ['a----b', 'a——b'],
  ['a-----b', 'a——b'],
  ['in the year 18------ we sailed', 'in the year 18——— we sailed'],
  ['a----------b', 'a———b'],
  ['"I only meant----"', '“I only meant——”'],
  ['left ---- right', 'left —— right'],
];

// A piece of a paragraph that emphasis sets apart, with the text on either side of it ⇒ what it becomes.
const pieces: [string, { before?: string; after?: string }, string][] = [
  ['He said "', { after: 'run' }, 'He said “'],
  ['" and left.', { before: 'He said "run' }, '” and left.'],
  ['"', { before: 'He said ', after: 'run' }, '“'],
  ["'", { before: 'said ', after: 'tis the season' }, '’'],
  ["'", { before: 'said ', after: 'go home' }, '‘'],
  ["'s hat", { before: 'James' }, '’s hat'],
  [' "', { before: 'Stop!' }, '”'],
  ['Wait...', { after: 'now' }, 'Wait…'],
  ['a----', { after: 'b' }, 'a——'],
];

describe('typography', () => {
  for (const [input, beside, expected] of pieces) {
    it(`${input} beside ${JSON.stringify(beside)} ⇒ ${expected}`, () => {
      expect(typeset(input, {}, beside)).toBe(expected);
    });
  }

  it('sets two pieces told of each other as it sets them joined, where no rule reads across the join', () => {
    const bits = [' ', '.', '-', '--', '"', "'", '!', ',', '…', 'a', 'Word', 'tis', '9', '(', '—'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...bits), { maxLength: 12 }), fc.array(fc.constantFrom(...bits), { maxLength: 12 }), (xs, ys) => {
      const [a, b] = [xs.join(''), ys.join('')];
      // Left out: dots, hyphens and spaces that would join across it, two quotes side by side,
      // and a space between a sentence's end and a quote in the next piece (its removal would cross it).
      const join = (a.at(-1) ?? '') + (b[0] ?? '');
      fc.pre(!/[.\-]|  |["']["']/u.test(join) && !(/[.!?,…] +$/u.test(a) && /^["']/u.test(b)));
      expect(typeset(a, {}, { after: b }) + typeset(b, {}, { before: a })).toBe(typeset(a + b, {}));
    }), { numRuns: 3000 });
  });


  for (const [input, expected] of cases) {
    it(`${input} ⇒ ${expected}`, () => {
      expect(typeset(input, {})).toBe(expected);
    });
  }

  it('is idempotent: its own output is left alone', () => {
    for (const [input] of cases) {
      const once = typeset(input, {});
      const counts: Record<string, number> = {};
      expect(typeset(once, counts)).toBe(once);
      expect(counts).toEqual({});
    }
  });

  it('never changes a letter or a digit', () => {
    const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
    for (const [input] of cases) expect(letters(typeset(input, {}))).toBe(letters(input));
  });

  it.each([
    ['en', '“Run,” she said, “now.”'],
    ['fr', '“Run,” she said, “now.”'],
    ['ru-RU', '«Run,» she said, «now.»'],
    ['uk', '«Run,» she said, «now.»'],
    ['de', '„Run,“ she said, „now.“'],
    ['cs', '„Run,“ she said, „now.“'],
    ['pl', '„Run,” she said, „now.”'],
    ['fi', '“Run,” she said, “now.”'],
  ])('straight double quotes in %s become its quotes: %s', (language, expected) => {
    const quotes = quotesFor(language);
    const counts: Record<string, number> = {};
    const once = typeset('"Run," she said, "now."', counts, undefined, quotes);
    expect(once).toBe(expected);
    expect(counts).toEqual({ 'typo/double-quotes': 4 });
    // Idempotent, and a straight quote after an opening one of the language still opens.
    expect(typeset(once, {}, undefined, quotes)).toBe(once);
    expect(typeset(`${quotes.open}"Hi"`, {}, undefined, quotes)).toBe(`${quotes.open}${quotes.open}Hi${quotes.close}`);
  });

  it('counts changes per rule code', () => {
    const counts: Record<string, number> = {};
    typeset('"Hi..." -- "Bye" a----b', counts);
    expect(counts).toEqual({ 'typo/ellipsis': 1, 'typo/em-dash': 2, 'typo/double-quotes': 4 });
  });

  it('has unique, stable rule codes', () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^typo\/[a-z-]+$/u);
  });

  it('gives what the plain regular expressions give, on any text (the quick skips and the en dash without look-behind)', () => {
    // The first five rules as they were written before each got a quick test for whether it can match
    // (the em dash's as it is now: a run of hyphens, by its length).
    const plain: [RegExp, string | ((m: string, a: string, b: string) => string)][] = [
      [/[ \t\u00A0]{2,}|\t/gu, ' '],
      [/\.(?: ?\.){2}/gu, '…'],
      [/([.!?,…]) +(["'])(?=\s|$)/gu, (_m, a, b) => a + b],
      [/-{2,}/gu, (m) => '—'.repeat(m.length < 4 ? 1 : m.length < 6 ? 2 : 3)],
      [/(?<= )-(?= )/gu, '–'],
    ];
    const reference = (s: string): string => {
      let out = s;
      for (const [re, to] of plain) out = out.replace(re, to as string);
      for (const r of RULES.slice(plain.length)) out = r.apply(out, quotesFor('en'))[0];
      return out;
    };
    const bits = [' ', '  ', '\t', '\u00A0', '.', '. ', '-', '--', '---', '----', ' - ', '"', "'", '!', ',', '…', 'a', 'Word', '9'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...bits), { maxLength: 24 }), (xs) => {
      const s = xs.join('');
      expect(typeset(s, {})).toBe(reference(s));
    }), { numRuns: 3000 });
  });
});
