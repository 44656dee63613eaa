import type { Code, Messages } from '../diagnostics/index.js';
import type { Block, Paragraph } from '../model.js';
import { plainText } from '../shared/inline.js';
import { classAt, DIGIT, isSpaceAt, LETTER, widthAt } from '../shared/chars.js';

// A digit between letters ("Mart1n") is a classic typo; "B-52", "9mm" and "3x04" are not flagged.
const DIGIT_IN_WORD = /(?<![\p{L}\p{N}])\p{L}+\p{N}+\p{L}+(?![\p{L}\p{N}])/gu;

/** The class of each ASCII character (see classAt). */
const ASCII = Uint8Array.from({ length: 128 }, (_, c) => classAt(String.fromCharCode(c), 0));

/** Whether the character at `i` glues a word to what follows or precedes it (a digit or an apostrophe). */
function joinerAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text[i];
  return c === "'" || c === '’' || classAt(text, i) === DIGIT;
}

/**
 * Reports suspected typos in one paragraph, never fixing them. Columns are
 * exact for one-line paragraphs (the shape of most saved stories); for a
 * hard-wrapped paragraph they count from its first line. The text is walked
 * once, character by character: this runs over every word of the book.
 */
export function checkParagraph(p: Paragraph, messages: Pick<Messages, 'add'>): void {
  const text = plainText(p.inlines);
  const n = text.length;
  let digits = false;
  // The previous run of letters, [pAt, pEnd).
  let pAt = -1;
  let pEnd = -1;
  for (let i = 0; i < n; ) {
    // Most characters are ASCII: their class is read from a small table, without a call.
    const c = text.charCodeAt(i);
    const k = c < 128 ? ASCII[c]! : classAt(text, i);
    if (k === DIGIT) digits = true;
    if (k !== LETTER) {
      i += c < 128 ? 1 : widthAt(text, i);
      continue;
    }
    const at = i;
    for (;;) {
      const d = text.charCodeAt(i);
      if (d < 128) {
        if (ASCII[d] !== LETTER) break;
        i++;
      } else if (i < n && classAt(text, i) === LETTER) i += widthAt(text, i);
      else break;
    }
    if (pAt >= 0 && i - at === pEnd - pAt && spacesOnly(text, pEnd, at) && !joinerAt(text, pAt - 1) && !joinerAt(text, i)) {
      if (text.slice(pAt, pEnd).toLowerCase() === text.slice(at, i).toLowerCase()) {
        messages.add('text/doubled-word', `Doubled word "${text.slice(pAt, i)}"`, { ...p.pos, column: p.pos.column + pAt });
      }
    }
    pAt = at;
    pEnd = i;
  }
  // Most paragraphs hold no digit at all: the look-around search runs only on those that do.
  if (digits) {
    for (const m of text.matchAll(DIGIT_IN_WORD)) {
      messages.add('text/suspicious-token', `Suspicious token "${m[0]}"`, { ...p.pos, column: p.pos.column + m.index });
    }
  }
}

/** Whether text[from, to) is white space and not empty. */
function spacesOnly(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isSpaceAt(text, i)) return false;
  return true;
}

/**
 * Reports paragraphs whose double quotes do not pair up. A paragraph that
 * opens a quote and leaves it open is fine when the next paragraph opens one
 * again: that is how a speech running over several paragraphs is written.
 * A paragraph with low opening quotes („) pairs them with “ or ” (German
 * and Czech close with “, Polish with ”); guillemets pair with each other
 * («Russian», »German«: counted, not ordered, either way round pairs).
 */
export function checkQuotes(blocks: readonly Block[], messages: Pick<Messages, 'add'>): void {
  const paras = blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
  const texts = paras.map((p) => plainText(p.inlines));
  paras.forEach((p, i) => {
    const text = texts[i]!;
    const low = occurrences(text, '„');
    const open = (low > 0 ? low : occurrences(text, '“')) + occurrences(text, '«');
    let close = (low > 0 ? occurrences(text, '“') + occurrences(text, '”') : occurrences(text, '”')) + occurrences(text, '»');
    // A height's inch mark (5'10" is typeset 5’10”) closes nothing: only counted when a quote needs it.
    if (close > open) close = Math.max(open, close - heights(text));
    if (close > open) messages.add('text/unbalanced-quotes', `Unbalanced quotes: ${close} closing, ${open} opening`, p.pos);
    else if (open > close && !/^[“„«]/u.test((texts[i + 1] ?? '').trimStart())) messages.add('text/unbalanced-quotes', `Unbalanced quotes: a quote opened here is never closed`, p.pos);
  });
}

// Feet and inches: a digit, an apostrophe, one or two digits and the inch mark (” once typeset).
const HEIGHT = /\d[’′]\d{1,2}[”″]/gu;

/** How many heights in feet and inches (5’10”) `text` holds. */
function heights(text: string): number {
  return text.includes('”') ? (text.match(HEIGHT)?.length ?? 0) : 0;
}

/** How many times `ch` occurs in `text`. */
function occurrences(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
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
