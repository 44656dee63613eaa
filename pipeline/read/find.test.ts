import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Messages } from '../diagnostics/index.js';

/** Each listing `readdir` gave, held weakly: whether the finder still keeps it alive. */
const listings: WeakRef<object>[] = [];
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  const readdir = async (...args: Parameters<typeof fs.readdir>): Promise<unknown> => {
    const list = await (fs.readdir as (...a: unknown[]) => Promise<object>)(...args);
    listings.push(new WeakRef(list));
    return list;
  };
  return { ...fs, readdir };
});
const { findStoryFiles } = await import('./find.js');

const dir = mkdtempSync(join(tmpdir(), 'anth-find-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('findStoryFiles', () => {
  it('keeps no folder listing alive once it has returned: what follows runs outside the callback that resolved the last readdir', async () => {
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, `story-${i}.txt`), `Story ${i}\n`);
    const files = await findStoryFiles([dir], dir, new Messages());
    expect(files.map((f) => f.file)).toContain('story-7.txt');
    expect(listings.length).toBeGreaterThan(0);
    // Collected now, without a turn of the event loop: the load that follows is synchronous, and a listing
    // still alive here (a Dirent a file) stayed alive until every story was made.
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    expect(listings.filter((l) => l.deref() !== undefined)).toHaveLength(0);
  });
});

describe('findStoryFiles, paths', () => {
  const tree = mkdtempSync(join(tmpdir(), 'anth-find-paths-'));
  afterAll(() => rmSync(tree, { recursive: true, force: true }));
  mkdirSync(join(tree, 'in', 'a', 'b'), { recursive: true });
  for (const f of ['in/x.txt', 'in/Y.TXT', 'in/a/1.txt', 'in/a/b/2.md', 'in/a/note.text']) writeFileSync(join(tree, f), 'Story\n');
  writeFileSync(Buffer.from(`${join(tree, 'in')}/caf\xe9.txt`, 'latin1'), 'Story\n');

  it('shows each file from the working folder when inside it, whole when not, the working folder inside the input included', async () => {
    const from = async (inputs: string[], cwd: string) => (await findStoryFiles(inputs, cwd, new Messages())).map((f) => [f.file, f.abs]);
    const inside = await from(['in/'], tree);
    expect(inside).toEqual([
      ['in/Y.TXT', join(tree, 'in/Y.TXT')],
      ['in/a/1.txt', join(tree, 'in/a/1.txt')],
      ['in/a/b/2.md', join(tree, 'in/a/b/2.md')],
      ['in/caf%E9.txt', join(tree, 'in/caf%E9.txt')],
      ['in/x.txt', join(tree, 'in/x.txt')],
    ]);
    // The working folder is a sub-folder of the input: its stories are shown from it, the others whole.
    const below = await from([join(tree, 'in')], join(tree, 'in', 'a'));
    expect(below.map(([file]) => file)).toEqual([join(tree, 'in/Y.TXT'), join(tree, 'in/caf%E9.txt'), join(tree, 'in/x.txt'), '1.txt', 'b/2.md']);
  });

  it('gives a file whose name is not UTF-8 a normalised path, in a folder named with a trailing slash or a "."', async () => {
    for (const input of [`${join(tree, 'in')}/`, `${tree}/./in`]) {
      const odd = (await findStoryFiles([input], '/', new Messages())).find((f) => f.raw);
      expect(odd?.abs).toBe(join(tree, 'in', 'caf%E9.txt'));
      expect(Buffer.from(odd!.raw!).toString('latin1')).toBe(`${join(tree, 'in')}/caf\xe9.txt`);
    }
  });
});
