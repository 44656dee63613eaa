import { describe, expect, it } from 'vitest';
import { RULES, typeset } from './typography.js';

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
  ['a well-known B-52 in 3x04', 'a well-known B-52 in 3x04'],
  ['“Already curly,” she said — fine…', '“Already curly,” she said — fine…'],
];

describe('typography', () => {
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

  it('counts changes per rule code', () => {
    const counts: Record<string, number> = {};
    typeset('"Hi..." -- "Bye"', counts);
    expect(counts).toEqual({ 'typo/ellipsis': 1, 'typo/em-dash': 1, 'typo/double-quotes': 4 });
  });

  it('has unique, stable rule codes', () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^typo\/[a-z-]+$/u);
  });
});
