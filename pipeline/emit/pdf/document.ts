import PDFDocument from 'pdfkit';
import type { Anthology } from '../../model.js';
import type { Theme } from './theme.js';
import { keepOffsets } from './offsets.js';
import { useXmp, xmpPacket } from './xmp.js';

/**
 * What the document says of its stories, from one walk of them (a big
 * book's metadata is read back from disk a story at a time): every known
 * story author once, in reading order; and the keywords, the word
 * "anthology", then series names and fandoms, each once. The editor is not
 * an author of the stories: the XMP names them as contributor, as the EPUB does.
 */
function bookTerms(anthology: Anthology): { names: string[]; keywords: string[] } {
  const authors: string[] = [];
  const series: string[] = [];
  const fandoms: string[] = [];
  for (const story of anthology.stories) {
    const meta = story.meta;
    authors.push(...meta.authors);
    if (meta.series) series.push(meta.series.name);
    for (const d of meta.details) if (d.key === 'fandom') fandoms.push(...d.value.split(/\s*,\s*/));
  }
  return {
    names: unique(authors),
    keywords: unique(['anthology', ...series, ...fandoms].map((k) => k.trim()).filter((k) => k !== '')),
  };
}

/**
 * The document information dictionary: title, authors (every known story
 * author once, in reading order; none when no author is known), description,
 * keywords and dates. Dates come from the build date so that the bytes are reproducible.
 */
export function documentInfo(anthology: Anthology, terms = bookTerms(anthology)): PDFKit.DocumentInfo {
  const { meta } = anthology;
  const date = buildDate(anthology);
  const info: PDFKit.DocumentInfo = {
    Title: meta.title,
    Keywords: terms.keywords.join(', '),
    Creator: 'anthologist',
    CreationDate: date,
    ModDate: date,
  };
  // pdfkit writes every key it is given, so absent values must stay absent.
  if (terms.names.length > 0) info.Author = terms.names.join(', ');
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
 * - Its cross-reference offsets are kept in blocks, most of them on disk (`keepOffsets`).
 */
export function createDocument(anthology: Anthology, theme: Theme): PDFKit.PDFDocument {
  const { meta } = anthology;
  const { width, height } = theme.page;
  const terms = bookTerms(anthology);
  const info = documentInfo(anthology, terms);
  const options = {
    size: [width, height],
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    font: null,
    pdfVersion: '1.7',
    tagged: true,
    lang: meta.language,
    displayTitle: true,
    info,
  };
  const doc = new PDFDocument(options as unknown as PDFKit.PDFDocumentOptions);
  keepOffsets(doc);
  useXmp(
    doc,
    xmpPacket({
      title: meta.title,
      creators: terms.names,
      contributors: meta.editor ? [meta.editor] : [],
      ...(meta.description ? { description: meta.description } : {}),
      keywords: terms.keywords,
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
