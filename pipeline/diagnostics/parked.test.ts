import { describe, expect, it } from 'vitest';
import { Spill } from '../shared/spill.js';
import { ParkedBatches, type Disk } from './parked.js';

describe('ParkedBatches', () => {
  it("keeps a packing disk's places as numbers, joins batches written one after another, and gives them back in order", () => {
    const spill = Spill.create();
    try {
      const parked = new ParkedBatches();
      const a = spill.write('a,');
      spill.write('a story part between');
      const b = spill.write('b,');
      const c = spill.write('c,');
      parked.push(0, spill, a);
      parked.push(1, spill, b);
      // Right after b in the file and in the list: joined.
      parked.push(1, spill, c);
      expect(parked.length).toBe(2);
      expect((parked as unknown as { objects: unknown[] }).objects).toEqual([]);
      const batches = [...parked];
      expect(batches.map((x) => [x.at, spill.read(x.place as never)])).toEqual([
        [0, 'a,'],
        [1, 'b,c,'],
      ]);
      expect(batches.every((x) => x.disk === spill)).toBe(true);
    } finally {
      spill.close();
    }
  });

  it('keeps the places of a disk that cannot pack them as they are, joined in place', () => {
    const texts: string[] = [];
    const disk: Disk<number[]> = {
      write: (text) => [texts.push(text) - 1],
      read: (place) => place.map((i) => texts[i]).join(''),
      join: (first, next) => (first[first.length - 1]! + 1 === next[0] ? [...first, ...next] : undefined),
    };
    const parked = new ParkedBatches();
    parked.push(0, disk, disk.write('x,'));
    parked.push(0, disk, disk.write('y,'));
    parked.push(5, disk, disk.write('z,'));
    expect([...parked].map((x) => [x.at, disk.read(x.place as number[])])).toEqual([
      [0, 'x,y,'],
      [5, 'z,'],
    ]);
    expect((parked as unknown as { objects: unknown[] }).objects).toHaveLength(2);
  });
});
