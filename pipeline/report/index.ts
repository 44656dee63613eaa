import type { Anthology, Diagnostic, Output, RemovedLine } from '../model.js';
import { sortDiagnostics, type Messages } from '../diagnostics/index.js';
import { storyWords } from '../shared/words.js';

export { storyWords } from '../shared/words.js';

/** What `--json` prints and the library returns: one document per build. */
export interface Report {
  title: string;
  outputs: Output[];
  stories: StoryReport[];
  /** Lines removed on purpose, with file and line. */
  removed: RemovedLine[];
  diagnostics: Diagnostic[];
}

/** One story's line in the report. */
export interface StoryReport {
  file: string;
  title: string;
  untitled: boolean;
  authors: string[];
  words: number;
  chapters: number;
  typography: Record<string, number>;
}

/** How each report made from a build's {@link Messages} gives its diagnostics one at a time. */
const streams = new WeakMap<Report, () => Iterable<Diagnostic>>();

/**
 * The report's diagnostics in order, one at a time: for a report made
 * from a build's messages whose `diagnostics` were never asked for, read
 * back from disk a batch at a time (a big book's are hundreds of thousands:
 * the command line writes them out without holding them all).
 */
export function diagnosticsOf(report: Report): Iterable<Diagnostic> {
  return streams.get(report)?.() ?? report.diagnostics;
}

/**
 * Builds the report from the ordered anthology, the written outputs and the
 * diagnostics. Given the build's {@link Messages}, its `diagnostics` are
 * made into one sorted array only when first read ({@link diagnosticsOf}
 * walks them without that), and the messages' spill file stays open while
 * the report can still read it.
 */
export function makeReport(book: Anthology | null, outputs: Output[], diagnostics: Diagnostic[] | Messages, title = book?.meta.title ?? ''): Report {
  const stories = (book?.stories ?? []).map((s) => ({
    file: s.source.file,
    title: s.meta.displayTitle,
    untitled: s.meta.title === null,
    authors: s.meta.authors,
    words: storyWords(s),
    // Counted when the story was made: a big book's chapters wait on disk, and reading them back to count them parsed the whole book again.
    chapters: s.chapterCount ?? s.chapters.length,
    typography: s.typography,
  }));
  const removed = (book?.stories ?? []).flatMap((s) => s.removed);
  // Files are read concurrently: sorting by place makes the report the same on every run.
  if (Array.isArray(diagnostics)) return { title, outputs, stories, removed, diagnostics: sortDiagnostics(diagnostics) };
  const messages = diagnostics as Messages;
  let list: Diagnostic[] | undefined;
  // An own, enumerable property (JSON and the tests see an array), in the same place among the keys.
  const report = Object.defineProperty({ title, outputs, stories, removed } as Report, 'diagnostics', {
    enumerable: true,
    configurable: true,
    get: () => (list ??= [...messages.sorted()]),
    set: (v: Diagnostic[]) => void (list = v),
  });
  streams.set(report, () => list ?? messages.sorted());
  return report;
}
