import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { available, EPUBCHECK_JAR } from './helpers/tools.js';

const run = promisify(execFile);

/** Vitest reports an error thrown by a global teardown but still exits 0: set the exit code ourselves. */
function fail(message: string): void {
  console.error(`\nFAIL epub audit: ${message}`);
  process.exitCode = 1;
}

/**
 * Compiles dist/ once, so tests of the installed binary run the code under
 * test, never a stale build. Sets up the EPUB audit (tests/epub-audit.ts)
 * and, at the end, runs epubcheck on every EPUB the tests built in-process:
 * any error or warning fails the run.
 */
export default function setup(): () => Promise<void> {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  const audit = mkdtempSync(join(tmpdir(), 'anth-epub-audit-'));
  process.env.ANTHOLOGIST_EPUB_AUDIT = audit;
  // Every temporary folder the tests (and the builds they run) make goes in one folder of this
  // run, removed at the end: a test that forgets to clean up must not fill /tmp run after run.
  const scratch = mkdtempSync(join(tmpdir(), 'anth-test-run-'));
  // Open like /tmp itself: some tests run the build as another user (nobody).
  chmodSync(scratch, 0o1777);
  const outerTmp = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  return async () => {
    if (outerTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outerTmp;
    rmSync(scratch, { recursive: true, force: true });
    const books = readdirSync(audit).filter((f) => f.endsWith('.epub'));
    try {
      if (!available.epubcheck) {
        if (process.env.CI) fail('epubcheck (java -jar /usr/bin/epubcheck) is required in CI to check every EPUB the tests built');
        console.warn(`epub audit: epubcheck not installed, ${books.length} EPUBs not checked`);
        return;
      }
      const problems: string[] = [];
      // Two at a time: one JVM per core.
      for (let i = 0; i < books.length; i += 2) {
        await Promise.all(books.slice(i, i + 2).map(async (b) => {
          const out = await run('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', EPUBCHECK_JAR, join(audit, b)], { maxBuffer: 1 << 24 }).then((r) => r.stdout + r.stderr, (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}\nERROR: epubcheck failed`);
          for (const l of out.split('\n')) if (/^(?:ERROR|FATAL|WARNING)/u.test(l)) problems.push(`${b}: ${l}`);
        }));
      }
      console.info(`epub audit: epubcheck ran on all ${books.length} distinct EPUBs built in-process; ${problems.length} problems`);
      if (problems.length) fail(`epubcheck found problems in EPUBs the tests built:\n${problems.slice(0, 30).join('\n')}`);
    } finally {
      rmSync(audit, { recursive: true, force: true });
    }
  };
}
