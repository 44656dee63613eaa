import { parentPort, workerData } from 'node:worker_threads';
import { loadOne, type Loaded, type WorkerInput } from './story-work.js';

// The second core's share of a build's stories (see loadAll in story-work.ts):
// jobs are taken from the counter shared with the main thread until none are left.
const { jobs, shared, offsets, next } = workerData as WorkerInput;
const done: [number, Loaded][] = [];
for (let i = Atomics.add(next, 0, 1); i < jobs.length; i = Atomics.add(next, 0, 1)) {
  const bytes = new Uint8Array(shared, offsets[i]!, offsets[i + 1]! - offsets[i]!);
  done.push([i, loadOne({ ...jobs[i]!, bytes })]);
}
parentPort!.postMessage(done);
