import type { Anthology, Diagnostic, Output, RemovedLine } from '../model.js';
import { sortDiagnostics } from '../diagnostics/index.js';
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

/** Builds the report from the ordered anthology, the written outputs and the diagnostics. */
export function makeReport(book: Anthology | null, outputs: Output[], diagnostics: Diagnostic[], title = book?.meta.title ?? ''): Report {
  const stories = (book?.stories ?? []).map((s) => ({
    file: s.source.file,
    title: s.meta.displayTitle,
    untitled: s.meta.title === null,
    authors: s.meta.authors,
    words: storyWords(s),
    chapters: s.chapters.length,
    typography: s.typography,
  }));
  const removed = (book?.stories ?? []).flatMap((s) => s.removed);
  // Files are read concurrently: sorting by place makes the report the same on every run.
  return { title, outputs, stories, removed, diagnostics: sortDiagnostics(diagnostics) };
}
