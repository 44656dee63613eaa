// Builds one corpus in one format in its own process, so its peak memory is its own.
// Prints one JSON line: { ms, maxRssMb, bytes, pages }.
import { buildAnthology } from '../dist/pipeline/index.js';

const [input, out, format] = process.argv.slice(2);
const t0 = performance.now();
const r = await buildAnthology({ inputs: [input], outDir: out, formats: [format], title: 'Bench', env: { SOURCE_DATE_EPOCH: '0' } });
const ms = performance.now() - t0;
const o = r.report.outputs[0];
if (r.exitCode !== 0 || !o) {
  console.error(JSON.stringify(r.report.diagnostics.filter((d) => d.severity === 'error').slice(0, 5)));
  process.exit(1);
}
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: o.bytes, pages: o.pages ?? null }));
