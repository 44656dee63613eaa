import type { Note, NoteKind } from '../model.js';
import { blockText, joinWrapped, paragraphOf, posOf, type Line, type RawBlock } from './lines.js';
import { INVISIBLE_ONLY } from './names.js';
import { detail, foldKey, FOREIGN_KEYS, KEY_LINE, note, type KeyRole } from './labels.js';

/**
 * Header keys in their common spellings, folded (`foldKey`: lower case,
 * letters only: "Author's Note" → "authorsnote"); those of other languages
 * are in `labels.ts`. Keys not listed are story text.
 * Notes keep their paragraphs; details are short fields shown as "Label: value".
 */
const KEYS: Record<string, KeyRole> = {
  disclaimer: note('disclaimer'), disclaimers: note('disclaimer'),
  authorsnote: note('authorsNote'), authorsnotes: note('authorsNote'), authornote: note('authorsNote'), authornotes: note('authorsNote'),
  an: note('authorsNote'), notes: note('authorsNote'), note: note('authorsNote'), dedication: note('note'), prompt: note('note'),
  archiving: note('rights'), archive: note('rights'), archivingpermission: note('rights'), permission: note('rights'), copyright: note('rights'),
  series: note('series'),
  summary: note('summary'), description: note('summary'), blurb: note('summary'),
  title: { meta: 'title' }, storytitle: { meta: 'title' },
  author: { meta: 'authors' }, authors: { meta: 'authors' }, by: { meta: 'authors' }, writtenby: { meta: 'authors' }, pseud: { meta: 'authors' },
  rating: detail('rating'), rated: detail('rating'),
  fandom: detail('fandom'), fandoms: detail('fandom'),
  pairing: detail('relationship'), pairings: detail('relationship'), relationship: detail('relationship'), relationships: detail('relationship'), ship: detail('relationship'),
  character: detail('characters'), characters: detail('characters'),
  category: detail('category'), categories: detail('category'), genre: detail('category'), genres: detail('category'),
  warning: detail('warnings'), warnings: detail('warnings'), archivewarning: detail('warnings'), archivewarnings: detail('warnings'), contentwarning: detail('warnings'), contentwarnings: detail('warnings'), spoilers: detail('warnings'),
  tags: detail('tags'), additionaltags: detail('tags'), freeforms: detail('tags'), keywords: detail('tags'),
  words: detail('words'), wordcount: detail('words'), length: detail('words'),
  chapters: detail('chapters'),
  status: detail('status'), completed: detail('status'),
  published: detail('published'), posted: detail('published'), date: detail('published'), written: detail('published'),
  updated: detail('updated'),
  source: detail('source'), url: detail('source'), link: detail('source'), originallypostedat: detail('source'),
  language: detail('language'),
  beta: detail('beta'), betareader: detail('beta'), betas: detail('beta'), betaedby: detail('beta'),
  feedback: detail('feedback'), reviews: detail('feedback'),
  collections: detail('collections'), collection: detail('collections'), stats: detail('other'),
};

/** Keys whose values are prose and may run on, unindented, over the following lines. */
const PROSE: ReadonlySet<NoteKind> = new Set(['disclaimer', 'authorsNote', 'rights', 'summary', 'note', 'series']);

/** A parsed `Key: value` header line, values that ran over several lines joined. */
export interface HeaderEntry {
  key: string;
  role: KeyRole;
  value: string;
  /** Authors given one by one (a front-matter list): taken as they are, not split again. */
  items?: string[];
  lines: Line[];
}


/** Recognises a header line; returns its key as written and its role. */
export function headerKey(s: string): { key: string; role: KeyRole; value: string } | null {
  const m = KEY_LINE.exec(s);
  if (!m) return null;
  const folded = foldKey(m[1]!);
  const role = Object.hasOwn(KEYS, folded) ? KEYS[folded] : FOREIGN_KEYS.get(folded);
  return role ? { key: m[1]!.trim(), role, value: headerValue(m[2]!) } : null;
}

/** A header value trimmed, or '' when it holds invisible characters only (see INVISIBLE_ONLY). */
export function headerValue(s: string): string {
  return INVISIBLE_ONLY.test(s) ? '' : s.trim();
}

/**
 * Reads the header blocks at the start: blocks whose first line is a known
 * `Key: value`. An indented line continues the previous value (archive
 * downloads put values on the next line, indented); an unindented line
 * continues only a prose value (a disclaimer, a note). Any other line ends
 * the header: it and the rest of its block are returned as a new block.
 */
export function readHeader(blocks: RawBlock[]): { entries: HeaderEntry[]; used: number; rest: RawBlock[] } {
  const entries: HeaderEntry[] = [];
  let used = 0;
  for (const b of blocks) {
    if (!headerKey(b.lines[0]!.text)) break;
    used++;
    for (const [i, l] of b.lines.entries()) {
      const k = headerKey(l.text);
      const last = entries[entries.length - 1];
      // An indented line under an empty key is its value, even if it looks like a key ("Stats:" / "  Published: …").
      const valueOfEmpty = last && !last.value && l.column > 1;
      if (k && !valueOfEmpty) entries.push({ ...k, lines: [l] });
      else if (last && (l.column > 1 || ('note' in last.role && PROSE.has(last.role.note)) || !last.value)) {
        last.value = joinWrapped(last.value, l.text);
        last.lines.push(l);
      } else return { entries, used, rest: [{ lines: b.lines.slice(i), gap: 0 }, ...blocks.slice(used)] };
    }
    // Archive downloads indent a value under its key in the next block: join it.
    while (blocks[used] && entries.length && blocks[used]!.lines.every((l) => l.column > 1) && !entries[entries.length - 1]!.value) {
      const last = entries[entries.length - 1]!;
      last.value = blockText(blocks[used]!);
      last.lines.push(...blocks[used]!.lines);
      used++;
    }
  }
  return { entries, used, rest: blocks.slice(used) };
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
