import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import type { Messages } from '../diagnostics/index.js';
import { configSchema, storyEntrySchema, type AnthologyConfig } from './schema.js';

export { type AnthologyConfig, type StoryEntry, ORDER_KEYS, PAGE_PRESETS, NOTE_KINDS } from './schema.js';

/**
 * Reads and validates an anthology.yaml against the schema. Every problem is
 * a `config/invalid` error naming the key path and its line; returns null
 * when the file is unusable. Keys such as `__proto__` are plain unknown keys:
 * the YAML is turned into data without touching any prototype.
 */
export async function loadConfig(path: string, shown: string, messages: Messages): Promise<AnthologyConfig | null> {
  return (await readConfig(path, shown, messages))?.config ?? null;
}

/** How many times aliases may repeat values: far more than an editor writes, far fewer than a bomb. */
const MAX_ALIASES = 100;

/** Where a `stories:` entry starts in anthology.yaml. */
export interface EntryPlace {
  line: number;
  column: number;
}

/** {@link loadConfig}, where each `stories:` entry starts and where `cover:`'s value is, for messages about them. */
export async function readConfig(path: string, shown: string, messages: Messages): Promise<{ config: AnthologyConfig; entries: EntryPlace[]; cover?: EntryPlace } | null> {
  const decoded = decodeConfig(await readFile(path));
  if (typeof decoded !== 'string') {
    messages.add('config/invalid', `${shown} is not UTF-8 text (line ${decoded.line}): save it as UTF-8`, { file: shown, line: decoded.line });
    return null;
  }
  const text = decoded;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined) => (offset === undefined ? {} : { line: lc.linePos(offset).line, column: lc.linePos(offset).col });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const { message, offset } = yamlProblem(e, doc, lc);
      messages.add('config/invalid', message, { file: shown, ...at(offset) });
    }
    return null;
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    messages.add('config/invalid', 'anthology.yaml must be a mapping of keys to values', { file: shown, ...at(doc.contents.range?.[0]) });
    return null;
  }
  let data: unknown;
  try {
    // toJS copies keys as own properties, so "__proto__" never reaches a prototype.
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (e) {
    const { message, alias } = aliasProblem((e as Error).message, doc);
    messages.add('config/invalid', message, { file: shown, ...at(alias) });
    return null;
  }
  const parsed = configSchema.safeParse(data);
  if (parsed.success) {
    const list = doc.get('stories', true);
    const entries = isSeq(list) ? list.items.map((n) => at((n as { range?: [number, number, number] } | null)?.range?.[0]) as EntryPlace) : [];
    const cover = at(offsetOf(doc, ['cover'])) as Partial<EntryPlace>;
    return { config: parsed.data, entries, ...(cover.line !== undefined ? { cover: cover as EntryPlace } : {}) };
  }
  for (const issue of flatten(parsed.error.issues, [])) {
    const path = issue.path;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      const full = key === undefined ? path : [...path, key];
      const msg = key === undefined ? (notText(issue, doc.getIn(path, true)) ?? explain(issue)) : unknownKey(key, path);
      messages.add('config/invalid', `${pathText(full)}: ${msg}`, { file: shown, ...at(offsetOf(doc, path, key)) });
    }
  }
  return null;
}

/**
 * anthology.yaml's bytes as text: UTF-8 (a BOM dropped), or UTF-16 with a
 * BOM, which YAML allows and Windows Notepad writes. Any other bytes are
 * refused with where the first bad one is: read leniently they would put
 * U+FFFD into the book's title or an author's name, and metadata is never
 * changed without a word (a story file falls back to Windows-1252 with a
 * warning; the editor's own settings file is theirs to save again).
 */
export function decodeConfig(bytes: Uint8Array): string | { line: number } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(bytes);
  } catch {
    // Line by line: a UTF-8 sequence never holds 0x0A, so the first line that fails holds the bad byte.
    let line = 1;
    for (let start = 0; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      try {
        utf8.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
      } catch {
        return { line };
      }
      if (end < 0) return { line };
      start = end + 1;
    }
  }
}

/**
 * A YAML syntax error in the editor's words where the yaml package's are
 * not theirs: "Map keys must be unique" does not say which key, for a
 * second document it advises calling `YAML.parseAllDocuments()`, and an
 * unclosed quote is placed at the end of the file rather than where it opens.
 */
function yamlProblem(e: YAMLError, doc: Document, lc: LineCounter): { message: string; offset: number } {
  const yamls = { message: e.message.split('\n')[0]!, offset: e.pos[0] };
  if (e.code === 'MULTIPLE_DOCS') return { message: 'a second YAML document starts here (after a "---" line): anthology.yaml holds one', offset: e.pos[0] };
  let found: { message: string; offset: number } | undefined;
  if (e.code === 'DUPLICATE_KEY') {
    visit(doc, {
      Map(_, map) {
        const at = map.items.findIndex((p) => isScalar(p.key) && p.key.range?.[0] === e.pos[0]);
        if (at < 0) return undefined;
        const key = (map.items[at]!.key as { value: unknown }).value;
        const first = map.items.find((p) => isScalar(p.key) && p.key.value === key)!.key as { range?: [number, number, number] };
        found = { message: `${String(key)}: given twice (first on line ${lc.linePos(first.range?.[0] ?? 0).line}): keep one`, offset: e.pos[0] };
        return visit.BREAK;
      },
    });
  }
  // An unclosed quote is found where the file ends, which may be far from where it was opened.
  if (e.code === 'MISSING_CHAR' && /quote/u.test(e.message)) {
    visit(doc, {
      Scalar(_, node) {
        if (!node.type?.startsWith('QUOTE') || node.range?.[1] !== e.pos[0]) return undefined;
        found = { message: `${yamls.message}: the quote opened here runs on to the end of the file`, offset: node.range[0] };
        return visit.BREAK;
      },
    });
  }
  return found ?? yamls;
}

