import { deflateRawSync } from 'node:zlib';
import { availableParallelism } from 'node:os';
import { SharedPacker, shareWork } from '../../shared/share.js';

/** zlib's output chunk for `d` (see deflateAll); the worker is given this function's source. */
const chunkFor = (d: Uint8Array): number => Math.max(64, Math.min(16384, d.byteLength));

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
const chunkFor = ${chunkFor.toString()};
let out = [];
// postTurns (pipeline/shared/share.ts), written out: an eval worker cannot import it.
// Each body an exact-size copy whose memory is handed over, not copied: zlib gives a view of a chunk of
// 16 KB or more, and a view posted as it is takes all of its chunk along (a book of 60,000 small pages
// took 670 MB to pack).
const post = () => turns.port.postMessage(out, out.map(([, body]) => body.buffer));
for (let i = Atomics.add(turns.next, 0, 1); i < data.length; i = Atomics.add(turns.next, 0, 1)) {
  out.push([i, new Uint8Array(deflateRawSync(data[i], { level, chunkSize: chunkFor(data[i]) }))]);
  if (out.length < 16) continue;
  post();
  out = [];
}
if (out.length) post();
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
  // zlib writes into chunks of `chunkSize` (16 KB by default) and gives a view of the first when it holds
  // everything: a chunk no larger than the page keeps a book of many small pages from making 16 KB of
  // garbage each. The deflated bytes do not depend on it.
  const deflate = (d: Uint8Array): Uint8Array => new Uint8Array(deflateRawSync(d, { level, chunkSize: chunkFor(d) }));
  const total = datas.reduce((n, d) => n + d.byteLength, 0);
  if (total < PARALLEL_MIN_BYTES || availableParallelism() < 2) return datas.map(deflate);
  // Views of shared memory: the worker reads the entries where they are.
  const packer = new SharedPacker();
  const data = datas.map((d) => packer.pack(d));
  return shareWork('deflate', datas.length, (turns) => [WORKER, { eval: true, workerData: { data, turns, level } }], (i) => deflate(datas[i]!));
}
