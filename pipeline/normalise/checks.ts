import type { Messages } from '../diagnostics/index.js';
import type { Paragraph } from '../model.js';
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
