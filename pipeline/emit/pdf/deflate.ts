import { deflateSync } from 'node:zlib';
import { Worker } from 'node:worker_threads';
import { WORKER } from './deflate-worker.js';

interface Reply {
  id: number;
  /** Whether the worker deflates with one stream reused (see WORKER), not deflateSync. */
  reused?: boolean;
  input?: ArrayBuffer;
  output?: ArrayBuffer;
  lengths?: number[];
  error?: string;
}

/** Deflated pages, valid until `release`, which lets their memory take a later batch. */
export interface Deflated {
  pages: Uint8Array[];
  release(): void;
}

/** Buffers kept for later batches, each way: at most two batches are under way. */
const SPARE = 3;

/**
 * Deflates page content streams on a worker thread, one batch at a time,
 * so that compression (about a sixth of a book's time) runs on the other
 * core while the next pages are set. One worker serves every document of
 * the process; it holds the process open only while it has work. Where no
 * worker can be started the pages are deflated here, with the same result.
 *
 * A big book has tens of thousands of pages: a new buffer for each, each
 * way, left hundreds of megabytes of them for the collector, which let
 * tens of megabytes wait. Here the buffers of a batch are used again.
 */
class Deflater {
  private worker: Worker | null | undefined;
  private next = 0;
  private readonly asked = new Map<number, { resolve: (done: Deflated) => void; reject: (error: Error) => void }>();
  private readonly inputs: ArrayBuffer[] = [];
  private readonly outputs: ArrayBuffer[] = [];
  /** Whether the worker's last answer came from one stream reused for every page (for tests and measurements). */
  reusesStream: boolean | undefined;

  /** The pages deflated, in order. */
  deflate(pages: readonly Uint8Array[]): Promise<Deflated> {
    const worker = this.start();
    if (!worker) return Promise.resolve({ pages: pages.map((p) => deflateSync(p)), release() {} });
    const total = pages.reduce((n, p) => n + p.length, 0);
    const at = this.inputs.findIndex((b) => b.byteLength >= total);
    const input = at >= 0 ? this.inputs.splice(at, 1)[0]! : new ArrayBuffer(Math.max(Math.ceil(total * 1.25), 64 * 1024));
    const bytes = new Uint8Array(input);
    let o = 0;
    for (const p of pages) {
      bytes.set(p, o);
      o += p.length;
    }
    const spare = this.outputs.pop();
    const id = this.next++;
    if (this.asked.size === 0) worker.ref();
    const done = new Promise<Deflated>((resolve, reject) => this.asked.set(id, { resolve, reject }));
    worker.postMessage({ id, input, lengths: pages.map((p) => p.length), spare }, spare ? [input, spare] : [input]);
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

  private answer({ id, input, output, lengths, error, reused }: Reply): void {
    if (reused !== undefined) this.reusesStream = reused;
    const asked = this.asked.get(id);
    this.asked.delete(id);
    if (this.asked.size === 0) this.worker?.unref();
    if (error !== undefined || !input || !output || !lengths) {
      asked?.reject(new Error(`deflating PDF pages failed: ${error}`));
      return;
    }
    keep(this.inputs, input);
    const pages: Uint8Array[] = [];
    let at = 0;
    for (const n of lengths) {
      pages.push(new Uint8Array(output, at, n));
      at += n;
    }
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      keep(this.outputs, output);
    };
    asked?.resolve({ pages, release });
  }

  /** A dead worker fails what it was asked; the next batch is deflated here. */
  private fail(error: Error): void {
    this.worker = null;
    for (const { reject } of this.asked.values()) reject(error);
    this.asked.clear();
  }
}

/** Keeps a buffer for later batches: the biggest few, so that batches of bigger pages do not leave it with none that fits. */
function keep(pool: ArrayBuffer[], buffer: ArrayBuffer): void {
  if (pool.length < SPARE) {
    pool.push(buffer);
    return;
  }
  const smallest = pool.reduce((at, b, i) => (b.byteLength < pool[at]!.byteLength ? i : at), 0);
  if (pool[smallest]!.byteLength < buffer.byteLength) pool[smallest] = buffer;
}

/** The process's deflater. */
export const deflater = new Deflater();
