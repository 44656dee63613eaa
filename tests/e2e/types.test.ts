import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, ROOT, tempDir, writeTree } from '../helpers/robustness.js';

/**
 * The type declarations the package ships (dist/, compiled by the global
 * setup), as a program that installed the package sees them: imported by
 * its name, under the strictest usual settings, with no types but Node's.
 * Each documented option and result field is used with its documented type.
 */

const work = tempDir('types-');
afterAll(() => cleanup(work));

const CONSUMER = `
import { buildAnthology, EXIT, UsageError, catalogue, tuneHeap } from 'anthologist';
import type { Anthology, BuildOptions, BuildResult, Diagnostic, Output, Progress, RemovedLine, Report, Severity, Story, StoryReport } from 'anthologist';

const seen: Progress[] = [];
const onProgress = (p: Progress): void => {
  const stage: 'read' | 'render' | 'emit' = p.stage;
  const label: string | undefined = p.label;
  seen.push({ stage, done: p.done, total: p.total, ...(label !== undefined ? { label } : {}) });
};
const options: BuildOptions = {
  inputs: ['stories'], outDir: 'dist', formats: ['epub', 'pdf'], config: 'anthology.yaml', title: 'T', language: 'en',
  order: 'author', page: '6x9', templates: 'templates', strict: true, keepGoing: true, maxFileBytes: 1, spillBytes: 2,
  cache: '.cache', cwd: '/', env: { SOURCE_DATE_EPOCH: '0' }, onProgress,
};
const noCache: BuildOptions = { cache: false };
export async function run(): Promise<number> {
  let result: BuildResult;
  try {
    result = await buildAnthology(options);
  } catch (e) {
    if (e instanceof UsageError) return EXIT.usage;
    throw e;
  }
  const report: Report = result.report;
  const outputs: Output[] = report.outputs;
  for (const o of outputs) [o.format, o.path, o.sha256].map((s: string) => s) && [o.bytes].map((n: number) => n) && o.pages?.toFixed();
  for (const s of report.stories as StoryReport[]) [s.file, s.title, ...s.authors].concat(String(s.words + s.chapters), String(s.untitled));
  for (const r of report.removed as RemovedLine[]) [r.pos.file, r.reason, r.text].concat(String(r.pos.line));
  for (const d of report.diagnostics as Diagnostic[]) { const sev: Severity = d.severity; [d.code, d.message, sev, d.file ?? '', String(d.line ?? 0)]; }
  const reused: number = (result.cache?.hits ?? 0) + (result.cache?.misses ?? 0);
  const first: Story | undefined = (null as Anthology | null)?.stories[0];
  return result.exitCode + reused + Object.keys(catalogue).length + Number(tuneHeap()) + Number(first === undefined) + Number(noCache.cache);
}
`;

describe('the shipped type declarations', () => {
  it('compile a strict program that uses every documented option and result field', () => {
    const dir = join(work, 'consumer');
    writeTree(dir, {
      'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true, types: ['node'] },
        files: ['consumer.ts'],
      }),
      'consumer.ts': CONSUMER,
    });
    mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
    symlinkSync(ROOT, join(dir, 'node_modules', 'anthologist'), 'dir');
    symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
    let out = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    expect(out).toBe('');
  });
});
