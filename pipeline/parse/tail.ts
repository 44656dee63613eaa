import type { Note, RemovedLine, Signature } from '../model.js';
import { blockText, paragraphOf, posOf, type RawBlock } from './lines.js';
import { withoutAddresses } from './addresses.js';
import { isChapterHeading } from './headings.js';
import { byLine } from './names.js';
import { isDateLine, isEndMarker, isEndNotesHeading, isNavigationLine, readsAsNote, signatureName as nameOf } from './patterns.js';

/**
 * Removes site navigation lines from the start and the end of the file
 * (never from the middle: there they could be story text, nor a title above
 * a by-line) and lists them.
 */
export function stripNavigation(file: string, blocks: RawBlock[]): { blocks: RawBlock[]; removed: RemovedLine[] } {
  const removed: RemovedLine[] = [];
  const out = blocks.map((b) => ({ ...b, lines: [...b.lines] }));
  const take = (b: RawBlock, at: 'first' | 'last') => {
    const l = at === 'first' ? b.lines.shift()! : b.lines.pop()!;
    removed.push({ text: l.text, reason: 'site navigation', pos: posOf(file, l) });
  };
  while (out.length) {
    const last = out[out.length - 1]!;
    if (!isNavigationLine(last.lines[last.lines.length - 1]!.text)) break;
    take(last, 'last');
    if (!last.lines.length) out.pop();
  }
  while (out.length) {
    const first = out[0]!;
    // A line directly above a by-line is the story's title, whatever it says ("Home", "Back to Index").
    const below = first.lines[1] ?? out[1]?.lines[0];
    if (!isNavigationLine(first.lines[0]!.text) || (below && byLine(below.text))) break;
    take(first, 'first');
    if (!first.lines.length) out.shift();
  }
  removed.sort((a, b) => a.pos.line - b.pos.line);
  return { blocks: out, removed };
}

/** The author's closing: end notes and a signature, and where the story text stops. */
export interface TailResult {
  end: Note[];
  signature?: Signature;
  /** Index after the last block of story text. */
  bodyEnd: number;
  /** The blocks read: the input, its last block split where a dated signature closes it. */
  blocks: RawBlock[];
}

/** Reads the signature and end notes from the end of the blocks (never before `bodyStart`). */
export function readTail(file: string, blocks: RawBlock[], bodyStart: number): TailResult {
  blocks = splitSignature(blocks);
  let n = blocks.length;
  const res: TailResult = { end: [], bodyEnd: n, blocks };
  const lines = (i: number) => blocks[i]?.lines ?? [];
  // Signature: "– Name" then optionally a date, as one block or two.
  const last = lines(n - 1);
  const prev = lines(n - 2);
  if (n - 2 > bodyStart && last.length === 1 && isDateLine(last[0]!.text) && prev.length === 1 && signatureName(prev[0]!.text)) {
    res.signature = { name: signatureName(prev[0]!.text)!, date: last[0]!.text, pos: posOf(file, prev[0]!) };
    n -= 2;
  } else if (n - 1 > bodyStart && last.length === 2 && signatureName(last[0]!.text) && isDateLine(last[1]!.text)) {
    res.signature = { name: signatureName(last[0]!.text)!, date: last[1]!.text, pos: posOf(file, last[0]!) };
    n -= 1;
  } else if (n - 1 > bodyStart && last.length === 1 && signatureName(last[0]!.text)) {
    res.signature = { name: signatureName(last[0]!.text)!, pos: posOf(file, last[0]!) };
    n -= 1;
  }
  // End notes open with a heading in the second half of the story, after its last chapter
  // heading; "A/N: text" opens them only among the last few blocks or after an end marker
  // (elsewhere it is an author's note inside the text). Directly after an end marker
  // ("The End", then "Author's Notes:") either opens them wherever it stands: a drabble's
  // notes may well be longer than the drabble.
  const half = bodyStart + Math.max(1, Math.floor((n - bodyStart) / 2));
  let afterHeading = bodyStart + 1;
  for (let i = bodyStart; i < n; i++) if (lines(i).length === 1 && isChapterHeading(lines(i)[0]!.text)) afterHeading = i + 1;
  const from = Math.max(half, afterHeading);
  for (let i = afterHeading; i < n; i++) {
    const first = lines(i)[0]!;
    const labelled = /^((?:author['’]?s['’]?\s+notes?|a\/n|end\s+notes?))\s*:\s*(\S.*)$/iu.exec(first.text);
    const afterEnd = i > 0 && lines(i - 1).length === 1 && isEndMarker(lines(i - 1)[0]!.text);
    if (i < from && !afterEnd) continue;
    if (!isEndNotesHeading(first.text) && !(labelled && (i >= n - 2 || afterEnd))) continue;
    const paras = blocks.slice(i, n).map((b) => paragraphOf(file, b.lines));
    let label = first.text.replace(/\s*:$/u, '');
    if (labelled) {
      label = labelled[1]!;
      paras[0] = paragraphOf(file, lines(i), blockText(blocks[i]!).slice(first.text.indexOf(labelled[2]!)));
    } else {
      const rest = lines(i).slice(1);
      if (rest.length) paras[0] = paragraphOf(file, rest);
      else paras.shift();
    }
    res.end.push({ kind: 'authorsNote', label, blocks: paras, pos: posOf(file, first) });
    n = i;
    break;
  }
  // What follows an end marker ("The End", "TBC") is the author's, not the story's: end notes,
  // when it reads as a note. Plain story paragraphs after a "The end." stay story.
  if (!res.end.length) {
    for (let i = n - 2; i >= from - 1 && i >= bodyStart; i--) {
      const l = lines(i);
      if (l.length !== 1 || !isEndMarker(l[0]!.text)) continue;
      if (!readsAsNote(lines(i + 1).map((x) => x.text).join(' '))) break;
      const paras = blocks.slice(i + 1, n).map((b) => paragraphOf(file, b.lines));
      res.end.push({ kind: 'authorsNote', blocks: paras, pos: paras[0]!.pos });
      n = i + 1;
      break;
    }
  }
  res.bodyEnd = n;
  return res;
}

/**
 * A signature line's name as written, address and all ("~ Kit (kit@example.com)"
 * gives "Kit (kit@example.com)"): the book shows the line as the author signed
 * it. It is a signature when what is left without the address is a name, so
 * "-- Kit, kit@example.com" is one though "kit@example.com" is no name, and an
 * address does not count against the length of a name. The story's author is
 * taken from it without the address (`takeAddresses`).
 */
function signatureName(s: string): string | null {
  const bare = withoutAddresses(s);
  if (bare === s || /^[-–—~]*$/u.test(bare)) return nameOf(s);
  return nameOf(bare) ? s.replace(/^[-–—~]+\s*/u, '').trim() : null;
}

/** "A/N: …" / "- Jane" / "12 March 2011" with no blank lines: the dated signature becomes a block of its own. */
function splitSignature(blocks: RawBlock[]): RawBlock[] {
  const last = blocks[blocks.length - 1];
  const k = last ? last.lines.length : 0;
  if (k < 3 || !isDateLine(last!.lines[k - 1]!.text) || !signatureName(last!.lines[k - 2]!.text)) return blocks;
  return [...blocks.slice(0, -1), { lines: last!.lines.slice(0, -2), gap: last!.gap }, { lines: last!.lines.slice(-2), gap: 1 }];
}
