import type { Paragraph, SourcePos } from '../model.js';

/** One input line, right-trimmed, with its 1-based number. */
export interface Line {
  text: string;
  line: number;
  /** 1-based column of the first non-blank character. */
  column: number;
}

/** Consecutive non-blank lines, and how many blank lines stood before them. */
export interface RawBlock {
  lines: Line[];
  gap: number;
}

/** Splits text into blocks separated by blank lines, remembering the size of each gap. */
export function splitBlocks(text: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: Line[] = [];
  let gap = 0;
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    // trimEnd strips what `\s` matches (white space and line ends), without a regular expression per line.
    const t = raw[i]!.trimEnd();
    if (t.trim() === '') {
      if (current.length) blocks.push({ lines: current, gap }), (current = []), (gap = 0);
      gap++;
      continue;
    }
    const lead = t.length - t.trimStart().length;
    current.push({ text: t.trim(), line: i + 1, column: lead + 1 });
  }
  if (current.length) blocks.push({ lines: current, gap });
  return blocks;
}

/**
 * A letter then a hyphen: the last two characters of a line broken inside a
 * compound. Or a letter then a soft hyphen (U+00AD): text copied from a
 * hyphenated page keeps the hyphenation point where the line broke, inside a
 * word that has no hyphen ("extra\u00AD" / "ordinary").
 */
const LETTER_HYPHEN = /^\p{L}[-\u00AD]$/u;
const LETTER_START = /^\p{L}/u;

/**
 * Whether two hard-wrapped lines meet inside a word broken after its own hyphen
 * ("ferry-" / "man") or at a soft hyphen. Wrappers break compounds there (Python's
 * textwrap does by default), so the lines join as the author typed the word, hyphen
 * kept (a soft hyphen is invisible, so the word reads whole): a space would put
 * "ferry- man" or "extra ordinary" in the book, which nobody wrote. Only the line's end is
 * read, so joining a paragraph of 200,000 lines stays linear.
 */
function brokenAfterHyphen(before: string, after: string): boolean {
  return LETTER_HYPHEN.test(before.slice(-2)) && LETTER_START.test(after);
}

/** Two hard-wrapped lines as one: joined by a space, except a word broken after its hyphen (`brokenAfterHyphen`). */
export function joinWrapped(before: string, after: string): string {
  if (!before) return after;
  return brokenAfterHyphen(before, after) ? before + after : `${before} ${after}`;
}

/** Lines joined the way a hard-wrapped paragraph reads (see `joinWrapped`). */
export function joinLines(texts: readonly string[]): string {
  let out = texts[0] ?? '';
  for (let i = 1; i < texts.length; i++) out += (brokenAfterHyphen(texts[i - 1]!, texts[i]!) ? '' : ' ') + texts[i]!;
  return out;
}

/** The block's lines joined the way a hard-wrapped paragraph reads. */
export function blockText(b: RawBlock): string {
  return joinLines(b.lines.map((l) => l.text));
}

/** The position of a line in a file. */
export function posOf(file: string, l: Line): SourcePos {
  return { file, line: l.line, column: l.column };
}

/** A paragraph from one or more lines (joined by `joinLines`: hard wraps are not the author's words). */
export function paragraphOf(file: string, lines: Line[], text?: string): Paragraph {
  return {
    kind: 'paragraph',
    inlines: [{ kind: 'text', text: text ?? joinLines(lines.map((l) => l.text)) }],
    pos: posOf(file, lines[0]!),
  };
}
