import type { Detail, Epigraph, Note, NoteKind, RemovedLine } from '../model.js';
import { plainText } from '../shared/inline.js';
import { paragraphOf, posOf, type Line, type RawBlock } from './lines.js';
import { headerKey, headerNote, readHeader, type HeaderEntry } from './header.js';
import { findEpigraph, findTitle, type TitleParts } from './title.js';
import { isChapterHeading } from './headings.js';
import { ABOUT, postedOriginally, sectionHeading } from './patterns.js';

/** What the opening of a story told us. */
export interface FrontResult extends TitleParts {
  /** `Title:`, `Author:` and descriptive `Key: value` entries, in file order. */
  entries: HeaderEntry[];
  /** The author's notes before the story, in file order. */
  notes: Note[];
  details: Detail[];
  epigraph?: Epigraph;
  removed: RemovedLine[];
  /** The blocks of story text and what follows it. */
  body: RawBlock[];
}

/** How far into a file the title and its notes are looked for. */
const WINDOW = 40;

/** Classifies an unlabelled note by what it says. */
export function classifyNote(text: string): NoteKind {
  if (/\b(?:disclaim\w*|(?:do|did)\s*(?:n['’]?t|not)\s+own|not\s+mine|property\s+of|infringement|belongs?\s+to|(?:claim|own)\s+(?:any|no)\s+(?:rights|ownership)|rights\s+to\s+the)\b/iu.test(text)) return 'disclaimer';
  if (/\barchiv\w*/iu.test(text)) return 'rights';
  return 'authorsNote';
}

/**
 * Reads the front of a story — header lines, title, part line, by-line,
 * notes, summary and epigraph — and returns the blocks that follow as the body.
 */
export function readFront(file: string, blocks: RawBlock[]): FrontResult {
  const res: FrontResult = { entries: [], notes: [], details: [], removed: [], body: blocks };
  const limit = frontLimit(blocks);
  const anchor = findTitle(blocks, limit);
  let body: RawBlock[] = blocks;
  const lead = anchor ? 0 : leadBeforeHeader(blocks);
  if (anchor) {
    Object.assign(res, anchor.parts);
    readNotes(file, anchor.before, res, anchor.parts.title?.text);
    body = anchor.after;
  } else if (lead) {
    // A journal or blog post's own title ("Masterpost: X (Part 2/5)") over the story's header:
    // a plain note, not the author's note a paragraph there would be read as.
    for (const b of blocks.slice(0, lead)) res.notes.push(lineNote(file, b.lines[0]!));
    body = blocks.slice(lead);
  } else {
    const ep = findEpigraph(file, blocks, Math.min(limit, 5));
    if (ep) {
      readNotes(file, blocks.slice(0, ep.index), res);
      res.epigraph = ep.epigraph;
      body = blocks.slice(ep.next);
    }
    // No title and no epigraph: only header lines and notes sections (read below) come before the story.
  }
  // After the title: more header lines, summary and notes sections, then an epigraph.
  let i = 0;
  while (i < body.length - 1) {
    const first = body[i]!.lines[0]!.text;
    if (headerKey(first)) {
      const h = readHeader(body.slice(i));
      takeEntries(file, h.entries, res);
      body = [...body.slice(0, i), ...h.rest];
      continue;
    }
    const sec = sectionHeading(first);
    if (!sec || body[i]!.lines.length > 1) break;
    const n = sectionLength(body, i);
    readNotes(file, body.slice(i, i + n), res);
    i += n;
  }
  body = body.slice(i);
  if (!res.epigraph) {
    const ep = findEpigraph(file, body, 1);
    if (ep) [res.epigraph, body] = [ep.epigraph, body.slice(ep.next)];
  }
  res.body = body;
  return res;
}

/** How many one-line blocks may stand above a header block that names the story. */
const MAX_LEAD = 2;

/**
 * How many one-line blocks stand above a header block that gives a `Title:` or an
 * `Author:` (a post's title, "Masterpost: X (Part 2/5)", a site's name), or 0. The
 * header names the story; the lines above it are kept as notes, never dropped.
 */
function leadBeforeHeader(blocks: RawBlock[]): number {
  for (let n = 1; n <= MAX_LEAD && n < blocks.length - 1; n++) {
    const lead = blocks[n - 1]!;
    if (lead.lines.length !== 1 || headerKey(lead.lines[0]!.text) || lead.lines[0]!.text.split(/\s+/u).length > 12) return 0;
    if (!headerKey(blocks[n]!.lines[0]!.text)) continue;
    return readHeader(blocks.slice(n)).entries.some((e) => 'meta' in e.role && e.value) ? n : 0;
  }
  return 0;
}

/** Blocks that may still be front matter: stops at the first block that reads as story prose. */
function frontLimit(blocks: RawBlock[]): number {
  let i = 0;
  for (; i < Math.min(blocks.length - 1, WINDOW); i++) {
    const b = blocks[i]!;
    const first = b.lines[0]!.text;
    const prose = b.lines.length === 1 && first.split(/\s+/u).length > 12 && !ABOUT.test(first) && !headerKey(first);
    if (prose || isChapterHeading(first)) break;
  }
  return i + 1;
}

/** A section heading ("Summary", "Notes") owns the indented blocks under it, or else the one block after it. */
function sectionLength(blocks: RawBlock[], i: number): number {
  let n = 1;
  while (blocks[i + n] && blocks[i + n]!.lines.every((l) => l.column > 1)) n++;
  if (n === 1 && blocks[i + 1] && i + 2 < blocks.length && !sectionHeading(blocks[i + 1]!.lines[0]!.text)) n = 2;
  return n;
}

/** Turns front blocks into notes, details and meta entries, in file order. */
function readNotes(file: string, blocks: RawBlock[], res: FrontResult, title?: string): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const first = b.lines[0]!;
    if (headerKey(first.text)) {
      const h = readHeader(blocks.slice(i));
      takeEntries(file, h.entries, res);
      const rest = h.rest;
      blocks = [...blocks.slice(0, i), ...rest];
      i--;
      continue;
    }
    const sec = sectionHeading(first.text);
    if (sec && b.lines.length === 1) {
      const n = sectionLength(blocks, i);
      const paras = blocks.slice(i + 1, i + n).map((x) => paragraphOf(file, x.lines));
      if (paras.length) res.notes.push({ kind: sec.kind, label: sec.label, blocks: paras, pos: posOf(file, first) });
      else res.notes.push(lineNote(file, first));
      i += n - 1;
      continue;
    }
    for (const group of splitSpecialLines(b.lines, title)) {
      if (group.kind === 'posted') res.details.push({ key: 'source', label: 'Source', value: group.line.text, pos: posOf(file, group.line) });
      else if (group.kind === 'title') res.removed.push({ text: group.line.text, reason: 'repeated title', pos: posOf(file, group.line) });
      else {
        const p = paragraphOf(file, group.lines);
        res.notes.push({ kind: classifyNote(plainText(p.inlines)), blocks: [p], pos: p.pos });
      }
    }
  }
}

type Special = { kind: 'posted'; line: Line } | { kind: 'title'; line: Line } | { kind: 'text'; lines: Line[] };

/** Picks "Posted originally on … at URL" lines and repeats of the title out of a block. */
function splitSpecialLines(lines: Line[], title?: string): Special[] {
  const out: Special[] = [];
  for (const l of lines) {
    if (postedOriginally(l.text)) out.push({ kind: 'posted', line: l });
    else if (title !== undefined && l.text === title) out.push({ kind: 'title', line: l });
    else {
      const last = out[out.length - 1];
      if (last?.kind === 'text') last.lines.push(l);
      else out.push({ kind: 'text', lines: [l] });
    }
  }
  return out;
}

function lineNote(file: string, l: Line): Note {
  const p = paragraphOf(file, [l]);
  return { kind: 'note', blocks: [p], pos: p.pos };
}

/** Sorts header entries into notes, details and name fields (title, authors). */
export function takeEntries(file: string, entries: HeaderEntry[], res: Pick<FrontResult, 'entries' | 'notes' | 'details'>): void {
  for (const e of entries) {
    const role = e.role;
    if ('note' in role) res.notes.push(headerNote(file, e, role.note));
    else if ('detail' in role) res.details.push({ key: role.detail, label: e.key, value: e.value, pos: posOf(file, e.lines[0]!) });
    else res.entries.push(e);
  }
}
