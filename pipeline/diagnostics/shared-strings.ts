import type { Diagnostic } from '../model.js';

/**
 * A function that gives records' oft-repeated strings (code, severity,
 * file) one copy each, shared by every record it is given. Records read
 * back or copied from another thread have their own copy of every string,
 * and a big book has hundreds of thousands, kept to the end: read back
 * unshared, 200,000 records took about 570 bytes each, shared about 160.
 * Messages are shared too, the first {@link MESSAGES_SHARED} different ones
 * at most: many repeat (a doubled "the the", a removed "* * *"), and a
 * book of messages that never repeat must not fill a table as large as
 * they are. Assigned in place: the properties keep their order, and so the
 * report its bytes.
 */
export function stringSharer(): (records: Diagnostic[]) => Diagnostic[] {
  const one = pooled(Infinity);
  const message = pooled(MESSAGES_SHARED);
  return (records) => {
    for (const d of records) {
      d.code = one(d.code);
      d.severity = one(d.severity) as Diagnostic['severity'];
      if (d.file !== undefined) d.file = one(d.file);
      d.message = message(d.message);
    }
    return records;
  };
}

/** Different messages a {@link stringSharer} keeps one copy of. */
export const MESSAGES_SHARED = 65_536;

/** A function giving one copy of each string it is given, of the first `limit` different ones. */
function pooled(limit: number): (s: string) => string {
  const pool = new Map<string, string>();
  return (s) => {
    const known = pool.get(s);
    if (known !== undefined) return known;
    if (pool.size < limit) pool.set(s, s);
    return s;
  };
}
