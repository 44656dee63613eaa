import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Work shared between this thread and one worker thread. Both take jobs
 * from one counter in shared memory, so they finish together however long
 * the worker takes to start, and the worker reads its input where it is,
 * in shared memory ({@link SharedPacker}), instead of getting a copy.
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
    const n = bytes.byteLength;
    // A large item gets its own block, so that no block is left mostly empty.
    if (n > PACK_BLOCK / 8) return copyInto(new SharedArrayBuffer(n), 0, bytes);
    if (!this.block || this.used + n > PACK_BLOCK) [this.block, this.used] = [new SharedArrayBuffer(PACK_BLOCK), 0];
    const view = copyInto(this.block, this.used, bytes);
    this.used += n;
    return view;
  }
}

function copyInto(block: SharedArrayBuffer, at: number, bytes: Uint8Array): Uint8Array {
  const view = new Uint8Array(block, at, bytes.byteLength);
  view.set(bytes);
  return view;
}

/** Runs `job` on the indexes taken from `next` until `count` is reached; the worker's side of {@link shareWork}. */
export function takeTurns<T>(next: Int32Array, count: number, job: (i: number) => T): [number, T][] {
  const done: [number, T][] = [];
  for (let i = Atomics.add(next, 0, 1); i < count; i = Atomics.add(next, 0, 1)) done.push([i, job(i)]);
  return done;
}

/** Jobs done on worker threads so far in this process, by label (for tests, and for the curious). */
export const workerJobs: Record<string, number> = {};

/**
 * Does `count` jobs, `here(i)` on this thread and the same work in the
 * worker `start` makes (given the counter; it must post the pairs
 * {@link takeTurns} returns, once). Results come back in job order. A worker
 * that cannot start or fails costs time, not the build: whatever it did not
 * return is done here.
 */
export async function shareWork<T>(label: string, count: number, start: (next: Int32Array) => [string | URL, WorkerOptions], here: (i: number) => T): Promise<T[]> {
  const next = new Int32Array(new SharedArrayBuffer(4));
  const theirs = new Promise<[number, T][]>((resolve, reject) => {
    const worker = new Worker(...start(next));
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the ${label} worker stopped (exit code ${code})`)));
  }).catch((): [number, T][] => []);
  const out: T[] = new Array(count);
  const done = new Uint8Array(count);
  for (const [i, v] of takeTurns(next, count, here)) [out[i], done[i]] = [v, 1];
  const returned = await theirs;
  workerJobs[label] = (workerJobs[label] ?? 0) + returned.length;
  for (const [i, v] of returned) [out[i], done[i]] = [v, 1];
  for (let i = 0; i < count; i++) if (!done[i]) out[i] = here(i);
  return out;
}
