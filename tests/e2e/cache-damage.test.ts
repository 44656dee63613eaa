import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAnthology, type BuildOptions } from '../../pipeline/index.js';
import { CACHE_DIR } from '../../pipeline/runner.js';
import { CACHE_FILE } from '../../pipeline/cache/index.js';
import { cacheCorpus, cleanup, expectNoCrash, ROOT, runCli, sha256, tempDir } from '../helpers/robustness.js';

/**
 * A damaged build cache, or one that cannot be used, must never change a
 * book or stop a build (README, "The build cache"): a damaged record is
 * made again and the file replaced by a good one; a cache folder that
 * cannot be opened or saved is built without, with a warning.
 */

const work = tempDir('anth-cache-damage-');
afterAll(() => cleanup(work));

const stories = cacheCorpus(work);

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

describe('a cache that cannot be used', () => {
  /** A build with the cache unusable: the clean build's books and messages, and one warning about the cache. */
  const expectBuiltWithout = async (r: Awaited<ReturnType<typeof build>>, says: RegExp): Promise<void> => {
    const want = await clean;
    expect(r.exitCode).toBe(0);
    expect(r.books).toEqual(want.books);
    const warnings = r.diagnostics.filter((d) => d.code === 'build/cache-unusable');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.severity).toBe('warning');
    expect(`${warnings[0]!.file} ${warnings[0]!.message}`).toMatch(says);
    expect(r.diagnostics.filter((d) => d.code !== 'build/cache-unusable')).toEqual(want.diagnostics);
  };

  it('a file where the cache folder goes: built without it, with a warning; the file is left alone', async () => {
    const out = join(work, 'cache-is-a-file');
    mkdirSync(out);
    writeFileSync(join(out, CACHE_DIR), 'mine');
    await expectBuiltWithout(await build(out), /^\S+\.anthologist-cache The build cache cannot be used \(EEXIST/u);
    expect(readFileSync(join(out, CACHE_DIR), 'utf8')).toBe('mine');
  });

  it('a cache folder that cannot be made (a file in its path): built without it, with a warning', async () => {
    const blocker = join(work, 'blocker');
    writeFileSync(blocker, 'a file, not a folder');
    await expectBuiltWithout(await build(join(work, 'out-blocked'), join(blocker, 'cache')), /cache The build cache cannot be used \(ENOTDIR/u);
    expect(statSync(blocker).isFile()).toBe(true);
  });

  // As root, a read-only folder can still be written: run the CLI as "nobody" to test a real EACCES.
  const canDropPrivileges = process.getuid?.() === 0 && process.platform === 'linux' && (statSync(ROOT).mode & 0o005) === 0o005;
  it.skipIf(!canDropPrivileges)('(as nobody) an output folder that cannot be written: the same errors and exit code as --no-cache, no internal error', async () => {
    const dir = join(work, 'ro');
    mkdirSync(join(dir, 'out'), { recursive: true });
    cpSync(stories, join(dir, 'in'), { recursive: true });
    chmodSync(work, 0o755);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'out'), 0o555);
    const args = ['build', join(dir, 'in'), '-o', join(dir, 'out'), '--json'];
    const [cached, uncached] = await Promise.all([runCli(args, { uid: 65534 }), runCli([...args, '--no-cache'], { uid: 65534 })]);
    expectNoCrash(cached);
    expectNoCrash(uncached);
    expect(uncached.code).toBe(1);
    expect(cached.code).toBe(uncached.code);
    // The messages name the temporary file, by process id.
    const errors = (r: typeof cached) => r.report!.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, message: d.message.replace(/\.\d+\.tmp\b/u, '.tmp') }));
    expect(errors(uncached).map((d) => d.code)).toEqual(['build/emit-failed', 'build/emit-failed']);
    expect(errors(cached)).toEqual(errors(uncached));
    expect(cached.report!.diagnostics.filter((d) => d.code === 'build/cache-unusable').map((d) => `${d.severity} ${d.message}`)).toEqual([
      "warning The build cache could not be saved (EACCES): the next build cannot reuse this one's work",
    ]);
    expect(cached.report!.diagnostics.length).toBe(uncached.report!.diagnostics.length + 1);
  });
});
