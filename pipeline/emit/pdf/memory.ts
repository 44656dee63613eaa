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
