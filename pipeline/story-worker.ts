import { parentPort, workerData } from 'node:worker_threads';
import { sharedItem, takeTurns } from './shared/share.js';
import { loadOne, type WorkerInput } from './story-work.js';

// The second core's share of a build's stories (see loadAll in story-work.ts).
const { jobs, bytes, next } = workerData as WorkerInput;
parentPort!.postMessage(takeTurns(next, jobs.length, (i) => loadOne({ ...jobs[i]!, bytes: sharedItem(bytes, i) })));
