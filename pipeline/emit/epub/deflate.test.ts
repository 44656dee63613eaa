import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateAll } from './deflate.js';
import { availableParallelism } from 'node:os';
import { workerJobs } from '../../shared/share.js';

describe('deflateAll', () => {
  it('gives the bytes one thread gives, in order, when a worker shares the work', async () => {
    // About 6 MB in 1,200 entries, well over the size at which a worker is started, and at level 9:
    // long enough for the worker to start and take its share.
    const datas = Array.from({ length: 1200 }, (_, i) => Buffer.from(`<p>Entry ${i}: ${'Ночь, улица, фонарь, аптека. '.repeat(40 + (i % 7))}</p>`, 'utf8'));
    expect(datas.reduce((n, d) => n + d.byteLength, 0)).toBeGreaterThan(1024 * 1024);
    const before = workerJobs.deflate ?? 0;
    const shared = await deflateAll(datas, 9);
    // On a machine with a second core, some entries were deflated by the worker.
    if (availableParallelism() > 1) expect((workerJobs.deflate ?? 0) - before).toBeGreaterThan(0);
    expect(shared).toHaveLength(1200);
    shared.forEach((body, i) => {
      expect(Buffer.from(body).equals(deflateRawSync(datas[i]!, { level: 9 }))).toBe(true);
      expect(inflateRawSync(body).equals(datas[i]!)).toBe(true);
    });
  });
  it('deflates a small book on this thread', async () => {
    const [body] = await deflateAll([Buffer.from('tiny')], 6);
    expect(inflateRawSync(body!).toString()).toBe('tiny');
  });
});
