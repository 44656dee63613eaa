import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { epubEmitter } from '../pipeline/emit/epub/index.js';

/**
 * Runs in every test worker: each EPUB the tests build in-process is kept
 * (once per distinct content) so the global teardown can run epubcheck on
 * every one of them, not only on the books the EPUB tests check themselves.
 */
const dir = process.env.ANTHOLOGIST_EPUB_AUDIT;
if (dir) {
  const emit = epubEmitter.emit;
  epubEmitter.emit = async (input) => {
    const bytes = await emit(input);
    writeFileSync(join(dir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.epub`), bytes);
    return bytes;
  };
}
