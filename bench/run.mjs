// npm run bench: builds synthetic corpora of about 30 thousand, 1 million and
// 5 million words as EPUB and PDF, and prints wall time, peak memory and pages
// per second; where pandoc (and WeasyPrint) are installed, the same stories as
// clean Markdown are given to them and the ratio is printed.
// BENCH_SIZES=small,1m limits the corpora (names: small, 1m, 5m).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus } from './corpus.mjs';

const here = import.meta.dirname;
const SIZES = [
  { name: 'small', stories: 3, words: 30_000 },
  { name: '1m', stories: 1000, words: 1_000_000 },
  { name: '5m', stories: 5000, words: 5_000_000 },
].filter((s) => !process.env.BENCH_SIZES || process.env.BENCH_SIZES.split(',').includes(s.name));

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const root = mkdtempSync(join(tmpdir(), 'anth-bench-'));

function ours(dir, format) {
  const r = spawnSync(process.execPath, [join(here, 'build-one.mjs'), dir, join(root, 'out'), format], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${format} build failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function timed(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  return r.status === 0 ? { ms, maxRssMb: Number(r.stderr.trim().split('\n').pop()) / 1024 } : null;
}

function pandoc(mdDir, format) {
  if (!has('pandoc') || (format === 'pdf' && !has('weasyprint'))) return null;
  const files = readdirSync(mdDir).sort().map((f) => join(mdDir, f));
  const out = join(root, `peer.${format}`);
  return format === 'epub' ? timed('pandoc', ['-t', 'epub3', '-o', out, ...files]) : timed('pandoc', ['--pdf-engine=weasyprint', '-o', out, ...files]);
}

const fmt = (n, d = 2) => (n === null || n === undefined ? '—' : n.toFixed(d));
const rows = [];
console.log(`node ${process.version}, ${execFileSync('nproc').toString().trim()} cores; corpora in ${root}`);
for (const size of SIZES) {
  const dir = join(root, size.name);
  const words = writeCorpus(dir, size.stories, size.words);
  for (const format of ['epub', 'pdf']) {
    const r = ours(dir, format);
    const peer = pandoc(`${dir}-md`, format);
    rows.push({ corpus: size.name, stories: size.stories, words, format, seconds: r.ms / 1000, peakMb: r.maxRssMb, pages: r.pages, pagesPerSec: r.pages ? r.pages / (r.ms / 1000) : null, mb: r.bytes / 1048576, peer: peer ? peer.ms / r.ms : null });
    const last = rows.at(-1);
    console.log(`${size.name.padEnd(6)} ${String(words).padStart(9)} words  ${format.padEnd(4)} ${fmt(last.seconds).padStart(7)} s  peak ${fmt(last.peakMb, 0).padStart(5)} MB  ${last.pages ? `${last.pages} pages, ${fmt(last.pagesPerSec, 0)} pages/s` : ''}${last.peer ? `  pandoc ${fmt(last.peer, 1)}× slower` : ''}`);
  }
}
console.log('\n| corpus | stories | words | format | wall (s) | peak (MB) | pages | pages/s | output (MB) | pandoc ÷ ours |');
console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.corpus} | ${r.stories} | ${r.words} | ${r.format} | ${fmt(r.seconds)} | ${fmt(r.peakMb, 0)} | ${r.pages ?? '—'} | ${fmt(r.pagesPerSec, 0)} | ${fmt(r.mb)} | ${r.peer ? fmt(r.peer, 1) : 'not installed'} |`);
if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });
