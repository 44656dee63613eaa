import type { Epigraph, Note, NoteKind } from '../model.js';
import { blockText, paragraphOf, posOf, type Line, type RawBlock } from './lines.js';
import { byLine, epigraphLine, isPartLine, isTitleLike, signatureName } from './patterns.js';

/** What the opening of a story told us. */
export interface FrontResult {
  title?: Line;
  subtitle?: Line;
  byline?: { line: Line; names: string };
  /** Paragraphs before the title or epigraph: the author's notes and disclaimers. */
  notes: Note[];
  epigraph?: Epigraph;
  /** Index of the first block of story text. */
  bodyStart: number;
}

/** How far into a file a title, a by-line or an epigraph is looked for. */
const WINDOW = 10;

/** Classifies an unlabelled note by what it says. */
export function classifyNote(text: string): NoteKind {
  if (/\b(?:disclaim\w*|(?:do|did)\s*(?:n['’]?t|not)\s+own|not\s+mine|property\s+of|infringement|belongs?\s+to|(?:claim|own)\s+(?:any|no)\s+(?:rights|ownership)|rights\s+to\s+the)\b/iu.test(text)) return 'disclaimer';
  if (/\barchiv\w*/iu.test(text)) return 'rights';
  return 'authorsNote';
}

function noteOf(file: string, b: RawBlock): Note {
  const p = paragraphOf(file, b.lines);
  return { kind: classifyNote(blockText(b)), blocks: [p], pos: p.pos };
}

/**
 * Finds the title (with a part line as subtitle and a by-line), the notes
 * before it, and an epigraph, in the blocks from `start` on.
 */
export function readFront(file: string, blocks: RawBlock[], start: number): FrontResult {
  const found = findTitle(blocks, start);
  const res: FrontResult = { notes: [], bodyStart: start };
  let bodyStart = start;
  if (found) {
    Object.assign(res, found.parts);
    res.notes = blocks.slice(start, found.first).map((b) => noteOf(file, b));
    // Lines that share the title's blocks but are none of its parts are kept as a note.
    for (const l of found.extra) res.notes.push({ kind: 'note', blocks: [paragraphOf(file, [l])], pos: posOf(file, l) });
    bodyStart = found.next;
  }
  const limit = found ? bodyStart + 1 : Math.min(blocks.length - 1, start + 4);
  for (let i = bodyStart; i < limit && i < blocks.length; i++) {
    const ep = readEpigraph(file, blocks, i);
    if (!ep) continue;
    if (!found) res.notes = blocks.slice(start, i).map((b) => noteOf(file, b));
    res.epigraph = ep.epigraph;
    bodyStart = ep.next;
    break;
  }
  res.bodyStart = bodyStart;
  return res;
}

interface TitleFound {
  parts: Pick<FrontResult, 'title' | 'subtitle' | 'byline'>;
  /** First block of the title group. */
  first: number;
  /** Block after the title group. */
  next: number;
  extra: Line[];
}

function findTitle(blocks: RawBlock[], start: number): TitleFound | null {
  const end = Math.min(blocks.length - 1, start + WINDOW);
  // Flatten the window's lines with their block index, so "Title / Pt. II / By X"
  // is found whether the author put blank lines between them or not.
  const lines: { l: Line; b: number }[] = [];
  for (let b = start; b < end; b++) for (const l of blocks[b]!.lines) lines.push({ l, b });
  for (let i = 0; i < lines.length; i++) {
    const names = byLine(lines[i]!.l.text);
    if (!names) continue;
    let t = i - 1;
    const sub = t >= 0 && isPartLine(lines[t]!.l.text) ? t-- : -1;
    if (t < 0 || !isTitleLike(lines[t]!.l.text)) {
      // A by-line with no title above it still names the author.
      if (lines[i]!.b - start < 3) return group(blocks, lines, i, i, { byline: { line: lines[i]!.l, names } });
      continue;
    }
    return group(blocks, lines, t, i, { title: lines[t]!.l, subtitle: sub >= 0 ? lines[sub]!.l : undefined, byline: { line: lines[i]!.l, names } });
  }
  for (let i = 1; i < lines.length; i++) {
    if (!isPartLine(lines[i]!.l.text) || !isTitleLike(lines[i - 1]!.l.text)) continue;
    const by = lines[i + 1] && byLine(lines[i + 1]!.l.text);
    const last = by ? i + 1 : i;
    return group(blocks, lines, i - 1, last, { title: lines[i - 1]!.l, subtitle: lines[i]!.l, byline: by ? { line: lines[i + 1]!.l, names: by } : undefined });
  }
  // A lone short line as the very first block, with story text after it, is a title.
  const b0 = blocks[start];
  if (b0 && b0.lines.length === 1 && blocks.length > start + 1 && isTitleLike(b0.lines[0]!.text) && !isPartLine(b0.lines[0]!.text)) {
    return { parts: { title: b0.lines[0]! }, first: start, next: start + 1, extra: [] };
  }
  return null;
}

function group(blocks: RawBlock[], lines: { l: Line; b: number }[], from: number, to: number, parts: TitleFound['parts']): TitleFound {
  const first = lines[from]!.b;
  const next = lines[to]!.b + 1;
  const used = new Set(lines.slice(from, to + 1).map((x) => x.l));
  const extra = blocks.slice(first, next).flatMap((b) => b.lines).filter((l) => !used.has(l));
  return { parts, first, next, extra };
}

/** An epigraph: `"Quote" – Name` on one line, or a quotation block followed by a "– Name" line. */
function readEpigraph(file: string, blocks: RawBlock[], i: number): { epigraph: Epigraph; next: number } | null {
  const b = blocks[i]!;
  const lines = b.lines;
  const one = lines.length === 1 ? epigraphLine(lines[0]!.text) : null;
  if (one) {
    const p = paragraphOf(file, lines, one.quote);
    return { epigraph: { kind: 'epigraph', lines: [p], attribution: [{ kind: 'text', text: one.attribution }], pos: p.pos }, next: i + 1 };
  }
  if (!/^["“'‘]/u.test(lines[0]!.text)) return null;
  const lastInBlock = signatureName(lines[lines.length - 1]!.text);
  if (lastInBlock && lines.length > 1) return make(lines.slice(0, -1), lastInBlock, i + 1);
  const nextBlock = blocks[i + 1];
  const attr = nextBlock && nextBlock.lines.length === 1 ? signatureName(nextBlock.lines[0]!.text) : null;
  return attr ? make(lines, attr, i + 2) : null;

  function make(quote: Line[], attribution: string, next: number) {
    const ps = quote.map((l) => paragraphOf(file, [l]));
    return { epigraph: { kind: 'epigraph' as const, lines: ps, attribution: [{ kind: 'text' as const, text: attribution }], pos: ps[0]!.pos }, next };
  }
}
