import type { Messages } from '../../diagnostics/index.js';
import type { Anthology } from '../../model.js';
import type { EmitInput, Emitter, Streamed } from '../types.js';
import { ByteSink, type BookSink } from '../sink.js';
import { layoutBook, setBook, type BookLayout } from './book.js';
import { createDocument } from './document.js';
import { Flow } from './flow.js';
import type { MissingChars } from './setting.js';
import { writeInto } from './memory.js';
import { missingInBook, sayMissing } from './coverage.js';
import { outlineOf } from './outline.js';
import { themeFor } from './theme.js';

export type { BookLayout } from './book.js';

/**
 * Sets the book in one pass (`setBook`: the stories first, the front
 * matter last and moved to the front), handing the document's bytes to
 * `sink` as pdfkit writes them (the runner's sink writes them to the file).
 */
async function emitTo({ anthology, messages }: EmitInput, sink: BookSink): Promise<Streamed> {
  const theme = themeFor(anthology.meta.page, anthology.meta.language);
  const doc = createDocument(anthology, theme);
  writeInto(doc, sink);
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const flow = new Flow(doc, theme);
  const { pages } = await setBook(flow, anthology);
  flow.contents!.close();
  outlineOf(doc).write(doc);
  doc.end();
  await flow.contents!.finish();
  await done;
  reportMissing(messages, flow.setter.missing, anthology);
  return { pages };
}

/** The same PDF, whole in memory (for the library and tests). */
async function emit(input: EmitInput): Promise<Uint8Array> {
  const sink = new ByteSink();
  await emitTo(input, sink);
  return sink.bytes();
}

/** Where everything lands in the book: laid out dry (no document), in reading order, only breaking lines and turning pages. */
export function measure(anthology: Anthology): BookLayout {
  return layoutBook(new Flow(undefined, themeFor(anthology.meta.page, anthology.meta.language)), anthology);
}

/**
 * One message per story file whose text has characters no font can draw,
 * at the line (and column, in a paragraph) of the first of them, and one
 * for the book's own text (its title, the editor's name), so that the
 * editor can find what the PDF leaves out. The places and counts are the
 * text's (`missingInBook`, as `lint` reports them), found again only for
 * the files where setting the book met such characters: setting knows only
 * the line of the block it sets, and counts a title each time it is drawn.
 * A character setting met that the text did not show is said too, where
 * setting met it: nothing left out goes unsaid.
 */
function reportMissing(messages: Messages, drawn: ReadonlyMap<string, MissingChars>, anthology: Anthology): void {
  if (drawn.size === 0) return;
  const found = missingInBook(anthology, new Set(drawn.keys()));
  const known = new Set([...found.values()].flatMap((m) => [...m.chars.keys()]));
  for (const m of found.values()) sayMissing(messages, m);
  for (const { at, chars } of drawn.values()) {
    const rest = new Map([...chars].filter(([c]) => !known.has(c)));
    if (rest.size > 0) sayMissing(messages, { at, chars: rest });
  }
}

/** The PDF emitter: a book set in Literata (with fallback fonts), tagged, with contents, outline, running heads and page numbers. */
export const pdfEmitter: Emitter = { format: 'pdf', extension: 'pdf', emit, emitTo, warnsWhileWriting: true };
