import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAnthology, type BuildOptions } from '../../pipeline/index.js';
import { CACHE_DIR } from '../../pipeline/runner.js';
import { CACHE_FILE } from '../../pipeline/cache/index.js';
import { cleanup, ROOT, sha256, tempDir } from '../helpers/robustness.js';

/**
 * A damaged build cache must never change a book or stop a build (README,
 * "The build cache"): a damaged record is made again and the file replaced
 * by a good one.
 */

const work = tempDir('anth-cache-damage-');
afterAll(() => cleanup(work));

const stories = join(work, 'stories');
cpSync(join(ROOT, 'seeds'), stories, { recursive: true });
for (let i = 1; i <= 4; i++) {
  writeFileSync(join(stories, `extra-${i}.txt`), `Story Number ${i}\nBy Writer ${i}\n\n"Hello," she said -- and the the door opened.\n\n\n\nIt was ${i} o'clock...\n`);
}

const options = (outDir: string, cache: BuildOptions['cache']): BuildOptions => ({ inputs: [stories], outDir, title: 'Damaged Tales', env: { SOURCE_DATE_EPOCH: '86400' }, cache });

/** A build's exit code, its books' hashes by format and its messages. */
async function build(outDir: string, cache: BuildOptions['cache'] = true) {
  const r = await buildAnthology(options(outDir, cache));
  const books = Object.fromEntries(r.report.outputs.map((o) => [o.format, sha256(readFileSync(join(outDir, o.path.split('/').pop()!)))]));
  return { exitCode: r.exitCode, books, diagnostics: r.report.diagnostics, cache: r.cache };
}

const clean = build(join(work, 'clean'), false);

describe('a damaged cache file', () => {
  const out = join(work, 'damaged');
  const file = join(out, CACHE_DIR, CACHE_FILE);
  let good: Buffer;

  it('is written by a first build', async () => {
    const first = await build(out);
    const want = await clean;
    expect(want.exitCode).toBe(0);
    expect(Object.keys(want.books).sort()).toEqual(['epub', 'pdf']);
    expect(first.books).toEqual(want.books);
    good = readFileSync(file);
    expect(good.length).toBeGreaterThan(10_000);
  });

  /** Writes `bytes` as the cache file, builds, and checks the build against a clean one and the file it left. */
  const rebuiltFrom = async (bytes: Uint8Array, what: string): Promise<void> => {
    writeFileSync(file, bytes);
    const again = await build(out);
    const want = await clean;
    expect(again.exitCode, what).toBe(0);
    expect(again.books, what).toEqual(want.books);
    expect(again.diagnostics, what).toEqual(want.diagnostics);
    // What was damaged was made again, and the file is a good one once more (entries are written by key, so the same bytes).
    expect(readFileSync(file).equals(good), `${what}: the file saved is the good one`).toBe(true);
  };

  it('with one byte flipped at any of 40 places: the same books and messages as a clean build, and the file repaired', async () => {
    for (let k = 0; k < 40; k++) {
      const at = Math.floor((k * (good.length - 1)) / 39);
      const bytes = Buffer.from(good);
      bytes.writeUInt8(bytes.readUInt8(at) ^ 0x20, at);
      await rebuiltFrom(bytes, `byte ${at} of ${good.length} flipped`);
    }
  }, 300_000);

  it('cut off, or of random bytes (with and without a good header): the same books and messages', async () => {
    for (const n of [10, 30, 200, Math.floor(good.length / 2), good.length - 1]) await rebuiltFrom(good.subarray(0, n), `cut off after ${n} bytes`);
    await rebuiltFrom(randomBytes(good.length), 'random bytes');
    // The header is the magic line and the fingerprint (its length, then it); records follow.
    const header = 24 + good.readUInt32LE(20);
    await rebuiltFrom(Buffer.concat([good.subarray(0, header), randomBytes(good.length - header)]), 'a good header, then random bytes');
  }, 120_000);
});
