import PDFDocument from 'pdfkit';
import type { Anthology } from '../../model.js';
import { fontPath } from './fonts.js';
import { PAGE } from './theme.js';

/**
 * The document information dictionary: title, authors (every known story
 * author once, in reading order, then the editor), description and dates.
 * Dates come from the build date so that the bytes are reproducible.
 */
export function documentInfo(anthology: Anthology): PDFKit.DocumentInfo {
  const { meta } = anthology;
  const date = new Date(meta.modified);
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid build date: ${JSON.stringify(meta.modified)}`);
  const people = unique([...anthology.stories.flatMap((s) => s.meta.authors), ...(meta.editor ? [meta.editor] : [])]);
  const series = unique(anthology.stories.flatMap((s) => (s.meta.series ? [s.meta.series.name] : [])));
  const info: PDFKit.DocumentInfo = {
    Title: meta.title,
    Keywords: ['anthology', ...series].join(', '),
    Creator: 'anthologist',
    CreationDate: date,
    ModDate: date,
  };
  // pdfkit writes every key it is given, so absent values must stay absent.
  if (people.length > 0) info.Author = people.join(', ');
  if (meta.description) info.Subject = meta.description;
  return info;
}

/**
 * A new pdfkit document for one layout pass. No page is added yet (the
 * caller's {@link Flow} must be listening first). The default font is the
 * regular Literata face: pdfkit would otherwise open Helvetica, and every
 * font it opens is written into the file.
 *
 * Not enabled, on purpose: `pdfVersion`, `tagged` and `subset` (they make
 * pdfkit write XMP metadata without escaping it) and `bufferPages` (it keeps
 * every page in memory).
 */
export function createDocument(anthology: Anthology): PDFKit.PDFDocument {
  return new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { ...PAGE.margins },
    autoFirstPage: false,
    font: fontPath('regular'),
    lang: anthology.meta.language,
    displayTitle: true,
    info: documentInfo(anthology),
  });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
