import { currentPage, outlineOf } from './outline.js';
import type { Flow } from './flow.js';

/** A clickable area over the full text width that jumps to a named destination; part of the open structure element. */
export function link(flow: Flow, top: number, height: number, name: string, description: string): void {
  if (!flow.doc) return;
  // A String object: pdfkit writes a plain string as a PDF name.
  const options = { structParent: flow.tags.current, Contents: new String(description) };
  flow.doc.goTo(flow.left, top, flow.width, height, name, options as unknown as PDFKit.Mixins.AnnotationOption);
}

/** Names the current page as a link target. */
export function anchor(flow: Flow, name: string): void {
  flow.doc?.addNamedDestination(name, 'Fit');
}

/** Adds a bookmark for the current page under `parent` (default: the top level); none in a dry flow. */
export function bookmark(flow: Flow, title: string, parent?: number): number | undefined {
  if (!flow.doc) return undefined;
  return outlineOf(flow.doc).add(title, currentPage(flow.doc), parent);
}
