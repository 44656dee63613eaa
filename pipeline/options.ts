import type { OrderKey, PagePreset } from './model.js';

/** Where a build is, for a progress display: the stage and how far through it. */
export interface Progress {
  stage: 'read' | 'render' | 'emit';
  /** How many of the stage's `total` are done (for `read`, the story files taken from the cache or begun): it never goes back within a stage. */
  done: number;
  total: number;
  /** What is being worked on: a file, a format. */
  label?: string;
}

/** Options of a build; everything has a default. */
export interface BuildOptions {
  /** Story files or folders. Default: `seeds`. */
  inputs?: string[];
  /** Output folder. Default: `output`. */
  outDir?: string;
  /** Formats to write, from the emitter registry. Default: all (`epub`, `pdf`). */
  formats?: string[];
  /** anthology.yaml to use instead of the one beside the stories. */
  config?: string;
  /** Anthology title: overrides anthology.yaml. */
  title?: string;
  /** BCP 47 language: overrides anthology.yaml. */
  language?: string;
  /** Story order: overrides anthology.yaml. */
  order?: OrderKey;
  /** PDF page preset: overrides anthology.yaml. */
  page?: PagePreset;
  /** Folder of templates that replace the defaults file by file. */
  templates?: string;
  /** Warnings fail the build (exit 3), and no book is written. */
  strict?: boolean;
  /** Skip unusable story files (empty, binary, unreadable) with a warning instead of stopping. */
  keepGoing?: boolean;
  /** The largest story file read, in bytes. Default: 16 MiB. */
  maxFileBytes?: number;
  /**
   * Above this many bytes of story files, each story's chapters, notes and
   * removed lines are kept in a temporary file (deleted as it is opened)
   * until a stage reads them, and its messages until the report, so that
   * memory holds one story's text, not the book's. Default: 4 MiB when a
   * format that streams (the PDF) is built; 32 MiB (about 5 million words)
   * when every format holds the whole book anyway (an EPUB-only build).
   */
  spillBytes?: number;
  /**
   * The build cache: true keeps it in `<outDir>/.anthologist-cache`, a string
   * names its folder, false builds from scratch. Output is the same bytes
   * either way. Default: true.
   */
  cache?: boolean | string;
  /** Folder that relative paths start from. Default: `process.cwd()`. */
  cwd?: string;
  /** Environment read for SOURCE_DATE_EPOCH. Default: `process.env`. */
  env?: Record<string, string | undefined>;
  /** Called as the build moves on; the CLI draws a progress bar with it. */
  onProgress?: (p: Progress) => void;
}
