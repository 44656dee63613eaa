import { diagnosticsOf, storiesOf, type Report } from '../report/index.js';

/** Bytes as a person reads them: 912 B, 25.4 KB, 3.1 MB. */
export function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The closing table of a build: stories, words, pages, warnings, each output
 * with its size, and the time taken. `warnings`, if the caller counted them
 * already, spares walking the report's messages again.
 */
export function summaryTable(r: Report, ms: number, warnings = countWarnings(r)): string[] {
  // Walked, not made into the report's array: a big book's stories are read back from disk.
  let stories = 0;
  let words = 0;
  for (const s of storiesOf(r)) {
    stories++;
    words += s.words;
  }
  const pages = r.outputs.find((o) => o.pages !== undefined)?.pages;
  const rows: [string, string][] = [
    ['anthology', r.title],
    ['stories', String(stories)],
    ['words', words.toLocaleString('en-US')],
    ...(pages !== undefined ? [['pages', String(pages)] as [string, string]] : []),
    ['warnings', String(warnings)],
    ...r.outputs.map((o): [string, string] => [o.format, `${o.path} (${humanBytes(o.bytes)})`]),
    ['time', `${(ms / 1000).toFixed(2)} s`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`);
}

function countWarnings(r: Report): number {
  let n = 0;
  for (const d of diagnosticsOf(r)) if (d.severity === 'warning') n++;
  return n;
}
