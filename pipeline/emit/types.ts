import type { Anthology, RenderedBook } from '../model.js';
import type { Messages } from '../diagnostics/index.js';
import type { Cache } from '../cache/index.js';
import type { CoverImage } from '../cover/declare.js';

/** What every emitter is given. Emitters return bytes; the runner writes files. */
export interface EmitInput {
  anthology: Anthology;
  rendered: RenderedBook;
  messages: Messages;
  /** Work of earlier builds an emitter may reuse (content-addressed); absent: none. */
  cache?: Cache;
  /** The cover stage's image, started by the runner before rendering (for emitters with `usesCover`). */
  cover?: Promise<CoverImage>;
}

/** An output format: a name, a file extension and a function from the book to bytes. */
export interface Emitter {
  format: string;
  extension: string;
  emit(input: EmitInput): Promise<Uint8Array>;
  /** Whether the book has a cover image: the runner then starts the cover stage early, on another core. */
  usesCover?: boolean;
}
