import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { Messages } from '../diagnostics/index.js';
import type { OrderKey } from '../model.js';

/** A per-story entry of anthology.yaml: the editor's corrections win over detection. */
export interface StoryEntry {
  file: string;
  title?: string;
  authors?: string[];
}

/** The anthology.yaml file, validated. Every key is optional. */
export interface AnthologyConfig {
  title?: string;
  subtitle?: string;
  language?: string;
  editor?: string;
  description?: string;
  publisher?: string;
  /** ISO date used for the book's dates when SOURCE_DATE_EPOCH is not set. */
  date?: string;
  order?: OrderKey;
  stories?: StoryEntry[];
}

const STRING_KEYS = ['title', 'subtitle', 'language', 'editor', 'description', 'publisher', 'date'] as const;
const ORDERS: OrderKey[] = ['manifest', 'title'];
const LANG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u;

/**
 * Reads and validates an anthology.yaml. Problems are `config/invalid`
 * errors naming the key path and line; returns null when the file is unusable.
 */
export async function loadConfig(path: string, shown: string, messages: Messages): Promise<AnthologyConfig | null> {
  const text = await readFile(path, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const fail = (msg: string, node?: YamlNode | null) => {
    const p = node?.range ? lc.linePos(node.range[0]) : undefined;
    messages.add('config/invalid', msg, { file: shown, line: p?.line, column: p?.col });
    return null;
  };
  if (doc.errors.length) return fail(doc.errors[0]!.message.split('\n')[0]!, null);
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) return fail('anthology.yaml must be a mapping of keys to values', doc.contents);
  const cfg: AnthologyConfig = {};
  for (const pair of doc.contents.items as Pair<YamlNode, YamlNode>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value;
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (!isScalar(v) || typeof v.value !== 'string' && !(key === 'date' && v.value instanceof Date)) return fail(`${key}: must be text`, v ?? pair.key);
      const s = v.value instanceof Date ? v.value.toISOString() : (v.value as string);
      if (key === 'language' && !LANG.test(s)) return fail(`language: "${s}" is not a BCP 47 language tag (e.g. en, en-GB, de)`, v);
      if (key === 'date' && Number.isNaN(Date.parse(s))) return fail(`date: "${s}" is not a date (use YYYY-MM-DD)`, v);
      cfg[key as (typeof STRING_KEYS)[number]] = s;
    } else if (key === 'order') {
      if (!isScalar(v) || !ORDERS.includes(v.value as OrderKey)) return fail(`order: must be one of ${ORDERS.join(', ')}`, v ?? pair.key);
      cfg.order = v.value as OrderKey;
    } else if (key === 'stories') {
      const stories = readStories(v, fail);
      if (!stories) return null;
      cfg.stories = stories;
    } else return fail(`${key}: unknown key`, pair.key);
  }
  return cfg;
}

function readStories(v: YamlNode | null, fail: (m: string, n?: YamlNode | null) => null): StoryEntry[] | null {
  if (!isSeq(v)) return fail('stories: must be a list', v);
  const out: StoryEntry[] = [];
  for (const [i, item] of (v.items as YamlNode[]).entries()) {
    if (isScalar(item) && typeof item.value === 'string') {
      out.push({ file: item.value });
      continue;
    }
    if (!isMap(item)) return fail(`stories[${i}]: must be a file name or a mapping with file:`, item);
    const e: Partial<StoryEntry> = {};
    for (const pair of item.items as Pair<YamlNode, YamlNode>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const val = pair.value;
      if ((key === 'file' || key === 'title') && isScalar(val) && typeof val.value === 'string') e[key] = val.value;
      else if (key === 'authors' && isSeq(val) && val.items.every((x) => isScalar(x) && typeof x.value === 'string')) e.authors = val.items.map((x) => String((x as { value: string }).value));
      else if (key === 'authors' && isScalar(val) && typeof val.value === 'string') e.authors = [val.value];
      else return fail(`stories[${i}].${key}: ${['file', 'title', 'authors'].includes(key) ? 'wrong type' : 'unknown key'}`, pair.key);
    }
    if (!e.file) return fail(`stories[${i}].file: required`, item);
    out.push(e as StoryEntry);
  }
  return out;
}
