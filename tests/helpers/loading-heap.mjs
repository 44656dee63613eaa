// Run as `node --expose-gc tests/helpers/loading-heap.mjs <stories folder> <output folder>` (after dist/ is built).
// Builds the EPUB of the folder with every story spilled (`spillBytes: 0`, as a big book's are) and, when
// loading has started 95 % of the stories, collects all garbage and samples what is still live: what the
// stories made so far keep while the rest are made. Prints one JSON line: the sample and the stories.
import v8 from 'node:v8';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const { buildAnthology } = await import(join(root, 'dist', 'pipeline', 'index.js'));

const [input, outDir] = process.argv.slice(2);
let sample;
const onProgress = (p) => {
  if (p.stage !== 'read' || sample !== undefined || p.done < p.total * 0.95) return;
  globalThis.gc();
  sample = { started: p.done, live: v8.getHeapStatistics().used_heap_size };
};
const r = await buildAnthology({ inputs: [input], outDir, formats: ['epub'], title: 'Loading Heap', cache: false, spillBytes: 0, onProgress, env: { SOURCE_DATE_EPOCH: '0' } });
if (r.exitCode !== 0) {
  console.error(JSON.stringify(r.report.diagnostics.filter((d) => d.severity === 'error')));
  process.exit(1);
}
console.log(JSON.stringify({ ...sample, stories: r.report.stories.length }));
