import { isScalar, visit, type Document, type LineCounter, type YAMLError } from 'yaml';

/** How many times aliases may repeat values: far more than an editor writes, far fewer than a bomb. */
export const MAX_ALIASES = 100;

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
export function yamlProblem(e: YAMLError, doc: Document, lc: LineCounter): { message: string; offset: number } {
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
export function aliasProblem(message: string, doc: Document): { message: string; alias?: number } {
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
