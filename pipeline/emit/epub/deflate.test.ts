import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { deflateAll, WORKER } from './deflate.js';
import { SharedPacker } from '../../shared/share.js';

describe('deflateAll', () => {
  it('gives the bytes one thread gives, in order, when a worker shares the work', async () => {
    // About 6 MB in 1,200 entries, well over the size at which a worker is started, and at level 9:
    // long enough for the worker to start and take its share.
    const datas = Array.from({ length: 1200 }, (_, i) => Buffer.from(`<p>Entry ${i}: ${'Ночь, улица, фонарь, аптека. '.repeat(40 + (i % 7))}</p>`, 'utf8'));
    expect(datas.reduce((n, d) => n + d.byteLength, 0)).toBeGreaterThan(1024 * 1024);
    const shared = await deflateAll(datas, 9);
    expect(shared).toHaveLength(1200);
    shared.forEach((body, i) => {
      expect(Buffer.from(body).equals(deflateRawSync(datas[i]!, { level: 9 }))).toBe(true);
      expect(inflateRawSync(body).equals(datas[i]!)).toBe(true);
    });
  });
  it('the worker alone deflates what it takes, as this thread would', async () => {
    // How much the worker takes in deflateAll depends on timing; here it has the counter to itself.
    const datas = Array.from({ length: 50 }, (_, i) => Buffer.from(`<p>${i} ${'Ночь, улица. '.repeat(20 + i)}</p>`, 'utf8'));
    const next = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const packer = new SharedPacker();
    const worker = new Worker(WORKER, { eval: true, workerData: { data: datas.map((d) => packer.pack(d)), turns: { next, port: port2 }, level: 6 }, transferList: [port2] });
    await new Promise((resolve, reject) => {
      worker.once('exit', resolve);
      worker.once('error', reject);
    });
    // Posted in batches, all there once it has ended.
    const done: [number, Uint8Array][] = [];
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) done.push(...(m.message as [number, Uint8Array][]));
    port1.close();
    expect(done.map(([i]) => i)).toEqual(datas.map((_, i) => i));
    for (const [i, body] of done) expect(Buffer.from(body).equals(deflateRawSync(datas[i]!, { level: 6 }))).toBe(true);
    // Each body comes with its own bytes only, not the zlib chunk it was a view of.
    for (const [, body] of done) expect(body.buffer.byteLength).toBe(body.byteLength);
  });
  it('deflates a small book on this thread', async () => {
    const [body] = await deflateAll([Buffer.from('tiny')], 6);
    expect(inflateRawSync(body!).toString()).toBe('tiny');
  });
});
