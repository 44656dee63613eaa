import type { Anthology, Diagnostic, Output, RemovedLine, Story } from '../model.js';
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

/** The lists of a report that can be walked one element at a time, without making the whole array. */
type Listed = 'stories' | 'removed' | 'diagnostics';

/** A list of a report, one element at a time. */
type Walk = <K extends Listed>(key: K) => Iterable<Report[K][number]>;

/** How each report made by {@link makeReport} gives its lists one element at a time. */
const streams = new WeakMap<Report, Walk>();

/** List `key` of `report` one element at a time: its array once made, else as {@link makeReport} made it walkable. */
function walk<K extends Listed>(report: Report, key: K): Iterable<Report[K][number]> {
  return streams.get(report)?.(key) ?? report[key];
}

/**
 * The report's diagnostics in order, one at a time: for a report made
 * from a build's messages whose `diagnostics` were never asked for, read
 * back from disk a batch at a time (a big book's are hundreds of thousands:
 * the command line writes them out without holding them all).
 */
export function diagnosticsOf(report: Report): Iterable<Diagnostic> {
  return walk(report, 'diagnostics');
}

/** The report's stories one at a time: a big book's are read back from disk as they are walked (see {@link diagnosticsOf}). */
export function storiesOf(report: Report): Iterable<StoryReport> {
  return walk(report, 'stories');
}

/** The report's removed lines one at a time, read back from disk as they are walked (see {@link diagnosticsOf}). */
export function removedOf(report: Report): Iterable<RemovedLine> {
  return walk(report, 'removed');
}

/**
 * Builds the report from the ordered anthology, the written outputs and the
 * diagnostics. Its `stories`, `removed` and (given the build's
 * {@link Messages}) `diagnostics` are made into arrays only when first
 * read; {@link storiesOf}, {@link removedOf} and {@link diagnosticsOf} walk
 * them without that. A big book's stories and messages wait on disk, and
 * their arrays were, at the end of a 20,000-story build, more than the
 * pages being set had needed. The stories' and messages' spill files stay
 * open while the report can still read them.
 */
export function makeReport(book: Anthology | null, outputs: Output[], diagnostics: Diagnostic[] | Messages, title = book?.meta.title ?? ''): Report {
  const stories: readonly Story[] = book?.stories ?? [];
  const sources = {
    stories: () => storyReports(stories),
    removed: () => removedLines(stories),
    diagnostics: () => (diagnostics as Messages).sorted(),
  };
  const report = { title, outputs } as Report;
  // Files are read concurrently: sorting by place makes the report the same on every run.
  const made: Partial<Report> = Array.isArray(diagnostics) ? { diagnostics: sortDiagnostics(diagnostics) } : {};
  for (const key of ['stories', 'removed', 'diagnostics'] as const) {
    // Own, enumerable properties (JSON and the tests see arrays), in the same place among the keys.
    Object.defineProperty(report, key, {
      enumerable: true,
      configurable: true,
      get: () => (made[key] ??= [...sources[key]()] as never),
      set: (v: never) => void (made[key] = v),
    });
  }
  streams.set(report, ((key: Listed) => made[key] ?? sources[key]()) as Walk);
  return report;
}

/** Every story's line in the report, a story at a time. */
function* storyReports(stories: readonly Story[]): Generator<StoryReport> {
  for (const s of stories) yield storyReport(s);
}

/** A story's line in the report, read from it when asked for. */
function storyReport(s: Story): StoryReport {
  return {
    file: s.source.file,
    title: s.meta.displayTitle,
    untitled: s.meta.title === null,
    authors: s.meta.authors,
    words: storyWords(s),
    // Counted when the story was made: a big book's chapters wait on disk, and reading them back to count them parsed the whole book again.
    chapters: s.chapterCount ?? s.chapters.length,
    typography: s.typography,
  };
}

/** Every story's removed lines, a story at a time. */
function* removedLines(stories: readonly Story[]): Generator<RemovedLine> {
  for (const s of stories) yield* s.removed;
}
