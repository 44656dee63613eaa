import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Compiles dist/ once, so tests of the installed binary run the code under test, never a stale build. */
export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}
