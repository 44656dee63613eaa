import type { Block, Chapter } from '../model.js';
import { paragraphOf, posOf, type Line, type RawBlock } from './lines.js';
import { isEndMarker, isGlyphBreak } from './patterns.js';

/**
 * The usual number of blank lines between paragraphs: the most common gap,
 * the smaller one on a tie. A longer gap is a scene break.
 */
export function typicalGap(blocks: RawBlock[]): number {
  const counts = new Map<number, number>();
  for (const b of blocks.slice(1)) counts.set(b.gap, (counts.get(b.gap) ?? 0) + 1);
  let best = 1;
  let bestCount = 0;
  for (const [gap, c] of [...counts].sort((a, b) => a[0] - b[0])) if (c > bestCount) [best, bestCount] = [gap, c];
  return best;
}

/** A block whose lines are hard-wrapped prose (every line but the last is long). */
function isWrapped(lines: Line[]): boolean {
  return lines.slice(0, -1).every((l) => l.text.length >= 45);
}

/** Turns the story's blocks into its chapter(s): paragraphs, scene breaks and end markers. */
export function readBody(file: string, blocks: RawBlock[]): Chapter[] {
  const gap = typicalGap(blocks);
  const out: Block[] = [];
  const pushBreak = (b: Block) => {
    // A break before any text or right after another break separates nothing.
    const prev = out[out.length - 1];
    if (prev && prev.kind !== 'sceneBreak') out.push(b);
  };
  blocks.forEach((b, i) => {
    const first = b.lines[0]!;
    if (i > 0 && b.gap > gap) pushBreak({ kind: 'sceneBreak', pos: { file, line: first.line - 1, column: 1 } });
    if (b.lines.length === 1 && isGlyphBreak(first.text)) {
      pushBreak({ kind: 'sceneBreak', glyph: first.text, pos: posOf(file, first) });
      return;
    }
    if (b.lines.length === 1 && isEndMarker(first.text) && i >= blocks.length - 2) {
      out.push({ kind: 'endMarker', text: first.text, pos: posOf(file, first) });
      return;
    }
    if (b.lines.length > 1 && isWrapped(b.lines)) out.push(paragraphOf(file, b.lines));
    else for (const l of b.lines) out.push(paragraphOf(file, [l]));
  });
  const tail = out[out.length - 1];
  // A trailing blank-line break separates nothing; a glyph line is kept as written.
  if (tail?.kind === 'sceneBreak' && !tail.glyph) out.pop();
  return [{ blocks: out, pos: out[0]?.pos ?? { file, line: 1, column: 1 } }];
}
