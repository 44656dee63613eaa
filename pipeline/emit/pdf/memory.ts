import type { BookSink } from '../sink.js';
import { expandRows } from './refs.js';

/**
 * Sends a document's bytes to `onChunk` as pdfkit writes them. A Readable
 * that has never been read buffers every chunk until the event loop turns,
 * and the layout never yields for long: so every byte would be held until
 * the end. One `read()` that drains what is buffered puts the stream into
 * synchronous flowing mode, where each later chunk is handed over as soon
 * as it is written.
 */
export function streamTo(doc: PDFKit.PDFDocument, onChunk: (chunk: Uint8Array) => void): void {
  doc.on('data', onChunk);
  while (doc.read() !== null);
}

/**
 * Writes a document's bytes straight into `sink`. pdfkit sends every line
 * of the file through its Readable stream, converting each string a
 * character at a time; here its writer puts them into the sink directly,
 * counting the offsets as pdfkit does for its cross-reference table. What
 * it wrote before (the header) is taken from the stream, and the stream
 * still ends, and says so, when the document is finished.
 */
export function writeInto(doc: PDFKit.PDFDocument, sink: BookSink): void {
  streamTo(doc, (chunk) => sink.push(chunk));
  const d = doc as unknown as { _write(data: string | Uint8Array): void; _offset: number };
  d._write = (data) => {
    if (typeof data !== 'string') return void (d._offset += sink.push(data));
    // A long list of rows (the page list, the parent tree) is written where its placeholder is.
    const pieces = expandRows(doc, data);
    if (!pieces) return void (d._offset += sink.line(data));
    for (const piece of pieces) d._offset += sink.text(piece);
    d._offset += sink.line('');
  };
}
