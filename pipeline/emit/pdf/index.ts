import type { Anthology } from '../../model.js';
import type { EmitInput, Emitter } from '../types.js';
import { assertSameLayout, layoutBook, type BookLayout } from './book.js';
import { createDocument } from './document.js';
import { Flow } from './flow.js';

export type { BookLayout } from './book.js';

/**
 * The contents must print the page each story starts on before those pages
 * exist, so the book is laid out twice: first into a document whose output
 * is thrown away, to learn the page numbers, then for real.
 */
async function emit({ anthology }: EmitInput): Promise<Uint8Array> {
  const measured = measure(anthology);
  const doc = createDocument(anthology);
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  assertSameLayout(measured, layoutBook(new Flow(doc), { anthology, measured }));
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The measuring pass: lays the book out into a document whose bytes are discarded. */
export function measure(anthology: Anthology): BookLayout {
  const doc = createDocument(anthology);
  doc.on('data', () => {}); // a sink: without a reader pdfkit would keep every byte in memory
  return layoutBook(new Flow(doc), { anthology });
}

/** The PDF emitter: an A5 book set in Literata, with contents, outline and page numbers. */
export const pdfEmitter: Emitter = { format: 'pdf', extension: 'pdf', emit };
