import { workerData } from 'node:worker_threads';
import { workerShare, type WorkerInput } from './story-work.js';

// The second core's share of a build's stories (see loadAll in story-work.ts).
workerShare(workerData as WorkerInput);
