import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type WorkerOptions } from 'node:worker_threads';

/**
 * Work shared between this thread and one worker thread. Both take jobs
 * from one counter in shared memory, so they finish together however long
 * the worker takes to start, and the worker reads its input where it is
 * (in shared memory, {@link SharedPacker}, or in files) instead of getting
 * a copy. Its results come back as it goes ({@link postTurns}).
 */

/** Bytes per block of shared memory a {@link SharedPacker} fills. */
const PACK_BLOCK = 4 * 1024 * 1024;

/**
 * Copies byte arrays into shared memory as they come, packed into blocks
 * of a few megabytes, and gives back views of the copies. A view of shared
 * memory sent to a worker is not copied: the worker reads the same bytes.
 * So a book's files (or an EPUB's entries) are in memory once, in a few
 * large blocks, rather than once as made and again for the worker.
 */
export class SharedPacker {
  private block: SharedArrayBuffer | undefined;
  private used = 0;

  /** A view of a copy of `bytes` in shared memory (already shared bytes are kept as they are). */
  pack(bytes: Uint8Array): Uint8Array {
    if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
    const view = this.room(bytes.byteLength);
    view.set(bytes);
    return view;
  }

  /** `text` as UTF-8, written straight into shared memory: the bytes are never made anywhere else first. */
  packText(text: string): Uint8Array {
    const view = this.room(Buffer.byteLength(text, 'utf8'));
    Buffer.from(view.buffer, view.byteOffset, view.byteLength).write(text, 'utf8');
    return view;
  }

  /** `n` bytes of shared memory, in the current block or a new one. */
  private room(n: number): Uint8Array {
    // A large item gets its own block, so that no block is left mostly empty.
    if (n > PACK_BLOCK / 8) return new Uint8Array(new SharedArrayBuffer(n));
    if (!this.block || this.used + n > PACK_BLOCK) [this.block, this.used] = [new SharedArrayBuffer(PACK_BLOCK), 0];
    const view = new Uint8Array(this.block, this.used, n);
    this.used += n;
    return view;
  }
}

/** What a worker of {@link shareWork} is given, in its `workerData`, to share the work: the counter, and the port to post results to. */
export interface Turns {
  next: Int32Array;
  port: MessagePort;
}

/** Runs `job` on the indexes taken from `next` until `count` is reached, handing each result to `each`. */
export function takeTurns<T>(next: Int32Array, count: number, job: (i: number) => T, each: (i: number, v: T) => void): void {
  for (let i = Atomics.add(next, 0, 1); i < count; i = Atomics.add(next, 0, 1)) each(i, job(i));
}

/**
 * The worker's side of {@link shareWork}: takes turns, posting the results
 * as `[index, result]` pairs, `batch` at a time. Posting as it goes keeps
 * the worker from holding its whole share, and the other thread from
 * getting it in one large message at the end.
 */
export function postTurns<T>({ next, port }: Turns, count: number, job: (i: number) => T, batch = 16): void {
  let done: [number, T][] = [];
  takeTurns(next, count, job, (i, v) => {
    done.push([i, v]);
    if (done.length < batch) return;
    port.postMessage(done);
    done = [];
  });
  if (done.length) port.postMessage(done);
}

/** Jobs done on worker threads so far in this process, by label (for tests, and for the curious). */
export const workerJobs: Record<string, number> = {};

/** Workers started so far in this process, by label: a worker may start and yet take no job, on a busy host. */
export const workerStarts: Record<string, number> = {};

/**
 * Does `count` jobs, `here(i)` on this thread and the same work in the
 * worker `start` makes: it must put the {@link Turns} it is given in the
 * worker's `workerData` (the port is transferred here) and post to the
 * port the pairs it does, in one message or more ({@link postTurns}).
 * This thread takes in the worker's results between its own jobs, so
 * they do not pile up anywhere. Results come back in job order. A worker
 * that cannot start or fails costs time, not the build: whatever it did
 * not return is done here. `theirs`, if given, is called on each result
 * from the worker as it is taken in (a copy, made here by the message),
 * with its job's index.
 */
export async function shareWork<T>(label: string, count: number, start: (turns: Turns) => [string | URL, WorkerOptions], here: (i: number) => T, theirs?: (v: T, i: number) => T): Promise<T[]> {
  const next = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const out: T[] = new Array(count);
  const done = new Uint8Array(count);
  let [left, taken] = [count, 0];
  const take = (i: number, v: T): void => {
    if (done[i]) return;
    [out[i], done[i]] = [v, 1];
    left--;
  };
  const takeTheirs = (pairs: [number, T][]): void => {
    for (const [i, v] of pairs) take(i, theirs ? theirs(v, i) : v);
    taken += pairs.length;
  };
  // Synchronous: this thread takes them in while its own jobs keep its event loop busy.
  const drain = (): void => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) takeTheirs(m.message as [number, T][]);
  };
  const worker = startWorker(start, next, port2);
  if (worker) workerStarts[label] = (workerStarts[label] ?? 0) + 1;
  takeTurns(next, count, here, (i, v) => {
    take(i, v);
    drain();
  });
  if (left > 0 && worker) {
    // The worker's last jobs, unless it stops first: then what it posted before is still in the port.
    await new Promise<void>((resolve) => {
      port1.on('message', (pairs: [number, T][]) => {
        takeTheirs(pairs);
        if (left === 0) resolve();
      });
      worker.once('exit', () => resolve());
    });
  }
  drain();
  port1.close();
  // Done with: a worker still starting has nothing left to take.
  void worker?.terminate();
  workerJobs[label] = (workerJobs[label] ?? 0) + taken;
  for (let i = 0; i < count; i++) if (!done[i]) out[i] = here(i);
  return out;
}

/** The worker, or none if it cannot be made; its errors are not the build's (see {@link shareWork}). */
function startWorker(start: (turns: Turns) => [string | URL, WorkerOptions], next: Int32Array, port: MessagePort): Worker | undefined {
  try {
    const [script, options] = start({ next, port });
    const worker = new Worker(script, { ...options, transferList: [...(options.transferList ?? []), port] });
    worker.on('error', () => {});
    return worker;
  } catch {
    return undefined;
  }
}
