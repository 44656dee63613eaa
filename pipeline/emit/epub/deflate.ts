import { deflateRawSync } from 'node:zlib';
import { availableParallelism } from 'node:os';
import { SharedPacker, shareWork } from '../../shared/share.js';

/**
 * The worker's source, inline (an `eval` worker), so that it runs the same
 * from the compiled package and from the TypeScript sources under test. It
 * takes entries (views of shared memory) from the counter it shares with
 * the main thread.
 */
export const WORKER = `
const { workerData } = require('node:worker_threads');
const { deflateRawSync } = require('node:zlib');
const { data, turns, level } = workerData;
let out = [];
// postTurns (pipeline/shared/share.ts), written out: an eval worker cannot import it.
for (let i = Atomics.add(turns.next, 0, 1); i < data.length; i = Atomics.add(turns.next, 0, 1)) {
  out.push([i, deflateRawSync(data[i], { level })]);
  if (out.length < 16) continue;
  turns.port.postMessage(out);
  out = [];
}
if (out.length) turns.port.postMessage(out);
`;

/** Below this much data a worker (about 30 ms to start) costs more than it saves. */
const PARALLEL_MIN_BYTES = 1024 * 1024;

/**
 * Raw-deflates each buffer at `level`, on two cores when there is enough
 * data (see {@link shareWork}). zlib gives the same bytes for the same input
 * and level on either thread, so the archive does not depend on how the
 * work was shared.
 */
export async function deflateAll(datas: readonly Uint8Array[], level: number): Promise<Uint8Array[]> {
  const deflate = (d: Uint8Array): Uint8Array => new Uint8Array(deflateRawSync(d, { level }));
  const total = datas.reduce((n, d) => n + d.byteLength, 0);
  if (total < PARALLEL_MIN_BYTES || availableParallelism() < 2) return datas.map(deflate);
  // Views of shared memory: the worker reads the entries where they are.
  const packer = new SharedPacker();
  const data = datas.map((d) => packer.pack(d));
  return shareWork('deflate', datas.length, (turns) => [WORKER, { eval: true, workerData: { data, turns, level } }], (i) => deflate(datas[i]!));
}
