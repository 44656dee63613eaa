/** Words whose layout pdfkit may keep per font across stories (see `forgetLayouts`). */
const LAYOUT_CACHE_LIMIT = 5000;

/**
 * pdfkit keeps the layout of every distinct word it has measured, for the
 * life of the document. Called between stories: a font's cache that has
 * grown past `LAYOUT_CACHE_LIMIT` words is dropped, so that memory follows
 * the longest story rather than the whole book, while the common words of
 * short stories stay cached.
 */
export function forgetLayouts(doc: PDFKit.PDFDocument): void {
  const families = (doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies;
  for (const font of Object.values(families)) {
    if (font.layoutCache && Object.keys(font.layoutCache).length > LAYOUT_CACHE_LIMIT) font.layoutCache = Object.create(null) as object;
  }
}

/**
 * Collects a stream's chunks into one growing buffer. pdfkit writes a chunk
 * per line of the file (a few bytes each); kept as a list, their per-object
 * overhead costs many times the bytes themselves on a large book.
 */
export class ByteSink {
  private buf = Buffer.alloc(1 << 16);
  private length = 0;

  /** Appends a chunk. */
  push(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.buf.length) {
      const grown = Buffer.alloc(Math.max(this.buf.length * 2, this.length + chunk.length));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    this.buf.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** The bytes so far, as one exactly sized array. */
  bytes(): Uint8Array {
    return new Uint8Array(this.buf.subarray(0, this.length));
  }
}

/**
 * Sends a document's bytes to `onChunk` as pdfkit writes them. A Readable
 * that has never been read buffers every chunk until the event loop turns,
 * and the layout passes run without yielding: so both passes' bytes would be
 * held until the end. One `read()` that drains what is buffered puts the
 * stream into synchronous flowing mode, where each later chunk is handed
 * over (and, for the measuring pass, dropped) as soon as it is written.
 */
export function streamTo(doc: PDFKit.PDFDocument, onChunk: (chunk: Uint8Array) => void): void {
  doc.on('data', onChunk);
  while (doc.read() !== null);
}
