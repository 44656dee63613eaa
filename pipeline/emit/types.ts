import type { Anthology, RenderedBook } from '../model.js';
import type { Messages } from '../diagnostics/index.js';
import type { Cache } from '../cache/index.js';

/** What every emitter is given. Emitters return bytes; the runner writes files. */
export interface EmitInput {
  anthology: Anthology;
  rendered: RenderedBook;
  messages: Messages;
  /** Work of earlier builds an emitter may reuse (content-addressed); absent: none. */
  cache?: Cache;
}

/** An output format: a name, a file extension and a function from the book to bytes. */
export interface Emitter {
  format: string;
  extension: string;
  emit(input: EmitInput): Promise<Uint8Array>;
}
