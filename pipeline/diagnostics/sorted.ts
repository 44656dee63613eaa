import type { Diagnostic } from '../model.js';
import type { Disk, ParkedBatches } from './parked.js';

/** A record's file as the report's order compares it: records about the whole book (no file) first. */
export const fileKey = (d: Diagnostic): string => d.file ?? '';

/** Compares strings by code unit (not locale), as `<` does. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorts diagnostics by file, line and column. Records without a file (about
 * the whole anthology) come first. Array.prototype.sort is stable, so records
 * at the same place keep the order the stages found them in. Strings compare
 * by code unit, not locale, so the order is the same on every machine.
 */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => compareText(fileKey(a), fileKey(b)) || compareInFile(a, b));
}

/** Two records of one file in the report's order: by line, then column. */
const compareInFile = (a: Diagnostic, b: Diagnostic): number => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

/**
 * A record with where it stands in the list `Messages` would read back: an
 * item before the batches parked at its index (`at`: 2k + 1 for item k, 2 ×
 * the batch's index for a parked record), a batch's records in its order.
 */
interface Placed {
  d: Diagnostic;
  at: number;
  batch: number;
  i: number;
}

/**
 * The records of `items` and of the batches `parked` among them, in
 * {@link sortDiagnostics}'s order, reading one batch back at a time (with
 * `read`). The batches' records must be in the order of their files, one
 * batch after another (as a big book's stories' are, each written as it is
 * made, in the order of their files); `Messages.sorted` checks that. Each
 * file's records, from memory and from disk, are sorted together, so the
 * order among records at one place is the list's, as a stable sort keeps it.
 */
export function* mergeParked(list: readonly Diagnostic[], parked: ParkedBatches, read: <P>(disk: Disk<P>, place: P) => Diagnostic[]): Generator<Diagnostic> {
  const items = list.map((d, k): Placed => ({ d, at: 2 * k + 1, batch: 0, i: 0 }));
  items.sort((x, y) => compareText(fileKey(x.d), fileKey(y.d)));
  const batches = parked[Symbol.iterator]();
  let batch: Placed[] = [];
  let next = 0;
  let b = 0;
  const peek = (): Placed | undefined => {
    while (next === batch.length) {
      const n = batches.next();
      if (n.done) return undefined;
      const { at, disk, place } = n.value;
      const number = b++;
      batch = read(disk, place).map((d, i) => ({ d, at: 2 * at, batch: number, i }));
      next = 0;
    }
    return batch[next];
  };
  let m = 0;
  for (;;) {
    const [p, q] = [peek(), items[m]];
    if (!p && !q) return;
    const file = !p ? fileKey(q!.d) : !q ? fileKey(p.d) : compareText(fileKey(p.d), fileKey(q.d)) <= 0 ? fileKey(p.d) : fileKey(q.d);
    const group: Placed[] = [];
    while (m < items.length && fileKey(items[m]!.d) === file) group.push(items[m++]!);
    for (let r = peek(); r && fileKey(r.d) === file; r = peek()) group.push(batch[next++]!);
    group.sort((x, y) => compareInFile(x.d, y.d) || x.at - y.at || x.batch - y.batch || x.i - y.i);
    for (const g of group) yield g.d;
  }
}
