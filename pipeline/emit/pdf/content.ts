import { deflater, type Deflated } from './deflate.js';
import { PageText } from './pagetext.js';

/** The parts of pdfkit's stream object (PDFReference) a page's content goes through. */
interface StreamRef {
  document: unknown;
  id: number;
  gen: number;
  offset?: number;
  buffer: Uint8Array[];
  compress: boolean;
  data: Record<string, unknown>;
  write(chunk: string | Uint8Array): void;
  end(): void;
}

interface PageWithContent {
  content: StreamRef;
}

/** Pages sent to the worker at once, at the least. */
const BATCH = 48;

/** A finished page whose stream waits to be written: its object, pdfkit's way of ending it, its text until sent. */
interface Finished {
  ref: StreamRef;
  end: () => void;
  text: PageText;
}

/** Pages sent to be deflated together. */
interface Batch {
  pages: Finished[];
  deflated: Promise<Deflated>;
}

/**
 * The content streams of a document's pages, kept as text while a page is
 * drawn and compressed on another core once it is finished.
 *
 * pdfkit turns every operator it is given into bytes one character at a
 * time, and deflates each page on the main thread when the next one
 * starts: together about a quarter of a book's time. Here a page's
 * operators are kept as strings, converted once, and deflated (with
 * pdfkit's settings) by a worker thread while the layout goes on. pdfkit
 * writes a stream object whenever it is ended, and waits for every one
 * before it finishes the file; so each page's stream is ended later, at
 * `checkpoint` and `finish`, in page order and at points of the layout that
 * do not depend on timing: the bytes stay the same from run to run. At a
 * checkpoint (between stories) the pages finished since the last batch
 * are sent off once there are enough of them, and the batch before is
 * written: at most two batches of pages (or two stories', if longer) wait,
 * so memory follows the longest story, not the book.
 */
export class PageContents {
  private current: { ref: StreamRef; text: PageText } | undefined;
  private finished: Finished[] = [];
  private readonly batches: Batch[] = [];

  /** Takes over a new page's content stream (call when pdfkit adds a page). */
  begin(page: PageWithContent): void {
    const ref = page.content;
    const text = new PageText();
    // What pdfkit wrote before the page was announced (its coordinate flip) comes first.
    for (const chunk of ref.buffer) text.bytes(chunk);
    ref.buffer = [];
    ref.write = (chunk) => (typeof chunk === 'string' ? text.line(chunk) : text.bytes(chunk));
    this.current = { ref, text };
  }

  /** Finishes the current page's content (call before pdfkit ends the page: before the next page or the end of the document). */
  close(): void {
    const cur = this.current;
    if (!cur) return;
    this.current = undefined;
    const { ref, text } = cur;
    // The stream object lives as long as the document: it must not keep the page's text.
    delete (ref as Partial<StreamRef>).write;
    const end = ref.end.bind(ref);
    ref.end = () => {}; // pdfkit ends the page's stream with the page; it is ended here, later
    this.finished.push({ ref, end, text });
  }

  /**
   * Called between stories: once enough pages are finished, sends them to
   * be deflated, and writes out the batch sent before. (Each message to the
   * worker costs the layout about a third of a millisecond, so pages go in
   * batches, not one by one.)
   */
  async checkpoint(): Promise<void> {
    if (this.finished.length < BATCH) return;
    this.send();
    if (this.batches.length > 1) await this.write(this.batches.shift()!);
  }

  /** Writes out every finished page; call after `close` of the last one. */
  async finish(): Promise<void> {
    this.send();
    while (this.batches.length > 0) await this.write(this.batches.shift()!);
  }

  private send(): void {
    if (this.finished.length === 0) return;
    const pages = this.finished;
    this.finished = [];
    const deflated = deflater.deflate(pages.map((p) => p.text.done()));
    // The bytes are copied to the worker (or deflated) by now: the buffers can take other pages.
    for (const p of pages) p.text.release();
    deflated.catch(() => {}); // awaited in turn; a failure must not go unhandled meanwhile
    this.batches.push({ pages, deflated });
  }

  private async write({ pages, deflated }: Batch): Promise<void> {
    const out = await deflated;
    pages.forEach(({ ref, end }, i) => {
      delete (ref as Partial<StreamRef>).end;
      if (writeDeflated(ref, out.pages[i]!)) return;
      // As pdfkit would have written it, but already compressed.
      ref.compress = false;
      ref.data.Filter = 'FlateDecode';
      ref.buffer = [out.pages[i]!];
      end();
    });
    out.release();
  }
}

/** The parts of pdfkit's document a stream object is written through. */
interface Writer {
  _offset: number;
  _security?: unknown;
  _write(data: string | Uint8Array): void;
  _refEnd(ref: object): void;
}

/**
 * Writes a page's content stream, already deflated, as pdfkit's `finalize`
 * would, but without first copying the bytes into a buffer of their own
 * (pdfkit makes one for every stream, a big book's tens of thousands of
 * buffers for the collector). Its dictionary holds only its length and
 * filter, names and whole numbers; for anything else (or encryption), it
 * returns false and pdfkit writes it.
 */
function writeDeflated(ref: StreamRef, bytes: Uint8Array): boolean {
  const doc = ref.document as Writer;
  const data = ref.data;
  if (doc._security) return false;
  data.Filter = 'FlateDecode';
  data.Length = bytes.length;
  const entries = Object.entries(data);
  if (!entries.every(([, v]) => typeof v === 'string' || Number.isInteger(v))) return false;
  ref.offset = doc._offset;
  doc._write(`${ref.id} ${ref.gen} obj`);
  doc._write(['<<', ...entries.map(([k, v]) => `/${k} ${typeof v === 'string' ? `/${v}` : String(v)}`), '>>'].join('\n'));
  doc._write('stream');
  doc._write(bytes);
  doc._write('\nendstream');
  doc._write('endobj');
  doc._refEnd(ref);
  return true;
}
