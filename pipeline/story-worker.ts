import { parentPort, workerData } from 'node:worker_threads';
import { loadOne, type StoryJob } from './story-work.js';

// The second core's share of a build's stories (see loadAll in story-work.ts).
parentPort!.postMessage((workerData as StoryJob[]).map(loadOne));
