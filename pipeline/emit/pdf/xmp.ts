/** What the XMP packet says about the book; values are plain text, escaped here. */
export interface XmpFields {
  title: string;
  creators: readonly string[];
  /** Who made the book without writing its stories: the editor. */
  contributors: readonly string[];
  description?: string;
  keywords: readonly string[];
  language: string;
  identifier: string;
  publisher?: string;
  /** ISO 8601 date. */
  date: string;
  producer: string;
  creatorTool: string;
}

/** Characters XML 1.0 does not allow, even escaped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text escaped for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const li = (v: string, lang?: string): string => `<rdf:li${lang ? ` xml:lang="${lang}"` : ''}>${xmlEscape(v)}</rdf:li>`;
const alt = (v: string): string => `<rdf:Alt>${li(v, 'x-default')}</rdf:Alt>`;
const bag = (vs: readonly string[]): string => `<rdf:Bag>${vs.map((v) => li(v)).join('')}</rdf:Bag>`;

/**
 * The XMP metadata packet: Dublin Core (title, creators, contributors, description,
 * subjects, language, identifier, publisher), XMP dates and the PDF
 * keywords. Written by the emitter itself because pdfkit puts the
 * document information into its own packet without escaping it, so a
 * title such as "Tales & <Stories>" would make the XML unreadable.
 */
export function xmpPacket(f: XmpFields): string {
  const props = [
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(f.title)}</dc:title>`,
    f.creators.length ? `<dc:creator><rdf:Seq>${f.creators.map((c) => li(c)).join('')}</rdf:Seq></dc:creator>` : '',
    f.contributors.length ? `<dc:contributor>${bag(f.contributors)}</dc:contributor>` : '',
    f.description ? `<dc:description>${alt(f.description)}</dc:description>` : '',
    f.keywords.length ? `<dc:subject>${bag(f.keywords)}</dc:subject>` : '',
    `<dc:language>${bag([f.language])}</dc:language>`,
    `<dc:identifier>${xmlEscape(f.identifier)}</dc:identifier>`,
    f.publisher ? `<dc:publisher>${bag([f.publisher])}</dc:publisher>` : '',
    `<xmp:CreateDate>${f.date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${f.date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${f.date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xmlEscape(f.creatorTool)}</xmp:CreatorTool>`,
    `<pdf:Producer>${xmlEscape(f.producer)}</pdf:Producer>`,
    f.keywords.length ? `<pdf:Keywords>${xmlEscape(f.keywords.join(', '))}</pdf:Keywords>` : '',
  ].filter((p) => p !== '');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    ...props,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** The document parts `writeXmp` needs: pdfkit's private object writer and catalog. */
interface PdfkitInternals {
  ref(data: Record<string, unknown>): { compress: boolean; write(chunk: Uint8Array): void; end(): void };
  _root: { data: Record<string, unknown> };
  endMetadata(): void;
}

/**
 * Makes the document write `xml` as its metadata stream (uncompressed, as
 * XMP wants, so that tools can find it) in place of pdfkit's own packet.
 */
export function useXmp(doc: PDFKit.PDFDocument, xml: string): void {
  const d = doc as unknown as PdfkitInternals;
  d.endMetadata = () => {
    const bytes = new TextEncoder().encode(xml);
    const ref = d.ref({ Type: 'Metadata', Subtype: 'XML' });
    ref.compress = false;
    ref.write(bytes);
    ref.end();
    d._root.data.Metadata = ref;
  };
}
