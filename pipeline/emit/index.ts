import type { Emitter, EmitInput } from './types.js';

export type { Emitter, EmitInput } from './types.js';

/**
 * An emitter whose module is loaded the first time it is used: pdfkit and
 * fontkit take a few hundred milliseconds to load, which an EPUB-only build
 * (or `lint`) should not pay.
 */
function lazy(format: string, extension: string, load: () => Promise<Emitter>, usesCover = false): Emitter {
  return { format, extension, usesCover, emit: async (input: EmitInput) => (await load()).emit(input) };
}

/** The output formats, by name. A new format is one more entry here. */
export const emitters: Readonly<Record<string, Emitter>> = {
  epub: lazy('epub', 'epub', async () => (await import('./epub/index.js')).epubEmitter, true),
  pdf: lazy('pdf', 'pdf', async () => (await import('./pdf/index.js')).pdfEmitter),
};
