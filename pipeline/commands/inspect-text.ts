import { printable } from '../diagnostics/index.js';
import type { InspectedStory, Where } from './inspect.js';

// Labels are padded to one column so an editor can scan a long listing by eye.
const WIDTH = 14;
const row = (label: string, value: string) => `  ${`${label}:`.padEnd(WIDTH)}${value}`;
const sub = (value: string) => `  ${''.padEnd(WIDTH)}${value}`;
const at = (line: number) => `(line ${line})`;
const from = (w: Where | undefined) => (!w ? '' : 'line' in w ? ` ${at(w.line)}` : ` (${w.source})`);
const quoted = (s: string) => JSON.stringify(s);

/**
 * The human form of one inspected story: a header line with the file and
 * encoding, then one row per thing found, each with the line it came from.
 * Lists (details, notes, chapters, removed lines) get one line per item.
 * Control and bidi override characters are shown escaped (see `printable`).
 */
export function formatInspected(s: InspectedStory): string[] {
  const out = [`${s.file} (${s.encoding})`];
  const t = s.title;
  out.push(row('title', t.text === null ? `untitled, shown as ${quoted(t.display)}${from(t.from)}` : `${t.text}${from(t.from)}`));
  if (s.subtitle) out.push(row('subtitle', `${s.subtitle.text}${from(s.subtitle.from)}`));
  out.push(row('authors', s.authors.names.length ? `${s.authors.names.join('; ')}${from(s.authors.from)}` : 'unknown'));
  if (s.series) {
    const pos = s.series.position === undefined ? '' : ` #${s.series.position}`;
    out.push(row('series', `${s.series.name}${pos}: ${quoted(s.series.statement)}${from(s.series.from)}`));
  }
  if (s.date) out.push(row('date', `${s.date.text}${from(s.date.from)}`));
  list(out, 'details', s.details.map((d) => `${d.label}: ${d.value} ${at(d.line)}`));
  list(out, 'front notes', s.frontNotes.map((n) => `${n.kind}${n.label ? ` "${n.label}"` : ''} ${at(n.line)}`));
  if (s.epigraph) out.push(row('epigraph', at(s.epigraph.line)));
  out.push(row('chapters', String(s.chapters.count)));
  // A one-shot's single chapter has no heading: listing it would say nothing.
  for (const c of s.chapters.list) if (c.heading !== null) out.push(sub(`${c.heading} ${at(c.line)}`));
  out.push(row('scene breaks', String(s.sceneBreaks)));
  list(out, 'end notes', s.endNotes.map((n) => `${n.kind}${n.label ? ` "${n.label}"` : ''} ${at(n.line)}`));
  if (s.signature) out.push(row('signature', `${s.signature.name}${s.signature.date ? `, ${s.signature.date}` : ''} ${at(s.signature.line)}`));
  list(out, 'removed', s.removed.map((r) => `${quoted(r.text)} ${at(r.line)}, ${r.reason}`));
  out.push(row('words', String(s.words)));
  const typo = Object.entries(s.typography).filter(([, n]) => n > 0);
  out.push(row('typography', typo.length ? typo.map(([code, n]) => `${code} ${n}`).join(', ') : 'no changes'));
  // File names and titles are the input's: shown escaped, as diagnostics are.
  return out.map(printable);
}

/** A labelled list: the first item on the label's row, the rest below it; nothing when empty. */
function list(out: string[], label: string, items: string[]): void {
  items.forEach((item, i) => out.push(i === 0 ? row(label, item) : sub(item)));
}
