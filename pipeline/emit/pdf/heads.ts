import type { BlockOptions, Flow } from './flow.js';
import { longestFitting } from '../../shared/longest.js';
import { clusters } from './clusters.js';
import type { Line } from './lines.js';

/** What the running head of a page shows: the story's title, and its author line. */
export interface RunningHead {
  title: string;
  /** Absent for a section of the book's own (the contributors), whose head is its title alone. */
  author?: string;
}

/** Gap between the title and the author on a one-line head. */
const GAP_EM = 2;

/**
 * Draws a page's furniture: the page number at the foot (not on the title
 * page) and the running head (when there is one). Both are artifacts of the
 * tagged PDF: a screen reader skips them. On a mirrored book (6×9) the page
 * number sits at the outer corner, and the verso head shows the author, the
 * recto head the title; otherwise the number is centred and one line shows
 * the title at the left and the author at the right.
 */
export function drawFurniture(flow: Flow, head: RunningHead | null): void {
  if (flow.page === 1) return;
  const { page: geometry } = flow.theme;
  const recto = flow.page % 2 === 1;
  const folio: BlockOptions = { style: flow.styles.folio, align: geometry.mirrored ? (recto ? 'right' : 'left') : 'center' };
  // Every page has its own number: set directly, not kept.
  const folioLine = flow.setter.single(String(flow.page), folio.style, flow.width);
  flow.tags.artifact(() => flow.drawAt(folioLine, folio, flow.left, geometry.height - geometry.folioFromBottom), 'Pagination');
  if (!head) return;
  const style = flow.styles.runningHead;
  const baseline = geometry.headFromTop;
  flow.tags.artifact(() => {
    if (geometry.mirrored || !head.author) {
      const text = geometry.mirrored && !recto ? (head.author ?? head.title) : head.title;
      const o: BlockOptions = { style, align: 'center' };
      flow.drawAt(fitted(flow, text, o, flow.width * 0.8), o, flow.left, baseline);
      return;
    }
    const gap = GAP_EM * style.size;
    // The author line has at least two fifths of the line, and what a short title leaves.
    const title = fitted(flow, head.title, { style, align: 'left' }, flow.width);
    const author = fitted(flow, head.author, { style, align: 'right' }, Math.max(flow.width * 0.4, flow.width - title.width - gap));
    const titleRoom = flow.width - author.width - gap;
    flow.drawAt(fitted(flow, head.title, { style, align: 'left' }, titleRoom), { style, align: 'left' }, flow.left, baseline);
    flow.drawAt(author, { style, align: 'right' }, flow.left, baseline);
  }, 'Pagination');
}

/**
 * One line of `text` no wider than `room`, shortened at a word with an
 * ellipsis when it is too long; its `room` is set to the text width, so
 * that `drawAt` aligns it within the whole block.
 */
function fitted(flow: Flow, text: string, o: BlockOptions, room: number): Line {
  // The same head is set on every page of a story: lay it out once.
  let memo = fittedLines.get(flow);
  if (!memo) fittedLines.set(flow, (memo = new Map()));
  const key = `${o.style.size}|${o.style.face}|${room}|${text}`;
  let line = memo.get(key);
  if (!line) {
    if (memo.size > 64) memo.clear();
    memo.set(key, (line = fit(flow, text, o, room)));
  }
  return line;
}

const fittedLines = new WeakMap<Flow, Map<string, Line>>();

function fit(flow: Flow, text: string, o: BlockOptions, room: number): Line {
  const inset = { right: Math.max(0, flow.width - room) };
  let words = text.split(' ');
  let lines = flow.layout(text, { ...o, ...inset, align: 'left' });
  while (lines.length > 1 && words.length > 1) {
    words = words.slice(0, -1);
    lines = flow.layout(`${words.join(' ').replace(/[\s,.;:—–-]+$/u, '')}…`, { ...o, ...inset, align: 'left' });
  }
  if (lines.length > 1) lines = cutWord(flow, lines[0]!, { ...o, ...inset, align: 'left' });
  const line = lines[0] ?? { words: [], width: 0, room: 0, indent: 0, stretch: 0, hyphenated: false };
  return { ...line, room: flow.width };
}

/**
 * A word too long for the room (a title or a handle without spaces), cut
 * between two of its letters and ended with an ellipsis, as a head cut at a
 * word is: cut where the line ran out, it read as the whole name. `first`
 * is the first line the word was broken into.
 */
function cutWord(flow: Flow, first: Line, o: BlockOptions): Line[] {
  const parts = [...clusters(first.words.map((w) => w.pieces.map((p) => p.text).join('')).join(''))];
  const cut = (n: number): Line[] => flow.layout(`${parts.slice(0, n).join('')}…`, o);
  const n = longestFitting(1, parts.length - 1, (k) => cut(k).length === 1);
  return n > 0 ? cut(n) : [first];
}
