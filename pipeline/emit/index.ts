import type { Emitter, EmitInput } from './types.js';
import type { BookSink } from './sink.js';

export type { Emitter, EmitInput, Streamed } from './types.js';

/**
 * An emitter whose module is loaded the first time it is used: pdfkit and
 * fontkit take a few hundred milliseconds to load, which an EPUB-only build
 * (or `lint`) should not pay.
 */
function lazy(format: string, extension: string, load: () => Promise<Emitter>, flags: { usesCover?: boolean; usesRendered?: boolean; warnsWhileWriting?: boolean; streams?: boolean }): Emitter {
  const { streams, ...uses } = flags;
  const emitter: Emitter = { format, extension, ...uses, emit: async (input: EmitInput) => (await load()).emit(input) };
  if (streams) emitter.emitTo = async (input: EmitInput, sink: BookSink) => (await load()).emitTo!(input, sink);
  return emitter;
}

/** The output formats, by name. A new format is one more entry here. */
export const emitters: Readonly<Record<string, Emitter>> = {
  epub: lazy('epub', 'epub', async () => (await import('./epub/index.js')).epubEmitter, { usesCover: true, usesRendered: true }),
  pdf: {
    ...lazy('pdf', 'pdf', async () => (await import('./pdf/index.js')).pdfEmitter, { streams: true, warnsWhileWriting: true }),
    // The font coverage alone, without pdfkit; and without fontkit for a book whose every character Literata has.
    check: async (input) => {
      if ((await import('./pdf/book-text.js')).needsFonts(input.anthology)) (await import('./pdf/coverage.js')).checkCoverage(input);
    },
  },
};
