import { deflateRawSync } from 'node:zlib';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The worker's source, inline (an `eval` worker), so that it runs the same
 * from the compiled package and from the TypeScript sources under test. It
 * takes entries from the counter it shares with the main thread.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { deflateRawSync } = require('node:zlib');
const { shared, offsets, next, level } = workerData;
const out = [];
const count = offsets.length - 1;
for (let i = Atomics.add(next, 0, 1); i < count; i = Atomics.add(next, 0, 1)) out.push([i, deflateRawSync(new Uint8Array(shared, offsets[i], offsets[i + 1] - offsets[i]), { level })]);
parentPort.postMessage(out);
`;

/** Below this much data a worker (about 30 ms to start) costs more than it saves. */
const PARALLEL_MIN_BYTES = 1024 * 1024;

/**
 * Raw-deflates each buffer at `level`, on two cores when there is enough
 * data: this thread and a worker take buffers one at a time from a shared
 * counter. zlib gives the same bytes for the same input and level on either
 * thread, so the archive does not depend on how the work was shared.
 */
export async function deflateAll(datas: readonly Uint8Array[], level: number): Promise<Uint8Array[]> {
  const total = datas.reduce((n, d) => n + d.byteLength, 0);
  if (total < PARALLEL_MIN_BYTES || availableParallelism() < 2) return datas.map((d) => new Uint8Array(deflateRawSync(d, { level })));
  const next = new Int32Array(new SharedArrayBuffer(4));
  // The data in one shared buffer: the worker reads it where it is instead of getting a copy of the whole book.
  const shared = new SharedArrayBuffer(total);
  const offsets = [0];
  for (const d of datas) {
    new Uint8Array(shared, offsets.at(-1)!, d.byteLength).set(d);
    offsets.push(offsets.at(-1)! + d.byteLength);
  }
  const theirs = new Promise<[number, Uint8Array][]>((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { shared, offsets, next, level } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the deflate worker stopped (exit code ${code})`)));
  });
  const out: Uint8Array[] = new Array(datas.length);
  for (let i = Atomics.add(next, 0, 1); i < datas.length; i = Atomics.add(next, 0, 1)) out[i] = new Uint8Array(deflateRawSync(datas[i]!, { level }));
  for (const [i, body] of await theirs) out[i] = new Uint8Array(body);
  return out;
}
