import { parentPort, workerData } from 'node:worker_threads';
import { generateCover } from './index.js';
import type { CoverText } from './design.js';

// Draws one cover off the main thread (see background.ts) and hands its PNG bytes back.
const { bytes } = generateCover(workerData as CoverText);
parentPort!.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
