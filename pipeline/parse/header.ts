import type { Note, NoteKind } from '../model.js';
import { paragraphOf, posOf, type Line, type RawBlock } from './lines.js';

/** What a header key means. */
type KeyRole = { note: NoteKind } | { meta: 'title' | 'authors' };

/**
 * Header keys in their common spellings (compared case-insensitively, with
 * apostrophes and spaces folded). Keys not listed are story text.
 */
const KEYS: Record<string, KeyRole> = {
  disclaimer: { note: 'disclaimer' },
  authorsnote: { note: 'authorsNote' },
  authorsnotes: { note: 'authorsNote' },
  authornote: { note: 'authorsNote' },
  authornotes: { note: 'authorsNote' },
  an: { note: 'authorsNote' },
  notes: { note: 'authorsNote' },
  note: { note: 'authorsNote' },
  archiving: { note: 'rights' },
  archive: { note: 'rights' },
  series: { note: 'series' },
  summary: { note: 'summary' },
  rating: { note: 'note' },
  warnings: { note: 'note' },
  warning: { note: 'note' },
  feedback: { note: 'note' },
  beta: { note: 'note' },
  spoilers: { note: 'note' },
  title: { meta: 'title' },
  author: { meta: 'authors' },
  authors: { meta: 'authors' },
};

const KEY_LINE = /^([A-Za-z][A-Za-z'’/ ]{0,24}?)\s*:\s*(.*)$/u;

/** A parsed `Key: value` header line, values that ran over several lines joined. */
export interface HeaderEntry {
  key: string;
  role: KeyRole;
  value: string;
  lines: Line[];
}

/** Recognises a header line; returns its key as written and its role. */
export function headerKey(s: string): { key: string; role: KeyRole; value: string } | null {
  const m = KEY_LINE.exec(s);
  if (!m) return null;
  const folded = m[1]!.toLowerCase().replace(/['’/\s]/gu, '');
  const role = Object.hasOwn(KEYS, folded) ? KEYS[folded] : undefined;
  return role ? { key: m[1]!.trim(), role, value: m[2]!.trim() } : null;
}

/**
 * Reads the header blocks at the start: blocks whose first line is a known
 * `Key: value`. A line without a key continues the previous value.
 * Returns the entries and how many blocks they used.
 */
export function readHeader(blocks: RawBlock[]): { entries: HeaderEntry[]; used: number } {
  const entries: HeaderEntry[] = [];
  let used = 0;
  for (const b of blocks) {
    if (!headerKey(b.lines[0]!.text)) break;
    for (const l of b.lines) {
      const k = headerKey(l.text);
      if (k) entries.push({ ...k, lines: [l] });
      else {
        const last = entries[entries.length - 1]!;
        last.value = last.value ? `${last.value} ${l.text}` : l.text;
        last.lines.push(l);
      }
    }
    used++;
  }
  return { entries, used };
}

/** A header entry that is a note becomes a Note keeping the author's label. */
export function headerNote(file: string, e: HeaderEntry, kind: NoteKind): Note {
  const first = e.lines[0]!;
  // The value starts after the key on the first line; keep its column right for messages.
  const offset = first.text.indexOf(':') + 1;
  const lead = first.text.slice(offset).length - first.text.slice(offset).trimStart().length;
  const para = paragraphOf(file, e.lines, e.value);
  para.pos = { ...para.pos, column: first.column + offset + lead };
  return { kind, label: e.key, blocks: [para], pos: posOf(file, first) };
}
