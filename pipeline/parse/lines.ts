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

/** The block's lines joined by spaces, the way a hard-wrapped paragraph reads. */
export function blockText(b: RawBlock): string {
  return b.lines.map((l) => l.text).join(' ');
}

/** The position of a line in a file. */
export function posOf(file: string, l: Line): SourcePos {
  return { file, line: l.line, column: l.column };
}

/** A paragraph from one or more lines (joined by spaces: hard wraps are not the author's words). */
export function paragraphOf(file: string, lines: Line[], text?: string): Paragraph {
  return {
    kind: 'paragraph',
    inlines: [{ kind: 'text', text: text ?? lines.map((l) => l.text).join(' ') }],
    pos: posOf(file, lines[0]!),
  };
}
