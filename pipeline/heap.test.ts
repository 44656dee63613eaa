import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, tuneHeap } from './heap.js';

describe('tuneHeap', () => {
  it("sets V8's heap growth unless the process was started with its own", () => {
    const set: string[] = [];
    expect(tuneHeap([], (f) => set.push(f))).toBe(true);
    expect(tuneHeap(['--enable-source-maps'], (f) => set.push(f))).toBe(true);
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, `--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
    for (const own of [['--heap-growing-percent=20'], ['--optimize-for-size'], ['--inspect', '--no-optimize-for-size']]) {
      expect(tuneHeap(own, (f) => set.push(f))).toBe(false);
    }
    expect(set).toHaveLength(2);
    // Not a flag that merely starts the same way.
    expect(tuneHeap(['--heap-growing-percentage=3'], (f) => set.push(f))).toBe(true);
  });
});
