/**
 * The document model: the only vocabulary the stages share.
 *
 * Stages never pass each other anything that is not declared here. Every
 * piece of story text keeps the position it came from, so that diagnostics
 * and `inspect` can point at a line, and so that "nothing is lost" can be
 * checked: every input line ends up in exactly one place of the model, or in
 * {@link RemovedLine} with a reason.
 */

/** A position in an input file; lines and columns count from 1. */
export interface SourcePos {
  /** Input path as the user named it (relative to the working directory when possible). */
  file: string;
  line: number;
  column: number;
}

/** How serious a {@link Diagnostic} is. `error` stops a build. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One message about the input or the build, in the vfile style. Stages never
 * print; they push these records and the report stage shows them.
 */
export interface Diagnostic {
  /** Stable rule code from the catalogue (`pipeline/diagnostics/catalogue.ts`). */
  code: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Set when `--strict` made this warning an error. */
  promoted?: boolean;
}

/** A run of inline content. Text is the author's, already typographically normalised after `normalise`. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'strong'; children: Inline[] };

/** A paragraph of story text, or of a note. */
export interface Paragraph {
  kind: 'paragraph';
  inlines: Inline[];
  pos: SourcePos;
}

/** A scene break: in the source a run of blank lines or a glyph line such as `* * *`. */
export interface SceneBreak {
  kind: 'sceneBreak';
  pos: SourcePos;
  /** The glyph line as written, if the break was a glyph line (kept so nothing is lost). */
  glyph?: string;
}

/** A quotation set at the head of a story, with who said it. */
export interface Epigraph {
  kind: 'epigraph';
  lines: Paragraph[];
  /** Attribution without its leading dash, e.g. "Mary Shelley". */
  attribution?: Inline[];
  /**
   * Set when the source line did not begin with a dash ("by Name",
   * `"Salt" – a poem by Name`): it is shown as written, without the dash
   * the books put before an attribution that followed one.
   */
  undashed?: boolean;
  pos: SourcePos;
}

/** An end marker such as "The End", "TBC" or "Fin", kept as written. */
export interface EndMarker {
  kind: 'endMarker';
  text: string;
  pos: SourcePos;
}

/** An author's note inside the story text ("A/N: …"), kept where it stands and marked as a note. */
export interface InlineNote {
  kind: 'authorNote';
  /** The label as written ("A/N"). */
  label: string;
  inlines: Inline[];
  pos: SourcePos;
}

/** Anything that can stand in a chapter's body. */
export type Block = Paragraph | SceneBreak | Epigraph | EndMarker | InlineNote;

/** A chapter of a story. One-shots have one chapter with no heading. */
export interface Chapter {
  /** Heading as written ("Chapter Two: The Road"), absent for a one-shot's only chapter. */
  heading?: Inline[];
  blocks: Block[];
  pos: SourcePos;
}

/** What a note is about; decides where it is shown and how it is labelled. */
export type NoteKind = 'disclaimer' | 'authorsNote' | 'rights' | 'series' | 'summary' | 'note';

/**
 * A note by the author: a header line ("DISCLAIMER: …"), a paragraph before
 * the title, or the end notes ("Author's Notes:" and what follows).
 */
export interface Note {
  kind: NoteKind;
  /** The label as the author wrote it ("AUTHOR'S NOTE"), if there was one. */
  label?: string;
  blocks: Paragraph[];
  pos: SourcePos;
}

/** An author's closing signature ("– Name" and a date line). */
export interface Signature {
  /** The line as written, without its dash, e.g. "A. Writer". */
  name: string;
  /** The date line as written, if one follows. */
  date?: string;
  pos: SourcePos;
}

/** Series membership; `statement` keeps the author's wording. */
export interface SeriesInfo {
  name: string;
  /** Position in the series (1-based), when stated. */
  position?: number;
  statement: string;
}

/** Canonical names of the descriptive fields a story header may carry. */
export type DetailKey =
  | 'rating' | 'fandom' | 'relationship' | 'characters' | 'category' | 'warnings' | 'tags'
  | 'words' | 'chapters' | 'status' | 'published' | 'updated' | 'source' | 'language'
  | 'beta' | 'feedback' | 'collections' | 'other';

/** A descriptive field from a story header ("Rating: Teen"), shown on the attribution page. */
export interface Detail {
  key: DetailKey;
  /** The label as the author wrote it ("Pairing"). */
  label: string;
  value: string;
  pos: SourcePos;
}

/** Where a metadata value came from, for `inspect` and the report. */
export type Provenance = SourcePos | { source: 'anthology.yaml' | 'cli' | 'default' | 'opening-words' };

/** Detected and configured metadata of one story. */
export interface StoryMeta {
  /** The title as written, or null when the story has none. */
  title: string | null;
  /** What to show: the title, or the opening words for an untitled story. */
  displayTitle: string;
  /** Sub-title, e.g. a part line "Pt. II". */
  subtitle?: string;
  /** Known authors, in order. Empty means unknown: never invented. */
  authors: string[];
  series?: SeriesInfo;
  /** A date the author gave (as written), e.g. under the signature. */
  date?: string;
  /** BCP 47 language of the story. */
  language: string;
  /** Descriptive header fields (rating, fandom, …), in the order written. */
  details: Detail[];
  /**
   * The permission the editor recorded in anthology.yaml for this story
   * (e.g. "Granted by the author by email, 2024-03-01"); absent when none was recorded.
   */
  permission?: string;
  /** Where each field came from. */
  provenance: Partial<Record<'title' | 'subtitle' | 'authors' | 'series' | 'date', Provenance>>;
}

