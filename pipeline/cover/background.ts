import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Anthology } from '../model.js';
import { coverText, FILENAMES, readCoverFile, type CoverImage } from './declare.js';
import type { CoverText } from './design.js';
import { hashKey, type Cache } from '../cache/index.js';

/**
 * The cover stage, started early and run on another core: drawing a
 * 1600×2560 cover (and loading the fonts for it) takes about half a second,
 * which the rest of the EPUB build can use. The result is the same bytes as
 * `generateCover` or `readCoverFile` gives. Where the compiled worker is not beside this module
 * (running from the TypeScript sources, as the unit tests do) the cover is
 * drawn on this thread instead.
 */
export async function coverInBackground(anthology: Anthology, cache?: Cache): Promise<CoverImage> {
  const path = anthology.meta.cover;
  if (path) return readCoverFile(path);
  const text = coverText(anthology.meta, anthology.stories);
  // The same words always give the same picture.
  const key = cache && hashKey('cover', JSON.stringify(text));
  const hit = key === undefined ? undefined : cache!.get<Uint8Array>(key);
  if (hit) return { bytes: hit, mediaType: 'image/png', filename: FILENAMES['image/png'], generated: true };
  const made = await draw(text);
  if (key !== undefined) cache!.set(key, made.bytes);
  return made;
}

function draw(text: CoverText): Promise<CoverImage> {
  const script = new URL('./worker.js', import.meta.url);
  if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) {
    return import('./index.js').then((m) => m.generateCover(text));
  }
  return new Promise<CoverImage>((resolve, reject) => {
    const worker = new Worker(script, { workerData: text });
    worker.once('message', (bytes: Uint8Array) => resolve({ bytes: new Uint8Array(bytes), mediaType: 'image/png', filename: FILENAMES['image/png'], generated: true }));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the cover worker stopped (exit code ${code}) without a cover`)));
  });
}
