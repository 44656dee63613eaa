import PDFDocument from 'pdfkit';
import type { Anthology } from '../../model.js';
import type { Theme } from './theme.js';
import { keepOffsets } from './refs.js';
import { useXmp, xmpPacket } from './xmp.js';

/** Every known story author once, in reading order, then the editor. */
function people(anthology: Anthology): string[] {
  const { editor } = anthology.meta;
  return unique([...anthology.stories.flatMap((s) => s.meta.authors), ...(editor ? [editor] : [])]);
}

/** Keywords: the word "anthology", then series names and fandoms, each once. */
export function keywords(anthology: Anthology): string[] {
  const series = anthology.stories.flatMap((s) => (s.meta.series ? [s.meta.series.name] : []));
  const fandoms = anthology.stories.flatMap((s) => s.meta.details.filter((d) => d.key === 'fandom').flatMap((d) => d.value.split(/\s*,\s*/)));
  return unique(['anthology', ...series, ...fandoms].map((k) => k.trim()).filter((k) => k !== ''));
}

/**
 * The document information dictionary: title, authors (every known story
 * author once, in reading order, then the editor), description, keywords
 * and dates. Dates come from the build date so that the bytes are reproducible.
 */
export function documentInfo(anthology: Anthology): PDFKit.DocumentInfo {
  const { meta } = anthology;
  const date = buildDate(anthology);
  const names = people(anthology);
  const info: PDFKit.DocumentInfo = {
    Title: meta.title,
    Keywords: keywords(anthology).join(', '),
    Creator: 'anthologist',
    CreationDate: date,
    ModDate: date,
  };
  // pdfkit writes every key it is given, so absent values must stay absent.
  if (names.length > 0) info.Author = names.join(', ');
  if (meta.description) info.Subject = meta.description;
  return info;
}

function buildDate(anthology: Anthology): Date {
  const date = new Date(anthology.meta.modified);
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid build date: ${JSON.stringify(anthology.meta.modified)}`);
  return date;
}

/**
 * A new pdfkit document for one layout pass, sized by the theme's page
 * preset. No page is added yet (the caller's Flow must be listening first).
 *
 * - `tagged`: a structure tree and MarkInfo, for screen readers (PDF 1.7).
 * - `font: null`: pdfkit would otherwise open Helvetica, and every font it
 *   opens is written into the file; the flow selects every font it uses.
 * - XMP metadata is the emitter's own packet (see `useXmp`), escaped.
 * - Not `bufferPages`: it keeps every page in memory until the end.
 * - Its cross-reference offsets are kept in a typed array (`keepOffsets`).
 */
export function createDocument(anthology: Anthology, theme: Theme): PDFKit.PDFDocument {
  const { meta } = anthology;
  const { width, height } = theme.page;
  const options = {
    size: [width, height],
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    font: null,
    pdfVersion: '1.7',
    tagged: true,
    lang: meta.language,
    displayTitle: true,
    info: documentInfo(anthology),
  };
  const doc = new PDFDocument(options as unknown as PDFKit.PDFDocumentOptions);
  keepOffsets(doc);
  const info = documentInfo(anthology);
  useXmp(
    doc,
    xmpPacket({
      title: meta.title,
      creators: people(anthology),
      ...(meta.description ? { description: meta.description } : {}),
      keywords: keywords(anthology),
      language: meta.language,
      identifier: meta.identifier,
      ...(meta.publisher ? { publisher: meta.publisher } : {}),
      date: buildDate(anthology).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      producer: 'PDFKit',
      creatorTool: info.Creator ?? 'anthologist',
    }),
  );
  return doc;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
