// Builds one corpus in its own process, so its peak memory is its own.
// Usage: node bench/build-one.mjs <input> <outDir> <formats, comma-separated> [--cache]
// Without --cache the build is from scratch (no cache read or written).
// Prints one JSON line: { ms, maxRssMb, outputs: [{ format, bytes, pages, sha256 }], cache }.
import { buildAnthology, tuneHeap } from '../dist/pipeline/index.js';

// As the command line does: what a user building a book gets.
tuneHeap();

const [input, out, formats, flag] = process.argv.slice(2);
const t0 = performance.now();
const r = await buildAnthology({ inputs: [input], outDir: out, formats: formats.split(','), title: 'Bench', cache: flag === '--cache', env: { SOURCE_DATE_EPOCH: '0' } });
const ms = performance.now() - t0;
if (r.exitCode !== 0 || r.report.outputs.length === 0) {
  console.error(JSON.stringify(r.report.diagnostics.filter((d) => d.severity === 'error').slice(0, 5)));
  process.exit(1);
}
const outputs = r.report.outputs.map((o) => ({ format: o.format, bytes: o.bytes, pages: o.pages ?? null, sha256: o.sha256 }));
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, outputs, cache: r.cache }));
