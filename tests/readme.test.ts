import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Messages } from '../pipeline/diagnostics/index.js';
import { loadConfig } from '../pipeline/config/index.js';
import { configSchema, storyEntrySchema } from '../pipeline/config/schema.js';
import { CACHE_DIR } from '../pipeline/runner.js';
import { CACHE_FILE } from '../pipeline/cache/index.js';

/**
 * The README is a user's guide, so every example in it is run: each
 * `npx anthologist …` line (in order, in a folder holding the files the
 * examples name), the sample anthology.yaml, and the library snippet.
 */
const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'gu'))].map((m) => m[1]!);
const fixtures = join(root, 'pipeline', 'parse', 'fixtures');

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anth-readme-'));
  cpSync(join(root, 'seeds'), join(dir, 'seeds'), { recursive: true });
  mkdirSync(join(dir, 'stories'));
  for (const f of readdirSync(fixtures).filter((n) => /\.(?:txt|md)$/u.test(n))) cpSync(join(fixtures, f), join(dir, 'stories', f));
  writeFileSync(join(dir, 'a.txt'), 'First Light\nBy A. Writer\n\nThe sun came up over the hill.\n');
  writeFileSync(join(dir, 'b.txt'), 'Last Light\nBy B. Writer\n\nThe sun went down behind the sea.\n');
  mkdirSync(join(dir, 'editions'));
  writeFileSync(join(dir, 'editions', 'paperback.yaml'), 'title: Shapes in Paperback\npage: 6x9\norder: title\n');
  mkdirSync(join(dir, 'my-templates'));
  writeFileSync(join(dir, 'my-templates', 'style.css'), readFileSync(join(root, 'templates', 'style.css'), 'utf8') + '\nbody { line-height: 1.5; }\n');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'anthologist'), 'dir');
  return dir;
}

describe('README examples', () => {
  const dir = workspace();
  const commands = blocks('sh').flatMap((b) => b.split('\n')).filter((l) => l.startsWith('npx anthologist'));

  it('has examples for every command', () => {
    for (const c of ['build', 'lint', 'inspect', 'init']) expect(commands.some((l) => l.startsWith(`npx anthologist ${c}`))).toBe(true);
  });

  for (const line of commands) {
    const [cmd, comment = ''] = line.split(/\s+#\s+/u);
    const want = Number(/\bexit (\d)\b/u.exec(comment)?.[1] ?? 0);
    it(`${cmd} (exit ${want})`, () => {
      const bin = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'bin', 'anthologist.js'))}`;
      const r = spawnSync('sh', ['-c', cmd!.replace(/^npx anthologist/u, bin)], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
      expect(r.status, r.stderr).toBe(want);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /u);
    });
  }

  it('wrote what the examples say', () => {
    expect(existsSync(join(dir, 'output', 'seeds.epub'))).toBe(true);
    expect(existsSync(join(dir, 'output', 'winter-tales.pdf'))).toBe(true);
    expect(readdirSync(join(dir, 'dist')).sort()).toEqual([CACHE_DIR, 'stories.epub']);
    expect(readdirSync(join(dir, 'dist', CACHE_DIR))).toEqual([CACHE_FILE]);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).stories.length).toBeGreaterThan(5);
    expect(Array.isArray(JSON.parse(readFileSync(join(dir, 'lint.json'), 'utf8')))).toBe(true);
    expect(existsSync(join(dir, 'stories', 'anthology.yaml'))).toBe(true);
  });

  it('the sample anthology.yaml is valid and shows every key', async () => {
    const yaml = blocks('yaml')[0]!;
    const file = join(dir, 'sample.yaml');
    writeFileSync(file, yaml);
    const m = new Messages();
    expect(await loadConfig(file, 'sample.yaml', m)).not.toBeNull();
    expect(m.list).toEqual([]);
    for (const key of Object.keys(configSchema.shape)) expect(yaml).toMatch(new RegExp(`^${key}:`, 'mu'));
    for (const key of Object.keys(storyEntrySchema.shape)) expect(yaml).toMatch(new RegExp(`^\\s+(?:- )?${key}:`, 'mu'));
  });

  it('the library example runs', () => {
    const js = blocks('js')[0]!;
    writeFileSync(join(dir, 'example.mjs'), js);
    const r = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^0 \[/u);
    expect(r.stdout).toContain('stories.epub');
  });
});
