import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
