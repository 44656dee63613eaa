// npm run bench: builds synthetic corpora of about 30 thousand, 1 million and
// 5 million words as EPUB and PDF, and prints wall time, peak memory and pages
// per second; where pandoc (and WeasyPrint) are installed, the same stories as
// clean Markdown are given to them and the ratio is printed.
// It also builds both formats in one process (the book is read once), and
// measures an incremental rebuild: a full build with the cache, one story
// edited, the rebuild, and a check that the rebuild's bytes equal a clean build's.
// BENCH_SIZES=small,1m limits the corpora (names: small, 1m, 5m);
// BENCH_PEERS=0 skips pandoc; pandoc is not run on the 5m corpus unless BENCH_PEERS=all.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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

function ours(dir, formats, { out = join(root, 'out'), cache = false } = {}) {
  const r = spawnSync(process.execPath, [join(here, 'build-one.mjs'), dir, out, formats, ...(cache ? ['--cache'] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${formats} build failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const peersFor = (size) => process.env.BENCH_PEERS !== '0' && (size.name !== '5m' || process.env.BENCH_PEERS === 'all');

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
const rebuilds = [];
console.log(`node ${process.version}, ${execFileSync('nproc').toString().trim()} cores; corpora in ${root}`);
for (const size of SIZES) {
  const dir = join(root, size.name);
  const words = writeCorpus(dir, size.stories, size.words);
  for (const formats of ['epub', 'pdf', 'epub,pdf']) {
    const r = ours(dir, formats);
    const pages = r.outputs.find((o) => o.format === 'pdf')?.pages ?? null;
    const peer = formats.includes(',') || !peersFor(size) ? null : pandoc(`${dir}-md`, formats);
    const bytes = r.outputs.reduce((n, o) => n + o.bytes, 0);
    rows.push({ corpus: size.name, stories: size.stories, words, format: formats.replace(',', ' + '), seconds: r.ms / 1000, peakMb: r.maxRssMb, pages, pagesPerSec: pages ? pages / (r.ms / 1000) : null, mb: bytes / 1048576, peer: peer ? peer.ms / r.ms : null, peerSeconds: peer ? peer.ms / 1000 : null, hadPeer: peersFor(size) && !formats.includes(',') });
    const last = rows.at(-1);
    console.log(`${size.name.padEnd(6)} ${String(words).padStart(9)} words  ${last.format.padEnd(11)} ${fmt(last.seconds).padStart(7)} s  peak ${fmt(last.peakMb, 0).padStart(5)} MB  ${pages ? `${pages} pages, ${fmt(last.pagesPerSec, 0)} pages/s` : ''}${last.peer ? `  pandoc ${fmt(last.peerSeconds, 1)} s (${fmt(last.peer, 1)}× ours)` : ''}`);
  }
  if (size.stories >= 1000) rebuilds.push(incremental(size, dir));
}
console.log('\n| corpus | stories | words | format | wall (s) | peak (MB) | pages | pages/s | output (MB) | pandoc (s) | pandoc ÷ ours |');
console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.corpus} | ${r.stories} | ${r.words} | ${r.format} | ${fmt(r.seconds)} | ${fmt(r.peakMb, 0)} | ${r.pages ?? '—'} | ${fmt(r.pagesPerSec, 0)} | ${fmt(r.mb)} | ${r.peer ? fmt(r.peerSeconds, 1) : r.hadPeer ? 'not installed' : '—'} | ${r.peer ? fmt(r.peer, 1) : '—'} |`);
if (rebuilds.length) {
  console.log('\n| corpus | build from scratch (s) | first build, filling the cache (s) | rebuild after editing 1 story (s) | rebuild ÷ from scratch | same bytes as a clean build |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const r of rebuilds) console.log(`| ${r.corpus} | ${fmt(r.clean)} | ${fmt(r.full)} | ${fmt(r.rebuild)} | ${fmt(r.ratio * 100, 0)} % | ${r.same ? 'yes' : 'NO'} |`);
}
if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });

/** Full build with the cache, one story edited, rebuild; the rebuild's bytes must equal a clean build's. */
function incremental(size, dir) {
  const out = join(root, `cached-${size.name}`);
  const full = ours(dir, 'epub,pdf', { out, cache: true });
  const story = readdirSync(dir).sort()[Math.floor(size.stories / 2)];
  appendFileSync(join(dir, story), '\nOne more sentence, added to measure a rebuild.\n');
  const rebuild = ours(dir, 'epub,pdf', { out, cache: true });
  const clean = ours(dir, 'epub,pdf', { out: join(root, `clean-${size.name}`) });
  const same = JSON.stringify(rebuild.outputs) === JSON.stringify(clean.outputs);
  // Compared with a build from scratch (no cache read or written): what a rebuild saves.
  const r = { corpus: size.name, full: full.ms / 1000, clean: clean.ms / 1000, rebuild: rebuild.ms / 1000, ratio: rebuild.ms / clean.ms, same };
  console.log(`${size.name.padEnd(6)} rebuild after editing ${story}: ${fmt(r.rebuild)} s, ${fmt(r.ratio * 100, 0)} % of a build from scratch (${fmt(r.clean)} s; with the cache filled ${fmt(r.full)} s); same bytes as a clean build: ${same ? 'yes' : 'NO'}`);
  return r;
}
