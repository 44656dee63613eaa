import type { Epigraph } from '../model.js';
import { paragraphOf, type Line, type RawBlock } from './lines.js';
import { headerKey } from './header.js';
import { isPartLine } from './headings.js';
import { byLine } from './names.js';
import { dashAttribution, epigraphLine, isTitleAboveByLine, isTitleLike, OPENS_QUOTE, titleByAuthor } from './patterns.js';

/** The lines that name the story. */
export interface TitleParts {
  title?: Line;
  subtitle?: Line;
  byline?: { line: Line; names: string };
}

/** A title group found, with the blocks before it (notes) and after it (the rest). */
export interface TitleFound {
  parts: TitleParts;
  before: RawBlock[];
  after: RawBlock[];
}

interface Flat {
  l: Line;
  b: number;
  i: number;
}

/**
 * Finds the title group in the first `limit` blocks: a title with a by-line
 * (a part line may stand between), a title with a part line, "Title by
 * Author" on one line, or a lone short first line. Works on lines, not
 * blocks, so it is found whether or not the author put blank lines between.
 */
export function findTitle(blocks: RawBlock[], limit: number): TitleFound | null {
  const lines: Flat[] = [];
  for (let b = 0; b < Math.min(limit, blocks.length); b++) blocks[b]!.lines.forEach((l, i) => lines.push({ l, b, i }));
  // The story needs at least one line after its title group.
  if (limit >= blocks.length) lines.pop();
  for (let k = 0; k < lines.length; k++) {
    const names = byLine(lines[k]!.l.text);
    if (!names) continue;
    let t = k - 1;
    const sub = t >= 0 && isPartLine(lines[t]!.l.text) ? t-- : -1;
    const byline = { line: lines[k]!.l, names };
    // Inside a block of `Key: value` lines, "Author:" is a header field, read with the others.
    if (headerKey(lines[k]!.l.text) && ((t >= 0 && headerKey(lines[t]!.l.text)) || (lines[k + 1] && headerKey(lines[k + 1]!.l.text)))) continue;
    // Under a lone title line, a quotation and "by Name" are an epigraph and its source: the name is the quoted writer's, not this story's author.
    if (t >= 0 && lines[t]!.b > 0 && loneTitle(blocks[0]!) && quotationEndsAt(blocks[lines[t]!.b]!, lines[t]!.l)) continue;
    if (t >= 0 && isTitleAboveByLine(lines[t]!.l.text) && !headerKey(lines[t]!.l.text)) return split(blocks, lines, t, k, { title: lines[t]!.l, subtitle: sub >= 0 ? lines[sub]!.l : undefined, byline });
    // A by-line with no title above it still names the author.
    if (lines[k]!.b < 3) return split(blocks, lines, k, k, { byline });
  }
  for (let k = 1; k < lines.length; k++) {
    if (!isPartLine(lines[k]!.l.text) || !isTitleLike(lines[k - 1]!.l.text)) continue;
    const names = lines[k + 1] ? byLine(lines[k + 1]!.l.text) : null;
    const byline = names ? { line: lines[k + 1]!.l, names } : undefined;
    return split(blocks, lines, k - 1, byline ? k + 1 : k, { title: lines[k - 1]!.l, subtitle: lines[k]!.l, byline });
  }
  const b0 = blocks[0];
  if (b0 && b0.lines.length === 1 && blocks.length > 1) {
    const only = b0.lines[0]!;
    const tba = titleByAuthor(only.text);
    // "Title by Author" on one line: both parts keep the line's position.
    if (tba) return { parts: { title: { ...only, text: tba.title }, byline: { line: only, names: tba.names } }, before: [], after: blocks.slice(1) };
    // A lone `Title: …` line (header lines with blank lines between) is a header field, read with the others, not a title with its key.
    if (isTitleLike(only.text) && !isPartLine(only.text) && !headerKey(only.text)) return { parts: { title: only }, before: [], after: blocks.slice(1) };
  }
  return null;
}

/** A first block that is one short title-like line, as a story's title stands alone. */
function loneTitle(b: RawBlock): boolean {
  const only = b.lines[0]!.text;
  return b.lines.length === 1 && isTitleLike(only) && !isPartLine(only) && !headerKey(only);
}

/** Whether `line` closes a quotation that opens its block (`"…` to `…"`). */
function quotationEndsAt(b: RawBlock, line: Line): boolean {
  return OPENS_QUOTE.test(b.lines[0]!.text) && /["”'’]$/u.test(line.text);
}

/** Splits the blocks around the title group's lines [from, to]; lines of its blocks outside the group stay on their side. */
function split(blocks: RawBlock[], lines: Flat[], from: number, to: number, parts: TitleParts): TitleFound {
  const a = lines[from]!;
  const z = lines[to]!;
  const used = new Set(lines.slice(from, to + 1).map((x) => x.l));
  for (const p of [parts.title, parts.subtitle, parts.byline?.line]) if (p) used.delete(p);
  const before = blocks.slice(0, a.b);
  const lead = blocks[a.b]!.lines.slice(0, a.i);
  // Lines inside the group that are none of its parts are notes, like what stands before it.
  const extra = [...lead, ...used];
  if (extra.length) before.push({ lines: extra, gap: blocks[a.b]!.gap });
  const after = blocks.slice(z.b + 1);
  const tail = blocks[z.b]!.lines.slice(z.i + 1);
  if (tail.length) after.unshift({ lines: tail, gap: 1 });
  return { parts, before, after };
}

/** An epigraph within the first `limit` blocks: `"Quote" – Name`, or a quotation and then a "– Name" line. */
export function findEpigraph(file: string, blocks: RawBlock[], limit: number): { epigraph: Epigraph; index: number; next: number } | null {
  for (let i = 0; i < Math.min(limit, blocks.length - 1); i++) {
    const ep = readEpigraph(file, blocks, i);
    if (ep) return { ...ep, index: i };
  }
  return null;
}

function readEpigraph(file: string, blocks: RawBlock[], i: number): { epigraph: Epigraph; next: number } | null {
  const lines = blocks[i]!.lines;
  const one = lines.length === 1 ? epigraphLine(lines[0]!.text) : null;
  if (one) return make([paragraphOf(file, lines, one.quote)], one.attribution, i + 1);
  if (!OPENS_QUOTE.test(lines[0]!.text)) return null;
  const lastInBlock = sourceLine(lines[lines.length - 1]!.text);
  if (lastInBlock && lines.length > 1) return make(lines.slice(0, -1).map((l) => paragraphOf(file, [l])), lastInBlock.text, i + 1, lastInBlock.undashed);
  const nextBlock = blocks[i + 1];
  const attr = nextBlock && nextBlock.lines.length === 1 ? sourceLine(nextBlock.lines[0]!.text) : null;
  return attr ? make(lines.map((l) => paragraphOf(file, [l])), attr.text, i + 2, attr.undashed) : null;
}

/**
 * The line under a quotation that says where it is from: "– Name", "by Name",
 * or a quoted title and then a dash or "by" (`"Salt" – a poem by Name`,
 * `"Salt" by Name`). Returns it as written, without a leading dash, and
 * whether it had none (the books then add none: see `Epigraph.undashed`).
 */
function sourceLine(s: string): { text: string; undashed: boolean } | null {
  const dash = dashAttribution(s);
  if (dash) return { text: dash, undashed: false };
  if (byLine(s)) return { text: s.trim(), undashed: true };
  const m = /^["“'‘][^"“”]{1,60}["”'’],?\s*(?:([-–—~]+\s*\S.*)|by\s+(\S.*))$/iu.exec(s);
  return m && (m[1] ? dashAttribution(m[1]) : byLine(`by ${m[2]}`)) ? { text: s.trim(), undashed: true } : null;
}

function make(ps: ReturnType<typeof paragraphOf>[], attribution: string, next: number, undashed = false): { epigraph: Epigraph; next: number } {
  const epigraph: Epigraph = { kind: 'epigraph', lines: ps, attribution: [{ kind: 'text', text: attribution }], pos: ps[0]!.pos };
  if (undashed) epigraph.undashed = true;
  return { epigraph, next };
}
