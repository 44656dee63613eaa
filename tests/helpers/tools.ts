import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';

/**
 * The real validators the tests check books with. A missing tool skips its
 * test on a developer's machine, but in CI (CI set) it fails the test:
 * a validator is never silently skipped there.
 */
export const EPUBCHECK_JAR = '/usr/bin/epubcheck';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

export const available = {
  epubcheck: has('java') && spawnSync('test', ['-e', EPUBCHECK_JAR]).status === 0,
  qpdf: has('qpdf'),
  poppler: has('pdftotext') && has('pdffonts') && has('pdfinfo'),
  calibre: has('ebook-convert') && has('ebook-meta'),
};

/** Whether a test needing `tool` should be skipped: only outside CI. */
export function skipWithout(tool: keyof typeof available): boolean {
  return !available[tool] && !process.env.CI;
}

function run(cmd: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** epubcheck's messages for a book: every line that is an ERROR, FATAL or WARNING. */
export function epubcheck(file: string): { status: number; problems: string[]; output: string } {
  // A quick-starting JVM: the same report, about four times faster for a short run like this.
  const r = run('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', EPUBCHECK_JAR, file]);
  const output = r.stdout + r.stderr;
  const problems = output.split('\n').filter((l) => /^(?:ERROR|FATAL|WARNING)/u.test(l));
  return { status: r.status, problems, output };
}

/** `qpdf --check`: exit status and output. */
export function qpdfCheck(file: string): { status: number; output: string } {
  const r = run('qpdf', ['--check', file]);
  return { status: r.status, output: r.stdout + r.stderr };
}

/** `pdffonts` rows: font name and whether it is embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  const lines = run('pdffonts', [file]).stdout.split('\n').slice(2).filter(Boolean);
  // Columns: name type encoding emb sub uni object ID; the name has no spaces, "emb" is the 4th-from-last-but-two.
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/u);
    return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
  });
}

/** `pdftotext` of a PDF (or of pages `first`..`last`). */
export function pdfText(file: string, first?: number, last?: number): string {
  const args = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), file, '-'];
  return run('pdftotext', args).stdout;
}

/** Number of pages, from `pdfinfo`. */
export function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/u.exec(run('pdfinfo', [file]).stdout)?.[1] ?? 0);
}

/** The text files inside an EPUB, by path. */
export async function epubFiles(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, string>();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir && /\.(?:xhtml|opf|ncx|css|xml)$|mimetype$/u.test(name)) out.set(name, await entry.async('string'));
  return out;
}

/** Readable text of an XHTML document: tags dropped, entities decoded. */
export function xhtmlText(xhtml: string): string {
  return xhtml
    .replace(/<head>[\s\S]*?<\/head>/u, ' ')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/&#x([0-9a-f]+);/giu, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/gu, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#39;|&apos;/gu, "'")
    .replace(/&amp;/gu, '&');
}

/** Words of a text as a multiset: runs of letters and digits, lower-cased, NFC. */
export function wordCounts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/**
 * Joins words split by a hyphen, inside a line or at its end. pdftotext
 * removes a hyphen that ends a line ("anti-" + "climactic" → "anticlimactic"),
 * so PDF text is compared with both sides joined this way.
 */
export function joinHyphens(text: string): string {
  return text.replace(/(?<=\p{L})-\s*\n\s*(?=\p{L})/gu, '').replace(/(?<=\p{L})-(?=\p{L})/gu, '');
}

/** Words of `expected` that `actual` has fewer of, with the shortfall. */
export function missingWords(expected: Map<string, number>, actual: Map<string, number>): [string, number][] {
  const out: [string, number][] = [];
  for (const [w, n] of expected) if ((actual.get(w) ?? 0) < n) out.push([w, n - (actual.get(w) ?? 0)]);
  return out;
}
