import type { Messages } from '../diagnostics/index.js';
import type { Block, Paragraph } from '../model.js';
import { plainText } from '../shared/inline.js';

// A digit between letters ("Rile2y") is a classic typo; "T-800", "9mm" and "2x19" are not flagged.
const DIGIT_IN_WORD = /(?<![\p{L}\p{N}])\p{L}+\p{N}+\p{L}+(?![\p{L}\p{N}])/gu;
const DOUBLED = /(?<![\p{L}\p{N}'’])(\p{L}+)\s+\1(?![\p{L}\p{N}'’])/giu;

/**
 * Reports suspected typos in one paragraph, never fixing them. Columns are
 * exact for one-line paragraphs (the shape of most saved stories); for a
 * hard-wrapped paragraph they count from its first line.
 */
export function checkParagraph(p: Paragraph, messages: Messages): void {
  const text = plainText(p.inlines);
  for (const m of text.matchAll(DIGIT_IN_WORD)) {
    messages.add('text/suspicious-token', `Suspicious token "${m[0]}"`, { ...p.pos, column: p.pos.column + m.index });
  }
  for (const m of text.matchAll(DOUBLED)) {
    messages.add('text/doubled-word', `Doubled word "${m[0]}"`, { ...p.pos, column: p.pos.column + m.index });
  }
}

/**
 * Reports paragraphs whose double quotes do not pair up. A paragraph that
 * opens a quote and leaves it open is fine when the next paragraph opens one
 * again: that is how a speech running over several paragraphs is written.
 */
export function checkQuotes(blocks: readonly Block[], messages: Messages): void {
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
