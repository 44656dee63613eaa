import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAnthology, UsageError, type BuildOptions, type BuildResult, type Progress } from '../../pipeline/index.js';
import { cleanup, sha256File, tempDir, writeTree } from '../helpers/robustness.js';

/**
 * anthologist as a library in one process: builds a program runs at once
 * (`Promise.all`) must not disturb each other.
 */

const work = tempDir('library-');
afterAll(() => cleanup(work));

/** Stories enough that setting their PDF takes a while. */
function longStories(dir: string, count: number): string {
  const words = ['night', 'river', 'lamp', 'said', 'the', 'stone', 'quiet', 'window', 'harbour', 'salt'];
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const paras = Array.from({ length: 60 }, (_, p) => `${Array.from({ length: 90 }, (_, j) => words[(i * 3 + p * 7 + j) % words.length]).join(' ')}.`);
    files[`s${String(i).padStart(3, '0')}.txt`] = `Story ${i}\nBy Writer ${i % 7}\n\n${paras.join('\n\n')}\n`;
  }
  return writeTree(dir, files);
}

describe('two builds at once in one process', () => {
  it('write the same book into the same folder without failing each other', async () => {
    const big = longStories(join(work, 'big'), 30);
    const small = writeTree(join(work, 'small'), { 'one.txt': 'A Short One\nBy Ann Example\n\nA few words.\n' });
    const out = join(work, 'same');
    const options: BuildOptions = { outDir: out, formats: ['pdf'], title: 'Shared', cache: false, env: { SOURCE_DATE_EPOCH: '0' } };
    // The second build starts while the first is writing its PDF, and writes a PDF of the same name.
    let second: Promise<BuildResult> | undefined;
    const first = buildAnthology({
      ...options,
      inputs: [big],
      onProgress: (p) => {
        if (p.stage === 'emit' && p.done === 0 && !second) second = buildAnthology({ ...options, inputs: [small] });
      },
    });
    const a = await first;
    const b = await second!;
    for (const r of [a, b]) {
      expect(r.report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.exitCode).toBe(0);
    }
    // The book on disk is one of the two, whole; no temporary file is left.
    expect([a.report.outputs[0]!.sha256, b.report.outputs[0]!.sha256]).toContain(sha256File(join(out, 'shared.pdf')));
    expect(readdirSync(out)).toEqual(['shared.pdf']);
  });
});

describe('options from JavaScript callers', () => {
  const stories = writeTree(join(work, 'opts-in'), { 'one.txt': 'A Short One\nBy Ann Example\n\nA few words.\n' });
  // Wrong on purpose: what a caller without the type declarations may pass.
  const wrong: [string, Record<string, unknown>, RegExp][] = [
    // Read letter by letter, an absolute path's first input was `/`: the whole disk.
    ['a string for inputs', { inputs: 'opts-in' }, /inputs must be an array of paths/u],
    ['a string for formats', { formats: 'epub' }, /formats must be an array/u],
    ['a misspelt option', { fromat: ['epub'] }, /Unknown option "fromat"/u],
    ['a number for outDir', { outDir: 5 }, /outDir must be a string/u],
    ['a string for strict', { strict: 'false' }, /strict must be true or false/u],
    ['a string for maxFileBytes', { maxFileBytes: '10' }, /maxFileBytes must be a number/u],
    ['a value for onProgress', { onProgress: true }, /onProgress must be a function/u],
    ['a number for cache', { cache: 1 }, /cache must be true, false or a folder/u],
    ['null for env', { env: null }, /env must be an object/u],
  ];
  it.each(wrong)('refuse %s with a UsageError naming the option, before writing anything', async (_, given, message) => {
    const outDir = join(work, 'never');
    const options = { inputs: ['opts-in'], outDir, cwd: work, cache: false, env: { SOURCE_DATE_EPOCH: '0' }, ...given } as unknown as BuildOptions;
    await expect(buildAnthology(options)).rejects.toThrow(UsageError);
    await expect(buildAnthology(options)).rejects.toThrow(message);
    expect(existsSync(outDir)).toBe(false);
  });

  it('refuse options that are not an object', async () => {
    await expect(buildAnthology(null as unknown as BuildOptions)).rejects.toThrow(/options must be an object/u);
  });

  it('take every documented option, undefined ones included', async () => {
    const given: Required<{ [K in keyof BuildOptions]: unknown }> = {
      inputs: [stories], outDir: join(work, 'all'), formats: ['epub'], config: undefined, title: 'All', language: 'en', order: 'title', page: 'a5',
      templates: undefined, strict: false, keepGoing: false, maxFileBytes: 1024, spillBytes: 1 << 20, cache: false, cwd: work,
      env: { SOURCE_DATE_EPOCH: '0' }, onProgress: () => {},
    };
    const r = await buildAnthology(given as BuildOptions);
    expect(r.exitCode).toBe(0);
    expect(r.report.outputs.map((o) => o.format)).toEqual(['epub']);
  });
});

describe('onProgress', () => {
  it('only moves forward, and ends with every stage done, when some stories come from the cache', async () => {
    const input = writeTree(join(work, 'progress-in'), {
      'a.txt': 'First Tale\nBy Ann Example\n\nSome words.\n',
      'b.txt': 'Second Tale\nBy Bo Example\n\nMore words.\n',
      'c.txt': 'Third Tale\nBy Cy Example\n\nLast words.\n',
    });
    const options: BuildOptions = { inputs: [input], outDir: join(work, 'progress'), formats: ['epub'], env: { SOURCE_DATE_EPOCH: '0' } };
    await buildAnthology(options);
    // The first story changes: the others are found in the cache before it is made again.
    writeTree(input, { 'a.txt': 'First Tale\nBy Ann Example\n\nSome other words.\n' });
    const seen: Progress[] = [];
    const r = await buildAnthology({ ...options, onProgress: (p) => seen.push(p) });
    expect(r.cache).toEqual({ hits: expect.any(Number), misses: expect.any(Number) });
    const stages = ['read', 'render', 'emit'];
    for (const [before, after] of seen.slice(1).map((p, i) => [seen[i]!, p] as const)) {
      const step = stages.indexOf(after.stage) - stages.indexOf(before.stage);
      expect(step >= 0 && (step > 0 || after.done >= before.done), `${JSON.stringify(before)} then ${JSON.stringify(after)}`).toBe(true);
    }
    expect(seen.filter((p) => p.stage === 'read').at(-1)).toMatchObject({ done: 3, total: 3 });
    expect(seen.at(-1)).toMatchObject({ stage: 'emit', done: 1, total: 1 });
  });
});
