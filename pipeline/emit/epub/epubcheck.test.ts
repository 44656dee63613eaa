import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOOKS, emit, epubcheck, runEpubcheck } from './fixtures/helpers.js';

/*
 * epubcheck on every kind of book the EPUB tests build: 0 errors and 0
 * warnings (USAGE and INFO notes are advice, not faults). The books are
 * checked concurrently; each run starts a JVM. Without epubcheck the check
 * is skipped on a developer's machine and fails in CI.
 */
const work = mkdtempSync(join(tmpdir(), 'anthologist-epubcheck-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(runEpubcheck).concurrent('epubcheck', () => {
  it.each(Object.entries(BOOKS))('%s book: 0 errors, 0 warnings', async (name, make) => {
    const report = await epubcheck(await emit(make()), work, name);
    expect(report.problems).toEqual([]);
    expect(report.counts).toEqual({ fatal: 0, error: 0, warning: 0 });
  });
});
