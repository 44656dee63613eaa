import type { Block, Chapter, Paragraph, RemovedLine } from '../model.js';
import { paragraphOf, posOf, type Line, type RawBlock } from './lines.js';
import { isChapterHeading } from './headings.js';
import { inlineAuthorNote, isEndMarker, isGlyphBreak, OPENS_QUOTE } from './patterns.js';

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

/** The label an archive's page puts over a chapter's or a one-shot's text. */
const SITE_TEXT_LABEL = /^(?:chapter|work)\s+text\s*:?$/iu;

/** Ends a sentence, perhaps inside closing quotes or brackets. */
const SENTENCE_END = /[.!?…:]["”'’)\]]*$|["”'’]$/u;

/**
 * Splits a block of consecutive lines into paragraphs. Three shapes:
 * - indented paragraphs with no blank lines: an indented line starts a paragraph,
 *   and an unindented one continues it after a long line (a hard wrap), not after a short one (verse);
 * - hard-wrapped text (lines of about the same width): lines are joined, and a
 *   short line that ends a sentence ends its paragraph;
 * - short lines of their own (dialogue, verse): one paragraph each.
 * Every line indented, each ending a sentence, is one paragraph a line too, as are
 * three or more lines of about the same width that each end a sentence; and
 * in hard-wrapped text a line that ends a sentence before a line opening a quote
 * ends its paragraph (dialogue written one line per speaker).
 */
export function paragraphLines(lines: Line[]): Line[][] {
  if (lines.length === 1) return [lines];
  const indented = lines.filter((l) => l.column > 1).length;
  // A hard-wrapped block indented as a whole breaks lines mid-sentence; indented paragraphs do not.
  if (indented === lines.length && lines.slice(0, -1).every((l) => SENTENCE_END.test(l.text))) return lines.map((l) => [l]);
  // A fold, not Math.max(...): a story hard-wrapped without a blank line is one block of 200,000 lines.
  const width = lines.reduce((w, l) => Math.max(w, l.text.length), 0);
  if (indented >= 2 && indented < lines.length) {
    const out: Line[][] = [];
    for (const l of lines) {
      // An unindented line continues a paragraph only where a wrapper broke a long line;
      // after a short one (verse indented every other line) it is a line of its own.
      const prev = out[out.length - 1]?.at(-1);
      if (l.column > 1 || !prev || width < 40 || prev.text.length < width * 0.6) out.push([l]);
      else out[out.length - 1]!.push(l);
    }
    return out;
  }
  const wrapped = width <= 100 && lines.slice(0, -1).filter((l) => l.text.length >= width * 0.6).length >= (lines.length - 1) * 0.6;
  if (!wrapped || width < 40) return lines.map((l) => [l]);
  // Every line ending a sentence is a paragraph a line (a word processor's or Google Docs' text
  // export, no blank lines): a wrapper breaks lines wherever the width runs out, not at three
  // sentence ends or more in a row.
  if (lines.length >= 3 && lines.slice(0, -1).every((l) => SENTENCE_END.test(l.text))) return lines.map((l) => [l]);
  const out: Line[][] = [[]];
  lines.forEach((l, i) => {
    out[out.length - 1]!.push(l);
    const speakerNext = OPENS_QUOTE.test(lines[i + 1]?.text ?? '');
    if ((l.text.length < width * 0.6 || speakerNext) && SENTENCE_END.test(l.text)) out.push([]);
  });
  return out.filter((p) => p.length);
}

/**
 * Turns the story's blocks into chapters: headings ("Chapter 2", "Epilogue")
 * start a new chapter; within one, paragraphs, scene breaks (a longer gap
 * or a glyph line), in-text author's notes and end markers.
 */
/** How the source marks structure: Markdown joins a block's lines and marks headings with `#`. */
export interface BodySyntax {
  markdown?: boolean;
  /** Lines marked as headings by the markup. */
  headings?: ReadonlySet<number>;
}

export function readBody(file: string, blocks: RawBlock[], syntax: BodySyntax = {}): { chapters: Chapter[]; removed: RemovedLine[] } {
  const removed: RemovedLine[] = [];
  const gap = typicalGap(blocks);
  if (!syntax.markdown) blocks = blocks.flatMap((b) => splitAtGlyphs(b, gap));
  const chapters: Chapter[] = [];
  let cur: Chapter = { blocks: [], pos: blocks[0] ? posOf(file, blocks[0].lines[0]!) : { file, line: 1, column: 1 } };
  const out = () => cur.blocks;
  const pushBreak = (b: Block) => {
    // A break before any text or right after another break separates nothing.
    const prev = out()[out().length - 1];
    if (prev && prev.kind !== 'sceneBreak') out().push(b);
    // A glyph line dropped here is still listed, so nothing goes missing unreported.
    else if (b.kind === 'sceneBreak' && b.glyph) removed.push({ text: b.glyph, reason: 'scene break with no text before it', pos: b.pos });
  };
  const close = () => {
    const tail = out()[out().length - 1];
    // A break at the end of a chapter separates nothing; a glyph line dropped here is listed.
    if (tail?.kind === 'sceneBreak') {
      out().pop();
      if (tail.glyph) removed.push({ text: tail.glyph, reason: 'scene break with no text after it', pos: tail.pos });
    }
    if (cur.heading || cur.blocks.length) chapters.push(cur);
  };
  let noteLabel: string | undefined;
  blocks.forEach((b, i) => {
    const first = b.lines[0]!;
    const single = b.lines.length === 1;
    if (single && (isChapterHeading(first.text) || syntax.headings?.has(first.line))) {
      close();
      cur = { heading: [{ kind: 'text', text: first.text }], blocks: [], pos: posOf(file, first) };
      return;
    }
    if (i > 0 && b.gap > gap) pushBreak({ kind: 'sceneBreak', pos: { file, line: first.line - 1, column: 1 } });
    if (single && isGlyphBreak(first.text)) {
      pushBreak({ kind: 'sceneBreak', glyph: first.text, pos: posOf(file, first) });
      return;
    }
    const next = blocks[i + 1];
    const lastOfChapter = !next || (next.lines.length === 1 && isChapterHeading(next.lines[0]!.text));
    if (single && isEndMarker(first.text) && lastOfChapter) {
      out().push({ kind: 'endMarker', text: first.text, pos: posOf(file, first) });
      return;
    }
    // In Markdown the lines of a block are one paragraph, whatever their lengths.
    // Archive downloads put "Chapter Notes" over indented paragraphs: the author's notes, kept in place.
    if (single && /^chapter\s+(?:end\s+)?(?:notes|summary)$/iu.test(first.text) && next?.lines.every((l) => l.column > 1)) {
      noteLabel = first.text;
      return;
    }
    if (noteLabel && b.lines.every((l) => l.column > 1)) {
      const p = paragraphOf(file, b.lines);
      out().push({ kind: 'authorNote', label: noteLabel, inlines: p.inlines, pos: p.pos });
      return;
    }
    noteLabel = undefined;
    // An archive page copied whole labels each chapter's text ("Chapter Text", "Work Text:"); it is the site's, not the author's.
    if (single && SITE_TEXT_LABEL.test(first.text) && out().every((x) => x.kind === 'authorNote')) {
      removed.push({ text: first.text, reason: 'site heading', pos: posOf(file, first) });
      return;
    }
    for (const p of syntax.markdown ? [b.lines] : paragraphLines(b.lines)) out().push(blockOf(file, p));
  });
  close();
  if (!chapters.length) chapters.push(cur);
  return { chapters, removed };
}

/**
 * A glyph line ("* * *", "-o-o-") inside a block, with no blank lines around it, is a
 * scene break all the same: the block is split there, the pieces at the usual gap.
 * (Markdown is left alone: there "---" under a line marks a heading.)
 */
function splitAtGlyphs(b: RawBlock, gap: number): RawBlock[] {
  if (b.lines.length < 2 || !b.lines.some((l) => isGlyphBreak(l.text))) return [b];
  const out: RawBlock[] = [];
  for (const l of b.lines) {
    const last = out[out.length - 1];
    if (isGlyphBreak(l.text) || !last || isGlyphBreak(last.lines[0]!.text)) out.push({ lines: [l], gap: out.length ? gap : b.gap });
    else last.lines.push(l);
  }
  return out;
}

/** A paragraph, or an author's note when it opens with "A/N:". */
function blockOf(file: string, lines: Line[]): Paragraph | Block {
  const p = paragraphOf(file, lines);
  const text = p.inlines[0]?.kind === 'text' ? p.inlines[0].text : '';
  const note = inlineAuthorNote(text);
  return note ? { kind: 'authorNote', label: note.label, inlines: [{ kind: 'text', text: note.text }], pos: p.pos } : p;
}
