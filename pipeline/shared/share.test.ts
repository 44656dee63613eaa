import { describe, expect, it } from 'vitest';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { postTurns, SharedPacker, shareWork, takeTurns, workerJobs } from './share.js';

// A worker that squares the numbers it takes from the counter (an eval worker: no imports), posting them
// in batches of 7 (postTurns, written out), and raises a flag once it has taken one.
const SQUARES = `
const { workerData } = require('node:worker_threads');
const { turns, count, took } = workerData;
let out = [];
for (let i = Atomics.add(turns.next, 0, 1); i < count; i = Atomics.add(turns.next, 0, 1)) {
  out.push([i, i * i]);
  Atomics.store(took, 0, 1);
  Atomics.notify(took, 0);
  if (out.length < 7) continue;
  turns.port.postMessage(out);
  out = [];
}
if (out.length) turns.port.postMessage(out);
`;

describe('shareWork', () => {
  it('gives every result in job order, some of them done by the worker', async () => {
    const before = workerJobs.squares ?? 0;
    const count = 5000;
    const took = new Int32Array(new SharedArrayBuffer(4));
    let theirs = 0;
    const out = await shareWork('squares', count, (turns) => [SQUARES, { eval: true, workerData: { turns, count, took } }], (i) => {
      // This thread's first job waits (up to 20 s) for the worker to have taken one: both share the work, whatever the timing.
      if (i === 0) Atomics.wait(took, 0, 0, 20_000);
      return i * i;
    }, (v) => (theirs++, v));
    expect(out).toEqual(Array.from({ length: count }, (_, i) => i * i));
    expect((workerJobs.squares ?? 0) - before).toBeGreaterThan(0);
    // Each of the worker's results went through `theirs`.
    expect(theirs).toBe((workerJobs.squares ?? 0) - before);
  });
  it('does here what a worker that fails did not return, and keeps what it did', async () => {
    const before = workerJobs.failing ?? 0;
    // The worker takes 250 jobs, returns the first ten (negated, to be seen), says which they were, and fails;
    // this thread's first job waits for that, so that the worker is not too late to take any.
    const failing = `const { turns, took } = require('node:worker_threads').workerData;
      const first = Atomics.add(turns.next, 0, 250);
      turns.port.postMessage(Array.from({ length: 10 }, (_, k) => [first + k, -(first + k)]));
      Atomics.store(took, 0, first + 1);
      Atomics.notify(took, 0);
      throw new Error('boom');`;
    const took = new Int32Array(new SharedArrayBuffer(4));
    const out = await shareWork('failing', 500, (turns) => [failing, { eval: true, workerData: { turns, took } }], (i) => {
      if (i === 0) Atomics.wait(took, 0, 0, 20_000);
      return i + 1;
    });
    const first = Atomics.load(took, 0) - 1;
    expect(first).toBeGreaterThanOrEqual(0);
    expect(out).toEqual(Array.from({ length: 500 }, (_, i) => (i >= first && i < first + 10 ? -i : i + 1)));
    expect((workerJobs.failing ?? 0) - before).toBe(10);
  });
  it('does everything here when the worker cannot even start', async () => {
    const out = await shareWork('missing', 3, () => ['/no/such/worker.js', {}], (i) => i * 10);
    expect(out).toEqual([0, 10, 20]);
  });
});

describe('takeTurns and postTurns', () => {
  it('take each index once', () => {
    const next = new Int32Array(new SharedArrayBuffer(4));
    const seen: [number, number][] = [];
    takeTurns(next, 3, (i) => i * 2, (i, v) => seen.push([i, v]));
    takeTurns(next, 3, (i) => i * 2, (i, v) => seen.push([i, v]));
    expect(seen).toEqual([[0, 0], [1, 2], [2, 4]]);
  });
  it('post the results in batches, the last one short', () => {
    const { port1, port2 } = new MessageChannel();
    postTurns({ next: new Int32Array(new SharedArrayBuffer(4)), port: port2 }, 5, (i) => i, 2);
    const posted: unknown[] = [];
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) posted.push(m.message);
    port1.close();
    expect(posted).toEqual([[[0, 0], [1, 1]], [[2, 2], [3, 3]], [[4, 4]]]);
  });
});

describe('SharedPacker', () => {
  it('copies bytes into a few shared blocks, big items into their own, and a worker reads them without a copy', async () => {
    const packer = new SharedPacker();
    const small = [new Uint8Array([1, 2, 3]), new Uint8Array(1000).fill(7), new Uint8Array(0)];
    const views = small.map((b) => packer.pack(b));
    views.forEach((v, i) => expect([...v]).toEqual([...small[i]!]));
    expect(views.every((v) => v.buffer instanceof SharedArrayBuffer)).toBe(true);
    expect(views[1]!.buffer).toBe(views[0]!.buffer); // one block
    const big = packer.pack(new Uint8Array(2 * 1024 * 1024).fill(9));
    expect(big.buffer).not.toBe(views[0]!.buffer);
    expect(big.buffer.byteLength).toBe(2 * 1024 * 1024);
    expect(packer.pack(views[0]!)).toBe(views[0]); // already shared
    // The worker writes into the view it was sent: the same memory, not a copy.
    const { Worker } = await import('node:worker_threads');
    const w = new Worker('require("node:worker_threads").workerData[0] = 42; require("node:worker_threads").parentPort.postMessage(0)', { eval: true, workerData: views[0] });
    await new Promise((resolve) => w.once('message', resolve));
    await w.terminate();
    expect(views[0]![0]).toBe(42);
  });

  it('writes text as UTF-8 straight into shared memory, beside packed bytes, a big text in a block of its own', () => {
    const packer = new SharedPacker();
    const texts = ['', 'plain', '“Café” — ünïcödé … 😀 עברית', 'x'.repeat(700 * 1024)];
    const views = texts.map((t) => packer.packText(t));
    views.forEach((v, i) => expect(Buffer.from(v).equals(Buffer.from(texts[i]!, 'utf8')), `text ${i}`).toBe(true));
    expect(views.every((v) => v.buffer instanceof SharedArrayBuffer)).toBe(true);
    const bytes = packer.pack(new Uint8Array([5, 6]));
    // The small ones share a block, one after the other; the bytes packed next follow them.
    expect(views[2]!.buffer).toBe(views[1]!.buffer);
    expect(views[2]!.byteOffset).toBe(views[1]!.byteOffset + views[1]!.byteLength);
    expect(bytes.buffer).toBe(views[1]!.buffer);
    expect(bytes.byteOffset).toBe(views[2]!.byteOffset + views[2]!.byteLength);
    expect(views[3]!.buffer).not.toBe(views[1]!.buffer);
    expect(views[3]!.buffer.byteLength).toBe(700 * 1024);
  });
});

