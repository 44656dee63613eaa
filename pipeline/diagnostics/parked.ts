import { Ids } from '../shared/ids.js';

/**
 * Where `Messages.take` parks records: a spill file, or a stand-in. `join`,
 * if given, returns one place for two written one right after the other
 * (undefined if they were not), read back as the text of both. `pack` and
 * `unpack`, if given, turn a place into two numbers and back.
 */
export interface Disk<P> {
  write(text: string): P;
  read(place: P): string;
  join?(first: P, next: P): P | undefined;
  pack?(place: P): [number, number];
  unpack?(a: number, b: number): P;
}

/** One parked batch: where in the list it goes back, and where it waits. */
export interface ParkedBatch<P> {
  at: number;
  disk: Disk<P>;
  place: P;
}

/**
 * Batches of records parked on disks, in the order parked, kept as numbers.
 * A big book parks a batch for nearly every story (a story's messages are
 * written the moment it is made, between its text's parts, so one story's
 * seldom follow another's in the file), and kept as an object each, with
 * its place another object, they were about 100 bytes a story until the
 * report.
 */
export class ParkedBatches {
  private readonly at = new Ids(16);
  private readonly disk = new Ids(16);
  /** A place as its two numbers (`Disk.pack`), or its index in `objects` and 0. */
  private readonly a = new Ids(16);
  private readonly b = new Ids(16);
  private readonly disks: Disk<unknown>[] = [];
  private readonly objects: unknown[] = [];

  get length(): number {
    return this.at.length;
  }

  /** Parks a batch: joined with the last one if it goes back right after it and the disk can join them. */
  push<P>(at: number, disk: Disk<P>, place: P): void {
    const n = this.length;
    if (n > 0 && this.at.at(n - 1) === at && this.disks[this.disk.at(n - 1)] === disk && disk.join) {
      const joined = disk.join(this.placeAt(n - 1) as P, place);
      if (joined !== undefined) return this.setPlace(n - 1, disk, joined, false);
    }
    let d = this.disks.indexOf(disk as Disk<unknown>);
    if (d < 0) d = this.disks.push(disk as Disk<unknown>) - 1;
    this.at.push(at);
    this.disk.push(d);
    this.a.push(0);
    this.b.push(0);
    this.setPlace(n, disk, place, true);
  }

  /** The batches, in the order parked. */
  *[Symbol.iterator](): Iterator<ParkedBatch<unknown>> {
    for (let i = 0; i < this.length; i++) yield { at: this.at.at(i), disk: this.disks[this.disk.at(i)]!, place: this.placeAt(i) };
  }

  private placeAt(i: number): unknown {
    const disk = this.disks[this.disk.at(i)]!;
    return disk.unpack ? disk.unpack(this.a.at(i), this.b.at(i)) : this.objects[this.a.at(i)];
  }

  /** Sets batch `i`'s place: a `fresh` batch's, or a joined one in place of the one it had. */
  private setPlace<P>(i: number, disk: Disk<P>, place: P, fresh: boolean): void {
    if (disk.pack && disk.unpack) {
      const [a, b] = disk.pack(place);
      this.a.set(i, a);
      this.b.set(i, b);
    } else if (fresh) {
      this.a.set(i, this.objects.push(place) - 1);
    } else {
      this.objects[this.a.at(i)] = place;
    }
  }
}
