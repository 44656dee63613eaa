// Run as `node --expose-gc tests/helpers/live-heap.mjs <stories folder> <output folder>` (after dist/ is built).
// Builds the PDF of the folder with every story spilled (`spillBytes: 0`, as a book over 4 MiB is) and,
// each time a block of the file is sealed, collects all garbage and samples what is still live. Prints one
// JSON line: the largest and the last live heap, in bytes, the number of samples, the pages and the peak RSS.
import v8 from 'node:v8';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const { buildAnthology } = await import(join(root, 'dist', 'pipeline', 'index.js'));
const { FileSink } = await import(join(root, 'dist', 'pipeline', 'emit', 'sink.js'));

const [input, outDir] = process.argv.slice(2);
const live = [];
const sealed = FileSink.prototype.sealed;
FileSink.prototype.sealed = function (block) {
  globalThis.gc();
  live.push(v8.getHeapStatistics().used_heap_size);
  return sealed.call(this, block);
};
const r = await buildAnthology({ inputs: [input], outDir, formats: ['pdf'], title: 'Live Heap', cache: false, spillBytes: 0, env: { SOURCE_DATE_EPOCH: '0' } });
if (r.exitCode !== 0) {
  console.error(JSON.stringify(r.report.diagnostics.filter((d) => d.severity === 'error')));
  process.exit(1);
}
console.log(JSON.stringify({
  maxLive: Math.max(...live),
  lastLive: live.at(-1),
  samples: live.length,
  pages: r.report.outputs[0].pages,
  maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
}));
