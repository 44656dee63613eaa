/**
 * Pure Markdown helpers for the parser: front matter, emphasis, ATX headings
 * and thematic breaks. No I/O and no diagnostics; callers decide what a
 * result means for the story and what to report.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Inline } from '../model.js';

/** One top-level front-matter field, its key and value as the author wrote them. */
export interface FrontField {
  /** The key as written (quotes dropped). */
  key: string;
  /**
   * The value as written: a scalar's own text (`007`, `1e3`, `true`, `~`),
   * quotes dropped and escapes read, a block scalar's lines; a list's items
   * joined with ", "; a mapping as "key: value; key: value", with nested
   * lists and mappings in parentheses. Empty when nothing is written.
   */
  value: string;
  /** When the value is a list: each item's text, as in {@link value}. */
  items?: string[];
  /** 1-based line and column of the key in the original text. */
  line: number;
  column: number;
}

/** The result of {@link splitFrontMatter}. */
export interface FrontMatter {
  /**
   * The mapping's fields in file order, a key given twice once for each time
   * it is given; null when there is none or it could not be read.
   */
  fields: FrontField[] | null;
  /** The text after the front matter (all of it when there is none, or on an error). */
  body: string;
  /** 1-based line of the original text on which `body` starts. */
  bodyLine: number;
  /** Why front matter that was present could not be read, with its line in the original text. */
  error?: string;
}

// Trailing \r is tolerated so that text not yet normalised still works.
const OPEN = /^---[ \t\r]*$/u;
const CLOSE = /^(?:---|\.\.\.)[ \t\r]*$/u;

/**
 * Splits YAML front matter (between a first line `---` and a closing `---`
 * or `...` line) from the body. Never throws.
 *
 * Values are never typed: YAML would read `007` as 7, `1e3` as 1000 and
 * `1.10` as 1.1, so every scalar is kept as the text the author wrote.
 *
 * An opening `---` that nothing closes is not front matter but a rule, so
 * that gives no error. Front matter that is not a mapping (a story that
 * opens with a paragraph between two rules parses as a YAML string) is not
 * front matter either. Empty front matter gives no fields.
 */
