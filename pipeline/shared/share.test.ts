import { describe, expect, it } from 'vitest';
import { shareBytes, sharedItem, shareWork, takeTurns, workerJobs } from './share.js';

// A worker that squares the numbers it takes from the counter (an eval worker: no imports).
const SQUARES = `
const { parentPort, workerData } = require('node:worker_threads');
const { next, count } = workerData;
const out = [];
for (let i = Atomics.add(next, 0, 1); i < count; i = Atomics.add(next, 0, 1)) out.push([i, i * i]);
parentPort.postMessage(out);
`;

describe('shareWork', () => {
  it('gives every result in job order, some of them done by the worker', async () => {
    const before = workerJobs.squares ?? 0;
    const count = 5000;
    const out = await shareWork('squares', count, (next) => [SQUARES, { eval: true, workerData: { next, count } }], (i) => {
      // Slow enough here for the worker to start and take its share.
      let x = 0;
      for (let k = 0; k < 100_000; k++) x += k;
      return x >= 0 ? i * i : -1;
    });
    expect(out).toEqual(Array.from({ length: count }, (_, i) => i * i));
    expect((workerJobs.squares ?? 0) - before).toBeGreaterThan(0);
  });
  it('does here what a worker that fails did not return', async () => {
    const before = workerJobs.failing ?? 0;
    const out = await shareWork('failing', 500, (next) => [`Atomics.add(require('node:worker_threads').workerData.next, 0, 250); throw new Error('boom');`, { eval: true, workerData: { next } }], (i) => i + 1);
    expect(out).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(workerJobs.failing ?? 0).toBe(before);
  });
  it('does everything here when the worker cannot even start', async () => {
    const out = await shareWork('missing', 3, () => ['/no/such/worker.js', {}], (i) => i * 10);
    expect(out).toEqual([0, 10, 20]);
  });
});

describe('shareBytes', () => {
  it('packs items into one shared buffer, read back as views', () => {
    const items = [new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([3])];
    const shared = shareBytes(items);
    expect(shared.shared.byteLength).toBe(3);
    expect(items.map((_, i) => [...sharedItem(shared, i)])).toEqual([[1, 2], [], [3]]);
  });
  it('takeTurns takes each index once', () => {
    const next = new Int32Array(new SharedArrayBuffer(4));
    expect(takeTurns(next, 3, (i) => i)).toEqual([[0, 0], [1, 1], [2, 2]]);
    expect(takeTurns(next, 3, (i) => i)).toEqual([]);
  });
});
