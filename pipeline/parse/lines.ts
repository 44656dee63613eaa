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

/** The line and paragraph separators (U+2028, U+2029), which a few editors and converters write for a line break and a new paragraph. */
const SEPARATORS = /([\u2028\u2029])/u;

/**
 * Splits text into blocks separated by blank lines, remembering the size of each gap.
 * A line separator (U+2028) inside a line ends a line as a line feed does, and a
 * paragraph separator (U+2029) ends a paragraph as a blank line does (with or without
 * line feeds around it); kept as characters, they were a line break in the EPUB and a
 * space in the PDF. Lines keep the number of the line they stand on, so messages point
 * where an editor shows them; the column of a line that follows a separator counts
 * from the separator, so that its indent is read as that of a line of its own.
 */
export function splitBlocks(text: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: Line[] = [];
  let gap = 0;
  // After a paragraph separator: the next line opens a block at least one blank line down.
  let parted = false;
  const blank = (): void => {
    if (current.length) blocks.push({ lines: current, gap }), (current = []), (gap = 0);
    gap++;
  };
  const take = (s: string, line: number): void => {
    // trimEnd strips what `\s` matches (white space and line ends), without a regular expression per line.
    const t = s.trimEnd();
    if (t.trim() === '') return blank();
    if (parted && !current.length) gap = Math.max(gap, 1);
    parted = false;
    const lead = t.length - t.trimStart().length;
    current.push({ text: t.trim(), line, column: lead + 1 });
  };
  const raw = text.split('\n');
  // Most files have none: then no line is searched for them.
  const separated = text.includes('\u2028') || text.includes('\u2029');
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    if (!separated || !SEPARATORS.test(r)) {
      take(r, i + 1);
      continue;
    }
    const parts = r.split(SEPARATORS);
    for (let k = 0; k < parts.length; k += 2) {
      // What follows a separator at the line's end is no line: the line feed ends it.
      if (k === 0 || k < parts.length - 1 || parts[k]!.trim() !== '') take(parts[k]!, i + 1);
      if (parts[k + 1] === '\u2029') {
        if (current.length) blocks.push({ lines: current, gap }), (current = []), (gap = 0);
        parted = true;
      }
    }
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
