import { describe, expect, it } from 'vitest';
import { InOrder } from './in-order.js';

describe('InOrder', () => {
  it('uses results in index order, each as soon as those before it are in', () => {
    const used: string[] = [];
    const order = new InOrder<string>((v, i) => used.push(`${i}:${v}`));
    order.put(1, 'b');
    expect(used).toEqual([]);
    order.put(0, 'a');
    expect(used).toEqual(['0:a', '1:b']);
    order.put(3, 'd');
    order.put(2, 'c');
    expect(used).toEqual(['0:a', '1:b', '2:c', '3:d']);
    expect(order.used).toBe(4);
  });

  it('gives the same order whatever order the results come in', () => {
    const n = 50;
    const shuffled = Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7919) % 53) - ((b * 7919) % 53));
    const used: number[] = [];
    const order = new InOrder<number>((v) => used.push(v));
    for (const i of shuffled) order.put(i, i * 10);
    expect(used).toEqual(Array.from({ length: n }, (_, i) => i * 10));
  });
});
