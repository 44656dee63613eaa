import { deflateSync } from 'node:zlib';
import { Worker } from 'node:worker_threads';

/**
 * The worker: deflates each batch of pages with zlib's defaults, pdfkit's
 * own settings, so the bytes are the ones pdfkit would have written. Its
 * source is inline (an `eval` worker) so that it runs the same from the
 * compiled package and from the TypeScript sources under test.
 */
const WORKER = `
const { parentPort } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
parentPort.on('message', ({ id, pages }) => {
  try {
    parentPort.postMessage({ id, pages: pages.map((p) => deflateSync(p)) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

interface Reply {
  id: number;
  pages?: Uint8Array[];
  error?: string;
}

/**
 * Deflates page content streams on a worker thread, one batch at a time,
 * so that compression (about a sixth of a book's time) runs on the other
 * core while the next pages are set. One worker serves every document of
 * the process; it holds the process open only while it has work. Where no
 * worker can be started the pages are deflated here, with the same result.
 */
class Deflater {
  private worker: Worker | null | undefined;
  private next = 0;
  private readonly asked = new Map<number, { resolve: (pages: Uint8Array[]) => void; reject: (error: Error) => void }>();

  /** The pages deflated, in order. */
  deflate(pages: Uint8Array[]): Promise<Uint8Array[]> {
    const worker = this.start();
    if (!worker) return Promise.resolve(pages.map((p) => deflateSync(p)));
    const id = this.next++;
    if (this.asked.size === 0) worker.ref();
    const done = new Promise<Uint8Array[]>((resolve, reject) => this.asked.set(id, { resolve, reject }));
    worker.postMessage({ id, pages });
    return done;
  }

  private start(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    try {
      const worker = new Worker(WORKER, { eval: true });
      worker.on('message', (reply: Reply) => this.answer(reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', () => this.fail(new Error('the PDF deflate worker stopped')));
      worker.unref();
      this.worker = worker;
    } catch {
      this.worker = null;
    }
    return this.worker;
  }

  private answer({ id, pages, error }: Reply): void {
    const asked = this.asked.get(id);
    this.asked.delete(id);
    if (this.asked.size === 0) this.worker?.unref();
    if (error !== undefined || !pages) asked?.reject(new Error(`deflating PDF pages failed: ${error}`));
    else asked?.resolve(pages);
  }

  /** A dead worker fails what it was asked; the next batch is deflated here. */
  private fail(error: Error): void {
    this.worker = null;
    for (const { reject } of this.asked.values()) reject(error);
    this.asked.clear();
  }
}

/** The process's deflater. */
export const deflater = new Deflater();
