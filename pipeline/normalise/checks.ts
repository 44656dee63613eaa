import type { Code, Messages } from '../diagnostics/index.js';
import type { Block, Paragraph } from '../model.js';
import { plainText } from '../shared/inline.js';

// A digit between letters ("Mart1n") is a classic typo; "B-52", "9mm" and "3x04" are not flagged.
const DIGIT_IN_WORD = /(?<![\p{L}\p{N}])\p{L}+\p{N}+\p{L}+(?![\p{L}\p{N}])/gu;
// Words with what stands around them: a word glued to a digit or an apostrophe is not a whole word.
const WORD = /\p{L}+/gu;
const JOINER = /[\p{N}'’]/u;

/**
 * Reports suspected typos in one paragraph, never fixing them. Columns are
 * exact for one-line paragraphs (the shape of most saved stories); for a
 * hard-wrapped paragraph they count from its first line.
 */
export function checkParagraph(p: Paragraph, messages: Pick<Messages, 'add'>): void {
  const text = plainText(p.inlines);
  // Most paragraphs hold no digit at all: skip the costly look-around search for them.
  if (/\p{N}/u.test(text)) {
    for (const m of text.matchAll(DIGIT_IN_WORD)) {
      messages.add('text/suspicious-token', `Suspicious token "${m[0]}"`, { ...p.pos, column: p.pos.column + m.index });
    }
  }
  // Doubled words, found by walking the words once rather than by a back-reference search.
  let prev: { word: string; at: number; end: number } | undefined;
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLowerCase();
    const end = m.index + m[0].length;
    const between = prev ? text.slice(prev.end, m.index) : '';
    if (prev && word === prev.word && /^\s+$/u.test(between) && !JOINER.test(text[prev.at - 1] ?? '') && !JOINER.test(text[end] ?? '')) {
      messages.add('text/doubled-word', `Doubled word "${text.slice(prev.at, end)}"`, { ...p.pos, column: p.pos.column + prev.at });
    }
    prev = { word, at: m.index, end };
  }
}

/**
 * Reports paragraphs whose double quotes do not pair up. A paragraph that
 * opens a quote and leaves it open is fine when the next paragraph opens one
 * again: that is how a speech running over several paragraphs is written.
 */
export function checkQuotes(blocks: readonly Block[], messages: Pick<Messages, 'add'>): void {
  const paras = blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
  paras.forEach((p, i) => {
    const text = plainText(p.inlines);
    const open = text.split('“').length - 1;
    const close = text.split('”').length - 1;
    const next = paras[i + 1] ? plainText(paras[i + 1]!.inlines).trimStart() : '';
    if (close > open) messages.add('text/unbalanced-quotes', `Unbalanced quotes: ${close} closing, ${open} opening`, p.pos);
    else if (open > close && !next.startsWith('“')) messages.add('text/unbalanced-quotes', `Unbalanced quotes: a quote opened here is never closed`, p.pos);
  });
}

/** How many warnings of one kind a story reports before it only counts them. */
export const PER_STORY_LIMIT = 25;

/**
 * A sink that passes the first {@link PER_STORY_LIMIT} messages of each code
 * and counts the rest: a paragraph of "word word word…" must not print a
 * hundred thousand lines. `flush` says how many were held back.
 */
export function cappedSink(messages: Messages, file: string): Pick<Messages, 'add'> & { flush(): void } {
  const seen = new Map<Code, number>();
  return {
    add(code, message, pos) {
      const n = (seen.get(code) ?? 0) + 1;
      seen.set(code, n);
      return n <= PER_STORY_LIMIT ? messages.add(code, message, pos) : { code, severity: 'info', message };
    },
    flush() {
      for (const [code, n] of seen) {
        if (n > PER_STORY_LIMIT) messages.add(code, `…and ${n - PER_STORY_LIMIT} more like this in ${file}`, { file });
      }
    },
  };
}
