import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateAll } from './deflate.js';

describe('deflateAll', () => {
  it('gives the bytes one thread gives, in order, when a worker shares the work', async () => {
    // About 3 MB in 600 entries: over the size at which a worker is started.
    const datas = Array.from({ length: 600 }, (_, i) => Buffer.from(`<p>Entry ${i}: ${'Ночь, улица, фонарь, аптека. '.repeat(40 + (i % 7))}</p>`, 'utf8'));
    expect(datas.reduce((n, d) => n + d.byteLength, 0)).toBeGreaterThan(1024 * 1024);
    const shared = await deflateAll(datas, 6);
    expect(shared).toHaveLength(600);
    shared.forEach((body, i) => {
      expect(Buffer.from(body).equals(deflateRawSync(datas[i]!, { level: 6 }))).toBe(true);
      expect(inflateRawSync(body).equals(datas[i]!)).toBe(true);
    });
  });
  it('deflates a small book on this thread', async () => {
    const [body] = await deflateAll([Buffer.from('tiny')], 6);
    expect(inflateRawSync(body!).toString()).toBe('tiny');
  });
});
