import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { Messages } from '../diagnostics/index.js';
import { configSchema, storyEntrySchema, type AnthologyConfig } from './schema.js';
import { aliasProblem, decodeConfig, MAX_ALIASES, yamlProblem } from './yaml-problems.js';

export { decodeConfig } from './yaml-problems.js';

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
