/**
 * Zero-width characters at the edges of lines. A page copied from the web or
 * a word processor leaves U+200B (zero-width space), U+2060 (word joiner) or
 * U+FEFF (zero-width no-break space) at the start of a line, where they show
 * nothing but hide what the line is: "\u200BTitle: X" is no header line,
 * "\u200B* * *" no scene break, and a line holding only one is no blank line.
 * At a line's edge they join or separate nothing, so they are removed there
 * (and reported, so nothing goes unlisted); inside a line they stay.
 *
 * Direction marks and the (non-)joiners are not among them: at a line's edge
 * they still decide how the text beside them is shown.
 */

/** The characters removed. */
const ZW = new Set(['\u200B', '\u2060', '\uFEFF']);
const ANY_ZW = /[\u200B\u2060\uFEFF]/u;
const BLANK = new Set([' ', '\t', ...ZW]);
/** Where a line ends: a line feed, or a line or paragraph separator (read as line ends too). */
const LINE_ENDS = /(\n|\u2028|\u2029)/u;

/** The text without zero-width characters at its lines' edges, how many were removed, which, and where the first was. */
export interface Stripped {
  text: string;
  count: number;
  /** The characters removed, as `U+XXXX`, in code point order. */
  kinds: string[];
  /** Line and column of the first removed. */
  first?: { line: number; column: number };
}

/**
 * Removes zero-width characters at the start and end of every line (a line
 * also ends at U+2028 and U+2029), keeping the spaces and tabs around them,
 * which indent the line. Line numbers do not change.
 */
export function stripEdgeZeroWidth(text: string): Stripped {
  // Most files have none: one search, no copy.
  if (!ANY_ZW.test(text)) return { text, count: 0, kinds: [] };
  let count = 0;
  let first: Stripped['first'];
  const kinds = new Set<string>();
  // Each line's edges are scanned a character at a time, not matched by a pattern anchored at
  // every line end, which took time growing with the square of a long run of spaces.
  const parts = text.split(LINE_ENDS);
  let line = 1;
  for (let k = 0; k < parts.length; k += 2) {
    const s = parts[k]!;
    let lead = 0;
    while (lead < s.length && BLANK.has(s[lead]!)) lead++;
    let tail = s.length;
    while (tail > lead && BLANK.has(s[tail - 1]!)) tail--;
    const cut = (edge: string): string => {
      const kept = [...edge].filter((c) => !ZW.has(c)).join('');
      if (kept.length === edge.length) return edge;
      for (const c of edge) if (ZW.has(c)) kinds.add(`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
      count += edge.length - kept.length;
      return kept;
    };
    const head = cut(s.slice(0, lead));
    if (!first && head.length < lead) first = { line, column: s.search(ANY_ZW) + 1 };
    const end = cut(s.slice(tail));
    if (!first && end.length < s.length - tail) first = { line, column: tail + s.slice(tail).search(ANY_ZW) + 1 };
    if (head.length < lead || end.length < s.length - tail) parts[k] = head + s.slice(lead, tail) + end;
    if (parts[k + 1] === '\n') line++;
  }
  return count ? { text: parts.join(''), count, kinds: [...kinds].sort(), first } : { text, count: 0, kinds: [] };
}