/**
 * The yaml package refuses to expand an alias whose anchor is not set, or
 * aliases that would repeat values past a limit (the "billion laughs"
 * bomb, which would otherwise take the machine's memory), with a message
 * and no place. Says it in the editor's words, at the alias concerned: the
 * unset one, or the first.
 */
function aliasProblem(message: string, doc: Document): { message: string; alias?: number } {
  const unset = /^Unresolved alias.*: (.+)$/u.exec(message)?.[1];
  let first: { source: string; at?: number } | undefined;
  visit(doc, {
    Alias(_, node) {
      if (unset !== undefined && node.source !== unset) return undefined;
      first = { source: node.source, ...(node.range ? { at: node.range[0] } : {}) };
      return visit.BREAK;
    },
  });
  const text = first && /^Excessive alias count/u.test(message) ? `aliases (*${first.source}) repeat values more than ${MAX_ALIASES} times: write the values out` : message;
  return { message: text, ...(first?.at !== undefined ? { alias: first.at } : {}) };
}

type Issue = z.core.$ZodIssue;
type Flat = Issue & { path: (string | number)[] };

/**
 * Zod reports a failed union ("a file name, or a mapping") as one vague
 * issue; the editor needs the branch they were writing: the one that got
 * furthest into the value.
 */
function flatten(issues: readonly Issue[], prefix: (string | number)[]): Flat[] {
  return issues.flatMap((i) => {
    const path = [...prefix, ...i.path.filter((p): p is string | number => typeof p !== 'symbol')];
    if (i.code !== 'invalid_union' || !i.errors.length) return [{ ...i, path } as Flat];
    const depth = (xs: readonly Issue[]) => Math.max(...xs.map((x) => x.path.length + (x.code === 'invalid_type' ? 0 : 0.5)));
    const best = [...i.errors].sort((a, b) => depth(b) - depth(a))[0]!;
    return flatten(best, path);
  });
}

/**
 * Why a value the editor wrote as text is not text to YAML: `title: 1984`
 * is a number, `series: true` a boolean, `editor:` or `~` nothing. "must be
 * text" alone puzzles an editor who wrote text; the fix is quotes.
 */
function notText(i: Issue, node: unknown): string | undefined {
  if (i.code !== 'invalid_type' || i.expected !== 'string' || !isScalar(node)) return undefined;
  if (node.value === null) return 'has no value';
  const kind = typeof node.value === 'number' ? 'a number' : typeof node.value === 'boolean' ? 'true or false' : undefined;
  return kind && node.source !== undefined ? `must be text: put it in quotes (${JSON.stringify(String(node.source))}), or YAML reads it as ${kind}` : undefined;
}

const KINDS: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', array: 'a list', object: 'a mapping', boolean: 'true or false' };

/** A zod issue in an editor's words. */
function explain(i: Issue): string {
  if (i.code === 'invalid_value') return `must be one of ${i.values.map(String).join(', ')}`;
  // zod says only "received undefined" of a key that is not there at all.
  if (i.code === 'invalid_type') return / received undefined$/u.test(i.message) ? `is required (${KINDS[i.expected] ?? i.expected})` : `must be ${KINDS[i.expected] ?? i.expected}`;
  if (i.code === 'too_small' && i.origin === 'number') return `must be ${i.inclusive ? 'at least' : 'more than'} ${String(i.minimum)}`;
  return i.message;
}

/**
 * "unknown key", with the key the editor most likely meant (a typo, a
 * transposition, another case, `author` for `authors`) or, when none is
 * close, the keys allowed there: "unknown key" alone sends them to the
 * README to find what they misspelt.
 */
function unknownKey(key: string, path: (string | number)[]): string {
  // Only two mappings are checked for unknown keys: the file, and a `stories:` entry.
  const known = Object.keys((path[0] === 'stories' ? storyEntrySchema : configSchema).shape);
  const meant = closestKey(key, known);
  return meant ? `unknown key (did you mean ${JSON.stringify(meant)}?)` : `unknown key (the keys are ${known.join(', ')})`;
}

/** The known key nearest to `key` (case ignored), if it is a likely slip: one edit for a short key, two for a long one. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: { key: string; d: number } | undefined;
  for (const c of known) {
    const d = editDistance(k, c.toLowerCase());
    if (d <= (Math.min(k.length, c.length) >= 6 ? 2 : 1) && (!best || d < best.d)) best = { key: c, d };
  }
  return best?.key;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}

/** `stories[0].title`, the way an editor reads a key path. */
function pathText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('') || '(file)';
}

/** Where in the file a key path (or a key of the mapping at that path) stands. */
function offsetOf(doc: Document, path: (string | number)[], key?: string): number | undefined {
  // A missing key has no place of its own: point at the nearest enclosing value that exists.
  let node = path.length ? doc.getIn(path, true) : doc.contents;
  for (let n = path.length - 1; node === undefined && n >= 0; n--) node = n ? doc.getIn(path.slice(0, n), true) : doc.contents;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    return (pair?.key as { range?: [number, number, number] } | null)?.range?.[0];
  }
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}
