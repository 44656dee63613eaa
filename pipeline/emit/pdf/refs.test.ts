import { describe, expect, it } from 'vitest';
import { Ids, joinRows, refsTo } from './refs.js';

describe('Ids and refsTo', () => {
  it('writes its numbers as references, past a block of 4,096 and past 32 bits', () => {
    const ids = new Ids();
    const numbers = Array.from({ length: 10_000 }, (_, i) => 3 * i + 1);
    numbers.push(2 ** 33);
    for (const n of numbers) ids.push(n);
    expect(refsTo(ids)).toBe(numbers.map((n) => `${n} 0 R`).join(' '));
    expect(refsTo(new Ids())).toBe('');
  });

  it('joins rows a block at a time as one join would', () => {
    const row = (i: number): string => `    ${i} ${2 * i} 0 R`;
    expect(joinRows(9000, row, '\n')).toBe(Array.from({ length: 9000 }, (_, i) => row(i)).join('\n'));
    expect(joinRows(1, row, '\n')).toBe(row(0));
    expect(joinRows(0, row, '\n')).toBe('');
  });
});
