/** Bytes per block of a ByteSink. */
const BLOCK = 1 << 20;

/**
 * Collects a document's bytes in blocks of a megabyte, then joins them once
 * into one exactly sized array. pdfkit writes a chunk per line of the file
 * (a few bytes each): kept as a list, their per-object overhead costs many
 * times the bytes themselves; kept in one buffer that doubles as it grows,
 * the last doubling holds three times the book.
 */
export class ByteSink {
  private blocks: Buffer[] = [];
  private block = Buffer.allocUnsafeSlow(BLOCK);
  private used = 0;
  private total = 0;

  /** Appends bytes; returns how many. */
  push(chunk: Uint8Array): number {
    let from = 0;
    while (from < chunk.length) {
      if (this.used === BLOCK) this.seal();
      const n = Math.min(BLOCK - this.used, chunk.length - from);
      this.block.set(chunk.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
    }
    this.total += chunk.length;
    return chunk.length;
  }

  /** Appends a line of text, a byte per character (pdfkit's strings are binary); returns how many bytes. */
  line(text: string): number {
    const n = text.length + 1;
    if (n > BLOCK - this.used) return this.push(Buffer.from(`${text}\n`, 'latin1'));
    this.block.write(text, this.used, 'latin1');
    this.block[this.used + n - 1] = 0x0a;
    this.used += n;
    this.total += n;
    return n;
  }

  /** Bytes so far. */
  get length(): number {
    return this.total;
  }

  /** The bytes, as one exactly sized array; the sink is emptied. */
  bytes(): Uint8Array {
    const out = Buffer.allocUnsafeSlow(this.total);
    let at = 0;
    for (const b of [...this.blocks, this.block.subarray(0, this.used)]) {
      b.copy(out, at);
      at += b.length;
    }
    this.blocks = [];
    this.used = 0;
    this.total = 0;
    return out;
  }

  private seal(): void {
    this.blocks.push(this.block);
    this.block = Buffer.allocUnsafeSlow(BLOCK);
    this.used = 0;
  }
}

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
export function writeInto(doc: PDFKit.PDFDocument, sink: ByteSink): void {
  streamTo(doc, (chunk) => sink.push(chunk));
  const d = doc as unknown as { _write(data: string | Uint8Array): void; _offset: number };
  d._write = (data) => {
    d._offset += typeof data === 'string' ? sink.line(data) : sink.push(data);
  };
}
