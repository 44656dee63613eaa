import type { Anthology, RenderedBook, RenderPass } from '../model.js';
import type { Messages } from '../diagnostics/index.js';
import type { Cache } from '../cache/index.js';
import type { CoverImage } from '../cover/declare.js';
import type { BookSink } from './sink.js';

/** What every emitter is given. Emitters return bytes or stream them into the runner's sink; the runner writes the files. */
export interface EmitInput {
  anthology: Anthology;
  /**
   * The book as XHTML documents, for emitters with `usesRendered` (the runner renders only when one
   * is asked for): whole, or as a pass that renders them one at a time as the emitter walks it.
   */
  rendered?: RenderedBook | RenderPass;
  messages: Messages;
  /** Work of earlier builds an emitter may reuse (content-addressed); absent: none. */
  cache?: Cache;
  /** The cover stage's image, started by the runner before rendering (for emitters with `usesCover`). */
  cover?: Promise<CoverImage>;
}

/** What a streaming emitter says of the book it wrote. */
export interface Streamed {
  /** Its number of pages, for formats that have pages. */
  pages?: number;
}

/**
 * An output format: a name, a file extension and a function from the book
 * to bytes. An emitter that can stream also has `emitTo`, which the runner
 * uses, writing the bytes to the file as they come: the book is never whole
 * in memory.
 */
export interface Emitter {
  format: string;
  extension: string;
  emit(input: EmitInput): Promise<Uint8Array>;
  /** Writes the book into `sink` as it is made (the runner's sink writes it to the file). */
  emitTo?(input: EmitInput, sink: BookSink): Promise<Streamed>;
  /** Whether it reads `rendered`: the runner renders the book only for such emitters, and lets it go after the last. */
  usesRendered?: boolean;
  /** Whether the book has a cover image: the runner then starts the cover stage early, on another core. */
  usesCover?: boolean;
  /**
   * Whether it may add warnings as it writes (the PDF: characters no font
   * has): under `--strict` such emitters go first, and a book whose writing
   * raised a warning is not kept, so that no book of any format is written.
   */
  warnsWhileWriting?: boolean;
  /**
   * Reports what writing the book would warn of that the model alone shows
   * (the PDF: characters no font has), without writing it: for `lint`.
   */
  check?(input: Pick<EmitInput, 'anthology' | 'messages'>): Promise<void>;
}
