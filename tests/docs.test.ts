import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../pipeline/diagnostics/index.js';
import { RULES } from '../pipeline/normalise/typography.js';

const root = join(import.meta.dirname, '..');
const read = (f: string) => readFileSync(join(root, f), 'utf8');

describe('docs stay true to the code', () => {
  it('docs/diagnostics.md lists exactly the catalogue codes with their severities, and every typography rule', () => {
    const doc = read('docs/diagnostics.md');
    const rows = [...doc.matchAll(/^\| `([a-z]+\/[a-z-]+)` \| (error|warning|info) \|/gmu)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(catalogue).map(([c, r]) => [c, r.severity]));
    for (const r of RULES) expect(doc).toContain(`\`${r.code}\``);
  });

  it('README quick start has the two commands, and its exit codes match the runner', async () => {
    const readme = read('README.md');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    const { EXIT } = await import('../pipeline/runner.js');
    for (const [, code] of Object.entries(EXIT)) expect(readme).toMatch(new RegExp(`\\| ${code} \\|`, 'u'));
  });
});