export function splitFrontMatter(text: string): FrontMatter {
  const none: FrontMatter = { fields: null, body: text, bodyLine: 1 };
  const lines = text.split('\n');
  if (!OPEN.test(lines[0] ?? '')) return none;
  const close = lines.findIndex((l, i) => i > 0 && CLOSE.test(l));
  if (close < 0) return none;
  const yaml = lines.slice(1, close).join('\n');
  const body = { body: lines.slice(close + 1).join('\n'), bodyLine: close + 2 };
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(yaml, { uniqueKeys: false, prettyErrors: false, lineCounter });
    const err = doc.errors[0];
    if (err) {
      // The YAML starts on line 2 of the file; say where the author must look.
      const line = 2 + (yaml.slice(0, err.pos[0]).match(/\n/gu)?.length ?? 0);
      return { ...none, error: `front matter line ${line}: ${err.message}` };
    }
    // Only a check: it throws on alias bombs, which the text below would expand too.
    doc.toJS({ maxAliasCount: 100 });
    const root = doc.contents;
    if (root === null || (isScalar(root) && root.value === null && !root.source)) return { fields: [], ...body };
    if (!isMap(root)) return none;
    const fields = root.items.map((pair): FrontField => {
      const at = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? (pair.value as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
      const pos = lineCounter.linePos(at);
      const field: FrontField = { key: nodeText(doc, pair.key, 1), value: nodeText(doc, pair.value, 0), line: pos.line + 1, column: pos.col };
      const value = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
      if (isSeq(value)) field.items = value.items.map((item) => nodeText(doc, item, 1));
      return field;
    });
    return { fields, ...body };
  } catch (e) {
    // toJS throws on alias bombs and the like; the contract is never to throw.
    return { ...none, error: `front matter: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * A YAML node's text as written: a scalar's source (its quotes dropped), a
 * list's items joined with ", ", a mapping's "key: value" pairs joined with
 * "; ". Below the top (depth > 0) a list or mapping is put in parentheses.
 */
function nodeText(doc: Document, node: unknown, depth: number): string {
  if (node === null || node === undefined) return '';
  if (isAlias(node)) return nodeText(doc, node.resolve(doc), depth);
  if (isScalar(node)) return node.source ?? (node.value === null || node.value === undefined ? '' : String(node.value));
  if (isPair(node)) {
    const v = nodeText(doc, node.value, depth + 1);
    return v ? `${nodeText(doc, node.key, depth + 1)}: ${v}` : `${nodeText(doc, node.key, depth + 1)}:`;
  }
  let text: string;
  if (isSeq(node)) text = node.items.map((i) => nodeText(doc, i, depth + 1)).join(', ');
  else if (isMap(node)) text = node.items.map((p) => nodeText(doc, p, depth)).join('; ');
  else return String(node);
  return depth > 0 ? `(${text})` : text;
}

/**
 * Parses Markdown emphasis in one paragraph's text: `*em*`, `_em_`,
 * `**strong**`, `__strong__`, `***both***` and nestings, with backslash
 * escapes of ASCII punctuation. Follows CommonMark's delimiter-run rules,
 * except that `*` must stand at a word boundary like `_` does, so `2*3*4`
 * stays arithmetic. Markers that find no partner stay as literal text;
 * nothing else (links, HTML) is interpreted. Adjacent text nodes are merged,
 * and where strong and em wrap the same text, strong is the outer one.
 */
export function parseInlines(text: string): Inline[] {
  const { head, first } = tokenize(text);
  matchDelimiters(first);
  const items: Item[] = [];
  for (let l = head.next; l; l = l.next) items.push(l.item);
  return capDepth(finish(items), 0);
}

/** How deep emphasis may nest. Deeper markers come from noise, not style, and would overflow every recursive reader of the tree. */
const MAX_DEPTH = 8;

/** Keeps emphasis to {@link MAX_DEPTH} levels; anything deeper keeps its text, without the emphasis. */
function capDepth(xs: Inline[], depth: number): Inline[] {
  return xs.flatMap((x): Inline[] => {
    if (x.kind === 'text') return [x];
    if (depth < MAX_DEPTH) return [{ ...x, children: capDepth(x.children, depth + 1) }];
    // Walked with an explicit stack: the tree below may be thousands of levels deep.
    let text = '';
    const stack: Inline[] = [x];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.kind === 'text') text += n.text;
      else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    return [{ kind: 'text', text }];
  });
}

// Items and delimiters live in linked lists, as in the CommonMark reference
// implementation, so that wrapping and removing stay linear on long input.
interface Link { item: Item; prev: Link | null; next: Link | null }
interface Delim {
  kind: 'delim';
  char: '*' | '_';
  /** Markers still unused. */
  count: number;
  /** Length of the run as written (for the rule of three). */
  length: number;
  canOpen: boolean; canClose: boolean;
  /** Where the run stands among the items. */
  at: Link;
  /** Neighbours in the delimiter list (CommonMark's "delimiter stack"). */
  prev: Delim | null; next: Delim | null;
}
type Item = Inline | Delim;

const ASCII_PUNCT = /[!-/:-@[-`{-~]/u;
const SPACE = /\s/u;
const PUNCT = /[\p{P}\p{S}]/u;

function tokenize(text: string): { head: Link; first: Delim | null } {
  const head: Link = { item: { kind: 'text', text: '' }, prev: null, next: null };
  let tail = head;
  const push = (item: Item): Link => (tail = tail.next = { item, prev: tail, next: null });
  let first: Delim | null = null;
  let last: Delim | null = null;
  let plain = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && ASCII_PUNCT.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
    } else if (c === '*' || c === '_') {
      let j = i;
      while (text[j] === c) j++;
      // Outside the text counts as white space, as in CommonMark. Whole code
      // points, so an emoji next to a marker counts as the symbol it is.
      const before = i > 0 ? /[^]$/u.exec(text.slice(Math.max(0, i - 2), i))![0] : ' ';
      const after = j < text.length ? String.fromCodePoint(text.codePointAt(j)!) : ' ';
      const left = !SPACE.test(after) && (!PUNCT.test(after) || SPACE.test(before) || PUNCT.test(before));
      const right = !SPACE.test(before) && (!PUNCT.test(before) || SPACE.test(after) || PUNCT.test(after));
      if (plain) push({ kind: 'text', text: plain });
      plain = '';
      const d: Delim = {
        kind: 'delim', char: c, count: j - i, length: j - i,
        // CommonMark's rule for `_`, used for both: no emphasis inside a word.
        canOpen: left && (!right || PUNCT.test(before)),
        canClose: right && (!left || PUNCT.test(after)),
        at: tail, prev: last, next: null,
      };
      d.at = push(d);
      if (last) last.next = d;
      else first = d;
      last = d;
      i = j;
    } else {
      plain += c;
      i++;
    }
  }
  if (plain) push({ kind: 'text', text: plain });
  return { head, first };
}

/** CommonMark's "process emphasis": pairs each closer with the nearest fitting opener. */
function matchDelimiters(first: Delim | null): void {
  // Per kind of closer, the delimiter at or below which no opener fits (an optimisation only).
  const floor = new Map<string, Delim | null>();
  for (let closer = first; closer; ) {
    if (!closer.canClose) { closer = closer.next; continue; }
    const key = `${closer.char}${closer.canOpen}${closer.length % 3}`;
    const bottom = floor.get(key) ?? null;
    let opener = closer.prev;
    while (opener && opener !== bottom && !fits(opener, closer)) opener = opener.prev;
    if (!opener || opener === bottom) {
      floor.set(key, closer.prev);
      const next = closer.next;
      if (!closer.canOpen) unlist(closer); // its markers stay as literal text
      closer = next;
      continue;
    }
    const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
    const inner: Item[] = [];
    for (let l = opener.at.next!; l !== closer.at; l = l.next!) inner.push(l.item);
    const wrap: Link = { item: { kind: use === 2 ? 'strong' : 'em', children: finish(inner) }, prev: opener.at, next: closer.at };
    opener.at.next = closer.at.prev = wrap;
    opener.next = closer; // delimiters inside are literal now
    closer.prev = opener;
    opener.count -= use;
    closer.count -= use;
    if (opener.count === 0) remove(opener);
    if (closer.count === 0) {
      const next = closer.next;
      remove(closer);
      closer = next;
    }
  }
}

/** Whether `o` can open for `c`, with CommonMark's "rule of three" for runs that can both open and close. */
function fits(o: Delim, c: Delim): boolean {
  const ruleOf3 = (o.canClose || c.canOpen) && (o.length + c.length) % 3 === 0 && (o.length % 3 !== 0 || c.length % 3 !== 0);
  return o.char === c.char && o.canOpen && !ruleOf3;
}

function unlist(d: Delim): void {
  if (d.prev) d.prev.next = d.next;
  if (d.next) d.next.prev = d.prev;
}

function remove(d: Delim): void {
  unlist(d);
  d.at.prev!.next = d.at.next;
  if (d.at.next) d.at.next.prev = d.at.prev;
}

/** Turns leftover markers into text, merges adjacent text, and puts strong outside em. */
function finish(items: Item[]): Inline[] {
  const out: Inline[] = [];
  for (const item of items) {
    let node: Inline = item.kind === 'delim' ? { kind: 'text', text: item.char.repeat(item.count) } : item;
    const only = node.kind === 'em' && node.children.length === 1 ? node.children[0]! : undefined;
    if (only?.kind === 'strong') node = { kind: 'strong', children: [{ kind: 'em', children: only.children }] };
    const last = out[out.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + node.text };
    else if (node.kind !== 'text' || node.text) out.push(node);
  }
  return out;
}

/**
 * An ATX heading (`# Title` to `###### Title`, up to three spaces of indent,
 * optional closing `#`s), or null. `#hashtag` is not a heading: the marks
 * must be followed by a space or the end of the line.
 */
export function headingLevel(line: string): { level: number; text: string } | null {
  const m = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/u.exec(line.replace(/[ \t\r]+$/u, ''));
  if (!m) return null;
  // A closing sequence needs a space before it, so "C#" keeps its mark.
  const text = (m[2] ?? '').replace(/(?:^|[ \t]+)#+$/u, '').trim();
  return { level: m[1]!.length, text };
}

/** A thematic break: three or more of the same `-`, `*` or `_`, spaces allowed between. */
export function isThematicBreak(line: string): boolean {
  return /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t\r]*$/u.test(line);
}