/** A line removed on purpose (site navigation, boilerplate); listed in the report. */
export interface RemovedLine {
  text: string;
  reason: string;
  pos: SourcePos;
}

/** The bytes of one input after read/decode. */
export interface SourceText {
  /** Path as named for messages. */
  file: string;
  /** Text with line ends normalised to \n, NFC. */
  text: string;
  /** Encoding detected, e.g. "utf-8". */
  encoding: string;
  /** sha256 of the decoded text (UTF-8, LF line ends, NFC), hex: the same story in another encoding has the same hash. */
  sha256: string;
  bytes: number;
}

/**
 * One story of the anthology. In a big book, `chapters`, `front`, `end` and
 * `removed` may be accessors that read their part back from a spill file
 * (`shared/spill.ts`): copy a story with `withChanges`, not `{ ...story }`,
 * which would read them all into the copy.
 */
export interface Story {
  /** Stable id used for file names and anchors: "s1", "s2", … in reading order (set by `order`). */
  id: string;
  source: Omit<SourceText, 'text'>;
  meta: StoryMeta;
  /** Notes shown on the attribution page, before the story. */
  front: Note[];
  /** The story's text. */
  chapters: Chapter[];
  /** Notes shown after the story. */
  end: Note[];
  signature?: Signature;
  removed: RemovedLine[];
  /** Typography changes made by `normalise`, per rule code. */
  typography: Record<string, number>;
  /**
   * Words of the story's text (see `storyWords`), counted by `normalise`
   * while the text is at hand: the report and ordering by length would
   * otherwise read a big book's spilled text back just to count it.
   * Absent on a story made by hand; it is then counted when asked.
   */
  words?: number;
  /**
   * The number of chapters, counted by `normalise` as `words` is: the
   * report would otherwise read every chapter of a big book's spilled
   * stories back, and parse them, to count them. Absent on a story made by
   * hand; the chapters are then counted.
   */
  chapterCount?: number;
  /**
   * A hash of everything the story was made from (its file's bytes and
   * path, the reading settings, the editor's entry for it): with the same
   * tool, two stories with one key are the same story. Set when loaded with
   * a cache, which keys on it.
   */
  key?: string;
}

/** Story ordering keys. */
export type OrderKey = 'manifest' | 'title' | 'author' | 'date' | 'series' | 'words';

/** PDF page presets. */
export type PagePreset = 'ereader' | 'a5' | 'letter' | '6x9';

/** Anthology-level metadata after the cascade (defaults < anthology.yaml < CLI). */
export interface AnthologyMeta {
  title: string;
  subtitle?: string;
  /** BCP 47 language tag. */
  language: string;
  editor?: string;
  description?: string;
  publisher?: string;
  /** Build date (ISO 8601, UTC, seconds), from SOURCE_DATE_EPOCH or fixed: never the clock. */
  modified: string;
  /** `urn:uuid:` identifier derived from the content. */
  identifier: string;
  order: OrderKey;
  /** Story files in the order the editor listed them in anthology.yaml, if any. */
  manifest?: string[];
  /** Absolute path of a cover image (PNG or JPEG) given in anthology.yaml; absent: a cover is generated. */
  cover?: string;
  /** PDF page preset. */
  page: PagePreset;
}

/** The whole book as the stages pass it along. */
export interface Anthology {
  meta: AnthologyMeta;
  stories: Story[];
}

/** One document of the rendered book (XHTML for the EPUB). */
export interface RenderedDoc {
  /** File name inside the book, unique. */
  filename: string;
  /** Title for the navigation. */
  title: string;
  /** epub:type-ish role, used by emitters for landmarks. */
  role: 'cover' | 'titlepage' | 'toc' | 'attribution' | 'story' | 'endnotes' | 'colophon';
  /** Story id this document belongs to, if any. */
  storyId?: string;
  xhtml: string;
}

/** The output of `render`: everything the EPUB emitter packs, as text. */
export interface RenderedBook {
  docs: RenderedDoc[];
  css: string;
  opf: string;
  ncx: string;
  nav: string;
}

/** A document of the rendered book without its text: its place, name and role. */
export type DocHead = Omit<RenderedDoc, 'xhtml'>;

/** What a {@link RenderPass} gives back once it has handed out every document. */
export interface RenderedRest {
  /** Every document in reading order, the navigation document included. */
  heads: DocHead[];
  opf: string;
  ncx: string;
  /** The navigation document (role `toc`), made last: it lists every story's chapters. */
  nav: string;
}

/**
 * The book's documents rendered one at a time, as an emitter writes them:
 * a book's pages are never all held at once (the runner's way to render;
 * `render` gives the same documents whole, as a {@link RenderedBook}).
 */
export interface RenderPass {
  css: string;
  /** Renders every document but the navigation document, in reading order, handing each to `each` and keeping none; then the rest. */
  each(each: (doc: RenderedDoc) => void): RenderedRest;
}

/** A built book file. */
export interface Output {
  format: string;
  path: string;
  bytes: number;
  sha256: string;
  /** Number of pages, for paged formats. */
  pages?: number;
}
