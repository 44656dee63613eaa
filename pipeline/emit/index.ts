import type { Emitter } from './types.js';
import { epubEmitter } from './epub/index.js';
import { pdfEmitter } from './pdf/index.js';

export type { Emitter, EmitInput } from './types.js';

/** The output formats, by name. A new format is one more entry here. */
export const emitters: Readonly<Record<string, Emitter>> = {
  epub: epubEmitter,
  pdf: pdfEmitter,
};
