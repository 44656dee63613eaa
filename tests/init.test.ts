import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument } from 'yaml';
import { cli } from './helpers/cli.js';
import { buildAnthology, CACHE_DIR } from '../pipeline/runner.js';
import { loadConfig } from '../pipeline/config/index.js';
import { Messages } from '../pipeline/diagnostics/index.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'anthologist.js');
const COVER = join(root, 'pipeline', 'emit', 'epub', 'fixtures', 'cover.jpg');

/** A temp folder `in/` holding the files (sub-folders made as needed); returns its absolute path. */
function stories(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'anth-init-')), 'in');
  mkdirSync(dir);
  for (const [n, c] of Object.entries(files)) {
    mkdirSync(join(dir, n, '..'), { recursive: true });
    writeFileSync(join(dir, n), c);
  }
  return dir;
}

const HARBOUR = 'Harbour Night\nBy Q. Tester\n\nThe lantern swung in the wind.\n\nEnd of the night.\n';
const SNOW = 'First Snow\nBy A. Writer\n\nSnow fell on the harbour.\n';
const UNTITLED = 'Nobody wrote a title for this one, it simply begins.\n\nIt goes on with care.\n';

/** An anthology.yaml with every key an editor may write, comments, a plain-string entry and per-story corrections. */
const EDITED = `# The editor's own notes: keep them.
title: Keep
subtitle: Sub # beside a value
editor: Ed
publisher: Pub
description: D
date: 2024-12-01
cover: art/cover.jpg
page: 6x9
typography: off
order: title

stories:
  # Checked against the original.
  - file: a.txt
    permission: granted by email
    series: S
    part: 2
    notes: [end]
    order: 3
  - c.txt
`;

/** Reads an anthology.yaml the way the build does; fails the test on any message. */
async function config(path: string) {
  const messages = new Messages();
  const cfg = await loadConfig(path, 'anthology.yaml', messages);
  expect(messages.list).toEqual([]);
  return cfg;
}

function bytesOf(out: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(out).filter((f) => f !== CACHE_DIR).map((f) => [f, readFileSync(join(out, f))]));
}

describe('anthology.yaml paths', () => {
  it('init names files relative to the anthology.yaml folder, and a build from another folder follows them', async () => {
    const top = mkdtempSync(join(tmpdir(), 'anth-init-'));
    for (const [f, c] of [['i3/a/19.txt', HARBOUR], ['i3/b/14_two_authors.txt', SNOW]] as const) {
      mkdirSync(join(top, f, '..'), { recursive: true });
      writeFileSync(join(top, f), c);
    }
    const r = spawnSync(process.execPath, [bin, 'init', 'i3/a/19.txt', 'i3/b'], { cwd: top, encoding: 'utf8' });
    expect(r.stderr).toContain('wrote i3/a/anthology.yaml: 2 stories');
    expect(r.status).toBe(0);
    const path = join(top, 'i3', 'a', 'anthology.yaml');
    expect((await config(path))!.stories!.map((s) => s.file)).toEqual(['../b/14_two_authors.txt', '19.txt']);
    // The editor corrects a title and reverses the order.
    const doc = parseDocument(readFileSync(path, 'utf8'));
    const list = doc.get('stories');
    if (!isSeq(list) || !isMap(list.items[0])) throw new Error('no stories');
    list.items[0].set('title', 'Snow, Corrected');
    list.items.reverse();
    writeFileSync(path, doc.toString());
    for (const [cwd, inputs] of [[join(top, 'i3'), ['a/19.txt', 'b']], [tmpdir(), [join(top, 'i3/a/19.txt'), join(top, 'i3/b')]]] as const) {
      const b = await buildAnthology({ inputs: [...inputs], cwd, outDir: join(top, 'out'), formats: ['epub'], env: {} });
      expect(b.report.diagnostics.filter((d) => d.code.startsWith('config/'))).toEqual([]);
      expect(b.exitCode).toBe(0);
      expect(b.report.stories.map((s) => s.title)).toEqual(['Harbour Night', 'Snow, Corrected']);
    }
  });

  it('two entries for one file are a configuration error at the second', async () => {
    const dir = stories({ 'a.txt': HARBOUR, 'c.txt': SNOW });
    const path = join(dir, 'anthology.yaml');
    writeFileSync(path, 'stories:\n  - file: a.txt\n    title: First\n  - c.txt\n  - file: ./a.txt\n    title: Second\n');
    const r = await cli(['lint', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${path}:5:5 error stories[2]: "./a.txt" names the same story file as stories[0] (line 2): a file may have one entry [config/invalid]\n`);
    const b = await cli(['build', dir, '-o', join(dir, '..', 'out'), '--format', 'epub']);
    expect(b.code).toBe(2);
  });
});
