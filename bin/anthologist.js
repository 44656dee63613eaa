#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script, or `npm run build`).
import { tuneHeap } from '../dist/pipeline/heap.js';
import { main } from '../dist/pipeline/cli.js';
import { removeTemporaryFiles } from '../dist/pipeline/runner.js';

// A big book's peak memory stays near what is live (see pipeline/heap.ts), unless node was given its own setting.
tuneHeap();

// Interrupted (Ctrl-C, or a CI runner's SIGTERM): remove half-written books' temporary files, keep the old books.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    removeTemporaryFiles();
    process.exit(code);
  });
}

process.exitCode = await main(process.argv.slice(2));
